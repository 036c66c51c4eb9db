"""Peak-memory helpers shared by the benchmarks: resident size and its high-water mark from /proc (Linux), and the
sampled peak of a process tree's proportional set size (a command with forked helpers)."""

from __future__ import annotations

import resource
import threading
from pathlib import Path


def rss_mb(field: str) -> float | None:
    """VmRSS / VmHWM of this process in MB from /proc (Linux), or None elsewhere."""
    status = Path("/proc/self/status")
    if not status.is_file():
        return None
    for line in status.read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return None


def reset_peak() -> bool:
    """Reset this process's RSS high-water mark (Linux: `echo 5 > /proc/self/clear_refs`)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def peak_mb(reset: bool) -> float:
    """The high-water mark since `reset_peak()` (when it succeeded), else ru_maxrss of the whole process."""
    hwm = rss_mb("VmHWM") if reset else None
    return hwm if hwm is not None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def tree_pss_mb(pid: int) -> float:
    """The sum of the proportional set size (Pss, /proc/<pid>/smaps_rollup) of process `pid` and every descendant,
    in MB: pages forked processes share count once; 0 where /proc has no such file."""
    total, todo = 0.0, [pid]
    while todo:
        current = todo.pop()
        try:
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
            children = [Path(task, "children").read_text() for task in Path(f"/proc/{current}/task").iterdir()]
        except OSError:  # ended meanwhile
            continue
        total += next((int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")), 0) / 1024
        todo += [int(child) for text in children for child in text.split()]
    return total


class TreePeak(threading.Thread):
    """The largest `tree_pss_mb(pid)` seen every `every` seconds until `stop` (a process's forked helpers counted
    with it). Reading smaps_rollup of a large process is not free: keep `every` well above a millisecond."""

    def __init__(self, pid: int, every: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.every, self.peak = pid, every, 0.0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(self.every):
            self.peak = max(self.peak, tree_pss_mb(self.pid))

    def stop(self) -> float:
        """Stop sampling: the peak seen."""
        self._done.set()
        self.join()
        return self.peak

"""Peak-memory helpers shared by the benchmarks: resident size and its high-water mark from /proc (Linux)."""

from __future__ import annotations

import resource
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

"""`paritrana explore` gives out its address once a page is answered at once: when Voilà listens and its kernel
started ahead has run the notebook (the season read and scored), not as soon as the port is open."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from paritrana_nb.explorer_server import _Stopper, _supervise
from paritrana_nb.explorer_voila import READY_FILE, ExplorerVoila


class _Running:
    """A process that runs until `end()`."""

    def __init__(self) -> None:
        self.returncode: int | None = None

    def poll(self) -> int | None:
        return self.returncode

    def end(self) -> None:
        self.returncode = 0


def test_the_address_is_printed_once_the_kernel_started_ahead_is_ready(tmp_path: Path, capsys) -> None:
    with socket.socket() as listening:
        listening.bind(("127.0.0.1", 0))
        listening.listen()
        port = listening.getsockname()[1]
        process = _Running()
        supervised = threading.Thread(
            target=_supervise, args=(process, _Stopper(), port, "http://address", tmp_path, "en")
        )
        supervised.start()
        try:
            time.sleep(0.5)  # Voilà listens, its kernel is still running the notebook
            assert "http://address" not in capsys.readouterr().out
            (tmp_path / READY_FILE).write_text("", encoding="utf-8")
            deadline = time.monotonic() + 10
            printed = ""
            while "http://address" not in printed and time.monotonic() < deadline:
                time.sleep(0.1)
                printed += capsys.readouterr().out
            assert "http://address" in printed
        finally:
            process.end()
            supervised.join(timeout=10)


def _voila(pools: dict[str, list[asyncio.Future]]) -> SimpleNamespace:
    """What _ready_when_preheated reads of ExplorerVoila: Voilà's pool of kernels started ahead, by notebook."""
    manager = SimpleNamespace(_pools=pools, notebook_path="penjelajah.ipynb")
    return SimpleNamespace(kernel_manager=manager, log=SimpleNamespace(exception=lambda *_: None))


@pytest.mark.parametrize("fails", [False, True])
def test_voila_says_it_is_ready_once_the_notebook_has_run_in_the_kernel_started_ahead(
    tmp_path: Path, monkeypatch, fails: bool
) -> None:
    monkeypatch.chdir(tmp_path)

    async def scenario() -> None:
        loop = asyncio.get_running_loop()
        started, notebook = loop.create_future(), loop.create_future()
        waiting = asyncio.ensure_future(ExplorerVoila._ready_when_preheated(_voila({"penjelajah.ipynb": [started]})))
        await asyncio.sleep(0.05)
        assert not (tmp_path / READY_FILE).exists()  # the kernel is starting
        started.set_result({"task": notebook, "kernel_id": "k"})
        await asyncio.sleep(0.05)
        assert not (tmp_path / READY_FILE).exists()  # the kernel runs the notebook
        if fails:  # a kernel that died: the page will say so, the address is given anyway
            notebook.set_exception(RuntimeError("kernel died"))
        else:
            notebook.set_result(([], None))
        await waiting
        assert (tmp_path / READY_FILE).exists()

    asyncio.run(scenario())

"""Forked processes: Ctrl-C ends a pool's process without a traceback of its own."""

from __future__ import annotations

import os
import signal
import time

import pytest

from paritrana_nb import forking


def _interrupted() -> str:
    os.kill(os.getpid(), signal.SIGINT)  # as the terminal's Ctrl-C reaches every process of the group
    time.sleep(5)
    return "not stopped"


@pytest.mark.skipif(not forking.can_fork(), reason="processes are not forked here")
def test_ctrl_c_ends_a_pools_process_quietly(capfd: pytest.CaptureFixture[str]) -> None:
    with forking.pool(1) as workers:
        job = workers.submit(_interrupted)
        with pytest.raises(SystemExit) as stopped:
            job.result(timeout=30)
    assert stopped.value.code == 130
    assert "Traceback" not in capfd.readouterr().err

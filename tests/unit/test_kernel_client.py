"""The kept kernels' client (`report/runner.py`): ready once the kernel answered kernel_info on the shell
channel and IOPub brought the idle status of that very request, whatever order the two channels keep."""

from __future__ import annotations

import asyncio
from queue import Empty
from typing import Any, ClassVar

import pytest

from paritrana_nb.report.runner import _ready_kernel_client


def _status(request: str, state: str) -> dict[str, Any]:
    return {"msg_type": "status", "content": {"execution_state": state}, "parent_header": {"msg_id": request}}


def _reply(request: str) -> dict[str, Any]:
    content = {"status": "ok", "protocol_version": "5.3"}
    return {"msg_type": "kernel_info_reply", "content": content, "parent_header": {"msg_id": request}}


class _Channel:
    """Answers get_msg from a script: a message, or Empty (nothing within the timeout)."""

    def __init__(self, script: list[dict[str, Any] | None]) -> None:
        self.script = script

    async def get_msg(self, timeout: float | None = None) -> dict[str, Any]:
        if not self.script:
            raise Empty
        message = self.script.pop(0)
        if message is None:
            raise Empty
        return message


def _client(shell: list[dict[str, Any] | None], iopub: list[dict[str, Any] | None]) -> Any:
    ready = _ready_kernel_client()

    class Scripted(ready):  # type: ignore[misc, valid-type]
        asked: ClassVar[list[str]] = []
        shell_channel = _Channel(shell)
        iopub_channel = _Channel(iopub)

        def kernel_info(self) -> str:
            self.asked.append(f"k{len(self.asked) + 1}")
            return self.asked[-1]

        async def _async_is_alive(self) -> bool:
            return True

    return Scripted()


def test_ready_once_the_answered_request_is_idle_on_iopub() -> None:
    client = _client([_reply("k1")], [_status("k1", "busy"), _status("k1", "idle")])
    asyncio.run(client.wait_for_ready(timeout=5))
    assert client.asked == ["k1"]
    assert client.iopub_channel.script == []


def test_a_reply_late_by_one_request_is_matched_to_the_idle_status_seen_before() -> None:
    # k1: no reply in time, and its idle status lost (IOPub not yet connected); k2's reply is k1's, while IOPub
    # brings k2's status; k3's reply is k2's: k2's idle was read already, so the client is ready
    shell = [None, _reply("k1"), _reply("k2")]
    iopub = [_status("k2", "busy"), _status("k2", "idle"), None, _status("k3", "busy")]
    client = _client(shell, iopub)
    asyncio.run(client.wait_for_ready(timeout=5))
    assert client.asked == ["k1", "k2", "k3"]


def test_a_kernel_that_never_reports_idle_times_out_with_the_error_a_retry_recognises() -> None:
    from paritrana_nb.report.runner import KERNEL_START_ERRORS

    client = _client([_reply(f"k{n}") for n in range(1, 50)], [])
    with pytest.raises(RuntimeError) as error:
        asyncio.run(client.wait_for_ready(timeout=0.5))
    assert any(text in str(error.value) for text in KERNEL_START_ERRORS)

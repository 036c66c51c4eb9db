"""`paritrana explore` as a real server on a free port: the token, the Host check, what a script on the
kernel websocket can do, the kernel cap and culling, and stopping on SIGTERM, SIGHUP and SIGINT with
every kernel and the temporary folder gone."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from http.client import HTTPMessage
from pathlib import Path

import nbformat
import psutil
import pytest
import websocket

from paritrana_nb.explorer_server import PREHEATED_KERNELS, prepare_notebook
from paritrana_nb.explorer_voila import CAP_WAIT_SECONDS

ROOT = Path(__file__).resolve().parents[2]
URL = re.compile(r"http://127\.0\.0\.1:(\d+)/\?token=([A-Za-z0-9_-]+)")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _command(process: psutil.Process) -> str:
    try:
        return " ".join(process.cmdline())
    except psutil.Error:  # ended, or a zombie its parent has not reaped yet
        return ""


class Explore:
    """`paritrana explore` started in its own process group (as from a terminal), with a private TMPDIR
    and a copy of the params folder."""

    def __init__(self, tmp_path: Path, *options: str) -> None:
        self.port = _free_port()
        self.temp = tmp_path / "tmp"
        self.temp.mkdir()
        self.params = tmp_path / "params"
        shutil.copytree(ROOT / "params", self.params)
        command = [
            sys.executable,
            "-m",
            "paritrana_nb.cli",
            "explore",
            "--season",
            "2025",
            "--port",
            str(self.port),
            "--data-dir",
            str(ROOT / "data"),
            "--params-dir",
            str(self.params),
            *options,
        ]
        self.log = (tmp_path / "server.log").open("w")
        self.process = subprocess.Popen(
            command,
            cwd=tmp_path,
            env={**os.environ, "TMPDIR": str(self.temp)},
            stdout=subprocess.PIPE,
            stderr=self.log,
            text=True,
            start_new_session=True,
        )
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        try:
            self.token = self._wait_for_url()
        except BaseException:
            self.close()
            raise

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)

    def _wait_for_url(self, seconds: float = 120) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and self.process.poll() is None:
            found = URL.search("".join(self.lines))
            if found:
                assert int(found.group(1)) == self.port
                return found.group(2)
            time.sleep(0.2)
        raise AssertionError(f"no token URL printed: {''.join(self.lines)!r}")

    def get(
        self, path: str = "/", host: str | None = None, method: str = "GET", **headers: str
    ) -> tuple[int, HTTPMessage, str]:
        """Status, headers and body of a GET (or another `method`); `host` replaces the Host header."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=180)
        try:
            sent = dict(headers, **({"Host": host} if host else {}))
            connection.request(method, path, headers={k.replace("_", "-"): v for k, v in sent.items()})
            response = connection.getresponse()
            return response.status, response.headers, response.read().decode("utf-8", "replace")
        finally:
            connection.close()

    def page(self) -> tuple[int, HTTPMessage, str]:
        return self.get(f"/?token={self.token}")

    def tree(self) -> list[psutil.Process]:
        """The command, Voilà and every kernel."""
        root = psutil.Process(self.process.pid)
        return [root, *root.children(recursive=True)]

    def kernels(self) -> list[psutil.Process]:
        return [p for p in self.tree()[1:] if "ipykernel_launcher" in _command(p)]

    def close(self) -> None:
        if self.process.poll() is None:
            survivors = self.tree()
            os.killpg(self.process.pid, signal.SIGKILL)
            for process in survivors:
                with contextlib.suppress(psutil.Error):
                    process.kill()
            self.process.wait(timeout=30)
        self.reader.join(timeout=30)  # its output ends with the processes: no thread is left to later tests
        self.log.close()


@pytest.fixture
def explore(tmp_path: Path):
    started: list[Explore] = []

    def start(*options: str) -> Explore:
        started.append(Explore(tmp_path, *options))
        return started[-1]

    yield start
    for server in started:
        server.close()


def _kernel_websocket(server: Explore, kernel_id: str, token: str = "") -> int:
    query = f"?token={token}" if token else ""
    status, _, _ = server.get(
        f"/api/kernels/{kernel_id}/channels{query}",
        Connection="Upgrade",
        Upgrade="websocket",
        Sec_WebSocket_Version="13",
        Sec_WebSocket_Key="dGhlIHNhbXBsZSBub25jZQ==",
    )
    return status


def test_only_the_printed_token_url_on_its_own_host_opens_the_explorer(explore) -> None:
    server = explore()
    assert len(server.token) >= 40  # 32 random bytes
    assert server.get("/")[0] == 403  # no token: refused, no login form either
    assert server.get("/login")[0] == 403
    assert server.get("/?token=wrong")[0] == 403
    assert _kernel_websocket(server, "00000000-0000-0000-0000-000000000000") == 403
    for host in (f"evil.example:{server.port}", f"127.0.0.1:{server.port + 1}", "localhost"):  # DNS rebinding
        assert server.get(f"/?token={server.token}", host=host, Origin=f"http://{host}")[0] in (400, 403), host
        assert server.get("/voila/static/voila.js", host=host)[0] in (400, 403), host
    for path in (
        "/voila/templates/../..",
        "/voila/templates/lab/static/../../../x",
        "/voila/templates/%2e%2e/x/y",
        "/voila/templates/lab",
        "/voila/templates/lab/other/voila.js",
    ):  # Voilà's own handler: 500
        status, _, body = server.get(path)
        assert status == 404 and "Traceback" not in body, path
    assert server.get("/voila/templates/lab/static/nope.js")[0] == 404
    for method in ("TRACE", "PROPFIND"):  # no handler answers them: the error page failed, with a traceback
        for path in ("/", f"/?token={server.token}", "/api/kernels/x/channels", "/nope"):
            status, _, body = server.get(path, method=method)
            assert status == 405 and "Traceback" not in body, (method, path)
    assert "Traceback" not in Path(server.log.name).read_text(encoding="utf-8")  # nor in the terminal
    # none of these started a kernel (a cross-site <img src> cannot either): at most the one started ahead
    assert len(server.kernels()) <= PREHEATED_KERNELS

    status, headers, body = server.get(f"/?token={server.token}", host=f"localhost:{server.port}")
    assert status == 200 and "application/vnd.jupyter.widget-view+json" in body
    policy = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy and "connect-src 'self'" in policy
    login = [c for c in headers.get_all("Set-Cookie") if c.startswith("username-")]
    assert len(login) == 1 and "SameSite=Strict" in login[0]  # another site's <img src> does not carry it
    assert "Traceback" not in body and str(ROOT) not in body
    assert 1 <= len(server.kernels()) <= 1 + PREHEATED_KERNELS  # the page's, and the pool's next one
    # Voilà's websocket giving a kernel started ahead the request that took it answered without the token, with the
    # page's query string, token included, to anyone naming the kernel's id (in its command line, for `ps` to show)
    kernel = re.search(r'"kernelId": *"([0-9a-f-]+)"', body)
    assert kernel and any(kernel.group(1) in _command(p) for p in server.kernels())
    for token in ("", server.token):
        status, _, said = server.get(
            f"/voila/query/{kernel.group(1)}" + (f"?token={token}" if token else ""),
            Connection="Upgrade",
            Upgrade="websocket",
            Sec_WebSocket_Version="13",
            Sec_WebSocket_Key="dGhlIHNhbXBsZSBub25jZQ==",
        )
        assert status == 403 and "Tidak dilayani" in said and server.token not in said


class WidgetClient:
    """What a script can do over the kernel websocket of a page: read every widget's state and set any of it."""

    def __init__(self, server: Explore, page: str) -> None:
        found = re.search(r'"kernelId": *"([0-9a-f-]+)"', page)
        assert found, "no kernel id in the page"
        self.socket = websocket.create_connection(
            f"ws://127.0.0.1:{server.port}/api/kernels/{found.group(1)}/channels?token={server.token}", timeout=30
        )
        self.received: list[dict] = []
        control = str(uuid.uuid4())
        self._send(
            "comm_open", {"comm_id": control, "target_name": "jupyter.widget.control", "data": {}}, {"version": "1.0.0"}
        )
        self._send("comm_msg", {"comm_id": control, "data": {"method": "request_states"}})
        self.states: dict[str, dict] = self._until(
            lambda m: m["content"].get("data", {}).get("method") == "update_states"
        )["content"]["data"]["states"]

    def _send(self, msg_type: str, content: dict, metadata: dict | None = None) -> None:
        header = {
            "msg_id": str(uuid.uuid4()),
            "msg_type": msg_type,
            "session": "test",
            "username": "test",
            "version": "5.3",
        }
        self.socket.send(
            json.dumps(
                {
                    "header": header,
                    "parent_header": {},
                    "metadata": metadata or {},
                    "content": content,
                    "channel": "shell",
                    "buffers": [],
                }
            )
        )

    def _until(self, wanted) -> dict:
        """Read messages until a comm message `wanted` accepts (a timeout ends the test)."""
        while True:
            message = json.loads(self.socket.recv())
            self.received.append(message)
            if message["msg_type"] == "comm_msg" and wanted(message):
                return message

    def find(self, model: str, description: str) -> str:
        return next(
            i
            for i, s in self.states.items()
            if s["model_name"] == model and s["state"].get("description") == description
        )

    def set(self, model_id: str, **state: object) -> None:
        self._send("comm_msg", {"comm_id": model_id, "data": {"method": "update", "state": state, "buffer_paths": []}})

    def click(self, model_id: str) -> None:
        self._send("comm_msg", {"comm_id": model_id, "data": {"method": "custom", "content": {"event": "click"}}})

    def html_showing(self, text: str) -> str:
        """The next HTML value the kernel sends that contains `text`."""
        found = self._until(lambda m: text in str(m["content"]["data"].get("state", {}).get("value", "")))
        return str(found["content"]["data"]["state"]["value"])


def test_a_widget_client_gets_messages_never_a_traceback_nor_the_official_file(explore) -> None:
    server = explore("--lang", "en")
    official = server.params / "2025" / "metodologi.yaml"
    before = official.read_bytes()
    status, _, page = server.page()
    assert status == 200
    client = WidgetClient(server, page)
    assert not [s for s in client.states.values() if s["model_name"] == "CheckboxModel"]  # no overwrite tick
    slider, name = client.find("FloatSliderModel", "regulasi"), client.find("TextModel", "File name")
    save = client.find("ButtonModel", "Save")
    client.set(slider, min=-5.0, value=-5.0)
    assert "Weight regulasi = -5 is outside" in client.html_showing("outside the explorer")
    client.set(slider, max=1e6, value=999999.0)
    assert "Weight regulasi = 999999 is outside" in client.html_showing("= 999999")
    for typed, answer in (
        ("metodologi", "official methodology"),
        ("x" * 300, "use 1 to 100 letters"),
        ("METODOLOGI", "official methodology"),
    ):  # each answer differs from the one before
        client.set(name, value=typed)
        client.click(save)
        client.html_showing(answer)
    client.set(name, value="usulan")
    client.click(save)
    client.html_showing("Weight regulasi = 999999")  # refused in the model whatever the slider's bounds say
    client.set(slider, min=0.5, max=45.0, value=30.0)
    client.click(save)
    written = server.params / "2025" / "usulan.yaml"  # --params-dir: the status names where the file went
    assert client.html_showing("Saved:") == (
        f"Saved: {written}. Use it with paritrana score/run --methodology {written}."
    )
    client.click(save)  # again: the file is there now, and is not replaced without "Overwrite"
    assert client.html_showing("Not saved:").startswith(f"<b>Not saved: {written} already exists (saved ")
    client.socket.close()
    assert official.read_bytes() == before
    assert written.is_file()
    sent = json.dumps(client.received)
    assert [m for m in client.received if m["msg_type"] == "error"] == []
    assert "Traceback" not in sent and str(ROOT) not in sent
    assert str(server.params) not in sent.replace(str(written), "")  # no other server path than the file saved
    server.log.flush()
    terminal = Path(server.log.name).read_text(encoding="utf-8")  # what the analyst sees under the address
    for chatter in ("without encryption", "not trusted", "websocket_ping_timeout", "GET /", "Kernel started"):
        assert chatter not in terminal, terminal


def test_live_kernels_are_capped_and_abandoned_ones_shut_down(explore) -> None:
    server = explore("--max-kernels", "1", "--idle-timeout", "16", "--lang", "en")
    assert server.page()[0] == 200  # a page that never connects: its kernel stays until culled
    assert len(server.kernels()) == 1
    asked = time.monotonic()
    status, _, body = server.page()
    assert status == 503 and "--max-kernels" in body
    assert time.monotonic() - asked >= CAP_WAIT_SECONDS  # it waited for a kernel to end first
    assert len(server.kernels()) == 1
    deadline = time.monotonic() + 30
    while server.kernels() and time.monotonic() < deadline:
        time.sleep(0.5)
    assert server.kernels() == []  # culled: idle for 16 seconds with no page connected
    server.log.flush()
    terminal = Path(server.log.name).read_text(encoding="utf-8")
    assert "The kernel of a page closed without saying so was shut down after" in terminal, terminal
    assert "Culling" not in terminal  # jupyter_server's English line, with the kernel's id
    while (status := server.page()[0]) == 503 and time.monotonic() < deadline:  # until the shutdown is recorded
        time.sleep(0.5)
    assert status == 200


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT], ids=lambda s: signal.Signals(s).name)
def test_a_stop_signal_ends_server_kernels_and_temporary_folder(explore, signum: int) -> None:
    server = explore()
    assert server.page()[0] == 200
    processes = server.tree()
    kernels = [p for p in processes[1:] if "ipykernel_launcher" in _command(p)]
    assert 1 <= len(kernels) <= 1 + PREHEATED_KERNELS and len(processes) == 2 + len(kernels)
    assert [p.name for p in server.temp.iterdir()] != []
    started = time.monotonic()
    os.killpg(server.process.pid, signum)  # what Ctrl+C, a closed terminal or `kill` sends
    _, alive = psutil.wait_procs(processes, timeout=15)
    seconds = time.monotonic() - started
    assert alive == [], [_command(p) for p in alive]
    print(f"stopped in {seconds:.1f} s")
    assert seconds < 10, seconds
    assert server.process.wait(timeout=5) == 0
    assert list(server.temp.iterdir()) == []  # the notebook copy, the token and the connection files are gone
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", server.port)) != 0


def test_voila_and_its_kernels_do_not_outlive_a_killed_command(explore) -> None:
    server = explore()
    assert server.page()[0] == 200
    processes = server.tree()
    server.process.kill()  # no chance to clean up: the temporary folder stays, the processes must not
    _, alive = psutil.wait_procs(processes, timeout=15)
    assert alive == [], [_command(p) for p in alive]


def test_a_port_in_use_is_reported(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "paritrana_nb.cli",
                "explore",
                "--port",
                str(port),
                "--lang",
                "en",
                "--data-dir",
                str(ROOT / "data"),
                "--params-dir",
                str(ROOT / "params"),
            ],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert result.returncode == 1
    assert result.stderr.strip() == f"Port {port} on 127.0.0.1 is already in use; choose another with --port."


@pytest.mark.parametrize("allowed", [False, True])
def test_allow_official_reaches_the_served_notebook(tmp_path: Path, allowed: bool) -> None:
    path = prepare_notebook(tmp_path, 2025, ROOT / "data", ROOT / "params", "en", allow_official=allowed)
    source = "\n".join(cell.source for cell in nbformat.read(path, as_version=4).cells)
    assert f"allow_official = {allowed}\n" in source

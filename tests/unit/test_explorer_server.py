"""`paritrana explore` gives out its address once a page is answered at once: when Voilà listens and its kernel
started ahead has run the notebook (the season read and scored), not as soon as the port is open."""

from __future__ import annotations

import asyncio
import http.client
import json
import logging
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest
from markupsafe import escape
from voila.request_info_handler import RequestInfoSocketHandler

from paritrana_nb.cli import main
from paritrana_nb.explorer_server import _Stopper, _supervise, page_title, prepare_notebook, voila_config
from paritrana_nb.explorer_ui import ExplorerApp
from paritrana_nb.explorer_voila import (
    LOGGED_CHARS,
    READY_FILE,
    CappedKernelManager,
    ExplorerVoila,
    _NotTrustedUnsaid,
    _ServerLog,
)
from paritrana_nb.messages import t
from paritrana_nb.report.export import find_external_references

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "ThisStartsToken_0123456789abcdefghijkl"  # noqa: S105 - a test's token, no secret


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


@pytest.mark.parametrize(
    ("returncode", "exit_code", "said"),
    [
        (-9, 1, "The explorer stopped without being asked to (its server was ended by the signal SIGKILL, as kill -9"),
        (1, 1, "The explorer stopped without being asked to (its server ended with exit code 1): the address no"),
        (0, 1, "The explorer stopped without being asked to (its server ended with exit code 0): the address no"),
    ],
)
def test_a_server_that_ends_unasked_is_said_to_have_stopped(
    tmp_path: Path, capsys, returncode: int, exit_code: int, said: str
) -> None:
    """Voilà killed (kill -9, the system short of memory) or failing on its own ended `paritrana explore` without a
    word, its terminal back at the prompt while the page stopped answering."""
    process = _Running()
    process.returncode = returncode
    assert _supervise(process, _Stopper(), 1, "http://address", tmp_path, "en") == exit_code
    printed = capsys.readouterr()
    assert printed.err.startswith(said) and printed.out == ""
    stopper = _Stopper()
    stopper.asked_at = time.monotonic()  # a stop asked (Ctrl+C): its normal end, nothing said
    assert _supervise(process, stopper, 1, "http://address", tmp_path, "en") == 0
    assert capsys.readouterr().err == ""


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


def test_the_cache_options_of_explore_reach_the_served_notebook(tmp_path: Path, monkeypatch) -> None:
    served: dict[str, object] = {}
    monkeypatch.setattr("paritrana_nb.explorer_server.serve", lambda *a, **k: served.update(k) or 0)
    options = ["explore", "--data-dir", str(ROOT / "data"), "--params-dir", str(ROOT / "params")]
    assert main([*options, "--cache-dir", str(tmp_path / "cache")]) == 0
    assert served["cache_dir"] == tmp_path / "cache" and served["use_cache"] is True
    assert main([*options, "--no-cache"]) == 0
    assert served["use_cache"] is False
    path = prepare_notebook(tmp_path, 2025, ROOT / "data", ROOT / "params", "en", cache_dir="c", use_cache=False)
    source = "\n".join(cell.source for cell in nbformat.read(path, as_version=4).cells)
    assert f'cache_dir = "{Path("c").resolve()}"\n' in source and "use_cache = False\n" in source


def test_the_served_notebook_is_told_it_is_served_by_the_command(tmp_path: Path) -> None:
    """The explorer's messages name --data-dir and --params-dir under `paritrana explore`, the notebook's parameters
    when the notebook is run by hand: the copy Voilà serves sets its parameter `served`."""
    path = prepare_notebook(tmp_path, 2025, ROOT / "data", ROOT / "params", "en")
    source = "\n".join(cell.source for cell in nbformat.read(path, as_version=4).cells)
    assert "served = True\n" in source and source.endswith("cache_dir, use_cache, served)\napp.widget")


@pytest.mark.parametrize(("lang", "title"), [("en", "weight explorer"), ("id", "penjelajah bobot")])
def test_the_page_is_titled_and_marked_in_its_language(tmp_path: Path, lang: str, title: str) -> None:
    """The browser tab read "penjelajah" (the copied notebook's file name); <html lang> was "en" in both languages."""
    path = prepare_notebook(tmp_path, 2025, ROOT / "data", ROOT / "params", lang)
    assert nbformat.read(path, as_version=4).metadata["title"] == f"Paritrana Award 2025 — {title}"
    config = voila_config(8866, "token", lang, 4, 600, tmp_path, page_title(2025, lang), tmp_path)
    assert config["VoilaExporter"] == {"language_code": lang}
    assert config["ExplorerVoila"] == {"lang": lang, "title": f"Paritrana Award 2025 — {title}"}


@pytest.mark.parametrize("use_cache", [True, False])
def test_the_explorer_keeps_its_cache_in_the_folder_it_is_given(tmp_path: Path, use_cache: bool) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "2025", data / "2025", ignore=shutil.ignore_patterns(".cache"))
    ExplorerApp(data, ROOT / "params", 2025, cache_dir=tmp_path / "cache", use_cache=use_cache)
    assert (tmp_path / "cache" / "2025" / "season.json").exists() is use_cache
    assert (tmp_path / "cache" / "2025" / "scores.json").exists() is use_cache
    assert not (data / "2025" / ".cache").exists()


def test_the_terminal_shows_no_server_chatter_nor_kernel_warnings(tmp_path: Path) -> None:
    """Under the printed address, `paritrana explore` shows no English log line per request or kernel start, no
    kernel warning that TCP is not encrypted (kernels use local sockets in the start's folder) and no warning that
    the workbook's own notebook is not trusted; Voilà's other warnings and its errors still show."""
    config = voila_config(8866, "token", "id", 4, 600, tmp_path, page_title(2025, "id"), tmp_path / "s")
    assert config["Voila"]["log_level"] == "WARN"
    assert config["KernelManager"] == {"transport": "ipc", "ip": str(tmp_path / "s" / "kernel")}
    assert config["Voila"]["tornado_settings"]["ws_ping_timeout"] == 30000  # type: ignore[index]
    unsaid = _NotTrustedUnsaid()

    def record(message: str, *args: object) -> logging.LogRecord:
        return logging.LogRecord("ExplorerVoila", logging.WARNING, __file__, 1, message, args, None)

    assert not unsaid.filter(record("Notebook %s is not trusted", "penjelajah.ipynb"))
    assert unsaid.filter(record("Kernel %s died", "k1"))


def _template_paths() -> list[str]:
    """The template folders ExplorerVoila renders its pages from."""
    from voila.configuration import VoilaConfiguration

    voila = ExplorerVoila()
    voila.voila_configuration = VoilaConfiguration(parent=voila, template="lab", theme="light")
    voila.setup_template_dirs()
    return list(voila.template_paths)


def test_the_explorer_page_refers_to_nothing_on_the_web() -> None:
    """Voilà's lab page links Font Awesome on a CDN and holds a script that would import mermaid from one (and in
    Voilà 0.5.0, MathJax): the explorer's page, rendered as Voilà renders it (ExplorerVoila's template folders,
    Voilà's exporter), names no stylesheet, script or font off this machine, and still loads Voilà's own styles."""
    from voila.exporter import VoilaExporter

    exporter = VoilaExporter(template_paths=_template_paths(), template_name="lab", theme="light", base_url="/")

    async def cells(notebook: nbformat.NotebookNode, kernel_id: str) -> AsyncIterator[nbformat.NotebookNode]:
        for cell in notebook.cells:
            yield cell

    async def page() -> str:
        context = {"kernel_start": lambda notebook: "kernel", "cell_generator": cells, "frontend": "voila"}
        resources = {"metadata": {"name": "penjelajah"}, "theme": "light", "base_url": "/"}
        parts = exporter.generate_from_notebook_node(
            nbformat.v4.new_notebook(), resources, extra_context=context, page_config={}
        )
        return "".join([html async for html, _ in parts])

    html = asyncio.run(page())
    assert find_external_references(html) == []
    assert "cdn" not in html.lower()
    for local in ("/voila/templates/lab/static/voila-style.js", "/voila/templates/lab/static/index.css"):
        assert f'="{local}?v=' in html, local  # Voilà's own styles, the icon font among them


def test_voila_error_pages_refer_to_nothing_on_the_web() -> None:
    """Voilà's page.html, the frame of its error pages, links Font Awesome on a CDN: the 503 a page gets when too
    many explorer pages are open (and the 403 without the token), rendered as Voilà renders them, name nothing off
    this machine and keep the lab theme's styles."""
    import jinja2
    from voila.utils import create_include_assets_functions

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_template_paths()), extensions=["jinja2.ext.i18n"], autoescape=True
    )
    environment.install_null_translations()  # type: ignore[attr-defined]  # the i18n extension's, as Voilà's
    message = t("explorer.too_many_kernels", "id", count=4)
    assets = create_include_assets_functions("lab", "/")  # include_css, as Voilà's handlers pass it
    page = {"paritrana_title": page_title(2025, "id"), "paritrana_lang": "id"}  # as ExplorerVoila sets them
    html = environment.get_template("error.html").render(
        status_code=503, status_message=message, base_url="/", theme="light", **page, **assets
    )
    assert find_external_references(html) == []
    assert "cdn" not in html.lower()
    assert f"503: {escape(message)}" in html
    assert "<title>Paritrana Award 2025 — penjelajah bobot</title>" in html and '<html lang="id">' in html
    for local in ("/voila/templates/lab/static/index.css", "/voila/templates/lab/static/theme-light.css"):
        assert f'="{local}?v=' in html, local


def _response(port: int, method: str, path: str, **headers: str) -> tuple[int, str, str]:
    """The status, reason and body the server at `port` answers a request with."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, headers={k.replace("_", "-"): v for k, v in headers.items()})
        answer = connection.getresponse()
        return answer.status, answer.reason, answer.read().decode("utf-8")
    finally:
        connection.close()


def _request(port: int, method: str, path: str, **headers: str) -> int:
    """The status the server at `port` answers a request with."""
    return _response(port, method, path, **headers)[0]


@contextmanager
def _serving(folder: Path, lang: str, **explorer: object) -> Iterator[tuple[int, subprocess.Popen[str]]]:
    """Voilà as `paritrana explore` runs it in `lang` (no kernel started ahead, so none starts), serving an empty
    notebook from `folder` once ready, with `explorer`'s ExplorerVoila settings: its port and process (stderr a
    pipe)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    config = voila_config(port, TOKEN, lang, 4, 600, folder, page_title(2025, lang), folder)
    config["VoilaConfiguration"]["preheat_kernel"] = False
    config["ExplorerVoila"].update(explorer)
    (folder / "voila.json").write_text(json.dumps(config), encoding="utf-8")
    nbformat.write(nbformat.v4.new_notebook(), folder / "penjelajah.ipynb")
    server = subprocess.Popen(
        [sys.executable, "-m", "paritrana_nb.explorer_voila", "penjelajah.ipynb"],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not (folder / READY_FILE).exists() and server.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert (folder / READY_FILE).exists()
        yield port, server
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def test_refused_requests_are_told_in_the_language_counted_and_never_with_a_token(tmp_path: Path) -> None:
    """tornado printed an English line per refused request, its address with the token in it (`405 TRACE
    /?token=...`), and jupyter_server more beside it: a page on any site could fill the terminal. Voilà as
    `paritrana explore` runs it (no kernel started ahead, so none starts) tells the first refusal in --lang and counts
    the rest, never a token: that start's or another."""
    earlier = "AnEarlierStartsToken_9876543210zyxw"
    lines: list[str] = []
    more = re.compile(r"The explorer refused (\d+) more requests? in the last 2 seconds \(([0-9:, ]+)\)\.")

    def told() -> int:
        return sum(int(found.group(1)) for line in lines if (found := more.fullmatch(line.rstrip("\n"))))

    with _serving(tmp_path, "en", refusals_every=2) as (port, server):
        reader = threading.Thread(target=lambda: lines.extend(server.stderr or []), daemon=True)
        reader.start()
        websocket = {"Connection": "Upgrade", "Upgrade": "websocket", "Sec_WebSocket_Version": "13"}
        websocket["Sec_WebSocket_Key"] = "dGhlIHNhbXBsZSBub25jZQ=="
        kernel = "/api/kernels/00000000-0000-0000-0000-000000000000"
        started = time.monotonic()
        sent = [
            _request(port, "TRACE", f"/?token={TOKEN}"),
            _request(port, "GET", f"/?token={earlier}"),
            _request(port, "GET", f"{kernel}/channels?token={earlier}", **websocket),  # "Couldn't authenticate"
            _request(port, "DELETE", f"{kernel}?token={TOKEN}"),  # "Kernel does not exist", "wrote error"
            _request(port, "GET", f"/voila/files/x?token={TOKEN}", Authorization=f"token {TOKEN}"),
            _request(port, "GET", f"/?token={TOKEN}", Host=f"LOCALHOST:{port}"),  # jupyter_server's English line
        ]
        sent += [_request(port, "TRACE", f"/?token={TOKEN}") for _ in range(200)]  # another site's page, say
        assert sent[:6] == [405, 403, 403, 404, 403, 403] and set(sent[6:]) == {405}
        deadline = time.monotonic() + 30
        while told() < len(sent) - 1 and time.monotonic() < deadline:  # the refusals counted are told
            time.sleep(0.1)
        seconds = time.monotonic() - started
        time.sleep(0.5)  # nothing more is said
    reader.join(timeout=30)
    printed = "".join(lines)
    assert TOKEN not in printed and earlier not in printed
    assert lines[0].rstrip("\n") == t(
        "explorer.refused", "en", status=405, why=t("explorer.refused_405", "en"), seconds=2
    )
    assert all(more.fullmatch(line.rstrip("\n")) for line in lines[1:]), lines
    assert 1 + told() == len(sent)  # each refusal told or counted, once
    assert len(lines) <= 2 + seconds / 2, lines  # the first, then at most one line every 2 seconds


def test_no_line_the_server_logs_holds_a_token() -> None:
    """A traceback of a request, a line naming its address or a header: this start's token and any `token=`
    parameter are hidden; what jupyter_server and tornado say of one refused request is not shown."""
    server_log = _ServerLog(TOKEN)
    try:
        raise RuntimeError(f"failed on /?token={TOKEN}")
    except RuntimeError:
        failure = sys.exc_info()
    record = logging.LogRecord(
        "tornado.application",
        logging.ERROR,
        __file__,
        1,
        "Uncaught exception %s\n%r",
        ("GET /?x=1&token=old", {"Authorization": f"token {TOKEN}"}),
        failure,
    )
    assert server_log.filter(record)
    shown = logging.Formatter().format(record)
    assert TOKEN not in shown and "token=old" not in shown and "RuntimeError: failed on /?token=…" in shown
    # one line in the explorer's language, no address and no traceback (a page's connection racing its kernel's end
    # printed "Uncaught exception GET /api/kernels/<id>/channels?session_id=<id> (127.0.0.1)" and a traceback)
    assert shown.startswith("Penjelajah tidak dapat menjawab satu permintaan (RuntimeError: failed on /?token=…)")
    assert "GET /" not in shown and "Traceback" not in shown and "\n" not in shown
    english = _ServerLog(TOKEN, "en")
    asleep = logging.LogRecord(
        "ServerApp", logging.WARNING, __file__, 1, "WebSocket ping timeout after %i ms.", (30001,), None
    )
    assert not english.filter(asleep)  # a page in a background tab: it reconnects, nothing to tell
    culled = logging.LogRecord(
        "ServerApp",
        logging.WARNING,
        __file__,
        1,
        "Culling '%s' kernel '%s' (%s) with %d connections due to %s seconds of inactivity.",
        ("idle", "python3", "0c6a1f2e-kernel-id", 0, 636),
        None,
    )
    assert english.filter(culled)
    assert logging.Formatter().format(culled) == (
        "The kernel of a page closed without saying so was shut down after 636 seconds idle."
    )
    refused = (
        ("%d %s: %s", (404, f"GET /?token={TOKEN} (127.0.0.1)", "Kernel does not exist: k")),
        ("wrote error: %r", ("x",)),
        ("Couldn't authenticate VoilaKernelWebsocketHandler connection", ()),
    )
    for message, args in refused:
        record = logging.LogRecord("tornado.general", logging.WARNING, __file__, 1, message, args, None)
        assert not server_log.filter(record)


def test_what_a_page_sends_reaches_the_terminal_escaped_and_cut() -> None:
    """A kernel websocket message whose type held terminal escapes ("\\x1b]0;...\\x07" retitles the terminal,
    "\\x1b[2J" clears it) was printed raw in jupyter_server's warning that the type is not allowed, and one of 9 MB
    as a 9 MB line: every line the server logs shows a control character as `\\x1b` and is cut; a traceback keeps its
    line breaks."""
    server_log = _ServerLog(TOKEN, "en")
    sent = "\x1b]0;PWNED\x07\x1b[2Jexecute_request"
    record = logging.LogRecord(
        "ServerApp", logging.WARNING, __file__, 1, 'Received message of type "%s", which is not allowed.', (sent,), None
    )
    assert server_log.filter(record)
    assert logging.Formatter().format(record) == (
        'Received message of type "\\x1b]0;PWNED\\x07\\x1b[2Jexecute_request", which is not allowed.'
    )
    huge = logging.LogRecord("ServerApp", logging.WARNING, __file__, 1, "type %s", ("A" * 9_000_000,), None)
    assert server_log.filter(huge)
    assert len(logging.Formatter().format(huge)) <= LOGGED_CHARS + 1  # and its `…`
    try:
        raise ValueError("bad \x1b[2J value")
    except ValueError:
        failure = sys.exc_info()
    failed = logging.LogRecord("ServerApp", logging.ERROR, __file__, 1, "failed", (), failure)
    assert server_log.filter(failed)
    shown = logging.Formatter().format(failed)
    assert "\x1b" not in shown and "ValueError: bad \\x1b[2J value" in shown and "\nTraceback" in shown
    uncaught = logging.LogRecord(
        "tornado.application", logging.ERROR, __file__, 1, "Uncaught exception %s", ("GET /",), failure
    )
    assert server_log.filter(uncaught)
    assert "ValueError: bad \\x1b[2J value" in logging.Formatter().format(uncaught)


def test_a_request_without_the_token_is_refused_in_the_language_of_the_explorer(tmp_path: Path) -> None:
    """The 403 page said "403: Forbidden" in English, whatever --lang: Voilà's page, a request naming another host,
    the kernel's websocket and a file, each refused, say in Bahasa Indonesia (the default language) what to open
    instead, on the page and in the status line, and nothing more: no token, no data of the season."""
    said = t("explorer.forbidden_page", "id")
    not_served = t("explorer.not_served_page", "id")  # a file off Voilà's list: asking for the token would mislead
    websocket = {"Connection": "Upgrade", "Upgrade": "websocket", "Sec_WebSocket_Version": "13"}
    websocket["Sec_WebSocket_Key"] = "dGhlIHNhbXBsZSBub25jZQ=="
    with _serving(tmp_path, "id") as (port, _):
        answers = [
            _response(port, "GET", "/?token=AnEarlierStartsToken"),  # Voilà's page
            _response(port, "GET", "/api/kernels"),
            _response(port, "GET", f"/?token={TOKEN}", Host="rebound.example:80"),  # another host
            _response(port, "GET", "/api/kernels/00000000-0000-0000-0000-000000000000/channels", **websocket),
        ]
        unserved = [
            _response(port, "GET", f"/voila/files/x?token={TOKEN}"),  # with the token: not the token's fault
            _response(port, "GET", f"/voila/files/penjelajah.ipynb?token={TOKEN}"),
            _response(port, "GET", f"/voila/static/nonexist.js?token={TOKEN}"),
            _response(port, "GET", "/voila/files/x"),
        ]
    for (status, reason, body), text in [*((a, said) for a in answers), *((a, not_served) for a in unserved)]:
        assert (status, reason) == (403, text)
        assert f"403: {text}" in body or body == f"403 {text}", body
        assert "Forbidden" not in body and TOKEN not in body
        assert find_external_references(body) == []
    assert "<h1>403: " in answers[0][2]  # in the frame of Voilà's pages, its styles from this server


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_403_page_is_titled_as_the_explorer_in_its_language(tmp_path: Path, lang: str) -> None:
    """The page a request without the token gets was titled "Voilà" (the browser tab's), in either language: it is
    titled as the explorer's page, in the explorer's language, and marked with it; it still names nothing off this
    machine."""
    with _serving(tmp_path, lang) as (port, _):
        status, _, body = _response(port, "GET", "/")
    assert status == 403
    titles = re.findall(r"<title>(.*?)</title>", body, flags=re.DOTALL)
    assert titles == [page_title(2025, lang)] and "Voilà" not in titles[0]
    assert titles[0] == (
        "Paritrana Award 2025 — penjelajah bobot" if lang == "id" else "Paritrana Award 2025 — weight explorer"
    )
    assert f'<html lang="{lang}">' in body
    assert find_external_references(body) == []


def test_the_page_sets_its_cookies_for_requests_from_its_own_pages_only(tmp_path: Path) -> None:
    """The _xsrf cookie the page sets (its closing request, shut my kernel down, must carry it) had no SameSite, so
    a browser sent it with another site's requests to the explorer: it is SameSite=Strict, as the login cookie."""
    with _serving(tmp_path, "en") as (port, _):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            connection.request("GET", f"/?token={TOKEN}")
            answer = connection.getresponse()
            answer.read()
        finally:
            connection.close()
    assert answer.status == 200
    cookies = {c.split("=", 1)[0]: c for c in answer.headers.get_all("Set-Cookie") or []}
    assert "_xsrf" in cookies and any(name.startswith("username-") for name in cookies), cookies
    for name, cookie in cookies.items():
        assert "SameSite=Strict" in cookie, name


def test_what_voila_notes_of_a_page_request_goes_when_its_kernel_ends() -> None:
    """Voilà notes the request that took a kernel started ahead (its address, the token in the query string) for a
    websocket the explorer does not serve, and kept every note for as long as it ran, one more for each page
    loaded: a kernel shut down (a page closed, or culled) or dead takes its note with it."""
    notes = RequestInfoSocketHandler._cache

    def noted(kernel_id: str) -> None:  # as Voilà's page handler does once it took the kernel
        RequestInfoSocketHandler.send_updates({"kernel_id": kernel_id, "payload": {"QUERY_STRING": f"token={TOKEN}"}})

    async def scenario() -> None:
        manager = CappedKernelManager(max_kernels=1)
        kernel = await manager.start_kernel(kernel_name="python3")
        try:
            noted(kernel)
            assert kernel in notes
        finally:
            await manager.shutdown_kernel(kernel, now=True)  # the page's closing request, or the culler
        assert kernel not in notes and kernel not in manager

    asyncio.run(scenario())
    dead = "00000000-0000-0000-0000-00000000dead"
    noted(dead)
    CappedKernelManager().remove_kernel(dead)  # jupyter_server's end of a kernel that died
    assert dead not in notes

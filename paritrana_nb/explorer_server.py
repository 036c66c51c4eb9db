"""`paritrana explore`: the explorer notebook served by Voilà on localhost, without code, for panel members.

The notebook gets its parameters injected (papermill's parameterizer) into a private temporary folder,
with the Voilà configuration and this start's random token; Voilà (explorer_voila.py) lets the page talk
to widgets only, never execute code. SIGTERM, SIGHUP and SIGINT stop Voilà and its kernels, and the
folder is removed.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import nbformat
from papermill.iorw import load_notebook_node
from papermill.parameterize import parameterize_notebook

from .config import KERNEL_ENVIRONMENT, NOTEBOOKS_DIR
from .explorer_voila import READY_FILE, STOP_SIGNALS
from .messages import t
from .report.context import resolve_dir
from .scratch import remove_orphaned, working_folder

EXPLORER_NOTEBOOK = NOTEBOOKS_DIR / "explore.ipynb"
HOST = "127.0.0.1"
STOP_GRACE_SECONDS = 10.0  # then Voilà is killed
#: Kernels Voilà keeps started ahead, the notebook already run in them (season read and scored): a page
#: request takes one and shows its table at once, and another starts for the next request.
PREHEATED_KERNELS = 1


def page_title(musim: int, lang: str) -> str:
    """The title of the explorer's pages in `lang` (the browser tab's), its 403 and 503 pages' too."""
    return t("explorer.page_title", lang, musim=musim)


def prepare_notebook(
    folder: Path,
    musim: int,
    data_dir: str | Path,
    params_dir: str | Path,
    lang: str,
    methodology: str | Path = "",
    allow_official: bool = False,
    cache_dir: str | Path = "",
    use_cache: bool = True,
) -> Path:
    """A copy of explore.ipynb with these parameters (absolute paths), written into `folder`."""
    notebook = load_notebook_node(str(EXPLORER_NOTEBOOK))  # papermill's reader adds the cell tags it expects
    parameters = {
        "musim": musim,
        "data_dir": str(resolve_dir(data_dir)),
        "params_dir": str(resolve_dir(params_dir)),
        "lang": lang,
        "metodologi": str(resolve_dir(methodology)) if methodology else "",
        "allow_official": allow_official,
        "cache_dir": str(resolve_dir(cache_dir)) if cache_dir else "",
        "use_cache": use_cache,
        "served": True,  # its messages name the command's options, not the notebook's parameters
    }
    notebook = parameterize_notebook(notebook, parameters)
    notebook.cells = [c for c in notebook.cells if c.cell_type == "code"]  # the page shows widgets only
    notebook.metadata["title"] = page_title(musim, lang)  # the browser tab's, not the file name
    path = folder / "penjelajah.ipynb"
    nbformat.write(notebook, path)
    return path


def content_security_policy(port: int) -> str:
    """The page may load and connect to this server only, and no other site may frame it: should a page ever
    name something on the web (the explorer's page template leaves out Voilà's CDN links), it is not fetched."""
    return (
        f"default-src 'self' 'unsafe-inline' 'unsafe-eval' data: blob:; "
        f"connect-src 'self' ws://{HOST}:{port} ws://localhost:{port}; frame-ancestors 'none'"
    )


def voila_config(
    port: int, token: str, lang: str, max_kernels: int, idle_timeout: int, folder: Path, title: str, sockets: Path
) -> dict[str, dict[str, object]]:
    """The Voilà configuration: localhost only, this token, no sources, no tracebacks, no file browsing, no
    browser opened, nothing fetched from the web, at most `max_kernels` kernels (PREHEATED_KERNELS of them
    started ahead, the notebook run), unconnected kernels shut down after `idle_timeout` seconds idle (never a
    preheated one), connection files inside `folder` and the kernels' sockets inside `sockets`, refused requests
    told in `lang`, the pages refusing them titled `title` (page_title), its cookies (the login's, the _xsrf) sent
    with requests from its own pages only (SameSite=Strict)."""
    return {
        "Voila": {
            "ip": HOST,
            "port": port,
            "port_retries": 0,
            "open_browser": False,
            "token": token,
            "connection_dir_root": str(folder),
            "log_level": "WARN",  # not every request and kernel start, in English, under the printed address
            "tornado_settings": {
                "headers": {"Content-Security-Policy": content_security_policy(port)},
                "allow_remote_access": False,
                # the ping interval jupyter_server uses, 30 s: its own default timeout (3 intervals) makes tornado
                # warn on every page's connection, in English under the printed address, and use 30 s anyway
                "ws_ping_timeout": 30000,
                # the _xsrf cookie goes with requests from this server's pages only, as the login cookie does
                "xsrf_cookie_kwargs": {"samesite": "Strict"},
            },
        },
        "VoilaConfiguration": {
            "strip_sources": True,
            "show_tracebacks": False,
            "theme": "light",
            "file_allowlist": [],
            "multi_kernel_manager_class": "paritrana_nb.explorer_voila.CappedKernelManager",
            "preheat_kernel": True,
            "default_pool_size": PREHEATED_KERNELS,
        },
        "ExplorerVoila": {"lang": lang, "title": title},  # of the terminal's lines and the refusing pages
        "VoilaExporter": {"language_code": lang},  # the page's <html lang>: nbconvert's default is "en"
        "IdentityProvider": {"cookie_options": {"samesite": "Strict"}},  # no login cookie on another site's requests
        "CappedKernelManager": {"max_kernels": max_kernels, "lang": lang},
        # kernels talk over local sockets inside `sockets`, as the reports' do: nothing listens on the network,
        # and no kernel warns on the terminal that its TCP traffic is not encrypted
        "KernelManager": {"transport": "ipc", "ip": str(sockets / "kernel")},
        "MappingKernelManager": {
            "cull_idle_timeout": idle_timeout,
            "cull_interval": max(1, min(60, idle_timeout // 4)),
            "cull_connected": False,
            "cull_busy": False,
        },
    }


class _Stopper:
    """Handler of the stop signals: the first one sends SIGTERM to Voilà (which shuts its kernels down)."""

    def __init__(self) -> None:
        self.asked_at: float | None = None
        self.process: subprocess.Popen | None = None

    def asked(self) -> bool:
        """True once a stop signal came (the handler may set it between any two lines: a call reads it anew)."""
        return self.asked_at is not None

    def __call__(self, signum: int, frame: object) -> None:
        if self.asked_at is None:
            self.asked_at = time.monotonic()
            self.terminate()

    def terminate(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.terminate()


@contextmanager
def _stop_on_signals() -> Iterator[_Stopper]:
    """SIGTERM, SIGHUP and SIGINT go to a _Stopper while the block runs."""
    stopper = _Stopper()
    previous = {signum: signal.signal(signum, stopper) for signum in STOP_SIGNALS}
    try:
        yield stopper
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)


def _port_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind((HOST, port))
        except OSError:
            return False
    return True


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex((HOST, port)) == 0


def _supervise(process: subprocess.Popen, stopper: _Stopper, port: int, url: str, folder: Path, lang: str) -> int:
    """Wait for Voilà to end: print `url` once it listens and its kernel started ahead has run the notebook (a page
    is then answered at once), kill it if a stop request is not honoured in time. 0 once a stop was asked; Voilà
    ending unasked is said on stderr, and gives its exit code (1 for a signal's end, or for 0)."""
    announced = False
    while process.poll() is None:
        if stopper.asked_at is not None:
            if time.monotonic() - stopper.asked_at > STOP_GRACE_SECONDS:
                process.kill()  # its kernels notice their parent is gone and exit
        elif not announced and (folder / READY_FILE).exists() and _listening(port):
            print(t("cli.explore_serving", lang, url=url), flush=True)
            announced = True
        time.sleep(0.1)
    if stopper.asked_at is not None:
        return 0
    code = process.returncode  # it ended unasked (killed, out of memory, a failed start): the terminal is told
    if code < 0:
        print(t("explorer.server_killed", lang, signal=signal.Signals(-code).name), file=sys.stderr, flush=True)
        return 1
    print(t("explorer.server_ended", lang, code=code), file=sys.stderr, flush=True)
    return code or 1


def serve(
    musim: int,
    data_dir: str | Path,
    params_dir: str | Path,
    lang: str,
    port: int,
    methodology: str | Path = "",
    allow_official: bool = False,
    max_kernels: int = 4,
    idle_timeout: int = 600,
    cache_dir: str | Path = "",
    use_cache: bool = True,
) -> int:
    """Run Voilà until it ends or a stop signal arrives; print the address with the token once it listens and its
    kernel started ahead has run the notebook. `cache_dir` and `use_cache` reach the kernels (ExplorerApp).

    Returns 0 after a stop signal, else Voilà's exit code (1 when the port is taken, or Voilà ended by a signal or
    with 0 unasked: said on stderr)."""
    if not _port_free(port):
        print(t("explorer.port_busy", lang, port=port), file=sys.stderr)
        return 1
    token = secrets.token_urlsafe(32)
    remove_orphaned()  # the folders of an explorer or run killed with SIGKILL (an old token in voila.json)
    with (
        _stop_on_signals() as stopper,
        working_folder("explore") as folder,  # mode 0700: the token in voila.json stays private
        working_folder("kernel") as sockets,  # where a socket's path is short enough (scratch.folder_root)
    ):
        notebook = prepare_notebook(
            folder, musim, data_dir, params_dir, lang, methodology, allow_official, cache_dir, use_cache
        )
        title = page_title(musim, lang)
        config = voila_config(port, token, lang, max_kernels, idle_timeout, folder, title, sockets)
        (folder / "voila.json").write_text(json.dumps(config), encoding="utf-8")
        if stopper.asked():
            return 0
        stopper.process = subprocess.Popen(
            [sys.executable, "-m", "paritrana_nb.explorer_voila", str(notebook)],
            cwd=folder,
            start_new_session=True,
            env={**os.environ, **KERNEL_ENVIRONMENT},  # its kernels' too
        )  # terminal signals come here only
        if stopper.asked():  # a signal between the check above and the start
            stopper.terminate()
        return _supervise(stopper.process, stopper, port, f"http://{HOST}:{port}/?token={token}", folder, lang)

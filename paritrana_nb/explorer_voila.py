"""The Voilà server behind `paritrana explore`, locked to the one person who started it.

- Every page and API request needs the token of this start (403 without it; there is no login form).
- A template file path that names no template's static file (`..` among its parts) is a 404, not Voilà's 500;
  an error of jupyter_server's handlers is its status line, not a page that fails to render (`_PlainErrors`), and
  so is the 405 of a method no handler answers (TRACE, PROPFIND), whose error page failed before the token check
  (a traceback in the terminal, under the printed address).
- A request naming any `Host` but 127.0.0.1:PORT or localhost:PORT is refused (a DNS-rebinding page
  names its own host).
- A page shuts its kernel down when it is closed or reloaded. At most `CappedKernelManager.max_kernels`
  kernels live at once; jupyter_server's culler shuts down kernels that are idle with no page connected.
- SIGTERM, SIGHUP and SIGINT stop the server and shut every kernel down; so does the end of the
  `paritrana explore` process that started it, however it ends.
- A kernel a page takes from those started ahead is idle from then on, not from when it was started (it would
  otherwise be culled before the page connects, when it waited longer than the idle timeout).
- The page is Voilà's lab page less what it would load from the web (templates/voila/index.html.j2), and so is the
  frame of its error pages (templates/voila/page.html): they request nothing but this server.
- Once the kernel started ahead has run the notebook (the season read, scored and shown), the file READY_FILE
  appears in the working folder: `paritrana explore` gives out the address then, when a page is answered at once.

Run as `python -m paritrana_nb.explorer_voila NOTEBOOK` in the folder holding the `voila.json` that
explorer_server.py writes: only that folder's configuration is read.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jupyter_core.utils import run_sync
from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado import httputil, web
from tornado.ioloop import IOLoop, PeriodicCallback
from tornado.routing import Matcher, Rule
from traitlets import Integer, Unicode, default
from voila.app import Voila
from voila.static_file_handler import TemplateStaticFileHandler
from voila.tornado.handler import TornadoVoilaHandler

from .messages import t

STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)
READY_FILE = "ready"
#: The explorer's page templates, index.html.j2 and page.html (Voilà's without their CDN links), found before Voilà's.
PAGE_TEMPLATES = Path(__file__).resolve().parent / "templates" / "voila"


class CappedKernelManager(AsyncMappingKernelManager):
    """Voilà's kernel manager with a cap on live kernels: one more page load is answered 503."""

    max_kernels = Integer(4, config=True, help="Kernels alive at once; each page load starts one.")
    lang = Unicode("id", config=True, help="Language of the message shown when the cap is reached.")

    async def start_kernel(self, *args: Any, **kwargs: Any) -> str:  # type: ignore[override]  # jupyter_server types its async start_kernel as the sync base's and ignores this too
        # Counted and started without an await in between, so two page loads cannot both pass the check.
        if len(set(self._kernels) | set(self._pending_kernels)) >= self.max_kernels:
            raise web.HTTPError(503, reason=t("explorer.too_many_kernels", self.lang, count=self.max_kernels))
        return await super().start_kernel(*args, **kwargs)


class _OtherHost(Matcher):
    """Matches every request whose Host header is not one of `allowed`."""

    def __init__(self, allowed: set[str]) -> None:
        self.allowed = allowed

    def match(self, request: httputil.HTTPServerRequest) -> dict[str, Any] | None:
        return None if request.host.lower() in self.allowed else {}


class _OtherMethod(Matcher):
    """Matches every request whose method no handler answers (TRACE, PROPFIND, CONNECT)."""

    def match(self, request: httputil.HTTPServerRequest) -> dict[str, Any] | None:
        return None if request.method in web.RequestHandler.SUPPORTED_METHODS else {}


class _Refuse(web.RequestHandler):
    """403 for any request."""

    def prepare(self) -> None:
        raise web.HTTPError(403)


class _TokenPage(TornadoVoilaHandler):
    """Voilà's page, answering 403 instead of redirecting to a login form when the token is missing, and
    setting the _xsrf cookie that the page's closing request (shut my kernel down) must carry."""

    def get_login_url(self) -> str:
        raise web.HTTPError(403)

    async def get(self, path: str | None = None) -> None:
        self.xsrf_token  # noqa: B018 - reading it sets the cookie
        await super().get(path)


class _TemplateFiles(TemplateStaticFileHandler):
    """Voilà's handler of its templates' static files (`/voila/templates/<template>/static/<file>`), answering 404
    for any other path, `..` among its parts included, where Voilà's own fails an assertion (500, and a traceback
    in the terminal)."""

    def parse_url_path(self, path: str) -> str:
        parts = os.path.normpath(path).split(os.path.sep, 2)
        if len(parts) < 3 or parts[1] != "static" or ".." in path.split("/"):
            raise web.HTTPError(404)
        return str(super().parse_url_path(path))


class _PlainErrors(web.RequestHandler):
    """An error answered as its status line in plain text. jupyter_server's own error page (for a kernel websocket
    opened without the token, say) needs settings this server does not give it: its rendering failed, with a
    traceback in the terminal under the printed address."""

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        self.set_header("Content-Type", "text/plain; charset=UTF-8")
        self.finish(f"{status_code} {httputil.responses.get(status_code, '')}")


def _with_plain_errors(handler: Any) -> Any:
    """`handler`, or where it would answer errors with jupyter_server's page (not Voilà's), a subclass answering
    them plainly."""
    server_page = isinstance(handler, type) and issubclass(handler, JupyterHandler)
    if server_page and (handler.write_error, handler.render_template) == (
        JupyterHandler.write_error,
        JupyterHandler.render_template,
    ):  # Voilà's own pages render theirs with its templates
        return type(handler.__name__, (_PlainErrors, handler), {"__module__": __name__})
    return handler


class _NotTrustedUnsaid(logging.Filter):
    """Leaves out jupyter_server's warning that the served notebook is not trusted (signed in this user's Jupyter
    database): it is the workbook's own notebook, copied for this start, and the warning, in English under the
    printed address, would only alarm whoever started the explorer."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Notebook %s is not trusted")


class ExplorerVoila(Voila):
    """Voilà with the token, Host, kernel and signal rules above."""

    @default("config_file_paths")
    def _this_folder_only(self) -> list[str]:
        return [str(Path.cwd())]

    def setup_template_dirs(self) -> None:
        super().setup_template_dirs()
        self.template_paths.insert(0, str(PAGE_TEMPLATES))

    def initialize(self, argv: list[str] | None = None) -> None:
        super().initialize(argv)
        self.log.addFilter(_NotTrustedUnsaid())
        loop = IOLoop.current().asyncio_loop  # type: ignore[attr-defined]  # on tornado's AsyncIOMainLoop, not IOLoop
        for signum in STOP_SIGNALS:  # handled once the server runs; one arriving earlier waits for it
            loop.add_signal_handler(signum, loop.stop)

    def start(self) -> None:
        parent = os.getppid()

        def stop_if_orphaned() -> None:  # `paritrana explore` was killed without a chance to stop this server
            if os.getppid() != parent:
                IOLoop.current().stop()

        PeriodicCallback(stop_if_orphaned, 1000).start()
        IOLoop.current().add_callback(self._started)  # runs once the server listens
        super().start()

    async def _started(self) -> None:
        self._idle_from_page_request()
        await self._ready_when_preheated()

    def _idle_from_page_request(self) -> None:
        """A kernel taken by a page request counts as active at that moment."""
        manager = self.kernel_manager
        take = getattr(manager, "get_rendered_notebook", None)  # Voilà 0.5's: a page takes a kernel started ahead
        if take is None:  # no kernels started ahead: every page starts its own
            return

        async def taken(*args: Any, **kwargs: Any) -> Any:
            render_task, rendered, kernel_id = await take(*args, **kwargs)
            manager.get_kernel(kernel_id).last_activity = datetime.now(UTC)  # as jupyter_server keeps it
            return render_task, rendered, kernel_id

        manager.get_rendered_notebook = taken

    async def _ready_when_preheated(self) -> None:
        """Write READY_FILE once every kernel started ahead has run the notebook, or failed to."""
        pools = getattr(self.kernel_manager, "_pools", {})  # Voilà's kernels started ahead, by notebook (0.5.x)
        notebook = getattr(self.kernel_manager, "notebook_path", None)
        try:
            for pending in list(pools.get(notebook, [])):
                started = await pending  # the kernel started, its notebook being run
                await started["task"]  # the notebook run
        except Exception:  # a kernel that failed: its page will say so, the address is due all the same
            self.log.exception("The kernel started ahead failed")
        finally:
            Path(READY_FILE).write_text("", encoding="utf-8")

    def init_handlers(self) -> list[Any]:
        allowed = {f"127.0.0.1:{self.port}", f"localhost:{self.port}"}
        self.app.default_router.rules.insert(0, Rule(_OtherHost(allowed), _Refuse))
        self.app.default_router.rules.insert(0, Rule(_OtherMethod(), _PlainErrors))  # its 405 rendered plainly
        login = {self.identity_provider.login_handler_class, self.identity_provider.logout_handler_class}
        ours = {TornadoVoilaHandler: _TokenPage, TemplateStaticFileHandler: _TemplateFiles}
        handlers = []
        for pattern, handler, *rest in super().init_handlers():
            if handler not in login:
                handlers.append((pattern, _with_plain_errors(ours.get(handler, handler)), *rest))
        return handlers

    def stop(self) -> None:
        run_sync(self.kernel_manager.shutdown_all)(now=True)  # kernels hold nothing to save: stopped at once
        shutil.rmtree(self.connection_dir, ignore_errors=True)


if __name__ == "__main__":
    ExplorerVoila.launch_instance()

"""The Voilà server behind `paritrana explore`, locked to the one person who started it.

- Every page and API request needs the token of this start (403 without it; there is no login form). A 403, of
  any handler, is said in the explorer's language on its page and in its status line, what to open instead
  (`_RefusalSaid`), not tornado's and jupyter_server's English "Forbidden"; the page says nothing more. Voilà's one
  request without the token, the websocket giving a kernel started ahead the address that took it, is not served
  (`_NotServed`): it gave that address, token included, to whoever named the kernel's id.
- A template file path that names no template's static file (`..` among its parts) is a 404, not Voilà's 500;
  an error of jupyter_server's handlers is its status line, not a page that fails to render (`_PlainErrors`), and
  so is the 405 of a method no handler answers (TRACE, PROPFIND), whose error page failed before the token check
  (a traceback in the terminal, under the printed address).
- A request naming any `Host` but 127.0.0.1:PORT or localhost:PORT is refused (a DNS-rebinding page
  names its own host).
- The terminal is told of refused requests (status 400 and up) in the explorer's language, by their status alone:
  the first at once, those after it counted and told at most once every `refusals_every` seconds (`_RefusedRequests`,
  in place of tornado's English line per request, which showed the address and its token); a page sending them by
  the hundred cannot fill the terminal. No line the server logs holds a token value (`_ServerLog`).
- A page shuts its kernel down when it is closed or reloaded. At most `CappedKernelManager.max_kernels`
  kernels live at once; jupyter_server's culler shuts down kernels that are idle with no page connected. What Voilà
  notes of the request that took a kernel started ahead goes with the kernel's end.
- SIGTERM, SIGHUP and SIGINT stop the server and shut every kernel down; so does the end of the
  `paritrana explore` process that started it, however it ends.
- A kernel a page takes from those started ahead is idle from then on, not from when it was started (it would
  otherwise be culled before the page connects, when it waited longer than the idle timeout).
- The page is Voilà's lab page less what it would load from the web (templates/voila/index.html.j2), and so is the
  frame of its error pages (templates/voila/page.html): they request nothing but this server. An error page is
  titled as the explorer's page, in its language (`ExplorerVoila.title`), not "Voilà".
- Once the kernel started ahead has run the notebook (the season read, scored and shown), the file READY_FILE
  appears in the working folder: `paritrana explore` gives out the address then, when a page is answered at once.

Run as `python -m paritrana_nb.explorer_voila NOTEBOOK` in the folder holding the `voila.json` that
explorer_server.py writes: only that folder's configuration is read.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
import shutil
import signal
import sys
from collections import Counter
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
from voila.request_info_handler import RequestInfoSocketHandler
from voila.static_file_handler import TemplateStaticFileHandler
from voila.tornado.handler import TornadoVoilaHandler

from .messages import Num, t
from .problems import shown_text

STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)
#: What a refused request is said to be, by its status (any other: explorer.refused_other).
REFUSED_WHY = {
    403: "explorer.refused_403",
    404: "explorer.refused_404",
    405: "explorer.refused_405",
    503: "explorer.refused_503",
}
#: A token given as a parameter (`?token=...`, `&token=...`): a wrong one may be another start's, as secret.
_TOKEN_PARAMETER = re.compile(r"(token=)[^&\s'\"]+", re.IGNORECASE)
#: The messages jupyter_server and tornado log of one refused request beside its status line, in English (tornado's
#: HTTPError line holds its address and token): `_RefusedRequests` counts the request instead.
_REQUEST_NOISE = ("%d %s: %s", "wrote error: %r", "Couldn't authenticate ")
#: How tornado logs a request that failed inside its handler: the request's address, then a traceback (_ServerLog).
_UNCAUGHT = "Uncaught exception "
#: What jupyter_server logs of a page that stopped answering pings, and of a kernel shut down for being idle with no
#: page connected (then said in the explorer's language, without the kernel's id: _ServerLog).
_ASLEEP = "WebSocket ping timeout after %i ms."
_CULLED = "Culling '%s' kernel '%s' (%s) with %d connections due to %s seconds of inactivity."
READY_FILE = "ready"
#: The most characters of a line the server logs (_ServerLog): a message a page sent, quoted, may run to megabytes.
LOGGED_CHARS = 1000
#: The tornado setting holding the explorer's language, for the handlers' error pages (ExplorerVoila.lang).
LANG_SETTING = "paritrana_lang"
#: The names under which page.html finds the title and the language of the explorer's pages (ExplorerVoila's).
TITLE_GLOBAL, LANG_GLOBAL = "paritrana_title", "paritrana_lang"
#: The explorer's page templates, index.html.j2 and page.html (Voilà's without their CDN links), found before Voilà's.
PAGE_TEMPLATES = Path(__file__).resolve().parent / "templates" / "voila"


class CappedKernelManager(AsyncMappingKernelManager):
    """Voilà's kernel manager with a cap on live kernels: one more page load waits up to `CAP_WAIT_SECONDS` for a
    kernel to end (a reloaded page's own, shut down as it unloads, may end just after the new load asks), then is
    answered 503."""

    max_kernels = Integer(4, config=True, help="Kernels alive at once; each page load starts one.")
    lang = Unicode("id", config=True, help="Language of the message shown when the cap is reached.")

    async def start_kernel(self, *args: Any, **kwargs: Any) -> str:  # type: ignore[override]  # jupyter_server types its async start_kernel as the sync base's and ignores this too
        deadline = IOLoop.current().time() + CAP_WAIT_SECONDS
        while len(set(self._kernels) | set(self._pending_kernels)) >= self.max_kernels:
            if IOLoop.current().time() >= deadline:
                raise web.HTTPError(503, reason=t("explorer.too_many_kernels", self.lang, count=self.max_kernels))
            await asyncio.sleep(0.1)
        # Counted (last) and started without an await in between, so two page loads cannot both pass the check.
        return await super().start_kernel(*args, **kwargs)

    def remove_kernel(self, kernel_id: str) -> Any:
        """Forget a kernel that ended (shut down by its page or the culler, or dead), and what Voilà noted of the
        request that took it from those started ahead (the page's path and query string, token included): noted for
        the `/voila/query/<kernel id>` websocket this server does not serve (`_NotServed`), Voilà never drops it."""
        _request_notes().pop(kernel_id, None)
        return super().remove_kernel(kernel_id)


def _request_notes() -> dict[str, Any]:
    """Voilà's notes of the requests that took kernels started ahead, by kernel id (0.5.x: a class attribute of its
    request info websocket, filled by its page handler; none if a later Voilà keeps them elsewhere)."""
    notes = getattr(RequestInfoSocketHandler, "_cache", None)
    return notes if isinstance(notes, dict) else {}


CAP_WAIT_SECONDS = 10.0
"""How long a page load over the kernel cap waits for a kernel to end before it is answered 503: a reloaded page
shuts its kernel down as it unloads, and that may end a moment after the new load asks for one. A kernel that does
not end on request is killed after jupyter_client's `shutdown_wait_time` (5 s): on a busy machine a reload waited
that long, and at 5 s here it was answered 503 (a browser test, with the test suite and three other jobs on two
cores)."""


class _OtherHost(Matcher):
    """Matches every request whose Host header is not one of `allowed`, as written: jupyter_server refuses another
    letter case (`LOCALHOST:PORT`, which no browser sends) too, but with an English line in the terminal each time."""

    def __init__(self, allowed: set[str]) -> None:
        self.allowed = allowed

    def match(self, request: httputil.HTTPServerRequest) -> dict[str, Any] | None:
        return None if request.host in self.allowed else {}


class _OtherMethod(Matcher):
    """Matches every request whose method no handler answers (TRACE, PROPFIND, CONNECT)."""

    def match(self, request: httputil.HTTPServerRequest) -> dict[str, Any] | None:
        return None if request.method in web.RequestHandler.SUPPORTED_METHODS else {}


class _RefusalSaid(web.RequestHandler):
    """A handler whose 403 (the token missing, another host, a file not served) says what to open instead, in the
    explorer's language (the `LANG_SETTING` setting), on its page and in its status line: tornado's, jupyter_server's
    and Voilà's error pages show the reason of the status line, "Forbidden" unless the error names another. A file
    handler's 403 (a file off Voilà's list, whatever the token) says the address is not served: asking for the
    token would mislead whoever has it."""

    def send_error(self, status_code: int = 500, **kwargs: Any) -> None:
        if status_code == 403:
            not_served = isinstance(self, (web.StaticFileHandler, _NotServed))
            key = "explorer.not_served_page" if not_served else "explorer.forbidden_page"
            reason = t(key, self.settings[LANG_SETTING])
            kwargs["reason"] = reason
            error = kwargs.get("exc_info", (None, None, None))[1]
            if isinstance(error, web.HTTPError):  # its reason comes first, in tornado's status line and the pages
                error.reason = reason
        super().send_error(status_code, **kwargs)


class _Refuse(_RefusalSaid):
    """403 for any request."""

    def prepare(self) -> None:
        raise web.HTTPError(403)


class _NotServed(_RefusalSaid):
    """403 for any request, token or not, saying the address is not served: in place of Voilà's `/voila/query/<kernel
    id>` websocket, which answers without the token. It gives a kernel started ahead the request that took it, the
    page's query string and so the token in it, to whoever names the kernel's id, which any user of this computer
    reads in the kernel's command line (`ps`). The explorer's notebook never asks for it."""

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


class _PlainErrors(_RefusalSaid):
    """An error answered as its status line in plain text. jupyter_server's own error page (for a kernel websocket
    opened without the token, say) needs settings this server does not give it: its rendering failed, with a
    traceback in the terminal under the printed address."""

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        self.set_header("Content-Type", "text/plain; charset=UTF-8")
        self.finish(f"{status_code} {self._reason}")  # the reason send_error set: a 403's in the explorer's language


def _with_errors_said(handler: Any) -> Any:
    """`handler` as a subclass saying a 403 in the explorer's language (`_RefusalSaid`), and where it would answer
    errors with jupyter_server's page (not Voilà's), answering them plainly."""
    if not (isinstance(handler, type) and issubclass(handler, web.RequestHandler)):
        return handler
    server_page = issubclass(handler, JupyterHandler) and (handler.write_error, handler.render_template) == (
        JupyterHandler.write_error,
        JupyterHandler.render_template,
    )  # Voilà's own pages render theirs with its templates
    said = _PlainErrors if server_page else _RefusalSaid
    return type(handler.__name__, (said, handler), {"__module__": __name__})


class _NotTrustedUnsaid(logging.Filter):
    """Leaves out jupyter_server's warning that the served notebook is not trusted (signed in this user's Jupyter
    database): it is the workbook's own notebook, copied for this start, and the warning, in English under the
    printed address, would only alarm whoever started the explorer."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Notebook %s is not trusted")


class _RefusedRequests:
    """tornado's log of each request (its `log_function`), replaced: an answered request is not told; a refused one
    (status 400 and up) is told on stderr in `lang` by its status alone, never its address; those after it are
    counted and told at most once every `every` seconds, so a burst of them is two lines, not one a request."""

    def __init__(self, lang: str, every: int) -> None:
        self.lang = lang
        self.every = every
        self.counted: Counter[int] = Counter()
        self.counting = False  # a refusal was told less than `every` seconds ago, or a count since

    def __call__(self, handler: web.RequestHandler) -> None:
        status = handler.get_status()
        if status < 400:
            return
        if self.counting:
            self.counted[status] += 1
            return
        why = t(REFUSED_WHY.get(status, "explorer.refused_other"), self.lang)
        self._say(t("explorer.refused", self.lang, status=status, why=why, seconds=self.every))
        self.counting = True
        IOLoop.current().call_later(self.every, self._tell_counted)

    def _tell_counted(self) -> None:
        """Tell the refusals counted since the last line, and count anew for `every` seconds; none: stop counting."""
        if not self.counted:
            self.counting = False
            return
        statuses = ", ".join(f"{status}: {Num(n).render(self.lang)}" for status, n in sorted(self.counted.items()))
        total = sum(self.counted.values())
        self._say(t("explorer.refused_more", self.lang, count=total, seconds=self.every, statuses=statuses))
        self.counted.clear()
        IOLoop.current().call_later(self.every, self._tell_counted)

    @staticmethod
    def _say(line: str) -> None:
        with contextlib.suppress(OSError):  # a terminal closed (the stop signal is on its way): not the request's fault
            print(line, file=sys.stderr, flush=True)


class _ServerLog(logging.Filter):
    """A handler's filter: no token value in a line (this start's `token`, or any `token=` parameter, a wrong one
    perhaps an earlier start's) nor in a traceback, nothing of what is said of one refused request beside its
    status (_REQUEST_NOISE), and a request that failed inside a handler (tornado's "Uncaught exception GET <address>",
    then its traceback: a page's kernel connection racing its shutdown) said in one line in `lang`, its error named
    but not its address. What a line quotes of a request (a websocket message's type) may hold terminal escapes: every
    control character is shown as `\\x1b` (a traceback keeps its line breaks), and a line is cut at LOGGED_CHARS."""

    def __init__(self, token: str, lang: str = "id") -> None:
        super().__init__()
        self.token, self.lang = token, lang

    def hidden(self, text: str) -> str:
        """`text` with every token value replaced by `…`, its control characters escaped, cut at LOGGED_CHARS."""
        text = _TOKEN_PARAMETER.sub(r"\1…", text)
        return shown_text(text.replace(self.token, "…") if self.token else text, LOGGED_CHARS)

    def hidden_lines(self, text: str) -> str:
        """`text` (a traceback) as `hidden` writes each of its lines, its line breaks kept."""
        return "\n".join(self.hidden(line) for line in text.split("\n"))

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str) and record.msg.startswith(_REQUEST_NOISE):
            return False
        if record.msg == _ASLEEP:  # a page in a background tab or a sleeping computer: it reconnects by itself
            return False
        if record.msg == _CULLED and len(record.args or ()) == 5:  # jupyter_server's English, the kernel's id
            seconds = record.args[4]  # type: ignore[index]  # a tuple of five, checked above
            record.msg, record.args = t("explorer.kernel_culled", self.lang, seconds=seconds), ()
            return True
        if isinstance(record.msg, str) and record.msg.startswith(_UNCAUGHT):
            error = record.exc_info[1] if record.exc_info else None
            named = "?" if error is None else self.hidden(f"{type(error).__name__}: {error}")
            record.msg, record.args = t("explorer.request_failed", self.lang, error=named), ()
            record.exc_info, record.exc_text, record.stack_info = None, None, None
            return True
        record.msg, record.args = self.hidden(record.getMessage()), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)  # as formatters cache it
        if record.exc_text:
            record.exc_text = self.hidden_lines(record.exc_text)
        if record.stack_info:
            record.stack_info = self.hidden_lines(record.stack_info)
        return True


class ExplorerVoila(Voila):
    """Voilà with the token, Host, kernel, logging and signal rules above."""

    lang = Unicode("id", config=True, help="Language of what the server tells the terminal and its 403 page.")
    title = Unicode("", config=True, help="Title of its 403 and 503 pages: the explorer page's, in `lang`.")
    refusals_every = Integer(60, min=1, config=True, help="Seconds between two lines telling of refused requests.")

    @default("config_file_paths")
    def _this_folder_only(self) -> list[str]:
        return [str(Path.cwd())]

    def setup_template_dirs(self) -> None:
        super().setup_template_dirs()
        self.template_paths.insert(0, str(PAGE_TEMPLATES))

    def initialize(self, argv: list[str] | None = None) -> None:
        super().initialize(argv)
        self.log.addFilter(_NotTrustedUnsaid())
        server_log = _ServerLog(self.token or "", self.lang)
        for handler in self.log.handlers:
            handler.addFilter(server_log)
        others = logging.StreamHandler()  # tornado's loggers and any library's, shown as Python shows them unset
        others.setLevel(logging.WARNING)
        others.addFilter(server_log)
        logging.getLogger().addHandler(others)
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

    def init_settings(self) -> dict[str, Any]:
        settings = dict(super().init_settings())
        settings["log_function"] = _RefusedRequests(self.lang, self.refusals_every)
        settings[LANG_SETTING] = self.lang
        # the frame of Voilà's error pages (templates/voila/page.html) is titled as the explorer's page, in its language
        settings["voila_jinja2_env"].globals.update({TITLE_GLOBAL: self.title, LANG_GLOBAL: self.lang})
        return settings

    def init_handlers(self) -> list[Any]:
        allowed = {f"127.0.0.1:{self.port}", f"localhost:{self.port}"}
        self.app.default_router.rules.insert(0, Rule(_OtherHost(allowed), _Refuse))
        self.app.default_router.rules.insert(0, Rule(_OtherMethod(), _PlainErrors))  # its 405 rendered plainly
        login = {self.identity_provider.login_handler_class, self.identity_provider.logout_handler_class}
        ours = {TornadoVoilaHandler: _TokenPage, TemplateStaticFileHandler: _TemplateFiles}
        handlers = []
        for pattern, handler, *rest in super().init_handlers():
            if handler is RequestInfoSocketHandler:
                handlers.append((pattern, _NotServed))
            elif handler not in login:
                handlers.append((pattern, _with_errors_said(ours.get(handler, handler)), *rest))
        return handlers

    def stop(self) -> None:
        run_sync(self.kernel_manager.shutdown_all)(now=True)  # kernels hold nothing to save: stopped at once
        shutil.rmtree(self.connection_dir, ignore_errors=True)


if __name__ == "__main__":
    ExplorerVoila.launch_instance()

"""The `paritrana` console script's entry point: Ctrl-C and SIGTERM are handled from the moment the package runs.

Importing the command line takes half a second to a second and a half (pandas, pyarrow, pydantic); a Ctrl-C
meanwhile ended the process with a traceback of the import, a SIGTERM without a word. This module imports no more
than the package's own light `__init__`: it holds SIGINT and SIGTERM back while `paritrana_nb.cli` is imported (an
import is never left half done), then stops as the command does on either (`cli.stopped`: its message, exit code 130
for Ctrl-C, 143 for SIGTERM) or runs the command, whose own handling takes over; a signal before the command's
handling is in place (while its arguments are read) is told the same way.
"""

from __future__ import annotations

import signal


def main() -> int:
    """Run the `paritrana` command of the process's command line; its exit code (a short command ends the process
    itself, see `cli.main`)."""
    held: list[int] = []

    def hold(signum: int, _frame: object) -> None:
        held.append(signum)

    # SIGINT only where Python's own handler is in place (not where it is ignored, as in a background job); SIGTERM
    # always, as the command handles it
    holding = signal.getsignal(signal.SIGINT) is signal.default_int_handler
    if holding:
        signal.signal(signal.SIGINT, hold)
    terminating = signal.signal(signal.SIGTERM, hold)
    try:
        try:
            from . import cli
        except BaseException:  # not imported (a broken installation): the signals as they were, its error raised
            signal.signal(signal.SIGTERM, terminating)
            raise
        finally:
            if holding:
                signal.signal(signal.SIGINT, signal.default_int_handler)
        cli.handle_sigterm()  # (a SIGTERM until now was held: no moment without a handler)
        if held:
            raise cli.Terminated if held[0] == signal.SIGTERM else KeyboardInterrupt
        return cli.main()
    except KeyboardInterrupt as stop:  # held back during the import, or before the command handles it itself
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # stopping already: a second Ctrl-C changes nothing,
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a second SIGTERM ends the process at once (as `cli`'s handler)
        from . import cli  # imported whole: the signal was held back until it was

        return cli.stopped(stop)

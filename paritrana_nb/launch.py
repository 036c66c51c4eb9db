"""The `paritrana` console script's entry point: Ctrl-C is handled from the moment the package runs.

Importing the command line takes half a second (pandas, pyarrow, pydantic); a Ctrl-C meanwhile ended the process
with a traceback of the import. This module imports no more than the package's own light `__init__`: it holds
SIGINT back while `paritrana_nb.cli` is imported (an import is never left half done), then stops with the command's
message on Ctrl-C (`cli.stopped`, exit code 130) or runs the command, whose own Ctrl-C handling takes over; a
Ctrl-C before the command's is in place (while its arguments are read) is told the same way.
"""

from __future__ import annotations

import signal


def main() -> int:
    """Run the `paritrana` command of the process's command line; its exit code (a short command ends the process
    itself, see `cli.main`)."""
    held: list[int] = []

    def hold(signum: int, _frame: object) -> None:
        held.append(signum)

    # only where Python's own handler is in place (not where SIGINT is ignored, as in a background job)
    holding = signal.getsignal(signal.SIGINT) is signal.default_int_handler
    if holding:
        signal.signal(signal.SIGINT, hold)
    try:
        try:
            from . import cli
        finally:
            if holding:
                signal.signal(signal.SIGINT, signal.default_int_handler)
        if held:
            raise KeyboardInterrupt
        return cli.main()
    except KeyboardInterrupt as stop:  # held back during the import, or before the command handles it itself
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # stopping already: a second Ctrl-C changes nothing
        from . import cli  # imported whole: the interrupt was held back until it was

        return cli.stopped(stop)

"""Paritrana Award evaluation workbook."""

from __future__ import annotations

import sys  # and nothing else: this runs before `paritrana` can handle Ctrl-C (typing alone takes 10 ms)

#: The package's modules imported before pandas (a third of a second): `paritrana`'s entry point, which handles
#: Ctrl-C from its first moment, and the command line's module up to its own imports (run as
#: `python -m paritrana_nb.cli`, it first hands over to the entry point).
_BEFORE_PANDAS = frozenset({f"{__name__}.launch", f"{__name__}.cli"})


def _python_strings() -> None:
    """pandas 3 backs its text dtype with pyarrow whenever pyarrow is installed (a dependency here, for the cache and
    the CSV writer); the workbook's tables keep the Python-backed text of every tested environment: the same
    behaviour with or without pyarrow, and no conversion to Python strings at each lookup."""
    import pandas as pd

    pd.set_option("mode.string_storage", "python")


class _PandasFirst:
    """First on the import path until any other module of the package is imported: pandas, set up by
    `_python_strings`, is imported before it (as when this file imported pandas itself), then this steps aside."""

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        """Set pandas up before the package's first module that may use it; finding it is left to the other finders
        (None)."""
        if name.startswith(f"{__name__}.") and name not in _BEFORE_PANDAS:
            _python_strings()
            if self in sys.meta_path:
                sys.meta_path.remove(self)


sys.meta_path.insert(0, _PandasFirst())

"""Paritrana Award evaluation workbook."""

import pandas as pd

# pandas 3 backs its text dtype with pyarrow whenever pyarrow is installed (a dependency here, for the cache and
# the CSV writer); the workbook's tables keep the Python-backed text of every tested environment: the same
# behaviour with or without pyarrow, and no conversion to Python strings at each lookup.
pd.set_option("mode.string_storage", "python")

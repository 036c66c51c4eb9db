"""notebooks/rapor_peserta.ipynb runs headless under papermill and shows the card `paritrana rapor --id` writes."""

from __future__ import annotations

import html
import re
from pathlib import Path

import nbformat
import papermill

from paritrana_nb.cli import main
from paritrana_nb.messages import t
from paritrana_nb.rapor.paths import card_path
from rapor_fixtures import HOSTILE_NPP, write_card_season

ROOT = Path(__file__).resolve().parents[2]


def test_the_notebook_shows_the_card_the_command_writes(tmp_path: Path) -> None:
    data, params = write_card_season(tmp_path, previous=True)
    out = tmp_path / "rapor_peserta.ipynb"
    papermill.execute_notebook(
        str(ROOT / "notebooks" / "rapor_peserta.ipynb"),
        str(out),
        progress_bar=False,
        parameters={"id_peserta": HOSTILE_NPP, "data_dir": str(data), "params_dir": str(params), "lang": "en"},
        cwd=str(tmp_path),
    )
    executed = nbformat.read(out, as_version=4)
    outputs = [o for c in executed.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    [frame] = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    [srcdoc] = re.findall(r'srcdoc="([^"]*)"', frame)
    assert "<img" not in frame.replace(srcdoc, "")  # the page is an escaped attribute value
    args = ["--season", "2025", "--data-dir", str(data), "--params-dir", str(params), "--lang", "en"]
    assert main(["rapor", *args, "--out", str(tmp_path / "cards"), "--id", HOSTILE_NPP]) == 0
    written = card_path(tmp_path / "cards", 2025, "61", "bu_kecil_mikro", HOSTILE_NPP, "en").read_text("utf-8")
    # the same page but for the link to its group's index, which only a card in its folder has (and leads nowhere here)
    back = f'<p class="nav"><a href="../index.en.html">{t("rapor.all_cards", "en")}</a></p>'
    assert back in written and back not in html.unescape(srcdoc)
    assert html.unescape(srcdoc) == written.replace(back, "", 1)

"""The season the card tests render: the small season plus a kelurahan, an unscored village, a business with a
hostile name, and optionally last season (2024) with one rank changed."""

from __future__ import annotations

import html.parser
import json
import re
import shutil
from pathlib import Path

import pandas as pd
import yaml

from scoring_fixtures import DEFAULT_METHODOLOGY, small_season_tables, write_season

HOSTILE = "</script><img src=x onerror=alert(1)>"
KELURAHAN = "61.71.01.1002"
UNSCORED = "61.71.01.1003"  # every denominator 0: no indicator applies
HOSTILE_NPP = "1012345605"
DESK_STAGE = "0012345601"  # a business: nobody is interviewed
_JSON = re.compile(r'<script type="application/json" id="rapor-data">(.*?)</script>', re.S)


def card_tables() -> dict[str, pd.DataFrame]:
    tables = small_season_tables()
    desa = tables["desa"]
    unscored = pd.DataFrame(
        [(UNSCORED, "Kelurahan Benuamelayu Darat", "61.71", 2024, 0, 0, 0, 0, 0, 0, 0, 0)], columns=desa.columns
    )
    tables["desa"] = pd.concat([desa, unscored], ignore_index=True)
    bu = tables["badan_usaha"]
    hostile = bu[bu["npp"] == "1012345603"].assign(npp=HOSTILE_NPP, nama=HOSTILE, pekerja_terdaftar=10)
    tables["badan_usaha"] = pd.concat([bu, hostile], ignore_index=True)
    return tables


def previous_tables() -> dict[str, pd.DataFrame]:
    """Season 2024: the same rows one year earlier, but Kota Pontianak was not interviewed and covered a tenth
    as many workers: it ranked last of its three regencies/cities, below Kabupaten Melawi."""
    tables = card_tables()
    for name in ("pemda", "desa", "badan_usaha"):
        tables[name] = tables[name].assign(tahun=tables[name]["tahun"] - 1)
    pemda = tables["pemda"]
    for column in ("peserta_pu", "peserta_bpu", "pekerja_rentan_apbd", "anggaran_iuran_apbd_rp"):
        pemda.loc[pemda["kode_wilayah"] == "61.71", column] //= 10
    wawancara = tables["wawancara"]
    tables["wawancara"] = wawancara[wawancara["id_peserta"] != "61.71"].reset_index(drop=True)
    return tables


def write_card_season(root: Path, previous: bool = False) -> tuple[Path, Path]:
    """data/ and params/ folders under `root` holding season 2025 (and 2024 when `previous`)."""
    data, params = root / "data", root / "params"
    write_season(data, card_tables())
    (params / "2025").mkdir(parents=True)
    shutil.copy(DEFAULT_METHODOLOGY, params / "2025" / "metodologi.yaml")
    if previous:
        write_season(data, previous_tables(), musim=2024)
        methodology = yaml.safe_load(DEFAULT_METHODOLOGY.read_text(encoding="utf-8"))
        methodology["musim"] = 2024
        (params / "2024").mkdir()
        (params / "2024" / "metodologi.yaml").write_text(yaml.safe_dump(methodology, allow_unicode=True))
    return data, params


def card_data(page: str) -> dict:
    """The JSON block of a card page."""
    found = _JSON.findall(page)
    assert len(found) == 1, "a card holds exactly one rapor-data block"
    return json.loads(found[0])


class Elements(html.parser.HTMLParser):
    """The start tags of a page, as the browser's parser sees them."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

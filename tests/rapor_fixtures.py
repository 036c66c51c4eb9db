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


def set_row(path: Path, key: str, tahun: int, **values: object) -> None:
    """Change the row of `key` and year `tahun` of a season CSV (its first column is the id)."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    at = (frame.iloc[:, 0] == key) & (frame["tahun"] == str(tahun))
    assert at.sum() == 1, (path, key, tahun)
    for column, value in values.items():
        frame.loc[at, column] = str(value)
    frame.to_csv(path, index=False)


#: The two villages of Kalbar that `share_first_village_place` ranks first together, the kelurahan third.
SHARED_FIRST = ("61.04.01.2011", "61.04.02.2003")


def share_first_village_place(data: Path) -> None:
    """Make the two villages of SHARED_FIRST share rank 1 in season 2025 under `data` (equal desk scores and
    tie-break value, nobody interviewed): one protects more officials, the other more council members."""
    # both: coverage 90 % of 1200, 240 vulnerable workers (20 %, the upper goalpost), above the kelurahan's score;
    # Desa Sungai Putri protects 12 of 12 officials and 7 of 9 council members, Desa Belaban 10 of 12 and 9 of 9:
    # 20 * 100 + 15 * 700 / 9 = 20 * 1000 / 12 + 15 * 100, the same desk score
    for key, officials, council in zip(SHARED_FIRST, (12, 10), (7, 9), strict=True):
        set_row(
            data / "2025" / "desa.csv",
            key,
            2024,
            penduduk_bekerja=1200,
            peserta=1080,
            perangkat_desa=12,
            perangkat_terlindungi=officials,
            anggota_bpd=9,
            bpd_terlindungi=council,
            pekerja_rentan_dana_desa=240,
            anggaran_iuran_dana_desa_rp=240 * 201600,
        )
    wawancara = data / "2025" / "wawancara.csv"
    interviews = pd.read_csv(wawancara, dtype=str, keep_default_na=False)
    interviews[interviews["kategori"] != "desa"].to_csv(wawancara, index=False)


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


def index_rows(count: int) -> list[dict[str, object]]:
    """`count` rows of one ranking group's card index as `batch.write_indexes` makes them, in rank order: villages of
    27 regencies, then one business (another category), the last row the hostile name."""
    rows: list[dict[str, object]] = [
        {
            "href": f"desa/32.01.{i:05d}.html",
            "nama": f"Desa Nomor {i:05d}",
            "kategori": "Desa",
            "wilayah": f"Kabupaten {i % 27:02d}",
            "peringkat": str(i + 1),
            "peringkat_v": i + 1,
            "skor": "50,00",
            "skor_v": f"{90 - i / 1000:.6f}",
            "usulan": i < 3,
        }
        for i in range(count - 1)
    ]
    rows.append({**rows[0], "href": "bu_kecil_mikro/1012345605.html", "nama": HOSTILE, "kategori": "Usaha kecil"})
    return rows


def index_page(rows: list[dict[str, object]], lang: str = "id") -> str:
    """The card index page of a ranking group holding `rows` (`index_rows`), in `lang`."""
    from paritrana_nb.rapor.cards import Texts
    from paritrana_nb.rapor.render import Pages
    from paritrana_nb.report.sections import Footer

    shared = {
        "lang": lang,
        "t": Texts(lang),
        "musim": 2025,
        "illustrative": False,
        "proposal": "",
        "footer": Footer("", ("v",)),
        "finalists": False,
        "shortlist": True,
    }
    return Pages(cards=None, text=Texts(lang)).index("Jawa Barat", rows, shared)  # type: ignore[arg-type]

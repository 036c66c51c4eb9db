"""The same table written as plain CSV, Indonesian-locale CSV and .xlsx loads identically."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandas.testing as pdt
import pytest
from openpyxl import load_workbook

from conftest import small_season_tables, write_season
from paritrana_nb.numbers import classify, to_float
from paritrana_nb.season import load_season

TEXT_COLUMNS = {"kode_wilayah", "kode_desa", "nama", "npp", "skala", "sektor", "kategori",
                "id_peserta", "juri", "aspek", "tingkat", "kode_provinsi"}


def _indonesian(value: object, column: str) -> str:
    """Format like Excel in the Indonesian locale: 1.234.567 and 68,02."""
    if column in TEXT_COLUMNS or value == "" or column == "tahun":
        return str(value)
    number = float(value)  # type: ignore[arg-type]
    if number.is_integer():
        return f"{int(number):,}".replace(",", ".")
    whole, frac = f"{number:,.2f}".split(".")
    return whole.replace(",", ".") + "," + frac


def write_indonesian_csv(frame: pd.DataFrame, path: Path) -> None:
    cells = frame.astype(object).apply(lambda col: col.map(lambda v: _indonesian(v, col.name)))
    text = ";".join(frame.columns) + "\n"
    text += "\n".join(";".join(row) for row in cells.itertuples(index=False)) + "\n"
    path.write_bytes("\ufeff".encode() + text.encode("utf-8"))


def _load(data_dir: Path) -> dict[str, pd.DataFrame]:
    result = load_season(2025, data_dir)
    assert result.season is not None, result.report.render("en")
    return {name: getattr(result.season, name) for name in ("wilayah", "pemda", "desa", "badan_usaha", "wawancara")}


@pytest.fixture
def plain(tmp_path: Path) -> dict[str, pd.DataFrame]:
    write_season(tmp_path / "plain", small_season_tables())
    return _load(tmp_path / "plain")


def test_indonesian_locale_csv_loads_like_plain_csv(tmp_path: Path, plain: dict[str, pd.DataFrame]) -> None:
    tables = small_season_tables()
    folder = write_season(tmp_path, tables)
    for name in ("pemda", "desa", "badan_usaha"):
        write_indonesian_csv(tables[name], folder / f"{name}.csv")
    raw = (folder / "pemda.csv").read_text(encoding="utf-8-sig")
    assert "2.860.000" in raw and "55,50" in raw and ";" in raw  # really in Indonesian form
    loaded = _load(tmp_path)
    for name, frame in plain.items():
        pdt.assert_frame_equal(loaded[name], frame)


def test_xlsx_loads_like_plain_csv(tmp_path: Path, plain: dict[str, pd.DataFrame]) -> None:
    tables = small_season_tables()
    folder = write_season(tmp_path, tables)
    for name in ("wilayah", "pemda", "desa", "badan_usaha", "wawancara"):
        (folder / f"{name}.csv").unlink()
        frame = tables[name].copy()
        if "vendor_patuh_pct" in frame:
            frame["vendor_patuh_pct"] = pd.to_numeric(frame["vendor_patuh_pct"])
        frame.to_excel(folder / f"{name}.xlsx", index=False)
    loaded = _load(tmp_path)
    for name, frame in plain.items():
        pdt.assert_frame_equal(loaded[name], frame)


def test_xlsx_percent_cells_are_read_as_percents(tmp_path: Path) -> None:
    tables = small_season_tables()
    folder = write_season(tmp_path, tables)
    frame = tables["badan_usaha"].copy()
    frame["vendor_patuh_pct"] = pd.to_numeric(frame["vendor_patuh_pct"])
    frame["upah_sesuai_pct"] = frame["upah_sesuai_pct"] / 100
    (folder / "badan_usaha.csv").unlink()
    path = folder / "badan_usaha.xlsx"
    frame.to_excel(path, index=False)
    book = load_workbook(path)
    sheet = book.active
    column = list(frame.columns).index("upah_sesuai_pct") + 1
    for row in range(2, len(frame) + 2):
        sheet.cell(row=row, column=column).number_format = "0.00%"
    book.save(path)
    loaded = _load(tmp_path)["badan_usaha"]
    assert loaded["upah_sesuai_pct"].tolist() == pytest.approx([98.5, 90.0, 100.0, 80.0])


def test_xlsx_numeric_npp_is_flagged(tmp_path: Path) -> None:
    tables = small_season_tables()
    folder = write_season(tmp_path, tables)
    frame = tables["badan_usaha"].copy()
    frame["npp"] = frame["npp"].astype(int)
    (folder / "badan_usaha.csv").unlink()
    frame.to_excel(folder / "badan_usaha.xlsx", index=False)
    warnings = [p for p in load_season(2025, tmp_path).report.warnings if p.code == "W_NPP_NUMERIC"]
    assert [p.row for p in warnings] == [2, 3, 4, 5]


def test_mixed_number_styles_in_one_file_is_an_error(tmp_path: Path) -> None:
    tables = small_season_tables()
    frame = tables["badan_usaha"].astype(object)
    frame["upah_sesuai_pct"] = ["98", "90", "100", "80"]
    frame["nik_valid_pct"] = ["99", "95.25", "100", "100"]  # an English decimal point ...
    frame.loc[2, "upah_sesuai_pct"] = "98,5"  # ... and an Indonesian decimal comma in the same file
    tables["badan_usaha"] = frame
    write_season(tmp_path, tables)
    errors = [p for p in load_season(2025, tmp_path).report.errors if p.code == "E_MIXED_NUMBER_FORMAT"]
    assert len(errors) == 1 and errors[0].file == "badan_usaha.csv"
    assert "95.25" in errors[0].message("en") and "98,5" in errors[0].message("en")


def test_undecided_ambiguous_value_is_reported(tmp_path: Path) -> None:
    tables = small_season_tables()
    folder = write_season(tmp_path, tables)
    frame = tables["badan_usaha"].astype(object)
    frame["vendor_patuh_pct"] = ""
    frame["upah_sesuai_pct"] = ["1.234", "90", "100", "80"]  # nothing else says which style
    frame["nik_valid_pct"] = "99"
    frame.to_csv(folder / "badan_usaha.csv", index=False)
    report = load_season(2025, tmp_path).report
    ambiguous = [p for p in report.warnings if p.code == "W_AMBIGUOUS_NUMBER"]
    assert [(p.row, p.column, p.value) for p in ambiguous] == [(2, "upah_sesuai_pct", "1.234")]


@pytest.mark.parametrize(("text", "whole", "style"), [
    ("1234", True, "plain"), ("1.234.567", True, "id"), ("68,02", False, "id"),
    ("1,234,567", True, "en"), ("68.02", False, "en"), ("1.234", False, "ambiguous"),
    ("1.234", True, "id"), ("1,234", True, "en"), ("0.500", False, "en"), ("12a", False, "invalid"),
    ("1.234,5", False, "id"), ("1,234.5", False, "en"),
])
def test_classify(text: str, whole: bool, style: str) -> None:
    assert classify(text, whole) == style


def test_to_float() -> None:
    assert to_float("1.234.567", "id") == 1234567
    assert to_float("68,02", "id") == pytest.approx(68.02)
    assert to_float("1,234,567.5", "en") == 1234567.5
    assert to_float("68,02", "en") is None

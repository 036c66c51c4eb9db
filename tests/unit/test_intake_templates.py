"""`paritrana template`: the workbooks submitters and jurors fill in, opened and inspected with openpyxl."""

from __future__ import annotations

import re
import shlex
import shutil
import threading
import time
import zipfile
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest
import yaml
from openpyxl import load_workbook

from conftest import small_season_tables, write_season
from paritrana_nb import kemendagri
from paritrana_nb.cli import main
from paritrana_nb.intake.guide import sheet_columns
from paritrana_nb.intake.merge import run_intake
from paritrana_nb.messages import t
from paritrana_nb.methodology import load_methodology
from paritrana_nb.schema import BADAN_USAHA, DESA, PEMDA, WAWANCARA

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("data")
    write_season(data, {"wilayah": small_season_tables()["wilayah"]})
    out = tmp_path_factory.mktemp("templates")
    assert main(["template", "--season", "2025", "--data-dir", str(data), "--out", str(out)]) == 0
    return out


def _rules(sheet) -> dict[str, object]:
    """Column name -> its data validation."""
    header = {c.column_letter: c.value for c in sheet[1]}
    rules = {}
    for rule in sheet.data_validations.dataValidation:
        for cell_range in rule.sqref.ranges:
            letter = cell_range.coord.split(":")[0].rstrip("0123456789")
            rules[header[letter]] = rule
    return rules


def test_one_template_per_submitter(templates: Path) -> None:
    names = sorted(p.name for p in templates.iterdir())
    assert names == [
        "badan_usaha_61.xlsx",
        "badan_usaha_65.xlsx",
        "desa_61.04.xlsx",
        "desa_61.10.xlsx",
        "desa_61.71.xlsx",
        "desa_65.03.xlsx",
        "pemda_61.xlsx",
        "pemda_65.xlsx",
    ]


def test_pemda_template_prefills_every_region_for_both_years_and_locks_codes(templates: Path) -> None:
    book = load_workbook(templates / "pemda_61.xlsx")
    sheet = book["data"]
    header = [c.value for c in sheet[1]]
    assert [h for h in header if h != "nama"] == list(PEMDA.column_names)  # the contract's names, row 1
    rows = [(r[0].value, r[1].value, r[2].value) for r in sheet.iter_rows(min_row=2)]
    assert rows == [
        (code, name, year)
        for code, name in (
            ("61", "Kalimantan Barat"),
            ("61.04", "Kabupaten Ketapang"),
            ("61.10", "Kabupaten Melawi"),
            ("61.71", "Kota Pontianak"),
        )
        for year in (2024, 2023)
    ]
    assert sheet.protection.sheet
    assert sheet["A2"].protection.locked and sheet["B2"].protection.locked and sheet["C2"].protection.locked
    assert not sheet["D2"].protection.locked  # penduduk_bekerja is for the submitter
    assert sheet.freeze_panes == "C2"


def test_data_validations_cover_every_rule(templates: Path) -> None:
    pemda = _rules(load_workbook(templates / "pemda_61.xlsx")["data"])
    assert (pemda["penduduk_bekerja"].type, pemda["penduduk_bekerja"].operator, pemda["penduduk_bekerja"].formula1) == (
        "whole",
        "greaterThanOrEqual",
        "0",
    )
    assert (pemda["target_ucj_pct"].type, pemda["target_ucj_pct"].formula1, pemda["target_ucj_pct"].formula2) == (
        "decimal",
        "0",
        "100",
    )
    assert (pemda["tahun"].type, pemda["tahun"].formula1) == ("list", '"2024,2023"')
    assert (pemda["perda"].type, pemda["perda"].formula1) == ("list", '"0,1"')
    assert pemda["anggaran_iuran_apbd_rp"].type == "decimal"
    assert all(rule.showErrorMessage and rule.error for rule in pemda.values())

    desa_book = load_workbook(templates / "desa_61.04.xlsx")
    desa = _rules(desa_book["data"])
    assert desa["kode_wilayah"].type == "list"
    listed = desa_book.defined_names[desa["kode_wilayah"].formula1].attr_text
    assert listed.startswith("daftar!")
    assert str(desa["kode_wilayah"].sqref).endswith("1048576")  # rows a submitter appends are checked too
    assert desa["kode_desa"].type == "custom"
    villages = len(kemendagri.bundled().villages_of("61.04"))
    assert all(desa_book["data"].cell(r, 3).value == "61.04" for r in range(2, villages + 2))

    bu = _rules(load_workbook(templates / "badan_usaha_61.xlsx")["data"])
    letters = {c.value: c.column_letter for c in load_workbook(templates / "badan_usaha_61.xlsx")["data"][1]}
    part, whole = letters["pekerja_terdaftar"], letters["jumlah_pekerja"]
    assert bu["pekerja_terdaftar"].formula1 == f"AND({part}2>=0,{part}2=INT({part}2),{part}2<={whole}2)"
    assert (bu["skala"].type, bu["skala"].formula1) == ("list", '"besar,menengah,kecil,mikro"')
    assert bu["jkp"].formula1 == '"0,1"'
    assert (bu["upah_sesuai_pct"].formula1, bu["upah_sesuai_pct"].formula2) == ("0", "100")
    assert "sektor" not in bu and "nama" not in bu  # free text has no rule


def test_desa_part_rules_name_their_whole(templates: Path) -> None:
    sheet = load_workbook(templates / "desa_61.04.xlsx")["data"]
    letters = {c.value: c.column_letter for c in sheet[1]}
    rules = _rules(sheet)
    for part, whole in (("perangkat_terlindungi", "perangkat_desa"), ("bpd_terlindungi", "anggota_bpd")):
        p, w = letters[part], letters[whole]
        assert rules[part].formula1 == f"AND({p}2>=0,{p}2=INT({p}2),{p}2<={w}2)"


def test_headers_frozen_help_on_every_header_and_petunjuk_explains_every_column(templates: Path) -> None:
    for name, table in (("desa_61.04.xlsx", DESA), ("badan_usaha_61.xlsx", BADAN_USAHA)):
        book = load_workbook(templates / name)
        sheet = book["data"]
        assert book.sheetnames[:2] == ["data", "petunjuk"]
        assert sheet.freeze_panes == "A2"
        assert [c.value for c in sheet[1]] == list(table.column_names)
        assert all(c.comment is not None and "Contoh:" in c.comment.text for c in sheet[1])
        guide = book["petunjuk"]
        listed = {row[0].value for row in guide.iter_rows(min_row=8)}
        assert set(table.column_names) <= listed
        props = {p.name: p.value for p in book.custom_doc_props}
        assert props["paritrana_musim"] == "2025" and props["paritrana_provinsi"] == "61"


def test_numbers_are_shown_the_indonesian_way_and_codes_as_text(templates: Path) -> None:
    sheet = load_workbook(templates / "desa_61.04.xlsx")["data"]
    letters = {c.value: c.column_letter for c in sheet[1]}
    assert sheet.column_dimensions[letters["penduduk_bekerja"]].number_format == "[$-421]#,##0"
    assert sheet.column_dimensions[letters["kode_desa"]].number_format == "@"
    assert sheet["C2"].number_format == "@"


def test_english_templates_speak_english(tmp_path: Path) -> None:
    write_season(tmp_path, {"wilayah": small_season_tables()["wilayah"]})
    out = tmp_path / "en"
    assert (
        main(
            [
                "template",
                "--season",
                "2025",
                "--data-dir",
                str(tmp_path),
                "--province",
                "kaltara",
                "--lang",
                "en",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    book = load_workbook(out / "pemda_65.xlsx")
    assert "Example:" in book["data"]["C1"].comment.text
    assert book["petunjuk"]["A1"].value.startswith("How to fill in")
    assert book["data"].column_dimensions["D"].number_format == "[$-409]#,##0"


def test_unknown_province_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_season(tmp_path, {"wilayah": small_season_tables()["wilayah"]})
    assert (
        main(
            [
                "template",
                "--season",
                "2025",
                "--data-dir",
                str(tmp_path),
                "--province",
                "jabar",
                "--out",
                str(tmp_path / "x"),
            ]
        )
        == 2
    )
    err = capsys.readouterr().err
    assert "32" in err and "61 (kalbar), 65 (kaltara)." in err, err  # the provinces there, with their short names
    assert not (tmp_path / "x").exists()


def test_missing_region_list_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "2025").mkdir()
    assert main(["template", "--season", "2025", "--data-dir", str(tmp_path), "--out", str(tmp_path / "x")]) == 1
    assert "wilayah.csv" in capsys.readouterr().err


def test_a_new_seasons_templates_need_only_its_region_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The templates of the next season: the error says to start its folder with the latest region list, not
    with the five tables the templates are there to collect; the juror sheets still need every table."""
    write_season(tmp_path, {"wilayah": small_season_tables()["wilayah"]})
    out = tmp_path / "x"
    assert main(["--lang", "en", "template", "--season", "2026", "--data-dir", str(tmp_path), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"copy {tmp_path / '2025' / 'wilayah.csv'} there" in err, err
    assert "pemda, desa" not in err, err
    assert "No season 2026 templates written: 1 error, 0 warnings." in err and "scored" not in err, err
    jury = ["--lang", "en", "template", "--season", "2026", "--jury", "--jurors", "J1"]
    assert main([*jury, "--data-dir", str(tmp_path), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "wilayah, pemda, desa, badan_usaha and wawancara" in err and "can NOT be scored" in err, err
    (tmp_path / "2026").mkdir()
    shutil.copy(tmp_path / "2025" / "wilayah.csv", tmp_path / "2026")
    assert main(["template", "--season", "2026", "--data-dir", str(tmp_path), "--out", str(out)]) == 0
    assert load_workbook(out / "pemda_61.xlsx")["data"]["C2"].value == 2025  # performance year T of season 2026


def test_options_of_the_juror_sheets_are_refused_without_jury(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--jurors, --finalists and --methodology shape only the juror sheets: on the data templates they were ignored
    in silence; the commands that read no season cache do not offer --cache-dir or --no-cache."""
    write_season(tmp_path, {"wilayah": small_season_tables()["wilayah"]})
    out = tmp_path / "x"
    plain = ["--lang", "en", "template", "--data-dir", str(tmp_path), "--out", str(out)]
    assert main([*plain, "--jurors", "J1", "--methodology", str(tmp_path / "m.yaml")]) == 2
    err = capsys.readouterr().err
    assert "--jurors, --methodology only applies with --jury" in err and "leave out --jurors, --methodology" in err
    assert not out.exists()
    params = tmp_path / "params"
    assert main([*plain, "--params-dir", str(params)]) == 0  # every command takes it (scripts pass it to all): told
    assert t("cli.template_params_dir_unused", "en", folder=params) in capsys.readouterr().err
    main([*plain[:-1], str(tmp_path / "y"), "--jury", "--params-dir", str(params)])  # read with --jury
    assert "is not read" not in capsys.readouterr().err
    for command in ("template", "intake", "status"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        shown = capsys.readouterr().out
        assert "--data-dir" in shown and "--cache-dir" not in shown and "--no-cache" not in shown, command
    with pytest.raises(SystemExit):
        main(["score", "--help"])
    assert "--no-cache" in capsys.readouterr().out


# --- juror score sheets ------------------------------------------------------------------------


@pytest.fixture
def full_season(tmp_path: Path) -> Path:
    write_season(tmp_path, small_season_tables())
    return tmp_path


def test_juror_sheets_one_row_per_finalist_and_aspect(full_season: Path) -> None:
    out = full_season / "juri"
    assert (
        main(
            [
                "template",
                "--season",
                "2025",
                "--data-dir",
                str(full_season),
                "--params-dir",
                str(ROOT / "params"),
                "--jury",
                "--province",
                "61",
                "--jurors",
                "J1,J2",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    names = sorted(p.name for p in out.iterdir())
    assert "wawancara_pemda_J1.xlsx" in names and "wawancara_pemda_J2.xlsx" in names
    book = load_workbook(out / "wawancara_pemda_J2.xlsx")
    sheet = book["data"]
    header = [c.value for c in sheet[1]]
    assert header == [s.name for s in sheet_columns("wawancara")]
    assert [h for h in header if h not in ("nama", "nama_aspek", "hadir")] == list(WAWANCARA.column_names)
    assert header[4:6] == ["aspek", "nama_aspek"]  # the label beside the id intake reads
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=2)]
    # the interviewed finalists of the small season: 61.04 and 61.71, each with every pemda aspect
    assert {(r[0], r[1], r[3]) for r in rows} == {("pemda", "61.04", "J2"), ("pemda", "61.71", "J2")}
    assert {(r[4], r[5]) for r in rows} == {
        ("inovasi", "Inovasi"),
        ("sinergi", "Sinergi"),
        ("presentasi", "Presentasi"),
    }
    assert all(r[6] is None and r[7] is None for r in rows)
    assert rows[0][2] == "Kabupaten Ketapang"
    rules = _rules(sheet)
    assert (rules["nilai"].type, rules["nilai"].formula1, rules["nilai"].formula2) == ("decimal", "0", "100")
    assert rules["hadir"].formula1 == '"0,1"'
    assert sheet.protection.sheet and sheet["A2"].protection.locked and sheet["F2"].protection.locked
    assert not sheet["G2"].protection.locked  # nilai
    guide = [row[0] for row in book["petunjuk"].iter_rows(max_row=6, values_only=True) if row[0]]
    assert not any("2024" in line or "tahun" in line for line in guide), guide  # a juror's sheet has no year


def _labelled_params(root: Path) -> Path:
    """params/2025/metodologi.yaml with labels for pemda's aspects: one of them other than the catalogue's name."""
    params = root / "params"
    (params / "2025").mkdir(parents=True)
    text = (ROOT / "params" / "2025" / "metodologi.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    data["kategori"]["pemda"]["aspects"] = [
        {"id": "inovasi", "label": {"id": "Inovasi layanan", "en": "Service innovation"}},
        "sinergi",
        {"id": "presentasi", "label": {"id": "Paparan kepala daerah", "en": "Regional head's presentation"}},
    ]
    (params / "2025" / "metodologi.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return params


@pytest.mark.parametrize(
    ("lang", "labels"),
    [
        ("id", {"inovasi": "Inovasi layanan", "sinergi": "Sinergi", "presentasi": "Paparan kepala daerah"}),
        ("en", {"inovasi": "Service innovation", "sinergi": "Synergy", "presentasi": "Regional head's presentation"}),
    ],
)
def test_juror_sheets_show_each_aspect_by_its_label_in_the_sheets_language(
    full_season: Path, lang: str, labels: dict[str, str]
) -> None:
    """The id stays in `aspek` (what intake reads); `nama_aspek` beside it is the methodology's label, or the
    catalogue's name of a bare id, in the language the sheets are written in; intake drops it."""
    params = _labelled_params(full_season)
    out = full_season / "juri"
    base = ["template", "--season", "2025", "--data-dir", str(full_season), "--params-dir", str(params)]
    assert main([*base, "--jury", "--province", "61", "--jurors", "J1", "--lang", lang, "--out", str(out)]) == 0
    sheet = load_workbook(out / "wawancara_pemda_J1.xlsx")["data"]
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=2)]
    assert {r[4]: r[5] for r in rows} == labels
    for row in sheet.iter_rows(min_row=2):
        row[6].value = 80  # nilai
    sheet.parent.save(out / "wawancara_pemda_J1.xlsx")
    methodology = load_methodology(params / "2025" / "metodologi.yaml")
    merged = run_intake(2025, out, None, full_season, methodology)  # an inbox of juror sheets only
    assert [e for e in merged.errors if e.problem.file.startswith("wawancara")] == []
    wawancara = merged.tables["wawancara"]
    assert "nama_aspek" not in wawancara.columns
    assert set(wawancara["aspek"]) == set(labels)


def test_a_juror_sheet_row_changed_to_a_participant_it_was_not_made_for_is_an_error_and_not_merged(
    full_season: Path,
) -> None:
    """A sheet unlocked and its id_peserta overwritten with another province's participant (65.03) or a participant
    of its own province not on the shortlist (61.10) was merged: 65.03 became a finalist of Kalimantan Utara, scored by
    a juror of Kalimantan Barat, with only a warning that it had one juror."""
    out = full_season / "juri"
    args = ["template", "--season", "2025", "--data-dir", str(full_season), "--params-dir", str(ROOT / "params")]
    assert main([*args, "--jury", "--province", "61", "--jurors", "J1", "--out", str(out)]) == 0
    path = out / "wawancara_pemda_J1.xlsx"
    book = load_workbook(path)
    sheet = book["data"]
    assert [sheet.cell(r, 2).value for r in (2, 5)] == ["61.04", "61.71"]  # each finalist's first aspect
    for row in sheet.iter_rows(min_row=2):
        row[6].value = 80  # nilai
    sheet.protection.sheet = False
    sheet.cell(2, 2).value = "65.03"
    sheet.cell(5, 2).value = "61.10"
    book.save(path)
    methodology = load_methodology(ROOT / "params" / "2025" / "metodologi.yaml")
    merged = run_intake(2025, out, full_season / "2025", full_season, methodology)  # into the season's folder
    refused = [e for e in merged.errors if e.problem.code == "E_INTAKE_NOT_ON_SHEET"]
    assert [(e.problem.file, e.sheet, e.problem.row, e.problem.column) for e in refused] == [
        ("wawancara_pemda_J1.xlsx", "data", 2, "id_peserta"),
        ("wawancara_pemda_J1.xlsx", "data", 5, "id_peserta"),
    ]
    assert refused[0].message("en") == (
        "wawancara_pemda_J1.xlsx, sheet 'data', row 2, column 'id_peserta': Participant 65.03 is not one this "
        "score sheet was made for (it was made for 61.04, 61.71), so the row is not merged. Send the sheet back as "
        "it was written, its kategori, id_peserta, juri and aspek cells unchanged; to score another participant, ask "
        "the secretariat for a new sheet."
    )
    assert "Peserta 61.10 bukan peserta yang dibuatkan lembar nilai ini" in refused[1].message("id")
    wawancara = merged.tables["wawancara"]
    assert set(wawancara["id_peserta"]) == {"61.04", "61.71"} and len(wawancara) == 4  # 6 rows, 2 refused
    assert merged.errors == refused  # the season is checked against the methodology: nothing else is wrong
    written = pd.read_csv(full_season / "2025" / "wawancara.csv", dtype=str)
    assert set(written["id_peserta"]) == {"61.04", "61.71"}


def test_juror_sheets_from_the_secretariats_finalist_list(
    full_season: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    finalists = full_season / "finalis.csv"
    finalists.write_text("kategori,id_peserta\npemda,61.10\ndesa,61.04.01.2011\npemda,65.03\n", encoding="utf-8")
    out = full_season / "juri"
    args = [
        "template",
        "--season",
        "2025",
        "--data-dir",
        str(full_season),
        "--params-dir",
        str(ROOT / "params"),
        "--jury",
        "--province",
        "61",
        "--jurors",
        "J1",
        "--finalists",
        str(finalists),
        "--out",
        str(out),
    ]
    assert main(args) == 1
    text = capsys.readouterr().err
    assert "finalis.csv, baris 4, kolom 'id_peserta'" in text and "65.03" in text
    assert not out.exists()
    finalists.write_text("kategori,id_peserta\npemda,61.10\n", encoding="utf-8")
    assert main(args) == 0
    sheet = load_workbook(out / "wawancara_pemda_J1.xlsx")["data"]
    assert {r[1].value for r in sheet.iter_rows(min_row=2)} == {"61.10"}
    assert not (out / "wawancara_desa_J1.xlsx").exists()  # no desa finalist listed
    assert "desa" in capsys.readouterr().err


def test_a_finalist_another_jury_interviews_is_recognised_and_left_to_it(
    full_season: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A province's finalist list naming its own provincial government (`pemprov,61`) was refused as if `pemprov`
    were no category ("Value 'pemprov' is not known"), and so was another province's (`pemprov,62`): the first is a
    finalist the national jury interviews (a warning, no sheet here), the second no participant of province 61."""
    finalists = full_season / "finalis.csv"
    finalists.write_text("kategori,id_peserta\npemda,61.10\npemprov,61\npemprov,62\n", encoding="utf-8")
    out = full_season / "juri"
    base = ["template", "--season", "2025", "--data-dir", str(full_season), "--params-dir", str(ROOT / "params")]
    args = [*base, "--jury", "--jurors", "J1", "--finalists", str(finalists), "--lang", "en", "--out", str(out)]
    assert main([*args, "--province", "61"]) == 1
    err = capsys.readouterr().err
    assert "is not known" not in err, err
    assert "row 3, column 'id_peserta': '61' is a finalist of category pemprov, which the national jury" in err
    assert "row 4, column 'id_peserta': '62' is not a participant of category pemprov in province 61" in err
    assert not out.exists()

    finalists.write_text("kategori,id_peserta\npemda,61.10\npemprov,61\n", encoding="utf-8")
    assert main([*args, "--province", "kalbar"]) == 0
    assert "'61' is a finalist of category pemprov" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == ["wawancara_pemda_J1.xlsx"]  # pemprov's sheets: the national jury's

    national = full_season / "nasional"
    assert main([*args[:-1], str(national)]) == 0  # the same list, for the national jury
    assert "its score sheets are written by paritrana template --jury --province 61" in capsys.readouterr().err
    assert sorted(p.name for p in national.iterdir()) == ["wawancara_pemprov_J1.xlsx"]

    finalists.write_text("kategori,id_peserta\npemprov,99\n", encoding="utf-8")  # no province 99
    assert main([*args[:-1], str(full_season / "nasional2")]) == 1
    err = capsys.readouterr().err
    assert "'99' is not a participant of category pemprov anywhere in the country" in err, err


@pytest.mark.parametrize("kind", ["xlsx", "csv", "csv-bare"])
def test_a_finalist_list_with_a_title_row_is_refused_naming_its_header_row(
    full_season: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    """A finalist list with a title above its header (DAFTAR FINALIS in A1, the header in row 3) was said to lack
    `kategori` and `id_peserta` in row 1 (an .xlsx also had its header's cells warned of as under no name; a CSV of
    the title line alone, "row 3 has 2 cells but the header names 1 column"), as a season table no longer is."""
    title = "DAFTAR FINALIS PARITRANA 2025"
    if kind == "xlsx":
        finalists = full_season / "finalis.xlsx"
        with pd.ExcelWriter(finalists) as writer:
            pd.DataFrame({"kategori": ["pemda"], "id_peserta": ["61.10"]}).to_excel(writer, index=False, startrow=2)
            writer.sheets["Sheet1"]["A1"] = title
    else:
        finalists = full_season / "finalis.csv"
        padding = "," if kind == "csv" else ""
        finalists.write_text(f"{title}{padding}\n{padding}\nkategori,id_peserta\npemda,61.10\n", encoding="utf-8")
    out = full_season / "juri"
    args = ["template", "--season", "2025", "--data-dir", str(full_season), "--params-dir", str(ROOT / "params")]
    args += ["--jury", "--province", "61", "--jurors", "J1", "--finalists", str(finalists), "--out", str(out)]
    for lang, said in (
        ("en", "row 3: Row 1 does not hold the names of the columns: they are in row 3, below a title or other rows."),
        ("id", "baris 3: Baris 1 tidak berisi nama kolom: nama kolom ada di baris 3, di bawah judul atau baris lain."),
    ):
        assert main([*args, "--lang", lang]) == 1
        errors = [line for line in capsys.readouterr().err.splitlines() if finalists.name in line]
        assert len(errors) == 1 and said in errors[0], errors
        assert not out.exists()


def test_juror_ids_must_be_given_and_fit_a_file_name(full_season: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = [
        "template",
        "--season",
        "2025",
        "--data-dir",
        str(full_season),
        "--params-dir",
        str(ROOT / "params"),
        "--jury",
        "--province",
        "61",
        "--out",
        str(full_season / "juri"),
    ]
    assert main(base) == 2
    assert "--jurors" in capsys.readouterr().err
    assert main([*base, "--jurors", "J1,../J2"]) == 2
    assert "../J2" in capsys.readouterr().err
    assert main([*base, "--jurors", "J1", "--finalists", str(full_season / "tidak_ada.csv")]) == 2
    assert "tidak_ada.csv" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("jurors", "said"),
    [
        ("J1,J2,J1", "Juror 'J1' is given twice in --jurors"),
        ("A,A", "Juror 'A' is given twice in --jurors"),
        ("J1, J2 ,J2", "Juror 'J2' is given twice in --jurors"),
        ("J1,j1", "Jurors 'J1' and 'j1' in --jurors differ only in upper or lower case"),
        ("J1,J1\u200b", "Juror id 'J1\\u200b' cannot be used in a file name"),  # the invisible character shown
        # sheets whose every `juri` cell intake would warn of as text a spreadsheet runs as a formula
        ("J1,-J2", "Juror id '-J2' starts with '-': a spreadsheet takes such a text for a formula"),
        # sheets whose scores intake would refuse (a `juri` cell holds at most 100 characters)
        ("J1," + "J" * 101, "Juror id '" + "J" * 50 + "…' is 101 characters long; a juror's id in the interview"),
    ],
)
def test_a_juror_given_twice_is_refused_not_dropped(
    full_season: Path, capsys: pytest.CaptureFixture[str], jurors: str, said: str
) -> None:
    """`--jurors J1,J1` wrote J1's sheets once without a word; `J1,j1` wrote two jurors' sheets that the interview
    scores then refuse as one juror written two ways (E_JUROR_CASE)."""
    out = full_season / "juri"
    args = ["template", "--season", "2025", "--data-dir", str(full_season), "--params-dir", str(ROOT / "params")]
    assert main([*args, "--jury", "--province", "61", "--jurors", jurors, "--lang", "en", "--out", str(out)]) == 2
    assert said in capsys.readouterr().err
    assert not out.exists()


def test_national_jury_scores_pemprov_only(full_season: Path) -> None:
    out = full_season / "nasional"
    assert (
        main(
            [
                "template",
                "--season",
                "2025",
                "--data-dir",
                str(full_season),
                "--params-dir",
                str(ROOT / "params"),
                "--jury",
                "--jurors",
                "N1",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    assert sorted(p.name for p in out.iterdir()) == ["wawancara_pemprov_N1.xlsx"]


def test_the_jury_summary_counts_one_finalist_as_one(full_season: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """One finalist named in --finalists: "(1 finalist)", not "(1 finalists)"."""
    finalists = full_season / "satu_finalis.csv"
    finalists.write_text("kategori,id_peserta\npemprov,61\n", encoding="utf-8")
    args = ["template", "--season", "2025", "--data-dir", str(full_season), "--params-dir", str(ROOT / "params")]
    out = full_season / "satu"
    assert (
        main([*args, "--jury", "--jurors", "N1", "--finalists", str(finalists), "--lang", "en", "--out", str(out)]) == 0
    )
    assert "1 juror score sheet (1 finalist) written to" in capsys.readouterr().out


def test_a_name_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    tables = small_season_tables()
    tables["wilayah"].loc[1, "nama"] = '=HYPERLINK("http://contoh.invalid","Ketapang")'
    write_season(tmp_path, tables)
    out = tmp_path / "juri"
    assert (
        main(
            [
                "template",
                "--season",
                "2025",
                "--data-dir",
                str(tmp_path),
                "--params-dir",
                str(ROOT / "params"),
                "--jury",
                "--province",
                "61",
                "--jurors",
                "J1",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    assert (
        main(["template", "--season", "2025", "--data-dir", str(tmp_path), "--province", "61", "--out", str(out)]) == 0
    )
    for name, column in (("wawancara_pemda_J1.xlsx", 3), ("pemda_61.xlsx", 2)):
        cells = [r[column - 1] for r in load_workbook(out / name)["data"].iter_rows(min_row=2)]
        named = [c for c in cells if str(c.value).startswith("=HYPERLINK")]
        assert named and all(c.data_type == "s" for c in named)


def test_petunjuk_states_the_part_of_whole_rule(templates: Path) -> None:
    guide = load_workbook(templates / "badan_usaha_61.xlsx")["petunjuk"]
    rows = {row[0].value: row for row in guide.iter_rows(min_row=8)}
    assert "jumlah_pekerja" in rows["pekerja_terdaftar"][2].value


def test_desa_template_prefills_every_village_of_the_regency(templates: Path) -> None:
    """Officers only fill numbers: code, name (Desa/Kelurahan as the code says) and regency are there."""
    sheet = load_workbook(templates / "desa_61.71.xlsx")["data"]
    rows = [tuple(c.value for c in row[:4]) for row in sheet.iter_rows(min_row=2)]
    official = kemendagri.bundled().villages_of("61.71")
    assert [(code, name) for code, name, _, _ in rows] == [
        (code, ("Kelurahan " if code[-4] == "1" else "Desa ") + name)
        for code, name in zip(official["kode_desa"], official["nama"], strict=True)
    ]
    assert {(region, tahun) for _, _, region, tahun in rows} == {("61.71", None)}
    assert ("61.71.01.1002", "Kelurahan Benuamelayu Laut") in [r[:2] for r in rows]
    ketapang = load_workbook(templates / "desa_61.04.xlsx")["data"]
    assert ketapang.max_row == len(kemendagri.bundled().villages_of("61.04")) + 1


def test_every_documented_jury_command_names_its_jurors_and_the_readmes_runs(tmp_path: Path) -> None:
    """`--jury` needs `--jurors` (exit 2 without): the README, the command-line page and the intake page show it so,
    and the README's command, as written, writes the sheets of the season its `--data-dir` names (the season its
    intake walk-through merged: the bundled one stands in for it here)."""
    quoted = {}
    for page in ("README.md", "docs/command-line.md", "docs/intake.md"):
        found = re.findall(r"paritrana template[^`\n#]*--jury\b[^`\n#]*", (ROOT / page).read_text(encoding="utf-8"))
        assert found, f"{page} names no 'paritrana template ... --jury' command"
        assert all("--jurors" in command for command in found), (page, found)
        quoted[page] = found
    [command] = quoted["README.md"]
    args = shlex.split(command)[1:]
    out = args.index("--out") + 1
    args[out] = str(tmp_path / args[out])
    data = args.index("--data-dir") + 1
    args[data] = str(tmp_path / args[data])
    shutil.copytree(ROOT / "data" / "2025", Path(args[data]) / "2025", ignore=shutil.ignore_patterns("inbox", ".cache"))
    assert main([*args, "--params-dir", str(ROOT / "params")]) == 0
    assert any(path.name.startswith("wawancara_") for path in Path(args[out]).iterdir())


def _bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("jury", [False, True])
def test_two_runs_write_the_same_bytes_dated_the_seasons_first_day(
    jury: bool, full_season: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second run an hour later (by the clock the zip entries are stamped with): every workbook, data templates
    and juror sheets, is the same file; its document properties say it was made and saved on 1 January 2025."""
    args = ["template", "--season", "2025", "--data-dir", str(full_season), "--params-dir", str(ROOT / "params")]
    args += ["--jury", "--jurors", "J1,J2"] if jury else []
    assert main([*args, "--out", str(full_season / "a")]) == 0
    later = time.time() + 3600
    monkeypatch.setattr(time, "time", lambda: later)
    assert main([*args, "--out", str(full_season / "b")]) == 0
    first, second = _bytes(full_season / "a"), _bytes(full_season / "b")
    assert len(first) > 1 and first == second
    for path in (full_season / "a").iterdir():
        with zipfile.ZipFile(path) as package:
            assert {info.date_time for info in package.infolist()} == {(2025, 1, 1, 0, 0, 0)}
        properties = load_workbook(path).properties
        assert properties.created == properties.modified == datetime(2025, 1, 1)


def test_template_never_replaces_a_workbook_filled_in_since_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    write_season(data, {"wilayah": small_season_tables()["wilayah"]})
    out = tmp_path / "templat"
    args = ["template", "--season", "2025", "--data-dir", str(data), "--out", str(out), "--lang", "en"]
    assert main(args) == 0
    first = _bytes(out)
    count = len(first)
    assert f"{count} season 2025 templates written to {out}." in capsys.readouterr().out
    assert main(args) == 0  # the same workbooks: left as they are, and said so (the count of written ones said)
    assert _bytes(out) == first
    assert capsys.readouterr().out == (
        f"0 season 2025 templates written to {out}.\n"
        f"{count} workbooks in {out} already held what they would be written with: left as they were.\n"
    )
    for name in ("pemda_61.xlsx", "desa_61.04.xlsx"):  # returned filled in, into the folder they were sent from
        book = load_workbook(out / name)
        book["data"]["D2"] = 12345
        book.save(out / name)
    (out / "badan_usaha_65.xlsx").unlink()
    filled = _bytes(out)
    capsys.readouterr()
    assert main(args) == 1
    printed = capsys.readouterr()
    assert printed.out == ""
    assert (
        f"{out} already holds 2 files this command would write, with other content (pemda_61.xlsx, desa_61.04.xlsx)"
        in (printed.err)
    )
    assert "Nothing was written" in printed.err and "--force" in printed.err
    assert _bytes(out) == filled  # nothing written, not even the missing file
    assert main([*args, "--force"]) == 0
    assert load_workbook(out / "pemda_61.xlsx")["data"]["D2"].value is None
    assert sorted(_bytes(out)) == sorted(first)


def test_templates_of_the_other_language_in_the_folder_are_said_to_be_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The English templates written where the Indonesian ones were (the names are the same) were refused as files
    that "may have been filled in": they are said to be the unfilled templates of --lang id. One filled in among them
    is the usual refusal."""
    data = tmp_path / "data"
    write_season(data, {"wilayah": small_season_tables()["wilayah"]})
    out = tmp_path / "templat"
    args = ["template", "--season", "2025", "--data-dir", str(data), "--out", str(out)]
    assert main(args) == 0
    indonesian = _bytes(out)
    capsys.readouterr()
    assert main([*args, "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert f"{out} already holds {len(indonesian)} templates this command would write, unfilled but written" in err
    assert "with --lang id" in err and "Nothing was written" in err and _bytes(out) == indonesian
    book = load_workbook(out / "pemda_61.xlsx")
    book["data"]["D2"] = 12345
    book.save(out / "pemda_61.xlsx")
    assert main([*args, "--lang", "en"]) == 1
    assert "they may have been filled in" in capsys.readouterr().err


def test_a_template_set_waits_for_another_written_into_its_folder_and_is_written_whole_or_not_at_all(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from paritrana_nb.intake import workbook
    from paritrana_nb.outputs import FileSet

    data = tmp_path / "data"
    write_season(data, {"wilayah": small_season_tables()["wilayah"]})
    out = tmp_path / "templat"
    args = ["template", "--season", "2025", "--data-dir", str(data), "--out", str(out)]
    answer: list[int] = []
    with FileSet(out) as other:  # another command writing its set there (two runs started at once)
        run = threading.Thread(target=lambda: answer.append(main(args)))
        run.start()
        run.join(timeout=3)
        assert run.is_alive() and not answer  # it waits for the folder, having looked at none of its files
        other.add("pemda_61.xlsx", b"the other command's workbook")
    run.join(timeout=60)
    assert answer == [1]  # then finds that workbook: refused, nothing written
    assert "pemda_61.xlsx" in capsys.readouterr().err
    assert _bytes(out) == {"pemda_61.xlsx": b"the other command's workbook"}

    made = workbook.template_bytes
    calls = {"n": 0}

    def failing(spec: object, lang: str) -> bytes:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(28, "No space left on device", str(out / "x.xlsx"))
        return made(spec, lang)

    monkeypatch.setattr(workbook, "template_bytes", failing)
    assert main([*args, "--force"]) == 1  # failing on its third workbook: none of the set is written
    assert _bytes(out) == {"pemda_61.xlsx": b"the other command's workbook"}


def test_juror_sheets_never_replace_a_sheet_filled_in_since_unless_forced(
    full_season: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = full_season / "nasional"
    args = ["template", "--season", "2025", "--data-dir", str(full_season), "--params-dir", str(ROOT / "params")]
    args += ["--jury", "--jurors", "N1", "--out", str(out)]
    assert main(args) == 0
    sheet = out / "wawancara_pemprov_N1.xlsx"
    book = load_workbook(sheet)
    book["data"]["G2"] = 80
    book.save(sheet)
    scored = sheet.read_bytes()
    assert main(args) == 1
    assert "wawancara_pemprov_N1.xlsx" in capsys.readouterr().err
    assert sheet.read_bytes() == scored
    assert main([*args, "--force"]) == 0
    assert sheet.read_bytes() != scored


@pytest.mark.parametrize("kind", ["folder", "dangling link"])
def test_a_finalist_list_that_is_no_file_is_an_error_never_passed_over(
    kind: str, full_season: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`<data-dir>/<musim>/finalis.csv` (or --finalists) that is a folder or a link to nothing: named as such, not
    "not found", and never replaced by the proposed shortlist."""
    default = full_season / "2025" / "finalis.csv"
    given = full_season / "finalis_lain.csv"
    for path in (default, given):
        if kind == "folder":
            path.mkdir()
        else:
            path.symlink_to(full_season / "hilang.csv")
    out = full_season / "juri"
    args = ["template", "--season", "2025", "--data-dir", str(full_season), "--params-dir", str(ROOT / "params")]
    args += ["--jury", "--province", "61", "--jurors", "J1", "--out", str(out), "--lang", "en"]
    for path, extra, code in ((default, [], 1), (given, ["--finalists", str(given)], 2)):
        assert main([*args, *extra]) == code
        printed = capsys.readouterr()
        assert printed.out == "" and "not found" not in printed.err
        assert f"[ERROR] {path}: This name is there, but not as a readable file" in printed.err
    assert not out.exists()


def test_a_finalist_list_cell_without_a_value_is_an_error_of_its_row(
    full_season: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A finalist list whose `id_peserta` is a number cell openpyxl wrote for nan (`<v/>`, read blank) names that row
    and column, once (not again as an unknown participant)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (["kategori", "id_peserta"], ["pemda", "61.10"], ["pemda", float("nan")]):
        sheet.append(row)
    finalists = full_season / "finalis.xlsx"
    book.save(finalists)
    args = ["template", "--season", "2025", "--data-dir", str(full_season), "--params-dir", str(ROOT / "params")]
    args += ["--jury", "--province", "61", "--jurors", "J1", "--finalists", str(finalists), "--lang", "en"]
    assert main([*args, "--out", str(full_season / "juri")]) == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if "[ERROR]" in line]
    assert len(errors) == 1
    assert "finalis.xlsx, sheet 'Sheet', row 3, column 'id_peserta': The cell is a number cell" in errors[0]


def _desk_only_params(root: Path) -> Path:
    """params/2025/metodologi.yaml with desa weighing no interview."""
    params = root / "params"
    (params / "2025").mkdir(parents=True)
    data = yaml.safe_load((ROOT / "params" / "2025" / "metodologi.yaml").read_text(encoding="utf-8"))
    data["kategori"]["desa"]["stage_weights"] = {"dokumen": 1.0, "wawancara": 0.0}
    (params / "2025" / "metodologi.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return params


def test_a_category_that_weighs_no_interview_gets_no_juror_sheets(
    full_season: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Sheets were written for desa, which weighs no interview (docs/methodology.md: its interview scores count for
    nothing and make W_JURY_UNWEIGHTED): a juror would score for nothing. No sheet; the command says why; a finalist
    list naming one of its villages is warned of and the row left out, not called a finalist of the national jury."""
    params = _desk_only_params(full_season)
    base = ["template", "--season", "2025", "--data-dir", str(full_season), "--params-dir", str(params), "--lang", "en"]
    out = full_season / "juri"
    assert main([*base, "--jury", "--province", "61", "--jurors", "J1", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == [  # the others' interviewed finalists or proposed shortlists
        "wawancara_bu_besar_menengah_J1.xlsx",
        "wawancara_bu_kecil_mikro_J1.xlsx",
        "wawancara_pemda_J1.xlsx",
    ]
    assert "Category desa weighs no interview (its interview stage weight is 0): no score sheet" in err, err
    finalists = full_season / "finalis.csv"
    finalists.write_text("kategori,id_peserta\npemda,61.10\ndesa,61.04.01.2011\n", encoding="utf-8")
    listed = full_season / "juri_list"
    jury = [*base, "--jury", "--finalists", str(finalists), "--jurors"]
    assert main([*jury, "J1", "--province", "61", "--out", str(listed)]) == 0
    err = capsys.readouterr().err
    assert "row 3, column 'id_peserta': '61.04.01.2011' is named a finalist of category desa, which weighs no" in err
    assert "national jury" not in err, err
    assert sorted(p.name for p in listed.iterdir()) == ["wawancara_pemda_J1.xlsx"]
    national = full_season / "nasional"
    assert main([*jury, "N1", "--out", str(national)]) == 0
    err = capsys.readouterr().err
    assert "'61.04.01.2011' is named a finalist of category desa, which weighs no" in err
    assert "'61.10' is a finalist of category pemda, which the jury of its province interviews" in err
    assert list(national.glob("*.xlsx")) == []  # the list names no pemprov finalist


def test_template_on_a_full_disk_says_where_and_leaves_no_folder(tmp_path: Path) -> None:
    """A file size limit (`ulimit -f`, as a full disk): openpyxl's temporary file of a sheet failed with an error naming
    no file, said as the command's output lost ('> file.txt'), and the new --out folder was left behind, empty. The
    temporary folder is what has no room: the advice is to make room there or set TMPDIR, not to write elsewhere
    (another --out, which would fail the same way)."""
    import os
    import resource
    import subprocess
    import sys
    import tempfile

    write_season(tmp_path / "data", {"wilayah": small_season_tables()["wilayah"]})
    limit = 4096  # bytes: less than a sheet

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    command = "from paritrana_nb.cli import main; import sys; sys.exit(main(sys.argv[1:]))"
    out = tmp_path / "baru" / "templat"
    ended = subprocess.run(
        [sys.executable, "-c", command, "template", "--data-dir", "data", "--out", str(out), "--lang", "en"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        preexec_fn=limited,
    )
    assert ended.returncode == 1, ended.stderr
    reason = "the file would be larger than this system allows"
    said = t("cli.temp_no_room", "en", folder=tempfile.gettempdir(), reason=reason)
    assert said in ended.stderr and "write elsewhere" not in ended.stderr, ended.stderr
    assert "Traceback" not in ended.stderr and not (tmp_path / "baru").exists()

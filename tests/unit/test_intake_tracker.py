"""`paritrana status`: every region expected against what arrived, files with their problems, escaped HTML."""

from __future__ import annotations

import os
import re
import shutil
from contextlib import suppress
from html import unescape
from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook

from conftest import small_season_tables, write_season
from intake_fill import fill_inbox, village_row
from paritrana_nb.cli import main
from paritrana_nb.config import PACKAGE_DIR
from paritrana_nb.intake import commands as intake_commands
from paritrana_nb.intake.merge import run_intake
from paritrana_nb.intake.tracker import status_csv, status_html, track, write_status
from paritrana_nb.messages import FSI, PDI
from paritrana_nb.outputs import COMMIT_MARKER, TEMPORARY_SUFFIX, finish_commit
from paritrana_nb.templating import environment
from scoring_fixtures import PROJECT


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(data dir with the small season's wilayah, an inbox where Melawi (61.10) sent nothing)."""
    data = tmp_path_factory.mktemp("data")
    write_season(data, {"wilayah": small_season_tables()["wilayah"]})
    templates = tmp_path_factory.mktemp("templates")
    assert main(["template", "--season", "2025", "--data-dir", str(data), "--out", str(templates)]) == 0
    tables = {name: frame.astype(str).replace("nan", "") for name, frame in small_season_tables().items()}
    tables["pemda"] = tables["pemda"][tables["pemda"]["kode_wilayah"] != "61.10"]
    inbox = tmp_path_factory.mktemp("inbox")
    fill_inbox(templates, tables, inbox)
    (inbox / "desa_61.10.xlsx").unlink()
    (inbox / "juri").mkdir()
    small_season_tables()["wawancara"].to_csv(inbox / "juri" / "wawancara.csv", index=False)
    return data, inbox


def _status(inbox: Path, data: Path, out: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    code = main(
        ["status", "--season", "2025", "--from", str(inbox), "--data-dir", str(data), "--out", str(out), *extra]
    )
    printed = capsys.readouterr()
    return code, printed.out + printed.err


def test_tracker_shows_a_missing_regency_and_a_file_with_errors(
    filled: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, original = filled
    inbox = tmp_path / "inbox"
    shutil.copytree(original, inbox)
    # Ketapang's template lists all its villages; the two of the season are filled in, the rest stay blank
    row = village_row(inbox / "desa_61.04.xlsx", "61.04.02.2003")
    book = load_workbook(inbox / "desa_61.04.xlsx")
    book["data"][f"H{row}"] = 99  # perangkat_terlindungi above perangkat_desa
    book.save(inbox / "desa_61.04.xlsx")
    (inbox / "surat_pengantar.pdf").write_bytes(b"%PDF-1.4")
    code, text = _status(inbox, data, tmp_path / "status.html", capsys)
    assert code == 0
    assert "5 dari 6 wilayah" in text
    assert "1 di antaranya bergalat" in text  # said at the terminal too, and which
    assert "Berkas bergalat (rinciannya di halaman): desa_61.04.xlsx.\n" in text
    regions = pd.read_csv(tmp_path / "status.csv", dtype=str).set_index("kode_wilayah")
    assert regions.loc["61.10", ["pemda_t", "pemda_t1", "baris_desa_t"]].tolist() == ["0", "0", "0"]
    assert regions.loc["61.04", ["pemda_t", "pemda_t1", "baris_desa_t", "baris_badan_usaha_t"]].tolist() == [
        "1",
        "1",
        "2",  # the blank prefilled villages are not submitted
        "1",
    ]
    assert regions.loc["61.04", "galat"] == "1"
    assert regions.loc["61.04", "berkas"] == "badan_usaha_61.xlsx; desa_61.04.xlsx; pemda_61.xlsx"
    html = (tmp_path / "status.html").read_text(encoding="utf-8")
    section = html[html.index('id="p61"') : html.index('id="p65"')]
    melawi = section[section.index("<td>61.10</td>") :]
    melawi = melawi[: melawi.index("</tr>")]
    assert melawi.count('class="missing"') == 2 and "belum" in melawi
    desa_file = section[section.index("<td><bdi>desa_61.04.xlsx</bdi></td>") :]
    desa_file = desa_file[: desa_file.index("</tr>")]
    assert '<span class="badge fail">GALAT</span>' in desa_file
    assert "<details><summary>1 pesan</summary>" in desa_file
    assert (
        f"<bdi>desa_61.04.xlsx</bdi>, lembar &#39;<bdi>data</bdi>&#39;, baris {row} (desa.csv baris 3), "
        "kolom &#39;perangkat_terlindungi&#39;"
    ) in desa_file
    letter = html[html.index("<td><bdi>surat_pengantar.pdf</bdi></td>") :]
    assert '<span class="badge">diabaikan</span>' in letter[: letter.index("</tr>")]
    jury = section[section.index("Lembar nilai juri") : section.index("<h3>Berkas</h3>")]
    assert "<td><bdi>pemda</bdi></td><td><bdi>J1</bdi>, <bdi>J2</bdi>, <bdi>J3</bdi>, <bdi>J4</bdi></td>" in jury


def test_the_terminal_names_the_first_files_with_errors_and_counts_the_rest(
    filled: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`paritrana status` said how many regions sent data, never that a file had errors (the page alone did)."""
    data, original = filled
    inbox = tmp_path / "inbox"
    shutil.copytree(original, inbox)
    broken = sorted(inbox.glob("desa_*.xlsx"))[:2]
    for path in broken:
        book = load_workbook(path)
        book["data"]["H2"] = -5  # a negative count of protected village officials
        book.save(path)
    monkeypatch.setattr(intake_commands, "FAULTY_SHOWN", 1)
    code, text = _status(inbox, data, tmp_path / "status.html", capsys, "--lang", "en")
    assert code == 0
    assert "2 of them with errors" in text
    assert f"Files with errors (what is wrong is on the page): {broken[0].name} and 1 more.\n" in text


def test_tracker_groups_its_counts_as_its_language_writes_numbers(filled: tuple[Path, Path]) -> None:
    data, inbox = filled
    tracker = track(run_intake(2025, inbox, None, data), "id")
    tracker.regions.loc[tracker.regions["kode_wilayah"] == "61.04", "baris_desa_t"] = 1234
    assert '<td class="num">1.234</td>' in status_html(tracker, "id")
    assert '<td class="num">1,234</td>' in status_html(tracker, "en")
    assert "1234" in status_csv(tracker)  # the CSV keeps the number as it is


def test_tracker_escapes_names_from_the_data(
    filled: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, inbox = filled
    wilayah = small_season_tables()["wilayah"]
    wilayah.loc[2, "nama"] = "<script>alert(1)</script> Melawi"
    write_season(tmp_path / "data", {"wilayah": wilayah})
    code, _ = _status(inbox, tmp_path / "data", tmp_path / "status.html", capsys, "--lang", "en")
    assert code == 0
    html = (tmp_path / "status.html").read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; Melawi" in html
    assert "submission tracker" in html
    sheets = [environment().get_template(n).render() for n in ("page.css", "report.css")]
    assert "".join(sheets) in html  # the reports' stylesheets


def test_tracker_csv_beside_an_html_out(
    filled: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, inbox = filled
    code, _ = _status(inbox, data, tmp_path / "pantau" / "status.csv", capsys)
    assert code == 0
    assert (tmp_path / "pantau" / "status.html").is_file() and (tmp_path / "pantau" / "status.csv").is_file()


def test_tracker_without_an_inbox_says_so(
    filled: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, _ = filled
    code, text = _status(tmp_path / "belum_ada", data, tmp_path / "status.html", capsys)
    assert code == 1 and "belum_ada" in text
    assert not (tmp_path / "status.html").exists()


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("id", "Tidak ada tabel wilayah: tidak ada di folder kiriman maupun di {folder}. Letakkan wilayah.csv"),
        ("en", "No wilayah table: not in the inbox nor in {folder}. Put wilayah.csv"),
    ],
)
def test_a_season_without_a_region_list_is_named_once(
    filled: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, said: str
) -> None:
    """status has no --out: the region list was said to be missing "in data/2025 nor in data/2025"."""
    _, inbox = filled
    data = tmp_path / "data"
    (data / "2025").mkdir(parents=True)
    code, text = _status(inbox, data, tmp_path / "status.html", capsys, "--lang", lang)
    assert code == 1
    assert said.format(folder=data / "2025") in text
    assert not (tmp_path / "status.html").exists()


@pytest.mark.parametrize("kind", ["missing", "invalid"])
def test_a_methodology_that_cannot_be_used_writes_no_tracker(
    kind: str, filled: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, inbox = filled
    methodology = tmp_path / "metodologi.yaml"
    if kind == "invalid":
        methodology.write_text("kategori: [\n", encoding="utf-8")
    out = tmp_path / "pantau" / "status.html"
    code = main(
        [
            "status",
            "--season",
            "2025",
            "--from",
            str(inbox),
            "--data-dir",
            str(data),
            "--methodology",
            str(methodology),
            "--out",
            str(out),
        ]
    )
    printed = capsys.readouterr()
    assert code == 1 and printed.out == ""
    assert "metodologi.yaml" in printed.err and "Traceback" not in printed.err
    assert not (tmp_path / "pantau").exists()


def test_the_season_index_links_the_tracker() -> None:
    from paritrana_nb.report.index_page import index_html
    from paritrana_nb.report.sections import Footer

    footer = Footer("", ("v1",))
    assert '<p><a href="status.html">Pemantauan kiriman data</a></p>' in index_html(
        2025, [], "id", False, footer, "status.html"
    )
    assert "status.html" not in index_html(2025, [], "id", False, footer)


def test_the_jury_table_shows_whether_the_regional_head_attended(tmp_path: Path) -> None:
    from paritrana_nb.report import sections
    from paritrana_nb.report.context import prepare_season, province_context
    from paritrana_nb.templating import environment

    def jury_html(kategori: str, peserta: pd.DataFrame) -> str:  # the jury part as the report shows it
        part = sections.jury_table(context, kategori, peserta, "en")
        return str(environment().get_template("report_parts.html.j2").make_module().titled(part))

    tables = small_season_tables()
    wawancara = tables["wawancara"]
    wawancara["hadir"] = ""
    wawancara.loc[(wawancara["id_peserta"] == "61.04"), "hadir"] = "1"
    wawancara.loc[(wawancara["id_peserta"] == "61.71") & (wawancara["juri"] == "J1"), "hadir"] = "0"
    write_season(tmp_path, tables)
    params = Path(__file__).resolve().parents[2] / "params"
    context = province_context(prepare_season(2025, tmp_path, params), "61")
    group = context.scores.peserta[context.scores.peserta["kategori"] == "pemda"]
    html = jury_html("pemda", group)
    assert "<th" in html and "Attended in person" in html
    rows = {row.split("</bdi>")[0].split(">")[-1]: row for row in html.split("<tr>")[2:]}
    assert ">yes<" in rows["Kabupaten Ketapang"] and ">no<" in rows["Kota Pontianak"]
    desa = context.scores.peserta[context.scores.peserta["kategori"] == "desa"]
    assert "Attended in person" not in jury_html("desa", desa)  # nothing recorded


def test_bad_out_paths_get_a_message_not_a_traceback(
    filled: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, inbox = filled
    code, text = _status(inbox, data, inbox / "status.html", capsys)
    assert code == 1 and "--out" in text and not (inbox / "status.html").exists()
    (tmp_path / "sebuah_berkas").write_text("x", encoding="utf-8")
    code = main(
        [
            "status",
            "--season",
            "2025",
            "--from",
            str(inbox),
            "--data-dir",
            str(data),
            "--out",
            str(tmp_path / "sebuah_berkas" / "status.html"),
        ]
    )
    assert code == 1 and "sebuah_berkas" in capsys.readouterr().err
    code = main(
        [
            "intake",
            "--season",
            "2025",
            "--from",
            str(inbox),
            "--data-dir",
            str(data),
            "--out",
            str(tmp_path / "sebuah_berkas"),
        ]
    )
    assert code == 1 and "sebuah_berkas adalah berkas, bukan folder" in capsys.readouterr().err  # before any reading
    code = main(["template", "--season", "2025", "--data-dir", str(data), "--out", str(tmp_path / "sebuah_berkas")])
    assert code == 1 and "sebuah_berkas" in capsys.readouterr().err
    code = main(["template", "--season", "2025", "--data-dir", str(data), "--out", str(data / "2025" / "templat")])
    assert code == 1 and not (data / "2025" / "templat").exists()  # never into the season's input folder


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("id", "Berkas hasil {out} berada di dalam folder kiriman {inbox}"),
        ("en", "Output file {out} lies inside the inbox {inbox}"),
    ],
)
@pytest.mark.parametrize("name", ["pemda_61.html", "status.csv"])
def test_an_out_file_inside_the_inbox_is_called_a_file(
    filled: tuple[Path, Path], capsys: pytest.CaptureFixture[str], lang: str, said: str, name: str
) -> None:
    """`status --out inbox/pemda_61.html` was refused as an output folder ("Folder hasil ...") though it is a file."""
    data, inbox = filled
    before = (inbox / "pemda_61.xlsx").read_bytes()
    code, text = _status(inbox, data, inbox / name, capsys, "--lang", lang)
    assert code == 1 and said.format(out=inbox / name, inbox=inbox) in text, text
    assert "Folder hasil" not in text and "Output folder" not in text
    assert (inbox / "pemda_61.xlsx").read_bytes() == before and not (inbox / "status.html").exists()


def test_an_out_naming_a_returned_workbook_is_refused_and_the_workbook_kept(
    filled: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """`status --out inbox/pemda_61.xlsx`, a submitter's workbook: refused for its workbook name (exit 2), before
    anything is read or written; the workbook is left as it was."""
    data, inbox = filled
    before = (inbox / "pemda_61.xlsx").read_bytes()
    with pytest.raises(SystemExit) as stopped:
        _status(inbox, data, inbox / "pemda_61.xlsx", capsys, "--lang", "en")
    err = capsys.readouterr().err
    assert stopped.value.code == 2 and "writes HTML (not a spreadsheet workbook)" in err, err
    assert (inbox / "pemda_61.xlsx").read_bytes() == before and not (inbox / "status.html").exists()


class _Killed(BaseException):
    """The process is killed here: nothing more reaches the disk, no cleanup runs."""


def _kill_at(folder: Path, at: int, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Kill (raise _Killed) at the change number `at` (from 1) a write makes to the files of `folder`: opening one
    to write, renaming, deleting; and at every change or fsync after it. Returns the log of changes."""
    log: list[str] = []
    writing = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC
    real = {name: getattr(os, name) for name in ("open", "replace", "unlink", "fsync")}

    def step(kind: str, path: object) -> None:
        if not os.fspath(path).startswith(str(folder) + os.sep):  # type: ignore[arg-type]
            return
        if len(log) >= at:
            raise _Killed
        log.append(kind)
        if len(log) == at:
            raise _Killed

    def open_(path: str, flags: int, *args: int) -> int:
        if flags & writing:
            step("open", path)
        return real["open"](path, flags, *args)

    def replace(src: str, dst: str) -> None:
        step("replace", dst)
        real["replace"](src, dst)

    def unlink(path: str, *args: object, **kwargs: object) -> None:
        step("unlink", path)
        real["unlink"](path, *args, **kwargs)

    def fsync(handle: int) -> None:
        if len(log) >= at:
            raise _Killed
        real["fsync"](handle)

    monkeypatch.setattr(os, "open", open_)
    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(os, "unlink", unlink)
    monkeypatch.setattr(os, "fsync", fsync)
    return log


def test_a_status_killed_at_any_step_leaves_the_old_page_and_csv_or_the_new_ones(
    filled: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page and its CSV are one set (outputs.FileSet): killed before the commit, both previous files stay;
    killed after it, the next set written there (the next `status`) puts the rest in place. Never a new page
    beside an old CSV with nothing left to finish it."""
    data, inbox = filled
    tracker = track(run_intake(2025, inbox, None, data), "id")
    new_page, new_csv = status_html(tracker, "id").encode("utf-8"), status_csv(tracker).encode("utf-8")
    ended = []
    for at in range(1, 30):
        folder = tmp_path / str(at)
        folder.mkdir()
        (folder / "status.html").write_bytes(b"old page")
        (folder / "status.csv").write_bytes(b"old csv")
        with monkeypatch.context() as patched, suppress(_Killed):
            log = _kill_at(folder, at, patched)
            write_status(tracker, folder / "status.html", "id")
        pair = ((folder / "status.html").read_bytes(), (folder / "status.csv").read_bytes())
        if len(log) < at:  # not killed: it ended before that change
            assert pair == (new_page, new_csv)
            break
        if (folder / COMMIT_MARKER).exists():  # killed in its commit: the new set is whole on disk
            finish_commit(folder)
            pair = ((folder / "status.html").read_bytes(), (folder / "status.csv").read_bytes())
            assert pair == (new_page, new_csv), f"killed before change {at}"
            ended.append("new")
        else:
            assert pair in ((b"old page", b"old csv"), (new_page, new_csv)), f"killed before change {at}: a mix"
            ended.append("old" if pair[0] == b"old page" else "new")
        write_status(tracker, folder / "status.html", "id")  # the next status: the new pair, nothing else left
        left = sorted(p.name for p in folder.iterdir() if not p.name.endswith(TEMPORARY_SUFFIX))  # swept later
        assert left == ["status.csv", "status.html"]
        assert ((folder / "status.html").read_bytes(), (folder / "status.csv").read_bytes()) == (new_page, new_csv)
    else:
        pytest.fail("the write did not end within 30 changes")
    assert "old" in ended and "new" in ended


def test_a_status_whose_csv_fails_keeps_the_previous_page(
    filled: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An error between the two files (the CSV cannot be written: the disk is full) keeps both previous files and
    is one message naming the file, exit code 1."""
    data, inbox = filled
    (tmp_path / "status.html").write_bytes(b"old page")
    (tmp_path / "status.csv").write_bytes(b"old csv")
    real_open = os.open

    def open_(path: str, flags: int, *args: int) -> int:
        if Path(path).name.startswith(".status.csv.") and flags & os.O_CREAT:  # its staged or temporary file
            raise OSError(28, "No space left on device", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", open_)
    code, text = _status(inbox, data, tmp_path / "status.html", capsys, "--lang", "en")
    assert code == 1 and "Traceback" not in text
    assert f"Cannot write {tmp_path / 'status.csv'}: the disk is full" in text
    assert (tmp_path / "status.html").read_bytes() == b"old page"
    assert (tmp_path / "status.csv").read_bytes() == b"old csv"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["status.csv", "status.html"]


def test_a_folder_at_the_csv_name_is_said_to_be_a_folder(
    filled: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--out status.html` beside a folder named status.csv: the message says the CSV's name is a folder (not that
    'something' is there), before any work, exit code 1, and no page is written without its CSV."""
    data, inbox = filled
    (tmp_path / "status.csv").mkdir()
    code, text = _status(inbox, data, tmp_path / "status.html", capsys, "--lang", "en")
    assert code == 1 and "Traceback" not in text
    beside = f"the tracker CSV that status writes beside --out {tmp_path / 'status.html'} under the same name"
    assert f"{tmp_path / 'status.csv'}, {beside}, is a folder." in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["status.csv"]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_page_marks_and_orders_each_files_messages_as_intake_prints_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    """The page listed a file's messages as plain items, errors and warnings alike, in the order found (rows 2, 14,
    11, 8 of a juror's sheet); each is marked [GALAT]/[PERINGATAN] and listed as intake prints it: errors by row,
    then warnings by row."""
    root = PACKAGE_DIR.parent
    inbox = tmp_path / "inbox"
    shutil.copytree(root / "data" / "2025" / "inbox", inbox)
    sheet_path = inbox / "61-kalbar" / "juri" / "wawancara_pemda_J1.xlsx"
    book = load_workbook(sheet_path)
    sheet = book["data"]
    nilai = [c.value for c in sheet[1]].index("nilai") + 1
    sheet.cell(14, nilai).value = 150  # an error below the sheet's first warning (row 2)
    book.save(sheet_path)
    dirs = ["--data-dir", str(root / "data"), "--params-dir", str(root / "params"), "--lang", lang]
    args = ["--season", "2025", "--from", str(inbox), *dirs]
    main(["intake", *args, "--out", str(tmp_path / "merged" / "2025")])
    printed = capsys.readouterr().out.splitlines()
    assert main(["status", *args, "--out", str(tmp_path / "status.html")]) == 0
    html = (tmp_path / "status.html").read_text(encoding="utf-8")
    items = [
        unescape(re.sub(r"<[^>]+>", "", item)).replace(FSI, "").replace(PDI, "")
        for item in re.findall(r"<li class=\"(?:error|warning)\">(.*?)</li>", html, re.S)
    ]
    error, warning = ("[GALAT]", "[PERINGATAN]") if lang == "id" else ("[ERROR]", "[WARNING]")
    juror = [item for item in items if "61-kalbar/juri/" in item[:40]]
    assert juror == [line.strip() for line in printed if "61-kalbar/juri/" in line and line.startswith("  [")]
    assert [item.split(" ")[0] for item in juror] == [error] + [warning] * 4
    rows = [int(re.search(r", (?:baris|row) (\d+) ", item).group(1)) for item in juror]  # type: ignore[union-attr]
    assert rows == [14, 2, 8, 11, 14]
    shown = [item for item in items if "desa_61.05.xlsx" in item[:40]]
    assert shown and all(item.startswith(f"{error} ") for item in shown)
    assert all(item.startswith((f"{error} ", f"{warning} ")) for item in items)


def test_every_column_of_the_tracker_s_tables_has_a_name(filled: tuple[Path, Path]) -> None:
    """The files table's last column (each file's result: valid, errors, refused) had an empty header: a screen
    reader named its cells with nothing."""
    data, inbox = filled
    tracker = track(run_intake(2025, inbox, None, data), "id")
    for lang, name in (("id", "Hasil"), ("en", "Result")):
        page = BeautifulSoup(status_html(tracker, lang), "html.parser")
        headers = [th.get_text(strip=True) for th in page.select("thead th")]
        assert headers and "" not in headers
        assert name in headers


def test_a_warning_about_the_methodology_names_the_line_and_column_of_its_key_on_the_page(
    filled: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The merged season checked against a methodology whose small businesses' sectors hold a misspelling: the page
    says at which line and column of the file it stands, as `validate` does."""
    data, inbox = filled
    written = "    peserta: {tabel: badan_usaha, skala: [kecil, mikro]}\n"
    misspelt = "    peserta: {tabel: badan_usaha, skala: [kecil, mikro], sektor: [koperasi, perdagangn]}\n"
    text = (PROJECT / "params" / "2025" / "metodologi.yaml").read_text(encoding="utf-8")
    line = text[: text.index(written)].count("\n") + 1  # the line the filter is written on
    column = misspelt.index("perdagangn") + 1
    methodology = tmp_path / "metodologi.yaml"
    methodology.write_text(text.replace(written, misspelt), encoding="utf-8")
    out = tmp_path / "status.html"
    code, _ = _status(inbox, data, out, capsys, "--methodology", str(methodology), "--lang", "en")
    assert code == 0
    page = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser").get_text().replace(FSI, "").replace(PDI, "")
    where = f"line {line}, column {column}, key 'kategori.bu_kecil_mikro.peserta.sektor[1]'"
    assert f"{methodology}, {where}: The sektor value 'perdagangn'" in page, page

"""The intake round trip on the bundled season: templates and juror sheets written, filled with openpyxl from
the season's own tables, merged by `paritrana intake`; the merged season scores byte-identically."""

from __future__ import annotations

from pathlib import Path

from intake_fill import fill_inbox, province_of_interviews, read_text_tables
from paritrana_nb.cli import main

ROOT = Path(__file__).resolve().parents[2]
SEASON = ROOT / "data" / "2025"


def _jury_sheets(tables: dict, templates: Path, work: Path) -> None:
    """Score sheets for the finalists and jurors of the bundled interviews, per province and nationally."""
    wawancara = tables["wawancara"]
    province = province_of_interviews(tables)
    groups = {
        code: wawancara[(province == code) & (wawancara["kategori"] != "pemprov")]
        for code in sorted(set(tables["wilayah"]["kode_provinsi"]))
    }
    groups["nasional"] = wawancara[wawancara["kategori"] == "pemprov"]
    for code, rows in groups.items():
        finalists = work / f"finalis_{code}.csv"
        rows[["kategori", "id_peserta"]].drop_duplicates().to_csv(finalists, index=False)
        args = [
            "template",
            "--season",
            "2025",
            "--data-dir",
            str(ROOT / "data"),
            "--params-dir",
            str(ROOT / "params"),
            "--jury",
            "--jurors",
            ",".join(sorted(rows["juri"].unique())),
            "--finalists",
            str(finalists),
            "--out",
            str(templates / code),
        ]
        assert main(args + ([] if code == "nasional" else ["--province", code])) == 0


def test_templates_filled_and_merged_score_byte_identically(tmp_path: Path) -> None:
    tables = read_text_tables(SEASON)
    templates = tmp_path / "templates"
    for code in sorted(set(tables["wilayah"]["kode_provinsi"])):
        assert (
            main(
                [
                    "template",
                    "--season",
                    "2025",
                    "--data-dir",
                    str(ROOT / "data"),
                    "--province",
                    code,
                    "--out",
                    str(templates / code),
                ]
            )
            == 0
        )
    _jury_sheets(tables, templates, tmp_path)
    inbox = tmp_path / "inbox"
    counts = fill_inbox(templates, tables, inbox)
    assert counts == {name: len(tables[name]) for name in ("pemda", "desa", "badan_usaha", "wawancara")}
    out = tmp_path / "merged" / "2025"
    assert (
        main(["intake", "--season", "2025", "--from", str(inbox), "--out", str(out), "--data-dir", str(ROOT / "data")])
        == 0
    )
    assert (
        main(
            [
                "score",
                "--season",
                "2025",
                "--data-dir",
                str(ROOT / "data"),
                "--params-dir",
                str(ROOT / "params"),
                "--out",
                str(tmp_path / "original.csv"),
            ]
        )
        == 0
    )
    assert (
        main(
            [
                "score",
                "--season",
                "2025",
                "--data-dir",
                str(tmp_path / "merged"),
                "--params-dir",
                str(ROOT / "params"),
                "--out",
                str(tmp_path / "merged.csv"),
            ]
        )
        == 0
    )
    assert (tmp_path / "merged.csv").read_bytes() == (tmp_path / "original.csv").read_bytes()

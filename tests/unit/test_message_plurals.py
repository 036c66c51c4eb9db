"""A sentence that counts with `{count}` has plural forms, so English never reads "1 reports failed"."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from paritrana_nb.cli import summary
from paritrana_nb.messages import catalogue, t
from paritrana_nb.problems import ValidationReport


def test_every_counted_english_sentence_has_plural_forms() -> None:
    counted = {key for key, entry in catalogue("en").items() if any("{count}" in text for text in entry.texts)}
    assert counted
    assert sorted(key for key in counted if not catalogue("en")[key].plural) == []


def test_one_and_two_read_right_in_english_and_alike_in_indonesian() -> None:
    assert t("cli.reports_failed", "en", count=1, keys="61") == (
        "1 report failed (61); previous good reports were kept. See *.failed.ipynb."
    )
    assert t("cli.reports_failed", "en", count=2, keys="61, 62").startswith("2 reports failed (61, 62)")
    assert t("status.messages", "en", count=1) == "1 message"
    assert t("status.messages", "id", count=1) == "1 pesan"
    assert t("status.messages", "id", count=2) == "2 pesan"


def test_a_report_with_one_error_and_one_warning_counts_them_in_the_singular() -> None:
    report = ValidationReport(2025)
    report.add("error", "E_NOT_NUMBER", "pemda.csv", 3, "peserta_pu", "banyak", hint="")
    report.add("warning", "W_INTAKE_NOTHING_FILLED", "pemda.csv")
    assert report.render("en").endswith("can NOT be scored: 1 error, 1 warning. Fix the errors above and run again.")
    report.add("warning", "W_INTAKE_NOTHING_FILLED", "desa.csv")
    assert "TIDAK dapat dinilai: 1 galat, 2 peringatan." in report.render("id")


def test_a_count_is_grouped_as_its_language_writes_numbers() -> None:
    """`validate` printed "wawancara: 2043 rows" in English (and in Bahasa Indonesia) where 2,043 / 2.043 is meant."""
    assert t("count.rows", "en", count=2043) == "2,043 rows"
    assert t("count.rows", "id", count=2043) == "2.043 baris"
    assert t("count.rows", "en", count=1) == "1 row"


def test_the_season_summary_counts_each_kind_in_its_own_number() -> None:
    """A provincial secretariat's season of one province read "1 provinces", and its 2043 scores were ungrouped."""
    pemda = pd.DataFrame({"kode_wilayah": ["61", "61.01"], "tahun": [2024, 2024]})
    season = SimpleNamespace(
        musim=2025,
        tahun=2024,
        pemda=pemda,
        desa=pd.DataFrame({"tahun": [2024] * 1234}),
        badan_usaha=pd.DataFrame({"tahun": [2024]}),
        wawancara=pd.DataFrame({"juri": ["J1"] * 2043}),
        files={},
        illustrative=False,
    )
    assert summary(season, "en") == (  # type: ignore[arg-type]
        "Season 2025 (performance year 2024, comparison year 2023) — 1 province, 1 regency/city, 1,234 villages, "
        "1 business, 2,043 interview scores from 1 juror."
    )
    assert summary(season, "id") == (  # type: ignore[arg-type]
        "Musim 2025 (kinerja 2024, pembanding 2023) — 1 provinsi, 1 kabupaten/kota, 1.234 desa, 1 badan usaha, "
        "2.043 nilai wawancara dari 1 juri."
    )

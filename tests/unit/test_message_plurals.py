"""A sentence that counts with `{count}` has plural forms, so English never reads "1 reports failed"."""

from __future__ import annotations

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
    report.add("error", "E_NOT_NUMBER", "pemda.csv", 3, "peserta_pu", "banyak")
    report.add("warning", "W_INTAKE_NOTHING_FILLED", "pemda.csv")
    assert report.render("en").endswith("can NOT be scored: 1 error, 1 warning. Fix the errors above and run again.")
    report.add("warning", "W_INTAKE_NOTHING_FILLED", "desa.csv")
    assert "TIDAK dapat dinilai: 1 galat, 2 peringatan." in report.render("id")

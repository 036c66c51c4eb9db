"""Every indicator formula and every not-applicable reason, against values worked out by hand."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd
import pytest

from paritrana_nb import registry
from paritrana_nb.indicators import FORMULAS, KNOWN_INDICATORS, compute
from paritrana_nb.methodology import Aturan, Methodology, parse_methodology
from paritrana_nb.schema import PROGRAMMES, SKALA, TABLES
from paritrana_nb.season import Season
from scoring_fixtures import methodology_data

GOV = ("ucj", "ucj_naik", "capaian_target", "rentan_apbd", "regulasi")
VILLAGE = ("cakupan_desa", "perangkat", "bpd", "rentan_dana_desa")
BUSINESS = ("kepesertaan", "program", "tertib_iuran", "upah_sesuai", "nik_valid", "vendor_patuh", "csr_rentan")


@dataclass(frozen=True)
class Hand:
    """The hand season's indicators under the default methodology, or under the one given."""

    season: Season
    methodology: Methodology

    def computed(
        self,
        kategori: str,
        ids: tuple[str, ...],
        methodology: Methodology | None = None,
    ) -> tuple[pd.DataFrame, pd.DataFrame]:
        methodology = methodology or self.methodology
        rows = registry.build(self.season, methodology).participants(kategori)
        nilai, alasan = compute(rows, methodology.kategori[kategori], methodology.aturan, ids)
        return nilai.set_axis(rows["id_peserta"]), alasan.set_axis(rows["id_peserta"])

    def values(
        self,
        kategori: str,
        ids: tuple[str, ...],
        methodology: Methodology | None = None,
    ) -> dict[str, dict[str, float]]:
        return {pid: row.to_dict() for pid, row in self.computed(kategori, ids, methodology)[0].iterrows()}

    def reasons(
        self,
        kategori: str,
        ids: tuple[str, ...],
        methodology: Methodology | None = None,
    ) -> dict[tuple[str, str], str]:
        alasan = self.computed(kategori, ids, methodology)[1]
        return {(pid, i): r for pid, row in alasan.iterrows() for i, r in row.items() if pd.notna(r)}


@pytest.fixture
def hand(hand_season: Season, default_methodology: Methodology) -> Hand:
    return Hand(hand_season, default_methodology)


def test_formulas_by_participant_table() -> None:
    assert KNOWN_INDICATORS == {"pemda": GOV, "desa": VILLAGE, "badan_usaha": BUSINESS}


def test_regency_formulas(hand: Hand) -> None:
    v = hand.values("pemda", GOV)
    assert list(v) == ["61.01", "61.02", "61.03", "61.71", "62.01"]
    # 61.01: 300 + 150 + 30 + 20 of 1000 workers in T; 300 + 120 + 30 + 0 in T-1
    assert v["61.01"]["ucj"] == pytest.approx(100 * (300 + 150 + 30 + 20) / 1000)
    assert v["61.01"]["ucj_naik"] == pytest.approx(100 * 500 / 1000 - 100 * 450 / 1000)
    assert v["61.01"]["capaian_target"] == pytest.approx(100 * 50 / 62.5)
    assert v["61.01"]["rentan_apbd"] == pytest.approx(100 * 50 / 1000)
    assert v["61.01"]["regulasi"] == pytest.approx(40 * 1 + 20 * 2 + 10 * 0)  # perkada 3 counts as 2
    # 61.02: above the goalposts stays raw here (clipping is the normalisation's job)
    assert v["61.02"]["capaian_target"] == pytest.approx(100 * 60 / 50)
    assert v["61.02"]["rentan_apbd"] == pytest.approx(100 * 500 / 2000)
    assert v["61.02"]["regulasi"] == pytest.approx(20 * 1 + 10 * 2)  # surat edaran 5 counts as 2
    assert v["61.03"]["ucj"] == pytest.approx(100 * 600 / 500)
    assert v["61.03"]["ucj_naik"] == pytest.approx(0)  # 100 % (T-1) -> 120 % (T): no growth above cakupan_maks 100
    assert v["61.03"]["regulasi"] == pytest.approx(100)  # min(100, 40 + 40 + 20)
    assert v["62.01"]["ucj_naik"] == pytest.approx(50 - 40)


def test_growth_across_the_coverage_cap_counts_up_to_the_cap(hand: Hand) -> None:
    # 61.03 grows 100 % -> 120 %: with cakupan_maks 110 it earns 10 points, with a cap far above, all 20
    for cap, growth in ((110, 10), (1000, 20), (100, 0)):
        data = methodology_data()
        data["aturan"]["cakupan_maks"] = cap
        growths = hand.values("pemda", ("ucj_naik",), parse_methodology(data))
        assert growths["61.03"]["ucj_naik"] == pytest.approx(growth)


def test_regulasi_is_capped_at_100(hand: Hand) -> None:
    # 40 + 20*2 + 10*2 = 100 exactly for 61.03; more documents cannot pass 100
    assert max(v["regulasi"] for v in hand.values("pemda", ("regulasi",)).values()) == 100


def test_province_formulas(hand: Hand) -> None:
    v = hand.values("pemprov", GOV)  # the pemda rows at tingkat provinsi
    assert list(v) == ["61", "62"]
    assert v["61"]["ucj"] == pytest.approx(100 * 5000 / 10000)
    assert v["61"]["ucj_naik"] == pytest.approx(50 - 100 * 4000 / 10000)
    assert v["62"]["ucj_naik"] == pytest.approx(100 * 2000 / 5000 - 100 * 2100 / 5000)
    assert v["62"]["capaian_target"] == pytest.approx(100 * 40 / 80)
    assert v["61"]["regulasi"] == pytest.approx(40 + 20 + 10)


def test_government_not_applicable_reasons(hand: Hand) -> None:
    reasons = hand.reasons("pemda", GOV)
    assert reasons == {
        ("61.02", "ucj_naik"): "tanpa_data_tahun_lalu",
        ("61.03", "capaian_target"): "penyebut_nol",
        ("61.71", "ucj_naik"): "penyebut_nol_tahun_lalu",
    }
    v = hand.values("pemda", GOV)
    assert math.isnan(v["61.02"]["ucj_naik"]) and math.isnan(v["61.03"]["capaian_target"])


def test_village_formulas_and_reasons(hand: Hand) -> None:
    v = hand.values("desa", VILLAGE)
    assert v["61.01.01.2001"] == pytest.approx(
        {
            "cakupan_desa": 100 * 100 / 200,
            "perangkat": 100 * 8 / 10,
            "bpd": 100 * 4 / 5,
            "rentan_dana_desa": 100 * 20 / 200,
        }
    )
    assert v["61.71.01.1002"]["cakupan_desa"] == pytest.approx(100 * 100 / 400)
    assert math.isnan(v["61.71.01.1002"]["rentan_dana_desa"])  # its 0 is not a real zero: no village funds
    assert hand.reasons("desa", VILLAGE) == {
        # a kelurahan (code 61.71.01.1002: last segment starts with 1) has no BPD and no village funds
        ("61.71.01.1002", "bpd"): "tidak_berlaku_kelurahan",
        ("61.71.01.1002", "rentan_dana_desa"): "tidak_berlaku_kelurahan",
        ("62.01.01.2001", "cakupan_desa"): "penyebut_nol",
        ("62.01.01.2001", "rentan_dana_desa"): "penyebut_nol",
    }


def test_not_applicable_follows_the_methodology_not_the_village_name(hand: Hand) -> None:
    data = methodology_data()
    for indicator in data["kategori"]["desa"]["indicators"]:
        indicator.pop("tidak_berlaku_untuk", None)
    data["kategori"]["desa"]["indicators"][1]["tidak_berlaku_untuk"] = ["desa"]  # perangkat, for the test
    reasons = hand.reasons("desa", VILLAGE, parse_methodology(data))
    assert reasons[("61.71.01.1002", "bpd")] == "penyebut_nol"
    assert ("61.71.01.1002", "rentan_dana_desa") not in reasons
    assert {pid for (pid, i), r in reasons.items() if r == "tidak_berlaku_desa"} == {
        "61.01.01.2001",
        "61.02.01.2002",
        "61.03.01.2007",
        "62.01.01.2001",
    }


def test_business_formulas_and_reasons(hand: Hand) -> None:
    big = hand.values("bu_besar_menengah", BUSINESS)
    assert list(big) == ["0000000001", "0000000002"]
    satu = big["0000000001"]
    assert satu["kepesertaan"] == pytest.approx(100 * 90 / 100)
    assert satu["program"] == pytest.approx(100)  # jkk, jkm, jht, jp of the four expected; jkp is not expected
    assert satu["tertib_iuran"] == pytest.approx(100 * (1 - 3 / 12))
    assert satu["upah_sesuai"] == pytest.approx(90)
    assert satu["nik_valid"] == pytest.approx(95)
    assert math.isnan(satu["vendor_patuh"])
    assert satu["csr_rentan"] == pytest.approx(100 * 5 / 100)
    assert big["0000000002"]["vendor_patuh"] == pytest.approx(80)
    small = hand.values("bu_kecil_mikro", BUSINESS)
    assert list(small) == ["0000000003", "0000000004"]
    assert small["0000000003"]["program"] == pytest.approx(100 * 2 / 3)  # kecil: jkk, jkm of jkk, jkm, jht
    assert small["0000000003"]["tertib_iuran"] == pytest.approx(0)  # 15 months count as 12
    assert small["0000000004"]["program"] == pytest.approx(100)
    assert small["0000000004"]["tertib_iuran"] == pytest.approx(100 * (1 - 6 / 12))
    assert hand.reasons("bu_besar_menengah", BUSINESS) == {("0000000001", "vendor_patuh"): "kosong"}
    small_reasons = hand.reasons("bu_kecil_mikro", ("kepesertaan", "csr_rentan"))
    assert small_reasons[("0000000004", "kepesertaan")] == "penyebut_nol"


def test_a_share_is_100_times_the_count_then_divided(hand: Hand) -> None:
    """docs/methodology.md, Indicator formulas: `100 * a / b` is (100 × a) / b to the last bit, as an outsider
    recomputing the ranks must compute it: 1 of 3 workers is 33.333333333333336 so, 33.33333333333333 as 100 × (1 / 3),
    and 2 of 3 programmes 66.66666666666667, not 66.66666666666666."""
    rows = registry.build(hand.season, hand.methodology).participants("bu_kecil_mikro")
    rows = rows.assign(pekerja_terdaftar=1, jumlah_pekerja=3, pekerja_rentan_csr=1)
    category = hand.methodology.kategori["bu_kecil_mikro"]
    nilai = compute(rows, category, hand.methodology.aturan, ("kepesertaan", "csr_rentan", "program"))[0]
    assert nilai["kepesertaan"].tolist() == [33.333333333333336, 33.333333333333336]
    assert nilai["csr_rentan"].tolist() == [33.333333333333336, 33.333333333333336]
    assert nilai["program"].tolist() == [66.66666666666667, 100.0]  # kecil: jkk, jkm of jkk, jkm, jht


def test_a_micro_firm_with_jkk_and_jkm_scores_100_on_program(
    default_methodology: Methodology, hand_season: Season
) -> None:
    # UD Empat (mikro) enrols in jkk, jkm and jht; without jht it still holds every programme expected of it
    rows = registry.build(hand_season, default_methodology).participants("bu_kecil_mikro")
    rows.loc[rows["id_peserta"] == "0000000004", "jht"] = 0
    rows.loc[rows["id_peserta"] == "0000000003", "skala"] = "mikro"  # CV Tiga: jkk, jkm only, now as a micro firm
    category = default_methodology.kategori["bu_kecil_mikro"]
    program = compute(rows, category, default_methodology.aturan, ["program"])[0]["program"]
    assert program.tolist() == pytest.approx([100, 100])
    data = methodology_data()  # the same firms under one list for every size: jkk, jkm, jht
    data["kategori"]["bu_kecil_mikro"]["programmes_expected"] = ["jkk", "jkm", "jht"]
    listed = parse_methodology(data)
    program = compute(rows, listed.kategori["bu_kecil_mikro"], listed.aturan, ["program"])[0]["program"]
    assert program.tolist() == pytest.approx([100 * 2 / 3, 100 * 2 / 3])


def test_arrears_and_regulation_points_come_from_the_rules(hand: Hand) -> None:
    data = methodology_data()
    data["aturan"]["tunggakan_maks_bulan"] = 6
    data["aturan"]["regulasi"] = {
        "perda": 50,
        "perkada": 10,
        "perkada_maks": 3,
        "surat_edaran": 5,
        "surat_edaran_maks": 1,
    }
    rules = parse_methodology(data)
    business = hand.values("bu_besar_menengah", ("tertib_iuran",), rules)
    assert business["0000000001"]["tertib_iuran"] == pytest.approx(100 * (1 - 3 / 6))
    small = hand.values("bu_kecil_mikro", ("tertib_iuran",), rules)
    assert small["0000000004"]["tertib_iuran"] == pytest.approx(0)  # 6 months: the cap
    government = hand.values("pemda", ("regulasi",), rules)
    assert government["61.01"]["regulasi"] == pytest.approx(50 * 1 + 10 * 3 + 5 * 0)  # perkada 3: cap 3 now
    assert government["61.02"]["regulasi"] == pytest.approx(10 * 1 + 5 * 1)  # surat edaran 5 counts as 1
    assert government["61.03"]["regulasi"] == pytest.approx(50 + 10 * 2 + 5 * 1)


def test_only_requested_indicators(hand: Hand) -> None:
    nilai, alasan = hand.computed("pemda", ("regulasi",))
    assert list(nilai.columns) == list(alasan.columns) == ["regulasi"]


def test_a_formula_as_shown_holds_no_words_of_one_language(default_methodology: Methodology) -> None:
    """The methodology appendix shows each formula in both languages as it is: column names, rule values,
    numbers and operators, never English prose in the Indonesian report (or the reverse)."""
    names = {c for table in TABLES for c in table.column_names} | set(PROGRAMMES) | set(SKALA) | {"min", "ucj", "T"}
    shown = {}
    for category in default_methodology.kategori.values():
        for indicator in category.indicators:
            formula = FORMULAS[category.peserta.tabel][indicator.id]
            shown[indicator.id] = formula.shown(category, default_methodology.aturan)
            words = set(re.findall(r"[A-Za-z_][A-Za-z_0-9]*", shown[indicator.id]))
            assert words <= names, (indicator.id, shown[indicator.id], words - names)
    assert shown["program"] == "kecil: 100 * (jkk + jkm + jht) / 3; mikro: 100 * (jkk + jkm) / 2"
    assert shown["vendor_patuh"] == "vendor_patuh_pct"
    big = default_methodology.kategori["bu_besar_menengah"]
    assert FORMULAS["badan_usaha"]["program"].shown(big, default_methodology.aturan) == (
        "100 * (jkk + jkm + jht + jp) / 4"
    )


def test_each_formula_names_the_rules_it_uses() -> None:
    """A formula's rules are the aturan keys in its text; the points of `regulasi` count as `regulasi`."""
    aturan = Aturan()
    used = {
        tabel: {i: f.rules(aturan) for i, f in formulas.items() if f.rules(aturan)}
        for tabel, formulas in FORMULAS.items()
    }
    assert used == {
        "pemda": {"ucj_naik": {"cakupan_maks"}, "regulasi": {"regulasi"}},
        "desa": {},
        "badan_usaha": {"tertib_iuran": {"tunggakan_maks_bulan"}},
    }

"""Every indicator formula and every not-applicable reason, against values worked out by hand."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from paritrana_nb.indicators import KNOWN_INDICATORS, compute
from scoring_fixtures import hand_season

GOV = ("ucj", "ucj_naik", "capaian_target", "rentan_apbd", "regulasi")
VILLAGE = ("cakupan_desa", "perangkat", "bpd", "rentan_dana_desa")
BUSINESS = ("kepesertaan", "program", "tertib_iuran", "upah_sesuai", "nik_valid", "vendor_patuh", "csr_rentan")


def _values(kategori: str, ids: tuple[str, ...], programmes: tuple[str, ...] = ()) -> dict[str, dict[str, float]]:
    result = compute(hand_season(), kategori, ids, programmes)
    nilai = result.nilai.set_axis(result.peserta["id_peserta"])
    return {pid: row.to_dict() for pid, row in nilai.iterrows()}


def _reasons(kategori: str, ids: tuple[str, ...], programmes: tuple[str, ...] = ()) -> dict[tuple[str, str], str]:
    result = compute(hand_season(), kategori, ids, programmes)
    alasan = result.alasan.set_axis(result.peserta["id_peserta"])
    return {(pid, i): r for pid, row in alasan.iterrows() for i, r in row.items() if pd.notna(r)}


def test_registry() -> None:
    assert KNOWN_INDICATORS["pemda"] == KNOWN_INDICATORS["pemprov"] == GOV
    assert KNOWN_INDICATORS["desa"] == VILLAGE
    assert KNOWN_INDICATORS["bu_besar_menengah"] == KNOWN_INDICATORS["bu_kecil_mikro"] == BUSINESS


def test_regency_formulas() -> None:
    v = _values("pemda", GOV)
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
    assert v["61.03"]["ucj_naik"] == pytest.approx(120 - 100)
    assert v["61.03"]["regulasi"] == pytest.approx(100)  # min(100, 40 + 40 + 20)
    assert v["62.01"]["ucj_naik"] == pytest.approx(50 - 40)


def test_regulasi_is_capped_at_100() -> None:
    # 40 + 20*2 + 10*2 = 100 exactly for 61.03; more documents cannot pass 100
    assert max(v["regulasi"] for v in _values("pemda", ("regulasi",)).values()) == 100


def test_province_formulas() -> None:
    v = _values("pemprov", GOV)
    assert list(v) == ["61", "62"]
    assert v["61"]["ucj"] == pytest.approx(100 * 5000 / 10000)
    assert v["61"]["ucj_naik"] == pytest.approx(50 - 100 * 4000 / 10000)
    assert v["62"]["ucj_naik"] == pytest.approx(100 * 2000 / 5000 - 100 * 2100 / 5000)
    assert v["62"]["capaian_target"] == pytest.approx(100 * 40 / 80)
    assert v["61"]["regulasi"] == pytest.approx(40 + 20 + 10)


def test_government_not_applicable_reasons() -> None:
    reasons = _reasons("pemda", GOV)
    assert reasons == {
        ("61.02", "ucj_naik"): "tanpa_data_tahun_lalu",
        ("61.03", "capaian_target"): "penyebut_nol",
        ("61.71", "ucj_naik"): "penyebut_nol_tahun_lalu",
    }
    v = _values("pemda", GOV)
    assert math.isnan(v["61.02"]["ucj_naik"]) and math.isnan(v["61.03"]["capaian_target"])


def test_village_formulas_and_reasons() -> None:
    v = _values("desa", VILLAGE)
    assert v["61.01.01.2001"] == pytest.approx({"cakupan_desa": 100 * 100 / 200, "perangkat": 100 * 8 / 10,
                                                "bpd": 100 * 4 / 5, "rentan_dana_desa": 100 * 20 / 200})
    assert v["61.71.01.1001"]["cakupan_desa"] == pytest.approx(100 * 100 / 400)
    assert _reasons("desa", VILLAGE) == {
        ("61.71.01.1001", "bpd"): "penyebut_nol",
        ("62.01.01.2001", "cakupan_desa"): "penyebut_nol",
        ("62.01.01.2001", "rentan_dana_desa"): "penyebut_nol",
    }


def test_business_formulas_and_reasons() -> None:
    big = _values("bu_besar_menengah", BUSINESS, ("jkk", "jkm", "jht", "jp", "jkp"))
    assert list(big) == ["0000000001", "0000000002"]
    satu = big["0000000001"]
    assert satu["kepesertaan"] == pytest.approx(100 * 90 / 100)
    assert satu["program"] == pytest.approx(100 * 4 / 5)
    assert satu["tertib_iuran"] == pytest.approx(100 * (1 - 3 / 12))
    assert satu["upah_sesuai"] == pytest.approx(90)
    assert satu["nik_valid"] == pytest.approx(95)
    assert math.isnan(satu["vendor_patuh"])
    assert satu["csr_rentan"] == pytest.approx(100 * 5 / 100)
    assert big["0000000002"]["vendor_patuh"] == pytest.approx(80)
    small = _values("bu_kecil_mikro", BUSINESS, ("jkk", "jkm", "jht"))
    assert list(small) == ["0000000003", "0000000004"]
    assert small["0000000003"]["program"] == pytest.approx(100 * 2 / 3)
    assert small["0000000003"]["tertib_iuran"] == pytest.approx(0)  # 15 months count as 12
    assert small["0000000004"]["program"] == pytest.approx(100)
    assert small["0000000004"]["tertib_iuran"] == pytest.approx(100 * (1 - 6 / 12))
    assert _reasons("bu_besar_menengah", BUSINESS, ("jkk",)) == {("0000000001", "vendor_patuh"): "kosong"}
    assert _reasons("bu_kecil_mikro", ("kepesertaan", "csr_rentan"))[("0000000004", "kepesertaan")] == "penyebut_nol"


def test_province_filter_and_only_requested_indicators() -> None:
    result = compute(hand_season(), "pemda", ("regulasi",), provinces=["62"])
    assert list(result.peserta["id_peserta"]) == ["62.01"]
    assert list(result.nilai.columns) == ["regulasi"]
    assert list(result.peserta["kode_provinsi"]) == ["62"]

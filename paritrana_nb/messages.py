"""The one message catalogue: every user-facing sentence in Bahasa Indonesia and English.

Messages are looked up by key and filled with `str.format` fields; `t()` renders them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Lang = Literal["id", "en"]
LANGS: tuple[str, ...] = ("id", "en")

CATALOGUE: dict[str, dict[str, str]] = {
    # --- locations and headings -------------------------------------------------------
    "loc.file": {"id": "{file}", "en": "{file}"},
    "loc.row": {"id": "baris {row}", "en": "row {row}"},
    "loc.column": {"id": "kolom '{column}'", "en": "column '{column}'"},
    "severity.error": {"id": "GALAT", "en": "ERROR"},
    "severity.warning": {"id": "PERINGATAN", "en": "WARNING"},
    "summary.ok": {
        "id": "Data musim {musim} valid: {errors} galat, {warnings} peringatan.",
        "en": "Season {musim} data are valid: {errors} errors, {warnings} warnings.",
    },
    "summary.bad": {
        "id": "Data musim {musim} TIDAK dapat dinilai: {errors} galat, {warnings} peringatan. "
        "Perbaiki galat di atas lalu jalankan lagi.",
        "en": "Season {musim} data can NOT be scored: {errors} errors, {warnings} warnings. "
        "Fix the errors above and run again.",
    },
    "summary.more": {
        "id": "... dan {count} masalah serupa lainnya ({code}).",
        "en": "... and {count} more problems of the same kind ({code}).",
    },
    "summary.illustrative": {
        "id": "CATATAN: musim ini adalah data ILUSTRATIF, bukan data resmi.",
        "en": "NOTE: this season is ILLUSTRATIVE data, not official data.",
    },
    "summary.table": {
        "id": "{table}: {rows} baris ({file})",
        "en": "{table}: {rows} rows ({file})",
    },
    # --- files ---------------------------------------------------------------------------
    "E_SEASON_DIR_MISSING": {
        "id": "Folder musim tidak ditemukan: {path}. Buat folder data/<musim>/ berisi wilayah, "
        "pemda, desa, badan_usaha dan wawancara (.csv atau .xlsx), atau beri --data-dir yang benar.",
        "en": "Season folder not found: {path}. Create data/<season>/ holding wilayah, pemda, desa, "
        "badan_usaha and wawancara (.csv or .xlsx), or pass the right --data-dir.",
    },
    "E_FILE_MISSING": {
        "id": "Berkas tidak ada. Letakkan {table}.csv atau {table}.xlsx di {folder}.",
        "en": "File is missing. Put {table}.csv or {table}.xlsx in {folder}.",
    },
    "E_FILE_TWICE": {
        "id": "Tabel {table} ada dua kali ({files}). Hapus atau pindahkan salah satunya.",
        "en": "Table {table} is present twice ({files}). Remove or move one of them.",
    },
    "E_ENCODING": {
        "id": "Berkas bukan teks UTF-8 ({detail}). Di Excel simpan sebagai 'CSV UTF-8 (Comma delimited)'.",
        "en": "File is not UTF-8 text ({detail}). In Excel save as 'CSV UTF-8 (Comma delimited)'.",
    },
    "E_UNREADABLE": {
        "id": "Berkas tidak dapat dibaca: {detail}. Buka di Excel, periksa, lalu simpan ulang.",
        "en": "File cannot be read: {detail}. Open it in Excel, check it and save it again.",
    },
    "E_EMPTY_TABLE": {
        "id": "Tabel kosong: tidak ada baris data di bawah judul kolom. Isi data atau hapus berkas ini.",
        "en": "Table is empty: no data rows below the header. Fill in the data.",
    },
    "E_MISSING_COLUMN": {
        "id": "Kolom wajib tidak ada.{hint} Tambahkan kolom dengan nama persis '{column}' di baris judul (baris 1).",
        "en": "Required column is missing.{hint} Add a column named exactly '{column}' in the header (row 1).",
    },
    "hint.did_you_mean": {"id": " Mungkin maksudnya '{found}'?", "en": " Did you mean '{found}'?"},
    "E_DUPLICATE_COLUMN": {
        "id": "Nama kolom muncul lebih dari sekali. Hapus atau ganti nama salah satunya.",
        "en": "Column name appears more than once. Remove or rename one of them.",
    },
    "E_MIXED_NUMBER_FORMAT": {
        "id": "Format angka bercampur dalam satu berkas: '{value}' memakai format {style_here}, sedangkan "
        "baris {other_row} kolom '{other_column}' berisi '{other_value}' dengan format {style_other}. "
        "Gunakan satu format untuk seluruh berkas.",
        "en": "Mixed number formats in one file: '{value}' is written in {style_here} style, while row "
        "{other_row} column '{other_column}' holds '{other_value}' in {style_other} style. Use one format "
        "for the whole file.",
    },
    "style.id": {"id": "Indonesia (1.234.567 dan 68,02)", "en": "Indonesian (1.234.567 and 68,02)"},
    "style.en": {"id": "Inggris (1,234,567 dan 68.02)", "en": "English (1,234,567 and 68.02)"},
    "W_AMBIGUOUS_NUMBER": {
        "id": "Nilai '{value}' bisa dibaca dua cara; dibaca sebagai {parsed} karena berkas memakai "
        "pemisah '{delimiter}' dan tidak ada angka lain yang menunjukkan formatnya. Periksa nilai ini.",
        "en": "Value '{value}' can be read two ways; it was read as {parsed} because the file uses the "
        "'{delimiter}' separator and no other number shows its format. Check this value.",
    },
    "W_NPP_NUMERIC": {
        "id": "npp disimpan sebagai angka di Excel ('{value}'); nol di depan bisa hilang. "
        "Format kolom npp sebagai Teks dan ketik ulang nomornya.",
        "en": "npp is stored as a number in Excel ('{value}'); leading zeros may be lost. "
        "Format the npp column as Text and retype the numbers.",
    },
    "W_OTHER_YEAR": {
        "id": "Tahun {value} bukan tahun kinerja {year} atau tahun pembanding {prev}; baris ini diabaikan.",
        "en": "Year {value} is neither the performance year {year} nor the comparison year {prev}; "
        "the row is ignored.",
    },
    # --- values --------------------------------------------------------------------------
    "E_BLANK": {
        "id": "Nilai kosong. Isi kolom ini{blank_hint}.",
        "en": "Value is blank. Fill in this column{blank_hint}.",
    },
    "hint.blank_other_year": {
        "id": " (boleh kosong hanya untuk tahun selain {year})",
        "en": " (it may be blank only for years other than {year})",
    },
    "E_NOT_NUMBER": {
        "id": "Nilai '{value}' bukan angka. Tulis angka saja, misalnya 1234567 atau 68,02 (tanpa Rp, %, atau teks).",
        "en": "Value '{value}' is not a number. Write a number only, e.g. 1234567 or 68.02 (no Rp, %, or text).",
    },
    "E_NOT_WHOLE": {
        "id": "Nilai '{value}' harus bilangan bulat (jumlah orang atau dokumen). Bulatkan atau periksa pemisah ribuan.",
        "en": "Value '{value}' must be a whole number (a count of people or documents). "
        "Round it or check the thousands separator.",
    },
    "E_NEGATIVE": {
        "id": "Nilai '{value}' negatif; jumlah tidak boleh negatif. Periksa dan isi 0 atau lebih.",
        "en": "Value '{value}' is negative; a count cannot be negative. Check it and enter 0 or more.",
    },
    "E_PERCENT_RANGE": {
        "id": "Persentase '{value}' di luar rentang 0–100. Tulis sebagai persen (68,02 bukan 0,6802).",
        "en": "Percentage '{value}' is outside 0–100. Write it as a percent (68.02, not 0.6802).",
    },
    "E_SCORE_RANGE": {
        "id": "Nilai wawancara '{value}' di luar rentang 0–100. Periksa lembar penilaian juri.",
        "en": "Interview score '{value}' is outside 0–100. Check the juror's score sheet.",
    },
    "E_NOT_BINARY": {
        "id": "Nilai '{value}' tidak sah; kolom ini hanya boleh 0 (tidak) atau 1 (ya).",
        "en": "Value '{value}' is not allowed; this column holds only 0 (no) or 1 (yes).",
    },
    "E_BAD_YEAR": {
        "id": "Tahun '{value}' tidak sah. Tulis tahun empat angka, misalnya {year}.",
        "en": "Year '{value}' is not valid. Write a four-digit year, e.g. {year}.",
    },
    "E_UNKNOWN_VALUE": {
        "id": "Nilai '{value}' tidak dikenal. Pilihan yang sah: {allowed}.",
        "en": "Value '{value}' is not known. Allowed values: {allowed}.",
    },
    "E_BAD_CODE": {
        "id": "Kode '{value}' tidak mengikuti pola Kemendagri ({pattern}). Tulis kode sebagai teks "
        "dengan titik, misalnya {example}; di Excel format kolom sebagai Teks agar 61.10 tidak menjadi 61.1.",
        "en": "Code '{value}' does not follow the Kemendagri pattern ({pattern}). Write the code as text "
        "with dots, e.g. {example}; in Excel format the column as Text so that 61.10 does not become 61.1.",
    },
    "E_BAD_NPP": {
        "id": "npp '{value}' tidak sah: harus berupa teks tanpa spasi. Salin nomor pendaftaran perusahaan dari BPJS.",
        "en": "npp '{value}' is not valid: it must be text without spaces. Copy the employer number from BPJS.",
    },
    "E_TINGKAT_MISMATCH": {
        "id": "Tingkat '{value}' tidak cocok dengan kode {kode} (seharusnya '{expected}'; kode 01–69 "
        "kabupaten, 71–99 kota). Perbaiki tingkat atau kode.",
        "en": "Level '{value}' does not match code {kode} (expected '{expected}'; codes 01–69 are "
        "regencies, 71–99 cities). Fix the level or the code.",
    },
    "E_PROVINCE_MISMATCH": {
        "id": "kode_provinsi '{value}' tidak cocok dengan kode wilayah {kode}. Isi dengan dua angka pertama kode wilayah.",
        "en": "kode_provinsi '{value}' does not match region code {kode}. Use the first two digits of the region code.",
    },
    "E_UNKNOWN_PROVINCE": {
        "id": "Provinsi {value} dari wilayah {kode} tidak ada di wilayah.csv. Tambahkan baris provinsinya.",
        "en": "Province {value} of region {kode} is not in wilayah.csv. Add the province's row.",
    },
    "E_UNKNOWN_REGION": {
        "id": "Wilayah '{value}' tidak ada di {reference}. Periksa kode atau tambahkan wilayahnya ke {reference}.",
        "en": "Region '{value}' is not in {reference}. Check the code or add the region to {reference}.",
    },
    "E_REGION_LEVEL": {
        "id": "Kode '{value}' harus kode {expected}. Isi kode kabupaten/kota (misalnya 61.04), bukan provinsi.",
        "en": "Code '{value}' must be a {expected} code. Use a regency/city code (e.g. 61.04), not a province.",
    },
    "E_VILLAGE_REGION_MISMATCH": {
        "id": "Kode desa {value} tidak berada di kabupaten/kota {region}. Kode desa harus diawali kode wilayahnya.",
        "en": "Village code {value} is not inside regency/city {region}. A village code must start with its region code.",
    },
    "E_DUPLICATE_KEY": {
        "id": "Baris ganda: {key} sudah ada di baris {first_row}. Hapus salah satu atau gabungkan datanya.",
        "en": "Duplicate row: {key} already appears in row {first_row}. Remove one or merge the data.",
    },
    "E_PART_EXCEEDS_WHOLE": {
        "id": "{part} ({value}) lebih besar dari {whole} ({whole_value}); bagian tidak boleh melebihi "
        "keseluruhan. Periksa kedua angka.",
        "en": "{part} ({value}) is larger than {whole} ({whole_value}); a part cannot exceed its whole. "
        "Check both numbers.",
    },
    "E_JURY_UNKNOWN_PARTICIPANT": {
        "id": "Peserta '{value}' (kategori {kategori}) tidak ada di data tahun {year} ({reference}). "
        "Periksa id_peserta atau tambahkan pesertanya.",
        "en": "Participant '{value}' (category {kategori}) is not in the year {year} data ({reference}). "
        "Check id_peserta or add the participant.",
    },
    "E_NO_YEAR_T": {
        "id": "Tidak ada baris untuk tahun kinerja {year} (musim {musim} menilai kinerja tahun {year}). "
        "Tambahkan data tahun {year} atau periksa kolom tahun.",
        "en": "No rows for performance year {year} (season {musim} assesses year {year}). "
        "Add year {year} data or check the tahun column.",
    },
    # --- warnings --------------------------------------------------------------------------
    "W_COVERAGE_OVER_100": {
        "id": "Cakupan {value}% melebihi 100% (peserta {peserta} dari {base} penduduk bekerja). Bisa terjadi "
        "bila perkiraan pekerja terlalu rendah; pastikan angkanya benar.",
        "en": "Coverage {value}% exceeds 100% ({peserta} participants of {base} working population). This "
        "happens when the worker estimate is low; make sure the figures are right.",
    },
    "W_NO_PREVIOUS_YEAR": {
        "id": "Wilayah {value} tidak punya baris tahun {prev}; kenaikan cakupan tidak dapat dihitung. "
        "Tambahkan data tahun {prev} bila tersedia.",
        "en": "Region {value} has no year {prev} row; coverage growth cannot be computed. "
        "Add year {prev} data if available.",
    },
    "W_REGION_NOT_SUBMITTED": {
        "id": "Wilayah {value} ({name}) ada di wilayah.csv tetapi tidak punya data tahun {year}; wilayah ini tidak dinilai.",
        "en": "Region {value} ({name}) is in wilayah.csv but has no year {year} data; it will not be scored.",
    },
    "W_FEW_JURORS": {
        "id": "Peserta {value} (kategori {kategori}) hanya dinilai {count} juri; disarankan minimal 3.",
        "en": "Participant {value} (category {kategori}) was scored by only {count} jurors; at least 3 are advised.",
    },
    "W_LARGE_JUMP": {
        "id": "{what} berubah {change}% dari {prev} ({before}) ke {year} ({after}). Pastikan sumber dan definisinya sama.",
        "en": "{what} changed by {change}% from {prev} ({before}) to {year} ({after}). Make sure the source and definition are the same.",
    },
    "W_ZERO_BASE": {
        "id": "{what} bernilai 0; indikator yang membaginya tidak berlaku untuk peserta ini.",
        "en": "{what} is 0; indicators that divide by it do not apply to this participant.",
    },
    # --- command line --------------------------------------------------------------------
    "cli.unknown_province": {
        "id": "Provinsi '{value}' tidak dikenal. Gunakan kode (misalnya 61) atau nama singkat: {allowed}.",
        "en": "Province '{value}' is not known. Use a code (e.g. 61) or a short name: {allowed}.",
    },
    "cli.season_summary": {
        "id": "Musim {musim} (kinerja {year}, pembanding {prev}) — {provinces} provinsi, {regions} kabupaten/kota, "
        "{villages} desa, {businesses} badan usaha, {scores} nilai wawancara dari {jurors} juri.",
        "en": "Season {musim} (performance {year}, comparison {prev}) — {provinces} provinces, {regions} regencies/cities, "
        "{villages} villages, {businesses} businesses, {scores} interview scores from {jurors} jurors.",
    },
}


@dataclass(frozen=True)
class Ref:
    """A catalogue entry used inside another message, rendered in that message's language."""

    key: str
    fields: tuple[tuple[str, object], ...] = ()

    def __init__(self, key: str, **fields: object) -> None:
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "fields", tuple(fields.items()))


def t(msg_key: str, lang: str = "id", **fields: object) -> str:
    """Render catalogue entry `msg_key` in `lang` (`id` or `en`) with `fields` filled in."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    filled = {k: t(v.key, lang, **dict(v.fields)) if isinstance(v, Ref) else v for k, v in fields.items()}
    return CATALOGUE[msg_key][lang].format(**filled)

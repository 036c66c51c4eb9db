"""The one message catalogue: every user-facing sentence in Bahasa Indonesia and English.

Messages are looked up by key and filled with `str.format` fields; `t()` renders them.
"""
from __future__ import annotations

from dataclasses import dataclass

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
    "summary.not_kept": {
        "id": "Hanya {kept} masalah pertama dari tiap jenis per berkas yang disimpan; sisanya hanya dihitung. "
        "Perbaiki penyebabnya (sering seluruh kolom atau berkas yang salah) lalu jalankan lagi.",
        "en": "Only the first {kept} problems of each kind per file are kept; the rest are only counted. "
        "Fix the cause (often a whole column or the wrong file) and run again.",
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
    "E_HEADER_TOO_LONG": {
        "id": "Baris pertama terlalu panjang untuk baris judul kolom ({length} karakter; paling banyak {limit}). "
        "Baris 1 harus berisi nama kolom saja; periksa apakah berkas ini benar tabelnya.",
        "en": "The first line is too long to be a header ({length} characters; at most {limit}). "
        "Row 1 must hold the column names only; check that this is the right file.",
    },
    "E_XLSX_ENCRYPTED": {
        "id": "Berkas .xlsx ini dilindungi kata sandi (terenkripsi) sehingga tidak dapat dibaca. Buka di Excel, "
        "hapus kata sandinya (File > Info > Protect Workbook > Encrypt with Password, kosongkan) lalu simpan ulang.",
        "en": "This .xlsx file is password-protected (encrypted) and cannot be read. Open it in Excel, remove the "
        "password (File > Info > Protect Workbook > Encrypt with Password, clear it) and save it again.",
    },
    "E_XLSX_NOT_ZIP": {
        "id": "Berkas ini bukan .xlsx walau namanya .xlsx (mungkin berkas .xls lama yang diganti namanya). Buka "
        "di Excel lalu simpan sebagai 'Excel Workbook (.xlsx)' atau 'CSV UTF-8'.",
        "en": "This file is not an .xlsx file despite its name (perhaps an old .xls file renamed). Open it in "
        "Excel and save it as 'Excel Workbook (.xlsx)' or 'CSV UTF-8'.",
    },
    "E_FORMULA_NO_VALUE": {
        "id": "Sel berisi rumus '{value}' tanpa nilai tersimpan (atau hasilnya teks kosong), jadi nilainya tidak "
        "diketahui. Buka dan simpan ulang berkas di Excel agar rumus dihitung, atau ganti rumus dengan nilainya "
        "(Salin lalu Tempel Nilai).",
        "en": "The cell holds the formula '{value}' without a saved value (or its result is empty text), so its "
        "value is unknown. Open and save the file in Excel so the formula is computed, or replace the formula "
        "by its value (Copy, then Paste Values).",
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
    "E_CONTROL_CHAR": {
        "id": "Teks '{value}' berisi karakter kendali yang tidak terlihat (ditampilkan sebagai \\xNN). Hapus "
        "karakter itu; biasanya terbawa saat menyalin dari sistem lain.",
        "en": "Text '{value}' holds invisible control characters (shown as \\xNN). Remove them; they usually "
        "come along when copying from another system.",
    },
    "E_TEXT_TOO_LONG": {
        "id": "Teks '{value}' terlalu panjang ({length} karakter; paling banyak {limit}). Periksa apakah isi "
        "beberapa sel tergabung ke sel ini.",
        "en": "Text '{value}' is too long ({length} characters; at most {limit}). Check whether the contents of "
        "several cells ran into this one.",
    },
    "W_FORMULA_TEXT": {
        "id": "Teks '{value}' diawali = + - atau @, sehingga Excel akan menjalankannya sebagai rumus. Di CSV "
        "hasil, teks ini diawali tanda petik (') agar tidak dijalankan. Pastikan memang begitu namanya.",
        "en": "Text '{value}' starts with = + - or @, so Excel would run it as a formula. In the result CSVs it "
        "is written with a leading quote (') so it is not run. Make sure this really is the name.",
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
        "id": "'{value}' bukan peserta kategori {kategori} pada data tahun {year} ({reference}). Periksa id_peserta "
        "dan kategori, atau kunci peserta kategori itu di metodologi.",
        "en": "'{value}' is not a participant of category {kategori} in the year {year} data ({reference}). Check "
        "id_peserta and kategori, or the category's peserta key in the methodology.",
    },
    "E_NO_YEAR_T": {
        "id": "Tidak ada baris untuk tahun kinerja {year} (musim {musim} menilai kinerja tahun {year}). "
        "Tambahkan data tahun {year} atau periksa kolom tahun.",
        "en": "No rows for performance year {year} (season {musim} assesses year {year}). "
        "Add year {year} data or check the tahun column.",
    },
    # --- warnings --------------------------------------------------------------------------
    "W_COVERAGE_OVER_100": {
        "id": "Cakupan {cakupan}% melebihi 100% (peserta {peserta} dari {base} penduduk bekerja). Bisa terjadi "
        "bila perkiraan pekerja terlalu rendah; pastikan angkanya benar.",
        "en": "Coverage {cakupan}% exceeds 100% ({peserta} participants of {base} working population). This "
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
    "W_NOT_KEPT": {
        "id": "{count} peringatan lain ({code}) tidak dicantumkan karena hanya {kept} pertama per jenis per berkas "
        "yang disimpan; sebagian mungkin tentang provinsi ini. Jumlah per berkas: paritrana validate.",
        "en": "{count} more warnings ({code}) are not listed because only the first {kept} of each kind per file "
        "are kept; some may concern this province. Totals per file: paritrana validate.",
    },
    # --- reports -------------------------------------------------------------------------
    "report.illustrative_banner": {
        "id": "DATA ILUSTRATIF — bukan data atau hasil resmi Paritrana Award. Angka dibangkitkan untuk contoh.",
        "en": "ILLUSTRATIVE DATA — not official Paritrana Award data or results. Figures are generated for demonstration.",
    },
    "report.title_province": {"id": "Peringkat Paritrana Award {musim} — {provinsi}",
                              "en": "Paritrana Award {musim} rankings — {provinsi}"},
    "report.title_national": {"id": "Paritrana Award {musim} — ringkasan nasional",
                              "en": "Paritrana Award {musim} — national summary"},
    "report.intro_province": {
        "id": "Kinerja tahun {year} dibandingkan dengan {prev}. Semua angka dihitung ulang dari data masukan dan "
        "berkas metodologi yang tercantum di kaki halaman.",
        "en": "Performance in {year} compared with {prev}. Every number is recomputed from the input data and "
        "the methodology file named in the footer.",
    },
    "report.intro_national": {
        "id": "Kinerja tahun {year} dibandingkan dengan {prev}: peringkat pemerintah provinsi (juri nasional) dan "
        "para nomine dari setiap provinsi.",
        "en": "Performance in {year} compared with {prev}: the ranking of provincial governments (national jury) "
        "and the nominees of every province.",
    },
    "report.index_title": {"id": "Paritrana Award {musim} — daftar laporan", "en": "Paritrana Award {musim} — reports"},
    "report.index_status": {"id": "{ok} dari {total} laporan berhasil dibuat.",
                            "en": "{ok} of {total} reports were produced."},
    "report.col_report": {"id": "Laporan", "en": "Report"},
    "report.col_status": {"id": "Status", "en": "Status"},
    "report.col_podium": {"id": "Podium", "en": "Podium"},
    "report.status_ok": {"id": "berhasil", "en": "done"},
    "report.status_failed": {"id": "GAGAL", "en": "FAILED"},
    "report.status_kept": {"id": "(laporan sebelumnya dipertahankan)", "en": "(the previous report was kept)"},
    "report.summary_title": {"id": "Ringkasan", "en": "Summary"},
    "report.col_category": {"id": "Kategori", "en": "Category"},
    "report.col_stage": {"id": "Tahap", "en": "Stage"},
    "report.place_1": {"id": "Peringkat 1", "en": "1st place"},
    "report.place_2": {"id": "Peringkat 2", "en": "2nd place"},
    "report.place_3": {"id": "Peringkat 3", "en": "3rd place"},
    "report.stage_dokumen": {"id": "seleksi dokumen", "en": "desk stage"},
    "report.stage_wawancara": {"id": "setelah wawancara", "en": "after interviews"},
    "report.nominees_title": {"id": "Diusulkan ke tingkat nasional", "en": "Nominated to the national round"},
    "report.special_title": {"id": "Penghargaan khusus", "en": "Special awards"},
    "report.none": {"id": "tidak ada", "en": "none"},
    "report.zone": {"id": "Zona {zone}", "en": "Zone {zone}"},
    "report.award_source_indikator": {"id": "indikator {name}", "en": "indicator {name}"},
    "report.award_source_kolom": {"id": "kolom {name}", "en": "column {name}"},
    "report.award_source_aspek": {"id": "rerata juri aspek {name} (finalis)", "en": "jury mean of aspect {name} "
                                  "(finalists)"},
    "report.award_rule_minimal": {"id": "{source} ≥ {limit}", "en": "{source} ≥ {limit}"},
    "report.award_rule_maksimal": {"id": "{source} ≤ {limit}", "en": "{source} ≤ {limit}"},
    "report.award_rule_terbesar": {"id": "{limit} terbesar {source} per kelompok peringkat (seri ikut)",
                                   "en": "the {limit} largest {source} per ranking group (ties included)"},
    "report.award_rule_terkecil": {"id": "{limit} terkecil {source} per kelompok peringkat (seri ikut)",
                                   "en": "the {limit} smallest {source} per ranking group (ties included)"},
    "report.who_competes": {"id": "Peserta: tabel {tabel}{filters}, diperingkat {kelompok}.",
                            "en": "Participants: table {tabel}{filters}, ranked {kelompok}."},
    "report.group_provinsi": {"id": "per provinsi", "en": "within each province"},
    "report.group_nasional": {"id": "secara nasional", "en": "nationally"},
    "report.group_zona": {"id": "per zona", "en": "within each zone"},
    "report.not_applicable_to": {"id": "{indicator}: tidak berlaku untuk {jenis}.",
                                 "en": "{indicator}: not applicable to {jenis}."},
    "report.desk_stage_note": {
        "id": "Belum ada nilai wawancara: peringkat menurut skor dokumen; {size} teratas diusulkan sebagai daftar pendek.",
        "en": "No interview scores yet: ranked by desk score; the top {size} are the proposed shortlist.",
    },
    "report.col_rank": {"id": "Peringkat", "en": "Rank"},
    "report.col_name": {"id": "Nama", "en": "Name"},
    "report.col_id": {"id": "Kode / NPP", "en": "Code / NPP"},
    "report.col_desk": {"id": "Skor dokumen", "en": "Desk score"},
    "report.col_interview": {"id": "Skor wawancara", "en": "Interview score"},
    "report.col_final": {"id": "Skor akhir", "en": "Final score"},
    "report.col_finalist": {"id": "Finalis", "en": "Finalist"},
    "report.col_shortlist": {"id": "Usulan daftar pendek", "en": "Proposed shortlist"},
    "report.col_notes": {"id": "Catatan", "en": "Notes"},
    "report.col_jurors": {"id": "Jumlah juri", "en": "Jurors"},
    "report.col_province": {"id": "Provinsi", "en": "Province"},
    "report.col_score": {"id": "Skor", "en": "Score"},
    "report.not_scored": {"id": "tidak dinilai: tidak ada indikator yang berlaku",
                          "en": "not scored: no indicator applies"},
    "report.rows_hidden": {"id": "{count} peserta lain dengan peringkat lebih rendah tidak ditampilkan.",
                           "en": "{count} further, lower-ranked participants are not shown."},
    "report.full_list_file": {"id": "Peringkat lengkap ada di berkas {file} di folder yang sama.",
                              "en": "The full ranking is in the file {file} in the same folder."},
    "report.contributions_title": {"id": "Rincian skor menurut indikator", "en": "Score breakdown by indicator"},
    "report.contributions_note": {
        "id": "Panjang tiap warna = bobot efektif indikator × nilai ternormalisasi × bobot tahap; jumlahnya adalah skor.",
        "en": "Each colour's length = the indicator's effective weight × normalised value × stage weight; they add up to the score.",
    },
    "report.part_interview": {"id": "Wawancara", "en": "Interview"},
    "report.jury_title": {"id": "Penilaian juri (wawancara)", "en": "Jury scores (interview)"},
    "report.jury_note": {
        "id": "Rerata juri per aspek; dengan 4 juri atau lebih, satu nilai tertinggi dan satu terendah dibuang.",
        "en": "Jurors' mean per aspect; with 4 or more jurors the single highest and lowest scores are dropped.",
    },
    "report.aspect_missing": {"id": "aspek tanpa nilai (dihitung 0): {aspects}",
                              "en": "aspects nobody scored (counted 0): {aspects}"},
    # --- robustness: rank intervals, sensitivity, what it takes, jury reliability -----------
    "report.robust_title": {"id": "Seberapa kokoh peringkat ini", "en": "How firm is this ranking"},
    "report.intervals_title": {"id": "Rentang peringkat (simulasi Monte Carlo)", "en": "Rank intervals (Monte Carlo simulation)"},
    "report.intervals_note": {
        "id": "{draws} simulasi (seed {seed}): tiap bobot indikator dikali faktor acak 0,75–1,25, porsi dokumen "
        "60–80%, normalisasi batas acuan atau min–maks (50/50). Batang = rentang 90% peringkat (persentil 5–95), "
        "titik = median, belah ketupat = peringkat resmi. Peserta yang rentangnya bertumpang tindih dengan "
        "tetangganya berstatus seri statistik (oranye): urutan mereka bergantung pada pilihan metodologi.",
        "en": "{draws} simulations (seed {seed}): each indicator weight multiplied by a random factor 0.75–1.25, "
        "desk share 60–80%, goalpost or min–max normalisation (50/50). Bar = 90% rank interval (5th–95th "
        "percentile), dot = median, diamond = official rank. Participants whose interval overlaps a neighbour's "
        "are statistical ties (orange): their order depends on methodological choices.",
    },
    "report.intervals_summary": {
        "id": "{ties} dari {ranked} peserta berperingkat berstatus seri statistik. Peringkat 1 tetap sama pada "
        "{first} simulasi.",
        "en": "{ties} of {ranked} ranked participants are statistical ties. First place stays the same in {first} "
        "of the simulations.",
    },
    "report.intervals_shown": {"id": "Ditampilkan {shown} peringkat teratas; rentang semua peserta: "
                               "paritrana score --uncertainty {draws} --seed {seed}.",
                               "en": "The first {shown} ranks are shown; every participant's interval: "
                               "paritrana score --uncertainty {draws} --seed {seed}."},
    "report.interval_legend": {"id": "Rentang 90%", "en": "90% interval"},
    "report.interval_median": {"id": "Median", "en": "Median"},
    "report.interval_official": {"id": "Peringkat resmi", "en": "Official rank"},
    "report.interval_axis": {"id": "Peringkat (1 = terbaik)", "en": "Rank (1 = best)"},
    "report.col_median_rank": {"id": "Peringkat median", "en": "Median rank"},
    "report.col_interval": {"id": "Rentang 90%", "en": "90% interval"},
    "report.col_stable": {"id": "Peringkat sama (% simulasi)", "en": "Same rank (% of simulations)"},
    "report.col_tie": {"id": "Seri statistik", "en": "Statistical tie"},
    "report.sensitivity_title": {"id": "Kepekaan terhadap indikator", "en": "Sensitivity to indicators"},
    "report.sensitivity_note": {
        "id": "Tanpa indikator: rata-rata dan terbesar perubahan peringkat bila indikator itu dihapus (bobot lain "
        "dibagi ulang). S1/ST: indeks Sobol orde pertama dan total (SALib, {samples} sampel dasar, seed {seed}) — "
        "bagian keragaman pergeseran peringkat yang disebabkan masukan itu sendiri / bersama interaksinya; "
        "± adalah selang kepercayaan 95%, nilai di sekitar 0 berarti tidak berpengaruh.",
        "en": "Without indicator: mean and largest rank change when that indicator is removed (the other weights "
        "rescaled). S1/ST: first-order and total Sobol indices (SALib, {samples} base samples, seed {seed}) — the "
        "share of the variation in rank shifts caused by that input alone / with its interactions; ± is the 95% "
        "confidence interval, values around 0 mean no influence.",
    },
    "report.col_input": {"id": "Masukan", "en": "Input"},
    "report.col_removal_mean": {"id": "Tanpa indikator: rerata perubahan", "en": "Without indicator: mean change"},
    "report.col_removal_max": {"id": "Tanpa indikator: perubahan terbesar", "en": "Without indicator: largest change"},
    "report.col_s1": {"id": "S1 (±)", "en": "S1 (±)"},
    "report.col_st": {"id": "ST (±)", "en": "ST (±)"},
    "report.input_desk_share": {"id": "Porsi dokumen vs wawancara", "en": "Desk vs interview share"},
    "report.input_normalisation": {"id": "Cara normalisasi", "en": "Normalisation method"},
    "report.sensitivity_small": {"id": "Kelompok ini terlalu kecil untuk indeks Sobol.",
                                 "en": "This group is too small for Sobol indices."},
    "report.actions_title": {"id": "Yang perlu ditingkatkan", "en": "What it would take"},
    "report.actions_note": {
        "id": "Untuk tiap finalis di bawah peringkat 1: tiga tindakan termurah, masing-masing satu perubahan data "
        "tahun {year} yang sendirian menaikkan skor di atas peserta satu peringkat di atasnya (dihitung ulang "
        "dengan metodologi yang sama; nilai wawancara tetap).",
        "en": "For each finalist below first place: the three cheapest actions, each a single change to the {year} "
        "data that alone lifts the score above the participant one place higher (re-scored with the same "
        "methodology; interview scores unchanged).",
    },
    "report.actions_none": {"id": "Tidak ada satu perubahan data pun yang dapat menaikkan skornya.",
                            "en": "No single data change can raise its score."},
    "report.actions_participant": {"id": "Peringkat {rank}: {name} (skor {score})",
                                   "en": "Rank {rank}: {name} (score {score})"},
    "report.reliability_title": {"id": "Keandalan juri", "en": "Jury reliability"},
    "report.reliability_summary": {
        "id": "W Kendall = {w}; ICC(2,k) = {icc} (selang kepercayaan 95%: {lo} – {hi}): kesepakatan {level}. "
        "{finalists} finalis, {jurors} juri; dihitung dari rerata tiap juri atas aspek wawancara.",
        "en": "Kendall's W = {w}; ICC(2,k) = {icc} (95% confidence interval: {lo} – {hi}): {level} agreement. "
        "{finalists} finalists, {jurors} jurors; computed on each juror's mean over the interview aspects.",
    },
    "report.reliability_note": {
        "id": "Deviasi: rata-rata selisih nilai juri dari rerata juri lain (+ = lebih murah hati). Korelasi: "
        "Spearman dengan rerata juri lain. Juri ditandai bila |deviasi| > {deviation} poin, korelasi < {correlation}, "
        "atau podium berubah tanpa juri itu.",
        "en": "Deviation: the juror's mean difference from the other jurors' mean (+ = more lenient). Correlation: "
        "Spearman with the other jurors' mean. A juror is flagged when |deviation| > {deviation} points, "
        "correlation < {correlation}, or the podium changes without that juror.",
    },
    "report.level_poor": {"id": "lemah", "en": "poor"},
    "report.level_moderate": {"id": "sedang", "en": "moderate"},
    "report.level_good": {"id": "baik", "en": "good"},
    "report.level_excellent": {"id": "sangat baik", "en": "excellent"},
    "report.reliability_na": {
        "id": "Kesepakatan juri tidak dapat diukur: terlalu sedikit finalis yang dinilai semua juri "
        "({finalists} finalis, {jurors} juri).",
        "en": "Jury agreement cannot be measured: too few finalists scored by every juror "
        "({finalists} finalists, {jurors} jurors).",
    },
    "report.col_juror": {"id": "Juri", "en": "Juror"},
    "report.col_deviation": {"id": "Deviasi (poin)", "en": "Deviation (points)"},
    "report.col_correlation": {"id": "Korelasi", "en": "Correlation"},
    "report.col_rank_change": {"id": "Perubahan peringkat terbesar tanpa juri ini",
                               "en": "Largest rank change without this juror"},
    "report.col_flag": {"id": "Ditandai", "en": "Flagged"},
    "report.flag_deviasi": {"id": "jauh dari juri lain", "en": "far from the other jurors"},
    "report.flag_korelasi": {"id": "urutan berbeda dari juri lain", "en": "orders differently from the others"},
    "report.flag_podium": {"id": "podium berubah tanpa juri ini", "en": "podium changes without this juror"},
    "report.podium_depends": {"id": "Perhatian: podium kategori ini berubah bila satu juri dikeluarkan ({jurors}).",
                              "en": "Caution: this category's podium changes when one juror is left out ({jurors})."},
    "report.footer_seed": {"id": "Simulasi: {draws} undian, seed {seed}.", "en": "Simulation: {draws} draws, seed {seed}."},
    "report.coverage_title": {"id": "Cakupan jamsostek {prev} → {year} per kabupaten/kota, dengan target",
                              "en": "Jamsostek coverage {prev} → {year} per regency/city, with target"},
    "report.coverage_axis": {"id": "Cakupan universal (%)", "en": "Universal coverage (%)"},
    "report.target": {"id": "Target", "en": "Target"},
    "report.province_comparison": {"id": "Cakupan universal per provinsi, {year}", "en": "Universal coverage by province, {year}"},
    "report.quality_title": {"id": "Catatan kualitas data", "en": "Data-quality notes"},
    "report.quality_none": {"id": "Tidak ada peringatan validasi untuk provinsi ini.",
                            "en": "No validation warnings for this province."},
    "report.not_applicable_count": {
        "id": "{count} nilai indikator tidak berlaku (penyebut nol atau data kosong); bobotnya dibagi ulang ke "
        "indikator lain peserta yang sama (lihat kolom Catatan).",
        "en": "{count} indicator values do not apply (zero denominator or missing data); their weight is shared "
        "among the participant's other indicators (see the Notes column).",
    },
    "report.methodology_title": {"id": "Lampiran: metodologi", "en": "Appendix: methodology"},
    "report.methodology_intro": {
        "id": "Tabel ini dibuat otomatis dari berkas metodologi; tanda * menandai indikator penentu seri.",
        "en": "These tables are generated from the methodology file; * marks the tie-break indicator.",
    },
    "report.normalisation": {
        "id": "Normalisasi: n = 100 × (batasi(x, bawah, atas) − bawah) / (atas − bawah). Skor dokumen = Σ(bobot × n) / "
        "Σ bobot atas indikator yang berlaku. Skor akhir finalis = bobot dokumen × skor dokumen + bobot wawancara × "
        "skor wawancara; skor dibandingkan setelah dibulatkan {decimals} desimal. Dengan {jurors} juri atau lebih, "
        "nilai tertinggi dan terendah tiap aspek dibuang.",
        "en": "Normalisation: n = 100 × (clip(x, lower, upper) − lower) / (upper − lower). Desk score = Σ(weight × n) / "
        "Σ weight over the applicable indicators. A finalist's final score = desk weight × desk score + interview "
        "weight × interview score; scores are compared rounded to {decimals} decimals. With {jurors} or more jurors "
        "the highest and lowest score of each aspect are dropped.",
    },
    "report.col_indicator": {"id": "Indikator", "en": "Indicator"},
    "report.col_formula": {"id": "Rumus", "en": "Formula"},
    "report.col_goalposts": {"id": "Batas [bawah; atas]", "en": "Goalposts [lower; upper]"},
    "report.col_weight": {"id": "Bobot", "en": "Weight"},
    "report.col_weight_share": {"id": "Porsi bobot", "en": "Weight share"},
    "report.col_direction": {"id": "Arah", "en": "Direction"},
    "report.direction_higher": {"id": "makin tinggi makin baik", "en": "higher is better"},
    "report.direction_lower": {"id": "makin rendah makin baik", "en": "lower is better"},
    "report.stage_weights": {
        "id": "Bobot tahap: dokumen {dokumen}%, wawancara {wawancara}%. Aspek wawancara: {aspects}. "
        "Usulan daftar pendek: {shortlist} peserta.",
        "en": "Stage weights: desk {dokumen}%, interview {wawancara}%. Interview aspects: {aspects}. "
        "Proposed shortlist: {shortlist} participants.",
    },
    "report.tie_break_note": {
        "id": "Skor sama diurutkan menurut nilai ternormalisasi indikator penentu seri; bila masih sama, peringkat dibagi.",
        "en": "Equal scores are ordered by the tie-break indicator's normalised value; if still equal, the rank is shared.",
    },
    "report.footer_version": {"id": "Dibuat dengan Paritrana Workbook versi {version}.",
                              "en": "Produced with Paritrana Workbook version {version}."},
    "report.footer_methodology": {"id": "Metodologi: {file} (sha256 {digest}).", "en": "Methodology: {file} (sha256 {digest})."},
    "report.footer_notebook": {"id": "Notebook: {file} (sha256 {digest}).", "en": "Notebook: {file} (sha256 {digest})."},
    "report.footer_notebook_unknown": {
        "id": "Notebook: dijalankan di luar `paritrana run`, sidik jarinya tidak dicatat.",
        "en": "Notebook: run outside `paritrana run`, its fingerprint is not recorded.",
    },
    "report.footer_libraries": {"id": "Dihitung dengan {libraries}.", "en": "Computed with {libraries}."},
    "cli.report_ok": {"id": "[berhasil] {key}: {path} ({seconds} dtk)", "en": "[done] {key}: {path} ({seconds} s)"},
    "cli.report_failed": {"id": "[GAGAL] {key}: {error}", "en": "[FAILED] {key}: {error}"},
    "cli.index_written": {"id": "Daftar laporan: {path}", "en": "Report index: {path}"},
    "cli.reports_failed": {
        "id": "{count} laporan gagal ({keys}); laporan sebelumnya yang baik dipertahankan. Lihat *.failed.ipynb.",
        "en": "{count} reports failed ({keys}); previous good reports were kept. See *.failed.ipynb.",
    },
    "cli.bad_lang": {"id": "Bahasa '{value}' tidak dikenal; pilih {allowed}.",
                     "en": "Language '{value}' is not known; choose {allowed}."},
    # --- explorer ------------------------------------------------------------------------
    "explorer.title": {"id": "Penjelajah bobot: ubah bobot, lihat peringkat bergeser",
                       "en": "Weight explorer: move the weights, watch the ranks move"},
    "explorer.season": {"id": "Musim", "en": "Season"},
    "explorer.province": {"id": "Provinsi", "en": "Province"},
    "explorer.category": {"id": "Kategori", "en": "Category"},
    "explorer.reset": {"id": "Kembali ke bobot resmi", "en": "Back to the official weights"},
    "explorer.official": {"id": "resmi", "en": "official"},
    "explorer.desk_share": {"id": "porsi dokumen", "en": "desk share"},
    "explorer.shift": {"id": "Geser", "en": "Shift"},
    "explorer.intervals": {"id": "Hitung rentang peringkat", "en": "Compute rank intervals"},
    "explorer.intervals_done": {"id": "Rentang 90% dari {draws} simulasi (seed {seed}) di sekitar bobot ini.",
                                "en": "90% intervals from {draws} simulations (seed {seed}) around these weights."},
    "explorer.intervals_stale": {"id": "Bobot berubah: tekan \"Hitung rentang peringkat\" lagi untuk rentang yang baru.",
                                 "en": "Weights changed: press \"Compute rank intervals\" again for new intervals."},
    "explorer.participant": {"id": "Peserta", "en": "Participant"},
    "explorer.profile_title": {"id": "Profil peserta terhadap kelompoknya", "en": "Participant profile against its group"},
    "explorer.value": {"id": "Nilai", "en": "Value"},
    "explorer.group_median": {"id": "Median kelompok", "en": "Group median"},
    "explorer.group_best": {"id": "Terbaik di kelompok", "en": "Best in group"},
    "explorer.rank_now": {"id": "Peringkat dengan bobot ini: {rank}", "en": "Rank under these weights: {rank}"},
    "explorer.actions_title": {"id": "Yang perlu ditingkatkan (tiga langkah termurah)",
                               "en": "What it would take (three cheapest actions)"},
    "explorer.save_title": {"id": "Simpan sebagai metodologi", "en": "Save as methodology"},
    "explorer.file_name": {"id": "Nama berkas", "en": "File name"},
    "explorer.overwrite_official": {"id": "timpa metodologi resmi", "en": "overwrite the official methodology"},
    "explorer.save": {"id": "Simpan", "en": "Save"},
    "explorer.saved": {"id": "Tersimpan: {path}. Pakai dengan paritrana score/run --methodology {path}.",
                       "en": "Saved: {path}. Use it with paritrana score/run --methodology {path}."},
    "explorer.protected": {
        "id": "Nama itu adalah metodologi resmi musim ini (huruf besar atau kecil sama saja); pilih nama lain. "
        "Untuk menimpanya, jalankan paritrana explore --allow-official lalu centang 'timpa metodologi resmi'.",
        "en": "That name is the season's official methodology (in any letter case); choose another name. "
        "To replace it, run paritrana explore --allow-official and tick 'overwrite the official methodology'.",
    },
    "explorer.bad_file_name": {
        "id": "Nama berkas tidak dapat dipakai: gunakan 1 sampai {limit} huruf, angka, '-' atau '_'.",
        "en": "That file name cannot be used: use 1 to {limit} letters, digits, '-' or '_'.",
    },
    "explorer.save_failed": {"id": "Gagal menyimpan ({reason}); metodologi yang ada tidak berubah.",
                             "en": "Could not save ({reason}); the existing methodologies are unchanged."},
    "explorer.weight_out_of_range": {
        "id": "Bobot {indicator} = {value} di luar rentang penjelajah {low}–{high}; geser kembali penggesernya.",
        "en": "Weight {indicator} = {value} is outside the explorer's range {low}–{high}; move its slider back.",
    },
    "explorer.desk_share_out_of_range": {
        "id": "Porsi dokumen {value} di luar rentang 0–1; geser kembali penggesernya.",
        "en": "Desk share {value} is outside the range 0–1; move its slider back.",
    },
    "explorer.weights_unknown": {
        "id": "Bobot untuk indikator {given} tidak cocok dengan indikator kategori ini ({expected}).",
        "en": "Weights for indicators {given} do not match this category's indicators ({expected}).",
    },
    "explorer.failed": {
        "id": "Terjadi kesalahan di penjelajah; rinciannya tercetak di terminal tempat paritrana explore berjalan.",
        "en": "Something went wrong in the explorer; the details are printed in the terminal running "
        "paritrana explore.",
    },
    "explorer.port_busy": {
        "id": "Port {port} di 127.0.0.1 sudah dipakai; pilih port lain dengan --port.",
        "en": "Port {port} on 127.0.0.1 is already in use; choose another with --port.",
    },
    "explorer.too_many_kernels": {
        "id": "Sudah ada {count} halaman penjelajah yang terbuka (batas --max-kernels). Tutup satu halaman, atau "
        "tunggu sampai halaman yang ditinggalkan dimatikan, lalu muat ulang.",
        "en": "{count} explorer pages are already open (the --max-kernels limit). Close one, or wait until "
        "abandoned pages are shut down, then reload.",
    },
    "cli.explore_serving": {
        "id": "Penjelajah berjalan. Buka alamat ini di peramban (token di dalamnya adalah kuncinya; jangan "
        "dibagikan):\n    {url}\nHentikan dengan Ctrl+C.",
        "en": "The explorer is running. Open this address in a browser (the token in it is the key; do not share "
        "it):\n    {url}\nStop it with Ctrl+C.",
    },
    "cli.at_least_one": {"id": "{option} harus 1 atau lebih, bukan {value}.",
                         "en": "{option} must be 1 or more, not {value}."},
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
    # --- methodology and scoring ---
    "loc.key": {"id": "kunci '{key}'", "en": "key '{key}'"},
    "loc.indicator": {"id": "indikator '{indicator}'", "en": "indicator '{indicator}'"},
    "methodology.invalid": {
        "id": "Metodologi {file} tidak dapat dipakai ({count} masalah):",
        "en": "Methodology {file} cannot be used ({count} problem{s}):",
    },
    "M_FILE_MISSING": {
        "id": "Berkas metodologi tidak ditemukan. Salin berkas bawaan params/<musim>/metodologi.yaml ke sini, "
        "atau beri --params-dir atau --methodology yang benar.",
        "en": "Methodology file not found. Copy the default params/<season>/metodologi.yaml here, "
        "or pass the right --params-dir or --methodology.",
    },
    "M_YAML": {
        "id": "Bukan YAML yang sah (baris {line}, kolom {column}: {detail}). Periksa indentasi (spasi, bukan tab), "
        "tanda titik dua dan tanda kurung.",
        "en": "Not valid YAML (line {line}, column {column}: {detail}). Check the indentation (spaces, not tabs), "
        "the colons and the brackets.",
    },
    # --- YAML files refused by paritrana_nb.yamldata (methodology and musim.yaml) ---
    "yaml.duplicate_key": {
        "id": "Kunci '{key}' ditulis dua kali di bagian yang sama (baris {first} dan baris {second}); "
        "YAML diam-diam hanya memakai yang terakhir. Hapus salah satunya.",
        "en": "Key '{key}' is written twice in the same mapping (lines {first} and {second}); "
        "YAML would silently keep only the last one. Remove one of them.",
    },
    "yaml.too_deep": {
        "id": "Bertingkat lebih dari {limit} tingkat (baris {line}). Berkas ini hanya butuh beberapa tingkat: "
        "periksa tanda kurung [ ] dan {{ }} yang tidak ditutup atau berlebih.",
        "en": "Nested more than {limit} levels deep (line {line}). This file needs only a few levels: "
        "look for unclosed or extra [ ] and {{ }} brackets.",
    },
    "yaml.number_too_long": {
        "id": "Bilangan di baris {line} punya {digits} digit; paling banyak {limit}. Perbaiki nilainya.",
        "en": "The number on line {line} has {digits} digits; at most {limit} are allowed. Correct the value.",
    },
    "M_NOT_MAPPING": {
        "id": "Di sini harus ada pasangan 'kunci: nilai', bukan '{value}'. Ikuti bentuk params/2025/metodologi.yaml.",
        "en": "A 'key: value' mapping is expected here, not '{value}'. Follow the layout of params/2025/metodologi.yaml.",
    },
    "M_UNKNOWN_KEY": {
        "id": "Kunci '{value}' tidak dikenal di sini.{hint} Kunci yang sah: {allowed}. Hapus kunci ini atau perbaiki ejaannya.",
        "en": "Key '{value}' is not known here.{hint} Allowed keys: {allowed}. Remove the key or correct its spelling.",
    },
    "M_MISSING_KEY": {
        "id": "Kunci wajib '{value}' tidak ada. Tambahkan kunci ini (contoh: params/2025/metodologi.yaml).",
        "en": "Required key '{value}' is missing. Add it (example: params/2025/metodologi.yaml).",
    },
    "M_NOT_POSITIVE": {
        "id": "Nilai '{value}' harus angka lebih besar dari 0. Tulis angka positif, misalnya 20; "
        "untuk tidak memakai sebuah indikator, hapus seluruh entrinya.",
        "en": "Value '{value}' must be a number greater than 0. Write a positive number, e.g. 20; "
        "to stop using an indicator, remove its whole entry.",
    },
    "M_NOT_POSITIVE_VALUE": {
        "id": "Nilai '{value}' harus lebih besar dari 0. Perbaiki nilainya.",
        "en": "Value '{value}' must be greater than 0. Correct the value.",
    },
    "M_EMPTY": {
        "id": "Teks ini tidak boleh kosong. Tulis isinya atau hapus kuncinya.",
        "en": "This text may not be empty. Write it or remove the key.",
    },
    "M_NOT_FINITE": {
        "id": "Nilai '{value}' harus angka biasa, bukan .inf atau .nan. Tulis angka, misalnya 20.",
        "en": "Value '{value}' must be an ordinary number, not .inf or .nan. Write a number, e.g. 20.",
    },
    "M_TYPE": {
        "id": "Nilai '{value}' harus {expected}. Perbaiki nilainya (tanpa tanda kutip untuk angka).",
        "en": "Value '{value}' must be {expected}. Correct the value (no quotes around numbers).",
    },
    "type.number": {"id": "angka, misalnya 20 atau 0.7", "en": "a number, e.g. 20 or 0.7"},
    "type.whole": {"id": "bilangan bulat, misalnya 5", "en": "a whole number, e.g. 5"},
    "type.text": {"id": "teks", "en": "text"},
    "type.list": {"id": "daftar, misalnya [inovasi, presentasi]", "en": "a list, e.g. [inovasi, presentasi]"},
    "M_NOT_ALLOWED": {
        "id": "Nilai '{value}' tidak dikenal. Pilihan yang sah: {allowed}.",
        "en": "Value '{value}' is not known. Allowed values: {allowed}.",
    },
    "M_TOO_SHORT": {
        "id": "Berisi {actual} butir, minimal {limit}. Tambahkan butir yang kurang (batas nilai ditulis [bawah, atas]).",
        "en": "Holds {actual} items, at least {limit} are needed. Add the missing items (goalposts are written [lo, hi]).",
    },
    "M_TOO_LONG": {
        "id": "Berisi {actual} butir, maksimal {limit}. Hapus butir yang berlebih (batas nilai ditulis [bawah, atas]).",
        "en": "Holds {actual} items, at most {limit} are allowed. Remove the extra items (goalposts are written [lo, hi]).",
    },
    "M_BELOW_MIN": {
        "id": "Nilai '{value}' tidak boleh kurang dari {limit}. Perbaiki nilainya.",
        "en": "Value '{value}' may not be less than {limit}. Correct the value.",
    },
    "M_ABOVE_MAX": {
        "id": "Nilai '{value}' tidak boleh lebih dari {limit}. Perbaiki nilainya.",
        "en": "Value '{value}' may not be more than {limit}. Correct the value.",
    },
    "M_WEIGHT_RANGE": {
        "id": "Bobot '{value}' di luar rentang yang diizinkan, {lo} sampai {hi}. Bobot bersifat relatif "
        "(hanya perbandingannya yang penting): tulis misalnya 30 dan 15, bukan 30000000 dan 15000000.",
        "en": "Weight '{value}' is outside the allowed range, {lo} to {hi}. Weights are relative "
        "(only their ratios matter): write e.g. 30 and 15, not 30000000 and 15000000.",
    },
    "M_GOALPOSTS": {
        "id": "Batas bawah {lo} harus lebih kecil dari batas atas {hi}. Tulis [bawah, atas], misalnya [0, 100].",
        "en": "The lower goalpost {lo} must be smaller than the upper goalpost {hi}. Write [lo, hi], e.g. [0, 100].",
    },
    "M_STAGE_WEIGHTS": {
        "id": "Bobot tahap dokumen ({dokumen}) + wawancara ({wawancara}) = {total}; jumlahnya harus tepat 1. "
        "Misalnya dokumen: 0.7 dan wawancara: 0.3.",
        "en": "Stage weights dokumen ({dokumen}) + wawancara ({wawancara}) = {total}; they must add up to exactly 1. "
        "For example dokumen: 0.7 and wawancara: 0.3.",
    },
    "M_UNKNOWN_INDICATOR": {
        "id": "Indikator '{value}' tidak ada untuk peserta tabel {tabel}. Indikator yang tersedia: {known}. "
        "Perbaiki id-nya; rumus indikator baru harus ditambahkan di kode (paritrana_nb/indicators.py).",
        "en": "Indicator '{value}' does not exist for participants of table {tabel}. Available indicators: {known}. "
        "Correct the id; a new indicator's formula must be added in code (paritrana_nb/indicators.py).",
    },
    "M_DUPLICATE": {
        "id": "'{value}' muncul lebih dari sekali dalam daftar ini. Hapus salah satunya.",
        "en": "'{value}' appears more than once in this list. Remove one of them.",
    },
    "M_TIE_BREAK": {
        "id": "Indikator penentu seri '{value}' tidak dipakai kategori ini. Pilih salah satu indikatornya: {known}.",
        "en": "Tie-break indicator '{value}' is not used by this category. Choose one of its indicators: {known}.",
    },
    "M_PROGRAMMES_MISSING": {
        "id": "Indikator 'program' membutuhkan programmes_expected. Tambahkan, misalnya programmes_expected: [jkk, jkm, jht].",
        "en": "The 'program' indicator needs programmes_expected. Add it, e.g. programmes_expected: [jkk, jkm, jht].",
    },
    "M_PROGRAMMES_NOT_BUSINESS": {
        "id": "programmes_expected hanya berlaku untuk kategori dengan peserta tabel badan_usaha. Hapus kunci ini dari "
        "kategori {kategori}.",
        "en": "programmes_expected applies only to categories whose peserta table is badan_usaha. Remove the key "
        "from category {kategori}.",
    },
    "M_PROGRAMMES_SKALA": {
        "id": "programmes_expected per skala tidak menyebut skala {missing}, padahal peserta kategori ini mencakupnya. "
        "Tambahkan, misalnya mikro: [jkk, jkm], atau tulis satu daftar untuk semua skala.",
        "en": "programmes_expected by skala does not name size {missing}, although this category's participants "
        "include it. Add it, e.g. mikro: [jkk, jkm], or write one list for every size.",
    },
    "type.programmes": {
        "id": "daftar, misalnya [jkk, jkm, jht], atau peta per skala, misalnya {{kecil: [jkk, jkm, jht], "
        "mikro: [jkk, jkm]}}",
        "en": "a list, e.g. [jkk, jkm, jht], or a map by skala, e.g. {{kecil: [jkk, jkm, jht], mikro: [jkk, jkm]}}",
    },
    "M_FILTER_TABLE": {
        "id": "Saringan '{value}' tidak berlaku untuk tabel {tabel}. Saringan yang sah untuk tabel ini: {allowed}. "
        "Hapus saringan ini atau ganti tabelnya.",
        "en": "Filter '{value}' does not apply to table {tabel}. Filters allowed for this table: {allowed}. Remove "
        "the filter or change the table.",
    },
    "M_NOT_APPLICABLE_TABLE": {
        "id": "tidak_berlaku_untuk (desa/kelurahan) hanya berlaku untuk peserta tabel desa, bukan {tabel}. Hapus "
        "kunci ini.",
        "en": "tidak_berlaku_untuk (desa/kelurahan) applies only to participants of table desa, not {tabel}. Remove "
        "the key.",
    },
    "M_BAD_ID": {
        "id": "Id '{value}' tidak sah: tulis huruf kecil, angka dan garis bawah, diawali huruf (misalnya bu_keuangan).",
        "en": "Id '{value}' is not valid: use lower-case letters, digits and underscores, starting with a letter "
        "(e.g. bu_keuangan).",
    },
    "M_AWARD_SOURCE": {
        "id": "Aturan penghargaan harus menyebut tepat satu dari indikator, kolom atau aspek (ditemukan: {found}).",
        "en": "An award rule must name exactly one of indikator, kolom or aspek (found: {found}).",
    },
    "M_AWARD_CONDITION": {
        "id": "Aturan penghargaan harus memuat tepat satu dari minimal, maksimal, terbesar atau terkecil "
        "(ditemukan: {found}).",
        "en": "An award rule must hold exactly one of minimal, maksimal, terbesar or terkecil (found: {found}).",
    },
    "M_AWARD_CATEGORY": {
        "id": "Kategori '{value}' tidak ada di metodologi ini. Kategori yang sah: {allowed}.",
        "en": "Category '{value}' is not in this methodology. Allowed categories: {allowed}.",
    },
    "M_AWARD_INDIKATOR": {
        "id": "Indikator '{value}' tidak ada untuk peserta kategori {kategori}. Indikator yang sah: {allowed}.",
        "en": "Indicator '{value}' does not exist for the participants of category {kategori}. Allowed: {allowed}.",
    },
    "M_AWARD_KOLOM": {
        "id": "Kolom '{value}' bukan kolom angka tabel peserta kategori {kategori}. Kolom yang sah: {allowed}.",
        "en": "Column '{value}' is not a numeric column of category {kategori}'s participant table. Allowed: "
        "{allowed}.",
    },
    "M_AWARD_ASPEK": {
        "id": "Aspek '{value}' tidak dinilai dalam kategori {kategori}. Aspek yang sah: {allowed}.",
        "en": "Aspect '{value}' is not assessed in category {kategori}. Allowed aspects: {allowed}.",
    },
    "M_SEASON_MISMATCH": {
        "id": "Metodologi ini untuk musim {value}, sedangkan data yang dinilai adalah musim {musim}. "
        "Gunakan metodologi musim {musim} atau ubah nilai musim di berkas ini.",
        "en": "This methodology is for season {value}, while the data being scored are season {musim}. "
        "Use a season {musim} methodology or change musim in this file.",
    },
    "M_INVALID": {
        "id": "Nilai tidak sah ({detail}). Bandingkan dengan params/2025/metodologi.yaml.",
        "en": "Invalid value ({detail}). Compare with params/2025/metodologi.yaml.",
    },
    # --- the season against its methodology (registry.check) and musim.yaml ------------------------------
    "E_JURY_UNKNOWN_CATEGORY": {
        "id": "Kategori '{value}' tidak ada di metodologi yang dipakai. Kategori yang sah: {allowed}. Perbaiki "
        "kategorinya, atau tambahkan kategori itu ke metodologi.",
        "en": "Category '{value}' is not in the methodology in use. Allowed categories: {allowed}. Correct the "
        "category, or add that category to the methodology.",
    },
    "E_ZONE_MISSING": {
        "id": "Provinsi {provinsi} tidak punya zona, padahal kategori {kategori} diperingkat per zona. Isi kolom zona "
        "pada baris provinsi ini (misalnya Kalimantan).",
        "en": "Province {provinsi} has no zone, while category {kategori} is ranked by zone. Fill in the zona "
        "column on this province's row (e.g. Kalimantan).",
    },
    "W_NO_CATEGORY": {
        "id": "Peserta '{value}' ({nama}) tidak cocok dengan kategori mana pun di metodologi, jadi tidak dinilai. "
        "Tambahkan kategori yang kunci pesertanya mencakupnya, atau periksa skala/sektor/kode pesertanya.",
        "en": "Participant '{value}' ({nama}) matches no category of the methodology, so it is not scored. Add a "
        "category whose peserta key covers it, or check its size/sector/code.",
    },
    "E_META_SEASON": {
        "id": "musim.yaml menyebut musim {value}, tetapi foldernya musim {musim}. Samakan keduanya.",
        "en": "musim.yaml names season {value}, but its folder is season {musim}. Make them the same.",
    },
    "E_META_YEAR": {
        "id": "tahun_kinerja '{value}' tidak sah: musim {musim} menilai kinerja tahun {prev} atau {musim}. Tulis "
        "tahun kinerja yang dinilai (bilangan bulat), atau hapus kuncinya untuk memakai {prev}.",
        "en": "tahun_kinerja '{value}' is not valid: season {musim} assesses performance year {prev} or {musim}. "
        "Write the year assessed (a whole number), or remove the key to use {prev}.",
    },
    "E_JURY_UNKNOWN_ASPECT": {
        "id": "Aspek '{value}' tidak dinilai dalam kategori {kategori} menurut metodologi yang dipakai. "
        "Aspek yang sah: {allowed}. Perbaiki nama aspek atau tambahkan aspeknya ke metodologi.",
        "en": "Aspect '{value}' is not assessed in category {kategori} by the methodology in use. "
        "Allowed aspects: {allowed}. Correct the aspect name or add the aspect to the methodology.",
    },
    "reason.penyebut_nol": {"id": "penyebutnya 0", "en": "its denominator is 0"},
    "reason.penyebut_nol_tahun_lalu": {
        "id": "penduduk bekerja tahun lalu 0", "en": "last year's working population is 0",
    },
    "reason.tanpa_data_tahun_lalu": {"id": "tidak ada data tahun lalu", "en": "no previous-year row"},
    "reason.tidak_berlaku_kelurahan": {
        "id": "tidak berlaku untuk kelurahan menurut metodologi", "en": "not applicable to urban wards (kelurahan) "
        "under the methodology"},
    "reason.tidak_berlaku_desa": {"id": "tidak berlaku untuk desa menurut metodologi",
                                  "en": "not applicable to villages (desa) under the methodology"},
    "reason.kosong": {"id": "datanya kosong", "en": "the input is blank"},
    "reason.tanpa_indikator_berlaku": {
        "id": "tidak ada indikator yang berlaku", "en": "no indicator applies",
    },
    "reason.aspek_tanpa_nilai": {
        "id": "aspek tanpa nilai juri (dihitung 0)", "en": "aspect without juror scores (counted as 0)",
    },
    "cli.province_not_in_season": {
        "id": "Provinsi {value} tidak ada di data musim {musim}. Provinsi yang ada: {allowed}.",
        "en": "Province {value} is not in the season {musim} data. Provinces present: {allowed}.",
    },
    "cli.category_not_in_methodology": {
        "id": "Kategori {value} tidak ada di metodologi {file}. Kategori yang ada: {allowed}.",
        "en": "Category {value} is not in methodology {file}. Categories present: {allowed}.",
    },
    "cli.scored": {
        "id": "Musim {musim}: {count} peserta ({unscored} tidak dapat dinilai) ditulis ke {out}.",
        "en": "Season {musim}: {count} participants ({unscored} could not be scored) written to {out}.",
    },
    # --- jury reliability ----------------------------------------------------------------
    "cli.jury_written": {
        "id": "Musim {musim}: keandalan juri untuk {groups} kelompok peringkat, {rows} baris juri "
        "({flagged} ditandai) ditulis ke {out}.",
        "en": "Season {musim}: jury reliability for {groups} ranking groups, {rows} juror rows "
        "({flagged} flagged) written to {out}.",
    },
    # --- what would it take ----------------------------------------------------------------
    "gaps.action.peserta_bpu": {"id": "tambah {delta} peserta BPU", "en": "enrol {delta} more BPU participant{s}"},
    "gaps.action.pekerja_rentan_apbd": {"id": "biayai iuran {delta} pekerja rentan lagi dari APBD",
                                        "en": "pay the premiums of {delta} more vulnerable worker{s} from the APBD"},
    "gaps.action.perda": {"id": "terbitkan Perda tentang perlindungan jaminan sosial ketenagakerjaan",
                          "en": "pass a Perda (regional regulation) on employment social security"},
    "gaps.action.perkada": {"id": "terbitkan {delta} Perkada lagi", "en": "issue {delta} more Perkada regulation{s}"},
    "gaps.action.surat_edaran": {"id": "terbitkan {delta} surat edaran lagi",
                                 "en": "issue {delta} more Surat Edaran circular{s}"},
    "gaps.action.peserta": {"id": "daftarkan {delta} pekerja desa lagi", "en": "enrol {delta} more village worker{s}"},
    "gaps.action.perangkat_terlindungi": {"id": "lindungi {delta} perangkat desa lagi",
                                          "en": "cover {delta} more village official{s}"},
    "gaps.action.bpd_terlindungi": {"id": "lindungi {delta} anggota BPD lagi",
                                    "en": "cover {delta} more BPD village council member{s}"},
    "gaps.action.pekerja_rentan_dana_desa": {"id": "biayai iuran {delta} pekerja rentan lagi dari dana desa",
                                             "en": "pay the premiums of {delta} more vulnerable worker{s} from "
                                             "village funds"},
    "gaps.action.pekerja_terdaftar": {"id": "daftarkan {delta} pekerja lagi", "en": "register {delta} more worker{s}"},
    "gaps.action.programme": {"id": "ikutkan pekerja dalam program {programme}",
                              "en": "enrol the workers in the {programme} programme"},
    "gaps.action.bulan_tunggakan": {"id": "lunasi tunggakan iuran {delta} bulan",
                                    "en": "pay off {delta} month{s} of premium arrears"},
    "gaps.action.upah_sesuai_pct": {"id": "naikkan porsi upah yang dilaporkan sesuai {delta} poin persen",
                                    "en": "raise the share of true wages reported by {delta} percentage points"},
    "gaps.action.nik_valid_pct": {"id": "naikkan porsi NIK valid {delta} poin persen",
                                  "en": "raise the share of valid NIK (ID numbers) by {delta} percentage points"},
    "gaps.action.vendor_patuh_pct": {"id": "naikkan porsi vendor yang patuh {delta} poin persen",
                                     "en": "raise the share of compliant vendors by {delta} percentage points"},
    "gaps.action.pekerja_rentan_csr": {"id": "biayai iuran {delta} pekerja rentan lagi lewat CSR",
                                       "en": "pay the premiums of {delta} more vulnerable worker{s} through CSR"},
    "gaps.from_to": {"id": " (dari {now} menjadi {needed})", "en": " (from {now} to {needed})"},
    "gaps.from_to_premium": {"id": " (dari {now} menjadi {needed}; iuran JKK + JKM {premium} per tahun)",
                             "en": " (from {now} to {needed}; JKK + JKM premiums of {premium} a year)"},
    "gaps.from_to_top": {"id": " (dari {now} menjadi {needed}, nilai tertinggi yang masih dihitung)",
                         "en": " (from {now} to {needed}, the most that still counts)"},
    "gaps.enough": {"id": "{action}{change} untuk melampaui {target}.", "en": "{action}{change} to overtake {target}."},
    "gaps.not_enough": {"id": "Belum cukup sendirian: {action}{change} pun belum membuat skor melampaui {target}.",
                        "en": "Not enough on its own: even if you {action}{change}, {target} stays ahead."},
    "gaps.finalist_ahead": {
        "id": "Belum cukup: {target} adalah finalis, dan peserta yang tidak diwawancarai tidak dapat melampaui "
        "finalis hanya dengan data dokumen.",
        "en": "Not enough: {target} is a finalist, and a participant that was not interviewed cannot overtake a "
        "finalist on desk data alone.",
    },
    "cli.gaps_written": {
        "id": "Musim {musim}: {count} langkah untuk {participants} peserta ({enough} cukup sendirian) ditulis ke {out}.",
        "en": "Season {musim}: {count} actions for {participants} participants ({enough} enough on their own) "
        "written to {out}.",
    },
    # --- uncertainty ---------------------------------------------------------------------------
    "cli.uncertainty": {
        "id": "Ketidakpastian peringkat: {draws} undian acak dengan seed {seed} (kolom peringkat_median, "
        "peringkat_p05, peringkat_p95, peringkat_stabil_pct).",
        "en": "Rank uncertainty: {draws} random draws with seed {seed} (columns peringkat_median, peringkat_p05, "
        "peringkat_p95, peringkat_stabil_pct).",
    },
    "cli.out_is_input": {
        "id": "--out {out} menunjuk ke {input}, tempat berkas masukan atau metodologi musim ini; berkas masukan "
        "tidak pernah ditimpa. Pilih berkas atau folder di luarnya, misalnya di bawah hasil/.",
        "en": "--out {out} points into {input}, where this season's input or methodology files are; input files "
        "are never overwritten. Choose a file or folder outside it, e.g. under hasil/.",
    },
    "cli.out_is_folder": {
        "id": "--out {out} adalah folder; beri nama berkas, misalnya {example}.",
        "en": "--out {out} is a folder; give a file name, e.g. {example}.",
    },
    "cli.out_not_folder": {
        "id": "--out {out} adalah berkas, bukan folder. Beri folder (baru atau yang sudah ada).",
        "en": "--out {out} is a file, not a folder. Give a folder (new or existing).",
    },
    "cli.out_blocked": {
        "id": "--out {out} tidak dapat dibuat: {blocker} adalah berkas, bukan folder. Pilih jalur lain.",
        "en": "--out {out} cannot be created: {blocker} is a file, not a folder. Choose another path.",
    },
    "cli.out_unwritable": {
        "id": "Tidak dapat menulis {out}: {reason}. Periksa bahwa foldernya ada atau dapat dibuat "
        "(tidak ada berkas di jalurnya) dan bahwa Anda boleh menulis di sana.",
        "en": "Cannot write {out}: {reason}. Check that its folder exists or can be created "
        "(no file in the way) and that you may write there.",
    },
    "cli.generate_not_empty": {
        "id": "Folder {out} sudah berisi {count} entri ({files}); generate menulis satu musim utuh dan akan "
        "menimpanya. Pilih folder baru atau kosong, atau tambahkan --force untuk menimpa.",
        "en": "Folder {out} already holds {count} entries ({files}); generate writes a whole season and would "
        "replace them. Choose a new or empty folder, or add --force to overwrite.",
    },
    "cli.draws_too_few": {"id": "--draws harus 1 atau lebih, bukan {value}.",
                          "en": "--draws must be 1 or more, not {value}."},
    "cli.awards_written": {
        "id": "Musim {musim}: {rows} penerima dari {awards} penghargaan khusus ditulis ke {out}.",
        "en": "Season {musim}: {rows} winners of {awards} special awards written to {out}.",
    },
    "cli.uncertainty_negative": {"id": "--uncertainty harus 0 (mati) atau lebih, bukan {value}.",
                                 "en": "--uncertainty must be 0 (off) or more, not {value}."},
}


@dataclass(frozen=True)
class Ref:
    """A catalogue entry used inside another message, rendered in that message's language."""

    key: str
    fields: tuple[tuple[str, object], ...] = ()

    def __init__(self, key: str, **fields: object) -> None:
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "fields", tuple(fields.items()))


@dataclass(frozen=True)
class Num:
    """A number inside a message, written in that message's language (1.234,5 or 1,234.5)."""

    value: float
    decimals: int = 0
    signed: bool = False

    def render(self, lang: str) -> str:
        from .formatting import number

        sign = "+" if self.signed and self.value > 0 else ""
        return sign + number(self.value, lang, self.decimals)


def t(msg_key: str, lang: str = "id", **fields: object) -> str:
    """Render catalogue entry `msg_key` in `lang` (`id` or `en`) with `fields` filled in."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    filled = {k: t(v.key, lang, **dict(v.fields)) if isinstance(v, Ref) else v.render(lang) if isinstance(v, Num)
              else v for k, v in fields.items()}
    return CATALOGUE[msg_key][lang].format(**filled)

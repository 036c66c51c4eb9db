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
    "report.col_attended": {"id": "Hadir sendiri", "en": "Attended in person"},
    "report.attended_yes": {"id": "ya", "en": "yes"},
    "report.attended_no": {"id": "tidak", "en": "no"},
    "report.aspect_missing": {"id": "aspek tanpa nilai (dihitung 0): {aspects}",
                              "en": "aspects nobody scored (counted 0): {aspects}"},
    # --- intake: templates, merging the returned files, the tracker --------------------------
    "intake.col.pemda.kode_wilayah": {
        "id": "Kode Kemendagri provinsi atau kabupaten/kota (sudah terisi dan terkunci).",
        "en": "Kemendagri code of the province or regency/city (prefilled and locked).",
    },
    "intake.col.pemda.nama": {
        "id": "Nama wilayah, hanya sebagai panduan; tidak ikut digabung.",
        "en": "Name of the region, as a guide only; it is not merged.",
    },
    "intake.col.pemda.tahun": {
        "id": "Tahun data: {year} (tahun kinerja) atau {prev} (tahun pembanding).",
        "en": "Year of the figures: {year} (performance year) or {prev} (comparison year).",
    },
    "intake.col.pemda.penduduk_bekerja": {
        "id": "Jumlah penduduk bekerja (BPS, Sakernas Agustus).",
        "en": "Working population (BPS, August labour force survey).",
    },
    "intake.col.pemda.peserta_pu": {
        "id": "Peserta aktif BPJS Ketenagakerjaan penerima upah (PU) per 31 Desember.",
        "en": "Active BPJS Ketenagakerjaan wage-earner (PU) participants on 31 December.",
    },
    "intake.col.pemda.peserta_bpu": {
        "id": "Peserta aktif bukan penerima upah (BPU, pekerja mandiri) per 31 Desember.",
        "en": "Active non-wage-earner (BPU, self-employed) participants on 31 December.",
    },
    "intake.col.pemda.peserta_jakon": {
        "id": "Peserta jasa konstruksi (Jakon) per 31 Desember.",
        "en": "Construction-project (Jakon) participants on 31 December.",
    },
    "intake.col.pemda.peserta_pmi": {
        "id": "Peserta pekerja migran Indonesia (PMI) per 31 Desember.",
        "en": "Indonesian migrant worker (PMI) participants on 31 December.",
    },
    "intake.col.pemda.target_ucj_pct": {
        "id": "Target cakupan semesta jaminan sosial ketenagakerjaan (UCJ) dalam dokumen perencanaan daerah.",
        "en": "The region's planned universal coverage target (UCJ) for employment social security.",
    },
    "intake.col.pemda.pekerja_rentan_apbd": {
        "id": "Jumlah pekerja rentan yang iurannya dibayar dari APBD.",
        "en": "Vulnerable workers whose premiums the regional budget (APBD) pays.",
    },
    "intake.col.pemda.anggaran_iuran_apbd_rp": {
        "id": "Anggaran APBD untuk iuran pekerja rentan, dalam rupiah.",
        "en": "Regional budget (APBD) for vulnerable workers' premiums, in rupiah.",
    },
    "intake.col.pemda.perda": {
        "id": "Ada Perda tentang perlindungan jaminan sosial ketenagakerjaan: 1 = ada, 0 = tidak.",
        "en": "A regional regulation (Perda) on employment social security exists: 1 = yes, 0 = no.",
    },
    "intake.col.pemda.perkada": {
        "id": "Jumlah Peraturan Kepala Daerah (Perkada) tentang jaminan sosial ketenagakerjaan.",
        "en": "Number of head-of-region regulations (Perkada) on employment social security.",
    },
    "intake.col.pemda.surat_edaran": {
        "id": "Jumlah surat edaran kepala daerah tentang jaminan sosial ketenagakerjaan.",
        "en": "Number of head-of-region circulars (surat edaran) on employment social security.",
    },
    "intake.col.desa.kode_desa": {
        "id": "Kode desa/kelurahan Kemendagri, diawali kode kabupaten/kotanya.",
        "en": "Kemendagri village code, starting with its regency/city code.",
    },
    "intake.col.desa.nama": {"id": "Nama desa/kelurahan.", "en": "Name of the village."},
    "intake.col.desa.kode_wilayah": {
        "id": "Kode kabupaten/kota tempat desa berada (sudah terisi).",
        "en": "Code of the regency/city the village lies in (prefilled).",
    },
    "intake.col.desa.tahun": {
        "id": "Tahun data: {year} (tahun kinerja) atau {prev} (tahun pembanding).",
        "en": "Year of the figures: {year} (performance year) or {prev} (comparison year).",
    },
    "intake.col.desa.penduduk_bekerja": {"id": "Jumlah penduduk bekerja di desa.",
                                         "en": "Working population of the village."},
    "intake.col.desa.peserta": {
        "id": "Warga desa yang menjadi peserta aktif BPJS Ketenagakerjaan.",
        "en": "Villagers who are active BPJS Ketenagakerjaan participants.",
    },
    "intake.col.desa.perangkat_desa": {"id": "Jumlah perangkat desa.", "en": "Number of village officials."},
    "intake.col.desa.perangkat_terlindungi": {
        "id": "Perangkat desa yang terdaftar sebagai peserta.",
        "en": "Village officials enrolled as participants.",
    },
    "intake.col.desa.anggota_bpd": {
        "id": "Jumlah anggota Badan Permusyawaratan Desa (BPD).",
        "en": "Number of village council (BPD) members.",
    },
    "intake.col.desa.bpd_terlindungi": {
        "id": "Anggota BPD yang terdaftar sebagai peserta.",
        "en": "Village council (BPD) members enrolled as participants.",
    },
    "intake.col.desa.pekerja_rentan_dana_desa": {
        "id": "Pekerja rentan yang iurannya dibayar dari dana desa.",
        "en": "Vulnerable workers whose premiums the village fund pays.",
    },
    "intake.col.desa.anggaran_iuran_dana_desa_rp": {
        "id": "Dana desa untuk iuran pekerja rentan, dalam rupiah.",
        "en": "Village fund spent on vulnerable workers' premiums, in rupiah.",
    },
    "intake.col.badan_usaha.npp": {
        "id": "Nomor pendaftaran perusahaan (NPP) di BPJS Ketenagakerjaan, sebagai teks (nol di depan tetap).",
        "en": "The employer's BPJS Ketenagakerjaan registration number (NPP), as text (leading zeros kept).",
    },
    "intake.col.badan_usaha.nama": {"id": "Nama badan usaha.", "en": "Name of the business."},
    "intake.col.badan_usaha.kode_wilayah": {
        "id": "Kode kabupaten/kota tempat badan usaha berada.",
        "en": "Code of the regency/city the business is located in.",
    },
    "intake.col.badan_usaha.skala": {"id": "Skala usaha.", "en": "Size of the business."},
    "intake.col.badan_usaha.sektor": {"id": "Sektor usaha, teks bebas.", "en": "Sector, free text."},
    "intake.col.badan_usaha.tahun": {
        "id": "Tahun data: {year} (tahun kinerja) atau {prev} (tahun pembanding).",
        "en": "Year of the figures: {year} (performance year) or {prev} (comparison year).",
    },
    "intake.col.badan_usaha.jumlah_pekerja": {"id": "Jumlah seluruh pekerja.", "en": "Number of workers."},
    "intake.col.badan_usaha.pekerja_terdaftar": {
        "id": "Pekerja yang terdaftar di BPJS Ketenagakerjaan.",
        "en": "Workers enrolled with BPJS Ketenagakerjaan.",
    },
    "intake.col.badan_usaha.jkk": {"id": "Ikut program Jaminan Kecelakaan Kerja (JKK).",
                                   "en": "Enrolled in the work accident programme (JKK)."},
    "intake.col.badan_usaha.jkm": {"id": "Ikut program Jaminan Kematian (JKM).",
                                   "en": "Enrolled in the death benefit programme (JKM)."},
    "intake.col.badan_usaha.jht": {"id": "Ikut program Jaminan Hari Tua (JHT).",
                                   "en": "Enrolled in the old-age savings programme (JHT)."},
    "intake.col.badan_usaha.jp": {"id": "Ikut program Jaminan Pensiun (JP).",
                                  "en": "Enrolled in the pension programme (JP)."},
    "intake.col.badan_usaha.jkp": {"id": "Ikut program Jaminan Kehilangan Pekerjaan (JKP).",
                                   "en": "Enrolled in the job loss programme (JKP)."},
    "intake.col.badan_usaha.bulan_tunggakan": {
        "id": "Jumlah bulan tunggakan iuran pada akhir tahun.",
        "en": "Months of premium arrears at the end of the year.",
    },
    "intake.col.badan_usaha.upah_sesuai_pct": {
        "id": "Persentase pekerja yang upahnya dilaporkan sesuai upah sebenarnya.",
        "en": "Share of workers whose true wage is reported.",
    },
    "intake.col.badan_usaha.nik_valid_pct": {
        "id": "Persentase pekerja dengan NIK (nomor induk kependudukan) yang valid.",
        "en": "Share of workers with a valid NIK (national ID number).",
    },
    "intake.col.badan_usaha.vendor_patuh_pct": {
        "id": "Persentase vendor/kontraktor yang mendaftarkan pekerjanya.",
        "en": "Share of vendors/contractors that enrol their workers.",
    },
    "intake.col.badan_usaha.pekerja_rentan_csr": {
        "id": "Pekerja rentan yang iurannya dibayar lewat CSR.",
        "en": "Vulnerable workers whose premiums the business pays through CSR.",
    },
    "intake.col.wawancara.kategori": {"id": "Kategori penghargaan (sudah terisi).",
                                      "en": "Award category (prefilled)."},
    "intake.col.wawancara.id_peserta": {
        "id": "Kode wilayah, kode desa atau NPP finalis (sudah terisi).",
        "en": "Region code, village code or NPP of the finalist (prefilled).",
    },
    "intake.col.wawancara.nama": {
        "id": "Nama finalis, hanya sebagai panduan; tidak ikut digabung.",
        "en": "Name of the finalist, as a guide only; it is not merged.",
    },
    "intake.col.wawancara.juri": {"id": "Kode juri (sudah terisi).", "en": "Juror's id (prefilled)."},
    "intake.col.wawancara.aspek": {"id": "Aspek yang dinilai (sudah terisi).", "en": "Aspect scored (prefilled)."},
    "intake.col.wawancara.nilai": {"id": "Nilai juri untuk aspek ini.", "en": "The juror's score of this aspect."},
    "intake.col.wawancara.hadir": {
        "id": "Kepala daerah/pimpinan hadir sendiri saat wawancara: 1 = ya, 0 = tidak.",
        "en": "The regional head (or leader) attended the interview in person: 1 = yes, 0 = no.",
    },
    "intake.kind.region": {"id": "Kode Kemendagri sebagai teks: NN (provinsi) atau NN.NN.",
                           "en": "Kemendagri code as text: NN (province) or NN.NN."},
    "intake.kind.regency": {"id": "Kode kabupaten/kota sebagai teks: NN.NN (pilih dari daftar).",
                            "en": "Regency/city code as text: NN.NN (pick from the list)."},
    "intake.kind.village": {"id": "Kode desa sebagai teks: NN.NN.NN.NNNN.",
                            "en": "Village code as text: NN.NN.NN.NNNN."},
    "intake.kind.npp": {"id": "Teks tanpa spasi.", "en": "Text without spaces."},
    "intake.kind.text": {"id": "Teks.", "en": "Text."},
    "intake.kind.year": {"id": "{year} atau {prev}.", "en": "{year} or {prev}."},
    "intake.kind.count": {"id": "Bilangan bulat, 0 atau lebih.", "en": "A whole number, 0 or more."},
    "intake.kind.money": {"id": "Rupiah, 0 atau lebih, tanpa 'Rp'.", "en": "Rupiah, 0 or more, without 'Rp'."},
    "intake.kind.percent": {"id": "Persen 0–100 (tulis 68,02 bukan 0,6802; tanpa tanda %).",
                            "en": "Percent 0–100 (write 68.02, not 0.6802; no % sign)."},
    "intake.kind.score": {"id": "Nilai 0–100.", "en": "A score from 0 to 100."},
    "intake.kind.binary": {"id": "0 (tidak) atau 1 (ya).", "en": "0 (no) or 1 (yes)."},
    "intake.kind.enum": {"id": "Salah satu dari: {allowed}.", "en": "One of: {allowed}."},
    "intake.blank.error": {"id": "Wajib diisi.", "en": "Required."},
    "intake.blank.zero": {"id": "Boleh kosong: kosong dihitung 0.", "en": "May be blank: blank counts as 0."},
    "intake.blank.na": {"id": "Boleh kosong: kosong berarti tidak berlaku.",
                        "en": "May be blank: blank means not applicable."},
    "intake.blank.other_years": {"id": "Wajib untuk tahun {year}; boleh kosong untuk tahun {prev}.",
                                 "en": "Required for year {year}; may be blank for year {prev}."},
    "intake.help.example": {"id": "Contoh: {example}", "en": "Example: {example}"},
    "intake.rule.part": {"id": "Bilangan bulat 0 atau lebih, tidak lebih dari {whole}.",
                         "en": "A whole number, 0 or more, not more than {whole}."},
    "intake.guide.title": {"id": "Petunjuk pengisian: {table}, Paritrana Award {musim}",
                           "en": "How to fill in: {table}, Paritrana Award {musim}"},
    "intake.guide.rows": {
        "id": "Isi data di lembar '{sheet}', mulai baris 2: satu baris per peserta per tahun ({year} dan {prev}).",
        "en": "Fill in the '{sheet}' sheet from row 2: one row per participant per year ({year} and {prev}).",
    },
    "intake.guide.header": {
        "id": "Jangan mengubah, memindah atau menerjemahkan judul kolom di baris 1: namanya dibaca mesin. "
        "Arahkan kursor ke judul kolom untuk melihat petunjuknya.",
        "en": "Do not change, move or translate the column names in row 1: a machine reads them. "
        "Point at a column name to see its help.",
    },
    "intake.guide.blank": {
        "id": "Baris yang dibiarkan kosong dianggap belum dikirim, bukan nol. Simpan sebagai .xlsx lalu kirim "
        "kembali ke sekretariat.",
        "en": "A row left empty counts as not submitted, not as zeros. Save as .xlsx and send it back to the "
        "secretariat.",
    },
    "intake.guide.fill.pemda": {
        "id": "Setiap kabupaten/kota dan provinsi sudah punya baris untuk {year} dan {prev}; isi angkanya saja.",
        "en": "Every regency/city and the province already has a row for {year} and {prev}; fill in the figures only.",
    },
    "intake.guide.fill.desa": {
        "id": "Satu baris per desa per tahun; kode kabupaten/kota sudah terisi. Tambah baris di bawah bila kurang.",
        "en": "One row per village per year; the regency/city code is prefilled. Add rows below if needed.",
    },
    "intake.guide.fill.badan_usaha": {
        "id": "Satu baris per badan usaha per tahun; salin NPP dari data BPJS Ketenagakerjaan.",
        "en": "One row per business per year; copy the NPP from the BPJS Ketenagakerjaan records.",
    },
    "intake.guide.fill.wawancara": {
        "id": "Satu baris per finalis per aspek; isi nilai 0–100 dan kolom hadir (1 bila kepala daerah hadir "
        "sendiri).",
        "en": "One row per finalist per aspect; fill in the score 0–100 and hadir (1 when the regional head "
        "attended in person).",
    },
    "intake.guide.col_name": {"id": "Kolom", "en": "Column"},
    "intake.guide.col_meaning": {"id": "Arti", "en": "Meaning"},
    "intake.guide.col_values": {"id": "Nilai yang sah", "en": "Allowed values"},
    "intake.guide.col_blank": {"id": "Boleh kosong?", "en": "May it be blank?"},
    "intake.guide.col_example": {"id": "Contoh", "en": "Example"},
    "loc.sheet": {"id": "lembar '{sheet}'", "en": "sheet '{sheet}'"},
    "loc.merged": {"id": "({file} baris {row})", "en": "({file} row {row})"},
    "intake.where": {"id": "{file} baris {row}", "en": "{file} row {row}"},
    "intake.where_sheet": {"id": "{file} lembar '{sheet}' baris {row}", "en": "{file} sheet '{sheet}' row {row}"},
    "E_INTAKE_NO_INBOX": {
        "id": "Folder kiriman tidak ditemukan: {path}. Beri --from dengan folder tempat berkas dari para pengirim "
        "disimpan.",
        "en": "Inbox folder not found: {path}. Pass --from with the folder holding the submitters' files.",
    },
    "E_INTAKE_OUT_IN_INBOX": {
        "id": "Folder hasil {out} berada di dalam folder kiriman {inbox}; berkas kiriman tidak boleh diubah. "
        "Pilih --out di luar folder kiriman.",
        "en": "Output folder {out} lies inside the inbox {inbox}; the submitted files must not be changed. "
        "Choose an --out outside the inbox.",
    },
    "E_INTAKE_OUT_XLSX": {
        "id": "Folder hasil sudah berisi {name}; penggabungan menulis {table}.csv. Pindahkan {name} lalu jalankan lagi.",
        "en": "The output folder already holds {name}; intake writes {table}.csv. Move {name} away and run again.",
    },
    "E_INTAKE_NO_WILAYAH": {
        "id": "Tidak ada tabel wilayah: tidak ada di folder kiriman, di {out}, maupun di {folder}. Letakkan "
        "wilayah.csv (daftar provinsi dan kabupaten/kota) di salah satunya.",
        "en": "No wilayah table: not in the inbox, in {out} nor in {folder}. Put wilayah.csv (the list of provinces "
        "and regencies/cities) in one of them.",
    },
    "E_INTAKE_FORMAT": {
        "id": "Format berkas {suffix} tidak dapat dibaca. Buka di Excel atau LibreOffice dan simpan sebagai .xlsx.",
        "en": "Files of type {suffix} cannot be read. Open it in Excel or LibreOffice and save it as .xlsx.",
    },
    "W_INTAKE_IGNORED_FILE": {
        "id": "Berkas ini bukan tabel (.xlsx atau .csv) dan diabaikan.",
        "en": "This file is not a table (.xlsx or .csv) and is ignored.",
    },
    "E_INTAKE_UNKNOWN_TABLE": {
        "id": "Judul kolom di baris 1 tidak cocok dengan tabel mana pun ({tables}); ditemukan: {columns}. "
        "Gunakan templat dari sekretariat dan jangan ubah baris 1.",
        "en": "The column names in row 1 match no table ({tables}); found: {columns}. Use the secretariat's "
        "template and do not change row 1.",
    },
    "E_INTAKE_INCOMPLETE": {
        "id": "Berkas ini tampaknya tabel {table}, tetapi kolom berikut tidak ada: {missing}. Berkas tidak "
        "digabung. Tambahkan kolomnya dengan nama persis seperti di templat.",
        "en": "This file looks like table {table} but lacks the columns {missing}. It is not merged. Add the "
        "columns, named exactly as in the template.",
    },
    "E_INTAKE_OTHER_SEASON": {
        "id": "Templat ini untuk musim {value}, sedangkan yang digabung musim {musim}. Berkas tidak digabung; "
        "isi templat musim {musim}.",
        "en": "This template is for season {value}, while season {musim} is being merged. The file is not "
        "merged; fill in the season {musim} template.",
    },
    "E_INTAKE_OTHER_PROVINCE": {
        "id": "Templat ini untuk provinsi {value}, yang tidak ada di tabel wilayah musim ini ({known}). Berkas "
        "tidak digabung; periksa apakah berkas ini salah kirim.",
        "en": "This template is for province {value}, which is not in this season's wilayah table ({known}). "
        "The file is not merged; check whether it was sent here by mistake.",
    },
    "E_INTAKE_OUTSIDE": {
        "id": "Nilai '{value}' di luar cakupan templat ini ({scope}); baris tidak digabung. Data wilayah atau "
        "juri lain dikirim dengan templatnya sendiri.",
        "en": "Value '{value}' is outside this template's scope ({scope}); the row is not merged. Another "
        "region's or juror's data go in their own template.",
    },
    "E_INTAKE_FILE_OTHER_YEARS": {
        "id": "Tidak ada baris tahun {year} atau {prev}; berkas ini tampaknya untuk musim lain dan tidak digabung. "
        "Periksa kolom tahun.",
        "en": "No row is for year {year} or {prev}; the file looks like another season's and is not merged. "
        "Check the tahun column.",
    },
    "E_INTAKE_NO_ROWS": {
        "id": "Belum ada baris {table} yang diterima: tidak ada berkasnya di folder kiriman, atau semuanya kosong "
        "atau ditolak. Musim ini baru dapat dinilai setelah datanya masuk.",
        "en": "No {table} rows have arrived: no such file in the inbox, or all of them empty or refused. The "
        "season can be scored once they are in.",
    },
    "W_INTAKE_NOTHING_FILLED": {
        "id": "Templat dikirim kembali tanpa isian; dianggap belum mengirim data.",
        "en": "The template came back with nothing filled in; it counts as not submitted.",
    },
    "E_INTAKE_CONFLICT": {
        "id": "{key} juga ada di {other} dengan nilai berbeda (kolom {columns}). Pastikan mana yang benar dan "
        "hapus yang lain; baris ini tidak digabung.",
        "en": "{key} is also in {other} with different values (columns {columns}). Decide which is right and "
        "remove the other; this row is not merged.",
    },
    "W_INTAKE_DUPLICATE": {
        "id": "{key} sudah ada dengan isi yang sama di {other}; hanya satu yang digabung.",
        "en": "{key} is already present with the same values in {other}; it is merged once.",
    },
    "intake.summary": {
        "id": "Penggabungan musim {musim}: {files} berkas dibaca, {refused} ditolak; {rows} baris digabung; "
        "{errors} galat, {warnings} peringatan.",
        "en": "Intake of season {musim}: {files} files read, {refused} refused; {rows} rows merged; {errors} "
        "errors, {warnings} warnings.",
    },
    "intake.written": {"id": "Tabel gabungan ditulis ke {out}.", "en": "Merged tables written to {out}."},
    "intake.blocked": {
        "id": "Tidak ada yang ditulis: perbaiki masalah di atas lalu jalankan lagi.",
        "en": "Nothing was written: fix the problem above and run again.",
    },
    "cli.templates_written": {"id": "{count} templat musim {musim} ditulis ke {out}.",
                              "en": "{count} season {musim} templates written to {out}."},
    "cli.jury_sheets_written": {
        "id": "{count} lembar nilai juri ({finalists} finalis) ditulis ke {out}.",
        "en": "{count} juror score sheets ({finalists} finalists) written to {out}.",
    },
    "cli.jurors_required": {
        "id": "--jury membutuhkan --jurors, misalnya --jurors J1,J2,J3 (kode juri tanpa spasi).",
        "en": "--jury needs --jurors, e.g. --jurors J1,J2,J3 (juror ids without spaces).",
    },
    "cli.bad_juror": {
        "id": "Kode juri '{value}' tidak dapat dipakai sebagai nama berkas. Gunakan huruf, angka, '-' atau '_'.",
        "en": "Juror id '{value}' cannot be used in a file name. Use letters, digits, '-' or '_'.",
    },
    "cli.finalists_missing": {
        "id": "Berkas finalis {path} tidak ditemukan. Beri --finalists dengan berkas berkolom kategori dan id_peserta.",
        "en": "Finalist file {path} not found. Pass --finalists with a file holding the columns kategori and id_peserta.",
    },
    "E_FINALIS_UNKNOWN": {
        "id": "Peserta '{value}' bukan peserta kategori {kategori} di provinsi {province}. Periksa id_peserta.",
        "en": "'{value}' is not a participant of category {kategori} in province {province}. Check id_peserta.",
    },
    "W_NO_FINALISTS": {
        "id": "Kategori {kategori} tidak punya finalis; tidak ada lembar nilai yang ditulis untuknya.",
        "en": "Category {kategori} has no finalists; no score sheet is written for it.",
    },
    "status.title": {"id": "Paritrana Award {musim} — pemantauan kiriman data",
                     "en": "Paritrana Award {musim} — submission tracker"},
    "status.intro": {
        "id": "Berkas di folder kiriman {inbox} dibandingkan dengan setiap wilayah di tabel wilayah. Tahun kinerja "
        "{year}, pembanding {prev}. Baris templat yang kosong dihitung belum dikirim.",
        "en": "The files in the inbox {inbox} against every region in the wilayah table. Performance year {year}, "
        "comparison year {prev}. Template rows left empty count as not submitted.",
    },
    "status.summary": {
        "id": "{arrived} dari {expected} wilayah sudah mengirim data pemda tahun {year}; {files} berkas, {bad} "
        "di antaranya bergalat.",
        "en": "{arrived} of {expected} regions have sent their {year} pemda row; {files} files, {bad} of them with "
        "errors.",
    },
    "status.regions": {"id": "Wilayah", "en": "Regions"},
    "status.files": {"id": "Berkas", "en": "Files"},
    "status.jury": {"id": "Lembar nilai juri", "en": "Juror score sheets"},
    "status.col_code": {"id": "Kode", "en": "Code"},
    "status.col_name": {"id": "Nama", "en": "Name"},
    "status.col_pemda": {"id": "Pemda {year}", "en": "Pemda {year}"},
    "status.col_desa": {"id": "Baris desa {year}", "en": "Village rows {year}"},
    "status.col_bu": {"id": "Baris badan usaha {year}", "en": "Business rows {year}"},
    "status.col_files": {"id": "Berkas", "en": "Files"},
    "status.col_file": {"id": "Berkas", "en": "File"},
    "status.col_table": {"id": "Tabel", "en": "Table"},
    "status.col_rows": {"id": "Baris digabung", "en": "Rows merged"},
    "status.col_errors": {"id": "Galat", "en": "Errors"},
    "status.col_warnings": {"id": "Peringatan", "en": "Warnings"},
    "status.col_category": {"id": "Kategori", "en": "Category"},
    "status.col_jurors": {"id": "Juri yang mengirim", "en": "Jurors who sent"},
    "status.yes": {"id": "ada", "en": "yes"},
    "status.no": {"id": "belum", "en": "missing"},
    "status.valid": {"id": "valid", "en": "valid"},
    "status.refused": {"id": "ditolak", "en": "refused"},
    "status.ignored": {"id": "diabaikan", "en": "ignored"},
    "status.messages": {"id": "{count} pesan", "en": "{count} messages"},
    "status.no_files": {"id": "Belum ada berkas.", "en": "No files yet."},
    "status.other": {"id": "Berkas tingkat nasional atau tanpa provinsi",
                     "en": "National files and files without a province"},
    "status.season_messages": {"id": "Pesan untuk seluruh musim", "en": "Messages about the whole season"},
    "status.link": {"id": "Pemantauan kiriman data", "en": "Submission tracker"},
    "cli.status_written": {
        "id": "Pemantauan musim {musim}: {arrived} dari {expected} wilayah sudah mengirim; ditulis ke {html} dan {csv}.",
        "en": "Tracker of season {musim}: {arrived} of {expected} regions have submitted; written to {html} and {csv}.",
    },
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

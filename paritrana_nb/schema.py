"""The data contract: the five tables of a season, their columns, kinds and keys.

Column names are the Indonesian domain terms the secretariats use; extra columns are kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

Kind = Literal[
    "region",  # Kemendagri province or regency/city code, text
    "regency",  # Kemendagri regency/city code, text
    "village",  # Kemendagri village code, text
    "npp",  # BPJS employer number, text (keeps leading zeros)
    "text",  # free text (names, juror ids, aspects)
    "year",  # four-digit year
    "count",  # whole number >= 0
    "money",  # rupiah amount >= 0
    "percent",  # 0-100
    "score",  # interview score 0-100
    "binary",  # 0 or 1
    "enum",  # one of `allowed`
]

NUMERIC_KINDS: frozenset[str] = frozenset({"year", "count", "money", "percent", "score", "binary"})
WHOLE_KINDS: frozenset[str] = frozenset({"year", "count", "binary"})


@dataclass(frozen=True)
class Column:
    """One column of the contract.

    `blank` says what an empty cell means: "error" (required), "zero" (blank = 0),
    "na" (blank = not applicable) or "other_years" (required in year T only).
    """

    name: str
    kind: Kind
    blank: Literal["error", "zero", "na", "other_years"] = "error"
    allowed: tuple[str, ...] = ()
    optional: bool = False  # the column may be left out of the file (then every cell is blank)
    people: bool = False  # a count of people: at most MAX_PEOPLE (validate.py)


@dataclass(frozen=True)
class Table:
    """One table of a season folder."""

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


# Each set of values is written once, as a type (the methodology's models check them) and as a tuple.
Tingkat = Literal["provinsi", "kabupaten", "kota"]
TINGKAT: tuple[Tingkat, ...] = get_args(Tingkat)
Skala = Literal["besar", "menengah", "kecil", "mikro"]
SKALA: tuple[Skala, ...] = get_args(Skala)
#: Kinds of village: a Kemendagri village code whose last segment starts with 1 is a kelurahan, with 2 or 3 (desa
#: adat) a desa.
Jenis = Literal["desa", "kelurahan"]
JENIS: tuple[Jenis, ...] = get_args(Jenis)
Programme = Literal["jkk", "jkm", "jht", "jp", "jkp"]
PROGRAMMES: tuple[Programme, ...] = get_args(Programme)

WILAYAH = Table(
    "wilayah",
    (
        Column("kode_wilayah", "region"),
        Column("nama", "text"),
        Column("tingkat", "enum", allowed=TINGKAT),
        Column("kode_provinsi", "region"),
        Column("zona", "text", blank="na", optional=True),  # on province rows: the zone it is ranked in
    ),
    key=("kode_wilayah",),
)

PEMDA = Table(
    "pemda",
    (
        Column("kode_wilayah", "region"),
        Column("tahun", "year"),
        Column("penduduk_bekerja", "count", people=True),
        Column("peserta_pu", "count", people=True),
        Column("peserta_bpu", "count", people=True),
        Column("peserta_jakon", "count", people=True),
        Column("peserta_pmi", "count", blank="zero", people=True),
        Column("target_ucj_pct", "percent", blank="other_years"),
        Column("pekerja_rentan_apbd", "count", blank="other_years", people=True),
        Column("anggaran_iuran_apbd_rp", "money", blank="other_years"),
        Column("perda", "binary", blank="other_years"),
        Column("perkada", "count", blank="other_years"),
        Column("surat_edaran", "count", blank="other_years"),
    ),
    key=("kode_wilayah", "tahun"),
)

DESA = Table(
    "desa",
    (
        Column("kode_desa", "village"),
        Column("nama", "text"),
        Column("kode_wilayah", "regency"),
        Column("tahun", "year"),
        Column("penduduk_bekerja", "count", people=True),
        Column("peserta", "count", people=True),
        Column("perangkat_desa", "count", people=True),
        Column("perangkat_terlindungi", "count", people=True),
        Column("anggota_bpd", "count", people=True),
        Column("bpd_terlindungi", "count", people=True),
        Column("pekerja_rentan_dana_desa", "count", people=True),
        Column("anggaran_iuran_dana_desa_rp", "money"),
    ),
    key=("kode_desa", "tahun"),
)

BADAN_USAHA = Table(
    "badan_usaha",
    (
        Column("npp", "npp"),
        Column("nama", "text"),
        Column("kode_wilayah", "regency"),
        Column("skala", "enum", allowed=SKALA),
        Column("sektor", "text"),
        Column("tahun", "year"),
        Column("jumlah_pekerja", "count", people=True),
        Column("pekerja_terdaftar", "count", people=True),
        *(Column(p, "binary") for p in PROGRAMMES),
        Column("bulan_tunggakan", "count"),
        Column("upah_sesuai_pct", "percent"),
        Column("nik_valid_pct", "percent"),
        Column("vendor_patuh_pct", "percent", blank="na"),
        Column("pekerja_rentan_csr", "count", people=True),
    ),
    key=("npp", "tahun"),
)

WAWANCARA = Table(
    "wawancara",
    (
        Column("kategori", "text"),  # a category id of the methodology in use (checked with it)
        Column("id_peserta", "text"),
        Column("juri", "text"),
        Column("aspek", "text"),
        Column("nilai", "score"),
    ),
    key=("kategori", "id_peserta", "juri", "aspek"),
)

TABLES: tuple[Table, ...] = (WILAYAH, PEMDA, DESA, BADAN_USAHA, WAWANCARA)

#: A column the juror sheets add to `wawancara`: the regional head attended the interview in person (0/1; blank: not
#: recorded). No file must have it; where one has it, it is checked as the contract's other 0/1 columns are.
HADIR = Column("hadir", "binary", blank="na")
WAWANCARA_READ = Table(WAWANCARA.name, (*WAWANCARA.columns, HADIR), WAWANCARA.key)


def read_as(table: Table) -> Table:
    """The columns a file of `table` is read and checked with: the contract's, and for `wawancara` also `hadir` where
    the file has it (validate.parse_cells passes over a column a file lacks that is not the contract's)."""
    return WAWANCARA_READ if table.name == WAWANCARA.name else table


@dataclass(frozen=True)
class ParticipantTable:
    """A table whose year-T rows compete: its id column and the `peserta` filters a category may set on it."""

    table: Table
    id_column: str
    filters: tuple[str, ...]


#: The tables a category's `peserta.tabel` may name (tests/unit/test_methodology.py checks the two agree).
ParticipantTableName = Literal["pemda", "desa", "badan_usaha"]
PARTICIPANT_TABLES: dict[str, ParticipantTable] = {
    "pemda": ParticipantTable(PEMDA, "kode_wilayah", ("tingkat",)),
    "desa": ParticipantTable(DESA, "kode_desa", ("jenis",)),
    "badan_usaha": ParticipantTable(BADAN_USAHA, "npp", ("skala", "sektor")),
}

#: Parts that can never exceed their whole: (table, part, whole).
PART_OF_WHOLE: tuple[tuple[str, str, str], ...] = (
    ("desa", "perangkat_terlindungi", "perangkat_desa"),
    ("desa", "bpd_terlindungi", "anggota_bpd"),
    ("badan_usaha", "pekerja_terdaftar", "jumlah_pekerja"),
)
"""(table, part, whole): a count of some of the people another count of the row counts (an error above it)."""

AMONG_WORKING: tuple[tuple[str, str, str], ...] = (
    ("pemda", "pekerja_rentan_apbd", "penduduk_bekerja"),
    ("desa", "perangkat_desa", "penduduk_bekerja"),
    ("desa", "anggota_bpd", "penduduk_bekerja"),
    ("desa", "pekerja_rentan_dana_desa", "penduduk_bekerja"),
)
"""(table, part, whole): people who live and work in the region, so among its working population: more of them is
a warning (the working population is an estimate, as for coverage above 100 %); not `pekerja_rentan_csr`, the
vulnerable workers a business covers outside its own workforce."""

PESERTA_COLUMNS: tuple[str, ...] = ("peserta_pu", "peserta_bpu", "peserta_jakon", "peserta_pmi")

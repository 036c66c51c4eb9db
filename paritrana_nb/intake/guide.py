"""What a template sheet holds: its columns (the contract's, plus a few for people), which ones arrive
prefilled, and the help of every column (meaning, unit or allowed values, whether it may be blank, an example).

Intake reads the same definitions: columns for people are dropped, and a row whose only filled cells are
prefilled ones is a row nobody filled in ("not submitted"), not a row of zeros.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..formatting import number
from ..messages import t
from ..methodology import aspect_label
from ..schema import BADAN_USAHA, DESA, HADIR, PART_OF_WHOLE, PEMDA, WAWANCARA, Column, Table

#: Templates exist for these tables (wilayah is the secretariat's own reference list).
TEMPLATE_TABLES: dict[str, Table] = {t.name: t for t in (PEMDA, DESA, BADAN_USAHA, WAWANCARA)}

#: Columns a template adds for the person filling it in; intake drops them.
HELPER_COLUMNS: dict[str, tuple[str, ...]] = {"pemda": ("nama",), "wawancara": ("nama", "nama_aspek")}
#: The column each of them follows: the participant's name after its code, the aspect's label after its id.
_HELPER_AFTER: dict[tuple[str, str], str] = {
    ("pemda", "nama"): "kode_wilayah",
    ("wawancara", "nama"): "id_peserta",
    ("wawancara", "nama_aspek"): "aspek",
}

#: Columns a template fills in before it is sent out.
PREFILLED: dict[str, tuple[str, ...]] = {
    "pemda": ("kode_wilayah", "nama", "tahun"),
    "desa": ("kode_desa", "nama", "kode_wilayah"),
    "badan_usaha": (),
    "wawancara": ("kategori", "id_peserta", "nama", "juri", "aspek", "nama_aspek"),
}

_EXAMPLES: dict[tuple[str, str], str] = {
    ("desa", "nama"): "Desa Sungai Awan",
    ("badan_usaha", "nama"): "PT Sawit Makmur",
    ("badan_usaha", "sektor"): "perkebunan",
    ("wawancara", "nama"): "Kabupaten Ketapang",
    ("wawancara", "juri"): "J1",
    ("wawancara", "aspek"): "inovasi",
    ("pemda", "perkada"): "1",
    ("pemda", "surat_edaran"): "2",
    ("desa", "perangkat_desa"): "12",
    ("desa", "perangkat_terlindungi"): "10",
    ("desa", "anggota_bpd"): "9",
    ("desa", "bpd_terlindungi"): "7",
    ("badan_usaha", "bulan_tunggakan"): "0",
}
_KIND_EXAMPLES: dict[str, float] = {"count": 1250, "money": 201600000, "percent": 68.02, "score": 85, "binary": 1}


@dataclass(frozen=True)
class SheetColumn:
    """One column of a template's `data` sheet."""

    column: Column
    contract: bool  # False: a column for people that intake drops
    prefilled: bool

    @property
    def name(self) -> str:
        return self.column.name


def sheet_columns(table: str) -> tuple[SheetColumn, ...]:
    """The columns of the `data` sheet of `table`'s template, in order."""
    contract = TEMPLATE_TABLES[table].columns
    columns: list[Column] = list(contract)
    for helper in HELPER_COLUMNS.get(table, ()):
        after = _HELPER_AFTER[table, helper]
        columns.insert([c.name for c in columns].index(after) + 1, Column(helper, "text", blank="na"))
    if table == "wawancara":
        columns.append(HADIR)
    return tuple(SheetColumn(c, c in contract, c.name in PREFILLED[table]) for c in columns)


@dataclass(frozen=True)
class ColumnHelp:
    """The help of one column in one language."""

    meaning: str
    values: str
    blank: str
    example: str

    def comment(self, lang: str) -> str:
        """The same help as one text (for a header cell's comment)."""
        return "\n".join((self.meaning, self.values, self.blank, t("intake.help.example", lang, example=self.example)))


def column_help(table: str, column: Column, lang: str, tahun: int, region: str) -> ColumnHelp:
    """Meaning, unit or allowed values, blank rule and an example of `column` of `table`'s template.

    `region` is a regency/city code of the template's province, used in code examples.
    """
    fields = {"year": tahun, "prev": tahun - 1}
    meaning = t(f"intake.col.{table}.{column.name}", lang, **fields)
    wholes = {part: whole for owner, part, whole in PART_OF_WHOLE if owner == table}
    if column.name in wholes:
        values = t("intake.rule.part", lang, whole=wholes[column.name])
    else:
        values = t(f"intake.kind.{column.kind}", lang, allowed=", ".join(column.allowed), **fields)
    blank = t(f"intake.blank.{column.blank}", lang, **fields)
    return ColumnHelp(meaning, values, blank, example(table, column, lang, tahun, region))


def example(table: str, column: Column, lang: str, tahun: int, region: str) -> str:
    """A plausible value of `column`, written as a person types it in `lang`."""
    if (table, column.name) == ("wawancara", "nama_aspek"):
        return aspect_label(_EXAMPLES[("wawancara", "aspek")], lang)
    if (table, column.name) in _EXAMPLES:
        return _EXAMPLES[(table, column.name)]
    kind = column.kind
    if kind == "year":
        return str(tahun)
    if kind in _KIND_EXAMPLES:
        decimals = 2 if kind == "percent" else 0
        return number(_KIND_EXAMPLES[kind], lang, decimals)
    if kind in ("region", "regency"):
        return region
    if kind == "village":
        return f"{region}.01.2001"
    if kind == "npp":
        return "0012345601"
    if kind == "enum":
        return column.allowed[0]
    return region if column.name == "id_peserta" else ""

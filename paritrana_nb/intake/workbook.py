"""One template workbook (.xlsx, openpyxl): the `data` sheet a submitter fills in, the `petunjuk` sheet
explaining every column, and document properties telling intake what the template is for (season, province,
region, category, juror: File > Properties in Excel or LibreOffice).

The `data` sheet has the contract's column names in row 1 (frozen), help on every header cell, data
validation on every column that has a rule, and numbers shown the Indonesian (or English) way.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from ..messages import LANGS, t
from ..outputs import FileSet
from ..schema import PART_OF_WHOLE
from ..xlsx_values import member_bytes
from .guide import SheetColumn, column_help, sheet_columns

if TYPE_CHECKING:
    from _typeshed import SizedBuffer, StrPath

DATA_SHEET = "data"
GUIDE_SHEET = "petunjuk"
LIST_SHEET = "daftar"
META_PREFIX = "paritrana_"  # custom document properties paritrana_musim, paritrana_provinsi, ...
META_FORMAT = "paritrana-template"
LAST_ROW = 1_048_576  # the last row of a sheet: rules cover rows a submitter appends
_LOCALE = {"id": "[$-421]", "en": "[$-409]"}  # number display: Indonesian 1.234.567 / 68,02; English
_NUMBER_FORMATS = {"count": "#,##0", "money": "#,##0", "percent": "#,##0.00", "score": "#,##0.00"}
_PLAIN_FORMATS = {"year": "0", "binary": "0"}
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_LOCKED_FILL = PatternFill("solid", fgColor="EDEDED")


@dataclass(frozen=True)
class TemplateSpec:
    """Everything one template workbook holds besides the column definitions."""

    table: str
    tahun: int
    meta: dict[str, str]
    musim: int = field(kw_only=True)  # the season: the workbook's dates are its first day
    rows: Sequence[Mapping[str, str | int | None]] = ()  # prefilled rows: column -> value
    lists: dict[str, Sequence[str]] = field(default_factory=dict)  # column -> allowed codes (dropdown)
    locked: bool = False  # protect the sheet: prefilled cells cannot be changed, no rows can be added
    example_region: str = ""
    freeze: str = "A2"


def number_format(kind: str, lang: str) -> str:
    """The cell format of a column kind: grouped numbers in the reader's locale, text for codes."""
    if kind in _NUMBER_FORMATS:
        return _LOCALE[lang] + _NUMBER_FORMATS[kind]
    return _PLAIN_FORMATS.get(kind, "@")


def template_bytes(spec: TemplateSpec, lang: str) -> bytes:
    """The .xlsx file of `spec` in `lang`."""
    workbook = Workbook()
    data = workbook.active
    if not isinstance(data, Worksheet):
        raise TypeError("a new openpyxl workbook starts with one worksheet")
    data.title = DATA_SHEET
    columns = sheet_columns(spec.table)
    guide = workbook.create_sheet(GUIDE_SHEET)
    _data_sheet(workbook, data, spec, columns, lang)
    _guide_sheet(guide, spec, columns, lang)
    for key, value in {"format": META_FORMAT, **spec.meta, "bahasa": lang}.items():
        workbook.custom_doc_props.append(  # type: ignore[attr-defined]  # missing from types-openpyxl
            StringProperty(name=META_PREFIX + key, value=value)
        )
    workbook.active = 0
    made = datetime(spec.musim, 1, 1)  # the season's first day (UTC): the same bytes at every run
    workbook.properties.created = workbook.properties.modified = made
    buffer = io.BytesIO()
    try:
        ExcelWriter(workbook, _DatedZip(buffer, made)).save()  # workbook.save, but the dates (it closes the zip)
    except OSError as error:  # openpyxl writes each sheet to a file in the temporary folder first (a full disk)
        if error.filename is not None:
            raise
        raise OSError(error.errno, error.strerror, tempfile.gettempdir()) from None
    return buffer.getvalue()


class _DatedZip(zipfile.ZipFile):
    """A deflated .xlsx package being written whose every part carries the date `made`: openpyxl's own stamps each
    with the time it is saved (a worksheet with its temporary file's)."""

    def __init__(self, file: io.BytesIO, made: datetime) -> None:
        super().__init__(file, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        self.made = made.timetuple()[:6]

    def writestr(
        self,
        zinfo_or_arcname: str | zipfile.ZipInfo,
        data: SizedBuffer | str,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        """Write the part `zinfo_or_arcname`, dated `made`, readable by its owner only as ZipFile would."""
        info = zinfo_or_arcname
        if not isinstance(info, zipfile.ZipInfo):
            info = zipfile.ZipInfo(info)
            info.external_attr = 0o600 << 16
        info.date_time = self.made
        super().writestr(info, data, self.compression if compress_type is None else compress_type, compresslevel)

    def write(
        self,
        filename: StrPath,
        arcname: StrPath | None = None,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        """Write the file `filename` (a worksheet openpyxl wrote to a temporary file) as the part `arcname`."""
        self.writestr(str(arcname or filename), Path(filename).read_bytes(), compress_type, compresslevel)


class WorkbooksExist(Exception):
    """Files a command would write hold other workbooks already (`paths`: filled in, perhaps)."""

    def __init__(self, folder: Path, paths: list[Path], language: str | None = None) -> None:
        super().__init__(f"{folder} already holds {len(paths)} other workbooks")
        self.folder, self.paths, self.language = folder, paths, language

    def message(self, lang: str) -> str:
        """The catalogue message: the folder, how many files and the first few names; where every one is the unfilled
        template this command writes in another `language` (the names are the same in every language), that."""
        names = [p.name for p in self.paths]
        shown = ", ".join(names[:5]) + (", ..." if len(names) > 5 else "")
        if self.language is not None:
            fields = {"out": self.folder, "count": len(names), "files": shown, "language": self.language}
            return t("cli.workbooks_other_language", lang, **fields)
        return t("cli.workbooks_exist", lang, out=self.folder, count=len(names), files=shown)


@dataclass(frozen=True)
class WrittenWorkbooks:
    """What `write_workbooks` did: the path of every workbook, and those already holding it (left as they were)."""

    paths: list[Path]
    unchanged: list[Path]

    @property
    def written(self) -> int:
        """How many workbooks were written."""
        return len(self.paths) - len(self.unchanged)


def write_workbooks(specs: Mapping[str, TemplateSpec], out: Path, lang: str, force: bool = False) -> WrittenWorkbooks:
    """Write each template of `specs` (file name -> template) into `out`, as one set (outputs.FileSet): all of them
    or, killed or failing on the way, none. A file there already holding another workbook is refused,
    WorkbooksExist and nothing written, unless `force`; one holding the same workbook (but its dates) is left as it
    is. Another command writing a set into `out` meanwhile waits, then finds these workbooks there."""
    with FileSet(out) as written:  # the folder locked from the look at its files to the last rename
        same: set[str] = set()
        other: list[Path] = []
        for name, spec in specs.items():
            if force or not (out / name).is_file():
                continue
            if _same_workbook(out / name, template_bytes(spec, lang)):
                same.add(name)
            else:
                other.append(out / name)
        if other:
            raise WorkbooksExist(out, other, _other_language(specs, other, lang))
        for name, spec in specs.items():
            if name not in same:
                written.add(name, template_bytes(spec, lang))
    return WrittenWorkbooks([out / name for name in specs], [out / name for name in specs if name in same])


def _other_language(specs: Mapping[str, TemplateSpec], held: list[Path], lang: str) -> str | None:
    """The language other than `lang` whose unfilled templates of `specs` the files `held` all are, if one is."""
    for other in LANGS:
        if other != lang and all(_same_workbook(path, template_bytes(specs[path.name], other)) for path in held):
            return other
    return None


def _same_workbook(path: Path, data: bytes) -> bool:
    """Whether the .xlsx file at `path` holds what `data` holds, every part but the dates it was made and saved."""
    dates = "docProps/core.xml"
    try:
        with zipfile.ZipFile(path) as held, zipfile.ZipFile(io.BytesIO(data)) as new:
            names = sorted(set(new.namelist()) - {dates})
            return sorted(set(held.namelist()) - {dates}) == names and all(
                member_bytes(held, name) == new.read(name) for name in names
            )
    except (OSError, zipfile.BadZipFile):
        return False


def _data_sheet(
    workbook: Workbook, sheet: Worksheet, spec: TemplateSpec, columns: Sequence[SheetColumn], lang: str
) -> None:
    letters = {c.name: get_column_letter(i) for i, c in enumerate(columns, 1)}
    last = len(spec.rows) + 1 if spec.locked else LAST_ROW
    for i, col in enumerate(columns, 1):
        help_ = column_help(spec.table, col.column, lang, spec.tahun, spec.example_region)
        cell = sheet.cell(row=1, column=i, value=col.name)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        comment = Comment(help_.comment(lang), "Paritrana")
        comment.width, comment.height = 320, 160
        cell.comment = comment
        letter = letters[col.name]
        fmt = number_format(col.column.kind, lang)
        dimension = sheet.column_dimensions[letter]
        dimension.width = max(len(col.name), len(help_.example), 8) + 4
        dimension.number_format = fmt
        rule = _rule(workbook, spec, col, letters, help_.values)
        if rule is not None:
            sheet.add_data_validation(rule)
            rule.add(f"{letter}2:{letter}{last}")
    for r, values in enumerate(spec.rows, 2):
        for i, col in enumerate(columns, 1):
            cell = sheet.cell(row=r, column=i, value=values.get(col.name))
            if cell.data_type == "f":  # a name starting with '=' stays text, never a formula
                cell.data_type = "s"
            cell.number_format = number_format(col.column.kind, lang)
            if spec.locked:
                if col.prefilled:
                    cell.fill = _LOCKED_FILL
                else:
                    cell.protection = Protection(locked=False)
    sheet.freeze_panes = spec.freeze
    if spec.locked:
        sheet.protection.sheet = True
        sheet.protection.formatColumns = False  # widening a column stays allowed
        sheet.protection.formatRows = False


def _rule(
    workbook: Workbook, spec: TemplateSpec, col: SheetColumn, letters: dict[str, str], values_text: str
) -> DataValidation | None:
    """The data validation of one column, or None when the column takes free text."""
    kind, name, letter = col.column.kind, col.name, letters[col.name]
    parts = {part: whole for table, part, whole in PART_OF_WHOLE if table == spec.table}
    if name in spec.lists:
        rule = DataValidation(type="list", formula1=_list_range(workbook, name, spec.lists[name]))
    elif name in parts:
        whole = letters[parts[name]]
        rule = DataValidation(type="custom", formula1=f"AND({letter}2>=0,{letter}2=INT({letter}2),{letter}2<={whole}2)")
    elif kind == "year":
        rule = DataValidation(type="list", formula1=f'"{spec.tahun},{spec.tahun - 1}"')
    elif kind == "binary":
        rule = DataValidation(type="list", formula1='"0,1"')
    elif kind == "enum":
        rule = DataValidation(type="list", formula1='"' + ",".join(col.column.allowed) + '"')
    elif kind == "count":
        rule = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0")
    elif kind == "money":
        rule = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0")
    elif kind in ("percent", "score"):
        rule = DataValidation(type="decimal", operator="between", formula1="0", formula2="100")
    elif kind == "village" and "kode_wilayah" in letters:
        region = letters["kode_wilayah"]
        rule = DataValidation(type="custom", formula1=f'AND(LEN({letter}2)=13,LEFT({letter}2,6)={region}2&".")')
    elif kind == "npp":
        rule = DataValidation(type="custom", formula1=f'AND(LEN({letter}2)>0,ISERROR(FIND(" ",{letter}2)))')
    else:
        return None
    rule.allow_blank = True
    rule.showErrorMessage = True
    rule.errorTitle = name[:32]
    rule.error = values_text[:255]
    return rule


def _list_range(workbook: Workbook, column: str, values: Sequence[str]) -> str:
    """Put `values` in a column of the hidden `daftar` sheet and return a defined name over them."""
    if LIST_SHEET in workbook.sheetnames:
        sheet = workbook[LIST_SHEET]
        index = sheet.max_column + 1
    else:
        sheet = workbook.create_sheet(LIST_SHEET)
        sheet.sheet_state = "hidden"
        index = 1
    letter = get_column_letter(index)
    sheet.cell(row=1, column=index, value=column)
    for r, value in enumerate(values, 2):
        sheet.cell(row=r, column=index, value=value).number_format = "@"
    name = f"daftar_{column}"
    workbook.defined_names[name] = DefinedName(name, attr_text=f"{LIST_SHEET}!${letter}$2:${letter}${len(values) + 1}")
    return name


def _guide_sheet(sheet: Worksheet, spec: TemplateSpec, columns: Sequence[SheetColumn], lang: str) -> None:
    """One line per column: name, meaning, allowed values, blank rule, example; then how to fill in."""
    fields = {"year": spec.tahun, "prev": spec.tahun - 1, "sheet": DATA_SHEET}
    sheet.append([t("intake.guide.title", lang, table=spec.table, musim=spec.meta.get("musim", ""))])
    sheet["A1"].font = Font(bold=True, size=14)
    # a juror's sheet has no year column: its rows are the finalists' aspects, already there
    rows = "intake.guide.rows_jury" if spec.table == "wawancara" else "intake.guide.rows"
    for key in (rows, "intake.guide.header", "intake.guide.blank", f"intake.guide.fill.{spec.table}"):
        sheet.append([t(key, lang, **fields)])
    sheet.append([])
    heads = [
        t(key, lang)
        for key in (
            "intake.guide.col_name",
            "intake.guide.col_meaning",
            "intake.guide.col_values",
            "intake.guide.col_blank",
            "intake.guide.col_example",
        )
    ]
    sheet.append(heads)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
    for col in columns:
        help_ = column_help(spec.table, col.column, lang, spec.tahun, spec.example_region)
        sheet.append([col.name, help_.meaning, help_.values, help_.blank, help_.example])
    widths = (28, 70, 45, 40, 22)
    for i, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    for row in sheet.iter_rows(min_row=8):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.number_format = "@"

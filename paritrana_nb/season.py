"""Loading a whole award season: find the five files, read, validate, return typed tables.

`load_season` returns every problem found; `read_season` raises when the season has errors.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
from collections.abc import Callable, Collection, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import yaml

from . import forking, validate_codes
from . import validate as checks
from .allocator import release_freed_memory
from .cache import DAMAGED, SeasonCache, file_sha256, report_from_json, report_to_json, season_key
from .config import performance_year
from .kemendagri import RegionList
from .messages import Ref, os_reason
from .outputs import finish_commit
from .problems import Check, NumberCells, SeasonInvalid, UnknownProvince, ValidationReport, checks_apart, run_checks
from .readers import RawTable, ReadFailure, read_table_file
from .regions import resolve_province
from .schema import BADAN_USAHA, DESA, NUMERIC_KINDS, PEMDA, TABLES, WAWANCARA, WILAYAH, Table, read_as
from .season_meta import SEASON_META, check_meta
from .yamldata import YamlProblem, load_yaml_places, read_yaml_bytes, yaml_error, yaml_text

if TYPE_CHECKING:
    from .methodology import Methodology
    from .registry import Registry


@dataclass(frozen=True)
class Season:
    """One award season's validated tables (all years present), indexed by spreadsheet row."""

    musim: int
    tahun: int  # performance year T: musim.yaml's tahun_kinerja, else musim - 1
    folder: Path
    wilayah: pd.DataFrame
    pemda: pd.DataFrame
    desa: pd.DataFrame
    badan_usaha: pd.DataFrame
    wawancara: pd.DataFrame
    files: dict[str, Path]
    file_hashes: dict[str, str]
    meta: dict[str, object] = field(default_factory=dict)
    meta_hash: str | None = None  # sha256 of musim.yaml (None without one)
    referensi: tuple[str, str] | None = None  # the region list the codes were checked against: (edition, sha256)
    cache: SeasonCache | None = field(default=None, compare=False, repr=False)
    """Where this season's scores may be stored and found again (cache.py); None: scored afresh every time."""
    cache_key: str | None = field(default=None, compare=False, repr=False)
    """The key of its cache entry: the season's number, every input file's sha256 and the workbook's code."""

    @property
    def illustrative(self) -> bool:
        """True when the season folder declares itself illustrative (not official data)."""
        return bool(self.meta.get("ilustratif", False))

    @property
    def provinces(self) -> pd.DataFrame:
        """Province rows of wilayah.csv, ordered by code."""
        rows = self.wilayah[self.wilayah["tingkat"] == "provinsi"]
        return rows.sort_values("kode_wilayah")

    def province_codes(self, provinces: Collection[str], lang: str = "id") -> list[str]:
        """`provinces` (each a code, short name or name, as --province takes it: ``"61"``, ``"kalbar"``; one text
        alone is one province) as the season's province codes, in the order given, each once. Raises UnknownProvince,
        naming the season's provinces with the closest first, for one the season does not hold: a filter by it would
        keep nothing without a word."""
        known = dict(zip(self.provinces["kode_wilayah"], self.provinces["nama"], strict=True))
        codes: dict[str, None] = {}
        for value in [provinces] if isinstance(provinces, str) else provinces:
            code = resolve_province(str(value), known)
            if code is None or code not in known:
                raise UnknownProvince(str(value), known, lang)
            codes[code] = None
        return list(codes)

    def region_names(self) -> dict[str, str]:
        """Kemendagri code -> name for every region in wilayah.csv."""
        return dict(zip(self.wilayah["kode_wilayah"], self.wilayah["nama"], strict=True))


@dataclass(frozen=True)
class LoadResult:
    """A season (None when it has errors) and the full validation report."""

    season: Season | None
    report: ValidationReport
    registry: Registry | None = None
    """The season matched to the methodology it was checked against (registry.check), when one was given."""


def season_folder(data_dir: Path | str, musim: int) -> Path:
    """The folder holding season `musim` under `data_dir`."""
    return Path(data_dir) / str(musim)


def finish_intake(folder: Path, report: ValidationReport) -> bool:
    """Finish the commit of an intake killed while it put its tables into `folder` (outputs.finish_commit: one
    stat when there is none), before the folder is read; False, with an error in `report`, when it cannot be."""
    try:
        finish_commit(folder)
    except OSError as error:
        report.add("error", "E_INTAKE_UNFINISHED", str(folder), folder=str(folder), reason=os_reason(error))
        return False
    return True


def report_missing_season(
    data_dir: Path | str,
    musim: int,
    report: ValidationReport,
    *,
    regions_only: bool = False,
    option: str | None = None,
    notebook: bool = False,
) -> None:
    """The error for a season folder `data_dir`/`musim` that is not there, naming the likely mistake: `data_dir`
    is a season folder itself, holds other seasons (one to give with `option`, the command-line option that chose
    the season: --season, or compare's --against), or is not there (a command run from another folder).
    `regions_only`: the command needs only the region list (`paritrana template` for a new season), so the
    error says to start the season folder with `wilayah` alone, copied from the latest season. `notebook`: the
    folder was named by a notebook's `data_dir` (option `-p musim`): told with it, a relative one taken from the
    kernel's working folder, not with the command's options. Without either (`option` None), the folder was named
    to a Python function (`read_season`, `load_season`): told with its arguments `musim` and `data_dir`."""

    def told(command: str, in_notebook: str, in_python: str) -> str:
        """The problem code for the one who named the folder: a command, a notebook or a Python caller."""
        return in_notebook if notebook else command if option is not None else in_python

    data_dir = Path(data_dir)
    folder = str(season_folder(data_dir, musim))
    tables = table_files_in(data_dir)
    seasons = sorted(p.name for p in _files_in(data_dir, folders=True) if p.name.isdigit())
    if Path(folder).is_symlink():  # a link to itself, in a loop or to a folder that is gone: there, but no folder
        report.add("error", "E_SEASON_DIR_LINK", folder, path=folder, target=str(Path(folder).readlink()))
        return
    if tables:
        told_of: dict[str, object] = {"path": folder, "file": tables[0]}
        named = data_dir.resolve() if data_dir.name in ("", "..") else data_dir  # `.`: the folder it is
        if named.name.isdigit():  # `data/2025`: its parent holds it where it is read
            code = told("E_DATA_DIR_IS_SEASON", "E_DATA_DIR_IS_SEASON_NB", "E_DATA_DIR_IS_SEASON_API")
            told_of |= {"data_dir": str(data_dir), "parent": str(data_dir.parent)}
        else:  # `kiriman_kalbar/`: no --data-dir finds a season in a folder not named as it
            code = told(
                "E_DATA_DIR_IS_UNNAMED_SEASON", "E_DATA_DIR_IS_UNNAMED_SEASON_NB", "E_DATA_DIR_IS_UNNAMED_SEASON_API"
            )
            told_of |= {"data_dir": str(named), "parent": str(named.parent)}
            told_of["named"] = str(season_folder(named.parent, musim))
        report.add("error", code, folder, **told_of)
    elif seasons and regions_only:
        latest = season_folder(data_dir, int(max(seasons, key=int)))
        regions = sorted(p for p in _files_in(latest) if p.name.lower() in ("wilayah.csv", "wilayah.xlsx"))
        report.add(
            "error",
            "E_SEASON_DIR_NEW_REGIONS",
            folder,
            path=folder,
            data_dir=str(data_dir),
            seasons=", ".join(seasons),
            regions=str(regions[0] if regions else latest / "wilayah.csv"),
        )
    elif seasons:
        others = ", ".join(seasons)
        if option is None and not notebook:  # no option chose the season: the function's argument did
            report.add("error", "E_SEASON_DIR_OTHERS_API", folder, path=folder, data_dir=str(data_dir), seasons=others)
        else:
            fields = {"path": folder, "data_dir": str(data_dir), "seasons": others, "option": option}
            report.add("error", "E_SEASON_DIR_OTHERS", folder, **fields)
    elif data_dir.exists() and not data_dir.is_dir():  # `--data-dir skor.csv`: there, but no folder
        code = told("E_DATA_DIR_NOT_FOLDER", "E_DATA_DIR_NOT_FOLDER_NB", "E_DATA_DIR_NOT_FOLDER_NB")  # data_dir's
        report.add("error", code, folder, path=folder, data_dir=str(data_dir))
    elif not data_dir.is_dir():
        code = told("E_DATA_DIR_MISSING", "E_DATA_DIR_MISSING_NB", "E_DATA_DIR_MISSING_API")
        report.add("error", code, folder, path=folder, data_dir=str(data_dir), cwd=str(Path.cwd()))
    else:
        code = told("E_SEASON_DIR_MISSING", "E_SEASON_DIR_MISSING_NB", "E_SEASON_DIR_MISSING_API")
        report.add("error", code, folder, path=folder)


def table_files_in(folder: Path) -> list[str]:
    """The names of the files in `folder` named as a table's (`pemda.csv`, `Desa.xlsx`): a season folder's, sorted."""
    names = {t.name for t in TABLES}
    return sorted(p.name for p in _files_in(folder) if p.name.lower().split(".")[0] in names)


def _files_in(folder: Path, *, folders: bool = False) -> list[Path]:
    """The files (or with `folders`, the sub-folders) of `folder`; none when it cannot be listed."""
    try:
        return [p for p in folder.iterdir() if (p.is_dir() if folders else p.is_file())]
    except OSError:
        return []


_COPY_MARKS = re.compile(r"^(?:copy of |salinan )?(?P<stem>.*?)(?: ?\(\d+\)| - copy(?: \(\d+\))?| - salinan)?$")
"""What a browser or a file manager adds to the name of a copy: `pemda (1)`, `pemda - Copy`, `Copy of pemda`."""


def _files_named_like(folder: Path, stem: str) -> list[Path]:
    """Files of `folder` whose name, in any case, is `stem` with some extension (PEMDA.CSV, pemda.xls, pemda.txt),
    or a copy's name of it (`pemda (1).csv`, `pemda - Copy.xlsx`, `Copy of pemda.csv`)."""
    try:
        return [p for p in folder.iterdir() if _base_name(p.name) == stem and p.is_file()]
    except OSError:
        return []


def meta_named_otherwise(folder: Path) -> list[str]:
    """The files of `folder` named as `musim.yaml` in another way (`musim.yml`, `Musim.yaml`, `musim.yaml.txt` with
    its extension hidden by Windows, `musim (1).yaml`), sorted: none is read as the season's musim.yaml."""
    return sorted(p.name for p in _files_named_like(folder, SEASON_META.split(".")[0]) if p.name != SEASON_META)


def _base_name(name: str) -> str:
    """`name` in lower case, without its extensions and the marks of a copy."""
    found = _COPY_MARKS.match(name.lower().split(".")[0])
    return found.group("stem") if found else name


def find_table_file(folder: Path, table: Table, report: ValidationReport) -> Path | None:
    """The file of `table` in `folder` (`<name>.csv` or `<name>.xlsx`); None, with an error in `report`, when
    there is none or both."""
    named = (folder / f"{table.name}.csv", folder / f"{table.name}.xlsx")
    candidates = [p for p in named if p.is_file()]
    if not candidates:
        there = [p for p in named if p.exists() or p.is_symlink()]  # a folder, or a link to nothing
        others = sorted(p.name for p in _files_named_like(folder, table.name) if p not in named)
        if there:
            report.add("error", "E_NOT_A_FILE", there[0].name)
        elif others:
            report.add("error", "E_FILE_NAMED_OTHERWISE", others[0], table=table.name, found=", ".join(others))
        else:
            report.add("error", "E_FILE_MISSING", f"{table.name}.csv", table=table.name, folder=str(folder))
        return None
    if len(candidates) > 1:
        report.add(
            "error", "E_FILE_TWICE", candidates[0].name, table=table.name, files=", ".join(p.name for p in candidates)
        )
        return None
    return candidates[0]


def read_table(
    path: Path, table: Table, tahun: int, report: ValidationReport, number_cells: NumberCells | None = None
) -> pd.DataFrame | None:
    """One table file read and its cells checked (no check across rows or tables), with year T = `tahun`;
    None when it cannot be read or misses columns. Bad cells are NaN and reported in `report`. `number_cells`: where
    the code cells a workbook stored as numbers are put (validate.parse_cells)."""
    checked = read_as(table)  # (wawancara's `hadir` too, where the file has it)
    try:
        raw: RawTable = read_table_file(path, {c.name for c in checked.columns if c.kind in NUMERIC_KINDS}, arrow=True)
    except ReadFailure as failure:  # a CSV's title line above the header: said so, not the rows' widths
        if failure.code not in checks.WIDTH_FAILURES or checks.check_title_rows(path, None, [table], path.name, report):
            report.add("error", failure.code, path.name, **failure.fields)
        return None
    if raw.sheet is not None:
        report.sheets[path.name] = raw.sheet
    if not checks.check_title_rows(path, list(raw.cells.columns), [table], path.name, report):
        return None  # not the columns missing from row 1 nor its cells beside it
    checks.check_hidden(raw.hidden, raw.cells.index, table.column_names, path.name, report)
    checks.check_unread(raw, path.name, report)
    if not checks.check_columns(raw, table, report):
        if raw.cells.empty and table.name == "wawancara" and set(table.column_names) <= set(raw.cells.columns):
            return _empty(table)
        return None
    found = checks.distinct_numbers(raw, checked)
    style = checks.detect_style(raw, checked, found, report)
    return checks.parse_cells(raw, checked, style, found, tahun, report, number_cells=number_cells)


def _empty(table: Table) -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype=object) for c in table.column_names})
    frame.index.name = "baris"
    return frame


def typed_table(frame: pd.DataFrame, table: Table) -> pd.DataFrame:
    """Fixed dtypes per column kind, independent of the data: see schema.Column. A column that has its dtype
    already is shared with `frame`, not copied; `frame` itself is left as it is."""
    out = frame.copy(deep=False)
    out.index = out.index.rename("baris")  # a new index: the shallow copy's is `frame`'s own
    for column in table.columns:
        if column.kind in ("year", "count", "binary") and column.blank not in ("na", "other_years"):
            dtype: type = np.int64
        elif column.kind in ("year", "count", "binary", "money", "percent", "score"):
            dtype = np.float64
        else:
            dtype = object
        if out[column.name].dtype != dtype:
            out[column.name] = out[column.name].astype(dtype)
    return out


def load_season(
    musim: int,
    data_dir: Path | str = "data",
    methodology: Methodology | None = None,
    cache: SeasonCache | None = None,
    *,
    refresh: bool = False,
    meanwhile: Callable[[Season], None] | None = None,
    check_invalid: Methodology | None = None,
    option: str | None = None,
    notebook: bool = False,
    reader: ReaderWork | None = None,
) -> LoadResult:
    """Read and validate every table of season `musim`; never raises for bad data.

    With a `methodology`, also check the season against it (registry.check: who competes, zones, interviews); a
    season with errors, as far as its tables without an error allow (`check_clean`). `check_invalid`: a
    methodology a season with errors is checked against so (`validate` checks a valid one apart). `option`: the
    command-line option that chose the season, offered for another when its folder is missing (report_missing_season;
    `notebook`: the folder named by a notebook's parameters, told with them; neither: by a Python caller, told with
    this function's arguments `musim` and `data_dir`).
    With a `cache` (cache.SeasonCache), a valid season is taken from it when every input file is unchanged (its
    warnings included), and stored in it after validation; `refresh` reads the sources even then.
    `meanwhile`, when the season is read from the sources, is called with it as soon as every table's cells are
    valid, before the checks across rows and tables, of the region codes and against the methodology: a command
    may start work on it (in another process) while these run, and must drop that work when they fail (the
    result's season is None) or an exception ends the loading. `reader`: work for the forked process that reads the
    tables other than the largest, once it has (`ReaderWork`), when the season is read from the sources in two
    processes; the caller stops it in turn.

    Returns a LoadResult: the season (None when it has errors), the whole validation report and, with a
    `methodology`, the registry of who competes where.
    """
    report = ValidationReport(musim)
    folder = season_folder(data_dir, musim)
    if not folder.is_dir():
        report_missing_season(data_dir, musim, report, option=option, notebook=notebook)
        return LoadResult(None, report)
    if not finish_intake(folder, report):
        return LoadResult(None, report)
    # taken before hashing: a file written while the season is read is not stored under its old sha256
    stamps = _stamps(folder) if cache is not None else {}
    if cache is not None and not refresh and cache.holds("season"):
        key, hashes = _input_key(folder, musim)
        cached = None if key is None else _from_cache(cache, key, hashes, folder, musim)
        if cached is not None:
            return check_against(cached[0], cached[1], methodology)
        result = _validated(folder, musim, report, meanwhile, methodology or check_invalid, reader=reader)
    else:  # the sources are read in any case (or no entry): files hashed while they are read
        result = _validated(folder, musim, report, meanwhile, methodology or check_invalid, hashed=True, reader=reader)
        key = None if cache is None or result.season is None else _input_key(folder, musim, result.season.referensi)[0]
    if result.season is not None and cache is not None and key is not None and _stamps(folder) == stamps:
        result = _stored(result, cache, key)
    if result.season is not None and methodology is not None:
        return check_against(result.season, result.report, methodology)
    return result


def _validated(
    folder: Path,
    musim: int,
    report: ValidationReport,
    meanwhile: Callable[[Season], None] | None = None,
    methodology: Methodology | None = None,
    *,
    hashed: bool = False,
    reader: ReaderWork | None = None,
) -> LoadResult:
    """Read and check every table from the sources (the season is None when an error was found); `meanwhile` and
    `reader` as `load_season` says; an error found, the tables checked against `methodology` as far as sound
    (`check_clean`); `hashed`: the input files are hashed while they are read."""
    meta, meta_hash = read_meta(folder, musim, report)
    year = meta.get("tahun_kinerja")  # when kept, a whole number (see _meta)
    tahun = year if isinstance(year, int) else performance_year(musim)
    apart = None if reader is None else _ReaderSeason(reader, folder, musim, tahun, meta, meta_hash)
    files, frames, numbers, others = _read_tables(folder, tahun, meta, report, hashed, apart)
    ref = others.ref
    season = None
    if report.ok and all(frame is not None for frame in frames.values()):  # the season, unless the checks below fail
        read = {name: frame for name, frame in frames.items() if frame is not None}
        season = Season(
            musim=musim,
            tahun=tahun,
            folder=folder,
            wilayah=typed_table(read["wilayah"], WILAYAH),
            pemda=typed_table(read["pemda"], PEMDA),
            desa=typed_table(read["desa"], DESA),
            badan_usaha=typed_table(read["badan_usaha"], BADAN_USAHA),
            wawancara=typed_table(read["wawancara"], WAWANCARA),
            files=files,
            file_hashes={t: _input_sha256(p) for t, p in files.items()},  # hashed already with the key, mostly
            meta=meta,
            meta_hash=meta_hash,
            referensi=None if ref is None else (ref.edition, ref.digest),
        )
        if meanwhile is not None:
            meanwhile(season)
    names = {t: p.name for t, p in files.items()}
    check_across_tables(frames, names, musim, tahun, report, found=others.across, official=ref, number_cells=numbers)
    report.absorb(others.ref_report)
    if ref is not None:
        validate_codes.check_codes(frames, names, ref, report, found=others.codes, number_cells=numbers)
    if not report.ok and methodology is not None:
        check_clean(musim, tahun, folder, files, frames, report, methodology)
    return LoadResult(season if report.ok else None, report)


_INTERVIEW_CELLS = frozenset(("kategori", "id_peserta", "aspek"))
"""The wawancara cells the checks against the methodology read (`registry.check_clean`)."""


def check_clean(
    musim: int,
    tahun: int,
    folder: Path,
    files: Mapping[str, Path],
    frames: Mapping[str, pd.DataFrame | None],
    report: ValidationReport,
    methodology: Methodology,
) -> None:
    """A season with errors checked against `methodology` as far as no error found can follow from another
    (registry.check_clean): only the tables without an error (of their cells, rows, or a check across tables or of
    codes that named their file) are read, and of wawancara, the rows whose kategori, id_peserta and aspek hold none.
    Nothing is checked when an error is outside the tables read (musim.yaml, a table's file missing). `frames`: the
    tables as read from `files`. `report.pending` is set when some check waits for the errors to be fixed."""
    report.pending = True
    erring = {p.file for p in report.errors} | {f for (f, severity, _) in report.omitted if severity == "error"}
    names = {name: path.name for name, path in files.items() if frames.get(name) is not None}
    if not erring <= set(names.values()):
        return
    clean = [name for name, file in names.items() if file not in erring]
    # a table with errors is not typed (a bad count is NaN): wawancara's numbers are scores, NaN allowed
    usable = {
        t.name: typed_table(frame, t) for t in TABLES if t.name in clean and (frame := frames[t.name]) is not None
    }
    interviews = frames.get("wawancara")
    rows = None if interviews is None else _checkable_interviews(interviews, names["wawancara"], report)
    if interviews is not None and rows is not None:
        usable["wawancara"] = typed_table(interviews.loc[rows], WAWANCARA)

    def table(schema: Table) -> pd.DataFrame:  # a table with errors stands empty: no check reads it
        return usable[schema.name] if schema.name in usable else typed_table(_empty(schema), schema)

    from .registry import check_clean as check_registry

    season = Season(
        musim,
        tahun,
        folder,
        wilayah=table(WILAYAH),
        pemda=table(PEMDA),
        desa=table(DESA),
        badan_usaha=table(BADAN_USAHA),
        wawancara=table(WAWANCARA),
        files=dict(files),
        file_hashes={},
    )
    check_registry(season, methodology, report, clean, interviews=rows is not None)
    report.pending = len(clean) < len(TABLES)


def _checkable_interviews(wawancara: pd.DataFrame, file: str, report: ValidationReport) -> pd.Index | None:
    """The rows of `wawancara` no error names at kategori, id_peserta, aspek or at no column; None when not every
    error of the file is known by its row (one without a row, or beyond those of its kind the report keeps)."""
    if any(f == file and severity == "error" for (f, severity, _) in report.omitted):
        return None
    bad = set()
    for problem in report.errors:
        if problem.file != file:
            continue
        if problem.row is None:
            return None
        if problem.column is None or problem.column in _INTERVIEW_CELLS:
            bad.add(problem.row)
    return wawancara.index[~wawancara.index.isin(list(bad))]


READ_APART_FROM = 1 << 20
"""Bytes of the tables other than the largest from which they are read in a forked process (below it, forking costs
more than it saves)."""


def _read_tables(
    folder: Path,
    tahun: int,
    meta: dict[str, object],
    report: ValidationReport,
    hashed: bool,
    reader: _ReaderSeason | None = None,
) -> tuple[dict[str, Path], dict[str, pd.DataFrame | None], dict[str, NumberCells], _Others]:
    """Every table's file found, read (`read_table`: with its code cells a workbook stored as numbers) and its rows
    checked for duplicate keys (a table that misses a column is None), and the official region list the season names
    (`validate_codes.region_list`). The largest
    file is read here while the other tables and the region list are read in a forked process (their frames come
    back pickled), or where this process may not fork, on a thread (pyarrow, numpy and hashlib work without the
    GIL). The tables' problems are added to `report` as read one by one (every table's cells, then every table's
    duplicates); the region list's come back apart, to be added after the checks across tables, and so do the
    problems of the checks across tables and of the codes that read only the forked process's tables (`_Others`,
    for `check_across_tables` and `check_codes`). With `hashed`,
    the input files are hashed on another thread meanwhile (`_input_sha256` keeps each). With `reader`, the forked
    process goes on with its work (`ReaderWork`) once it answered. No thread is left running: the season may be
    handed to a forked process next."""
    tables = {table.name: _TableFile.find(folder, table, report.musim) for table in TABLES}
    sizes = {name: _size(found.path) for name, found in tables.items() if found.path is not None}
    largest = max(sizes, key=lambda name: sizes[name], default=None)
    others = [found for name, found in tables.items() if name != largest]
    apart_size = sum(sizes.values()) - sizes[largest] if largest is not None else 0
    read_apart = largest is not None and apart_size >= READ_APART_FROM and _two_cores()
    if reader is not None and read_apart:
        reader.work.share(apart_size)
    apart = (
        forking.fork(
            functools.partial(_read_others, others, tahun, meta, folder, report.musim, checked=True),
            then=None if reader is None else functools.partial(reader.run, others, tables),
        )
        if read_apart
        else None
    )
    if reader is not None and apart is not None:
        reader.work.begun(apart, frozenset(found.table.name for found in others))
    try:
        with ThreadPoolExecutor(max_workers=2, thread_name_prefix="season-read") as pool:
            if hashed:
                pool.submit(_hash_inputs, folder, report.musim)
            if apart is not None:  # the largest here, the others in the forked process
                tables[str(largest)].read(tahun)
                read = _others_read(apart, others, tahun, meta, folder, report.musim)
            else:
                aside = None if largest is None else pool.submit(tables[largest].read, tahun)
                read = _read_others(others, tahun, meta, folder, report.musim)
                if aside is not None:
                    aside.result()
    except BaseException:
        if apart is not None:
            apart.stop()
        raise
    for found, (frame, cells, keys, numeric) in zip(others, read.tables, strict=True):
        found.frame, found.cells, found.keys, found.number_cells = frame, cells, keys, numeric
    for found in tables.values():
        report.absorb(found.cells)
    for found in tables.values():
        report.absorb(found.keys)
    files = {name: found.path for name, found in tables.items() if found.path is not None}
    number_cells = {name: found.number_cells for name, found in tables.items()}
    return files, {name: found.frame for name, found in tables.items()}, number_cells, read


@dataclass
class _Others:
    """What `_read_others` gives: per table its frame, problems (cells, duplicate keys) and code cells a workbook
    stored as numbers; the region list and its
    problems; when `checked`, the problems of the checks across tables that read only those tables (`across`:
    `across_checks_of`) and of their codes against the list (`codes`: `validate_codes.checks_of`), by check."""

    tables: list[tuple[pd.DataFrame | None, ValidationReport, ValidationReport, NumberCells]]
    ref: RegionList | None
    ref_report: ValidationReport
    across: dict[str, ValidationReport] = field(default_factory=dict)
    codes: dict[str, ValidationReport] = field(default_factory=dict)


def _read_others(
    others: list[_TableFile], tahun: int, meta: dict[str, object], folder: Path, musim: int, *, checked: bool = False
) -> _Others:
    """Read the tables `others` (`_TableFile.read`) and the region list the season names; with `checked`, also run
    the checks across tables that read only these (`across_checks_of`) and check their codes against the list."""
    for found in others:
        found.read(tahun)
    ref_report = ValidationReport(musim)
    ref = validate_codes.region_list(meta, folder, SEASON_META, ref_report)
    read = _Others([(found.frame, found.cells, found.keys, found.number_cells) for found in others], ref, ref_report)
    if checked:
        frames = {found.table.name: found.frame for found in others}
        names = {found.table.name: found.path.name for found in others if found.path is not None}
        numbers = {found.table.name: found.number_cells for found in others}
        sheets = {file: sheet for found in others for file, sheet in found.cells.sheets.items()}
        read.across = across_checks_of(list(frames), frames, names, musim, tahun, ref, numbers, sheets)
        if ref is not None:
            read.codes = validate_codes.checks_of(frames, names, ref, numbers, sheets)
    return read


def _others_read(
    apart: forking.Forked[_Others],
    others: list[_TableFile],
    tahun: int,
    meta: dict[str, object],
    folder: Path,
    musim: int,
) -> _Others:
    """The forked process's `_read_others`; read here when it was killed (out of memory) before it answered."""
    try:
        return apart.result()
    except ChildProcessError:
        return _read_others(others, tahun, meta, folder, musim)


@dataclass
class _TableFile:
    """One table's file, its rows once read, and the problems found: in its cells, and of duplicate keys; its code
    cells a workbook stored as numbers (`number_cells`, for the checks across rows)."""

    table: Table
    path: Path | None
    cells: ValidationReport
    keys: ValidationReport
    frame: pd.DataFrame | None = None
    number_cells: NumberCells = field(default_factory=dict)

    @classmethod
    def find(cls, folder: Path, table: Table, musim: int) -> _TableFile:
        """`find_table_file`, its problems the first of the table's."""
        cells = ValidationReport(musim)
        return cls(table, find_table_file(folder, table, cells), cells, ValidationReport(musim))

    def read(self, tahun: int) -> None:
        """`read_table`, then `check_duplicates` on a frame that has all the table's columns (else no frame)."""
        if self.path is None:
            return
        frame = read_table(self.path, self.table, tahun, self.cells, self.number_cells)
        if frame is not None and set(self.table.column_names) <= set(frame.columns):
            self.keys.sheets.update(self.cells.sheets)  # a workbook's repeated row names its sheet too
            checks.check_duplicates(frame, self.table, self.path.name, self.keys, self.number_cells)
            self.frame = frame


@dataclass
class ReaderWork:
    """Work for the forked process that reads a season's tables other than the largest (`load_season`'s `reader`),
    done there once it has read them and found no problem in them, while this process still reads the largest:
    `job(season, tables, shared)` is given a Season whose largest table stands empty, the names of the `tables` it
    holds and memory shared with this process (forking.SharedBytes of `room(bytes of the files it reads)` bytes, made
    before it forks; None without `room`, or where the system refuses it), and its answer must pickle. Once the
    season is read, `tables` says whether the reader forked (empty: the job does not run)."""

    job: Callable[[Season, frozenset[str], forking.SharedBytes | None], object]
    room: Callable[[int], int] | None = None
    tables: frozenset[str] = frozenset()
    shared: forking.SharedBytes | None = None
    _forked: forking.Forked[Any] | None = field(default=None, repr=False)

    def share(self, size: int) -> None:
        """Make the shared memory for the files of `size` bytes the reader reads, before it forks (`_read_tables`)."""
        if self.room is not None:
            self.shared = forking.SharedBytes.of_size(self.room(size))

    def begun(self, forked: forking.Forked[Any], tables: frozenset[str]) -> None:
        """Where the job runs, on which tables (`_read_tables`)."""
        self._forked, self.tables = forked, tables

    def answer(self) -> object:
        """What the job returned, once it did; None where it did not run (no reader forked, or its tables had a
        problem); what it raised is raised here, and ChildProcessError when the process was killed."""
        forked, self._forked = self._forked, None
        return None if forked is None else forked.then_result()

    def stop(self) -> None:
        """End the reader now, its job's answer dropped (once `answer` was taken, only the shared memory is given
        back: at once, or once the last view of it is let go of)."""
        forked, self._forked = self._forked, None
        if forked is not None:
            forked.stop()
        if self.shared is not None:
            self.shared.close()
            self.shared = None


@dataclass(frozen=True)
class _ReaderSeason:
    """A `ReaderWork` and what the forked reader needs to make its Season (`run`)."""

    work: ReaderWork
    folder: Path
    musim: int
    tahun: int
    meta: dict[str, object]
    meta_hash: str | None

    def run(self, others: list[_TableFile], tables: dict[str, _TableFile], read: _Others) -> object:
        """In the forked reader, once it answered with `read`: the work's job on a season of the tables it read
        (`others`; the largest of `tables` empty), where they are sound: no error in their cells or rows, in a check
        across them or of their codes (None otherwise). The tables are let go of once the job answered."""
        reports = [read.ref_report, *read.across.values(), *read.codes.values()]
        reports += [report for _, cells, keys, _ in read.tables for report in (cells, keys)]
        if not all(report.ok for report in reports) or any(frame is None for frame, *_ in read.tables):
            return None
        frames = {
            found.table.name: frame
            for found, (frame, *_) in zip(others, read.tables, strict=True)
            if frame is not None  # (every one: see above)
        }
        typed = {t.name: typed_table(frames[t.name] if t.name in frames else _empty(t), t) for t in TABLES}
        season = Season(
            musim=self.musim,
            tahun=self.tahun,
            folder=self.folder,
            wilayah=typed["wilayah"],
            pemda=typed["pemda"],
            desa=typed["desa"],
            badan_usaha=typed["badan_usaha"],
            wawancara=typed["wawancara"],
            files={name: found.path for name, found in tables.items() if found.path is not None},
            file_hashes={},
            meta=self.meta,
            meta_hash=self.meta_hash,
            referensi=None if read.ref is None else (read.ref.edition, read.ref.digest),
        )
        answer = self.work.job(season, frozenset(frames), self.work.shared)
        # the tables are not needed once the job answered: this process holds only its answer while it waits
        # (until the process that forked it takes the answer)
        del season, frames, typed
        for found in others:
            found.frame = None
        read.tables.clear()
        release_freed_memory()
        return answer


def _two_cores() -> bool:
    """Whether work may go to a forked process here, on a core of its own."""
    return (os.cpu_count() or 1) > 1 and forking.can_fork()


def _size(path: Path) -> int:
    with suppress(OSError):  # gone since it was found: reading it says so
        return path.stat().st_size
    return 0


def _stamps(folder: Path) -> dict[str, tuple[int, int]]:
    """(size, modification time in ns) of every file in the season folder, by name."""
    stamps = {}
    for path in folder.iterdir():
        with suppress(OSError):  # deleted meanwhile: missing from the stamps, which then differ
            stat = path.stat()
            if path.is_file():
                stamps[path.name] = (stat.st_size, stat.st_mtime_ns)
    return stamps


def check_against(
    season: Season,
    report: ValidationReport,
    methodology: Methodology | None,
    built: Registry | None = None,
) -> LoadResult:
    """A valid season (`load_season` without a methodology) checked against `methodology` (registry.check: who
    competes, zones, interviews), its problems added to `report`; the season alone without one. `built`: the season
    matched to `methodology` already (`registry.build` of every category)."""
    if methodology is None:
        return LoadResult(season if report.ok else None, report)
    from .registry import check

    registry = check(season, methodology, report, built=built)
    return LoadResult(season, report, registry) if report.ok else LoadResult(None, report)


def season_cache_key(musim: int, data_dir: Path | str) -> str | None:
    """The cache key of season `musim` as its files are now (cache.season_key), without reading its tables, once an
    intake killed while it put its tables in place is finished (finish_intake); None when a table file is missing
    or doubled, the region list cannot be named or that intake cannot be finished."""
    folder = season_folder(data_dir, musim)
    if not folder.is_dir() or not finish_intake(folder, ValidationReport(musim)):
        return None  # (the season's loading reports why)
    return _input_key(folder, musim)[0]


def _input_key(folder: Path, musim: int, referensi: tuple[str, str] | None = None) -> tuple[str | None, dict[str, str]]:
    """The cache key of the season folder and the sha256 of each input file by name; no key when a table file
    is missing or doubled, or cannot be read (validation reports it; one gone since it was read: not stored).
    `referensi`: the region list's (edition, sha256) when the season was just checked against it (`Season.referensi`:
    read in the forked reader, it is not read again here)."""
    scratch = ValidationReport(musim)
    files = _input_files(folder, musim)
    if files is None:
        return None, {}
    try:
        hashes = {p.name: _input_sha256(p) for p in files}
    except OSError:
        return None, {}
    if referensi is None:
        ref = validate_codes.region_list(read_meta(folder, musim, scratch)[0], folder, SEASON_META, scratch)
        if ref is None:
            return None, {}
        referensi = (ref.edition, ref.digest)
    keyed = {**hashes, f"<{validate_codes.META_KEY}>": ":".join(referensi)}  # the codes' yardstick
    return season_key(musim, keyed), hashes


def _input_files(folder: Path, musim: int) -> list[Path] | None:
    """The season's table files and musim.yaml (when there is one); None when a table file is missing or doubled, or
    musim.yaml is missing but named otherwise."""
    paths = [find_table_file(folder, table, ValidationReport(musim)) for table in TABLES]
    found = [p for p in paths if p is not None]
    meta = folder / SEASON_META
    if len(found) < len(TABLES) or (not meta.is_file() and meta_named_otherwise(folder)):
        return None  # (a musim.yaml named otherwise, added to a season stored without one, is an error: not stored)
    return [*found, *([meta] if meta.is_file() else [])]


def _hash_inputs(folder: Path, musim: int) -> None:
    """Hash the season's input files ahead (`_input_sha256` keeps each); one that cannot be read is left to the
    reading, which reports it."""
    for path in _input_files(folder, musim) or []:
        with suppress(OSError):
            _input_sha256(path)


def _input_sha256(path: Path) -> str:
    """sha256 of an input file, hashed once per version of it in this process (a command takes the season's key
    before loading it, then again): a version is its size, its times of modification and of status change (which
    no tool can set back) and its inode; a file rewritten meanwhile is a new version, hashed afresh."""
    stat = path.stat()
    return _version_sha256(str(path.resolve()), stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)


@functools.lru_cache(maxsize=64)
def _version_sha256(path: str, *_version: int) -> str:
    return file_sha256(Path(path))


_TABLE_SCHEMAS = {t.name: t for t in TABLES}


def _from_cache(
    cache: SeasonCache, key: str, hashes: dict[str, str], folder: Path, musim: int
) -> tuple[Season, ValidationReport] | None:
    """The season and its validation report as stored for `key`, or None."""
    entry = cache.read("season", key)
    if entry is None:
        return None
    tables, extra = entry
    try:
        report = report_from_json(extra["report"])  # type: ignore[arg-type]  # JSON we wrote
        names: dict[str, str] = extra["files"]  # type: ignore[assignment]  # JSON we wrote
        tahun = int(extra["tahun"])  # type: ignore[call-overload]  # JSON we wrote
        pair = extra["referensi"]
        if not isinstance(pair, list) or len(pair) != 2:
            return None
        if set(tables) != set(_TABLE_SCHEMAS) or set(names) != set(_TABLE_SCHEMAS):
            return None
    except DAMAGED:
        return None
    meta, meta_hash = read_meta(folder, musim, ValidationReport(musim))  # its problems are in the stored report
    files = {table: folder / name for table, name in names.items()}
    season = Season(
        musim=musim,
        tahun=tahun,
        folder=folder,
        wilayah=tables["wilayah"],
        pemda=tables["pemda"],
        desa=tables["desa"],
        badan_usaha=tables["badan_usaha"],
        wawancara=tables["wawancara"],
        files=files,
        file_hashes={table: hashes[name] for table, name in names.items()},
        meta=meta,
        meta_hash=meta_hash,
        cache=cache,
        cache_key=key,
        referensi=(str(pair[0]), str(pair[1])),
    )
    return season, report


def _stored(result: LoadResult, cache: SeasonCache, key: str) -> LoadResult:
    """Store a valid season (and the problems found in it) under `key`; the season then knows its cache."""
    season = result.season
    assert season is not None  # noqa: S101 - the caller checked
    extra = {
        "report": report_to_json(result.report),
        "files": {table: path.name for table, path in season.files.items()},
        "tahun": season.tahun,
        "referensi": list(season.referensi) if season.referensi else None,
    }
    tables = {name: getattr(season, name) for name in _TABLE_SCHEMAS}
    cache.write("season", key, tables, extra)
    return LoadResult(replace(season, cache=cache, cache_key=key), result.report)


def check_across_tables(
    frames: dict[str, pd.DataFrame | None],
    names: dict[str, str],
    musim: int,
    tahun: int,
    report: ValidationReport,
    found: Mapping[str, ValidationReport] | None = None,
    official: RegionList | None = None,
    number_cells: Mapping[str, NumberCells] | None = None,
) -> None:
    """The season's checks within and across tables (years, region codes, parts within wholes, per-table rules)
    on the read `frames` (None = not read); problems are reported against the file `names` of each table.
    `found`: the problems of some of the checks found apart already (`across_checks_of`), added in their place.
    `official`: the region list the codes are checked against (`validate_codes.check_codes`), if one can be used:
    a code it does not hold is that check's error alone. `number_cells`, by table: the code cells a workbook stored as
    numbers, quoted as their cells' checks quote them (problems.quoted_code)."""
    every = across_checks(frames, names, musim, tahun, official, number_cells)
    run_checks({name: check for name, (_, check) in every.items()}, report, found or {})


def across_checks(
    frames: Mapping[str, pd.DataFrame | None],
    names: Mapping[str, str],
    musim: int,
    tahun: int,
    official: RegionList | None = None,
    number_cells: Mapping[str, NumberCells] | None = None,
) -> dict[str, tuple[frozenset[str], Check]]:
    """`check_across_tables`' checks in the order their problems are reported, by name, each with the tables it
    reads (a table not read, None or absent, has none)."""
    wilayah = frames.get("wilayah")
    numbers = number_cells or {}
    steps: dict[str, tuple[frozenset[str], Check]] = {}

    def step(name: str, tables: tuple[str, ...], check: Callable[..., None], *args: object, **options: object) -> None:
        steps[name] = (frozenset(tables), functools.partial(_into, check, args, options))

    if wilayah is not None:
        step(
            "wilayah",
            ("wilayah",),
            checks.check_wilayah,
            wilayah,
            names["wilayah"],
            official=official,
            number_cells=numbers.get("wilayah"),
        )
        known = set(wilayah["kode_wilayah"].dropna())
    for name in ("pemda", "desa", "badan_usaha"):
        frame = frames.get(name)
        if frame is None:
            continue
        step(f"{name}:years", (name,), checks.check_years, frame, names[name], musim, tahun)
        if wilayah is not None:
            step(
                f"{name}:regions",
                (name, "wilayah"),
                checks.check_region_refs,
                frame,
                "kode_wilayah",
                known,
                names[name],
                regency_only=name != "pemda",
                official=official,
                number_cells=numbers.get(name),
            )
        step(f"{name}:parts", (name,), checks.check_parts, frame, name, names[name])
        step(f"{name}:fractions", (name,), checks.check_fractions, frame, name, names[name])
    pemda, desa, bu, wawancara = (frames.get(name) for name in ("pemda", "desa", "badan_usaha", "wawancara"))
    if pemda is not None and wilayah is not None:
        step(
            "pemda:wilayah",
            ("pemda", "wilayah"),
            checks.check_pemda,
            pemda,
            wilayah,
            tahun,
            names["pemda"],
            names["wilayah"],
            official=official,
            number_cells=numbers.get("pemda"),
            wilayah_number_cells=numbers.get("wilayah"),
        )
    if desa is not None:
        desa_numbers = numbers.get("desa")
        step(
            "desa:codes",
            ("desa",),
            checks.check_village_codes,
            desa,
            names["desa"],
            official=official,
            number_cells=desa_numbers,
        )
        step("desa", ("desa",), checks.check_desa, desa, tahun, names["desa"])
    if bu is not None:
        step("badan_usaha", ("badan_usaha",), checks.check_badan_usaha, bu, tahun, names["badan_usaha"])
    if wawancara is not None:
        step("wawancara", ("wawancara",), checks.check_wawancara, wawancara, names["wawancara"])
    return steps


def _into(
    check: Callable[..., None], args: tuple[object, ...], options: dict[str, object], report: ValidationReport
) -> None:
    """Run one check of `across_checks`, its problems added to `report` (each check takes the report after its
    positional arguments)."""
    check(*args, report, **options)


def across_checks_of(
    tables: Collection[str],
    frames: Mapping[str, pd.DataFrame | None],
    names: Mapping[str, str],
    musim: int,
    tahun: int,
    official: RegionList | None = None,
    number_cells: Mapping[str, NumberCells] | None = None,
    sheets: Mapping[str, str] | None = None,
) -> dict[str, ValidationReport]:
    """The problems of every `across_checks` check that reads only `tables`, by name, each found apart (its problems
    naming the workbooks' `sheets`): for `check_across_tables(..., found=, official=, number_cells=)`, with the same
    `official` list and `number_cells`."""
    every = across_checks(frames, names, musim, tahun, official, number_cells)
    run = {name: check for name, (reads, check) in every.items() if reads <= set(tables)}
    return checks_apart(run, musim, sheets)


def read_meta(folder: Path, musim: int, report: ValidationReport) -> tuple[dict[str, object], str | None]:
    """The season folder's optional musim.yaml (e.g. `ilustratif: true`) and the sha256 of its bytes; a broken
    one is an error, and so are a `musim` other than the folder's and a `tahun_kinerja` (the performance year)
    other than musim - 1 or musim (then it is dropped)."""
    path = folder / SEASON_META
    if not path.is_file():
        if path.exists() or path.is_symlink():  # a folder, or a link to nothing: not silently no metadata
            report.add("error", "E_NOT_A_FILE", SEASON_META)
        elif others := meta_named_otherwise(folder):  # musim.yml, Musim.yaml, musim.yaml.txt: not silently unread
            report.add("error", "E_META_NAMED_OTHERWISE", others[0], found=", ".join(others))
        return {}, None
    try:
        content = read_yaml_bytes(path)
    except YamlProblem as problem:  # far larger than any musim.yaml: not read
        report.add("error", problem.code, SEASON_META, **dict(problem.fields))
        return {}, None
    except OSError as error:  # no permission to read it: said as a table's is, not a traceback
        report.add("error", "E_FILE_UNREADABLE", SEASON_META, reason=os_reason(error))
        return {}, None
    digest = hashlib.sha256(content).hexdigest()
    try:
        loaded, places = load_yaml_places(yaml_text(content))
    except YamlProblem as problem:
        report.add("error", problem.code, SEASON_META, **dict(problem.fields))
        return {}, digest
    except yaml.YAMLError as exc:
        line, column, what = yaml_error(exc)
        report.add(
            "error", "E_META_UNREADABLE", SEASON_META, detail=Ref("yaml.where", line=line, column=column, what=what)
        )
        return {}, digest
    if loaded is None:  # an empty file: no metadata
        return {}, digest
    if not isinstance(loaded, dict):
        report.add("error", "E_META_NOT_MAPPING", SEASON_META)
        return {}, digest
    loaded = check_meta(loaded, places, report, musim)
    if "musim" in loaded and (type(loaded["musim"]) is not int or loaded["musim"] != musim):
        at = places.value(("musim",))
        report.add("error", "E_META_SEASON", SEASON_META, None, "musim", loaded["musim"], at, musim=musim)
    year = loaded.get("tahun_kinerja")
    if "tahun_kinerja" in loaded and (type(year) is not int or not musim - 1 <= year <= musim):
        at = places.value(("tahun_kinerja",))
        report.add("error", "E_META_YEAR", SEASON_META, None, "tahun_kinerja", year, at, musim=musim, prev=musim - 1)
        loaded = loaded.without("tahun_kinerja")
    return loaded, digest


def read_season(
    musim: int,
    data_dir: Path | str = "data",
    lang: str = "id",
    cache: SeasonCache | None = None,
    *,
    option: str | None = None,
    notebook: bool = False,
) -> Season:
    """Load season `musim` or raise SeasonInvalid with every problem (for notebooks and scripts).

    Parameters
    ----------
    musim : int
        The award season: its tables are read from the folder ``<data_dir>/<musim>/``.
    data_dir : Path or str, default "data"
        The folder that holds one folder per season, relative to the current folder.
    lang : str, default "id"
        Language of the exception's message: ``"id"`` (Bahasa Indonesia) or ``"en"`` (English).
    cache : SeasonCache, optional
        Take the season from this cache when no input file changed, and store it there after validation
        (``SeasonCache.for_season(folder)`` is the season folder's ``.cache``); None reads the sources.
    option : str, optional
        The command-line option that chose the season, offered when the season folder is missing but `data_dir`
        holds others (``--season``; a notebook's: ``-p musim``). None, for a Python caller: a missing folder is
        told with this function's arguments (``musim``, ``data_dir``), not with a command's options.
    notebook : bool, default False
        `data_dir` is a notebook's parameter: a missing folder is told with it, not with the command's options.

    Returns
    -------
    Season
        The validated tables of every year present, typed as the data contract says, with the
        performance year T (`tahun`), the files read and their sha256.

    Raises
    ------
    SeasonInvalid
        When the season has any error: a missing folder or table, a bad cell, row or check across
        tables, a bad ``musim.yaml``. Its ``report`` holds every problem, not just the first.

    See Also
    --------
    load_season : The same reading, returning the report instead of raising.

    Examples
    --------
    >>> from paritrana_nb.season import read_season
    >>> season = read_season(2025, "data")
    >>> season.musim, season.tahun, season.illustrative
    (2025, 2024, True)
    >>> list(season.provinces["nama"])[:2]
    ['Kalimantan Barat', 'Kalimantan Tengah']
    """
    result = load_season(musim, data_dir, cache=cache, option=option, notebook=notebook)
    if result.season is None:
        raise SeasonInvalid(result.report, lang)
    return result.season

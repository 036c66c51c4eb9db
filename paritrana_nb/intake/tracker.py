"""`paritrana status`: the submission tracker, per province every region expected against what arrived.

From an intake run (nothing written): per region its `pemda` rows for T and T-1, its village and business
rows, the files that brought them and their problems; per province the juror sheets received per category;
per file whether it validated, with its messages. Written as one HTML page (Jinja2, every text escaped) and
one CSV row per region, as one set (`write_status`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..formatting import number
from ..messages import Ref, isolate, t
from ..outputs import FileSet, table_csv_text
from ..problems import shown_file
from ..templating import render
from .merge import IntakeResult, Located, said_order

CSV_COLUMNS = (
    "kode_provinsi",
    "kode_wilayah",
    "nama",
    "tingkat",
    "pemda_t",
    "pemda_t1",
    "baris_desa_t",
    "baris_badan_usaha_t",
    "berkas",
    "galat",
    "peringatan",
)


@dataclass(frozen=True)
class Said:
    """One problem as the page lists it: its severity (`error`, `warning`) and its message (names isolated)."""

    severity: str
    text: str


@dataclass
class FileStatus:
    """One file of the inbox: its table, the rows it gave and its problems."""

    name: str
    table: str
    province: str | None
    rows: int
    refused: bool
    ignored: bool
    errors: int = 0
    warnings: int = 0
    messages: list[Said] = field(default_factory=list)


@dataclass
class Tracker:
    """Everything the tracker page and CSV show."""

    musim: int
    tahun: int
    inbox: Path
    regions: pd.DataFrame  # CSV_COLUMNS, one row per region of wilayah
    files: list[FileStatus]
    jury: dict[str, list[tuple[str, str]]]  # province -> (category, jurors who sent, each isolated)
    season_messages: list[Said]
    provinces: dict[str, str]  # code -> name

    @property
    def expected(self) -> int:
        return len(self.regions)

    @property
    def arrived(self) -> int:
        return int(self.regions["pemda_t"].sum())

    @property
    def faulty(self) -> list[str]:
        """The names of the inbox's files with errors, in the order listed."""
        return [f.name for f in self.files if f.errors]


def track(result: IntakeResult, lang: str) -> Tracker:
    """The tracker of an intake run."""
    tahun = result.tahun
    tables = result.tables
    wilayah = tables["wilayah"].sort_values("kode_wilayah")
    region_of = _region_of_problem(result.problems, tables)
    files: dict[str, FileStatus] = {}
    for sub in result.submissions:
        frame = sub.frame
        files[sub.name] = FileStatus(
            shown_file(sub.name),
            sub.table.name if sub.table is not None else "-",
            _province_of_file(sub.meta, frame),
            0 if frame is None else len(frame),
            sub.refused,
            sub.ignored,
        )
    season_messages = []
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    # as intake prints them: by file, its errors by row, then its warnings by row
    for located in sorted(result.problems, key=lambda p: (p.problem.file, *said_order(p))):
        said = Said(located.severity, located.message(lang, isolated=True))
        status = files.get(located.problem.file)
        if status is None:
            season_messages.append(said)
            continue
        if located.severity == "error":
            status.errors += 1
        else:
            status.warnings += 1
        status.messages.append(said)
        region = region_of.get(id(located))
        if region is not None:
            counts[region][located.severity != "error"] += 1
    pemda, desa, bu = tables["pemda"], tables["desa"], tables["badan_usaha"]
    pemda_keys = set(zip(pemda["kode_wilayah"], pemda["tahun"], strict=True))
    desa_t = desa.loc[desa["tahun"] == tahun, "kode_wilayah"].value_counts()
    bu_t = bu.loc[bu["tahun"] == tahun, "kode_wilayah"].value_counts()
    sources: dict[str, set[str]] = defaultdict(set)
    for frame in (pemda, desa, bu):
        if "_berkas" in frame.columns:
            for code, file in zip(frame["kode_wilayah"], frame["_berkas"], strict=True):
                sources[code].add(shown_file(file))
    rows = []
    for code, nama, tingkat, prov in zip(
        wilayah["kode_wilayah"], wilayah["nama"], wilayah["tingkat"], wilayah["kode_provinsi"], strict=True
    ):
        rows.append(
            (
                prov,
                code,
                nama,
                tingkat,
                int((code, tahun) in pemda_keys),
                int((code, tahun - 1) in pemda_keys),
                int(desa_t.get(code, 0)),
                int(bu_t.get(code, 0)),
                "; ".join(sorted(sources[code])),
                counts[code][0],
                counts[code][1],
            )
        )
    regions = pd.DataFrame(rows, columns=list(CSV_COLUMNS))
    provinces = dict(
        zip(
            wilayah.loc[wilayah["tingkat"] == "provinsi", "kode_wilayah"],
            wilayah.loc[wilayah["tingkat"] == "provinsi", "nama"],
            strict=True,
        )
    )
    return Tracker(
        result.musim,
        tahun,
        result.inbox,
        regions,
        sorted(files.values(), key=lambda f: f.name),
        _jurors(tables),
        season_messages,
        provinces,
    )


def _province_of_file(meta: dict[str, str], frame: pd.DataFrame | None) -> str | None:
    if meta.get("provinsi"):
        return meta["provinsi"]
    if frame is None or frame.empty:
        return None
    for column in ("kode_wilayah", "id_peserta"):
        if column in frame.columns and frame[column].notna().any():
            return str(frame[column].dropna().iloc[0])[:2]
    return None


def _region_of_problem(problems: list[Located], tables: dict[str, pd.DataFrame]) -> dict[int, str]:
    """The region a problem's merged row belongs to (pemda, desa and badan_usaha rows)."""
    codes = {f"{name}.csv": tables[name]["kode_wilayah"] for name in ("pemda", "desa", "badan_usaha")}
    out = {}
    for located in problems:
        series = codes.get(located.merged_file or "")
        if series is not None and located.merged_row is not None and located.merged_row in series.index:
            code = series.loc[located.merged_row]
            if isinstance(code, str):
                out[id(located)] = code
    return out


def _jurors(tables: dict[str, pd.DataFrame]) -> dict[str, list[tuple[str, str]]]:
    """Per province, per category: the jurors whose scores arrived (each id isolated: messages.isolate)."""
    wawancara, bu = tables["wawancara"], tables["badan_usaha"]
    if wawancara.empty:
        return {}
    npp_province = dict(zip(bu["npp"], bu["kode_wilayah"].str[:2], strict=True))
    ids = wawancara["id_peserta"]
    mapped = ids.map(npp_province).astype(object)  # all missing (float) when no business arrived
    province = mapped.where(mapped.notna(), ids.str[:2].astype(object))  # a business by its region, else by code
    frame = wawancara.assign(_prov=province).dropna(subset=["_prov", "juri", "kategori"])
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for (prov, kategori), group in frame.groupby(["_prov", "kategori"], sort=True):
        out[str(prov)].append((str(kategori), ", ".join(isolate(j) for j in sorted(group["juri"].unique()))))
    return dict(out)


def status_csv_path(html_path: Path) -> Path:
    """Where the tracker's CSV is written beside its page: the same name ending in `.csv`."""
    return html_path.with_suffix(".csv")


def write_status(tracker: Tracker, html_path: Path, lang: str) -> Path:
    """Write the tracker page to `html_path` and its CSV beside it (`status_csv_path`, returned) as one set
    (outputs.FileSet), never a new page beside an old CSV: failed or killed before its commit, the previous pair
    stays; killed while it renames the two into place, the next set written to that folder finishes it."""
    csv_path = status_csv_path(html_path)
    with FileSet(html_path.parent) as files:
        files.add(html_path.name, status_html(tracker, lang))
        files.add(csv_path.name, status_csv(tracker))
    return csv_path


def status_csv(tracker: Tracker) -> str:
    """One row per region (CSV_COLUMNS), through the shared result-file writer."""
    return table_csv_text(tracker.regions)


def status_html(tracker: Tracker, lang: str) -> str:
    """The tracker page: self-contained, every text from the data escaped."""
    tahun = tracker.tahun

    sections = []
    by_province = {code: tracker.regions[tracker.regions["kode_provinsi"] == code] for code in tracker.provinces}
    for code, name in tracker.provinces.items():
        sections.append(
            {
                "code": code,
                "name": name,
                "regions": by_province[code].to_dict("records"),
                "files": [f for f in tracker.files if f.province == code],
                "jury": tracker.jury.get(code, []),
            }
        )
    other = [f for f in tracker.files if f.province not in tracker.provinces]
    return render(
        "status.html.j2",
        lang,
        count=lambda value: number(value, lang),  # 1.234 rows (1,234 in English)
        musim=tracker.musim,
        year=tahun,
        prev=tahun - 1,
        inbox=str(tracker.inbox),
        sections=sections,
        other=other,
        season_messages=tracker.season_messages,
        summary=t(
            "status.summary",
            lang,
            arrived=tracker.arrived,
            expected=tracker.expected,
            year=tahun,
            files=Ref("count.files", count=len(tracker.files)),
            bad=len(tracker.faulty),
        ),
    )

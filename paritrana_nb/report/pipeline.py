"""`paritrana run`: validate and score once, run the reports' analyses once, then render every province
report, the national report and the season index in parallel (kernels started ahead and kept, see runner.py):
each worker draws its report (`draw_prepared`, charts included) while its kernel starts or waits, and the
notebook's kernel only reads and displays what was drawn (drawn.py).

Invalid data or methodology stops before any kernel starts; a failing report never stops the others.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from ..cache import SeasonCache
from ..config import NOTEBOOKS_DIR
from ..engine import csv_bytes
from ..messages import LANGS, isolate, series, t
from ..methodology import proposal_banner
from ..outputs import FileSet, append_file, staged_path
from ..problems import NotebookParameterMissing
from ..rapor.cards import group_words
from ..scratch import remove_orphaned, working_folder
from ..uncertainty import DEFAULT_DRAWS, DEFAULT_SEED
from . import sections
from .context import (
    PreparedSeason,
    ReportContext,
    national_context,
    prepare_season,
    province_contexts,
    resolve_dir,
    with_notebook,
    workbook_version,
)
from .drawn import PREPARED_DIR, draw, save_drawn
from .index_page import (
    CardIndex,
    IndexEntry,
    SeasonIndex,
    StaleIndex,
    read_index,
    refresh_index,
    with_entries,
    write_index,
)
from .links import NATIONAL_KEY, report_filename, report_key
from .national import NationalReport
from .prepared import load_prepared, prepared_reports, save_prepared
from .province import ProvinceReport
from .quality import NATIONAL
from .runner import KERNEL_NAME, JobResult, Progress, ReportJob, ReportWorkers, fork_server, run_progress
from .sections import Footer

PROVINCE_NOTEBOOK = NOTEBOOKS_DIR / "laporan_provinsi.ipynb"
#: The parameters a province report's notebook is given (`_job`, with `provinsi`, `simulasi` and `seed`): a notebook
#: of the user's (`notebook`) sets each in its `parameters` cell.
PROVINCE_PARAMETERS = (
    "musim",
    "data_dir",
    "params_dir",
    "lang",
    "metodologi",
    "prepared",
    "provinsi",
    "simulasi",
    "seed",
)
NATIONAL_NOTEBOOK = NOTEBOOKS_DIR / "laporan_nasional.ipynb"
RUN_LOG = "paritrana-run.log"
"""The log in `<out>/<musim>/` to which a run adds the traceback of each report that failed outside its notebook's
cells (a bug, not bad data): never part of the run's set of reports, never required, its earlier entries kept."""
#: Imported once for every worker: this module (the reports, their charts and templates), the analyses' Sobol
#: module (imported only when the analyses run) and the notebook tools.
WORKER_MODULES = (__name__, "SALib.analyze.sobol", "SALib.sample.sobol", "papermill", "nbconvert")

if TYPE_CHECKING:
    import pandas as pd

    from ..problems import ValidationReport


@dataclass(frozen=True)
class RunOutcome:
    """What a run produced: one result per report, the index page (when written) and the index pages in another
    language that hold no data this version reads, so could not be written again to link it (`stale`: (language,
    page) each); the log holding the tracebacks of its failed reports (`log`, when it wrote one), or why it could
    not write it (`log_error`)."""

    results: list[JobResult]
    index: Path | None
    stale: tuple[tuple[str, Path], ...] = ()
    log: Path | None = None
    log_error: OSError | None = None
    left_over: tuple[Path, ...] = ()
    """A run of every report (`--all`): the report files of provinces the season no longer holds, from an earlier run
    (the index no longer links them; a folder published as it is would still show them)."""

    @property
    def failed(self) -> list[JobResult]:
        return [r for r in self.results if not r.ok]


def draw_prepared(source: Path, target: Path, lang: str, scores_csv: Path | None = None) -> None:
    """The report of the prepared file `source` (a province's or the national one) drawn in `lang` into `target`,
    for its notebook to display (run in a worker, before the notebook); with `scores_csv`, its ranking's score CSV
    written there too (the job commits it with the report)."""
    ready = load_prepared(source)
    if scores_csv is not None:
        scores_csv.write_bytes(csv_bytes(ready.context.scores))
    kind = NationalReport if ready.context.scope == NATIONAL else ProvinceReport
    save_drawn(draw(kind(ready.context, lang, ready.analysis)), target)


def _job(
    notebook: Path,
    key: str,
    title: str,
    ready: Path,
    prepared: PreparedSeason,
    out_dir: Path,
    lang: str,
    extra: dict[str, object],
    data_dir: Path,
    params_dir: Path,
    timeout: int,
) -> ReportJob:
    """The job of one report: its worker draws the prepared file `ready` into `<ready>.drawn`, the notebook's
    `prepared` parameter (the file's name, in the folder its kernel's `PARITRANA_PREPARED_DIR` names: no temporary
    path in the saved notebook); a province's also writes its ranking into `<ready>.csv`, committed with the report as
    `<key>.csv` (the full ranking beside it, for every number)."""
    season = prepared.season
    drawn = ready.with_suffix(".drawn")
    scores_csv = None if key == NATIONAL_KEY else ready.with_suffix(".csv")
    parameters: dict[str, object] = {
        "musim": season.musim,
        "data_dir": str(data_dir),
        "params_dir": str(params_dir),
        "lang": lang,
        "metodologi": str(prepared.methodology_file),
        "prepared": drawn.name,
        **extra,
    }
    html_path = out_dir / str(season.musim) / report_filename(key, lang)
    return ReportJob(
        key=key,
        notebook=notebook,
        parameters=parameters,
        html_path=html_path,
        title=title,
        lang=lang,
        timeout=timeout,
        before=partial(draw_prepared, ready, drawn, lang, scores_csv),
        environment={PREPARED_DIR: str(drawn.parent)},
        companions=() if scores_csv is None else ((f"{key}.csv", scores_csv),),
    )


def check_notebook_parameters(notebook: Path, lang: str) -> None:
    """Refuse `notebook` when its `parameters` cell (as papermill reads a Python one: the reports run in the run's own
    Python kernel, whatever the notebook's metadata names, or none) does not set each of PROVINCE_PARAMETERS:
    papermill would print its own English warning ("Passed unknown parameter") and run it with the value unused.
    NotebookParameterMissing names the notebook and the parameters, in `lang`."""
    import nbformat
    from papermill.translators import papermill_translators

    cells = nbformat.read(notebook, as_version=4).cells
    tagged = [cell for cell in cells if "parameters" in cell.get("metadata", {}).get("tags", [])]
    cell = tagged[0] if tagged else nbformat.v4.new_code_cell("")  # papermill's: the first
    defined = {p.name for p in papermill_translators.find_translator(KERNEL_NAME, "python").inspect(cell)}
    missing = [name for name in PROVINCE_PARAMETERS if name not in defined]
    if missing:
        names = series(missing, lang)
        text = t("report.notebook_parameter_missing", lang, notebook=notebook, names=names, count=len(missing))
        raise NotebookParameterMissing(text)


def run_reports(
    musim: int,
    data_dir: str | Path,
    params_dir: str | Path,
    out_dir: str | Path,
    lang: str = "id",
    provinces: list[str] | None = None,
    national: bool = True,
    metodologi: str | Path = "",
    n_jobs: int | None = None,
    notebook: Path | None = None,
    timeout: int = 600,
    progress: bool = True,
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
    season_cache: SeasonCache | bool | None = True,
    season_read: Callable[[ValidationReport], None] | None = None,
    previous_read: Callable[[ValidationReport], None] | None = None,
    checked: Callable[[], None] | None = None,
) -> RunOutcome:
    """Render the reports of `provinces` (codes or short names; default: every province in the data),
    then the national report and, for a full run, the index. Every report runs `draws` Monte Carlo
    draws seeded with `seed` for its rank intervals. `season_cache`: the `cache` of `prepare_season`.
    `season_read`: called, before any report, with the season's validation report; `previous_read` then with that of
    the previous season the reports compare with, when there is one (the command line prints their scoring warnings).
    `checked`: called once `notebook` passed its check, before the season is read (the command line's first warnings
    come after a refusal of the notebook).

    Raises NotebookParameterMissing (`notebook`'s parameters cell lacks one a run gives it) before any work, and
    SeasonInvalid, MethodologyInvalid or UnknownProvince before any kernel starts.
    """
    if notebook is not None:
        check_notebook_parameters(notebook, lang)
    if checked is not None:
        checked()
    given = (data_dir, params_dir)  # read as given, so that a message names them as typed (resolved for the kernels)
    data_dir, params_dir, out_dir = resolve_dir(data_dir), resolve_dir(params_dir), Path(out_dir).resolve()
    many = (n_jobs or os.cpu_count() or 1) > 1 and (provinces is None or len(provinces) + national > 1)
    with fork_server(WORKER_MODULES, start=many):  # its imports while this process reads and scores the season
        remove_orphaned()  # the working folders of an earlier run that was killed (kill -9): no live run's
        prepared = prepare_season(musim, *given, metodologi, season_cache)
        if season_read is not None and prepared.report is not None:
            season_read(prepared.report)
        if previous_read is not None and prepared.previous_report is not None:
            previous_read(prepared.previous_report)
        held = dict(zip(prepared.season.provinces["kode_wilayah"], prepared.season.provinces["nama"], strict=True))
        codes = list(held) if provinces is None else prepared.season.province_codes(provinces, lang)
        province_notebook = notebook or PROVINCE_NOTEBOOK
        cards = out_dir / str(musim)  # where `paritrana rapor` writes the participant cards the reports link to
        contexts = {  # before the workers start: their fork server may still be importing
            report_key(code): replace(with_notebook(context, province_notebook), cards=cards)
            for code, context in province_contexts(prepared, codes).items()
        }
        if national:  # its nominees link the provinces' reports this run makes
            national_report = with_notebook(national_context(prepared), NATIONAL_NOTEBOOK)
            contexts[NATIONAL_KEY] = replace(national_report, cards=cards, reports=frozenset(contexts))
        jobs: list[ReportJob] = []
        folder = out_dir / str(musim)
        stale: list[tuple[str, Path]] = []
        with (  # the run's reports and its index replace the earlier ones together when it ends, or none does
            FileSet(folder) as files,
            working_folder("prepared") as tmp,
            ReportWorkers(n_jobs, limit=len(codes) + national, preload=WORKER_MODULES) as workers,
        ):

            def report_jobs() -> Iterator[ReportJob]:
                """Each report's job, as soon as its analyses are done (the workers start it when free)."""
                for key, report in prepared_reports(prepared, contexts, draws, seed, workers.n_jobs, workers.map):
                    path = Path(tmp) / f"{key}.pkl"
                    save_prepared(report, path)
                    if key == NATIONAL_KEY:
                        notebook, title, extra = NATIONAL_NOTEBOOK, t("report.title_national", lang, musim=musim), {}
                    else:
                        code = report.context.scope
                        name = sections.province_name(report.context, code)
                        notebook, extra = province_notebook, {"provinsi": code}
                        # page text (the report's <title>, the season index), never printed: the name isolated
                        title = t("report.title_province", lang, musim=musim, provinsi=isolate(name))
                    parameters = {**extra, "simulasi": draws, "seed": seed}
                    where = (out_dir, lang, parameters, data_dir, params_dir, timeout)
                    jobs.append(_job(notebook, key, title, path, prepared, *where))
                    yield jobs[-1]

            with run_progress(len(contexts), lang, progress) as bar:  # one progress, the national report made again too
                finished = workers.run(report_jobs(), bar=bar)  # in the order the jobs came
                finished = _relinked(
                    finished, jobs, files, Path(tmp) / f"{NATIONAL_KEY}.pkl", partial(_again, workers, bar)
                )
            log, log_error = _log_traces(folder / RUN_LOG, finished, lang)
            done = {job.key: result for job, result in zip(jobs, finished, strict=True)}
            place = {key: number for number, key in enumerate(contexts)}
            # back in report order: provinces by code, then the national report
            jobs.sort(key=lambda job: place[job.key])
            results = [done[job.key] for job in jobs]
            run = _index(prepared, contexts, jobs, results, lang, folder, files)
            if provinces is None and national:
                index: Path | None = write_index(folder, run, files)
            else:  # some reports: the season index updated for them, the other reports' entries kept
                try:
                    index = write_index(folder, _updated_index(prepared, run, held, lang, folder), files)
                except StaleIndex as found:
                    index = None
                    stale.append((found.lang, found.path))
    for other in [code for code in LANGS if code != lang]:  # the index in another language links this one now
        try:
            refresh_index(folder, other)
        except StaleIndex as found:
            stale.append((found.lang, found.path))
    left_over = _left_over(folder, set(contexts)) if provinces is None and national else ()
    return RunOutcome(results, index, tuple(stale), log, log_error, left_over)


_REPORT_FILE = re.compile(r"(\d{2}(?:-[a-z0-9_]+)?)(?:\.[a-z]{2})?(?:\.failed)?\.(?:html|csv|ipynb)")
"""A province report's file in any language (`61-kalbar.html`, `61-kalbar.en.ipynb`, `61-kalbar.csv`), the notebook
of a failed one (`61-kalbar.failed.ipynb`) included: its report key first."""


def _left_over(folder: Path, keys: set[str]) -> tuple[Path, ...]:
    """The files of `folder` that are a province report's (`_REPORT_FILE`) of none of the report `keys`."""
    if not folder.is_dir():
        return ()
    left = []
    for path in folder.iterdir():
        found = _REPORT_FILE.fullmatch(path.name)
        if found is not None and found[1] not in keys and path.is_file():
            left.append(path)
    return tuple(sorted(left))


def _again(workers: ReportWorkers, bar: Progress, jobs: list[ReportJob]) -> list[JobResult]:
    """`jobs` made again by `workers`, counted as more reports in the run's progress `bar` (not a bar of their own)."""
    bar.more(len(jobs))
    return workers.run(jobs, bar=bar)


def _relinked(
    finished: list[JobResult],
    jobs: list[ReportJob],
    files: FileSet,
    ready: Path,
    run: Callable[[list[ReportJob]], list[JobResult]],
) -> list[JobResult]:
    """`finished`, the results of `jobs` (in order), with the national report made again (`run`) where it links a
    province's report that failed in this run and is not in the folder either (it was drawn while the provinces'
    reports were made): from its prepared file `ready`, linking only the reports there once the run's set `files` is
    committed. Its first page is dropped; made again, it fails or not as any report does."""
    national = next((job for job in jobs if job.key == NATIONAL_KEY), None)
    results = dict(zip((job.key for job in jobs), finished, strict=True))
    if national is None or not results[NATIONAL_KEY].ok:
        return finished
    missing = {job.key for job in jobs if job.key != NATIONAL_KEY and not files.holds(job.html_path)}
    report = load_prepared(ready)
    if not report.context.reports & missing:
        return finished
    context = replace(report.context, reports=report.context.reports - missing)
    save_prepared(replace(report, context=context), ready)
    for path in (national.html_path, national.ipynb_path):
        staged_path(path).unlink(missing_ok=True)
    [results[NATIONAL_KEY]] = run([national])
    return [results[job.key] for job in jobs]


def _log_traces(log: Path, results: list[JobResult], lang: str) -> tuple[Path | None, OSError | None]:
    """The tracebacks of `results` that carry one added to the file `log`, each under a line saying when, which
    workbook version, which report and its error in `lang`: (`log`, None) when written, (None, None) when there was
    nothing to add, (None, the error) when it could not be written (the run goes on without it)."""
    traced = [result for result in results if result.trace is not None]
    if not traced:
        return None, None
    when = datetime.now().astimezone().isoformat(timespec="seconds")
    version = workbook_version()
    text = "".join(
        t("report.log_entry", lang, time=when, version=version, key=result.key, error=result.error)
        + f"\n{result.trace}\n"
        for result in traced
    )
    try:
        append_file(log, text)
    except OSError as error:
        return None, error
    return log, None


def _updated_index(
    prepared: PreparedSeason, run: SeasonIndex, held: dict[str, str], lang: str, folder: Path
) -> SeasonIndex:
    """The season index in `lang` with the entries of `run` (a run of some reports): the index in `folder` when
    there is one, else one of the reports in `lang` found in `folder` (each named and linked, no podium: a report
    another run wrote). Raises StaleIndex when the index there holds no data this version reads."""
    order = [*(report_key(code) for code in held), NATIONAL_KEY]
    index = read_index(folder, lang)
    if index is None:
        done = {e.key for e in run.entries}
        found = [key for key in order if key not in done and (folder / report_filename(key, lang)).is_file()]
        codes = {report_key(code): code for code in held}
        contexts = {
            report_key(code): context
            for code, context in province_contexts(prepared, [codes[key] for key in found if key in codes]).items()
        }
        if NATIONAL_KEY in found:
            contexts[NATIONAL_KEY] = national_context(prepared)
        names = prepared.season.region_names()
        entries = tuple(
            IndexEntry(
                _title(key, codes, held, prepared.season.musim, lang),
                report_filename(key, lang),
                True,
                None,
                (),
                (),
                _card_indexes(_groups(contexts[key]), names, lang),
                key,
            )
            for key in found
        )
        index = replace(run, entries=entries)
    return with_entries(index, run, order)


def _title(key: str, codes: dict[str, str], held: dict[str, str], musim: int, lang: str) -> str:
    """The title of report `key` (a province's or the national one), as a run names it: a page's text (the season
    index's), the province's name isolated for bidirectional text."""
    if key == NATIONAL_KEY:
        return t("report.title_national", lang, musim=musim)
    return t("report.title_province", lang, musim=musim, provinsi=isolate(held[codes[key]]))


def _groups(context: ReportContext) -> list[tuple[str, pd.DataFrame]]:
    """(category, ranking group) of every group a report shows."""
    return [(k, group) for k in sections.held_categories(context) for group in sections.ranking_groups(context, k)]


def _card_indexes(groups: list[tuple[str, pd.DataFrame]], names: dict[str, str], lang: str) -> tuple[CardIndex, ...]:
    """The ranking groups of a report (`_groups`), whose card indexes the season index links where they are on
    disk."""
    kelompok = dict.fromkeys(str(group["kelompok"].iloc[0]) for _, group in groups)
    return tuple(CardIndex(g, group_words(g, names, partial(t, lang=lang))) for g in kelompok)


def _index(
    prepared: PreparedSeason,
    contexts: dict[str, ReportContext],
    jobs: list[ReportJob],
    results: list[JobResult],
    lang: str,
    folder: Path,
    files: FileSet,
) -> SeasonIndex:
    """The season index of a run: each report's status, podiums, special awards and ranking groups (whose card
    indexes `write_index` links where `paritrana rapor` wrote them); a report is linked where it is once the run's
    set `files` is committed."""
    entries = []
    names = prepared.season.region_names()
    for job, result in zip(jobs, results, strict=True):
        context = contexts[job.key]
        groups = _groups(context)
        podium = [
            (sections.group_title(context, k, group, lang), [(r, n) for r, n, _ in sections.podium(group)])
            for k, group in groups
        ]
        won = context.scores.penghargaan
        awards = [
            (getattr(a.label, lang), won.loc[won["penghargaan"] == a.id, "nama"].tolist())
            for a in prepared.methodology.penghargaan_khusus
            if a.kategori in sections.report_categories(context)
        ]
        href = job.html_path.relative_to(folder).as_posix() if files.holds(job.html_path) else None
        cards = _card_indexes(groups, names, lang)
        entries.append(IndexEntry(job.title, href, result.ok, result.error, podium, awards, cards, job.key))
    footer = Footer(
        "",
        (
            t("report.footer_version", lang, version=workbook_version()),
            t("report.footer_methodology", lang, file=prepared.methodology_file.name, digest=prepared.methodology_hash),
        ),
    )
    return SeasonIndex(
        prepared.season.musim,
        lang,
        tuple(entries),
        prepared.season.illustrative,
        footer,
        proposal_banner(prepared.methodology_file, prepared.season.musim, lang),
    )

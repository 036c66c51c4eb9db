"""The `paritrana` command line: thin sub-commands over the package API.

Bad data ends with the validation messages and exit code 1, never a traceback.
"""
from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .config import DATA_DIR, DEFAULT_SEASON, PARAMS_DIR, REPORTS_DIR
from .intake.commands import add_parsers, intake_command, status_command, template_command
from .messages import LANGS, t
from .methodology import Methodology, MethodologyInvalid
from .problems import SeasonInvalid
from .schema import KATEGORI
from .season import Season, load_season
from .uncertainty import DEFAULT_DRAWS, DEFAULT_SEED


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--season", type=int, default=DEFAULT_SEASON,
                        help="award season (musim); it assesses the previous year (default %(default)s)")
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR,
                        help="folder holding <season>/ with the input tables (default %(default)s)")
    parser.add_argument("--lang", choices=LANGS, default="id",
                        help="language of messages: id (Bahasa Indonesia) or en (default %(default)s)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every sub-command."""
    parser = argparse.ArgumentParser(prog="paritrana", description="Paritrana Award evaluation workbook.")
    sub = parser.add_subparsers(dest="command", required=True)
    validate = sub.add_parser("validate", help="check a season's input files and print every problem")
    _common(validate)
    validate.add_argument("--max-per-kind", type=int, default=20,
                          help="print at most this many problems of one kind per file (default %(default)s)")
    generate = sub.add_parser("generate", help="write a seeded illustrative season folder")
    generate.add_argument("--out", type=Path, required=True, help="season folder to write")
    generate.add_argument("--season", type=int, default=DEFAULT_SEASON)
    generate.add_argument("--scale", choices=("kalimantan", "national"), default="kalimantan")
    generate.add_argument("--seed", type=int, default=2025)
    score = sub.add_parser("score", help="score and rank a season; write one CSV row per participant")
    _common(score)
    score.add_argument("--params-dir", type=Path, default=PARAMS_DIR,
                       help="folder holding <season>/metodologi.yaml (default %(default)s)")
    score.add_argument("--methodology", type=Path, default=None,
                       help="methodology YAML file to use instead of <params-dir>/<season>/metodologi.yaml")
    score.add_argument("--province", default=None,
                       help="only this province: a code (61) or a short name (kalbar); pemprov keeps its national rank")
    score.add_argument("--category", choices=KATEGORI, default=None, help="only this category")
    score.add_argument("--out", type=Path, required=True, help="CSV file to write")
    score.add_argument("--uncertainty", type=int, default=0, metavar="N",
                       help="add rank intervals from N perturbed re-scorings (columns peringkat_median, "
                            "peringkat_p05, peringkat_p95, peringkat_stabil_pct); 0 = off (default)")
    score.add_argument("--seed", type=int, default=None,
                       help=f"random seed of --uncertainty (default {DEFAULT_SEED}; printed)")
    jury = sub.add_parser("jury", help="jury reliability: one CSV row per juror per ranking group with interviews")
    _common(jury)
    jury.add_argument("--params-dir", type=Path, default=PARAMS_DIR,
                      help="folder holding <season>/metodologi.yaml (default %(default)s)")
    jury.add_argument("--methodology", type=Path, default=None,
                      help="methodology YAML file to use instead of <params-dir>/<season>/metodologi.yaml")
    jury.add_argument("--province", default=None,
                      help="only the groups of this province: a code (61) or a short name (kalbar); "
                           "the national pemprov group is kept")
    jury.add_argument("--out", type=Path, required=True, help="CSV file to write")
    gaps = sub.add_parser("gaps", help="what it would take: per participant below first place, the change to one "
                                       "input column that lifts it above the one ranked just above")
    _common(gaps)
    gaps.add_argument("--params-dir", type=Path, default=PARAMS_DIR,
                      help="folder holding <season>/metodologi.yaml (default %(default)s)")
    gaps.add_argument("--methodology", type=Path, default=None,
                      help="methodology YAML file to use instead of <params-dir>/<season>/metodologi.yaml")
    gaps.add_argument("--province", default=None,
                      help="only this province: a code (61) or a short name (kalbar); pemprov keeps its national rank")
    gaps.add_argument("--category", choices=KATEGORI, default=None, help="only this category")
    gaps.add_argument("--out", type=Path, required=True, help="CSV file to write")
    run = sub.add_parser("run", help="render the HTML ranking reports (validates and scores first)")
    _common(run)
    run.add_argument("--params-dir", type=Path, default=PARAMS_DIR,
                     help="folder holding <season>/metodologi.yaml (default %(default)s)")
    run.add_argument("--methodology", type=Path, default=None,
                     help="methodology YAML file to use instead of <params-dir>/<season>/metodologi.yaml")
    which = run.add_mutually_exclusive_group(required=True)
    which.add_argument("--province", help="one province: a code (61) or a short name (kalbar)")
    which.add_argument("--all", action="store_true",
                       help="every province in the data, then the national report and the season index")
    run.add_argument("--out", type=Path, default=REPORTS_DIR, help="reports folder (default %(default)s)")
    run.add_argument("--jobs", type=int, default=None, help="notebooks run at once (default: number of cores)")
    run.add_argument("--timeout", type=int, default=600, help="seconds allowed per notebook cell (default %(default)s)")
    run.add_argument("--draws", type=int, default=DEFAULT_DRAWS, metavar="N",
                     help="Monte Carlo draws for the rank intervals in each report (default %(default)s)")
    run.add_argument("--seed", type=int, default=DEFAULT_SEED,
                     help="seed of the draws, recorded in the reports (default %(default)s)")
    run.add_argument("--notebook", type=Path, default=None,
                     help="a customised province notebook to run instead of notebooks/laporan_provinsi.ipynb")
    explore = sub.add_parser("explore", help="serve the weight explorer on localhost (Voila, no code shown)")
    _common(explore)
    explore.add_argument("--params-dir", type=Path, default=PARAMS_DIR,
                         help="folder holding <season>/metodologi.yaml; saved methodologies go there (default %(default)s)")
    explore.add_argument("--methodology", type=Path, default=None, help="methodology to start from")
    explore.add_argument("--port", type=int, default=8866, help="localhost port (default %(default)s)")
    add_parsers(sub, _common)
    return parser


def summary(season: Season, lang: str) -> str:
    """One paragraph describing what a season holds."""
    tahun = season.tahun
    pemda_t = season.pemda[season.pemda["tahun"] == tahun]
    lines = [t("cli.season_summary", lang, musim=season.musim, year=tahun, prev=tahun - 1,
               provinces=int((pemda_t["kode_wilayah"].str.len() == 2).sum()),
               regions=int((pemda_t["kode_wilayah"].str.len() == 5).sum()),
               villages=int((season.desa["tahun"] == tahun).sum()),
               businesses=int((season.badan_usaha["tahun"] == tahun).sum()),
               scores=len(season.wawancara), jurors=season.wawancara["juri"].nunique())]
    for name, path in season.files.items():
        frame = getattr(season, name)
        lines.append("  " + t("summary.table", lang, table=name, rows=len(frame), file=path.name))
    if season.illustrative:
        lines.append(t("summary.illustrative", lang))
    return "\n".join(lines)


def _validate(args: argparse.Namespace) -> int:
    result = load_season(args.season, args.data_dir)
    print(result.report.render(args.lang, args.max_per_kind))
    if result.season is not None:
        print(summary(result.season, args.lang))
    return 0 if result.report.ok else 1


def _generate(args: argparse.Namespace) -> int:
    from .synthetic import generate_season

    counts = generate_season(args.out, musim=args.season, scale=args.scale, seed=args.seed)
    for table, rows in counts.items():
        print(f"{table}: {rows}")
    return 0


def _score_provinces(value: str | None, season: Season, lang: str) -> tuple[list[str] | None, str | None]:
    """The --province filter as codes (None = all), or the message for an unknown or absent province."""
    from .regions import SHORT_NAMES, resolve_province

    if value is None:
        return None, None
    present = dict(zip(season.provinces["kode_wilayah"], season.provinces["nama"]))
    code = resolve_province(value, present)
    if code is None:
        return None, t("cli.unknown_province", lang, value=value, allowed=", ".join(SHORT_NAMES))
    if code not in present:
        return None, t("cli.province_not_in_season", lang, value=code, musim=season.musim, allowed=", ".join(present))
    return [code], None


class _Stop(Exception):
    """A command cannot go on: `message` is printed and the command exits with `code`."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.message, self.code = message, code


@dataclass(frozen=True)
class _Inputs:
    """What score, gaps and jury work on: a valid season and methodology, the --province and --category filters."""

    season: Season
    methodology: Methodology
    provinces: list[str] | None
    categories: list[str] | None


def _inputs(args: argparse.Namespace) -> _Inputs:
    """Load and check the season, the methodology and the filters; raise _Stop with the messages otherwise."""
    from .methodology import default_methodology_path, load_methodology

    result = load_season(args.season, args.data_dir)
    if result.season is None:
        raise _Stop(result.report.render(args.lang), 1)
    path = args.methodology or default_methodology_path(args.params_dir, args.season)
    try:
        methodology = load_methodology(path, musim=args.season)
    except MethodologyInvalid as invalid:
        raise _Stop(invalid.render(args.lang), 1) from None
    provinces, problem = _score_provinces(args.province, result.season, args.lang)
    if problem is not None:
        raise _Stop(problem, 2)
    category = getattr(args, "category", None)
    if category is not None and category not in methodology.kategori:
        raise _Stop(t("cli.category_not_in_methodology", args.lang, value=category, file=path,
                      allowed=", ".join(methodology.categories())), 1)
    return _Inputs(result.season, methodology, provinces, None if category is None else [category])


def _score(args: argparse.Namespace) -> int:
    from .engine import score_season, write_scores_csv

    if args.uncertainty < 0:
        raise _Stop(t("cli.uncertainty_negative", args.lang, value=args.uncertainty), 2)
    inputs = _inputs(args)
    scores = score_season(inputs.season, inputs.methodology, inputs.provinces, inputs.categories)
    extra = None
    if args.uncertainty:
        from .uncertainty import uncertainty_columns

        seed = DEFAULT_SEED if args.seed is None else args.seed
        extra = uncertainty_columns(inputs.season, scores, inputs.provinces, args.uncertainty, seed)
        print(t("cli.uncertainty", args.lang, draws=args.uncertainty, seed=seed))
    write_scores_csv(scores, args.out, extra)
    print(t("cli.scored", args.lang, musim=args.season, count=len(scores.peserta),
            unscored=int((~scores.peserta["dinilai"]).sum()), out=args.out))
    return 0


def _jury(args: argparse.Namespace) -> int:
    from .engine import score_season
    from .reliability import jury_reliability, write_reliability_csv

    inputs = _inputs(args)
    scores = score_season(inputs.season, inputs.methodology)
    table = jury_reliability(inputs.season, inputs.methodology, scores, inputs.provinces)
    write_reliability_csv(table, args.out)
    groups = len(table[["kategori", "kode_provinsi"]].drop_duplicates())
    print(t("cli.jury_written", args.lang, musim=args.season, groups=groups, rows=len(table),
            flagged=int(table["ditandai"].sum()), out=args.out))
    return 0


def _gaps(args: argparse.Namespace) -> int:
    from .gaps import what_it_takes, write_gaps_csv

    inputs = _inputs(args)
    table = what_it_takes(inputs.season, inputs.methodology, provinces=inputs.provinces, categories=inputs.categories)
    write_gaps_csv(table, args.out)
    print(t("cli.gaps_written", args.lang, musim=args.season, count=len(table),
            participants=len(table[["kategori", "id_peserta"]].drop_duplicates()), enough=int(table["cukup"].sum()),
            out=args.out))
    return 0


def _run(args: argparse.Namespace) -> int:
    from .report.pipeline import UnknownProvince, run_reports

    if args.draws < 1:
        print(t("cli.draws_too_few", args.lang, value=args.draws))
        return 2
    try:
        outcome = run_reports(args.season, args.data_dir, args.params_dir, args.out, lang=args.lang,
                              provinces=None if args.all else [args.province], national=args.all,
                              metodologi=args.methodology or "", n_jobs=args.jobs, notebook=args.notebook,
                              timeout=args.timeout, draws=args.draws, seed=args.seed)
    except UnknownProvince as unknown:
        print(t("cli.unknown_province", args.lang, value=unknown.value, allowed=", ".join(unknown.allowed)))
        return 2
    for result in outcome.results:
        if result.ok:
            print(t("cli.report_ok", args.lang, key=result.key, path=result.html_path, seconds=f"{result.seconds:.1f}"))
        else:
            print(t("cli.report_failed", args.lang, key=result.key, error=result.error))
    if outcome.index is not None:
        print(t("cli.index_written", args.lang, path=outcome.index))
    if outcome.failed:
        print(t("cli.reports_failed", args.lang, count=len(outcome.failed),
                keys=", ".join(r.key for r in outcome.failed)))
        return 1
    return 0


def _explore(args: argparse.Namespace) -> int:
    from .explorer_server import serve

    result = load_season(args.season, args.data_dir)
    if result.season is None:
        print(result.report.render(args.lang))
        return 1
    print(t("cli.explore_serving", args.lang, url=f"http://127.0.0.1:{args.port}/"), flush=True)
    return serve(args.season, args.data_dir, args.params_dir, args.lang, args.port, args.methodology or "")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `paritrana` console script."""
    if argv is None and hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `paritrana ... | head` ends quietly
    args = build_parser().parse_args(argv)
    handlers = {"validate": _validate, "generate": _generate, "score": _score, "jury": _jury, "gaps": _gaps,
                "run": _run, "explore": _explore}
    handlers |= {"template": template_command, "intake": intake_command, "status": status_command}
    try:
        return handlers[args.command](args)
    except SeasonInvalid as invalid:  # invalid data found by `paritrana run` or while scoring
        print(invalid.report.render(args.lang))
        return 1
    except MethodologyInvalid as invalid:
        print(invalid.render(args.lang))
        return 1
    except _Stop as stop:
        print(stop.message)
        return stop.code


if __name__ == "__main__":
    sys.exit(main())

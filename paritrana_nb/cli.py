"""The `paritrana` command line: thin sub-commands over the package API.

Bad data ends with the validation messages and exit code 1, never a traceback.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .config import DATA_DIR, DEFAULT_SEASON, performance_year
from .messages import LANGS, t
from .season import Season, load_season


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


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `paritrana` console script."""
    args = build_parser().parse_args(argv)
    handlers = {"validate": _validate, "generate": _generate}
    return handlers[args.command](args)


if __name__ == "__main__":
    sys.exit(main())

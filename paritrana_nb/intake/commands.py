"""The `template`, `intake` and `status` sub-commands: argument parsing and printing only.

Bad input ends with a message on standard error and exit code 1 (2 for a wrong argument), never a traceback;
results go to standard output (intake's report of the files' problems is its result, as validate's is; an
intake that merged nothing, and a broken methodology, are errors on standard error; `status` then writes
nothing).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..messages import NO_ROOM, Ref, os_reason, series, t, unwritable
from ..methodology import Methodology
from ..problems import ValidationReport, same_id, shown_text
from ..validate import MAX_ID_CHARS

if TYPE_CHECKING:
    from .workbook import WrittenWorkbooks

FAULTY_SHOWN = 10
"""How many of the inbox's files with errors `paritrana status` names in the terminal (the page lists them all)."""


def add_parsers(
    sub: argparse._SubParsersAction,
    parents: list[argparse.ArgumentParser],
    template_parents: list[argparse.ArgumentParser],
    per_kind: Callable[[str], int],
    h: Callable[..., str],
    m: Callable[[str], str],
    path: Callable[[str], Path],
    file_out: Callable[[str], Path],
) -> None:
    """Add the three intake sub-commands; `parents` give --season, --lang, --data-dir, --params-dir, --methodology,
    `template_parents` the same for `template`, whose help says that it reads a methodology only with --jury;
    `per_kind` is the argparse type of `--max-per-kind` (a whole number in its range), `h(key, **fields)` a help text
    of the catalogue in the command's language, `m(key)` an option's value name (metavar) there, `path` the argparse
    type of a path (never empty), `file_out` that of a file to write."""
    template = sub.add_parser(
        "template", parents=template_parents, help=h("help.template"), description=h("help.template")
    )
    template.add_argument("--province", default=None, metavar=m("metavar.province"), help=h("help.template_province"))
    template.add_argument(
        "--out", type=path, required=True, metavar=m("metavar.out_folder"), help=h("help.template_out")
    )
    template.add_argument("--jury", action="store_true", help=h("help.jury_sheets"))
    template.add_argument("--jurors", default=None, metavar=m("metavar.jurors"), help=h("help.jurors"))
    template.add_argument(
        "--finalists", type=path, default=None, metavar=m("metavar.finalists"), help=h("help.finalists")
    )
    template.add_argument("--force", action="store_true", help=h("help.template_force"))
    intake = sub.add_parser("intake", parents=parents, help=h("help.intake"), description=h("help.intake"))
    inbox = m("metavar.inbox")
    intake.add_argument("--from", dest="inbox", type=path, required=True, metavar=inbox, help=h("help.inbox"))
    intake.add_argument("--out", type=path, required=True, metavar=m("metavar.out_folder"), help=h("help.intake_out"))
    intake.add_argument(
        "--max-per-kind",
        type=per_kind,
        default=20,
        metavar=m("metavar.max_per_kind"),
        help=h("help.intake_max_per_kind", default=20),
    )
    status = sub.add_parser("status", parents=parents, help=h("help.status"), description=h("help.status"))
    status.add_argument("--from", dest="inbox", type=path, default=None, metavar=inbox, help=h("help.status_inbox"))
    status.add_argument("--out", type=file_out, required=True, metavar=m("metavar.out_file"), help=h("help.status_out"))


def _methodology(args: argparse.Namespace) -> tuple[Methodology | None, str | None]:
    """The methodology the merged season is checked against, or None and its messages."""
    from ..methodology import MethodologyInvalid, default_methodology_path, load_methodology

    path = args.methodology or default_methodology_path(args.params_dir, args.season)
    try:
        return load_methodology(path, args.season, "--season", named=args.methodology is not None), None
    except MethodologyInvalid as invalid:
        return None, invalid.render(args.lang)


def _warn(message: str) -> None:
    """An error or a warning: on standard error, so that standard output holds only results."""
    print(message, file=sys.stderr, flush=True)


def _cannot_write(exc: OSError, lang: str, out: Path) -> int:
    """1, once the file `exc` names is said to be unwritable; an error naming no file (standard output, `> /dev/full`),
    or a file neither in `out` nor a folder above it (an input: musim.yaml, the region list) unless the write found no
    room there (the temporary folder, where openpyxl writes a workbook's sheets first), is raised again, for the
    command line to say so (cli.os_error: it cannot be used). A full temporary folder is said as such: made room in
    or moved (TMPDIR), as another --out would not help."""
    from ..outputs import within

    if exc.filename is None:
        raise exc
    named = Path(exc.filename)
    if exc.errno not in NO_ROOM and not (within(named, out) or within(out, named)):
        raise exc
    shown = shown_text(str(exc.filename), None)  # a path: quoted as `t` quotes a Path
    if exc.errno in NO_ROOM and within(named, Path(tempfile.gettempdir())) and not within(named, out):
        _warn(t("cli.temp_no_room", lang, folder=shown, reason=os_reason(exc)))  # --out elsewhere would not help
    else:
        _warn(unwritable(shown, exc, lang))
    return 1


def template_command(args: argparse.Namespace) -> int:
    """`paritrana template`."""
    from ..cli import _check_out  # the workbook's one rule for where results may go
    from .workbook import WorkbooksExist

    _check_out(args, args.out, folder=True)
    jury_only = {"--jurors": args.jurors, "--finalists": args.finalists, "--methodology": args.methodology}
    given = [option for option, value in jury_only.items() if value is not None]
    if given and not args.jury:  # not ignored in silence: the user meant sheets, or an option is left over
        _warn(t("cli.template_jury_only", args.lang, options=", ".join(given)))
        return 2
    if getattr(args, "params_dir_given", False) and not args.jury:  # every command takes it: told, not refused
        _warn(t("cli.template_params_dir_unused", args.lang, folder=args.params_dir))
    try:
        return _template(args)
    except WorkbooksExist as held:
        _warn(held.message(args.lang))
        return 1
    except OSError as exc:
        return _cannot_write(exc, args.lang, args.out)


def _template(args: argparse.Namespace) -> int:
    from ..season import season_folder
    from .templates import load_regions, season_year, write_templates

    wilayah, ref, report = load_regions(args.season, args.data_dir, regions_only=not args.jury)
    if wilayah is None:
        _warn(report.render(args.lang, bad="summary.bad" if args.jury else "summary.templates_not_written"))
        return 1
    provinces = dict(
        zip(
            wilayah.loc[wilayah["tingkat"] == "provinsi", "kode_wilayah"],
            wilayah.loc[wilayah["tingkat"] == "provinsi", "nama"],
            strict=True,
        )
    )
    chosen, code = _province(args, provinces)
    if code:
        return code
    if args.jury:
        return _jury(args, chosen[0] if args.province else None)
    tahun = season_year(args.season, [season_folder(args.data_dir, args.season)])
    written = write_templates(wilayah, args.season, tahun, chosen, args.out, args.lang, ref, args.force)
    print(t("cli.templates_written", args.lang, count=written.written, musim=args.season, out=args.out))
    _unchanged(written, args)
    return 0


def _unchanged(written: WrittenWorkbooks, args: argparse.Namespace) -> None:
    """Say how many workbooks were there already as they would be written, and were left as they were."""
    if written.unchanged:
        print(t("cli.workbooks_unchanged", args.lang, count=len(written.unchanged), out=args.out))


def _province(args: argparse.Namespace, provinces: dict[str, str]) -> tuple[list[str], int]:
    from ..regions import province_choices, resolve_province, unknown_province

    if args.province is None:
        return sorted(provinces), 0
    code = resolve_province(args.province, provinces)
    allowed = ", ".join(province_choices(sorted(provinces)))  # the region list's provinces, as `paritrana run` says
    if code is None:
        _warn(unknown_province(args.province, provinces, args.lang))
        return [], 2
    if code not in provinces:
        _warn(t("cli.province_not_in_season", args.lang, value=code, musim=args.season, allowed=allowed))
        return [], 2
    return [code], 0


def _jury(args: argparse.Namespace, province: str | None) -> int:
    from ..outputs import starts_like_formula
    from ..season import load_season, season_folder
    from .jury_sheets import (
        JUROR_ID,
        NATIONAL,
        jury_categories,
        jury_specs,
        other_juries,
        participants,
        proposed_finalists,
        read_finalists,
        unweighted_categories,
        write_jury_sheets,
    )

    finalists_file = args.finalists or season_folder(args.data_dir, args.season) / "finalis.csv"
    if _not_a_file(finalists_file):  # a folder, a link to nothing: never passed over for the proposed shortlist
        broken = ValidationReport(args.season)
        broken.add("error", "E_NOT_A_FILE", str(finalists_file))
        _warn_problems(broken, args.lang)
        return 2 if args.finalists is not None else 1
    if args.finalists is not None and not args.finalists.is_file():
        _warn(t("cli.finalists_missing", args.lang, path=args.finalists))
        return 2
    jurors = [j.strip() for j in (args.jurors or "").split(",") if j.strip()]
    if not jurors:
        _warn(t("cli.jurors_required", args.lang))
        return 2
    bad = [j for j in jurors if not JUROR_ID.match(j)]
    if bad:
        _warn(t("cli.bad_juror", args.lang, value=shown_text(bad[0])))  # a zero-width space in it shown
        return 2
    dashed = [j for j in jurors if starts_like_formula(j)]  # `-J1`: its sheets' `juri` cells warned of at intake
    if dashed:
        _warn(t("cli.juror_formula", args.lang, value=dashed[0]))
        return 2
    long = [j for j in jurors if len(j) > MAX_ID_CHARS]  # its scores would be refused at intake (`juri` cells)
    if long:
        _warn(
            t("cli.juror_too_long", args.lang, value=shown_text(long[0], 50), actual=len(long[0]), limit=MAX_ID_CHARS)
        )
        return 2
    repeated = _repeated_juror(jurors)
    if repeated is not None:
        first, again = repeated
        key = "cli.juror_repeated" if first == again else "cli.juror_repeated_case"
        _warn(t(key, args.lang, value=again, other=first))
        return 2
    loaded = load_season(args.season, args.data_dir, option="--season")
    if loaded.season is None:
        _warn(loaded.report.render(args.lang))
        return 1
    methodology, problem = _methodology(args)
    if problem is not None:
        _warn(problem)
    if methodology is None:
        return 1
    categories = jury_categories(methodology, national=province is None)
    peserta = participants(loaded.season, methodology, categories, province)
    report = ValidationReport(args.season)
    if finalists_file.is_file():
        elsewhere = other_juries(loaded.season, methodology, categories)
        unweighted = unweighted_categories(methodology)
        where = province or NATIONAL
        finalists = read_finalists(finalists_file, peserta, categories, where, report, elsewhere, unweighted)
    else:
        finalists = proposed_finalists(peserta)
    _warn_problems(report, args.lang)
    if not report.ok:
        return 1
    for kategori in unweighted_categories(methodology, national=province is None):
        _warn(f"[{t('severity.warning', args.lang)}] {t('W_NO_INTERVIEW_SHEETS', args.lang, kategori=kategori)}")
    for kategori in categories:
        if not any(f.kategori == kategori for f in finalists):
            _warn(f"[{t('severity.warning', args.lang)}] {t('W_NO_FINALISTS', args.lang, kategori=kategori)}")
    specs = jury_specs(
        finalists, methodology, categories, jurors, args.season, loaded.season.tahun, province or NATIONAL, args.lang
    )
    written = write_jury_sheets(specs, args.out, args.lang, args.force)
    finalists_counted = Ref("count.finalists", count=len(finalists))
    print(t("cli.jury_sheets_written", args.lang, count=written.written, finalists=finalists_counted, out=args.out))
    _unchanged(written, args)
    return 0


def _repeated_juror(jurors: list[str]) -> tuple[str, str] | None:
    """The first juror of `jurors` given again, and its repeat: the same id, or one that differs in upper or lower
    case only (`same_id`, as validate's E_JUROR_CASE: the interview scores would take the two for one juror)."""
    seen: dict[str, str] = {}
    for juror in jurors:
        read_as = same_id(juror).casefold()
        if read_as in seen:
            return seen[read_as], juror
        seen[read_as] = juror
    return None


def _warn_problems(report: ValidationReport, lang: str) -> None:
    """Each problem of `report` on standard error, with its severity."""
    for found in report.problems:
        _warn(f"[{t(f'severity.{found.severity}', lang)}] {found.message(lang)}")


def _not_a_file(path: Path) -> bool:
    """Whether `path` names something that is no readable file: a folder, a link to nothing, a pipe, a device."""
    return (path.exists() or path.is_symlink()) and not path.is_file()


def intake_command(args: argparse.Namespace) -> int:
    """`paritrana intake`."""
    from ..cli import _check_out
    from ..season import season_folder
    from .merge import run_intake

    # refused before the inbox is read, as every command's --out: the season's own data folder is intake's to write
    _check_out(args, args.out, folder=True, own=season_folder(args.data_dir, args.season))
    methodology, problem = _methodology(args)
    try:
        result = run_intake(args.season, args.inbox, args.out, args.data_dir, methodology)
    except OSError as exc:
        return _cannot_write(exc, args.lang, args.out)
    if result.stopped:  # nothing merged (no inbox, no row in it, --out inside it, no region list): an error
        _warn(result.render(args.lang, args.max_per_kind))
        return 1
    print(result.render(args.lang, args.max_per_kind))
    if problem is not None:
        _warn(problem)
    return 0 if result.ok and problem is None else 1


def status_command(args: argparse.Namespace) -> int:
    """`paritrana status`."""
    from ..cli import _check_out
    from ..outputs import within
    from ..season import season_folder
    from .merge import run_intake
    from .tracker import status_csv_path, track, write_status

    inbox = args.inbox or season_folder(args.data_dir, args.season) / "inbox"
    html_path = args.out if args.out.suffix.lower() != ".csv" else args.out.with_suffix(".html")
    csv_path = status_csv_path(html_path)
    if within(html_path, inbox):
        _warn(t("E_STATUS_OUT_IN_INBOX", args.lang, out=args.out, inbox=inbox))
        return 1
    # the page and its CSV, one named by --out and the other written beside it: the same rules (never an input, ...)
    _check_out(args, html_path, folder=False, beside=None if html_path == args.out else Ref("cli.beside_page"))
    _check_out(args, csv_path, folder=False, beside=None if csv_path == args.out else Ref("cli.beside_csv"))
    methodology, problem = _methodology(args)
    if problem is not None:  # a tracker that checked nothing against it would look clean: nothing written
        _warn(problem)
        return 1
    result = run_intake(args.season, inbox, None, args.data_dir, methodology)
    if result.stopped:
        _warn(result.render(args.lang))
        return 1
    tracker = track(result, args.lang)
    try:
        write_status(tracker, html_path, args.lang)
    except OSError as exc:
        return _cannot_write(exc, args.lang, html_path.parent)
    print(
        t(
            "cli.status_written",
            args.lang,
            musim=args.season,
            arrived=tracker.arrived,
            expected=tracker.expected,
            files=Ref("count.files", count=len(tracker.files)),
            bad=len(tracker.faulty),
            html=html_path,
            csv=csv_path,
        )
    )
    if tracker.faulty:  # named here too: an analyst at the terminal need not open the page to know which
        print(t("cli.status_faulty", args.lang, files=series(tracker.faulty, args.lang, shown=FAULTY_SHOWN)))
    return 0

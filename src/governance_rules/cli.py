"""The command line: ``governance-rules check|ingest|calendar|validate|rules|explain|schema``.

A thin imperative shell over the public API. It is the only place that reads the clock
(today's date in the province's timezone, when ``--as-of`` is not given) and the
environment (the locale, for ``--lang``). Errors are one line each on stderr, exit 2.
"""

from __future__ import annotations

import argparse
import codecs
import io
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, NoReturn
from zoneinfo import ZoneInfo

from pydantic import TypeAdapter

from ._check import check, stream_check
from ._scenarios import run_scenarios
from ._text import printable
from ._version import __version__
from .errors import DefinitionError, GovernanceRulesError, InputError, LanguageError, Problem
from .i18n import STATUS_LABELS, accounting_text, language, message, pick
from .io import Intake, load_policy, load_register, template_workbook
from .model import (
    EVENT_ADAPTER,
    FIRST_DAY,
    LAST_DAY,
    STATUSES,
    Accounting,
    CheckReport,
    Period,
    Policy,
    Register,
    in_range,
)
from .monitor import Monitor
from .plugins import RenderContext, Rendered, installed, read_any, streaming
from .report import (
    render_days_off,
    render_ics,
    render_rules_markdown,
    render_rules_table,
    rule_lines,
)
from .rules import CATALOGUE, Catalogue, static_problems, with_packs
from .simulate import Simulation, simulate
from .store import EventStore, StoreError

PROG = "governance-rules"
EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2
PROGRESS_MIN_BYTES = 1 << 20  # input this large shows progress on a terminal


class UsageError(Exception):
    """Bad command-line usage."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _date(text: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        shaped = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
        if shaped:  # the form is right: the day is not in the calendar
            raise argparse.ArgumentTypeError(f"'{text}' is no day of the calendar") from None
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, got '{text}'") from None
    try:
        return in_range(day)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _count(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"expected a number of days, got '{text}'")
    return int(text)


def _year(text: str) -> int:
    if not (text.isascii() and text.isdigit() and len(text) == 4):
        raise argparse.ArgumentTypeError(f"expected a year YYYY, got '{text}'")
    year = int(text)
    if not FIRST_DAY.year <= year <= LAST_DAY.year:
        raise argparse.ArgumentTypeError(
            f"year {year} is outside the years this release accepts "
            f"({FIRST_DAY.year} to {LAST_DAY.year})"
        )
    return year


def default_lang(
    environ: os._Environ[str] | dict[str, str] | None = None,
    system: Callable[[], str] | None = None,
) -> str:
    """``vi`` when the locale is Vietnamese (``vi*``), else ``en``: the first of
    ``LC_ALL``, ``LC_MESSAGES`` and ``LANG`` that is set, else the ``system``'s language
    (:func:`system_language`: on Windows, which sets none of them, the user's display
    language)."""
    env = os.environ if environ is None else environ
    named = (env.get(name) for name in ("LC_ALL", "LC_MESSAGES", "LANG"))
    setting = next(filter(None, named), None) or (system or system_language)()
    return "vi" if setting.lower().startswith("vi") else "en"


def system_language() -> str:
    """The Windows user's display language as a locale name (``vi_VN``); ``""`` elsewhere,
    where the locale's variables say it."""
    if sys.platform != "win32":
        return ""
    import ctypes
    import locale

    code = ctypes.windll.kernel32.GetUserDefaultUILanguage()
    return str(locale.windows_locale.get(int(code), ""))


def _language(value: str) -> str:
    try:
        return language(value)
    except LanguageError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the command line."""
    parser = _Parser(prog=PROG, description="Check the Regulation on monitoring communes.")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")

    def lang(p: argparse.ArgumentParser, default: object = argparse.SUPPRESS) -> None:
        # a command's --lang, when given, overrides the one before the command
        p.add_argument(
            "--lang",
            type=_language,
            default=default,
            metavar="vi|en",
            help="language: vi or en, or a tag such as vi-VN (default: from the locale)",
        )

    lang(parser, default=None)
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def packs(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--rules",
            action="append",
            type=Path,
            default=[],
            metavar="PACK",
            help="a rule pack (YAML) adding or overriding rules; repeat for several",
        )

    def inputs(p: argparse.ArgumentParser, *, appending: bool = False) -> None:
        p.add_argument(
            "--register", required=True, type=Path, help="register (YAML, JSON or .xlsx)"
        )
        p.add_argument(
            "--events",
            action="append",
            type=Path,
            default=[],
            required=appending,
            help="event file (JSON Lines, JSON array, CSV or .xlsx); repeat for several"
            + ("" if appending else "; or --store"),
        )
        p.add_argument(
            "--store",
            type=Path,
            required=appending,
            help="the event store (SQLite) to append to, created when missing"
            if appending
            else "an event store (SQLite) instead of files",
        )
        p.add_argument("--policy", type=Path, help="policy overrides (YAML)")
        packs(p)
        p.add_argument(
            "--as-of",
            type=_date,
            metavar="YYYY-MM-DD",
            help="evaluation date (default: today in the province)",
        )
        p.add_argument("--output", type=Path, help="write to FILE instead of standard output")
        lang(p)

    def period(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--period", type=_year, metavar="YYYY", help="narrow the report to a calendar year"
        )
        p.add_argument(
            "--from", dest="period_from", type=_date, metavar="YYYY-MM-DD", help="period start"
        )
        p.add_argument(
            "--to", dest="period_to", type=_date, metavar="YYYY-MM-DD", help="period end"
        )

    p = commands.add_parser("check", help="evaluate the rules over the events")
    inputs(p)
    period(p)
    plugins = installed()
    p.add_argument("--format", choices=sorted(plugins.renderers), default="table")
    p.add_argument("--backend", choices=sorted(plugins.backends), default="reference")
    p.add_argument("--strict", action="store_true", help="any rejected event: exit 2, no report")
    p.add_argument("--all", action="store_true", help="table: list fulfilled findings too")
    drawn = p.add_mutually_exclusive_group()
    drawn.add_argument(
        "--timelines", action="store_true", help="html, markdown: every assignment's timeline"
    )
    drawn.add_argument("--officer", metavar="ID", help="html, markdown: this officer's timelines")
    drawn.add_argument("--commune", metavar="ID", help="html, markdown: this commune's timelines")

    p = commands.add_parser("ingest", help="append events to a store; print what changed")
    inputs(p, appending=True)
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument(
        "--findings", action="store_true", help="table: list the findings that changed too"
    )
    p.add_argument("--batch", type=_count, default=1000, help="events a transaction (default 1000)")
    p.add_argument(
        "--log-commits", action="store_true", help="say on stderr after each committed batch"
    )

    p = commands.add_parser(
        "calendar", help="pending deadlines as an iCalendar file, or the days off of a year"
    )
    inputs(p)
    p.add_argument(
        "--remind-days", type=_count, default=7, help="reminder this many days before (default 7)"
    )
    period(p)
    p.add_argument(
        "--days-off",
        type=_year,
        metavar="YYYY",
        help="print the province's days off in this year (holidays, calendar.days_off and "
        "calendar.working_days) instead",
    )

    p = commands.add_parser("simulate", help="write a synthetic province (register and events)")
    p.add_argument("--communes", type=_count, default=40, help="how many communes (default 40)")
    p.add_argument("--years", type=_count, default=2, help="years of events (default 2)")
    p.add_argument("--seed", type=_count, default=1, help="random seed (default 1)")
    p.add_argument("--first-year", type=_count, default=2024, help="first year (default 2024)")
    p.add_argument("--miss-rate", type=float, default=0.05, help="duties missed (default 0.05)")
    p.add_argument(
        "--reorganise",
        type=_date,
        metavar="YYYY-MM-DD",
        help="merge the communes and abolish the districts on this day",
    )
    p.add_argument("--output", type=Path, required=True, help="folder to write into")
    lang(p)

    p = commands.add_parser("validate", help="check the input only")
    p.add_argument(
        "--register", required=True, type=Path, help="register (YAML, JSON or .xlsx) to check"
    )
    p.add_argument(
        "--events",
        action="append",
        type=Path,
        default=[],
        help="event file to check (JSON Lines, JSON array, CSV or .xlsx); repeat for several",
    )
    p.add_argument("--policy", type=Path, help="policy overrides (YAML) to check")
    packs(p)
    p.add_argument(
        "--as-of",
        type=_date,
        metavar="YYYY-MM-DD",
        help="count events after this date as future",
    )
    lang(p)

    p = commands.add_parser("rules", help="the rule catalogue, with clause references")
    lang(p)
    packs(p)
    p.add_argument("--format", choices=("table", "json", "markdown"), default="table")
    p.add_argument("--check", action="store_true", help="run the static checks of the catalogue")

    p = commands.add_parser("explain", help="a rule with its clause texts in full")
    p.add_argument("rule")
    lang(p)
    packs(p)

    p = commands.add_parser("template", help="an empty workbook to fill in (register, events)")
    p.add_argument("--xlsx", required=True, type=Path, metavar="FILE", help="the workbook to write")
    lang(p)

    p = commands.add_parser("test", help="run scenario files: events and expected findings")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="a scenario file or folder")
    lang(p)

    p = commands.add_parser("plugins", help="the readers, renderers and backends installed")
    p.add_argument("--format", choices=("table", "json"), default="table")
    lang(p)

    p = commands.add_parser("schema", help="JSON Schema of an input or output")
    p.add_argument("what", choices=("events", "register", "policy", "findings"))
    lang(p)
    return parser


def _accounting_line(counts: Accounting, lang: str) -> str:
    """``read 120, accepted 117, duplicates 1, rejected 2, future 0``."""
    return accounting_text(counts.model_dump(), lang)


def _lang(args: argparse.Namespace) -> str:
    """The language of ``--lang``, else of the locale."""
    return getattr(args, "lang", None) or default_lang()


def _argv_lang(argv: Sequence[str]) -> str:
    """The language asked in ``argv`` (``--lang vi``, ``--lang=vi``), else the locale's:
    for the errors found before the arguments are parsed."""
    asked = default_lang()
    for i, arg in enumerate(argv):  # the last one given counts, as in the parser
        value = None
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
        if value is not None:
            try:
                asked = language(value)
            except LanguageError:
                return default_lang()
    return asked


def _today(register: Register) -> date:
    return datetime.now(ZoneInfo(register.province.timezone)).date()


_HELD_OPEN = "if another program, such as Excel, has the file open, close it and run again"


def _emit(text: Rendered, output: Path | None, say: str = "") -> None:
    """Write a rendering to ``output`` or standard output; text or bytes in pieces as they
    come. With ``say`` (a language), a file written is named on stderr."""
    pieces: Iterator[Any] = iter([text] if isinstance(text, str | bytes) else text)
    try:
        first: Any = next(pieces, "")  # a workbook is made whole before its first piece
    except OSError as error:  # where the renderer made it (a workbook's temporary file)
        where = error.filename or output or "-"
        raise InputError(str(where), f"cannot write: {error.strerror or error}") from None
    binary = isinstance(first, bytes)
    if output is None:
        if binary:
            sys.stdout.flush()
        stdout: Any = sys.stdout.buffer if binary else sys.stdout
        stdout.write(first)
        stdout.writelines(pieces)
    else:
        try:
            with output.open("wb") if binary else output.open("w", encoding="utf-8") as handle:
                handle.write(first)
                handle.writelines(pieces)
        except OSError as error:
            reason = error.strerror or str(error)
            if isinstance(error, PermissionError):  # Windows refuses a file that is open
                reason += f" ({_HELD_OPEN})"
            raise InputError(str(output), f"cannot write: {reason}") from None
        if say:
            wrote = "đã ghi" if say == "vi" else "wrote"
            print(f"{PROG}: {wrote} {printable(str(output))}", file=sys.stderr)


def _progress() -> Callable[[str, int], None]:
    """Counts records on stderr as they are read, on one line rewritten in place."""

    def show(name: str, count: int) -> None:
        sys.stderr.write(f"\r{PROG}: reading {printable(name)}: {count:,} records")
        sys.stderr.flush()

    return show


def _read(
    args: argparse.Namespace, register: Register, as_of: date | None, compact: bool = False
) -> Intake:
    """The events of ``--events``; a progress line on stderr for large input on a terminal;
    with ``compact``, the accepted events held as compact records (``Intake.compact``)."""
    paths: list[Path] = args.events
    size = sum(path.stat().st_size for path in paths if path.is_file())
    show = sys.stderr.isatty() and size >= PROGRESS_MIN_BYTES
    progress = _progress() if show else None
    intake = Intake(register, as_of, compact=compact)
    intake.read(paths, progress, reader=installed().read).seal()
    if show:
        sys.stderr.write("\n")
    lang = _lang(args)
    for note in intake.notes:
        _say("note", f"{note.location}: {note.text(lang)}", lang)
    return intake


def _stored(store_path: Path, register: Register, as_of: date, compact: bool = False) -> Intake:
    """The events of a store, through an intake (against the register of today)."""
    if not store_path.exists():
        raise StoreError(store_path, "no such store")
    intake = Intake(register, as_of, compact=compact)
    with EventStore(store_path) as store:
        for location, record in store.records():
            intake.add(location, record)
    return intake.seal()


def _catalogue(args: argparse.Namespace) -> Catalogue:
    """The Regulation's catalogue with the packs of ``--rules`` applied in order."""
    return with_packs(CATALOGUE, getattr(args, "rules", None) or ())


def _inputs(
    args: argparse.Namespace, compact: bool = False
) -> tuple[Register, Intake, Policy, date, str]:
    if args.events and args.store:
        raise UsageError("give the events with --events FILE ... or --store STORE, not both")
    if not args.events and not args.store:
        raise UsageError("give the events with --events FILE ... or --store STORE")
    register = load_register(args.register)
    policy = load_policy(args.policy) if args.policy else Policy()
    as_of = args.as_of or _today(register)
    lang = _lang(args)
    if as_of < register.regulation.effective:
        _warn(
            f"--as-of {as_of.isoformat()} is before the Regulation took effect "
            f"({register.regulation.effective.isoformat()}): nothing is owed yet",
            lang,
        )
    if args.store:
        intake = _stored(args.store, register, as_of, compact)
    else:
        intake = _read(args, register, as_of, compact)
    if intake.accounting.read == 0:
        _warn("no events were read: every duty is judged as not done", lang)
    return register, intake, policy, as_of, lang


def _period(args: argparse.Namespace) -> Period | None:
    """The reporting period of ``--period`` or ``--from``/``--to``, or ``None``."""
    start, end = args.period_from, args.period_to
    if args.period is not None:
        if start is not None or end is not None:
            raise UsageError("--period and --from/--to are alternatives: give one")
        return Period.year(args.period)
    if start is None and end is None:
        return None
    if start is None or end is None:
        raise UsageError("a period needs both --from and --to")
    if end < start:
        raise UsageError(f"--to {end} is before --from {start}")
    return Period(from_=start, to=end)


def _ours(plugin: object) -> bool:
    """Whether a plugin's function is this package's own (the package's name, not this
    module's: under ``python -m governance_rules.cli`` that is ``__main__``)."""
    return str(getattr(plugin, "__module__", "")).split(".")[0] == str(__package__)


def _cmd_check(args: argparse.Namespace) -> int:
    catalogue = _catalogue(args)  # a bad pack stops the command before any reading
    period = _period(args)
    renderer = installed().renderer(args.format)
    text = renderer.media_type.startswith("text/") or renderer.media_type.endswith("json")
    if args.output is None and not text and sys.stdout.isatty():
        raise UsageError(f"--format {args.format} writes a file: give --output FILE")
    # The package's own engines and renderers read events as compact records, in about a
    # third of the memory of the models; a plugin's are handed the models.
    backend = installed().backend(args.backend)
    compact = _ours(backend) and _ours(getattr(renderer, "render", None))
    register, intake, policy, as_of, lang = _inputs(args, compact)
    if args.strict and intake.rejections:
        for rejection in intake.rejections:
            _say("error", f"{rejection.location}: {rejection.text(lang)}", lang)
        return EXIT_UNUSABLE
    if args.officer is not None and args.officer not in {o.id for o in register.officers}:
        raise UsageError(f"--officer {args.officer}: no such officer in the register")
    if args.commune is not None and args.commune not in {c.id for c in register.communes}:
        raise UsageError(f"--commune {args.commune}: no such commune in the register")
    context = RenderContext(
        register,
        intake.events,
        lang,
        everything=args.all,
        catalogue=catalogue,
        timelines=args.timelines,
        officer=args.officer,
        commune=args.commune,
    )
    streamer = streaming(renderer)
    if streamer is not None:
        # Written as the findings are made, a rule at a time, rather than held whole.
        streamed = stream_check(
            register,
            intake,
            as_of=as_of,
            policy=policy,
            catalogue=catalogue,
            lang=lang,
            backend=args.backend,
            compact=streamer.compact,
            period=period,
        )
        pieces = streamer.render_stream(
            streamed.head, streamed.lines(), lambda: streamed.summary, context
        )
        _emit(pieces, args.output, lang)
        summary = streamed.summary
    else:
        report = check(
            register,
            intake,
            as_of=as_of,
            policy=policy,
            catalogue=catalogue,
            lang=lang,
            backend=args.backend,
            period=period,
        )
        _emit(renderer.render(report, context), args.output, lang)
        summary = report.summary
    bad = summary.get("violated", 0) + summary.get("late", 0)
    return EXIT_FINDINGS if bad else EXIT_OK


def _cmd_ingest(args: argparse.Namespace) -> int:
    if not args.store or not args.events:
        raise UsageError("ingest needs --store STORE and --events FILE ...")
    register = load_register(args.register)
    policy = load_policy(args.policy) if args.policy else Policy()
    as_of = args.as_of or _today(register)
    lang = _lang(args)
    with EventStore(args.store) as store:
        monitor = Monitor(
            register,
            as_of=as_of,
            policy=policy,
            lang=lang,
            store=store,
            catalogue=_catalogue(args),
        )
        monitor.prepare()  # the picture before, to tell what changes

        def commit(location: str) -> None:
            store.commit()
            if args.log_commits:
                said = "đã lưu đến hết" if lang == "vi" else "committed through"
                print(f"{PROG}: {said} {printable(location)}", file=sys.stderr, flush=True)

        for name in args.events:
            path = Path(name)
            location = f"{name}:0"
            for count, (line, record) in enumerate(read_any(path), start=1):
                location = f"{name}:{line}"
                monitor.add(location, record)
                if count % args.batch == 0:
                    commit(location)
            commit(location)
        changed = monitor.flush()
        counts = monitor.accounting
        if args.format == "json":
            data = {
                "input": counts.model_dump(),
                "stored": len(store),
                "rejected": [r.model_dump() for r in monitor.rejections],
                "changed": [f.model_dump(mode="json", exclude_none=True) for f in changed],
            }
            _emit(json.dumps(data, ensure_ascii=False, indent=2) + "\n", args.output, lang)
        else:
            lines = [_accounting_line(counts, lang)]
            lines += [f"{r.location}: {r.text(lang)}" for r in monitor.rejections]
            by_status = Counter(f.status for f in changed)
            tally = ", ".join(
                f"{pick(STATUS_LABELS[s], lang)} {by_status[s]}" for s in STATUSES if by_status[s]
            )
            said = "số kết quả thay đổi" if lang == "vi" else "findings changed"
            lines.append(f"{said}: {len(changed)}" + (f" ({tally})" if tally else ""))
            if args.findings:
                lines += [f"[{f.status}] {f.rule} · {f.message}" for f in changed]
            _emit("\n".join(printable(line) for line in lines) + "\n", args.output, lang)
    return EXIT_FINDINGS if monitor.rejections else EXIT_OK


def _cmd_simulate(args: argparse.Namespace) -> int:
    if not 0 <= args.miss_rate <= 1:
        raise UsageError(f"--miss-rate must lie between 0 and 1, got {args.miss_rate}")
    if args.communes < 1 or args.years < 1:
        raise UsageError("--communes and --years must be at least 1")
    sim = Simulation(
        communes=args.communes,
        years=args.years,
        seed=args.seed,
        first_year=args.first_year,
        miss_rate=args.miss_rate,
        reorganise=args.reorganise,
    )
    try:
        register, events = simulate(sim, args.output)
    except OSError as error:
        raise InputError(str(args.output), f"cannot write: {error.strerror or error}") from None
    noun = "sự kiện" if _lang(args) == "vi" else "events"
    print(f"{register}\n{events}: {sum(sim.counts.values()):,} {noun}")
    return EXIT_OK


def _cmd_calendar(args: argparse.Namespace) -> int:
    if args.days_off is not None:
        register = load_register(args.register)
        lang = _lang(args)
        _emit(render_days_off(register, args.days_off, lang), args.output, lang)
        return EXIT_OK
    catalogue = _catalogue(args)
    period = _period(args)
    register, intake, policy, as_of, lang = _inputs(args)
    report = check(
        register, intake, as_of=as_of, policy=policy, catalogue=catalogue, lang=lang, period=period
    )
    ics = render_ics(report, lang, remind_days=args.remind_days, catalogue=catalogue)
    _emit(ics, args.output, lang)
    return EXIT_OK


def _cmd_validate(args: argparse.Namespace) -> int:
    register = load_register(args.register)
    if args.policy:
        load_policy(args.policy)
    _catalogue(args)
    intake = _read(args, register, args.as_of)
    lang = _lang(args)
    print(_accounting_line(intake.accounting, lang))
    for rejection in intake.rejections:
        print(f"{rejection.location}: {rejection.text(lang)}")
    return EXIT_FINDINGS if intake.rejections else EXIT_OK


def _cmd_rules(args: argparse.Namespace) -> int:
    lang = _lang(args)
    catalogue = _catalogue(args)
    if args.check:
        problems = static_problems(catalogue)
        for problem in problems:
            print(_located(problem, lang))
        versions = len({rule.id for rule in catalogue})
        clauses = len(catalogue.clauses)
        if lang == "vi":
            verdict = f"{len(problems)} vấn đề" if problems else "không có vấn đề"
            print(f"{len(catalogue)} quy tắc ({versions} mã), {clauses} điều khoản: {verdict}")
        else:
            verdict = f"{len(problems)} problems" if problems else "no problems"
            print(f"{len(catalogue)} rules ({versions} ids), {clauses} clauses: {verdict}")
        return EXIT_FINDINGS if problems else EXIT_OK
    if args.format == "json":
        data = [
            {
                "id": rule.id,
                "title": rule.title(lang),
                "bearer": list(rule.bearer),
                "clauses": list(rule.clauses),
                "policy": list(rule.policy_keys),
                "template": rule.template.template,
                "valid_from": rule.valid_from.isoformat() if rule.valid_from else None,
                "valid_to": rule.valid_to.isoformat() if rule.valid_to else None,
                "scope": rule.scope.model_dump() if rule.scope else None,
            }
            for rule in catalogue
        ]
        print(json.dumps(data, ensure_ascii=False, indent=2))
    elif args.format == "markdown":
        sys.stdout.write(render_rules_markdown(catalogue, lang))
    else:
        sys.stdout.write(render_rules_table(catalogue, lang))
    return EXIT_OK


def _cmd_explain(args: argparse.Namespace) -> int:
    catalogue = _catalogue(args)
    ids = {rule.id.casefold(): rule.id for rule in catalogue}
    args.rule = ids.get(args.rule.casefold(), args.rule)  # ids are case-insensitive on input
    try:
        catalogue[args.rule]
    except KeyError as error:
        raise UsageError(str(error.args[0])) from None
    lang = _lang(args)
    blocks = [
        rule_lines(v, lang, full=True, catalogue=catalogue) for v in catalogue.versions(args.rule)
    ]
    print("\n\n".join("\n".join(block) for block in blocks))
    return EXIT_OK


def _cmd_template(args: argparse.Namespace) -> int:
    _emit(template_workbook(), args.xlsx)  # the path is the command's output
    print(args.xlsx)
    return EXIT_OK


def _cmd_test(args: argparse.Namespace) -> int:
    outcomes = run_scenarios(args.paths)
    if not outcomes:
        raise UsageError("no scenario files in " + ", ".join(map(str, args.paths)))
    lang = _lang(args)
    states = {"passed": "ĐẠT", "failed": "KHÔNG ĐẠT", "error": "LỖI"}
    for outcome in outcomes:
        state = states[outcome.state] if lang == "vi" else outcome.state.upper()
        print(f"{outcome.name} {state}")
    for outcome in outcomes:
        if outcome.state != "passed":
            print(f"\n___ {outcome.name} ___")
            for detail in outcome.details:
                print("\n".join(message(line, lang) for line in detail.split("\n")))
    counts = {s: sum(o.state == s for o in outcomes) for s in ("passed", "failed", "error")}
    if lang == "vi":
        words = {name: state.lower() for name, state in states.items()}
    else:
        words = {"passed": "passed", "failed": "failed", "error": "errors"}
    summary = ", ".join(
        f"{n} {'error' if s == 'error' and n == 1 and lang != 'vi' else words[s]}"
        for s, n in counts.items()
        if n or s == "passed"
    )
    print(f"\n=== {summary} ===")
    if counts["error"]:
        return EXIT_UNUSABLE
    return EXIT_FINDINGS if counts["failed"] else EXIT_OK


def _cmd_plugins(args: argparse.Namespace) -> int:
    plugins = installed()
    lang = _lang(args)
    kinds = {"governance_rules.readers": "reader", "governance_rules.renderers": "renderer"}
    spoken = {"reader": "trình đọc", "renderer": "trình kết xuất", "backend": "công cụ đánh giá"}
    rows = []
    for (group, name), origin in sorted(plugins.origins.items()):
        kind = kinds.get(group, "backend")
        if lang == "vi" and args.format != "json":
            kind = spoken[kind]
        detail = ""
        if group == "governance_rules.readers":
            detail = " ".join(plugins.readers[name].suffixes)
        elif group == "governance_rules.renderers":
            detail = plugins.renderers[name].media_type
        else:
            missing = getattr(plugins.backends.get(name), "missing", None)
            detail = (missing() if callable(missing) else None) or ""
            if args.format != "json":
                detail = message(detail, lang)
        rows.append((kind, name, f"{origin.distribution} {origin.version}", detail))
    if args.format == "json":
        data = {
            "plugins": [{"kind": k, "name": n, "from": f, "detail": d} for k, n, f, d in rows],
            "problems": plugins.problems,
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        for row in rows:
            print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)), row[3])
        for problem in plugins.problems:
            print(f"{'hỏng' if lang == 'vi' else 'broken'}: {problem}")
    return EXIT_FINDINGS if plugins.problems else EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    schema: dict[str, Any]
    if args.what == "events":
        schema = EVENT_ADAPTER.json_schema()
    elif args.what == "register":
        schema = Register.model_json_schema()
    elif args.what == "policy":
        schema = Policy.model_json_schema()
    else:
        schema = TypeAdapter(CheckReport).json_schema(mode="serialization")
    print(json.dumps(schema, ensure_ascii=False, indent=2))
    return EXIT_OK


_COMMANDS = {
    "check": _cmd_check,
    "calendar": _cmd_calendar,
    "ingest": _cmd_ingest,
    "simulate": _cmd_simulate,
    "validate": _cmd_validate,
    "rules": _cmd_rules,
    "explain": _cmd_explain,
    "schema": _cmd_schema,
    "plugins": _cmd_plugins,
    "test": _cmd_test,
    "template": _cmd_template,
}


_LEVELS = {"error": "lỗi", "warning": "cảnh báo", "note": "ghi chú"}


def _say(level: str, text: str, lang: str = "en") -> None:
    """One line on stderr: ``governance-rules: error: ...``, the level in ``lang``."""
    word = _LEVELS[level] if lang == "vi" else level
    print(f"{PROG}: {word}: {printable(text)}", file=sys.stderr)


def _located(problem: Problem, lang: str) -> str:
    """A problem in ``lang``, its location as it is."""
    text = message(problem.message, lang)
    return f"{problem.location}: {text}" if problem.location else text


def _error(text: str, lang: str = "en") -> None:
    _say("error", message(text, lang), lang)


def _warn(text: str, lang: str = "en") -> None:
    _say("warning", message(text, lang), lang)


def utf8_streams() -> None:
    """Write standard output and error in UTF-8 where they are in a legacy code page: on
    a Vietnamese Windows, output sent to a file or a pipe (a service's log) is in cp1258,
    which lacks the precomposed Vietnamese letters, and the first report line failed on
    them. A file written with ``--output`` is UTF-8 too. For any frontend's ``main``."""
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None)
        if not isinstance(stream, io.TextIOWrapper) or not encoding:
            continue  # a stream that cannot be given another encoding
        if codecs.lookup(encoding).name != "utf-8":
            stream.reconfigure(encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    utf8_streams()
    lang = _argv_lang(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser().parse_args(argv)
        lang = _lang(args)
        if args.command != "plugins":
            for broken in installed().problems:
                _say("warning", str(broken), lang)
        return _COMMANDS[args.command](args)
    except UsageError as error:
        _error(str(error), lang)
        return EXIT_UNUSABLE
    except DefinitionError as error:
        for problem in error.problems:
            _say("error", _located(problem, lang), lang)
        return EXIT_UNUSABLE
    except GovernanceRulesError as error:
        found = getattr(error, "problem", None)
        if isinstance(found, Problem):
            _say("error", _located(found, lang), lang)
        else:
            _error(str(error), lang)
        return EXIT_UNUSABLE
    except BrokenPipeError:
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # the shell promises one line, never a traceback
        _error(f"internal error: {type(error).__name__}: {error}", lang)
        return EXIT_UNUSABLE


if __name__ == "__main__":
    sys.exit(main())

"""What the HTML and Markdown reports show, computed once from a check's results.

The view is plain data: the templates only lay it out, so both formats say the same. Its
sections, in order: the summary, the officer and commune scorecards, the quarterly matrix,
the findings that need attention (by officer, then commune), the recommendations, the
timelines (when asked for), and the appendices: policy, rejected input, clauses cited.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import groupby
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from .._version import __version__
from ..engine import Assignment, assignments, quarter_end, quarter_start
from ..i18n import (
    BEARER_LABELS,
    CHECK_VIOLATED,
    POLICY_LABELS,
    backend_label,
    fmt_date,
    language,
    pick,
    status_label,
)
from ..model import (
    STATUSES,
    Accounting,
    CheckReport,
    EventLike,
    Finding,
    Policy,
    Register,
    overlap,
    uncovered,
)
from ..model import Timeline as RegisterTimeline
from ..regulation import CLAUSES
from ..rules import CATALOGUE, Catalogue
from ._scores import (
    ATTENTION,
    CHECKS,
    FAMILIES,
    OFFICER_FAMILIES,
    CommuneCard,
    Tally,
    by_family,
    communes_of,
    marks,
    most_missed,
    report_days,
    scorecards,
)
from ._strings import SHORT_TITLES, STRINGS

BEARERS = ("officer", "commune", "standing_member", "standing_committee", "organization_board")
CELL_SYMBOLS = {
    "done": "✓",
    "gap": "◐",
    "missed": "✗",
    "pending": "…",
    "none": "○",
    "absent": "–",
}
T = TypeVar("T")
STATUS_SYMBOLS = {"violated": "✗", "late": "◷", "pending": "…"}
TIMELINE_WIDTH = 720


@dataclass
class Cell:
    state: str
    symbol: str
    title: str


@dataclass
class MatrixRow:
    commune: str
    name: str
    cells: list[Cell]


@dataclass
class MatrixBlock:
    district: str
    rows: list[MatrixRow]


@dataclass
class Mark:
    x: float
    kind: str
    title: str


@dataclass
class Band:
    x: float
    width: float
    title: str


@dataclass
class Tick:
    x: float
    text: str


@dataclass
class Timeline:
    officer: str
    officer_name: str
    commune: str
    commune_name: str
    span: str
    active: Band
    marks: list[Mark] = field(default_factory=list)
    dues: list[Mark] = field(default_factory=list)
    missed: list[Band] = field(default_factory=list)


@dataclass
class ClauseText:
    id: str
    vi: str
    en: str | None
    as_issued: str = ""  # beside a quote that keeps the Regulation's typing slips


@dataclass
class Line:
    """One finding that needs attention, in one line."""

    status: str
    status_label: str
    symbol: str
    rule: str
    title: str
    dates: str
    evidence: list[str]
    clauses: list[str]
    bearer: str
    message: str


@dataclass
class Group:
    """The findings of one officer (or of one bearer, without an officer), by commune."""

    anchor: str
    heading: str
    count: int
    communes: list[tuple[str, list[Line]]]


@dataclass
class FamilyRow:
    name: str
    owed: int
    on_time: int
    late: int
    missed: int
    open: int
    rate: str


@dataclass
class OfficerRow:
    officer: str
    name: str
    agency: str
    communes: list[str]
    families: list[tuple[int, int, int, int]]
    rate: str
    attention: int
    anchor: str


@dataclass
class CommuneRow:
    commune: str
    name: str
    officers: list[str]
    days_uncovered: int
    visits_owed: int
    visits_done: int
    invitations_missed: int
    evaluations: int
    submitted: int
    confirmed: int
    late: int


@dataclass
class CommuneBlock:
    district: str
    rows: list[CommuneRow]


@dataclass
class Recommendation:
    rule: str
    title: str
    not_observed: int
    observed: int
    open: int
    clauses: list[str]


@dataclass
class View:
    """Everything a report shows, in one language."""

    lang: str
    t: dict[str, str]
    province: str
    province_id: str
    as_of: str
    period: str
    backend: str
    running: str
    accounting: list[tuple[str, int]]
    statuses: list[tuple[str, str, int]]
    families: list[FamilyRow]
    top_communes: list[tuple[str, str, int]]
    top_officers: list[tuple[str, str, int]]
    family_headers: list[str]
    officers: list[OfficerRow]
    communes: list[CommuneBlock]
    quarters: list[str]
    years: list[tuple[int, list[tuple[str, str]]]]
    matrix: list[MatrixBlock]
    legend: list[tuple[str, str, str]]
    attention: list[Group]
    attention_total: int
    attention_legend: list[tuple[str, str, str]]
    recommendations: list[Recommendation]
    show_timelines: bool
    timelines: list[Timeline]
    ticks: list[Tick]
    timeline_width: int
    policy: list[tuple[str, str, str, bool]]
    policy_labels: dict[str, str]
    rejected: list[tuple[str, str]]
    clauses: list[ClauseText]
    generated: str


@dataclass(frozen=True)
class TimelineChoice:
    """Which timelines a report draws: all (``every``), one officer's, one commune's, or
    none (the default: a province's timelines run to hundreds of pages)."""

    every: bool = False
    officer: str | None = None
    commune: str | None = None

    def __bool__(self) -> bool:
        return self.every or self.officer is not None or self.commune is not None

    def shows(self, officer: str, commune: str) -> bool:
        return (
            self.every
            or (self.officer is not None and officer == self.officer)
            or (self.commune is not None and commune == self.commune)
        )


def _next_quarter(day: date) -> date:
    return quarter_end(day) + timedelta(days=1)


def anchor(key: str) -> str:
    """An HTML id for a register id: the id's letters, digits and ``-``/``_``, the rest as
    their code points, so that any id gives a valid, distinct fragment."""
    return "".join(
        ch if ch.isascii() and (ch.isalnum() or ch in "-_") else f".{ord(ch):x}." for ch in key
    )


def build_view(
    report: CheckReport,
    register: Register,
    events: Sequence[EventLike],
    lang: str,
    catalogue: Catalogue | None = None,
    timelines: TimelineChoice | None = None,
) -> View:
    """The view of a check: the report, with the register and the accepted events it used."""
    lang = language(lang)
    catalogue = catalogue or CATALOGUE
    choice = timelines or TimelineChoice()
    shown = frozenset(rule.id for rule in catalogue if rule.matrix)  # the visit duty
    t = STRINGS[lang]
    as_of = report.as_of
    tz = ZoneInfo(register.province.timezone)
    day_of = {event.id: event.day(tz) for event in events}
    active = assignments(register, events, as_of=as_of)
    names = _names(register)

    # A period narrows the report to its days; its last day groups the communes.
    period = report.period
    first, last = report_days(report, register)
    quarters = _quarters(first, last)
    counts: Counter[str] = Counter(f.status for f in report.findings)
    counted = marks(report.findings)  # what the scorecards read, counted once
    cards = scorecards(counted, register)
    by_commune: Counter[str] = Counter(
        f.subject.commune
        for f in report.findings
        if f.subject.commune is not None and f.status in ("violated", "late")
    )
    attention = _attention(report.findings, catalogue, names, lang)
    period_text = f"{fmt_date(period.from_, lang)} – {fmt_date(period.to, lang)}" if period else ""
    running = (
        f"{register.province.name} · "
        + (f"{t['period']} {period_text} · " if period else "")
        + f"{t['as_of']} {fmt_date(as_of, lang)}"
    )
    return View(
        lang=lang,
        t=t,
        province=register.province.name,
        province_id=register.province.id,
        as_of=fmt_date(as_of, lang),
        period=period_text,
        backend=backend_label(report.backend, lang),
        running=running,
        accounting=[(t[k], getattr(report.input, k)) for k in Accounting.model_fields],
        statuses=[(s, status_label(s, lang), counts.get(s, 0)) for s in STATUSES],
        families=[
            FamilyRow(pick(n, lang), y.owed, y.on_time, y.late, y.missed, y.open, _rate(y))
            for (_, n, _), y in zip(FAMILIES, by_family(counted).values(), strict=True)
        ],
        top_communes=[(names.get(c, c), anchor(c), n) for c, n in most_missed(by_commune)],
        top_officers=[
            (names.get(o, o), anchor(o), n)
            for o, n in most_missed(
                Counter({c.officer: c.total.missed + c.total.late for c in cards})
            )
        ],
        family_headers=[
            pick(names_, lang) for key, names_, _ in FAMILIES if key in OFFICER_FAMILIES
        ],
        officers=[
            OfficerRow(
                card.officer,
                card.name,
                card.agency,
                [names.get(c, c) for c in card.communes],
                [(y.owed, y.on_time, y.late, y.missed) for y in card.families.values()],
                _rate(card.total),
                card.attention,
                anchor(card.officer),
            )
            for card in cards
        ],
        communes=_communes(
            communes_of(report, register, events, counted), register, (first, last), names, lang
        ),
        quarters=[_quarter(q, lang) for q in quarters],
        years=[
            (year, [(f"Q{(q.month - 1) // 3 + 1}", _quarter(q, lang)) for q in group])
            for year, group in groupby(quarters, key=lambda q: q.year)
        ],
        matrix=_matrix(report, register, active, quarters, day_of, lang, shown, last),
        legend=[(state, CELL_SYMBOLS[state], t[f"cell_{state}"]) for state in CELL_SYMBOLS],
        attention=attention,
        attention_total=sum(g.count for g in attention),
        attention_legend=[
            *((s, STATUS_SYMBOLS[s], status_label(s, lang)) for s in ATTENTION),
            ("violated", STATUS_SYMBOLS["violated"], pick(CHECK_VIOLATED, lang)),
        ],
        recommendations=_recommendations(report.findings, catalogue, lang),
        show_timelines=bool(choice),
        timelines=(
            _timelines(report, events, active, day_of, names, lang, shown, (first, last), choice)
            if choice
            else []
        ),
        ticks=_ticks(first, last, lang),
        timeline_width=TIMELINE_WIDTH,
        policy=policy_rows(report.policy),
        policy_labels={key: pick(pair, lang) for key, pair in POLICY_LABELS.items()},
        rejected=[(r.location, r.text(lang)) for r in report.rejected],
        clauses=_clauses(report.findings, catalogue, lang),
        generated=t["generated"].format(version=__version__),
    )


def _names(register: Register) -> dict[str, str]:
    """``Nguyễn Văn An (o-01)`` for each officer, commune, member and district id."""
    named = [
        *((o.id, o.name) for o in register.officers),
        *((c.id, c.name) for c in register.communes),
        *((m.id, m.name) for m in register.standing_members),
        *((d.id, d.name) for d in register.districts),
    ]
    return {key: f"{name} ({key})" for key, name in named}


def _rate(tally: Tally) -> str:
    rate = tally.rate
    return "–" if rate is None else f"{round(rate * 100)}%"


def _short(rule: str, catalogue: Catalogue, lang: str) -> str:
    if rule in SHORT_TITLES:
        return pick(SHORT_TITLES[rule], lang)
    known = catalogue.get(rule)
    return known.title(lang) if known else rule


def _communes(
    cards: list[CommuneCard],
    register: Register,
    days: tuple[date, date],
    names: dict[str, str],
    lang: str,
) -> list[CommuneBlock]:
    timeline = RegisterTimeline(register)
    grouped: dict[str | None, list[CommuneRow]] = defaultdict(list)
    for card in cards:
        grouped[
            timeline.district_of(card.commune, min(days[1], timeline.span(card.commune)[1]))
        ].append(
            CommuneRow(
                card.commune,
                names.get(card.commune, card.commune),
                [names.get(o, o) for o in card.officers],
                card.days_uncovered,
                card.visits.owed,
                card.visits.on_time + card.visits.late,
                card.invitations_missed,
                card.evaluations,
                card.submitted,
                card.confirmed,
                card.late,
            )
        )
    return [
        CommuneBlock(name, rows)
        for name, rows in _by_district(register, grouped, STRINGS[lang]["no_district"])
    ]


def _by_district(
    register: Register, grouped: Mapping[str | None, list[T]], no_district: str
) -> list[tuple[str, list[T]]]:
    districts = {d.id: d.name for d in register.districts}
    order = [d.id for d in register.districts] + [None]
    return [
        (districts[d] if d is not None else no_district, grouped[d])
        for d in order
        if grouped.get(d)
    ]


def _quarter(start: date, lang: str) -> str:
    """A quarter's label: ``Q4/2026`` in Vietnamese, ``2026-Q4`` in English."""
    return STRINGS[lang]["quarter"].format(q=(start.month - 1) // 3 + 1, year=start.year)


def _quarters(effective: date, as_of: date) -> list[date]:
    quarters, q = [], quarter_start(effective)
    while q <= as_of:
        quarters.append(q)
        q = _next_quarter(q)
    return quarters


def _matrix(
    report: CheckReport,
    register: Register,
    active: list[Assignment],
    quarters: list[date],
    day_of: dict[str, date],
    lang: str,
    shown: frozenset[str],
    last: date,
) -> list[MatrixBlock]:
    t = STRINGS[lang]
    visits: dict[str, list[Finding]] = defaultdict(list)
    for f in report.findings:
        if f.rule in shown and f.subject.commune is not None:
            visits[f.subject.commune].append(f)
    by_commune: dict[str, list[Assignment]] = defaultdict(list)
    spans: dict[str, list[tuple[date, date]]] = defaultdict(list)  # the days with an officer
    for a in active:
        by_commune[a.commune].append(a)
        if a.start <= a.end:
            spans[a.commune].append((a.start, a.end))

    timeline = RegisterTimeline(register)

    def cell(commune: str, start: date) -> Cell:
        end = min(_next_quarter(start) - timedelta(days=1), report.as_of)
        if overlap((start, end), timeline.span(commune)) is None:
            return Cell("absent", CELL_SYMBOLS["absent"], t["cell_absent"])
        officers = sorted(
            {a.officer for a in by_commune[commune] if a.start <= end and a.end >= start}
        )
        state = "none"
        if officers:
            found = visits[commune]
            if any(
                f.status == "violated" and f.window and start <= f.window.due <= end for f in found
            ):
                state = "missed"
            elif any(
                f.status == "fulfilled"
                and any(start <= day_of.get(e, date.min) <= end for e in f.evidence)
                for f in found
            ):
                state = "done"
            else:
                state = "pending" if start <= report.as_of <= end else "done"
            # Days of the quarter the commune existed with no officer: never a plain ✓.
            days = overlap((max(start, register.regulation.effective), end), timeline.span(commune))
            if state == "done" and days is not None and uncovered(days, spans[commune]):
                state = "gap"
        title = f"{t[f'cell_{state}']}" + (f" ({', '.join(officers)})" if officers else "")
        return Cell(state, CELL_SYMBOLS[state], title)

    names = {c.id: c.name for c in register.communes}
    grouped: dict[str | None, list[MatrixRow]] = defaultdict(list)
    for c in register.communes:
        cells = [cell(c.id, q) for q in quarters]
        if cells and all(cell.state == "absent" for cell in cells):
            continue  # a commune that did not exist in any quarter shown has no row
        name = f"{c.name} → {names[c.successor]}" if c.successor in names else c.name
        # By the district on the report's last day.
        grouped[timeline.district_of(c.id, last)].append(MatrixRow(c.id, name, cells))
    return [MatrixBlock(d, rows) for d, rows in _by_district(register, grouped, t["no_district"])]


def _ticks(first: date, last: date, lang: str) -> list[Tick]:
    """The date ticks of the timelines' one scale: quarters for up to two years, else years."""
    days = max(1, (last - first).days)
    starts: list[date] = []
    if days <= 731:
        q = _next_quarter(first)
        while q <= last:
            starts.append(q)
            q = _next_quarter(q)
        texts = [fmt_date(q, lang) for q in starts]
    else:
        starts = [date(y, 1, 1) for y in range(first.year + 1, last.year + 1)]
        texts = [str(d.year) for d in starts]
    return [
        Tick(round((d - first).days / days * TIMELINE_WIDTH, 1), text)
        for d, text in zip(starts, texts, strict=True)
    ]


def _timelines(
    report: CheckReport,
    events: Iterable[EventLike],
    active: list[Assignment],
    day_of: dict[str, date],
    names: dict[str, str],
    lang: str,
    shown: frozenset[str],
    scale: tuple[date, date],
    choice: TimelineChoice,
) -> list[Timeline]:
    t = STRINGS[lang]
    first, last = scale
    days = max(1, (last - first).days)

    def x(day: date) -> float:
        return round((min(max(day, first), last) - first).days / days * TIMELINE_WIDTH, 1)

    acts: dict[tuple[str, str], list[tuple[date, str, str]]] = defaultdict(list)
    reports: dict[str, list[tuple[date, str, str]]] = defaultdict(list)
    for event in events:
        e: Any = event
        day = day_of[event.id]
        if e.type == "visit.conducted":
            acts[e.officer, e.commune].append((day, "visit", event.id))
        elif e.type == "meeting.held":
            for officer in e.attended:
                acts[officer, e.commune].append((day, "meeting", event.id))
        elif e.type == "report.submitted":
            reports[e.officer].append((day, "report", event.id))
    windows: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in report.findings:
        if f.rule in shown and f.window and f.subject.officer and f.subject.commune:
            windows[f.subject.officer, f.subject.commune].append(f)

    timelines = []
    for a in sorted(active, key=lambda a: (a.officer, a.commune, a.start)):
        span = overlap((a.start, a.end), scale)
        if span is None or not choice.shows(a.officer, a.commune):
            continue
        lo, hi = span
        line = Timeline(
            officer=a.officer,
            officer_name=names.get(a.officer, a.officer),
            commune=a.commune,
            commune_name=names.get(a.commune, a.commune),
            span=f"{t['from']} {fmt_date(lo, lang)} {t['to']} {fmt_date(hi, lang)}",
            active=Band(x(lo), max(1.0, x(hi) - x(lo)), t["mark_active"]),
        )
        for day, kind, event_id in sorted(acts[a.officer, a.commune] + reports[a.officer]):
            if lo <= day <= hi:
                line.marks.append(
                    Mark(x(day), kind, f"{t[f'mark_{kind}']} {event_id} {fmt_date(day, lang)}")
                )
        for f in windows[a.officer, a.commune]:
            assert f.window is not None
            if overlap((f.window.start, f.window.due), span) is None:
                continue
            if f.status == "violated":
                start = x(f.window.start)
                line.missed.append(
                    Band(
                        start,
                        max(2.0, x(f.window.due) - start),
                        f"{t['mark_missed']} {fmt_date(f.window.start, lang)} – "
                        f"{fmt_date(f.window.due, lang)}",
                    )
                )
            if lo <= f.window.due <= hi:
                line.dues.append(
                    Mark(x(f.window.due), "due", f"{t['mark_due']} {fmt_date(f.window.due, lang)}")
                )
        timelines.append(line)
    return timelines


def _attention(
    findings: Iterable[Finding], catalogue: Catalogue, names: dict[str, str], lang: str
) -> list[Group]:
    """The late, violated and pending findings: by officer (in id order), then by bearer
    for those about no officer; within each, by commune, the findings about none first;
    most urgent first, then in the engine's order."""
    t = STRINGS[lang]
    encouraged = _encouraged(catalogue)
    groups: dict[tuple[int, str], dict[str, list[Line]]] = defaultdict(lambda: defaultdict(list))
    listed = (f for f in findings if f.status in ATTENTION and f.rule not in encouraged)
    for f in sorted(listed, key=lambda f: ATTENTION.index(f.status)):
        bearer = f.bearer or "officer"
        group = (0, f.subject.officer) if f.subject.officer else (1 + BEARERS.index(bearer), bearer)
        dates = "" if f.window is None else _dates(f.window.start, f.window.due, lang)
        groups[group][f.subject.commune or ""].append(
            Line(
                status=f.status,
                status_label=status_label(f.status, lang, check=f.rule in CHECKS),
                symbol=STATUS_SYMBOLS[f.status],
                rule=f.rule,
                title=_short(f.rule, catalogue, lang),
                dates=dates,
                evidence=list(f.evidence),
                clauses=list(f.clauses),
                bearer="" if bearer == "officer" else pick(BEARER_LABELS[bearer], lang),
                message=f.message,
            )
        )
    result = []
    for (rank, key), communes in sorted(groups.items()):
        heading = names.get(key, key) if rank == 0 else pick(BEARER_LABELS[key], lang)
        result.append(
            Group(
                anchor=("o-" if rank == 0 else "b-") + anchor(key),
                heading=heading,
                count=sum(len(lines) for lines in communes.values()),
                communes=[
                    (names.get(c, c) if c else t["no_commune"], communes[c])
                    for c in sorted(communes)
                ],
            )
        )
    return result


def _encouraged(catalogue: Catalogue) -> frozenset[str]:
    """The recommendations: what the Regulation encourages rather than requires."""
    return frozenset(rule.id for rule in catalogue if rule.template.template == "recommendation")


def _dates(start: date, due: date, lang: str) -> str:
    """A window in few characters: the year once when both ends share it."""
    if start == due:
        return fmt_date(due, lang)
    if start.year != due.year:
        return f"{fmt_date(start, lang)} – {fmt_date(due, lang)}"
    if lang == "vi":
        return f"{start:%d/%m} – {fmt_date(due, lang)}"
    return f"{fmt_date(start, lang)} – {due:%m-%d}"


def _recommendations(
    findings: Iterable[Finding], catalogue: Catalogue, lang: str
) -> list[Recommendation]:
    """Each recommendation's findings, counted: not observed, observed, still open."""
    encouraged = _encouraged(catalogue)
    counts: Counter[tuple[str, str]] = Counter(
        (f.rule, f.status) for f in findings if f.rule in encouraged
    )
    return [
        Recommendation(
            rule.id,
            _short(rule.id, catalogue, lang),
            counts[rule.id, "not_observed"],
            counts[rule.id, "observed"],
            counts[rule.id, "pending"],
            list(rule.clauses),
        )
        for rule in catalogue
        if any(counts[rule.id, s] for s in ("not_observed", "observed", "pending"))
    ]


def _clauses(findings: Iterable[Finding], catalogue: Catalogue, lang: str) -> list[ClauseText]:
    """The clauses the report's findings cite, once each, in the Regulation's order."""
    order = {c.id: i for i, c in enumerate(CLAUSES)}
    cited = sorted(
        {c for f in findings for c in f.clauses}, key=lambda c: (order.get(c, len(order)), c)
    )
    texts = [catalogue.clause(c) for c in cited]
    return [
        ClauseText(c.id, c.vi, c.en if lang == "en" else None, c.as_issued(lang))
        for c in texts
        if c is not None
    ]


def policy_rows(values: dict[str, Any]) -> list[tuple[str, str, str, bool]]:
    """``(key, value, default, differs)`` for each policy value a report used."""
    defaults = Policy().model_dump(mode="json")
    return [
        (key, str(value), str(defaults.get(key)), defaults.get(key) != value)
        for key, value in values.items()
    ]

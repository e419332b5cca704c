"""What the HTML and Markdown reports show, computed once from a check's results.

The view is plain data: the templates only lay it out, so both formats say the same.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from .._version import __version__
from ..engine import Assignment, assignments, quarter_end, quarter_start
from ..i18n import BEARER_LABELS, fmt_date, pick, status_label, subject_text
from ..model import (
    STATUSES,
    Accounting,
    BaseEvent,
    CheckReport,
    Finding,
    Policy,
    Register,
    overlap,
    uncovered,
)
from ..model import Timeline as RegisterTimeline
from ..rules import CATALOGUE, Catalogue
from ._scores import FAMILIES, OFFICER_FAMILIES, Tally, by_family, scorecards
from ._strings import STRINGS

BEARERS = ("officer", "commune", "standing_member", "standing_committee", "organization_board")
SEVERITY = ("violated", "late", "pending", "not_observed", "observed", "fulfilled")
CELL_SYMBOLS = {
    "done": "✓",
    "gap": "◐",
    "missed": "✗",
    "pending": "…",
    "none": "○",
    "absent": "–",
}
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
    marks: list[Mark] = field(default_factory=list)
    dues: list[Mark] = field(default_factory=list)
    missed: list[Band] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)


@dataclass
class ClauseText:
    id: str
    vi: str
    en: str | None


@dataclass
class FindingView:
    rule: str
    title: str
    status: str
    status_label: str
    subject: str
    window: str
    message: str
    evidence: list[str]
    clauses: list[ClauseText]


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
    communes: str
    families: list[tuple[int, int, int, int]]
    rate: str
    attention: int


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
    accounting: list[tuple[str, int]]
    statuses: list[tuple[str, str, int]]
    bearer_rows: list[tuple[str, list[int], int]]
    families: list[FamilyRow]
    family_headers: list[str]
    officers: list[OfficerRow]
    status_headers: list[str]
    quarters: list[str]
    matrix: list[MatrixBlock]
    legend: list[tuple[str, str, str]]
    timelines: list[Timeline]
    timeline_width: int
    findings: list[tuple[str, list[FindingView]]]
    fulfilled: list[tuple[str, str, int]]
    fulfilled_total: int
    policy: list[tuple[str, str, str, bool]]
    rejected: list[tuple[str, str]]
    generated: str


def _next_quarter(day: date) -> date:
    return quarter_end(day) + timedelta(days=1)


def build_view(
    report: CheckReport,
    register: Register,
    events: Sequence[BaseEvent],
    lang: str,
    catalogue: Catalogue | None = None,
) -> View:
    """The view of a check: the report, with the register and the accepted events it used."""
    catalogue = catalogue or CATALOGUE
    shown = frozenset(rule.id for rule in catalogue if rule.matrix)  # the visit duty
    t = STRINGS[lang]
    as_of = report.as_of
    tz = ZoneInfo(register.province.timezone)
    day_of = {event.id: event.day(tz) for event in events}
    active = assignments(register, events, as_of=as_of)

    counts = Counter(f.status for f in report.findings)
    by_bearer: dict[str, Counter[str]] = defaultdict(Counter)
    for f in report.findings:
        by_bearer[f.bearer or "officer"][f.status] += 1
    bearer_rows = [
        (
            pick(BEARER_LABELS[b], lang),
            [by_bearer[b][s] for s in STATUSES],
            sum(by_bearer[b].values()),
        )
        for b in BEARERS
        if by_bearer[b]
    ]

    # A period narrows the matrix to its quarters; the last day groups the communes.
    period = report.period
    first = register.regulation.effective
    last = as_of
    if period is not None:
        first, last = max(first, period.from_), min(as_of, period.to)
    quarters = _quarters(first, last)
    tallies = by_family(report.findings)
    return View(
        lang=lang,
        t=t,
        province=register.province.name,
        province_id=register.province.id,
        as_of=fmt_date(as_of, lang),
        period=(f"{fmt_date(period.from_, lang)} – {fmt_date(period.to, lang)}" if period else ""),
        backend=report.backend,
        accounting=[(t[k], getattr(report.input, k)) for k in Accounting.model_fields],
        statuses=[(s, status_label(s, lang), counts.get(s, 0)) for s in STATUSES],
        bearer_rows=bearer_rows,
        families=[
            FamilyRow(pick(names, lang), t.owed, t.on_time, t.late, t.missed, t.open, _rate(t))
            for (_, names, _), t in zip(FAMILIES, tallies.values(), strict=True)
        ],
        family_headers=[pick(names, lang) for key, names, _ in FAMILIES if key in OFFICER_FAMILIES],
        officers=_officers(report, register),
        status_headers=[status_label(s, lang) for s in STATUSES],
        quarters=[t["quarter"].format(q=(q.month - 1) // 3 + 1, year=q.year) for q in quarters],
        matrix=_matrix(report, register, active, quarters, day_of, lang, shown, last),
        legend=[(state, CELL_SYMBOLS[state], t[f"cell_{state}"]) for state in CELL_SYMBOLS],
        timelines=_timelines(report, register, events, active, day_of, lang, shown),
        timeline_width=TIMELINE_WIDTH,
        findings=_findings(report.findings, catalogue, lang),
        fulfilled=_fulfilled(report.findings, catalogue, lang),
        fulfilled_total=counts.get("fulfilled", 0),
        policy=policy_rows(report.policy),
        rejected=[(r.location, r.error) for r in report.rejected],
        generated=t["generated"].format(version=__version__),
    )


def _rate(tally: Tally) -> str:
    rate = tally.rate
    return "–" if rate is None else f"{round(rate * 100)}%"


def _officers(report: CheckReport, register: Register) -> list[OfficerRow]:
    communes = {c.id: c.name for c in register.communes}
    return [
        OfficerRow(
            card.officer,
            card.name,
            card.agency,
            ", ".join(f"{communes.get(c, c)} ({c})" for c in card.communes),
            [(t.owed, t.on_time, t.late, t.missed) for t in card.families.values()],
            _rate(card.total),
            card.attention,
        )
        for card in scorecards(report.findings, register)
    ]


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

    districts = {d.id: d.name for d in register.districts}
    names = {c.id: c.name for c in register.communes}
    grouped: dict[str | None, list[MatrixRow]] = defaultdict(list)
    for c in register.communes:
        cells = [cell(c.id, q) for q in quarters]
        if cells and all(cell.state == "absent" for cell in cells):
            continue  # a commune that did not exist in any quarter shown has no row
        name = f"{c.name} → {names[c.successor]}" if c.successor in names else c.name
        # By the district on the report's last day.
        grouped[timeline.district_of(c.id, last)].append(MatrixRow(c.id, name, cells))
    order = [d.id for d in register.districts] + [None]
    return [
        MatrixBlock(districts[d] if d is not None else t["no_district"], grouped[d])
        for d in order
        if grouped.get(d)
    ]


def _timelines(
    report: CheckReport,
    register: Register,
    events: Iterable[BaseEvent],
    active: list[Assignment],
    day_of: dict[str, date],
    lang: str,
    shown: frozenset[str],
) -> list[Timeline]:
    t = STRINGS[lang]
    names = {o.id: o.name for o in register.officers} | {c.id: c.name for c in register.communes}
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
    effective = register.regulation.effective
    for a in sorted(active, key=lambda a: (a.officer, a.commune, a.start)):
        first, last = max(a.start, effective), min(a.end, report.as_of)
        if first > last:
            continue
        days = max(1, (last - first).days)

        def x(day: date, first: date = first, days: int = days) -> float:
            return round((day - first).days / days * TIMELINE_WIDTH, 1)

        line = Timeline(
            officer=a.officer,
            officer_name=names.get(a.officer, a.officer),
            commune=a.commune,
            commune_name=names.get(a.commune, a.commune),
            span=f"{t['from']} {fmt_date(first, lang)} {t['to']} {fmt_date(last, lang)}",
        )
        marks = acts[a.officer, a.commune] + reports[a.officer]
        for day, kind, event_id in sorted(marks):
            if first <= day <= last:
                line.marks.append(
                    Mark(x(day), kind, f"{t[f'mark_{kind}']} {event_id} {fmt_date(day, lang)}")
                )
        for f in windows[a.officer, a.commune]:
            assert f.window is not None
            if not first <= f.window.due <= last and f.status != "violated":
                continue
            if f.status == "violated" and f.window.start >= first and f.window.due <= last:
                start = x(f.window.start)
                line.missed.append(
                    Band(
                        start,
                        max(2.0, x(f.window.due) - start),
                        f"{t['mark_missed']} {fmt_date(f.window.start, lang)} – "
                        f"{fmt_date(f.window.due, lang)}",
                    )
                )
            if first <= f.window.due <= last:
                line.dues.append(
                    Mark(x(f.window.due), "due", f"{t['mark_due']} {fmt_date(f.window.due, lang)}")
                )
        year = first.year + 1
        while date(year, 1, 1) <= last:
            line.ticks.append(Tick(x(date(year, 1, 1)), str(year)))
            year += 1
        timelines.append(line)
    return timelines


def _findings(
    findings: Iterable[Finding], catalogue: Catalogue, lang: str
) -> list[tuple[str, list[FindingView]]]:
    grouped: dict[str, list[FindingView]] = defaultdict(list)
    # What needs action first; the engine's order (rule, subject, window) within a status.
    for f in sorted(findings, key=lambda f: SEVERITY.index(f.status)):
        if f.status == "fulfilled":
            continue
        rule = catalogue.get(f.rule)
        texts = [catalogue.clause(c) for c in f.clauses]
        clauses = [
            ClauseText(c.id, c.vi, c.en if lang == "en" else None) for c in texts if c is not None
        ]
        window = (
            f"{fmt_date(f.window.start, lang)} – {fmt_date(f.window.due, lang)}" if f.window else ""
        )
        grouped[f.bearer or "officer"].append(
            FindingView(
                rule=f.rule,
                title=rule.title(lang) if rule else f.rule,
                status=f.status,
                status_label=status_label(f.status, lang),
                subject=subject_text(f.subject.__dict__, lang),
                window=window,
                message=f.message,
                evidence=list(f.evidence),
                clauses=clauses,
            )
        )
    return [(pick(BEARER_LABELS[b], lang), grouped[b]) for b in BEARERS if grouped.get(b)]


def _fulfilled(
    findings: Iterable[Finding], catalogue: Catalogue, lang: str
) -> list[tuple[str, str, int]]:
    counts = Counter(f.rule for f in findings if f.status == "fulfilled")
    return [
        (rule.id, rule.title(lang), counts[rule.id]) for rule in catalogue if counts.get(rule.id)
    ]


def policy_rows(values: dict[str, Any]) -> list[tuple[str, str, str, bool]]:
    """``(key, value, default, differs)`` for each policy value a report used."""
    defaults = Policy().model_dump(mode="json")
    return [
        (key, str(value), str(defaults.get(key)), defaults.get(key) != value)
        for key, value in values.items()
    ]

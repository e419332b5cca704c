"""Scorecards: the findings counted by duty family, for the province and for each officer.

Clause B3 has the Organization Board propose each officer's annual classification "căn cứ
mức độ hoàn thành nhiệm vụ của cán bộ theo dõi địa bàn": by how far the officer completed
their duties. An officer's scorecard counts, family by family, the duties owed and how
each ended, and the share done on time. It suggests no rating: that is the Standing
Committee's to decide.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from ..engine import assignments
from ..i18n import CHECK_TEMPLATES
from ..model import CheckReport, EventLike, Finding, Register, Timeline, overlap, uncovered
from ..rules import CATALOGUE

Span = tuple[date, date]

FAMILIES: tuple[tuple[str, tuple[str, str], tuple[str, ...]], ...] = (
    ("visits", ("Đi công tác, dự họp", "Visits and meetings"), ("GR-VISIT-QUARTERLY",)),
    ("contact", ("Liên hệ trước khi đến", "Contact before visits"), ("GR-VISIT-CONTACT",)),
    (
        "reports",
        ("Báo cáo Ban Thường vụ", "Reports to the Standing Committee"),
        ("GR-REPORT-SEMIANNUAL", "GR-REPORT-ANNUAL", "GR-REPORT-CONTENT", "GR-CHANNEL"),
    ),
    ("member", ("Báo cáo ủy viên BTV phụ trách", "Reports to the member"), ("GR-REPORT-MEMBER",)),
    ("agency", ("Báo cáo thủ trưởng cơ quan", "Reports to the agency head"), ("GR-REPORT-AGENCY",)),
    ("invitations", ("Mời dự họp", "Invitations"), ("GR-MEETING-INVITE",)),
    ("evaluations", ("Nhận xét, đánh giá", "Evaluations"), ("GR-EVALUATION",)),
    ("relays", ("Trao đổi phản ánh", "Relays of issues"), ("GR-ISSUE-RELAY",)),
    (
        "committee",
        ("Nhiệm vụ của Ban Thường vụ", "The Standing Committee's duties"),
        ("GR-ASSIGN-TERM", "GR-COVERAGE", "GR-REPLACEMENT", "GR-VIOLATION-HANDLING"),
    ),
    (
        "board",
        ("Nhiệm vụ của Ban Tổ chức", "The Organization Board's duties"),
        ("GR-CLASSIFICATION", "GR-COMMENDATION", "GR-REVIEW", "GR-DISSEMINATION"),
    ),
)
"""Each duty family: its key, its Vietnamese and English names, and its rules."""

OFFICER_FAMILIES = ("visits", "contact", "reports", "member", "agency")
"""The families an officer bears."""

CHECKS = frozenset(r.id for r in CATALOGUE if r.template.template in CHECK_TEMPLATES)
"""The Regulation's rules that check something rather than owe it by a date: their
``violated`` is "không đúng quy định"."""

ATTENTION = ("violated", "late", "pending")
"""The statuses a report lists as needing attention, most urgent first."""

_FAMILY_OF = {rule: key for key, _, rules in FAMILIES for rule in rules}

_ASSIGNED = frozenset({"GR-VISIT-QUARTERLY", "GR-REPORT-MEMBER", "GR-EVALUATION"})
"""Rules whose findings exist only for a commune the officer was assigned to."""


@dataclass
class Tally:
    """How the duties of a family ended: owed is every instance counted here."""

    on_time: int = 0
    late: int = 0
    missed: int = 0
    open: int = 0

    @property
    def owed(self) -> int:
        return self.on_time + self.late + self.missed + self.open

    @property
    def rate(self) -> float | None:
        """The share of the duties come due that were done on time, or ``None``."""
        due = self.on_time + self.late + self.missed
        return self.on_time / due if due else None

    def add(self, status: str, n: int = 1) -> None:
        """Count ``n`` duties ended in ``status``."""
        if status == "fulfilled":
            self.on_time += n
        elif status == "late":
            self.late += n
        elif status == "violated":
            self.missed += n
        elif status == "pending":
            self.open += n


class Mark(NamedTuple):
    """What the scores read of a finding: its rule and status, its subject's officer and
    commune, who bears it, and whether it cites evidence. Findings alike in these are
    counted together (:func:`marks`), which is how a report too long to hold its findings
    still scores them."""

    rule: str
    status: str
    officer: str | None
    commune: str | None
    bearer: str | None
    evidenced: bool

    @classmethod
    def of(cls, f: Finding) -> Mark:
        return cls._make(_marked(f))


def _marked(f: Finding) -> tuple[str, str, str | None, str | None, str | None, bool]:
    """The fields of a finding's :class:`Mark`, as a plain tuple."""
    subject = f.subject
    return f.rule, f.status, subject.officer, subject.commune, f.bearer, bool(f.evidence)


Marks = Mapping[Mark, int]
"""Findings counted by their :class:`Mark`."""


def marks(findings: Iterable[Finding]) -> Counter[Mark]:
    """``findings`` counted by their :class:`Mark` (a report's findings have a few thousand
    marks between them: count once, and score from the counts)."""
    counts = Counter(map(_marked, findings))
    return Counter({Mark._make(key): n for key, n in counts.items()})


@dataclass
class Scorecard:
    """One officer's duties, by family."""

    officer: str
    name: str
    agency: str
    communes: list[str]
    families: dict[str, Tally] = field(default_factory=dict)
    attention: int = 0

    @property
    def total(self) -> Tally:
        whole = Tally()
        for tally in self.families.values():
            whole.on_time += tally.on_time
            whole.late += tally.late
            whole.missed += tally.missed
            whole.open += tally.open
        return whole


def family_of(rule: str) -> str | None:
    """The duty family of a rule, or ``None`` (a recommendation, a check of conduct)."""
    return _FAMILY_OF.get(rule)


def by_family(findings: Iterable[Finding] | Marks) -> dict[str, Tally]:
    """The findings (or their :func:`marks`) counted by duty family, every family present."""
    tallies = {key: Tally() for key, _, _ in FAMILIES}
    for (rule, status, *_), n in _counted(findings):
        key = family_of(rule)
        if key is not None:
            tallies[key].add(status, n)
    return tallies


def _counted(findings: Iterable[Finding] | Marks) -> Iterable[tuple[Mark, int]]:
    return (findings if isinstance(findings, Mapping) else marks(findings)).items()


def scorecards(findings: Iterable[Finding] | Marks, register: Register) -> list[Scorecard]:
    """One scorecard per officer of the register who has a finding (or a mark of one), in
    id order."""
    agencies = {a.id: a.name for a in register.agencies}
    cards: dict[str, Scorecard] = {}
    for o in register.officers:
        cards[o.id] = Scorecard(
            o.id,
            o.name,
            agencies.get(o.agency, o.agency),
            [],
            {key: Tally() for key in OFFICER_FAMILIES},
        )
    seen: set[str] = set()
    for (rule, status, officer, commune, bearer, _), n in _counted(findings):
        if officer is None or officer not in cards:
            continue
        seen.add(officer)
        card = cards[officer]
        if commune is not None and commune not in card.communes and rule in _ASSIGNED:
            card.communes.append(commune)
        if status in ATTENTION:
            card.attention += n  # the officer's list, the commune's duties about them too
        if bearer not in (None, "officer"):
            continue  # the commune's duty about the officer (its evaluation, its channel)
        key = family_of(rule)
        if key in card.families:
            card.families[key].add(status, n)
    for card in cards.values():
        card.communes.sort()
    return [cards[o] for o in sorted(seen)]


@dataclass
class CommuneCard:
    """One commune's year: who monitored it, the days no one did, and the duties about it.

    ``visits`` counts the visit duty of every officer assigned; the evaluations count, per
    officer owed one, those submitted (an evaluation cited, confirmed or not), confirmed
    (on time or late) and late.
    """

    commune: str
    name: str
    officers: list[str]
    days_uncovered: int
    visits: Tally = field(default_factory=Tally)
    invitations_missed: int = 0
    evaluations: int = 0
    submitted: int = 0
    confirmed: int = 0
    late: int = 0
    missed_or_late: int = 0


def commune_cards(
    findings: Iterable[Finding] | Marks,
    register: Register,
    spans: Iterable[tuple[str, str, Span]],
    days: Span,
) -> list[CommuneCard]:
    """One card per commune that existed on some of ``days`` (a report's first and last
    day), in register order, from the findings or their :func:`marks`. ``spans`` are
    ``(officer, commune, (start, end))`` of the assignments."""
    timeline = Timeline(register)
    cards: dict[str, CommuneCard] = {}
    scope: dict[str, Span] = {}
    for c in register.communes:
        shown = overlap(days, timeline.span(c.id))
        if shown is not None:
            scope[c.id] = shown
            cards[c.id] = CommuneCard(c.id, c.name, [], 0)
    covered: dict[str, list[Span]] = {c: [] for c in cards}
    officers: dict[str, set[str]] = {c: set() for c in cards}
    for officer, commune, span in spans:
        if commune in cards and overlap(span, scope[commune]) is not None:
            covered[commune].append(span)
            officers[commune].add(officer)
    for commune, card in cards.items():
        card.officers = sorted(officers[commune])
        card.days_uncovered = sum(
            (hi - lo).days + 1 for lo, hi in uncovered(scope[commune], covered[commune])
        )
    for (rule, status, _, named, _, evidenced), n in _counted(findings):
        found = cards.get(named or "")
        if found is None:
            continue
        card = found
        if status in ("violated", "late"):
            card.missed_or_late += n
        if rule == "GR-VISIT-QUARTERLY":
            card.visits.add(status, n)
        elif rule == "GR-MEETING-INVITE" and status == "violated":
            card.invitations_missed += n
        elif rule == "GR-EVALUATION":
            card.evaluations += n
            card.submitted += n * evidenced
            card.confirmed += n * (status in ("fulfilled", "late"))
            card.late += n * (status == "late")
    return list(cards.values())


def most_missed(counts: Counter[str], limit: int = 10) -> list[tuple[str, int]]:
    """The ``limit`` keys with the highest counts, ties in key order; zeros left out."""
    ranked = sorted((key for key, n in counts.items() if n), key=lambda k: (-counts[k], k))
    return [(key, counts[key]) for key in ranked[:limit]]


def report_days(report: CheckReport, register: Register) -> Span:
    """The days a report covers: its period within the Regulation's days up to ``as_of``,
    or all of them."""
    first, last = register.regulation.effective, report.as_of
    if report.period is not None:
        first, last = max(first, report.period.from_), min(last, report.period.to)
    return first, last


def communes_of(
    report: CheckReport,
    register: Register,
    events: Sequence[EventLike],
    counted: Marks | None = None,
) -> list[CommuneCard]:
    """:func:`commune_cards` for a check's report, with the assignments its events made; of
    the findings ``counted`` when given (a streamed report has none of its own)."""
    active = assignments(register, events, as_of=report.as_of)
    spans = ((a.officer, a.commune, (a.start, a.end)) for a in active if a.start <= a.end)
    findings = report.findings if counted is None else counted
    return commune_cards(findings, register, spans, report_days(report, register))

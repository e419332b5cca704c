"""Scorecards: the findings counted by duty family, for the province and for each officer.

Clause B3 has the Organization Board propose each officer's annual classification "căn cứ
mức độ hoàn thành nhiệm vụ của cán bộ theo dõi địa bàn": by how far the officer completed
their duties. An officer's scorecard counts, family by family, the duties owed and how
each ended, and the share done on time. It suggests no rating: that is the Standing
Committee's to decide.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import Finding, Register

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

    def add(self, status: str) -> None:
        if status == "fulfilled":
            self.on_time += 1
        elif status == "late":
            self.late += 1
        elif status == "violated":
            self.missed += 1
        elif status == "pending":
            self.open += 1


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


def by_family(findings: Iterable[Finding]) -> dict[str, Tally]:
    """The findings counted by duty family, every family present."""
    tallies = {key: Tally() for key, _, _ in FAMILIES}
    for f in findings:
        key = family_of(f.rule)
        if key is not None:
            tallies[key].add(f.status)
    return tallies


def scorecards(findings: Iterable[Finding], register: Register) -> list[Scorecard]:
    """One scorecard per officer of the register who has a finding, in id order."""
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
    for f in findings:
        officer = f.subject.officer
        if officer is None or officer not in cards:
            continue
        seen.add(officer)
        card = cards[officer]
        commune = f.subject.commune
        if commune is not None and commune not in card.communes and f.rule in _ASSIGNED:
            card.communes.append(commune)
        if f.bearer not in (None, "officer"):
            continue  # the commune's duty about the officer (its evaluation, its channel)
        key = family_of(f.rule)
        if key in card.families:
            card.families[key].add(f.status)
        if f.status in ("violated", "late", "pending"):
            card.attention += 1
    for card in cards.values():
        card.communes.sort()
    return [cards[o] for o in sorted(seen)]

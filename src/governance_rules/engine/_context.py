"""What every template evaluation needs, computed once per evaluation: events in time order,
assignments and their active periods, the members in charge of each commune."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter
from typing import Any
from zoneinfo import ZoneInfo

from ..errors import Problem
from ..model import EventLike, Finding, Policy, Register, Subject, Term, Timeline, Window
from ..rules import Act, Param, Rule
from ._days_off import DaysOff
from ._messages import Phrases, register_names


@dataclass(frozen=True, slots=True)
class DatedEvent:
    """An event with its local date; items sort by (day, id)."""

    day: date
    id: str
    event: EventLike


@dataclass(frozen=True, slots=True)
class Assignment:
    """An assignment ("phân công theo dõi địa bàn"), active from ``start`` to ``end``
    inclusive (``end < start`` means it is never active)."""

    id: str
    officer: str
    commune: str
    term: str
    start: date
    end: date

    def active_on(self, day: date) -> bool:
        return self.start <= day <= self.end

    def active_days(self, first: date, last: date) -> int:
        """How many days of ``first``..``last`` the assignment is active."""
        lo, hi = max(first, self.start), min(last, self.end)
        return max(0, (hi - lo).days + 1)


@dataclass
class Rejoin:
    """The rolling windows of one periodic duty that a caller holds (the live monitor), so
    that a chain made again stops where it rejoins them.

    A window that starts after ``after`` on a day the caller holds a window of the same
    subject starting (``starts``), and is not its chain's first, is made, and the chain
    stops there: from that start on, it depends only on the acts after the start, which are
    those the caller's chain saw (every act it did not see is dated on or before
    ``after``). The chain's subject is then in ``at``, with that start: the caller keeps its
    own windows of the subject that start after it. A subject that two assignments share
    (the same officer, commune and term) never stops early. For a rule id with one version
    only: the windows of different versions could share a start.
    """

    after: date
    starts: frozenset[tuple[tuple[Any, ...], date]]
    """(the subject's values, in the order of ``SUBJECT_KEYS``; the window's start)."""
    at: dict[tuple[Any, ...], date] = field(default_factory=dict)
    """Filled by the evaluation: subject values -> the start at which its chain stopped."""


def field_value(event: EventLike, name: str) -> Any:
    """The value of ``name`` on ``event`` as it stands (a list field's tuple), or ``None``."""
    if name == "id":
        return event.id
    # A model's fields from its dictionary: getattr of a field its type lacks costs
    # pydantic a raise. A compact record has its type's fields as slots, and no dictionary.
    values = getattr(event, "__dict__", None)
    return getattr(event, name, None) if values is None else values.get(name)


def field_values(event: EventLike, name: str) -> tuple[Any, ...]:
    """The values of ``name`` on ``event``: a list field's items, or the one scalar value."""
    value = field_value(event, name)
    if value is None:
        return ()
    return tuple(value) if isinstance(value, tuple | list) else (value,)


@dataclass(frozen=True, slots=True)
class _Derived:
    """What is derived from a register alone."""

    register: Register  # held, so that its id is not reused while the entry lives
    problems: list[Problem]
    timeline: Timeline
    names: dict[tuple[str, str], str]
    terms: dict[str, Term]
    agency_heads: frozenset[str]  # officers who head their own agency


_DERIVED: dict[int, _Derived] = {}
"""What is derived from a register alone, for the last few registers evaluated (the live
monitor evaluates one register many times)."""


def _derived(register: Register) -> _Derived:
    found = _DERIVED.get(id(register))
    if found is None or found.register is not register:
        if len(_DERIVED) >= 4:
            _DERIVED.pop(next(iter(_DERIVED)))
        agency_of = {o.id: o.agency for o in register.officers}
        found = _Derived(
            register,
            register.problems(),
            Timeline(register),
            register_names(register),
            {t.id: t for t in register.terms},
            frozenset(
                a.head for a in register.agencies if a.head and agency_of.get(a.head) == a.id
            ),
        )
        _DERIVED[id(register)] = found
    return found


def checked(register: Register) -> list[Problem]:
    """The register's problems (see :meth:`Register.problems`), found once a register."""
    return _derived(register).problems


Partition = tuple[str, str]
"""A part of the findings, by subject: ``("commune", id)`` the findings about a commune,
``("officer", id)`` those about an officer and no commune, ``("global", "")`` the rest."""


ASSIGNMENT_TYPES = frozenset({"assignment.decided", "assignment.ended"})


def reads(catalogue: Iterable[Rule]) -> dict[str, frozenset[str]]:
    """For each rule id, the event types whose events can change its findings: its acts'
    types and the assignments (every instance is of an assignment's days, and a check of an
    act's place asks them). A check that voids acts examines each act against the act
    itself, the register and the assignments, so whether an act is void needs nothing more.
    The findings of a rule over every event equal its findings over the events of these
    types."""
    types: dict[str, set[str]] = defaultdict(lambda: set(ASSIGNMENT_TYPES))
    for rule in catalogue:
        types[rule.id].update(act.type for _, act in rule.template.named_acts())
    return {rule_id: frozenset(found) for rule_id, found in types.items()}


def lead(keys: Mapping[str, Any]) -> tuple[str, str]:
    """The first two parts of the sort key of a subject given as its keys: its officer and
    its commune (``""`` where it has none). Findings sort by rule, then subject, whose key
    begins with these two."""
    return (keys.get("officer") or "", keys.get("commune") or "")


def partition_of(finding: Finding) -> Partition:
    """The partition a finding belongs to, by its subject."""
    subject = finding.subject
    if subject.commune is not None:
        return ("commune", subject.commune)
    if subject.officer is not None:
        return ("officer", subject.officer)
    return ("global", "")


class Context:
    """Everything derived from (register, policy, events, as_of) that rules share."""

    def __init__(
        self,
        register: Register,
        policy: Policy,
        events: Iterable[EventLike],
        as_of: date,
        lang: str,
    ) -> None:
        self.register = register
        self.policy = policy
        self.as_of = as_of
        self.effective = register.regulation.effective
        derived = _derived(register)
        timeline = derived.timeline
        self.say = Phrases(lang, as_of, derived.names)
        tz = ZoneInfo(register.province.timezone)
        items = [DatedEvent(event.day(tz), event.id, event) for event in events]
        items = [item for item in items if item.day <= as_of]
        # By (day, id), as two stable sorts: no key tuple an event, in a log of millions.
        items.sort(key=attrgetter("id"))
        items.sort(key=attrgetter("day"))
        self.items = items
        self.terms = derived.terms
        self.timeline = timeline
        """Which communes exist on a day, their district, the members in charge: every
        rule asks these through it."""
        self.asked: Partition | None = None  # the partition asked for, or all
        self.since: Mapping[str, date] = {}  # periodic windows due before are not made
        self.rejoin: Mapping[str, Rejoin] = {}  # rolling chains that stop where they rejoin
        self.communes = self.timeline.communes
        self.days_off = DaysOff(register.calendar)
        self.moves_due_dates = policy.day_off_rule == "next_working_day"
        self.agency_heads = derived.agency_heads
        self.void: frozenset[str] = frozenset()
        self.examined: dict[int, list[Any]] = {}  # conformance checks examined ahead
        self.subjects: dict[tuple[Any, ...], Subject] = {}  # shared by findings
        self.windows: dict[tuple[date, date], Window] = {}
        self.share = True  # findings share equal subjects and windows (else only in a row)
        self._by_type: dict[str, list[DatedEvent]] = defaultdict(list)
        for item in self.items:
            self._by_type[item.event.type].append(item)  # type: ignore[attr-defined]
        self.assignments = self._assignments()
        self.by_lead = sorted(self.assignments, key=attrgetter("officer", "commune"))
        """The assignments by officer, then commune (then as decided): a rule that makes its
        findings assignment by assignment in this order makes them in order of their
        subjects' lead (see :func:`lead`)."""
        self._pairs: dict[tuple[str, str], list[Assignment]] = defaultdict(list)
        self._by_commune: dict[str, list[Assignment]] = defaultdict(list)
        self._by_officer: dict[str, list[Assignment]] = defaultdict(list)
        for a in self.assignments:
            self._pairs[a.officer, a.commune].append(a)
            self._by_commune[a.commune].append(a)
            self._by_officer[a.officer].append(a)
        self._indexes: dict[
            tuple[int, tuple[str, ...], bool], dict[tuple[Any, ...], list[DatedEvent]]
        ] = {}

    def _assignments(self) -> list[Assignment]:
        ended: dict[tuple[str, str], list[date]] = defaultdict(list)
        for item in self._by_type.get("assignment.ended", ()):
            ev: Any = item.event
            ended[ev.officer, ev.commune].append(item.day)
        result = []
        for item in self._by_type.get("assignment.decided", ()):
            ev = item.event
            term = self.terms.get(ev.term)
            if term is None:
                continue
            end = min(term.end, self.timeline.until(ev.commune) or term.end)
            for day in ended.get((ev.officer, ev.commune), ()):
                if day >= item.day:
                    end = min(end, day)
                    break
            result.append(Assignment(ev.id, ev.officer, ev.commune, ev.term, item.day, end))
        return result

    # Lookups.

    def of_type(self, event_type: str) -> list[DatedEvent]:
        """The usable events of a type, in time order (voided acts left out)."""
        items = self._by_type.get(event_type, [])
        if not self.void:
            return items
        return [i for i in items if i.id not in self.void]

    def all_of_type(self, event_type: str) -> list[DatedEvent]:
        """Every event of a type, in time order, voided acts included."""
        return self._by_type.get(event_type, [])

    def assignments_of(self, officer: str, commune: str) -> list[Assignment]:
        return self._pairs.get((officer, commune), [])

    def assignments_in(self, commune: str) -> list[Assignment]:
        return self._by_commune.get(commune, [])

    def assignments_by(self, officer: str) -> list[Assignment]:
        return self._by_officer.get(officer, [])

    def is_assigned(self, officer: str, commune: str, day: date) -> bool:
        return any(a.active_on(day) for a in self.assignments_of(officer, commune))

    def due(self, day: date) -> tuple[date, str]:
        """An obligation's due date under the ``day_off_rule``, and what the message says
        of it: ``day`` and ``""``, or the next working day and the day off it skipped."""
        if not self.moves_due_dates or not self.days_off.is_off(day):
            return day, ""
        moved = self.days_off.next_working_day(day)
        lang = self.say.lang
        why, why_to = self.days_off.describe(day, lang), self.days_off.describe(moved, lang)
        return moved, self.say.moved(day, why, moved, why_to)

    def param(self, value: Param) -> int:
        """A template number: the constant, or the policy value it names."""
        return value if isinstance(value, int) else int(getattr(self.policy, value))

    def setting(self, value: str) -> str:
        """A template word: the policy value it names, or the word itself."""
        return str(getattr(self.policy, value)) if value in Policy.model_fields else value

    # Matching acts.

    def wanted(self, commune: Any, officer: Any) -> bool:
        """Whether findings about ``commune`` and ``officer`` (either ``None``) can be of
        the partition asked for."""
        asked = self.asked
        if asked is None:
            return True
        kind, key = asked  # the keys asked about are the finding's: final by then
        if kind == "commune":
            return bool(commune == key)
        if kind == "officer":
            return commune is None and bool(officer == key)
        return commune is None and officer is None

    def compile_acts(self, rules: Iterable[Rule]) -> None:
        """Get ready to match the acts of ``rules`` (nothing to do here: matching is lazy)."""

    def close(self) -> None:
        """Release what :meth:`prepare` took."""

    def selects(self, act: Act, item: DatedEvent) -> bool:
        """Whether the event passes the act's ``where`` and ``any_of`` filters."""
        event = item.event
        for name, allowed in act.where.items():
            if getattr(event, name, None) not in allowed:
                return False
        for name, wanted in act.any_of.items():
            if not set(field_values(event, name)) & set(wanted):
                return False
        return True

    def index(
        self, act: Act, keys: tuple[str, ...], voided: bool = False
    ) -> Mapping[tuple[Any, ...], list[DatedEvent]]:
        """The act's events grouped by the values of its binding ``keys`` (subject keys);
        with ``voided``, the acts that a check voided too."""
        cached = self._indexes.get((id(act), keys, voided))
        if cached is not None:
            return cached
        fields = act.bindings()
        names = [fields[key] for key in keys]
        filtered = bool(act.where or act.any_of)
        grouped: dict[tuple[Any, ...], list[DatedEvent]] = defaultdict(list)
        for item in self.all_of_type(act.type) if voided else self.of_type(act.type):
            if filtered and not self.selects(act, item):
                continue
            event = item.event
            scalars = [field_value(event, name) for name in names]
            if not any(isinstance(v, tuple | list) for v in scalars):  # the usual case
                if None not in scalars:
                    grouped[tuple(scalars)].append(item)
                continue
            combos: list[tuple[Any, ...]] = [()]
            for name in names:  # a list field binds each of its (distinct) items
                values = field_values(event, name)
                combos = [(*c, v) for c in combos for v in dict.fromkeys(values)]
            for combo in combos:
                grouped[combo].append(item)
        self._indexes[id(act), keys, voided] = grouped
        return grouped

    def forget_indexes(self) -> None:
        """Drop the indexes built so far (they are built again when asked for)."""
        self._indexes.clear()

    def candidates(
        self, act: Act, subject: Mapping[str, Any], voided: bool = False
    ) -> list[DatedEvent]:
        """The act's events that bind to ``subject`` (``period`` included), in time order;
        with ``voided``, the acts that a check voided too (to name them as near misses)."""
        keys = tuple(act.bindings())
        found = self.index(act, keys, voided).get(tuple(subject[k] for k in keys), [])
        if act.period is not None:
            period = act.period.format(**subject)
            found = [i for i in found if getattr(i.event, "period", None) == period]
        return found

    def unfit(self, act: Act, item: DatedEvent, commune: str | None) -> str | None:
        """Why a bound event still does not count (a value that ``counts_if`` refuses, a
        member not in charge), or ``None``."""
        for name, counting in act.counts_if.items():
            value = getattr(item.event, name, None)
            if value not in counting:
                return self.say.value_does_not_count(item.id, item.day, name, str(value), counting)
        if act.in_charge is None or commune is None:
            return None
        named = getattr(item.event, act.in_charge, None)
        members = self.timeline.in_charge(commune, item.day)
        if named in members:
            return None
        return self.say.not_in_charge(item.id, item.day, named, commune, members)

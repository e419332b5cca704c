"""Live monitoring: an incremental engine whose findings always equal the batch engine's.

The findings are kept in partitions by their subject: one per commune (findings about a
commune), one per officer (about an officer and no commune), and one for the rest. A
partition is evaluated by the reference engine over the events that can bear on it: for a
commune, the events naming it, those of the officers ever assigned to it, and the events
that refer to either; for an officer, the events naming the officer and those referring to
them; for the rest, the event types its rules read. A new event re-evaluates only the
partitions it bears on, so a visit recorded a week late re-evaluates its commune and its
officer, not the province's history. (For a commune, the officers' events that count are
those bound to the officer and not to a commune, such as reports; the rest name their own
commune.)

Within a partition, only the rules that read the event's type are evaluated again, over
the events of the types they read (:func:`governance_rules.engine.reads`), and only the
rules whose findings can be in that partition: a visit re-evaluates its commune's visit
duty, the contact before it and the jurisdiction check, and nothing of its officer.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, timedelta
from operator import itemgetter
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from ._gc import paused_gc, settle
from .engine import ASSIGNMENT_TYPES, Partition, Rejoin, evaluate, partition_of, reads
from .i18n import language
from .io import Claims, Intake, Outcome, validation_reason
from .model import (
    EVENT_ADAPTER,
    EVENT_TYPES,
    SUBJECT_KEYS,
    Accounting,
    BaseEvent,
    Finding,
    Policy,
    Register,
    Rejection,
    sorting_key,
)
from .rules import CATALOGUE, Act, Catalogue, PeriodicDuty, Rule
from .store import EventStore, StoreError

GLOBAL: Partition = ("global", "")
_MANY = 32  # a rule's findings in a partition: more, and a new event's instances are made alone
# Findings in a first picture from which it ends with a full collection: below, the collector's
# passes over the picture cost about what a pass over the rest of the process does (a full
# collection took 17 ms beside 3,554 findings, 68 ms beside 33,505, 288 ms beside 161,510).
_SETTLE = 20_000
_OFFICER_FIELDS = ("officer", "invited", "attended")


def _acts(rule: Rule) -> Iterator[Act]:
    return (act for _, act in rule.template.named_acts())


def _global_types(catalogue: Catalogue) -> frozenset[str]:
    """Event types that findings about neither a commune nor an officer can depend on: the
    acts of templates whose findings carry neither, and the assignments."""
    types = {"assignment.decided", "assignment.ended"}
    for rule in catalogue:
        if not rule.template.places():
            types.update(act.type for act in _acts(rule))
    return frozenset(types)


def _unanchored_types(catalogue: Catalogue) -> frozenset[str]:
    """Event types of acts that fulfil findings placed with an officer or a commune without
    being bound to either (a classification for a year, counted for each officer): such an
    event can bear on every partition."""
    types: set[str] = set()
    for rule in catalogue:
        places = rule.template.places()
        if not places:
            continue  # the global partition reads them
        for group in rule.template.fulfilling():
            for act in group:
                if act.refers is not None:
                    continue  # found through the event it refers to
                anchored = act.officer is not None or (
                    "commune" in places and act.commune is not None
                )
                if not anchored:
                    types.add(act.type)
    return frozenset(types)


def _reference_fields(catalogue: Catalogue) -> frozenset[tuple[str, str]]:
    """(event type, field) pairs that hold the id of another event."""
    return frozenset(
        (act.type, act.refers)
        for rule in catalogue
        for act in _acts(rule)
        if act.refers is not None
    )


def _officer_wide_types(catalogue: Catalogue) -> frozenset[str]:
    """Event types that count for an officer's assignments whatever commune they name
    (acts bound to the officer and not to a commune, such as reports)."""
    return frozenset(
        act.type
        for rule in catalogue
        for act in _acts(rule)
        if act.officer is not None and act.commune is None
    )


def _readers(catalogue: Catalogue) -> dict[str, frozenset[str]]:
    """For each event type, the ids of the rules whose findings it can change."""
    readers: dict[str, set[str]] = defaultdict(set)
    for rule_id, types in reads(catalogue).items():
        for kind in types:
            readers[kind].add(rule_id)
    return {kind: frozenset(ids) for kind, ids in readers.items()}


def _placed(catalogue: Catalogue) -> dict[str, frozenset[str]]:
    """For each kind of partition, the ids of the rules whose findings can be in it: a rule
    whose every finding names a commune is only in communes', one whose every finding names
    an officer never in the global one."""
    kinds: dict[str, set[str]] = {"commune": set(), "officer": set(), "global": set()}
    for rule in catalogue:
        places = rule.template.places()
        kinds["commune"].add(rule.id)
        if "commune" not in places:
            kinds["officer"].add(rule.id)
            if "officer" not in places:
                kinds["global"].add(rule.id)
    return {kind: frozenset(ids) for kind, ids in kinds.items()}


def _opened_by(catalogue: Catalogue) -> dict[str, frozenset[str]]:
    """For each rule whose instances are each opened by one event (a check's examined act,
    a precedence's act, a deadline's trigger) of types the rule reads for nothing else, those
    types: a new event of one of them adds its own instances and changes no other."""
    opening: dict[str, set[str]] = defaultdict(set)
    other: dict[str, set[str]] = defaultdict(lambda: set(ASSIGNMENT_TYPES))
    every: dict[str, bool] = defaultdict(lambda: True)  # every version has openings
    for rule in catalogue:
        triggers = {act.type for act in rule.template.triggers()}
        opening[rule.id] |= triggers
        other[rule.id] |= {act.type for _, act in rule.template.named_acts()} - triggers
        every[rule.id] &= bool(triggers)
    return {
        rule_id: frozenset(types)
        for rule_id, types in opening.items()
        if every[rule_id] and not types & other[rule_id]
    }


def _periodic(catalogue: Catalogue) -> frozenset[str]:
    """The rules whose every version is a periodic duty: an act on or after a window's due
    date never counts for it, so a new act leaves the windows due before its day as they
    were."""
    kinds: dict[str, bool] = defaultdict(lambda: True)
    for rule in catalogue:
        kinds[rule.id] &= isinstance(rule.template, PeriodicDuty)
    return frozenset(rule_id for rule_id, periodic in kinds.items() if periodic)


def _split(held: list[Finding], since: Mapping[str, date]) -> tuple[list[Finding], list[Finding]]:
    """A rule's held findings, as those kept and those made again when it is evaluated
    again with ``since`` (the windows due before its date are kept)."""
    if not held:
        return [], []
    cut = since.get(held[0].rule)
    if cut is None:
        return [], list(held)
    kept: list[Finding] = []
    again: list[Finding] = []
    for finding in held:
        window = finding.window
        (again if window is None or window.due >= cut else kept).append(finding)
    return kept, again


_SUBJECT_VALUES = itemgetter(*SUBJECT_KEYS)


def _values(finding: Finding) -> tuple[Any, ...]:
    """A finding's subject as the values of ``SUBJECT_KEYS``, in that order."""
    values: tuple[Any, ...] = _SUBJECT_VALUES(finding.subject.__dict__)
    return values


def _rejoined(finding: Finding, rejoin: Rejoin) -> bool:
    """Whether a held window of the rule that ``rejoin`` is of comes after the one where
    its chain, made again, rejoined the held chain: it is then as the chain would make it."""
    if finding.window is None:
        return False
    at = rejoin.at.get(_values(finding))
    return at is not None and finding.window.start > at


def _key(finding: Finding) -> tuple[Any, ...]:
    window = (finding.window.start, finding.window.due) if finding.window else None
    return (finding.rule, finding.subject, window)


def _whole(finding: Finding) -> tuple[Any, ...]:
    """Every field of a finding, as a tuple that compares as the finding does, and faster
    (a model's equality compares its fields through pydantic)."""
    values = finding.__dict__
    window = values["window"]
    return (
        values["rule"],
        values["status"],
        tuple(values["subject"].__dict__.values()),
        (window.start, window.due) if window is not None else None,
        values["evidence"],
        values["clauses"],
        values["message"],
        values["bearer"],
    )


class Monitor:
    """The findings of a province, kept up to date as events arrive and days pass.

    Args:
        register: The province's register.
        as_of: The monitor's clock: the date findings are evaluated at.
        policy: Policy values; the defaults when ``None``.
        catalogue: The rules; the Regulation's catalogue when ``None``.
        lang: The language of the messages.
        store: Where accepted events are kept; its events are loaded when the monitor opens.

    For every arrival order and sequence of :meth:`advance` calls, :meth:`findings` equals
    :func:`governance_rules.evaluate` over the accepted events at the monitor's date.
    """

    def __init__(
        self,
        register: Register,
        *,
        as_of: date,
        policy: Policy | None = None,
        catalogue: Catalogue | None = None,
        lang: str = "en",
        store: EventStore | None = None,
    ) -> None:
        self.register = register
        self.as_of = as_of
        self.policy = policy or Policy()
        self.catalogue = catalogue or CATALOGUE
        self.lang = language(lang)
        self.store = store
        self._tz = ZoneInfo(register.province.timezone)
        self._global_types = _global_types(self.catalogue)
        self._references = _reference_fields(self.catalogue)
        self._officer_wide = _officer_wide_types(self.catalogue)
        self._unanchored = _unanchored_types(self.catalogue)
        self._reads = reads(self.catalogue)
        self._readers = _readers(self.catalogue)
        self._placed = _placed(self.catalogue)
        self._opens = _opened_by(self.catalogue)
        self._periodic = _periodic(self.catalogue)
        versions = Counter(rule.id for rule in self.catalogue)
        self._rejoinable = frozenset(r for r in self._periodic if versions[r] == 1)
        self._everywhere: set[str] = set()  # events of unanchored types
        self.events: dict[str, BaseEvent] = {}
        self._by_name: dict[Partition, set[str]] = defaultdict(set)
        self._officers_of: dict[str, set[str]] = defaultdict(set)
        self._communes_of: dict[str, set[str]] = defaultdict(set)
        self._referring: dict[str, set[str]] = defaultdict(set)
        self._global: set[str] = set()
        # The findings held, by partition and rule; None until the first picture is made.
        self._partitions: dict[Partition, dict[str, list[Finding]]] | None = None
        self._picture: list[Finding] | None = None  # every finding, sorted, until a change
        self._dirty: dict[Partition, set[str]] = defaultdict(set)  # the rules to evaluate
        # Periodic duties made again after new acts alone: the first and last day of those
        # acts. The windows due before the first are unchanged; a chain of rolling windows
        # made again rejoins the held one at a window that starts after the last.
        self._acts: dict[Partition, dict[str, tuple[date, date]]] = defaultdict(dict)
        # The rules to which only new instances were added: the events that opened them.
        self._opened: dict[Partition, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        claims: Claims = store if store is not None else {}
        self.intake = Intake(register, None, keep=False, claims=claims)
        self._future = 0
        self._seen = 0  # the number of the last stored event taken in
        self.refresh()

    def refresh(self) -> int:
        """Take in the events that another process appended to the store since the monitor
        last looked (a service that is not the store's only writer calls it before it
        answers).

        Returns:
            How many events were new to the monitor.

        Raises:
            StoreError: If a stored event cannot be read back or is not valid.
        """
        if self.store is None:
            return 0
        new = 0
        for seq, location, record in self.store.records_after(self._seen):
            self._seen = seq
            if record.get("id") in self.events:
                continue  # stored by this monitor
            self._index(self._stored_event(self.store, location, record))
            new += 1
        return new

    @staticmethod
    def _stored_event(store: EventStore, location: str, record: dict[str, Any]) -> BaseEvent:
        try:
            return EVENT_ADAPTER.validate_python(record)
        except ValidationError as error:
            kind = str(record.get("type"))
            reason = (
                validation_reason(kind, error)
                if kind in EVENT_TYPES
                else f"field 'type': unknown event type '{kind}'"
            )
            raise StoreError(
                store.path,
                f"damaged store: the event stored from {location} is not valid ({reason})",
            ) from None

    # Reading events.

    def add(self, location: str, record: Mapping[str, Any] | BaseEvent | str) -> Outcome:
        """Take one record (as parsed JSON, an event, or a reader's reason it is none).

        Accepted events are stored (when the monitor has a store) and wait for
        :meth:`flush` to be evaluated.
        """
        if isinstance(record, BaseEvent):
            record = record.model_dump(mode="json")
        outcome = self.intake.add(location, record)
        if outcome == "accepted":
            event = self.intake.last
            assert event is not None
            if self.store is not None and isinstance(record, Mapping):
                self.store.append(event.id, record)
            self._index(event)
            if event.day(self._tz) > self.as_of:
                self._future += 1
                return "future"
        return outcome

    def flush(self) -> list[Finding]:
        """Commit what was added and re-evaluate what it bears on.

        Returns:
            The findings that are new or changed since the last flush.
        """
        if self.store is not None:
            self.store.commit()
        if self._partitions is None or not (self._dirty or self._opened):
            self._dirty.clear()
            self._opened.clear()
            self._acts.clear()
            return []
        changed: list[Finding] = []
        self._picture = None
        with paused_gc():
            for partition in sorted({*self._dirty, *self._opened}):
                held = self._partitions.setdefault(partition, {})
                rules = set(self._dirty.get(partition, ()))
                opened = dict(self._opened.get(partition, {}))
                for rule_id in [r for r in opened if len(held.get(r, ())) < _MANY]:
                    rules.add(rule_id)  # a rule with few findings here: cheaper made whole
                    del opened[rule_id]
                events = [self.events[i] for i in self._events_of(partition)]
                if rules:
                    days = self._acts.get(partition, {})
                    since = {rule_id: first for rule_id, (first, _) in days.items()}
                    kept: dict[str, list[Finding]] = {}
                    again: dict[str, list[Finding]] = {}
                    for rule_id in rules:
                        kept[rule_id], again[rule_id] = _split(held.get(rule_id, []), since)
                    rejoin = self._rejoins(again, days)
                    after = self._evaluate(partition, events, rules, since, rejoin)
                    before: set[tuple[Any, ...]] = set()
                    for rule_id, findings in again.items():
                        chain = rejoin.get(rule_id)
                        if chain is None:
                            before.update(map(_whole, findings))
                            continue
                        for finding in findings:
                            if _rejoined(finding, chain):
                                kept[rule_id].append(finding)  # after where its chain rejoined
                            else:
                                before.add(_whole(finding))
                    for finding in after:
                        kept[finding.rule].append(finding)
                    for rule_id, findings in kept.items():
                        self._keep(held, rule_id, findings)
                    changed.extend(f for f in after if _whole(f) not in before)
                for rule_id, ids in sorted(opened.items()):
                    added = self._instances(partition, events, rule_id, ids)  # none held
                    held.setdefault(rule_id, []).extend(added)
                    changed.extend(added)
        self._dirty.clear()
        self._opened.clear()
        self._acts.clear()
        changed.sort(key=sorting_key())
        return changed

    def ingest(
        self, events: Iterable[Mapping[str, Any] | BaseEvent], location: str = "ingest"
    ) -> list[Finding]:
        """Add events and flush: the findings that are new or changed."""
        self.prepare()  # the picture before, to tell what changed
        for n, event in enumerate(events, start=1):
            self.add(f"{location}:{n}", event)
        return self.flush()

    @property
    def accounting(self) -> Accounting:
        """What became of the records added since the monitor opened."""
        counts = self.intake.accounting
        return counts.model_copy(
            update={
                "accepted": counts.accepted - self._future,
                "future": counts.future + self._future,
            }
        )

    @property
    def rejections(self) -> list[Rejection]:
        """The records rejected since the monitor opened."""
        return self.intake.rejections

    # The clock and the picture.

    def advance(self, to_date: date) -> list[Finding]:
        """Move the clock to ``to_date``.

        Returns:
            The obligations that became overdue (``violated``) on the way.
        """
        before = {_key(f) for f in self.findings() if f.status == "violated"}
        self.as_of = to_date
        self._partitions = None
        return [f for f in self.findings() if f.status == "violated" and _key(f) not in before]

    def findings(self, as_of: date | None = None) -> list[Finding]:
        """Every finding, at the monitor's date (or at ``as_of``, without moving the clock)."""
        if as_of is not None and as_of != self.as_of:
            return self._run(self.events.values(), as_of)
        self.prepare()
        if self._picture is None:
            assert self._partitions is not None
            self._picture = [
                f for rules in self._partitions.values() for held in rules.values() for f in held
            ]
            self._picture.sort(key=sorting_key())
        return list(self._picture)

    def prepare(self) -> None:
        """Bring the picture up to date: evaluate everything once, then what changed."""
        if self._partitions is None:
            self._partitions = {}
            self._picture = self._run(self.events.values(), self.as_of)  # sorted
            for finding in self._picture:
                rules = self._partitions.setdefault(partition_of(finding), {})
                rules.setdefault(finding.rule, []).append(finding)
            self._dirty.clear()
            self._opened.clear()
            self._acts.clear()
            # Made with the collector paused: its first passes over a large picture would
            # stall the live events that follow (0.2 and 0.5 s over a 100,000-event store).
            if len(self._picture) >= _SETTLE:
                settle()
        elif self._dirty or self._opened:
            self.flush()

    @staticmethod
    def _keep(held: dict[str, list[Finding]], rule_id: str, findings: list[Finding]) -> None:
        """Hold ``findings`` as a partition's of ``rule_id``, in the list that held them before.

        The list was made with the picture and has since reached the collector's oldest
        generation, where the young collections that follow a live event do not visit it;
        a new list of a partition's findings is visited by each of them until it gets there
        (3 ms for each such collection over a 100,000-event store, when a partition's
        findings were one list).
        """
        if rule_id not in held:
            held[rule_id] = findings
        else:
            held[rule_id][:] = findings

    def due_soon(self, days: int) -> list[Finding]:
        """The ``pending`` obligations due within ``days`` days, soonest first."""
        horizon = self.as_of + timedelta(days=days)
        soon = [
            f
            for f in self.findings()
            if f.status == "pending" and f.window is not None and f.window.due <= horizon
        ]
        return sorted(soon, key=lambda f: (f.window.due if f.window else date.max, f.sort_key()))

    # Partitions.

    def _run(
        self,
        events: Iterable[BaseEvent],
        as_of: date,
        partition: Partition | None = None,
        rules: set[str] | None = None,
        since: Mapping[str, date] | None = None,
        rejoin: Mapping[str, Rejoin] | None = None,
    ) -> list[Finding]:
        return evaluate(
            self.register,
            events,
            as_of=as_of,
            policy=self.policy,
            catalogue=self.catalogue,
            lang=self.lang,
            partition=partition,
            rules=rules,
            since=since,
            rejoin=rejoin,
            ordered=partition is None,  # a partition's findings are sorted where kept
        )

    def _names(self, event: BaseEvent) -> tuple[set[str], set[str]]:
        """The communes and officers an event names."""
        fields = event.__dict__  # not getattr: a field the type lacks costs pydantic a raise
        communes = {str(fields["commune"])} if fields.get("commune") else set()
        officers: set[str] = set()
        for name in _OFFICER_FIELDS:
            value = fields.get(name)
            if isinstance(value, tuple):
                officers.update(value)
            elif value is not None:
                officers.add(str(value))
        return communes, officers

    def _index(self, event: BaseEvent) -> None:
        self.events[event.id] = event
        communes, officers = self._names(event)
        kind = getattr(event, "type", "")
        if kind == "assignment.decided":
            for commune in communes:
                self._officers_of[commune].update(officers)
            for officer in officers:
                self._communes_of[officer].update(communes)
        for commune in communes:
            self._by_name["commune", commune].add(event.id)
        for officer in officers:
            self._by_name["officer", officer].add(event.id)
            if kind in self._officer_wide:
                self._by_name["wide", officer].add(event.id)
        if kind in self._global_types:
            self._global.add(event.id)
        if kind in self._unanchored:
            self._everywhere.add(event.id)
        fields = event.__dict__
        targets = [
            str(fields[name])
            for event_type, name in self._references
            if event_type == kind and fields.get(name) is not None
        ]
        for target in targets:
            self._referring[target].add(event.id)
        if self._partitions is None:
            return  # nothing evaluated yet: the first picture is made whole
        rules = self._readers.get(kind, frozenset())
        self._touch(communes, officers, kind, rules, event.id, event.day(self._tz))
        for target in targets:
            other = self.events.get(target)
            if other is not None:
                other_kind = getattr(other, "type", "")
                self._touch(*self._names(other), other_kind, rules)

    def _touch(
        self,
        communes: set[str],
        officers: set[str],
        kind: str,
        rules: frozenset[str],
        opening: str | None = None,
        day: date | None = None,
    ) -> None:
        """Mark ``rules`` to be evaluated again in the partitions an event of ``kind``
        naming ``communes`` and ``officers`` bears on; those that the event ``opening`` only
        adds instances to, to have its instances made; a periodic duty, from the windows due
        on the event's ``day`` on, when the event is an act (not an assignment)."""
        partitions: set[Partition] = {("commune", c) for c in communes}
        partitions.update(("officer", o) for o in officers)
        if kind in self._officer_wide:
            for officer in officers:
                partitions.update(("commune", c) for c in self._communes_of.get(officer, ()))
        if kind in self._global_types:
            partitions.add(GLOBAL)
        if kind in self._unanchored:
            partitions.update(p for p in self._by_name if p[0] in ("commune", "officer"))
            partitions.update(self._partitions or ())
        later = day is not None and kind not in ASSIGNMENT_TYPES  # an act, not assignments
        for partition in partitions:
            for rule_id in rules & self._placed[partition[0]]:
                whole, acts = self._dirty[partition], self._acts[partition]
                opens = kind in self._opens.get(rule_id, ())
                if opening is not None and opens and rule_id not in whole:
                    self._opened[partition][rule_id].add(opening)
                    continue
                self._opened.get(partition, {}).pop(rule_id, None)
                if (
                    later
                    and rule_id in self._periodic
                    and (rule_id not in whole or rule_id in acts)
                ):
                    assert day is not None
                    first, last = acts.get(rule_id, (day, day))
                    acts[rule_id] = (min(first, day), max(last, day))
                else:
                    acts.pop(rule_id, None)  # made again whole
                whole.add(rule_id)

    def _events_of(self, partition: Partition) -> set[str]:
        if partition == GLOBAL:
            return set(self._global)
        ids = set(self._by_name.get(partition, ()))
        ids |= self._everywhere
        if partition[0] == "commune":
            for officer in self._officers_of.get(partition[1], ()):
                ids |= self._by_name.get(("wide", officer), set())
        for event_id in list(ids):
            ids |= self._referring.get(event_id, set())
        return ids

    def _evaluate(
        self,
        partition: Partition,
        events: list[BaseEvent],
        rules: set[str],
        since: Mapping[str, date] | None = None,
        rejoin: Mapping[str, Rejoin] | None = None,
    ) -> list[Finding]:
        """The findings of ``rules`` in ``partition``, over the partition's ``events``
        (periodic windows due before ``since`` not made, chains stopped where they
        ``rejoin`` the held ones)."""
        types = frozenset().union(*(self._reads[r] for r in rules))
        read = [e for e in events if e.type in types]  # type: ignore[attr-defined]
        return self._run(read, self.as_of, partition, rules, since, rejoin)  # others' not made

    def _rejoins(
        self, again: Mapping[str, list[Finding]], days: Mapping[str, tuple[date, date]]
    ) -> dict[str, Rejoin]:
        """For each rolling duty made again after new acts alone (their first and last
        ``days``), the windows held of it (those to be made again, by rule) at which its
        chains can stop."""
        rejoin: dict[str, Rejoin] = {}
        for rule_id, findings in again.items():
            if rule_id in days and rule_id in self._rejoinable:
                held = frozenset(
                    (_values(f), f.window.start) for f in findings if f.window is not None
                )
                rejoin[rule_id] = Rejoin(days[rule_id][1], held)
        return rejoin

    def _instances(
        self, partition: Partition, events: list[BaseEvent], rule_id: str, opening: set[str]
    ) -> list[Finding]:
        """The findings of the instances that the events ``opening`` open: evaluated over
        those events and the others the rule reads, but none of its other openings."""
        others = self._reads[rule_id] - self._opens[rule_id]
        read = [e for e in events if e.type in others]  # type: ignore[attr-defined]
        read.extend(self.events[i] for i in sorted(opening))
        return self._run(read, self.as_of, partition, {rule_id})

"""The monitor equals the batch engine, whatever the arrival order, duplicates and clock."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any
from unittest.mock import patch

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from governance_rules import CATALOGUE, Catalogue, Finding, Register, Rule, evaluate
from governance_rules import monitor as monitor_module
from governance_rules.model import EVENT_ADAPTER, BaseEvent
from governance_rules.monitor import Monitor
from governance_rules.testing import EventLog, small_register
from tests.strategies import START, as_of_dates, logs, registers


def _variant(rule_id: str, new_id: str, **template: Any) -> Rule:
    rule = CATALOGUE[rule_id]
    return rule.model_copy(
        update={"id": new_id, "template": rule.template.model_copy(update=template)}
    )


# Every template in another shape, so that a template whose findings the monitor places
# wrongly (by officer, by commune, or neither) fails the property.
VARIANT = CATALOGUE.with_rules(
    _variant("GR-VIOLATION-HANDLING", "XX-HANDLING-NOBODY", subject={}),
    _variant("GR-ISSUE-RELAY", "XX-RELAY-BY-COMMUNE", subject={"commune": "commune"}),
    _variant("GR-CLASSIFICATION", "XX-CLASSIFICATION-BY-OFFICER", per="officer_year"),
    _variant("GR-DISSEMINATION", "XX-DISSEMINATION-BY-TERM", per="term"),
    _variant("GR-VISIT-QUARTERLY", "XX-VISIT-QUARTERS", cadence="calendar_quarter"),
    _variant("GR-CELL-MEETING", "XX-CELL"),
    _variant("GR-COVERAGE", "XX-COVERAGE", grace_days=10),
    _variant(
        "GR-CHANNEL",
        "XX-CHANNEL-NOBODY",
        checks=tuple(
            check.model_copy(update={"subject": {"event": "id"}})
            for check in CATALOGUE["GR-CHANNEL"].template.checks  # type: ignore[union-attr]
        ),
    ),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), register=registers(), catalogue=st.sampled_from([CATALOGUE, VARIANT]))
def test_monitor_equals_batch(
    data: st.DataObject, register: Register, catalogue: Catalogue
) -> None:
    records: list[dict[str, Any]] = data.draw(logs(register, max_size=30))
    arrivals = data.draw(st.permutations(records))
    if records:
        arrivals = arrivals + data.draw(st.lists(st.sampled_from(records), max_size=5))
    clock = data.draw(as_of_dates)
    # A new event's own instances are made alone once a rule has many findings in a
    # partition; here, from none to some, so that both ways are taken.
    many = data.draw(st.sampled_from([0, 2, monitor_module._MANY]))
    with patch.object(monitor_module, "_MANY", many):
        _feed_and_compare(data, register, catalogue, records, arrivals, clock)


def _feed_and_compare(
    data: st.DataObject,
    register: Register,
    catalogue: Catalogue,
    records: list[dict[str, Any]],
    arrivals: list[dict[str, Any]],
    clock: date,
) -> None:
    monitor = Monitor(register, as_of=clock, catalogue=catalogue)
    seen: dict[str, Any] = {}
    batches = data.draw(st.lists(st.integers(1, 8), min_size=1, max_size=8))
    position = 0
    for size in batches:
        chunk = arrivals[position : position + size]
        position += size
        monitor.ingest(chunk)
        for record in chunk:
            seen.setdefault(record["id"], record)
        if data.draw(st.booleans()):
            clock = clock + timedelta(days=data.draw(st.integers(0, 200)))
            monitor.advance(clock)
        events = [EVENT_ADAPTER.validate_python(r) for r in seen.values()]
        expected = evaluate(register, events, as_of=clock, catalogue=catalogue)
        assert monitor.findings() == expected
    rest = arrivals[position:]
    monitor.ingest(rest)
    for record in rest:
        seen.setdefault(record["id"], record)
    events = [EVENT_ADAPTER.validate_python(r) for r in seen.values()]
    final = evaluate(register, events, as_of=clock, catalogue=catalogue)
    assert monitor.findings() == final
    counts = monitor.accounting
    assert counts.read == len(arrivals)
    assert counts.read == counts.accepted + counts.duplicates + counts.rejected + counts.future


_TWO_TERMS = small_register(
    terms=[
        {"id": "t1", "start": "2024-06-01", "end": "2026-05-31"},
        {"id": "t2", "start": "2026-06-01", "end": "2031-05-31"},
    ]
)


@st.composite
def _crowded_logs(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Logs in which events bear on each other: one or two officers at one or two communes,
    within four months, after their assignments (so that visits meet the contacts before
    them, relays their issues, replacements their ratings)."""
    records = draw(logs(_TWO_TERMS, max_size=30))
    pairs = draw(st.sampled_from([[("o-01", "c-01")], [("o-01", "c-01"), ("o-02", "c-01")]]))
    pairs += draw(st.sampled_from([[], [("o-01", "c-02")]]))
    crowded = [
        {
            "id": f"a-{n}",
            "type": "assignment.decided",
            "at": "2025-03-01",
            "officer": officer,
            "commune": commune,
            "term": "t1",
        }
        for n, (officer, commune) in enumerate(pairs)
    ]
    answers: dict[str, tuple[str, int, dict[str, Any]]] = {  # made beside it half the time
        "visit.conducted": ("contact.made", -1, {}),  # the contact before
        "issue.raised": ("issue.relayed", 1, {"standing_member": "sm-01", "issue": None}),
        "violation.recorded": ("violation.handled", 1, {"measure": "m", "violation": None}),
        "performance.rated": ("replacement.considered", 1, {"decision": "retain"}),
    }
    for record in records:
        officer, commune = draw(st.sampled_from(pairs))
        day = date(2025, 3, 1) + timedelta(days=draw(st.integers(0, 120)))
        record = {**record, "at": day.isoformat()}
        for name, value in (("officer", officer), ("commune", commune)):
            if name in record:
                record[name] = value
        if record["type"] == "meeting.held":
            record["invited"] = draw(st.lists(st.sampled_from(["o-01", "o-02"]), unique=True))
            record["attended"] = record["invited"][:1]
        crowded.append(record)
        answer = answers.get(record["type"])
        if answer is not None and draw(st.booleans()):
            kind, sign, fields = answer
            at = day + timedelta(days=sign * draw(st.integers(0, 40)))
            other = {"id": f"{record['id']}-x", "type": kind, "at": at.isoformat(), **fields}
            other.update({k: record["id"] for k, v in fields.items() if v is None})  # refers
            if kind in ("contact.made", "replacement.considered"):
                other["officer"] = officer
            if kind == "contact.made":
                other["commune"] = commune
            crowded.append(other)
    return crowded


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), records=_crowded_logs())
def test_a_monitor_making_new_instances_alone_equals_batch(
    data: st.DataObject, records: list[dict[str, Any]]
) -> None:
    arrivals = data.draw(st.permutations(records))
    clock = date(2025, 3, 1) + timedelta(days=data.draw(st.integers(0, 400)))
    with patch.object(monitor_module, "_MANY", 0):  # every new event's instances alone
        _feed_and_compare(data, _TWO_TERMS, CATALOGUE, records, arrivals, clock)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), register=registers(), catalogue=st.sampled_from([CATALOGUE, VARIANT]))
def test_a_rule_s_findings_need_only_the_events_it_reads(
    data: st.DataObject, register: Register, catalogue: Catalogue
) -> None:
    from governance_rules.engine import reads

    events = [EVENT_ADAPTER.validate_python(r) for r in data.draw(logs(register, max_size=30))]
    clock = data.draw(as_of_dates)
    whole = evaluate(register, events, as_of=clock, catalogue=catalogue)
    for rule_id, types in reads(catalogue).items():
        read = [e for e in events if e.type in types]
        alone = evaluate(register, read, as_of=clock, catalogue=catalogue, rules={rule_id})
        assert alone == [f for f in whole if f.rule == rule_id], rule_id


def test_a_rule_s_findings_on_the_example_need_only_the_events_it_reads() -> None:
    from governance_rules import load_register, read_events
    from governance_rules.engine import reads
    from tests.paths import EXAMPLE

    register = load_register(EXAMPLE / "register.yaml")
    events = read_events([EXAMPLE / "events.jsonl"], register).accepted
    whole = evaluate(register, events, as_of=date(2026, 11, 30))
    assert {f.rule for f in whole} == {rule.id for rule in CATALOGUE}
    for rule_id, types in reads(CATALOGUE).items():
        read = [e for e in events if e.type in types]  # type: ignore[attr-defined]
        alone = evaluate(register, read, as_of=date(2026, 11, 30), rules=[rule_id])
        assert alone == [f for f in whole if f.rule == rule_id], rule_id


def test_ingest_returns_what_changed_and_advance_what_became_overdue() -> None:
    register = small_register()
    monitor = Monitor(register, as_of=date(2026, 2, 1))
    log = EventLog()
    log.add("assignment.decided", "2026-01-10", officer="o-01", commune="c-01", term="t1")
    changed = monitor.ingest(log.events)
    assert {(f.rule, f.status) for f in changed} >= {("GR-VISIT-QUARTERLY", "pending")}
    overdue = monitor.advance(date(2026, 4, 11))
    assert ("GR-VISIT-QUARTERLY", "violated") in {(f.rule, f.status) for f in overdue}
    late = EventLog()
    visit = late.add("visit.conducted", "2026-04-01", id="v-late", officer="o-01", commune="c-01")
    changed = monitor.ingest(late.events)
    assert any(
        f.rule == "GR-VISIT-QUARTERLY" and f.status == "fulfilled" and visit in f.evidence
        for f in changed
    )
    assert all(f.subject.commune in (None, "c-01") for f in changed)
    soon = monitor.due_soon(90)
    assert soon and all(f.status == "pending" for f in soon)
    assert [f.window.due for f in soon if f.window] == sorted(
        f.window.due for f in soon if f.window
    )


def _batch(monitor: Monitor, *records: Mapping[str, Any] | BaseEvent) -> list[Finding]:
    """The batch engine's findings over ``records``, at the monitor's date."""
    events = [EVENT_ADAPTER.validate_python(r) for r in records]
    return evaluate(monitor.register, events, as_of=monitor.as_of)


def _assigned(*acts: tuple[str, str, str]) -> tuple[Monitor, EventLog]:
    """A monitor that has taken in o-01's assignment to c-01 (10 January 2026) and the
    ``acts`` (type, day, id) of o-01 at c-01, with the log of them."""
    log = EventLog()
    log.add("assignment.decided", "2026-01-10", officer="o-01", commune="c-01", term="t1")
    for kind, day, event_id in acts:
        log.add(kind, day, id=event_id, officer="o-01", commune="c-01")
    monitor = Monitor(small_register(), as_of=date(2026, 12, 31))
    monitor.ingest(log.events)
    return monitor, log


def test_a_late_event_re_evaluates_only_its_partitions() -> None:
    register = small_register()
    log = EventLog()
    for commune, officer in (("c-01", "o-01"), ("c-03", "o-02")):
        log.add("assignment.decided", "2026-01-10", officer=officer, commune=commune, term="t1")
    monitor = Monitor(register, as_of=START + timedelta(days=500))
    monitor.ingest(log.events)
    visit = {
        "id": "v1",
        "type": "visit.conducted",
        "at": "2026-02-01",
        "officer": "o-01",
        "commune": "c-01",
    }
    monitor.add("late:1", visit)
    # Nothing of its officer; its own check instances made, its assignment's windows again.
    assert monitor._dirty == {("commune", "c-01"): {"GR-VISIT-QUARTERLY"}}
    opened = {"GR-VISIT-CONTACT": {"v1"}, "GR-JURISDICTION": {"v1"}}
    assert monitor._opened == {("commune", "c-01"): opened}
    monitor.flush()
    report: dict[str, Any] = {
        "id": "r1",
        "type": "report.submitted",
        "at": "2026-02-02",
        "officer": "o-01",
        "recipient": "standing_member",
        "via": "direct",
        "period": None,
        "sections": [],
    }
    monitor.add("late:2", report)
    per_assignment = {"GR-REPORT-MEMBER", "GR-REPORT-AGENCY"}
    assert monitor._dirty[("commune", "c-01")] >= per_assignment
    assert monitor._dirty[("officer", "o-01")] >= {"GR-REPORT-ANNUAL", "GR-REPORT-SEMIANNUAL"}
    assert not monitor._dirty[("officer", "o-01")] & per_assignment
    assert monitor._opened[("officer", "o-01")]["GR-REPORT-CONTENT"] == {"r1"}
    assert ("commune", "c-03") not in monitor._dirty
    monitor.flush()
    assert monitor.findings() == _batch(monitor, *log.events, visit, report)


def test_a_late_act_on_a_window_s_due_date_fulfils_it_in_the_monitor() -> None:
    # The monitor keeps the windows due before a new act's day; one due on that day is
    # made again, since an act on the due date is on time.
    monitor, log = _assigned()
    first = next(f for f in monitor.findings() if f.rule == "GR-VISIT-QUARTERLY")
    assert first.status == "violated" and first.window is not None
    late = EventLog()
    late.add(
        "visit.conducted", first.window.due.isoformat(), id="v-due", officer="o-01", commune="c-01"
    )
    changed = monitor.ingest(late.events)
    assert any(f.rule == "GR-VISIT-QUARTERLY" and f.status == "fulfilled" for f in changed)
    assert monitor.findings() == _batch(monitor, *log.events, *late.events)


def test_a_late_contact_on_a_visit_s_day_precedes_it_in_the_monitor() -> None:
    # A contact reads for the visits after it: the rule is made again, and a contact on
    # the visit's own day counts (the same day is allowed).
    monitor, log = _assigned(("visit.conducted", "2026-03-02", "v-1"))
    late = EventLog()
    late.add("contact.made", "2026-03-02", id="ct-1", officer="o-01", commune="c-01")
    changed = monitor.ingest(late.events)
    assert any(f.rule == "GR-VISIT-CONTACT" and f.status == "fulfilled" for f in changed)
    assert monitor.findings() == _batch(monitor, *log.events, *late.events)


def test_a_visit_and_a_later_contact_in_one_batch_keep_the_visit_s_check() -> None:
    # The visit alone would have its own check made alone; the contact after it, in the
    # same batch, makes the rule again whole, which must keep the visit's check.
    monitor, log = _assigned()
    late = EventLog()
    late.add("visit.conducted", "2026-03-02", id="v-1", officer="o-01", commune="c-01")
    late.add("contact.made", "2026-03-03", id="ct-1", officer="o-01", commune="c-01")
    with patch.object(monitor_module, "_MANY", 0):
        monitor.ingest(late.events)
    assert monitor.findings() == _batch(monitor, *log.events, *late.events)


def test_findings_asked_for_a_partition_are_the_batch_findings_of_it() -> None:
    from governance_rules import evaluate, load_register, read_events
    from governance_rules.engine import partition_of
    from tests.paths import EXAMPLE

    register = load_register(EXAMPLE / "register.yaml")
    events = read_events([EXAMPLE / "events.jsonl"], register).accepted
    every = evaluate(register, events, as_of=date(2026, 11, 30))
    partitions = {partition_of(f) for f in every}
    assert {kind for kind, _ in partitions} == {"commune", "officer", "global"}
    for partition in [*sorted(partitions), ("commune", "c-nowhere")]:
        asked = evaluate(register, events, as_of=date(2026, 11, 30), partition=partition)
        assert asked == [f for f in every if partition_of(f) == partition], partition


def test_a_large_first_picture_ends_with_one_full_collection_unless_the_collector_is_off() -> None:
    """The picture is made with the collector paused; the collector's first passes over a
    large one (stalls of 0.2 and 0.5 s over a 100,000-event store, benchmarks/store.py) are
    paid when it is made, not by the first live events. A host that turned the collector off
    keeps it off, and a small picture is left to the collector's own passes."""
    import gc

    log = EventLog()
    log.add("assignment.decided", "2026-01-10", officer="o-01", commune="c-01", term="t1")
    log.add("visit.conducted", "2026-02-01", officer="o-01", commune="c-01")
    full: list[int] = []

    def seen(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and info["generation"] == 2:
            full.append(1)

    enabled = gc.isenabled()
    gc.callbacks.append(seen)
    try:
        for collector_on, large in ((True, True), (False, True), (True, False)):
            monitor = Monitor(small_register(), as_of=date(2026, 12, 31))
            for n, record in enumerate(log.events, start=1):
                monitor.add(f"log:{n}", record)
            gc.enable() if collector_on else gc.disable()
            full.clear()
            with patch.object(monitor_module, "_SETTLE", 1 if large else 10**6):
                monitor.findings()
            assert bool(full) is (collector_on and large), (collector_on, large)
            assert gc.isenabled() is collector_on
    finally:
        gc.callbacks.remove(seen)
        gc.enable() if enabled else gc.disable()


def test_a_late_visit_makes_the_windows_up_to_where_its_chain_rejoins_the_held_one() -> None:
    log = EventLog()
    log.add("assignment.decided", "2026-01-10", officer="o-01", commune="c-01", term="t1")
    for n in range(1, 15):  # a visit every 20 days: windows of 20 days
        day = date(2026, 1, 10) + timedelta(days=20 * n)
        log.add("visit.conducted", day.isoformat(), officer="o-01", commune="c-01")
    monitor = Monitor(small_register(), as_of=date(2026, 12, 31))
    monitor.ingest(log.events)
    late = log.add("visit.conducted", "2026-03-05", id="v-late", officer="o-01", commune="c-01")
    made: list[Finding] = []
    real = monitor_module.evaluate

    def counted(*args: Any, **kwargs: Any) -> list[Finding]:
        found = real(*args, **kwargs)
        made.extend(found)
        return found

    with patch.object(monitor_module, "evaluate", counted):
        changed = monitor.ingest([log.events[-1]])
    assert monitor.findings() == _batch(monitor, *log.events)
    windows = [f for f in made if f.rule == "GR-VISIT-QUARTERLY"]
    # The windows due on or after the late visit's day (the one it now fulfils among them),
    # the one it starts, and the one where the chain meets the held windows again (the visit
    # of 11 March); not the eleven after it.
    assert [str(f.window.start) for f in windows if f.window] == [
        "2026-01-10",
        "2026-01-30",
        "2026-02-19",
        "2026-03-05",
        "2026-03-11",
    ]
    assert any(late in f.evidence for f in changed if f.rule == "GR-VISIT-QUARTERLY")


def test_a_late_event_keeps_each_partition_s_lists_and_replaces_what_they_hold() -> None:
    """The lists made with the picture (a partition's findings of one rule) stay the lists
    held (the collector's young passes do not visit them again after each live event); what
    they hold is the batch's."""
    monitor, log = _assigned()
    monitor.prepare()
    assert monitor._partitions is not None
    before = {
        (partition, rule_id): id(findings)
        for partition, rules in monitor._partitions.items()
        for rule_id, findings in rules.items()
    }
    late = EventLog()
    late.add("visit.conducted", "2026-03-01", id="v-late", officer="o-01", commune="c-01")
    monitor.ingest(late.events)
    after = monitor._partitions
    assert {(p, r): id(after[p][r]) for p, r in before} == before
    visits = after[("commune", "c-01")]["GR-VISIT-QUARTERLY"]
    assert any("v-late" in f.evidence for f in visits)
    assert monitor.findings() == _batch(monitor, *log.events, *late.events)

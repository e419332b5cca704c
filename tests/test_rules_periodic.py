"""One focused test per rule, named after the rule id, at the boundaries: periodic duties (GR-VISIT-QUARTERLY, GR-REPORT-MEMBER, GR-REPORT-AGENCY)."""

from __future__ import annotations

from datetime import date

from governance_rules.testing import EventLog, only, small_register, statuses
from tests.rule_helpers import REGISTER, assigned, meeting, report, run


def test_GR_VISIT_QUARTERLY_rolling_windows_from_the_act_and_from_the_due_date() -> None:
    log = EventLog()
    assigned(log, "2026-01-10")
    visit = log.add("visit.conducted", "2026-04-10", officer="o-01", commune="c-01")
    found = run(log, "2026-07-11", "GR-VISIT-QUARTERLY")
    assert statuses(found) == [
        ("fulfilled", "2026-01-10", "2026-04-10"),  # the due day itself is on time
        ("violated", "2026-04-10", "2026-07-10"),
        ("pending", "2026-07-10", "2026-10-10"),
    ]
    assert found[0].evidence == (visit,)
    assert "2026-04-10" in found[0].message and visit in found[0].message
    assert "1 day overdue" in found[1].message
    assert found[0].clauses == ("D4",)


def test_GR_VISIT_QUARTERLY_due_on_the_day_is_pending_then_violated() -> None:
    log = EventLog()
    assigned(log, "2026-11-30")
    # 30 November + 3 months is clamped to 28 February.
    assert statuses(run(log, "2027-02-28", "GR-VISIT-QUARTERLY")) == [
        ("pending", "2026-11-30", "2027-02-28")
    ]
    assert statuses(run(log, "2027-03-01", "GR-VISIT-QUARTERLY"))[0] == (
        "violated",
        "2026-11-30",
        "2027-02-28",
    )


def test_GR_VISIT_QUARTERLY_29_february() -> None:
    log = EventLog()
    assigned(log, "2027-11-29")
    log.add("visit.conducted", "2028-02-29", officer="o-01", commune="c-01")
    found = run(log, "2028-03-01", "GR-VISIT-QUARTERLY")
    assert statuses(found) == [
        ("fulfilled", "2027-11-29", "2028-02-29"),
        ("pending", "2028-02-29", "2028-05-29"),
    ]


def test_GR_VISIT_QUARTERLY_meeting_attendance_counts_but_not_a_cell() -> None:
    log = EventLog()
    assigned(log, "2026-01-10")
    meeting(log, "2026-02-01", body="cell", attended=["o-01"])
    attended = meeting(log, "2026-03-01", body="standing", attended=["o-01"])
    meeting(log, "2026-05-01", body="executive", attended=["o-02"])
    found = run(log, "2026-07-01", "GR-VISIT-QUARTERLY")
    assert statuses(found) == [
        ("fulfilled", "2026-01-10", "2026-04-10"),
        ("violated", "2026-03-01", "2026-06-01"),
        ("pending", "2026-06-01", "2026-09-01"),
    ]
    assert found[0].evidence == (attended,)


def test_GR_VISIT_QUARTERLY_one_act_fulfils_one_window() -> None:
    log = EventLog()
    assigned(log, "2026-01-10")
    log.add("visit.conducted", "2026-02-01", officer="o-01", commune="c-01")
    log.add("visit.conducted", "2026-02-01", officer="o-01", commune="c-01")
    found = run(log, "2026-05-05", "GR-VISIT-QUARTERLY")
    assert statuses(found) == [
        ("fulfilled", "2026-01-10", "2026-04-10"),
        ("violated", "2026-02-01", "2026-05-01"),
        ("pending", "2026-05-01", "2026-08-01"),
    ]


def test_GR_VISIT_QUARTERLY_window_cut_by_the_assignment_end() -> None:
    log = EventLog()
    assigned(log, "2026-01-10")
    log.add("visit.conducted", "2026-02-01", officer="o-01", commune="c-01")
    log.add("assignment.ended", "2026-03-15", officer="o-01", commune="c-01", reason="replaced")
    # The second window (from 1 February) is cut off on 15 March with no act: not owed.
    assert statuses(run(log, "2026-12-01", "GR-VISIT-QUARTERLY")) == [
        ("fulfilled", "2026-01-10", "2026-04-10")
    ]
    cut = EventLog()
    assigned(cut, "2026-01-10")
    cut.add("assignment.ended", "2026-03-15", officer="o-01", commune="c-01", reason="other")
    assert run(cut, "2026-12-01", "GR-VISIT-QUARTERLY") == []


def test_GR_VISIT_QUARTERLY_acts_after_the_end_do_not_count() -> None:
    log = EventLog()
    assigned(log, "2026-01-10")
    log.add("assignment.ended", "2026-03-15", officer="o-01", commune="c-01", reason="other")
    log.add("visit.conducted", "2026-03-20", officer="o-01", commune="c-01")
    assert run(log, "2026-12-01", "GR-VISIT-QUARTERLY") == []


def test_GR_VISIT_QUARTERLY_nothing_owed_before_the_regulation() -> None:
    register = small_register(regulation={"effective": "2026-03-01"})
    log = EventLog()
    assigned(log, "2025-06-01")
    found = only(log.evaluate(register, as_of=date(2026, 6, 2)), "GR-VISIT-QUARTERLY")
    assert statuses(found) == [
        ("violated", "2026-03-01", "2026-06-01"),
        ("pending", "2026-06-01", "2026-09-01"),
    ]


def test_GR_VISIT_QUARTERLY_calendar_quarters() -> None:
    log = EventLog()
    assigned(log, "2026-01-10")
    log.add("visit.conducted", "2026-06-30", officer="o-01", commune="c-01")
    found = run(log, "2026-10-01", "GR-VISIT-QUARTERLY", visit_cadence="calendar_quarter")
    # Q1 is not fully covered by the assignment, so it is not owed.
    assert statuses(found) == [
        ("fulfilled", "2026-04-01", "2026-06-30"),
        ("violated", "2026-07-01", "2026-09-30"),
        ("pending", "2026-10-01", "2026-12-31"),
    ]


def test_GR_VISIT_QUARTERLY_interval_from_policy() -> None:
    log = EventLog()
    assigned(log, "2026-01-10")
    found = run(log, "2026-03-11", "GR-VISIT-QUARTERLY", visit_interval_months=2)
    assert statuses(found)[0] == ("violated", "2026-01-10", "2026-03-10")


def test_GR_REPORT_MEMBER_one_report_counts_for_every_assignment() -> None:
    log = EventLog()
    assigned(log, "2026-01-10", commune="c-01")
    assigned(log, "2026-01-10", commune="c-02")
    report(log, "2026-03-01", recipient="standing_member", via="direct")
    found = run(log, "2026-04-01", "GR-REPORT-MEMBER")
    assert [(f.subject.commune, f.status) for f in found] == [
        ("c-01", "fulfilled"),
        ("c-01", "pending"),
        ("c-02", "fulfilled"),
        ("c-02", "pending"),
    ]


def test_GR_REPORT_AGENCY_not_owed_by_the_head_of_the_agency() -> None:
    log = EventLog()
    assigned(log, "2026-01-10", officer="o-03")
    assigned(log, "2026-01-10", officer="o-01")
    found = run(log, "2026-05-01", "GR-REPORT-AGENCY")
    assert {f.subject.officer for f in found} == {"o-01"}
    assert statuses(found)[0] == ("violated", "2026-01-10", "2026-04-10")


def test_GR_REPORT_MEMBER_and_AGENCY_violated_and_fulfilled() -> None:
    log = EventLog()
    assigned(log, "2026-01-10")
    report(log, "2026-02-01", recipient="agency_head", via="direct")
    assert [f.status for f in run(log, "2026-05-01", "GR-REPORT-MEMBER")] == [
        "violated",
        "pending",
    ]
    assert [f.status for f in run(log, "2026-05-01", "GR-REPORT-AGENCY")] == [
        "fulfilled",
        "pending",
    ]


def test_GR_VISIT_QUARTERLY_a_chain_made_again_stops_where_it_rejoins_the_held_one() -> None:
    """A late visit moves the windows after it until the chain meets a window start it had
    before; from there the caller's windows stand, and the engine makes no more."""
    from datetime import timedelta

    from governance_rules import evaluate
    from governance_rules.engine import Rejoin
    from governance_rules.model import SUBJECT_KEYS

    log = EventLog()
    assigned(log, "2026-01-10")
    for n in range(1, 15):  # a visit every 20 days: windows of 20 days
        day = date(2026, 1, 10) + timedelta(days=20 * n)
        log.add("visit.conducted", day.isoformat(), officer="o-01", commune="c-01")
    as_of, rule, late = date(2026, 12, 31), "GR-VISIT-QUARTERLY", date(2026, 3, 5)
    before = only(evaluate(REGISTER, log.events, as_of=as_of), rule)
    log.add("visit.conducted", late.isoformat(), id="v-late", officer="o-01", commune="c-01")
    whole = only(evaluate(REGISTER, log.events, as_of=as_of), rule)
    held = [f for f in before if f.window is not None and f.window.due >= late]
    values = tuple(getattr(held[0].subject, key) for key in SUBJECT_KEYS)
    rejoin = Rejoin(late, frozenset((values, f.window.start) for f in held if f.window))
    made = only(
        evaluate(
            REGISTER,
            log.events,
            as_of=as_of,
            rules={rule},
            since={rule: late},
            rejoin={rule: rejoin},
        ),
        rule,
    )
    at = rejoin.at[values]
    assert late < at and [f.window.start for f in made if f.window][-1] == at
    assert len(made) < len([f for f in whole if f.window and f.window.due >= late]) - 5
    kept = [f for f in held if f.window is not None and f.window.start > at]
    unchanged = [f for f in before if f.window is not None and f.window.due < late]
    assert sorted(unchanged + made + kept, key=lambda f: f.sort_key()) == whole
    # A window that starts on or before the late visit is never where the chain stops.
    early = Rejoin(late, frozenset((values, f.window.start) for f in before if f.window))
    evaluate(REGISTER, log.events, as_of=as_of, rules={rule}, rejoin={rule: early})
    assert early.at[values] > late

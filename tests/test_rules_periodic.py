"""One focused test per rule, named after the rule id, at the boundaries: periodic duties (GR-VISIT-QUARTERLY, GR-REPORT-MEMBER, GR-REPORT-AGENCY)."""

from __future__ import annotations

from datetime import date

from governance_rules.testing import EventLog, only, small_register, statuses
from tests.rule_helpers import assigned, meeting, report, run


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

"""One focused test per rule, named after the rule id, at the boundaries: conformance checks (GR-MEETING-INVITE, GR-REPORT-CONTENT, GR-CHANNEL, GR-JURISDICTION, GR-ASSIGN-TERM)."""

from __future__ import annotations

from datetime import date

from governance_rules.testing import EventLog, assert_findings, only, small_register
from tests.rule_helpers import REGISTER, assigned, meeting, report, run


def test_GR_MEETING_INVITE_one_finding_per_assigned_officer() -> None:
    log = EventLog()
    assigned(log, "2026-01-01", officer="o-01")
    assigned(log, "2026-01-01", officer="o-02")
    m = meeting(log, "2026-03-01", invited=["o-01"], session="extraordinary")
    meeting(log, "2026-03-02", topics=["other"])
    meeting(log, "2026-03-03", body="cell", topics=["political_system"])
    found = run(log, "2026-05-01", "GR-MEETING-INVITE")
    assert len(found) == 2
    assert_findings(
        found,
        expect=[
            {"status": "fulfilled", "subject": {"officer": "o-01", "event": m}},
            {"status": "violated", "subject": {"officer": "o-02", "event": m}},
        ],
    )
    assert all(f.subject.event == m for f in found)
    assert "o-02" in found[1].message


def test_GR_REPORT_CONTENT_lists_what_is_missing() -> None:
    log = EventLog()
    assigned(log, "2026-01-10")
    full = report(log, "2026-07-01", period="2026-H1")
    thin = report(log, "2026-07-02", period="2026-H1", sections=["socio_economic"])
    report(log, "2026-07-03", recipient="standing_member")
    found = {f.subject.event: f for f in run(log, "2026-08-01", "GR-REPORT-CONTENT")}
    assert set(found) == {full, thin}
    assert found[full].status == "fulfilled"
    assert found[thin].status == "violated"
    assert "people's lives and mood" in found[thin].message


def test_GR_CHANNEL_reports_and_evaluations() -> None:
    log = EventLog()
    assigned(log, "2026-01-10")
    good = report(log, "2026-07-01", period="2026-H1")
    direct = report(log, "2026-07-02", period="2026-H1", via="direct")
    evaluation = dict(
        commune="c-01", officer="o-01", year=2026, rating="good", confirmed_by="sm-01"
    )
    board = log.add("evaluation.submitted", "2026-12-01", via="organization_board", **evaluation)
    bypass = log.add("evaluation.submitted", "2026-12-02", via="direct", **evaluation)
    found = {f.subject.event: f.status for f in run(log, "2027-01-01", "GR-CHANNEL")}
    assert found == {good: "fulfilled", direct: "violated", board: "fulfilled", bypass: "violated"}


def test_GR_JURISDICTION_acts_outside_fulfil_and_trigger_nothing() -> None:
    log = EventLog()
    assigned(log, "2026-01-01", commune="c-01")
    contact = log.add("contact.made", "2026-02-01", officer="o-01", commune="c-02")
    visit = log.add("visit.conducted", "2026-02-02", officer="o-01", commune="c-02")
    issue = log.add(
        "issue.raised", "2026-02-03", officer="o-01", commune="c-02", to="sm-01", kind="proposal"
    )
    findings = log.evaluate(REGISTER, as_of=date(2026, 3, 1))
    outside = only(findings, "GR-JURISDICTION")
    assert {f.subject.event for f in outside} == {contact, visit, issue}
    assert_findings(
        findings,
        expect=[
            {"rule": "GR-JURISDICTION", "status": "violated", "subject": {"event": event}}
            for event in (contact, visit, issue)
        ],
        absent=[
            {"rule": "GR-JURISDICTION", "status": "fulfilled"},
            {"rule": "GR-VISIT-CONTACT"},
            {"rule": "GR-ISSUE-RELAY"},
        ],
    )


def test_GR_JURISDICTION_on_the_assignment_s_last_day_and_the_day_after() -> None:
    """The acts that pass are told before their subject is made; only the others give
    findings and are voided, whichever of them comes first in the log."""
    log = EventLog()
    assigned(log, "2026-01-01", commune="c-01")
    log.add("assignment.ended", "2026-02-10", officer="o-01", commune="c-01", reason="other")
    inside = log.add("visit.conducted", "2026-02-10", officer="o-01", commune="c-01")
    after = log.add("visit.conducted", "2026-02-11", officer="o-01", commune="c-01")
    findings = log.evaluate(REGISTER, as_of=date(2026, 3, 1))
    assert [f.subject.event for f in only(findings, "GR-JURISDICTION")] == [after]
    visits = only(findings, "GR-VISIT-QUARTERLY")
    assert [(f.status, f.evidence) for f in visits] == [("fulfilled", (inside,))]
    assert {f.subject.event for f in only(findings, "GR-VISIT-CONTACT")} == {inside}


def test_GR_ASSIGN_TERM_inside_and_outside_the_term() -> None:
    register = small_register(
        terms=[
            {"id": "t1", "start": "2025-01-01", "end": "2029-12-31"},
            {"id": "t2", "start": "2030-01-01", "end": "2034-12-31"},
        ]
    )
    log = EventLog()
    inside = assigned(log, "2025-06-01")
    outside = log.add("assignment.decided", "2029-12-01", officer="o-02", commune="c-01", term="t2")
    found = only(log.evaluate(register, as_of=date(2030, 1, 1)), "GR-ASSIGN-TERM")
    assert len(found) == 2
    assert_findings(
        found,
        expect=[
            {"status": "fulfilled", "subject": {"event": inside, "term": "t1"}},
            {
                "status": "violated",
                "subject": {"event": outside, "term": "t2"},
                "window": {"start": "2029-12-01", "due": "2029-12-01"},
            },
        ],
    )

"""One focused test per rule, named after the rule id, at the boundaries: deadlines after a trigger (GR-ISSUE-RELAY, GR-REPLACEMENT, GR-VIOLATION-HANDLING, GR-COMMENDATION)."""

from __future__ import annotations

from datetime import date

from governance_rules.testing import EventLog, only
from tests.rule_helpers import REGISTER, assigned, raise_issue, run


def test_GR_ISSUE_RELAY_on_time_late_and_by_the_wrong_member() -> None:
    for at, member, status in (
        ("2026-03-16", "sm-01", "fulfilled"),
        ("2026-03-17", "sm-01", "late"),
        ("2026-03-05", "sm-02", "violated"),
    ):
        log = EventLog()
        issue = raise_issue(log)
        relay = log.add("issue.relayed", at, standing_member=member, issue=issue)
        (finding,) = run(log, "2026-04-01", "GR-ISSUE-RELAY")
        assert finding.status == status
        assert finding.evidence[:2] == (issue, relay)
    assert (
        "Ủy viên Hai (sm-02) is not the member in charge of commune Xã Một (c-01); Ủy viên Một (sm-01) is"
        in finding.message
    )


def test_GR_ISSUE_RELAY_pending_and_relay_before_the_issue() -> None:
    log = EventLog()
    log.add("issue.relayed", "2026-02-01", standing_member="sm-01", issue="e-0003")
    raise_issue(log)
    (finding,) = run(log, "2026-03-10", "GR-ISSUE-RELAY")
    assert finding.status == "pending"
    assert "dated before" in finding.message


def test_GR_REPLACEMENT_considered_or_assignment_ended() -> None:
    def rated(log: EventLog) -> str:
        assigned(log, "2025-01-10")
        return log.add(
            "performance.rated", "2026-02-01", officer="o-01", year=2025, rating="not_completed"
        )

    log = EventLog()
    rated(log)
    log.add("replacement.considered", "2026-04-02", officer="o-01", decision="retain")
    assert [f.status for f in run(log, "2026-05-01", "GR-REPLACEMENT")] == ["fulfilled"]
    log = EventLog()
    rated(log)
    log.add("assignment.ended", "2026-03-01", officer="o-01", commune="c-01", reason="replaced")
    assert [f.status for f in run(log, "2026-05-01", "GR-REPLACEMENT")] == ["fulfilled"]
    log = EventLog()
    log.add("replacement.considered", "2026-01-02", officer="o-01", decision="retain")
    rated(log)
    assert [f.status for f in run(log, "2026-04-02", "GR-REPLACEMENT")] == ["pending"]
    assert [f.status for f in run(log, "2026-04-03", "GR-REPLACEMENT")] == ["violated"]
    good = EventLog()
    assigned(good, "2025-01-10")
    good.add("performance.rated", "2026-02-01", officer="o-01", year=2025, rating="good")
    assert run(good, "2026-05-01", "GR-REPLACEMENT") == []


def test_GR_VIOLATION_HANDLING_matches_the_violation() -> None:
    log = EventLog()
    assigned(log, "2025-01-10")
    recorded = log.add("violation.recorded", "2026-01-10", officer="o-01", summary="x")
    log.add("violation.handled", "2026-02-01", violation="other", measure="warning")
    assert [f.status for f in run(log, "2026-04-10", "GR-VIOLATION-HANDLING")] == ["pending"]
    assert [f.status for f in run(log, "2026-04-11", "GR-VIOLATION-HANDLING")] == ["violated"]
    log.add("violation.handled", "2026-04-10", violation=recorded, measure="warning")
    (finding,) = run(log, "2026-04-11", "GR-VIOLATION-HANDLING")
    assert finding.status == "fulfilled" and finding.subject.event == recorded


def test_GR_COMMENDATION_matches_officer_and_year() -> None:
    log = EventLog()
    assigned(log, "2025-01-10")
    log.add("performance.rated", "2026-01-20", officer="o-01", year=2025, rating="excellent")
    log.add("commendation.proposed", "2026-02-01", officer="o-01", year=2024)
    log.add("commendation.proposed", "2026-02-01", officer="o-02", year=2025)
    assert [f.status for f in run(log, "2026-04-21", "GR-COMMENDATION")] == ["violated"]
    log.add("commendation.proposed", "2026-04-20", officer="o-01", year=2025)
    assert [f.status for f in run(log, "2026-04-21", "GR-COMMENDATION")] == ["fulfilled"]


def test_deadline_rules_late() -> None:
    log = EventLog()
    assigned(log, "2025-01-10")
    log.add("performance.rated", "2026-02-01", officer="o-01", year=2025, rating="not_completed")
    log.add("replacement.considered", "2026-04-03", officer="o-01", decision="replace")
    violation = log.add("violation.recorded", "2026-01-10", officer="o-01", summary="x")
    log.add("violation.handled", "2026-04-11", violation=violation, measure="warning")
    log.add("performance.rated", "2026-01-20", officer="o-02", year=2025, rating="excellent")
    log.add("commendation.proposed", "2026-04-21", officer="o-02", year=2025)
    findings = log.evaluate(REGISTER, as_of=date(2026, 6, 1))
    for rule in ("GR-REPLACEMENT", "GR-VIOLATION-HANDLING", "GR-COMMENDATION"):
        (finding,) = only(findings, rule)
        assert finding.status == "late", rule
        assert "1 day after the due date" in finding.message
    pending = EventLog()
    pending.add("performance.rated", "2026-01-20", officer="o-02", year=2025, rating="excellent")
    (finding,) = only(pending.evaluate(REGISTER, as_of=date(2026, 4, 20)), "GR-COMMENDATION")
    assert (
        finding.status == "pending" and finding.window and finding.window.due == date(2026, 4, 20)
    )

"""One focused test per rule, named after the rule id, at the boundaries: calendar deadlines (GR-REPORT-SEMIANNUAL, GR-REPORT-ANNUAL, GR-EVALUATION, GR-CLASSIFICATION, GR-REVIEW, GR-DISSEMINATION)."""

from __future__ import annotations

from datetime import date

from governance_rules.model import Term
from governance_rules.testing import EventLog, only, small_register
from tests.rule_helpers import REGISTER, assigned, report, run, submit_evaluation


def test_GR_REPORT_SEMIANNUAL_due_fifteen_days_after_june() -> None:
    for at, status in (("2026-07-15", "fulfilled"), ("2026-07-16", "late")):
        log = EventLog()
        assigned(log, "2026-01-10")
        report(log, at, period="2026-H1")
        (finding,) = run(log, "2026-08-01", "GR-REPORT-SEMIANNUAL")
        assert (finding.status, finding.subject.period) == (status, "2026-H1")
    log = EventLog()
    assigned(log, "2026-01-10")
    assert [f.status for f in run(log, "2026-07-15", "GR-REPORT-SEMIANNUAL")] == ["pending"]
    assert [f.status for f in run(log, "2026-07-16", "GR-REPORT-SEMIANNUAL")] == ["violated"]


def test_GR_REPORT_SEMIANNUAL_owed_only_after_enough_active_days() -> None:
    short = EventLog()
    assigned(short, "2026-06-02")  # 29 days in the half-year
    assert run(short, "2026-08-01", "GR-REPORT-SEMIANNUAL") == []
    enough = EventLog()
    assigned(enough, "2026-06-01")  # 30 days
    assert len(run(enough, "2026-08-01", "GR-REPORT-SEMIANNUAL")) == 1
    ended = EventLog()
    assigned(ended, "2026-01-10")
    ended.add("assignment.ended", "2026-06-29", officer="o-01", commune="c-01", reason="other")
    assert run(ended, "2026-08-01", "GR-REPORT-SEMIANNUAL") == []


def test_GR_REPORT_ANNUAL_period_and_due_date() -> None:
    log = EventLog()
    assigned(log, "2026-01-10")
    report(log, "2027-01-16", period="2026")
    report(log, "2026-07-01", period="2026-H1")
    finding, following = run(log, "2027-02-01", "GR-REPORT-ANNUAL")
    assert (following.subject.year, following.status) == (2027, "pending")
    assert (finding.status, finding.window and finding.window.due) == ("late", date(2027, 1, 15))
    assert "1 day after the due date 2027-01-15" in finding.message


def test_GR_EVALUATION_19_and_20_december() -> None:
    for at, status in (("2026-12-19", "fulfilled"), ("2026-12-20", "late")):
        log = EventLog()
        assigned(log, "2026-01-10")
        submit_evaluation(log, at)
        (finding,) = run(log, "2027-01-10", "GR-EVALUATION", year=2026)
        assert finding.status == status
    log = EventLog()
    assigned(log, "2026-01-10")
    assert [f.status for f in run(log, "2026-12-19", "GR-EVALUATION")] == ["pending"]
    assert [f.status for f in run(log, "2026-12-20", "GR-EVALUATION")] == ["violated"]


def test_GR_EVALUATION_says_which_member_should_have_confirmed() -> None:
    for confirmed_by, why in (
        (None, "Ủy viên Một (sm-01) should have"),
        ("sm-02", "(sm-02) is not the member"),
    ):
        log = EventLog()
        assigned(log, "2026-01-10")
        submitted = submit_evaluation(log, "2026-12-01", confirmed_by=confirmed_by)
        (finding,) = run(log, "2027-01-10", "GR-EVALUATION", year=2026)
        assert finding.status == "violated"
        assert why in finding.message and submitted in finding.evidence


def test_GR_EVALUATION_minimum_active_days() -> None:
    owed = EventLog()
    assigned(owed, "2026-09-21")  # 90 days up to 19 December
    assert len(run(owed, "2027-01-10", "GR-EVALUATION", year=2026)) == 1
    not_owed = EventLog()
    assigned(not_owed, "2026-09-22")
    assert run(not_owed, "2027-01-10", "GR-EVALUATION", year=2026) == []


def test_GR_CLASSIFICATION_due_31_january_of_the_next_year() -> None:
    log = EventLog()
    assigned(log, "2026-03-01")
    assert [(f.subject.year, f.status) for f in run(log, "2027-01-31", "GR-CLASSIFICATION")] == [
        (2026, "pending"),
        (2027, "pending"),
    ]
    assert run(log, "2027-02-01", "GR-CLASSIFICATION")[0].status == "violated"
    log.add("classification.proposed", "2027-01-31", year=2026)
    assert run(log, "2027-02-01", "GR-CLASSIFICATION")[0].status == "fulfilled"


def test_GR_REVIEW_preliminary_at_the_midpoint_and_final_at_the_end() -> None:
    term = Term(id="t1", start=date(2025, 1, 1), end=date(2029, 12, 31))
    due = term.midpoint.toordinal() + 90
    log = EventLog()
    log.add("review.held", date.fromordinal(due), kind="preliminary", term="t1")
    found = run(log, date.fromordinal(due + 1).isoformat(), "GR-REVIEW")
    assert [(f.subject.kind, f.status) for f in found] == [
        ("final", "pending"),
        ("preliminary", "fulfilled"),
    ]
    assert found[0].window and found[0].window.due == date(2030, 3, 31)


def test_GR_DISSEMINATION_within_thirty_days() -> None:
    log = EventLog()
    assert [f.status for f in run(log, "2025-01-31", "GR-DISSEMINATION")] == ["pending"]
    assert [f.status for f in run(log, "2025-02-01", "GR-DISSEMINATION")] == ["violated"]
    log.add("regulation.disseminated", "2025-02-01")
    (finding,) = run(log, "2025-03-01", "GR-DISSEMINATION")
    assert finding.status == "late" and finding.clauses == ("B2",)


def test_GR_REPORT_ANNUAL_fulfilled_and_violated() -> None:
    log = EventLog()
    assigned(log, "2026-01-10")
    assert [f.status for f in run(log, "2027-01-16", "GR-REPORT-ANNUAL", year=2026)] == ["violated"]
    report(log, "2027-01-15", period="2026")
    assert [f.status for f in run(log, "2027-01-16", "GR-REPORT-ANNUAL", year=2026)] == [
        "fulfilled"
    ]


def test_organization_board_rules_every_status() -> None:
    log = EventLog()
    assigned(log, "2025-03-01")
    log.add("regulation.disseminated", "2025-01-31")
    log.add("classification.proposed", "2026-02-01", year=2025)
    found = log.evaluate(REGISTER, as_of=date(2026, 3, 1))
    assert [f.status for f in only(found, "GR-DISSEMINATION")] == ["fulfilled"]
    assert [f.status for f in only(found, "GR-CLASSIFICATION", year=2025)] == ["late"]
    short = small_register(terms=[{"id": "t1", "start": "2025-01-01", "end": "2025-12-31"}])
    review = EventLog()
    review.add("review.held", "2026-04-01", kind="final", term="t1")
    found = only(review.evaluate(short, as_of=date(2026, 4, 2)), "GR-REVIEW")
    assert [(f.subject.kind, f.status) for f in found] == [
        ("final", "late"),
        ("preliminary", "violated"),
    ]

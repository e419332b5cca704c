"""One focused test per rule, named after the rule id, at the boundaries."""

from __future__ import annotations

from datetime import date

from governance_rules import Policy
from governance_rules.model import Term
from governance_rules.testing import EventLog, assert_findings, only, small_register, statuses

REGISTER = small_register()


def assigned(log: EventLog, at: str, officer: str = "o-01", commune: str = "c-01") -> str:
    return log.add("assignment.decided", at, officer=officer, commune=commune, term="t1")


def run(log: EventLog, as_of: str, rule: str, year: int | None = None, **policy: object):  # type: ignore[no-untyped-def]
    found = log.evaluate(REGISTER, as_of=date.fromisoformat(as_of), policy=Policy(**policy))
    return only(found, rule) if year is None else only(found, rule, year=year)


def meeting(log: EventLog, at: str, body: str = "executive", **fields: object) -> str:
    values: dict[str, object] = {
        "commune": "c-01",
        "body": body,
        "session": "regular",
        "topics": ["socio_economic"],
        "invited": [],
        "attended": [],
    }
    values.update(fields)
    return log.add("meeting.held", at, **values)


def report(log: EventLog, at: str, recipient: str = "standing_committee", **fields: object) -> str:
    values: dict[str, object] = {
        "officer": "o-01",
        "recipient": recipient,
        "via": "provincial_office",
        "period": None,
        "sections": [
            "socio_economic",
            "defense_security",
            "political_system",
            "policy_implementation",
            "public_sentiment",
        ],
    }
    values.update(fields)
    return log.add("report.submitted", at, **values)


# GR-VISIT-QUARTERLY


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
    assert "1 days overdue" in found[1].message
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


# GR-VISIT-CONTACT


def test_GR_VISIT_CONTACT_window_boundaries() -> None:
    log = EventLog()
    assigned(log, "2026-01-01")
    log.add("contact.made", "2026-01-30", officer="o-01", commune="c-01")
    on_time = log.add("visit.conducted", "2026-03-01", officer="o-01", commune="c-01")
    late = log.add("visit.conducted", "2026-03-02", officer="o-01", commune="c-01")
    log.add("contact.made", "2026-04-01", officer="o-01", commune="c-01")
    same_day = log.add("visit.conducted", "2026-04-01", officer="o-01", commune="c-01")
    found = run(log, "2026-05-01", "GR-VISIT-CONTACT")
    by_visit = {f.subject.event: f for f in found}
    assert by_visit[on_time].status == "fulfilled"  # 30 days before: still in the window
    assert by_visit[late].status == "violated"  # 31 days before
    assert "the latest was" in by_visit[late].message
    assert by_visit[same_day].status == "fulfilled"


def test_GR_VISIT_CONTACT_contact_after_the_visit_does_not_count() -> None:
    log = EventLog()
    assigned(log, "2026-01-01")
    visit = log.add("visit.conducted", "2026-03-01", officer="o-01", commune="c-01")
    log.add("contact.made", "2026-03-02", officer="o-01", commune="c-01")
    (finding,) = run(log, "2026-05-01", "GR-VISIT-CONTACT")
    assert finding.status == "violated" and finding.evidence == (visit,)


# GR-CELL-MEETING


def test_GR_CELL_MEETING_observed_pending_not_observed() -> None:
    log = EventLog()
    assigned(log, "2026-01-10")
    cell = meeting(log, "2027-05-01", body="cell", attended=["o-01"])
    assert statuses(run(log, "2026-12-31", "GR-CELL-MEETING")) == [
        ("pending", "2026-01-10", "2026-12-31")
    ]
    found = run(log, "2027-06-01", "GR-CELL-MEETING")
    assert [f.status for f in found] == ["not_observed", "observed"]
    assert found[1].evidence == (cell,)
    assert all(f.status != "violated" for f in found)


# GR-MEETING-INVITE


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


# GR-REPORT-SEMIANNUAL and GR-REPORT-ANNUAL


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
    assert "1 days after the due date 2027-01-15" in finding.message


# GR-REPORT-CONTENT and GR-CHANNEL


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


# GR-REPORT-MEMBER and GR-REPORT-AGENCY


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


# GR-ISSUE-RELAY


def _issue(log: EventLog) -> str:
    assigned(log, "2026-01-01")
    return log.add(
        "issue.raised", "2026-03-01", officer="o-01", commune="c-01", to="sm-01", kind="difficulty"
    )


def test_GR_ISSUE_RELAY_on_time_late_and_by_the_wrong_member() -> None:
    for at, member, status in (
        ("2026-03-16", "sm-01", "fulfilled"),
        ("2026-03-17", "sm-01", "late"),
        ("2026-03-05", "sm-02", "violated"),
    ):
        log = EventLog()
        issue = _issue(log)
        relay = log.add("issue.relayed", at, standing_member=member, issue=issue)
        (finding,) = run(log, "2026-04-01", "GR-ISSUE-RELAY")
        assert finding.status == status
        assert finding.evidence[:2] == (issue, relay)
    assert "sm-02 is not the member in charge of commune c-01; sm-01 is" in finding.message


def test_GR_ISSUE_RELAY_pending_and_relay_before_the_issue() -> None:
    log = EventLog()
    log.add("issue.relayed", "2026-02-01", standing_member="sm-01", issue="e-0003")
    _issue(log)
    (finding,) = run(log, "2026-03-10", "GR-ISSUE-RELAY")
    assert finding.status == "pending"
    assert "dated before" in finding.message


# GR-EVALUATION


def _evaluation(
    log: EventLog, at: str, confirmed_by: str | None = "sm-01", year: int = 2026
) -> str:
    return log.add(
        "evaluation.submitted",
        at,
        commune="c-01",
        officer="o-01",
        year=year,
        rating="good",
        confirmed_by=confirmed_by,
        via="organization_board",
    )


def test_GR_EVALUATION_19_and_20_december() -> None:
    for at, status in (("2026-12-19", "fulfilled"), ("2026-12-20", "late")):
        log = EventLog()
        assigned(log, "2026-01-10")
        _evaluation(log, at)
        (finding,) = run(log, "2027-01-10", "GR-EVALUATION", year=2026)
        assert finding.status == status
    log = EventLog()
    assigned(log, "2026-01-10")
    assert [f.status for f in run(log, "2026-12-19", "GR-EVALUATION")] == ["pending"]
    assert [f.status for f in run(log, "2026-12-20", "GR-EVALUATION")] == ["violated"]


def test_GR_EVALUATION_says_which_member_should_have_confirmed() -> None:
    for confirmed_by, why in ((None, "sm-01 should have"), ("sm-02", "sm-02 is not the member")):
        log = EventLog()
        assigned(log, "2026-01-10")
        submitted = _evaluation(log, "2026-12-01", confirmed_by=confirmed_by)
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


# GR-REPLACEMENT, GR-VIOLATION-HANDLING, GR-COMMENDATION


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


# GR-CLASSIFICATION, GR-REVIEW, GR-DISSEMINATION


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


# GR-COVERAGE, GR-JURISDICTION, GR-ASSIGN-TERM


def test_GR_COVERAGE_gaps_after_the_grace_period() -> None:
    log = EventLog()
    assigned(log, "2025-03-01", commune="c-01")
    assigned(log, "2025-05-01", commune="c-03", officer="o-02")
    found = run(log, "2025-06-01", "GR-COVERAGE")
    assert [(f.subject.commune, f.subject.district, *statuses([f])[0]) for f in found] == [
        ("c-02", "d-01", "violated", "2025-04-01", "2025-06-01"),
        ("c-03", "d-02", "violated", "2025-04-01", "2025-04-30"),
    ]
    assert "still open" in found[0].message


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


# The statuses not shown above, rule by rule.


def test_GR_REPORT_ANNUAL_fulfilled_and_violated() -> None:
    log = EventLog()
    assigned(log, "2026-01-10")
    assert [f.status for f in run(log, "2027-01-16", "GR-REPORT-ANNUAL", year=2026)] == ["violated"]
    report(log, "2027-01-15", period="2026")
    assert [f.status for f in run(log, "2027-01-16", "GR-REPORT-ANNUAL", year=2026)] == [
        "fulfilled"
    ]


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
        assert "1 days after the due date" in finding.message
    pending = EventLog()
    pending.add("performance.rated", "2026-01-20", officer="o-02", year=2025, rating="excellent")
    (finding,) = only(pending.evaluate(REGISTER, as_of=date(2026, 4, 20)), "GR-COMMENDATION")
    assert (
        finding.status == "pending" and finding.window and finding.window.due == date(2026, 4, 20)
    )


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


def test_messages_in_both_languages_name_dates_and_ids() -> None:
    log = EventLog()
    assigned(log, "2026-01-10")
    evaluation = _evaluation(log, "2026-12-01", confirmed_by=None)
    found = {
        lang: only(
            log.evaluate(REGISTER, as_of=date(2027, 1, 10), lang=lang), "GR-EVALUATION", year=2026
        )[0]
        for lang in ("vi", "en")
    }
    assert "19/12/2026" in found["vi"].message and "2026-12-19" in found["en"].message
    assert "quá hạn 22 ngày" in found["vi"].message and "22 days overdue" in found["en"].message
    assert "chưa có xác nhận" in found["vi"].message and "sm-01" in found["vi"].message
    assert all(evaluation in f.message for f in found.values())
    assert found["vi"].model_dump(exclude={"message"}) == found["en"].model_dump(
        exclude={"message"}
    )

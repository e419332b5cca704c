"""The register through time (SPEC section 2): units that begin and end on dates, a commune's
successor, dated districts and charges; events that name a commune on a day it does not
exist; assignments, coverage and "in charge" asked on the day."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest

from governance_rules import Intake, Register, RegisterError, Timeline
from governance_rules.testing import (
    EventLog,
    assert_findings,
    only,
    reorganised_register,
    small_register,
)

REGISTER = reorganised_register()
AS_OF = date(2026, 6, 30)


def _data() -> dict[str, Any]:
    return copy.deepcopy(REGISTER.model_dump(by_alias=True, exclude_none=True, mode="json"))


def _problems(data: dict[str, Any]) -> list[str]:
    with pytest.raises(RegisterError) as caught:
        Register.parse(data, "r.yaml")
    return [str(p) for p in caught.value.problems]


def test_the_timeline_answers_on_a_day() -> None:
    timeline = Timeline(REGISTER)
    before, after = date(2025, 6, 30), date(2025, 7, 1)
    assert timeline.exists("c-01", before) and not timeline.exists("c-01", after)
    assert not timeline.exists("c-10", before) and timeline.exists("c-10", after)
    assert timeline.district_of("c-01", before) == "d-01"
    assert timeline.district_of("c-01", after) is None
    assert timeline.district_of("c-10", after) is None
    assert timeline.in_charge("c-02", before) == {"sm-01"}
    assert timeline.in_charge("c-10", before) == frozenset()
    assert timeline.in_charge("c-10", after) == {"sm-01"}
    assert timeline.successor("c-03") == "c-20"


def test_a_register_dumped_by_alias_parses_back_the_same() -> None:
    assert Register.parse(_data()) == REGISTER


def test_every_problem_of_time_is_located() -> None:
    data = _data()
    data["districts"][0]["from"] = "2025-07-01"  # ends before it begins
    data["communes"][2]["successor"] = "c-10"  # c-10 exists the day after: fine
    data["communes"][3]["district"] = "d-02"  # d-02 does not exist after its until
    data["communes"][4]["successor"] = "c-01"  # c-20 never ends: not checked
    data["communes"][1]["successor"] = "c-03"  # c-03 ends with c-02: not there the day after
    data["communes"][0]["district"] = [
        {"id": "d-01", "until": "2025-03-31"},
        {"id": "d-02", "from": "2025-03-01", "until": "2025-06-30"},
    ]
    data["standing_members"][1]["in_charge_of"] = ["d-02", {"id": "c-20", "from": "2025-06-01"}]
    # d-01's span is empty, so every reference to it is out of its days too.
    nowhere = "(it exists from 2025-07-01 to 2025-06-30)"
    assert _problems(data) == [
        "r.yaml: districts[0].until: district 'd-01' ends (2025-06-30) before it begins "
        "(2025-07-01)",
        "r.yaml: communes[0].district[0]: district 'd-01' does not exist on the days up to "
        f"2025-03-31 {nowhere}",
        "r.yaml: communes[0].district[1]: district entry 'd-02' overlaps entry 'd-01'",
        "r.yaml: communes[1].district[0]: district 'd-01' does not exist on the days up to "
        f"2025-06-30 {nowhere}",
        "r.yaml: communes[1].successor: successor 'c-03' does not exist on 2025-07-01, the day "
        "after 'c-02' ends (it exists until 2025-06-30)",
        "r.yaml: communes[3].district: district 'd-02' does not exist on the days from "
        "2025-07-01 (it exists until 2025-06-30)",
        "r.yaml: standing_members[0].in_charge_of[0]: unit 'd-01' does not exist on the days "
        f"up to 2025-06-30 {nowhere}",
        "r.yaml: standing_members[1].in_charge_of[0]: 'd-02' exists only until 2025-06-30: a "
        "charge of it needs its dates, {id, from, until}",
        "r.yaml: standing_members[1].in_charge_of[1]: unit 'c-20' does not exist from "
        "2025-06-01 to 2025-06-30 (it exists from 2025-07-01)",
    ]


def test_a_day_without_a_member_in_charge_is_a_register_error() -> None:
    data = _data()
    data["standing_members"][0]["in_charge_of"] = [
        {"id": "d-01", "until": "2025-06-30"},
        {"id": "c-10", "from": "2025-09-01"},
    ]
    assert _problems(data) == [
        "r.yaml: communes[3]: no standing member is in charge of commune 'c-10' from "
        "2025-07-01 to 2025-08-31"
    ]


def test_a_bad_dated_entry_is_named_by_its_path() -> None:
    data = _data()
    data["communes"][0]["district"] = [{"id": "d-01", "untill": "2025-06-30"}]
    data["communes"][1]["district"] = 5
    data["standing_members"][0]["in_charge_of"] = [7]
    assert _problems(data) == [
        "r.yaml: communes[0].district[0].untill: unknown field",
        "r.yaml: communes[1].district: expected an id or a list of {id, from, until} (got 5)",
        "r.yaml: standing_members[0].in_charge_of[0]: expected an id or {id, from, until} (got 7)",
    ]


def test_an_event_naming_a_merged_commune_is_rejected_with_its_successor() -> None:
    intake = Intake(REGISTER)
    record = {"id": "v1", "type": "visit.conducted", "at": "2025-08-02"}
    assert intake.add("ev:1", {**record, "officer": "o-01", "commune": "c-01"}) == "rejected"
    assert intake.rejections[0].error == (
        "visit.conducted: field 'commune': 'c-01' no longer exists on 2025-08-02 "
        "(until 2025-06-30; merged into 'c-10')"
    )
    early = {**record, "id": "v2", "at": "2025-06-30", "officer": "o-01", "commune": "c-10"}
    assert intake.add("ev:2", early) == "rejected"
    assert intake.rejections[1].error == (
        "visit.conducted: field 'commune': 'c-10' does not exist yet on 2025-06-30 "
        "(from 2025-07-01)"
    )
    meeting = {
        "id": "m1",
        "type": "meeting.held",
        "at": "2025-07-01T00:30:00+07:00",
        "commune": "c-02",
        "body": "executive",
        "session": "regular",
        "topics": [],
        "invited": [],
        "attended": [],
    }
    assert intake.add("ev:3", meeting) == "rejected"
    assert "'c-02' no longer exists on 2025-07-01" in intake.rejections[2].error
    assert intake.add("ev:4", {**meeting, "id": "m2", "at": "2025-06-30"}) == "accepted"
    assert intake.accounting.read == 4


def _merged_log() -> EventLog:
    log = EventLog()
    log.add("assignment.decided", "2021-03-01", officer="o-01", commune="c-01", term="t1")
    log.add("assignment.decided", "2021-03-01", officer="o-02", commune="c-02", term="t1")
    log.add("assignment.decided", "2021-03-01", officer="o-03", commune="c-03", term="t1")
    log.add("assignment.decided", "2025-07-02", officer="o-01", commune="c-10", term="t1")
    log.add("assignment.decided", "2025-07-02", officer="o-03", commune="c-20", term="t1")
    log.add("assignment.decided", "2025-10-15", officer="o-01", commune="c-10", term="t2")
    log.add("assignment.decided", "2025-10-15", officer="o-03", commune="c-20", term="t2")
    return log


def test_an_assignment_ends_on_its_communes_until() -> None:
    from governance_rules.engine import assignments

    found = assignments(REGISTER, _merged_log().events, as_of=AS_OF)
    ends = {(a.officer, a.commune): a.end for a in found if a.term == "t1"}
    assert ends[("o-01", "c-01")] == date(2025, 6, 30)
    assert ends[("o-01", "c-10")] == date(2025, 10, 14)


def test_coverage_is_owed_only_on_the_days_a_commune_exists() -> None:
    found = only(_merged_log().evaluate(REGISTER, as_of=AS_OF), "GR-COVERAGE")
    gaps = {(f.subject.commune, f.subject.term, f.window.start, f.window.due) for f in found}  # type: ignore[union-attr]
    # The old communes were covered until they ended; the new ones from their first day to
    # the day before their officers were assigned.
    assert gaps == {
        ("c-10", "t1", date(2025, 7, 1), date(2025, 7, 1)),
        ("c-20", "t1", date(2025, 7, 1), date(2025, 7, 1)),
    }
    assert all(f.subject.district is None for f in found)


def test_a_gap_names_the_district_of_its_first_day() -> None:
    log = EventLog()
    log.add("assignment.decided", "2021-03-10", officer="o-01", commune="c-02", term="t1")
    log.add("assignment.decided", "2021-03-10", officer="o-03", commune="c-03", term="t1")
    found = only(log.evaluate(REGISTER, as_of=date(2025, 7, 5)), "GR-COVERAGE", commune="c-01")
    assert [(f.subject.district, f.window.due) for f in found] == [("d-01", date(2025, 6, 30))]  # type: ignore[union-attr]


def _evaluation(log: EventLog, commune: str, officer: str, member: str) -> str:
    return log.add(
        "evaluation.submitted",
        "2025-12-10",
        commune=commune,
        officer=officer,
        year=2025,
        rating="good",
        confirmed_by=member,
        via="organization_board",
    )


def test_in_charge_is_asked_on_the_day_of_the_confirmation() -> None:
    log = _merged_log()
    # sm-02 was in charge of c-03's district until the merger, of c-20 after it.
    _evaluation(log, "c-20", "o-03", "sm-02")
    found = only(log.evaluate(REGISTER, as_of=AS_OF), "GR-EVALUATION", commune="c-20", year=2025)
    assert [(f.subject.term, f.status, f.evidence[0]) for f in found] == [
        ("t1", "fulfilled", "e-0008")
    ]
    _evaluation(log, "c-10", "o-01", "sm-02")
    found = only(log.evaluate(REGISTER, as_of=AS_OF), "GR-EVALUATION", commune="c-10", year=2025)
    assert [(f.subject.term, f.status) for f in found] == [("t1", "violated")]
    assert (
        "Ủy viên Hai (sm-02) is not the member in charge of commune Xã Mười (c-10); Ủy viên Một (sm-01) is"
        in found[0].message
    )


def test_an_obligation_due_after_the_commune_ends_is_owed_only_if_met_by_then() -> None:
    log = _merged_log()
    raised = log.add(
        "issue.raised", "2025-06-25", officer="o-01", commune="c-01", to="sm-01", kind="proposal"
    )
    unmet = log.add(
        "issue.raised", "2025-06-26", officer="o-02", commune="c-02", to="sm-01", kind="proposal"
    )
    log.add("issue.relayed", "2025-06-28", standing_member="sm-01", issue=raised)
    found = only(log.evaluate(REGISTER, as_of=AS_OF), "GR-ISSUE-RELAY")
    assert [(f.subject.event, f.status) for f in found] == [(raised, "fulfilled")]
    assert unmet not in {f.subject.event for f in found}
    # The 2025 evaluation of the old communes (due 19 December) is not owed either.
    evaluations = only(log.evaluate(REGISTER, as_of=AS_OF), "GR-EVALUATION", year=2025)
    assert {f.subject.commune for f in evaluations} == {"c-10", "c-20"}
    cells = only(log.evaluate(REGISTER, as_of=AS_OF), "GR-CELL-MEETING", year=2025)
    assert {f.subject.commune for f in cells} == {"c-10", "c-20"}


def test_per_assignment_findings_carry_the_term() -> None:
    found = _merged_log().evaluate(REGISTER, as_of=AS_OF)
    cells = only(found, "GR-CELL-MEETING", officer="o-01", commune="c-10", year=2025)
    assert sorted(f.subject.term for f in cells) == ["t1", "t2"]  # type: ignore[type-var]
    assert len({f.message for f in cells}) == 2
    for rule in ("GR-VISIT-QUARTERLY", "GR-REPORT-MEMBER", "GR-EVALUATION"):
        assert all(f.subject.term for f in only(found, rule)), rule
    assert_findings(
        found,
        expect=[{"rule": "GR-VISIT-QUARTERLY", "subject": {"commune": "c-10", "term": "t2"}}],
    )


def test_a_register_without_dates_behaves_as_before() -> None:
    register = small_register()
    timeline = Timeline(register)
    assert timeline.in_charge("c-01", date(1900, 1, 1)) == {"sm-01"}
    assert timeline.district_of("c-03", date(2999, 12, 31)) == "d-02"


def test_a_raised_issue_of_a_commune_without_a_district_goes_to_its_own_standing_office() -> None:
    found = {}
    for commune, at in (("c-01", "2025-03-01"), ("c-10", "2025-09-01")):
        log = EventLog()
        log.add("assignment.decided", at, officer="o-01", commune=commune, term="t1")
        log.add("issue.raised", at, officer="o-01", commune=commune, to="sm-01", kind="difficulty")
        for lang in ("vi", "en"):
            [finding] = only(
                log.evaluate(REGISTER, as_of=date(2026, 1, 1), lang=lang), "GR-ISSUE-RELAY"
            )
            found[commune, lang] = finding.message
    assert "chưa có trao đổi với thường trực cấp ủy cấp huyện" in found["c-01", "vi"]
    assert "chưa có trao đổi với thường trực đảng ủy xã" in found["c-10", "vi"]
    assert "district Party standing office" in found["c-01", "en"]
    assert "commune Party standing office" in found["c-10", "en"]

"""The catalogue is data: validated when built, and extensible without engine changes."""

from __future__ import annotations

from datetime import date

import pytest

from governance_rules import CATALOGUE, CatalogueError
from governance_rules.rules import Act, Catalogue, PeriodicDuty, Rule, Text
from governance_rules.testing import EventLog, only, small_register, statuses

SPEC_IDS = {
    "GR-ASSIGN-TERM",
    "GR-COVERAGE",
    "GR-VISIT-QUARTERLY",
    "GR-VISIT-CONTACT",
    "GR-CELL-MEETING",
    "GR-MEETING-INVITE",
    "GR-REPORT-SEMIANNUAL",
    "GR-REPORT-ANNUAL",
    "GR-REPORT-CONTENT",
    "GR-CHANNEL",
    "GR-REPORT-MEMBER",
    "GR-REPORT-AGENCY",
    "GR-ISSUE-RELAY",
    "GR-EVALUATION",
    "GR-REPLACEMENT",
    "GR-VIOLATION-HANDLING",
    "GR-CLASSIFICATION",
    "GR-COMMENDATION",
    "GR-REVIEW",
    "GR-DISSEMINATION",
    "GR-JURISDICTION",
}


BORDER_VISIT = Rule(
    id="XX-BORDER-VISIT",
    title=Text(vi="Xã biên giới: 2 tháng 1 lần", en="Border communes: every 2 months"),
    bearer=("officer",),
    clauses=("D4",),
    act=Text(vi="lần đi công tác", en="working visit"),
    template=PeriodicDuty(
        acts=(Act(type="visit.conducted", officer="officer", commune="commune"),),
        interval_months=2,
    ),
)
"""A province's variant built from a template alone: border communes every 2 months."""


def test_the_catalogue_has_the_21_rules_of_the_spec() -> None:
    assert {rule.id for rule in CATALOGUE} == SPEC_IDS
    for rule in CATALOGUE:
        assert rule.title.vi and rule.title.en and rule.act.vi and rule.act.en
        assert rule.bearer


def test_policy_keys_are_derived_from_the_definition() -> None:
    # A rule whose due dates the day-off rule moves reads that key too, after its own.
    assert CATALOGUE["GR-VISIT-QUARTERLY"].policy_keys == (
        "visit_interval_months",
        "visit_cadence",
        "day_off_rule",
    )
    assert CATALOGUE["GR-EVALUATION"].policy_keys == (
        "evaluation_due",
        "evaluation_min_active_days",
        "day_off_rule",
    )
    assert CATALOGUE["GR-VISIT-CONTACT"].policy_keys == ("contact_window_days",)


def test_a_rule_naming_what_does_not_exist_is_refused() -> None:
    bad = Rule(
        id="X-BAD",
        title=Text(vi="x", en="x"),
        bearer=("officer",),
        clauses=("D44", "P1"),
        act=Text(vi="x", en="x"),
        template=PeriodicDuty(
            acts=(
                Act(type="visit.conduct", officer="officer"),
                Act(type="visit.conducted", officer="oficer"),
            ),
            interval_months="visit_interval_month",
        ),
    )
    with pytest.raises(CatalogueError) as raised:
        Catalogue([bad])
    text = str(raised.value)
    assert "unknown clause 'D44' (did you mean 'D4'?)" in text
    assert "clause 'P1' is marked not checkable" in text
    assert "unknown event type 'visit.conduct'" in text
    assert "has no field 'oficer' (did you mean 'officer'?)" in text
    assert "unknown policy key 'visit_interval_month'" in text


def test_a_province_variant_from_templates_alone() -> None:
    """Border communes visited every 2 months: a new rule value, no engine change."""
    catalogue = CATALOGUE.with_rules(BORDER_VISIT)
    log = EventLog()
    log.add("assignment.decided", "2026-01-10", officer="o-01", commune="c-01", term="t1")
    log.add("visit.conducted", "2026-03-10", officer="o-01", commune="c-01")
    found = log.evaluate(small_register(), as_of=date(2026, 5, 11), catalogue=catalogue)
    assert statuses(only(found, "XX-BORDER-VISIT")) == [
        ("fulfilled", "2026-01-10", "2026-03-10"),
        ("violated", "2026-03-10", "2026-05-10"),
        ("pending", "2026-05-10", "2026-07-10"),
    ]
    assert only(found, "XX-BORDER-VISIT")[0].clauses == ("D4",)
    # The Regulation's own rule is still there, with its 3-month windows.
    assert statuses(only(found, "GR-VISIT-QUARTERLY"))[0] == (
        "fulfilled",
        "2026-01-10",
        "2026-04-10",
    )


def test_rules_round_trip_as_json() -> None:
    for rule in CATALOGUE:
        assert Rule.model_validate_json(rule.model_dump_json()) == rule


def test_a_periodic_duty_whose_acts_share_a_type_counts_each_event_once() -> None:
    # Two acts of one type can bind the same event (here, a visit that is both); it counts
    # once, as under the one act that takes either, and the acts of other types are merged
    # in time order with it.
    def visits(*acts: Act) -> Rule:
        return BORDER_VISIT.model_copy(
            update={"template": BORDER_VISIT.template.model_copy(update={"acts": acts})}
        )

    visit = Act(type="visit.conducted", officer="officer", commune="commune")
    meeting = Act(type="meeting.held", officer="attended", commune="commune")
    log = EventLog()
    log.add("assignment.decided", "2026-01-10", officer="o-01", commune="c-01", term="t1")
    log.add("visit.conducted", "2026-02-01", officer="o-01", commune="c-01")
    meet = {"session": "regular", "topics": ["other"], "invited": ["o-01"], "attended": ["o-01"]}
    log.add("meeting.held", "2026-02-20", commune="c-01", body="executive", **meet)
    log.add("visit.conducted", "2026-05-01", officer="o-01", commune="c-01")
    register, as_of = small_register(), date(2026, 9, 30)
    found = {}
    for name, rule in {
        "one": visits(visit, meeting),
        "twice": visits(visit, visit, meeting),
    }.items():
        result = log.evaluate(register, as_of=as_of, catalogue=Catalogue([rule]))
        found[name] = [(f.status, f.window, f.evidence) for f in only(result, rule.id)]
    assert found["twice"] == found["one"]
    visited, met, again = (event.id for event in log.events[1:])
    assert [(status, evidence) for status, _, evidence in found["one"]][:4] == [
        ("fulfilled", (visited,)),
        ("fulfilled", (met,)),
        ("violated", ()),
        ("fulfilled", (again,)),
    ]

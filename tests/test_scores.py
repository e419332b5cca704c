"""Scorecards: findings counted by duty family, for the province and for each officer
(clause B3: the Board classifies by how far each officer completed their duties)."""

from __future__ import annotations

from datetime import date

from governance_rules import check, load_register, read_events
from governance_rules.report import FAMILIES, by_family, family_of, scorecards
from governance_rules.testing import EventLog, small_register
from tests.paths import EXAMPLE


def test_every_obligation_rule_has_one_family() -> None:
    from governance_rules import CATALOGUE

    families = [key for key, _, _ in FAMILIES]
    assert len(set(families)) == len(families)
    unfamilied = {rule.id for rule in CATALOGUE if family_of(rule.id) is None}
    # The encouraged cell meeting and the check of conduct are no duty to count.
    assert unfamilied == {"GR-CELL-MEETING", "GR-JURISDICTION"}


def test_an_officers_scorecard_counts_their_own_duties_and_the_rate_of_those_due() -> None:
    log = EventLog()
    log.add("assignment.decided", "2025-01-05", officer="o-01", commune="c-01", term="t1")
    log.add("visit.conducted", "2025-03-01", officer="o-01", commune="c-01")  # a window met
    # The commune's evaluation of o-01 is the commune's duty, not the officer's.
    register = small_register()
    findings = log.evaluate(register, as_of=date(2025, 9, 1))
    cards = {card.officer: card for card in scorecards(findings, register)}
    card = cards["o-01"]
    visits = card.families["visits"]
    assert (visits.on_time, visits.missed, visits.open) == (1, 1, 1)
    assert visits.rate == 0.5
    assert card.communes == ["c-01"]
    assert "evaluations" not in card.families
    assert set(cards) == {"o-01"}


def test_the_families_of_the_example_add_up_to_its_findings() -> None:
    register = load_register(EXAMPLE / "register.yaml")
    as_of = date(2026, 11, 30)
    report = check(register, read_events([EXAMPLE / "events.jsonl"], register, as_of), as_of=as_of)
    tallies = by_family(report.findings)
    counted = sum(t.owed for t in tallies.values())
    countable = [f for f in report.findings if family_of(f.rule) and f.status != "not_observed"]
    assert counted == len(countable)
    assert tallies["visits"].missed == sum(
        1 for f in report.findings if f.rule == "GR-VISIT-QUARTERLY" and f.status == "violated"
    )

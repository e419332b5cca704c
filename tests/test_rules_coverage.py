"""One focused test per rule, named after the rule id, at the boundaries: coverage (GR-COVERAGE)."""

from __future__ import annotations

from governance_rules.testing import EventLog, statuses
from tests.rule_helpers import assigned, run


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

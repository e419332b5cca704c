"""One focused test per rule, named after the rule id, at the boundaries: recommendations (GR-CELL-MEETING)."""

from __future__ import annotations

from governance_rules.testing import EventLog, statuses
from tests.rule_helpers import assigned, meeting, run


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

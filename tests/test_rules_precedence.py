"""One focused test per rule, named after the rule id, at the boundaries: precedence (GR-VISIT-CONTACT)."""

from __future__ import annotations

from governance_rules.testing import EventLog
from tests.rule_helpers import assigned, run


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

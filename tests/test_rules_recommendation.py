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


def test_GR_CELL_MEETING_says_what_the_officer_did_or_did_not() -> None:
    from datetime import date

    from tests.rule_helpers import REGISTER

    log = EventLog()
    assigned(log, "2026-01-10")
    cell = meeting(log, "2027-05-01", body="cell", attended=["o-01"])
    found = log.evaluate(REGISTER, as_of=date(2027, 6, 1), lang="vi")
    said = [f.message for f in found if f.rule == "GR-CELL-MEETING"]
    assert said[0].endswith(
        ": không dự sinh hoạt chi bộ khu dân cư lần nào trong năm 2026 (nội dung khuyến khích,"
        " không bắt buộc)."
    )
    assert said[1].endswith(f": có dự sinh hoạt chi bộ khu dân cư ({cell}, ngày 01/05/2027).")
    assert any(
        "chưa dự sinh hoạt chi bộ khu dân cư lần nào trong năm 2026; còn thời gian đến hết ngày"
        " 31/12/2026." in f.message
        for f in log.evaluate(REGISTER, as_of=date(2026, 12, 1), lang="vi")
    )

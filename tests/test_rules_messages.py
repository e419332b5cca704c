"""One focused test per rule, named after the rule id, at the boundaries: the messages of every rule, in both languages."""

from __future__ import annotations

from datetime import date

from governance_rules.testing import EventLog, only
from tests.rule_helpers import REGISTER, assigned, submit_evaluation


def test_messages_in_both_languages_name_dates_and_ids() -> None:
    log = EventLog()
    assigned(log, "2026-01-10")
    evaluation = submit_evaluation(log, "2026-12-01", confirmed_by=None)
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

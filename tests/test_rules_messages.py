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


def test_messages_speak_of_people_and_places_by_name() -> None:
    from governance_rules.i18n import subject_text

    log = EventLog()
    assigned(log, "2026-01-10")
    evaluation = submit_evaluation(log, "2026-12-01", confirmed_by=None)
    vi = only(log.evaluate(REGISTER, as_of=date(2027, 1, 10), lang="vi"), "GR-EVALUATION")[0]
    officer = REGISTER.officers[0]
    member = REGISTER.standing_members[0]
    commune = REGISTER.communes[0]
    assert vi.message.startswith(f"Đồng chí {officer.name} (o-01), địa bàn {commune.name} (c-01)")
    assert f"đồng chí {member.name} (sm-01)" in vi.message
    # the id right after its noun, the date after the id, the qualifier last
    assert f"{evaluation} ngày 01/12/2026 không được tính" in vi.message
    names = {("district", "d-sc"): "Thị xã Sông Cầu", ("commune", "c-xp"): "Phường Xuân Phú"}
    subject = {"commune": "c-xp", "district": "d-sc", "term": "t1"}
    assert subject_text(subject, "vi", sentence=True, names=names) == (
        "Địa bàn Phường Xuân Phú (c-xp), Thị xã Sông Cầu (d-sc), nhiệm kỳ t1"
    )
    assert subject_text(subject, "vi", sentence=True) == "Địa bàn c-xp, huyện d-sc, nhiệm kỳ t1"
    assert subject_text(subject, "en", sentence=True, names=names) == (
        "Commune Phường Xuân Phú (c-xp), district Thị xã Sông Cầu (d-sc), term t1"
    )

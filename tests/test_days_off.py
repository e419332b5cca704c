"""The ``day_off_rule`` policy key (SPEC sections 4 and 5): a due date on a day off moves to
the next working day, as the Civil Code (art. 148(5)) reads the end of a time limit."""

from __future__ import annotations

from datetime import date

from governance_rules import Policy
from governance_rules.engine import DaysOff
from governance_rules.model import Calendar
from governance_rules.testing import EventLog, only, small_register

MOVE = Policy(day_off_rule="next_working_day")
REGISTER = small_register(regulation={"effective": "2021-03-01"})


def _log() -> EventLog:
    log = EventLog()
    log.add("assignment.decided", "2025-01-01", officer="o-01", commune="c-01", term="t1")
    return log


def test_a_deadline_ending_in_tet_2026_moves_past_it() -> None:
    log = _log()
    # 2025-11-18 + 90 days is 16 February 2026, Tết's eve; 16-20 February are public
    # holidays and 21-22 February a weekend, so the time limit ends on Monday 23 February.
    violation = log.add("violation.recorded", "2025-11-18", officer="o-01", summary="s")
    log.add("violation.handled", "2026-02-23", violation=violation, measure="m")
    as_of = date(2026, 3, 31)
    moved = only(
        log.evaluate(REGISTER, as_of=as_of, policy=MOVE, lang="vi"), "GR-VIOLATION-HANDLING"
    )
    assert [(f.status, f.window.due) for f in moved] == [("fulfilled", date(2026, 2, 23))]  # type: ignore[union-attr]
    assert (
        "hạn 16/02/2026 (thứ Hai, Giao thừa Tết Nguyên Đán) dời sang 23/02/2026 (thứ Hai)"
        in moved[0].message
    )
    exact = only(log.evaluate(REGISTER, as_of=as_of), "GR-VIOLATION-HANDLING")
    assert [(f.status, f.window.due) for f in exact] == [("late", date(2026, 2, 16))]  # type: ignore[union-attr]
    assert "moved" not in exact[0].message


def test_a_deadline_on_a_saturday_moves_to_monday() -> None:
    log = _log()
    found = only(
        log.evaluate(REGISTER, as_of=date(2026, 12, 1), policy=MOVE, lang="vi"),
        "GR-EVALUATION",
        year=2026,
    )
    assert [(f.status, f.window.due) for f in found] == [("pending", date(2026, 12, 21))]  # type: ignore[union-attr]
    assert "hạn 19/12/2026 (thứ Bảy) dời sang 21/12/2026 (thứ Hai)" in found[0].message
    english = only(
        log.evaluate(REGISTER, as_of=date(2026, 12, 1), policy=MOVE), "GR-EVALUATION", year=2026
    )
    assert "due 2026-12-19 (Saturday) moved to 2026-12-21 (Monday)" in english[0].message


def test_a_working_saturday_is_not_skipped_and_a_day_off_is() -> None:
    worked = small_register(
        regulation={"effective": "2021-03-01"}, calendar={"working_days": ["2026-12-19"]}
    )
    found = only(
        _log().evaluate(worked, as_of=date(2026, 12, 1), policy=MOVE), "GR-EVALUATION", year=2026
    )
    assert [f.window.due for f in found] == [date(2026, 12, 19)]  # type: ignore[union-attr]
    assert "moved" not in found[0].message
    off = small_register(
        regulation={"effective": "2021-03-01"}, calendar={"days_off": ["2026-12-21"]}
    )
    found = only(
        _log().evaluate(off, as_of=date(2026, 12, 1), policy=MOVE), "GR-EVALUATION", year=2026
    )
    assert [f.window.due for f in found] == [date(2026, 12, 22)]  # type: ignore[union-attr]
    assert "moved to 2026-12-22 (Tuesday)" in found[0].message


def test_a_violated_rolling_window_starts_the_next_on_the_moved_date() -> None:
    log = EventLog()
    # 2026-01-10 + 3 months is Friday 10 April; 2025-10-11 + 3 months is Sunday 11 January.
    log.add("assignment.decided", "2025-10-11", officer="o-01", commune="c-01", term="t1")
    found = only(log.evaluate(REGISTER, as_of=date(2026, 3, 1), policy=MOVE), "GR-VISIT-QUARTERLY")
    windows = [(f.status, f.window.start, f.window.due) for f in found]  # type: ignore[union-attr]
    assert windows == [
        ("violated", date(2025, 10, 11), date(2026, 1, 12)),
        ("pending", date(2026, 1, 12), date(2026, 4, 13)),
    ]


def test_an_act_on_a_quarters_moved_due_date_counts_for_the_next_quarter_too() -> None:
    log = EventLog()
    log.add("assignment.decided", "2025-12-20", officer="o-01", commune="c-01", term="t1")
    # 31 March 2029 is a Saturday: the first quarter is due Monday 2 April.
    visit = log.add("visit.conducted", "2029-04-02", officer="o-01", commune="c-01")
    policy = Policy(day_off_rule="next_working_day", visit_cadence="calendar_quarter")
    found = only(
        log.evaluate(REGISTER, as_of=date(2029, 5, 1), policy=policy), "GR-VISIT-QUARTERLY"
    )
    last_two = [(f.status, f.window.start, f.window.due, f.evidence) for f in found][-2:]  # type: ignore[union-attr]
    assert last_two == [
        ("fulfilled", date(2029, 1, 1), date(2029, 4, 2), (visit,)),
        ("fulfilled", date(2029, 4, 1), date(2029, 7, 2), (visit,)),  # 30 June: Saturday
    ]


def test_checks_and_recommendations_keep_their_dates() -> None:
    log = _log()
    log.add("visit.conducted", "2026-12-19", officer="o-01", commune="c-01")
    found = log.evaluate(REGISTER, as_of=date(2027, 1, 10), policy=MOVE)
    contact = only(found, "GR-VISIT-CONTACT")
    assert [f.window.due for f in contact] == [date(2026, 12, 19)]  # type: ignore[union-attr]
    cells = only(found, "GR-CELL-MEETING", year=2028) + only(found, "GR-CELL-MEETING", year=2026)
    assert [f.window.due for f in cells] == [date(2026, 12, 31)]  # type: ignore[union-attr]


def test_the_days_off_of_a_year_list_the_holidays_and_the_swaps() -> None:
    days = DaysOff(Calendar(days_off=[date(2026, 1, 2)], working_days=[date(2026, 1, 10)]))
    listed = dict(days.in_year(2026))
    assert [d for d in listed if date(2026, 2, 1) <= d <= date(2026, 2, 28)] == [
        date(2026, 2, d) for d in (16, 17, 18, 19, 20)
    ]
    assert listed[date(2026, 1, 2)] is True
    assert listed[date(2026, 1, 10)] is False
    assert days.describe(date(2026, 2, 17), "vi") == "thứ Ba, Tết Nguyên Đán"
    assert days.next_working_day(date(2026, 2, 14)) == date(2026, 2, 23)
    assert days.next_working_day(date(2026, 1, 10)) == date(2026, 1, 10)


def test_the_rules_whose_due_dates_move_say_they_read_the_key() -> None:
    from governance_rules import CATALOGUE

    reads = {rule.id for rule in CATALOGUE if "day_off_rule" in rule.policy_keys}
    assert {"GR-EVALUATION", "GR-VISIT-QUARTERLY", "GR-ISSUE-RELAY", "GR-REVIEW"} <= reads
    # Checks, the recommendation and coverage keep their dates.
    assert not reads & {"GR-VISIT-CONTACT", "GR-CHANNEL", "GR-CELL-MEETING", "GR-COVERAGE"}

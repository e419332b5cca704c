"""Hypothesis strategies for registers and event logs, shared by the property tests."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import strategies as st

from governance_rules import Policy, Register
from governance_rules.testing import reorganised_register, small_register

START = date(2025, 1, 1)
DAYS = 3 * 366

TWO_LEVEL = {
    "districts": [],
    "communes": [
        {"id": "c-01", "name": "Xã Một", "kind": "xa"},
        {"id": "c-02", "name": "Phường Hai", "kind": "phuong"},
        {"id": "c-03", "name": "Thị trấn Ba", "kind": "thi_tran"},
    ],
    "standing_members": [
        {"id": "sm-01", "name": "Ủy viên Một", "in_charge_of": ["c-01", "c-02"]},
        {"id": "sm-02", "name": "Ủy viên Hai", "in_charge_of": ["c-03"]},
    ],
}


@st.composite
def registers(draw: st.DrawFn) -> Register:
    """Small registers, with or without a district level, or through a reorganisation (the
    communes merged and the districts abolished on a day of the log), with a calendar of
    their own days off and working days, and varied effective dates."""
    effective = START + timedelta(days=draw(st.integers(0, 400)))
    overrides: dict[str, Any] = {"regulation": {"effective": effective.isoformat()}}
    overrides["terms"] = [
        {"id": "t1", "start": "2024-06-01", "end": "2026-05-31"},
        {"id": "t2", "start": "2026-06-01", "end": "2031-05-31"},
    ]
    days = st.integers(0, DAYS).map(lambda n: (START + timedelta(days=n)).isoformat())
    overrides["calendar"] = {
        "days_off": draw(st.lists(days, max_size=3, unique=True)),
        "working_days": draw(st.lists(days, max_size=3, unique=True)),
    }
    shape = draw(st.sampled_from(["districts", "two_level", "reorganised"]))
    if shape == "reorganised":
        merged = START + timedelta(days=draw(st.integers(30, DAYS - 30)))
        return reorganised_register(merged, **overrides)
    if shape == "two_level":
        overrides.update(TWO_LEVEL)
    return small_register(**overrides)


def _day(draw: st.DrawFn) -> str:
    return (START + timedelta(days=draw(st.integers(0, DAYS)))).isoformat()


@st.composite
def records(draw: st.DrawFn, register: Register, index: int) -> dict[str, Any]:
    """One valid event record (as parsed JSON) naming ids of ``register``."""
    officers = [o.id for o in register.officers]
    at: str = _day(draw)
    local = date.fromisoformat(at)
    if draw(st.integers(0, 9)) == 0:
        suffix = draw(st.sampled_from(["T23:30:00+00:00", "T06:00:00", "T00:15:00+07:00"]))
        at += suffix
        if suffix == "T23:30:00+00:00":
            local += timedelta(days=1)  # 06:30 the next day in Asia/Ho_Chi_Minh
    # A commune that exists on the local day: an event naming another one is rejected.
    communes = [c.id for c in register.communes if c.holds_on(local)]
    members = [m.id for m in register.standing_members]
    officer, commune = draw(st.sampled_from(officers)), draw(st.sampled_from(communes))
    year = draw(st.integers(2024, 2027))
    kind = draw(
        st.sampled_from(
            [
                "assignment.decided",
                "assignment.decided",
                "assignment.ended",
                "contact.made",
                "visit.conducted",
                "visit.conducted",
                "meeting.held",
                "report.submitted",
                "report.submitted",
                "issue.raised",
                "issue.relayed",
                "evaluation.submitted",
                "performance.rated",
                "replacement.considered",
                "violation.recorded",
                "violation.handled",
                "classification.proposed",
                "commendation.proposed",
                "review.held",
                "regulation.disseminated",
            ]
        )
    )
    record: dict[str, Any] = {"id": f"e-{index:04d}", "type": kind, "at": at}
    refs = [f"e-{i:04d}" for i in range(max(1, index - 5), index + 5)]
    fields: dict[str, Any] = {
        "assignment.decided": {
            "officer": officer,
            "commune": commune,
            "term": draw(st.sampled_from(["t1", "t2"])),
        },
        "assignment.ended": {"officer": officer, "commune": commune, "reason": "replaced"},
        "contact.made": {"officer": officer, "commune": commune},
        "visit.conducted": {"officer": officer, "commune": commune},
        "meeting.held": {
            "commune": commune,
            "body": draw(st.sampled_from(["executive", "standing", "cell"])),
            "session": "regular",
            "topics": draw(st.lists(st.sampled_from(["socio_economic", "other"]), max_size=2)),
            "invited": draw(st.lists(st.sampled_from(officers), max_size=2, unique=True)),
            "attended": draw(st.lists(st.sampled_from(officers), max_size=2, unique=True)),
        },
        "report.submitted": {
            "officer": officer,
            "recipient": draw(
                st.sampled_from(["standing_committee", "standing_member", "agency_head"])
            ),
            "via": draw(st.sampled_from(["provincial_office", "direct"])),
            "period": draw(st.sampled_from([None, f"{year}", f"{year}-H1"])),
            "sections": draw(
                st.lists(
                    st.sampled_from(
                        [
                            "socio_economic",
                            "defense_security",
                            "political_system",
                            "policy_implementation",
                            "public_sentiment",
                        ]
                    ),
                    max_size=5,
                    unique=True,
                )
            ),
        },
        "issue.raised": {
            "officer": officer,
            "commune": commune,
            "to": draw(st.sampled_from(members)),
            "kind": "difficulty",
        },
        "issue.relayed": {
            "standing_member": draw(st.sampled_from(members)),
            "issue": draw(st.sampled_from(refs)),
        },
        "evaluation.submitted": {
            "commune": commune,
            "officer": officer,
            "year": year,
            "rating": "good",
            "confirmed_by": draw(st.sampled_from([None, *members])),
            "via": draw(st.sampled_from(["organization_board", "direct"])),
        },
        "performance.rated": {
            "officer": officer,
            "year": year,
            "rating": draw(st.sampled_from(["excellent", "not_completed", "good"])),
        },
        "replacement.considered": {"officer": officer, "decision": "retain"},
        "violation.recorded": {"officer": officer, "summary": "s"},
        "violation.handled": {"violation": draw(st.sampled_from(refs)), "measure": "m"},
        "classification.proposed": {"year": year},
        "commendation.proposed": {"officer": officer, "year": year},
        "review.held": {
            "kind": draw(st.sampled_from(["preliminary", "final"])),
            "term": draw(st.sampled_from(["t1", "t2"])),
        },
        "regulation.disseminated": {},
    }[kind]
    record.update(fields)
    return record


@st.composite
def logs(draw: st.DrawFn, register: Register, max_size: int = 40) -> list[dict[str, Any]]:
    """An event log for ``register``: valid records with unique ids."""
    size = draw(st.integers(0, max_size))
    return [draw(records(register, i + 1)) for i in range(size)]


as_of_dates = st.integers(0, DAYS + 60).map(lambda n: START + timedelta(days=n))


@st.composite
def policies(draw: st.DrawFn) -> Policy:
    """Policies with a few keys away from their defaults."""
    choices: dict[str, st.SearchStrategy[Any]] = {
        "visit_interval_months": st.integers(1, 4),
        "visit_cadence": st.sampled_from(["rolling", "calendar_quarter"]),
        "contact_window_days": st.integers(0, 40),
        "report_grace_days": st.integers(0, 30),
        "report_min_active_days": st.integers(1, 120),
        "member_report_interval_months": st.integers(1, 6),
        "evaluation_due": st.sampled_from(["12-19", "12-31", "02-29"]),
        "evaluation_min_active_days": st.integers(1, 200),
        "issue_relay_days": st.integers(0, 30),
        "coverage_grace_days": st.integers(0, 120),
        "day_off_rule": st.just("next_working_day"),
    }
    keys = draw(st.lists(st.sampled_from(sorted(choices)), max_size=5, unique=True))
    return Policy(**{key: draw(choices[key]) for key in keys})

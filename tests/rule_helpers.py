"""Helpers of the rule tests: a small register and builders of its events."""

from __future__ import annotations

from datetime import date

from governance_rules import Policy
from governance_rules.testing import EventLog, only, small_register

REGISTER = small_register()


def assigned(log: EventLog, at: str, officer: str = "o-01", commune: str = "c-01") -> str:
    return log.add("assignment.decided", at, officer=officer, commune=commune, term="t1")


def run(log: EventLog, as_of: str, rule: str, year: int | None = None, **policy: object):  # type: ignore[no-untyped-def]
    found = log.evaluate(REGISTER, as_of=date.fromisoformat(as_of), policy=Policy(**policy))
    return only(found, rule) if year is None else only(found, rule, year=year)


def meeting(log: EventLog, at: str, body: str = "executive", **fields: object) -> str:
    values: dict[str, object] = {
        "commune": "c-01",
        "body": body,
        "session": "regular",
        "topics": ["socio_economic"],
        "invited": [],
        "attended": [],
    }
    values.update(fields)
    return log.add("meeting.held", at, **values)


def report(log: EventLog, at: str, recipient: str = "standing_committee", **fields: object) -> str:
    values: dict[str, object] = {
        "officer": "o-01",
        "recipient": recipient,
        "via": "provincial_office",
        "period": None,
        "sections": [
            "socio_economic",
            "defense_security",
            "political_system",
            "policy_implementation",
            "public_sentiment",
        ],
    }
    values.update(fields)
    return log.add("report.submitted", at, **values)


def raise_issue(log: EventLog) -> str:
    assigned(log, "2026-01-01")
    return log.add(
        "issue.raised", "2026-03-01", officer="o-01", commune="c-01", to="sm-01", kind="difficulty"
    )


def submit_evaluation(
    log: EventLog, at: str, confirmed_by: str | None = "sm-01", year: int = 2026
) -> str:
    return log.add(
        "evaluation.submitted",
        at,
        commune="c-01",
        officer="o-01",
        year=year,
        rating="good",
        confirmed_by=confirmed_by,
        via="organization_board",
    )

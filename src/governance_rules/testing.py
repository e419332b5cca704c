"""Helpers for tests, in this project and in integrators' own suites.

Build a small register and an event log in a few lines, evaluate, and pick findings::

    from datetime import date
    from governance_rules.testing import EventLog, small_register, only

    log = EventLog()
    log.add("assignment.decided", "2026-01-05", officer="o-01", commune="c-01", term="t1")
    log.add("visit.conducted", "2026-02-01", officer="o-01", commune="c-01")
    found = only(log.evaluate(small_register(), as_of=date(2026, 6, 1)), "GR-VISIT-QUARTERLY")

and assert on them by the fields that matter, with a readable message when one is missing::

    assert_findings(
        found,
        expect=[{"rule": "GR-VISIT-QUARTERLY", "status": "fulfilled",
                 "window": {"start": "2026-01-05", "due": "2026-04-05"}}],
        absent=[{"status": "violated"}],
    )

The same expectations written in YAML files are scenarios (``governance-rules test DIR``;
see :func:`load_scenarios`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from ._scenarios import (
    Scenario,
    load_scenarios,
    matches,
    mismatches,
    reorganised_register,
    run_scenarios,
    small_register,
)
from .engine import evaluate
from .model import EVENT_ADAPTER, BaseEvent, Finding, Policy, Register
from .rules import Catalogue


class EventLog:
    """An event log built in code, with ids given in order (``e-0001``, ...)."""

    def __init__(self) -> None:
        self.events: list[BaseEvent] = []

    def add(self, type_: str, at: str | date, *, id: str | None = None, **fields: Any) -> str:
        """Add an event; returns its id. ``at`` is an ISO date or date-time (or a date)."""
        event_id = id or f"e-{len(self.events) + 1:04d}"
        when = at.isoformat() if isinstance(at, date) else at
        record = {"id": event_id, "type": type_, "at": when, **fields}
        self.events.append(EVENT_ADAPTER.validate_python(record))
        return event_id

    def evaluate(
        self,
        register: Register,
        *,
        as_of: date,
        policy: Policy | None = None,
        catalogue: Catalogue | None = None,
        lang: str = "en",
    ) -> list[Finding]:
        """Evaluate the log with the reference engine."""
        return evaluate(
            register, self.events, as_of=as_of, policy=policy, catalogue=catalogue, lang=lang
        )


def only(findings: Iterable[Finding], rule: str, **subject: Any) -> list[Finding]:
    """The findings of ``rule`` whose subject has the given keys and values."""
    return [
        f
        for f in findings
        if f.rule == rule and all(getattr(f.subject, k) == v for k, v in subject.items())
    ]


def statuses(findings: Iterable[Finding]) -> list[tuple[str, str, str]]:
    """``(status, window start, due)`` of each finding, ISO dates, for compact assertions."""
    return [
        (
            f.status,
            f.window.start.isoformat() if f.window else "",
            f.window.due.isoformat() if f.window else "",
        )
        for f in findings
    ]


def assert_findings(
    findings: Sequence[Finding],
    expect: Iterable[Mapping[str, Any]] = (),
    absent: Iterable[Mapping[str, Any]] = (),
) -> None:
    """Assert that every ``expect`` is matched by some finding and no ``absent`` by any.

    A spec names what matters, and only that: ``rule``, ``status``, ``subject`` keys,
    ``window`` dates (ISO strings). The message shows each miss with the nearest findings.

    Raises:
        AssertionError: Listing every mismatch.
    """
    problems = mismatches(findings, list(expect), list(absent))
    if problems:
        raise AssertionError("\n" + "\n".join(problems))


__all__ = [
    "EventLog",
    "Scenario",
    "assert_findings",
    "load_scenarios",
    "matches",
    "only",
    "reorganised_register",
    "run_scenarios",
    "small_register",
    "statuses",
]

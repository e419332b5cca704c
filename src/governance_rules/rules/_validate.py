"""Definition-time checks of a rule: everything it names must exist."""

from __future__ import annotations

from collections.abc import Mapping

from ..errors import Problem, suggest
from ..model import EVENT_TYPES, SUBJECT_KEYS, Policy
from ..regulation import CLAUSES_BY_ID, Clause
from ._templates import (
    MONTH_DAY,
    Act,
    CalendarDeadline,
    Conformance,
    Coverage,
    DeadlineAfterTrigger,
    Param,
    PeriodicDuty,
    Precedence,
    Recommendation,
    Rule,
)

_POLICY_KEYS = Policy.model_fields
_CADENCES = ("rolling", "calendar_quarter")


def rule_problems(rule: Rule, clauses: Mapping[str, Clause] = CLAUSES_BY_ID) -> list[Problem]:
    """Every inconsistency of ``rule``: unknown clauses, event types, fields, policy keys.

    ``clauses`` are those the rule may cite (the Regulation's, and a pack's own).
    """
    problems: list[Problem] = []

    def add(where: str, message: str) -> None:
        problems.append(Problem(f"{rule.id}: {where}", message))

    if not rule.clauses:
        add("clauses", "a rule must cite at least one clause")
    for clause in rule.clauses:
        if clause not in clauses:
            add("clauses", f"unknown clause '{clause}'{suggest(clause, clauses)}")
        elif clauses[clause].unchecked is not None:
            add("clauses", f"clause '{clause}' is marked not checkable")

    def param(where: str, value: Param) -> None:
        if isinstance(value, str) and value not in _POLICY_KEYS:
            add(where, f"unknown policy key '{value}'{suggest(value, _POLICY_KEYS)}")

    def fields_of(where: str, act: Act) -> set[str] | None:
        model = EVENT_TYPES.get(act.type)
        if model is None:
            add(f"{where}.type", f"unknown event type '{act.type}'{suggest(act.type, EVENT_TYPES)}")
            return None
        return set(model.model_fields)

    def field(where: str, act: Act, name: str) -> None:
        known = fields_of(where, act)
        if known is not None and name not in known:
            add(where, f"event type '{act.type}' has no field '{name}'{suggest(name, known)}")

    def act(where: str, value: Act) -> None:
        if fields_of(where, value) is None:
            return
        for name in (*value.where, *value.any_of, *value.counts_if, *value.bindings().values()):
            field(where, value, name)
        if value.in_charge is not None:
            field(where, value, value.in_charge)
        if value.period is not None:
            field(where, value, "period")

    def subject(where: str, value: Act, mapping: dict[str, str]) -> None:
        for key, name in mapping.items():
            if key not in SUBJECT_KEYS:
                add(where, f"unknown subject key '{key}'{suggest(key, SUBJECT_KEYS)}")
            field(where, value, name)

    template = rule.template
    if isinstance(template, PeriodicDuty):
        for i, a in enumerate(template.acts):
            act(f"acts[{i}]", a)
        param("interval_months", template.interval_months)
        if template.cadence not in _CADENCES and template.cadence not in _POLICY_KEYS:
            add("cadence", f"expected one of {_CADENCES} or a policy key, got '{template.cadence}'")
    elif isinstance(template, DeadlineAfterTrigger):
        act("trigger", template.trigger)
        for i, a in enumerate(template.responses):
            act(f"responses[{i}]", a)
        param("days", template.days)
        subject("subject", template.trigger, dict(template.subject))
    elif isinstance(template, Precedence):
        act("act", template.act)
        act("preceded_by", template.preceded_by)
        param("within_days", template.within_days)
        subject("subject", template.act, dict(template.subject))
    elif isinstance(template, CalendarDeadline):
        act("act", template.act)
        for i, stage in enumerate(template.stages):
            param(f"stages[{i}].plus_days", stage.plus_days)
            if stage.anchor in ("in_year", "in_next_year"):
                on = stage.on or ""
                if not MONTH_DAY.match(on) and on not in _POLICY_KEYS:
                    add(f"stages[{i}].on", f"expected MM-DD or a policy key, got '{on}'")
        if template.owed is not None:
            param("owed.min_active_days", template.owed.min_active_days)
    elif isinstance(template, Conformance):
        for i, check in enumerate(template.checks):
            act(f"checks[{i}].act", check.act)
            field(f"checks[{i}].require", check.act, check.require.field)
            subject(f"checks[{i}].subject", check.act, dict(check.subject))
    elif isinstance(template, Recommendation):
        act("act", template.act)
    elif isinstance(template, Coverage):
        param("grace_days", template.grace_days)
    return problems

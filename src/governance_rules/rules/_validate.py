"""Definition-time checks of a rule: everything it names must exist."""

from __future__ import annotations

from collections.abc import Mapping

from ..errors import Problem, suggest
from ..model import EVENT_TYPES, SUBJECT_KEYS, Policy
from ..regulation import CLAUSES_BY_ID, Clause
from ._templates import Act, Param, Rule

_POLICY_KEYS = Policy.model_fields


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
    for where, named in template.named_acts():
        act(where, named)
    for setting in template.settings():
        if setting.words is None:
            param(setting.path, setting.value)
            continue
        word = str(setting.value)
        words = setting.words
        fits = word in words if isinstance(words, tuple) else words(word)
        if not fits and word not in _POLICY_KEYS:
            shown = f"one of {words}" if isinstance(words, tuple) else "MM-DD"
            add(setting.path, f"expected {shown} or a policy key, got '{word}'")
    for where, read, mapping in template.subjects():
        subject(where, read, dict(mapping))
    for where, read, name in template.fields():
        field(where, read, name)
    for where, bound, keys in template.bound():
        for key in bound.bindings():
            if key not in keys:
                have = ", ".join(sorted(keys)) or "none"
                add(where, f"binds '{key}', which its instances do not have (they have: {have})")
    return problems

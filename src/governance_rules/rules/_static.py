"""Static checks of a catalogue: what can be told wrong without any event.

Construction already refuses what a rule names that does not exist (a clause, an event
type, a field, a policy key) and overlapping versions; these checks look at the catalogue
as a whole, and at values no event can carry.
"""

from __future__ import annotations

from typing import Any

from ..errors import Problem
from ..model import EVENT_TYPES, literal_values
from ..regulation import CLAUSES, Section
from ._templates import (
    Act,
    Rule,
)
from ._validate import rule_problems


def _allowed(event_type: str, field: str) -> tuple[Any, ...] | None:
    """The values a field can hold, where its type says (a ``Literal``), else ``None``."""
    model = EVENT_TYPES.get(event_type)
    info = model.model_fields.get(field) if model else None
    if info is None:
        return None
    return literal_values(info.annotation)


def _impossible(act: Act) -> list[str]:
    """Why no event can ever be this act (empty when some can)."""
    if act.type not in EVENT_TYPES:
        return [f"no reader can produce an event of type '{act.type}'"]
    reasons = []
    for name, values in (*act.where.items(), *act.any_of.items(), *act.counts_if.items()):
        if not values:
            reasons.append(f"'{act.type}' field '{name}' is given no value to match")
            continue
        allowed = _allowed(act.type, name)
        if allowed is None:
            continue
        possible = [v for v in values if v in allowed]
        if not possible:
            shown = ", ".join(f"'{v}'" for v in values)
            reasons.append(f"'{act.type}' field '{name}' is never {shown}")
    return reasons


def static_problems(catalogue: Any) -> list[Problem]:
    """Every static problem of ``catalogue`` (a :class:`~governance_rules.rules.Catalogue`):

    - a clause of the Regulation that no rule cites and that is not marked not checkable,
      or a pack's own clause that no rule cites;
    - what a rule names that does not exist (policy keys included; versions of one rule in
      force at once are refused when the catalogue is built);
    - a rule whose trigger cannot occur, or an obligation that can never be fulfilled: an
      event type no reader produces, or values its field never holds;
    - a scope on a rule whose findings have no commune.
    """
    problems: list[Problem] = []
    rules: list[Rule] = list(catalogue)
    cited = {clause for rule in rules for clause in rule.clauses}
    for clause in CLAUSES:
        if clause.id not in cited and clause.unchecked is None:
            problems.append(Problem(clause.id, "no rule cites this clause, and it is not marked"))
    for clause in catalogue.clauses.values():
        if clause.section == Section.PROVINCE and clause.id not in cited:
            problems.append(Problem(clause.id, "no rule cites this clause of the pack"))
    for rule in rules:
        label = rule.id
        if rule.valid_from or rule.valid_to:
            start = rule.valid_from.isoformat() if rule.valid_from else "…"
            end = rule.valid_to.isoformat() if rule.valid_to else "…"
            label = f"{rule.id} ({start} – {end})"
        problems.extend(rule_problems(rule, catalogue.clauses))
        for act in rule.template.triggers():
            for reason in _impossible(act):
                problems.append(Problem(label, f"its trigger cannot occur: {reason}"))
        for acts in rule.template.fulfilling():
            reasons = [reason for act in acts for reason in _impossible(act)]
            if acts and all(_impossible(act) for act in acts):
                problems.append(Problem(label, f"it can never be fulfilled: {'; '.join(reasons)}"))
        if rule.scope is not None and "commune" not in rule.template.places():
            problems.append(
                Problem(label, "it has a scope, but its findings have no commune to select")
            )
    return problems

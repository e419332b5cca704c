"""Rules as data: the templates, the catalogue of the Regulation, and its validation."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..errors import CatalogueError, Problem, suggest
from ._catalogue import RULES
from ._templates import (
    MONTH_DAY,
    Act,
    Bearer,
    CalendarDeadline,
    Check,
    Conformance,
    Coverage,
    DeadlineAfterTrigger,
    Owed,
    Param,
    PeriodicDuty,
    Precedence,
    Recommendation,
    Requirement,
    Rule,
    Stage,
    Template,
    Text,
)
from ._validate import rule_problems


class Catalogue:
    """A validated, ordered set of rules.

    Args:
        rules: The rules; ids must be unique, and every clause, event type, field and
            policy key a rule names must exist.

    Raises:
        CatalogueError: Listing every problem of every rule.
    """

    def __init__(self, rules: Iterable[Rule]) -> None:
        self._rules = tuple(rules)
        problems: list[Problem] = []
        seen: set[str] = set()
        for rule in self._rules:
            if rule.id in seen:
                problems.append(Problem(rule.id, "duplicate rule id"))
            seen.add(rule.id)
            problems.extend(rule_problems(rule))
        if problems:
            raise CatalogueError(problems)
        self._by_id = {rule.id: rule for rule in self._rules}

    def __iter__(self) -> Iterator[Rule]:
        return iter(self._rules)

    def __len__(self) -> int:
        return len(self._rules)

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._by_id

    def __getitem__(self, rule_id: str) -> Rule:
        """The rule with this id.

        Raises:
            KeyError: With a "did you mean" where a near id exists.
        """
        try:
            return self._by_id[rule_id]
        except KeyError:
            raise KeyError(f"unknown rule '{rule_id}'{suggest(rule_id, self._by_id)}") from None

    def get(self, rule_id: str) -> Rule | None:
        """The rule with this id, or ``None``."""
        return self._by_id.get(rule_id)

    def with_rules(self, *rules: Rule) -> Catalogue:
        """A new catalogue with ``rules`` added (or replacing rules of the same id)."""
        replaced = {rule.id for rule in rules}
        return Catalogue([r for r in self._rules if r.id not in replaced] + list(rules))


CATALOGUE = Catalogue(RULES)
"""The catalogue of the Regulation: the 21 rules of SPEC section 5."""

__all__ = [
    "CATALOGUE",
    "MONTH_DAY",
    "Act",
    "Bearer",
    "CalendarDeadline",
    "Catalogue",
    "Check",
    "Conformance",
    "Coverage",
    "DeadlineAfterTrigger",
    "Owed",
    "Param",
    "PeriodicDuty",
    "Precedence",
    "Recommendation",
    "Requirement",
    "Rule",
    "Stage",
    "Template",
    "Text",
]

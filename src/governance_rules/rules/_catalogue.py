"""The catalogue: a validated, ordered set of rules with the clauses they may cite."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from ..errors import CatalogueError, Problem, suggest
from ..regulation import CLAUSES_BY_ID, Clause
from ._templates import Rule
from ._validate import rule_problems


class Catalogue:
    """A validated, ordered set of rules, with the clauses they may cite.

    Args:
        rules: The rules. An id may repeat only as versions of one rule whose
            ``valid_from``..``valid_to`` periods do not overlap. Every clause, event type,
            field and policy key a rule names must exist.
        clauses: Clauses of the province's own (a rule pack's), besides the Regulation's;
            their ids must not be the Regulation's.

    Raises:
        CatalogueError: Listing every problem of every rule.
    """

    def __init__(self, rules: Iterable[Rule], clauses: Iterable[Clause] = ()) -> None:
        self._rules = tuple(rules)
        own = tuple(clauses)
        problems: list[Problem] = []
        for clause in own:
            if clause.id in CLAUSES_BY_ID:
                problems.append(Problem(clause.id, "a clause of the Regulation has this id"))
        self.clauses: dict[str, Clause] = {**CLAUSES_BY_ID, **{c.id: c for c in own}}
        self.own_clauses = own
        self._versions: dict[str, list[Rule]] = {}
        for rule in self._rules:
            for other in self._versions.get(rule.id, []):
                if _overlap(rule, other):
                    problems.append(
                        Problem(
                            rule.id,
                            f"two versions in force at once ({_span(other)} and {_span(rule)})",
                        )
                    )
            self._versions.setdefault(rule.id, []).append(rule)
            problems.extend(rule_problems(rule, self.clauses))
        if problems:
            raise CatalogueError(problems)

    def __iter__(self) -> Iterator[Rule]:
        return iter(self._rules)

    def __len__(self) -> int:
        return len(self._rules)

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._versions

    def __getitem__(self, rule_id: str) -> Rule:
        """The rule with this id (its latest version).

        Raises:
            KeyError: With a "did you mean" where a near id exists.
        """
        try:
            return self._versions[rule_id][-1]
        except KeyError:
            raise KeyError(f"unknown rule '{rule_id}'{suggest(rule_id, self._versions)}") from None

    def get(self, rule_id: str) -> Rule | None:
        """The rule with this id (its latest version), or ``None``."""
        versions = self._versions.get(rule_id)
        return versions[-1] if versions else None

    def versions(self, rule_id: str) -> tuple[Rule, ...]:
        """Every version of the rule with this id, in catalogue order."""
        return tuple(self._versions.get(rule_id, ()))

    def clause(self, clause_id: str) -> Clause | None:
        """A clause the rules may cite: the Regulation's, or a pack's own."""
        return self.clauses.get(clause_id)

    def with_rules(self, *rules: Rule, clauses: Iterable[Clause] = ()) -> Catalogue:
        """A new catalogue with ``rules`` added; the versions of an id given here replace
        every version of that id in this catalogue."""
        replaced = {rule.id for rule in rules}
        kept = [r for r in self._rules if r.id not in replaced]
        return Catalogue(kept + list(rules), (*self.own_clauses, *clauses))


def _overlap(a: Rule, b: Rule) -> bool:
    a_from, b_from = a.valid_from or date.min, b.valid_from or date.min
    a_to, b_to = a.valid_to or date.max, b.valid_to or date.max
    return a_from <= b_to and b_from <= a_to


def _span(rule: Rule) -> str:
    start = rule.valid_from.isoformat() if rule.valid_from else "always"
    end = rule.valid_to.isoformat() if rule.valid_to else "no end"
    return f"{start}..{end}"

"""The exceptions of governance_rules.

Everything the library raises on purpose derives from :class:`GovernanceRulesError`.
Definition-time errors (a bad register, policy or catalogue) are kept apart from input
errors (events that cannot be read at all), so that callers can tell "fix the reference
data" from "fix this file".
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One located problem: where it is, and what is wrong there.

    Attributes:
        location: Where the problem is, such as ``register.yaml: communes[3].district`` or
            ``events.jsonl:17``.
        message: What is wrong, in one line, naming the field and the value.
    """

    location: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


class GovernanceRulesError(Exception):
    """The root of every error the library raises on purpose."""


class DefinitionError(GovernanceRulesError):
    """Reference data that cannot be used: a register, a policy or a rule catalogue.

    Attributes:
        problems: Every problem found, each located; never empty.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("; ".join(str(p) for p in self.problems))


class RegisterError(DefinitionError):
    """The register is invalid; nothing is evaluated."""


class PolicyError(DefinitionError):
    """The policy has an unknown key or a bad value."""


class CatalogueError(DefinitionError):
    """A rule definition is inconsistent (unknown clause, event type, field or policy key)."""


class InputError(GovernanceRulesError):
    """An input file cannot be read at all (missing, not UTF-8, malformed as a whole).

    Single bad records are not errors: they are rejected, located and counted.
    """

    def __init__(self, location: str, message: str) -> None:
        self.problem = Problem(location, message)
        super().__init__(str(self.problem))


class LanguageError(GovernanceRulesError, ValueError):
    """A language the messages and reports are not written in."""


class BackendError(GovernanceRulesError):
    """An engine backend is unknown, cannot run (its extra is not installed), or failed."""


def suggest(value: str, candidates: Iterable[str]) -> str:
    """A ``" (did you mean 'x'?)"`` suffix for the nearest candidate, or ``""``."""
    match = difflib.get_close_matches(value, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""

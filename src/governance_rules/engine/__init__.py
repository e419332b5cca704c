"""Engines: the reference engine (pure Python, event time) and the durable_rules backend."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable
from datetime import date
from typing import Protocol

from ..errors import BackendError
from ..model import EventLike, Finding, Policy, Register
from ..rules import Catalogue
from ._context import ASSIGNMENT_TYPES, Assignment, Partition, Rejoin, partition_of, reads
from ._dates import quarter_end, quarter_start
from ._days_off import WEEKDAYS, DaysOff
from ._durable import evaluate as durable_evaluate
from ._reference import assignments, evaluate, iter_compact, iter_evaluate

# The reference backend can hand its findings over compacted a rule at a time; a streaming
# check (governance_rules.stream_check) asks a backend for this by the name iter_compact.
evaluate.iter_compact = iter_compact  # type: ignore[attr-defined]


def _durable_missing() -> str | None:
    """Why the durable backend cannot run here, or ``None`` when it can."""
    if importlib.util.find_spec("durable") is None:
        return "not installed: pip install 'governance-rules[durable]'"
    return None


# A backend may say why it cannot run, by the name missing (governance-rules plugins).
durable_evaluate.missing = _durable_missing  # type: ignore[attr-defined]


class Backend(Protocol):
    """The batch engine's signature: every engine backend is a function like this one."""

    def __call__(
        self,
        register: Register,
        events: Iterable[EventLike],
        *,
        as_of: date,
        policy: Policy | None = None,
        catalogue: Catalogue | None = None,
        lang: str = "en",
    ) -> list[Finding]: ...


__all__ = [
    "ASSIGNMENT_TYPES",
    "WEEKDAYS",
    "Assignment",
    "Backend",
    "BackendError",
    "DaysOff",
    "Partition",
    "Rejoin",
    "assignments",
    "durable_evaluate",
    "evaluate",
    "iter_compact",
    "iter_evaluate",
    "partition_of",
    "quarter_end",
    "quarter_start",
    "reads",
]

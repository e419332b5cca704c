"""Engines: the reference engine (pure Python, event time) and the durable_rules backend."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Protocol

from ..errors import BackendError
from ..model import BaseEvent, Finding, Policy, Register
from ..rules import Catalogue
from ._context import Assignment
from ._durable import evaluate as durable_evaluate
from ._reference import assignments, evaluate


class Backend(Protocol):
    """The batch engine's signature: every engine backend is a function like this one."""

    def __call__(
        self,
        register: Register,
        events: Iterable[BaseEvent],
        *,
        as_of: date,
        policy: Policy | None = None,
        catalogue: Catalogue | None = None,
        lang: str = "en",
    ) -> list[Finding]: ...


BACKENDS: dict[str, Backend] = {"reference": evaluate, "durable": durable_evaluate}
"""The engine backends by name."""


def backend(name: str) -> Backend:
    """The engine backend called ``name``.

    Raises:
        BackendError: If there is no such backend.
    """
    try:
        return BACKENDS[name]
    except KeyError:
        raise BackendError(f"no engine backend {name!r}; known: {', '.join(BACKENDS)}") from None


__all__ = [
    "BACKENDS",
    "Assignment",
    "Backend",
    "BackendError",
    "assignments",
    "backend",
    "durable_evaluate",
    "evaluate",
]

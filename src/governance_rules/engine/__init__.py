"""Engines: the reference engine (pure Python, event time)."""

from __future__ import annotations

from ._context import Assignment
from ._reference import assignments, evaluate

__all__ = ["Assignment", "assignments", "evaluate"]

"""Engines: the reference engine (pure Python, event time)."""

from __future__ import annotations

from ._reference import evaluate

__all__ = ["evaluate"]

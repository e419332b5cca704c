"""Spans of days, both ends inclusive, and how problems name them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from ._common import FIRST_DAY, LAST_DAY

Span = tuple[date, date]
"""Both ends inclusive; ``(FIRST_DAY, LAST_DAY)`` is every day."""


def overlap(a: Span, b: Span) -> Span | None:
    """The days two spans share, or ``None``."""
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    return (lo, hi) if lo <= hi else None


def uncovered(span: Span, parts: Iterable[Span]) -> list[Span]:
    """The days of ``span`` that no part covers, as spans in date order."""
    gaps: list[Span] = []
    cursor = span[0]
    for lo, hi in sorted(parts):
        if hi < cursor:
            continue
        if lo > span[1]:
            break
        if lo > cursor:
            gaps.append((cursor, lo - timedelta(days=1)))
        if hi >= span[1]:
            return gaps
        cursor = max(cursor, hi + timedelta(days=1))
    if cursor <= span[1]:
        gaps.append((cursor, span[1]))
    return gaps


def span_text(span: Span, *, gap: bool = False) -> str:
    """The days a unit exists: ``from 2025-07-01``, ``until 2025-06-30``, ``from 2021-01-01
    to 2025-06-30`` or ``on every day``; with ``gap``, days a problem names (``on the days
    up to 2025-06-30``, ``on the days from 2025-07-01``, ``on any day``)."""
    lo, hi = span
    if lo == FIRST_DAY and hi == LAST_DAY:
        return "on any day" if gap else "on every day"
    if lo == FIRST_DAY:
        return f"{'on the days up to' if gap else 'until'} {hi.isoformat()}"
    if hi == LAST_DAY:
        return f"{'on the days from' if gap else 'from'} {lo.isoformat()}"
    return f"from {lo.isoformat()} to {hi.isoformat()}"

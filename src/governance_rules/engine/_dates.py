"""Calendar arithmetic on local dates."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from dateutil.relativedelta import relativedelta


@lru_cache(maxsize=1 << 16)
def add_months(day: date, months: int) -> date:
    """``day`` plus calendar months, clamped to the month's end (30/11 + 3 = 28/02)."""
    result: date = day + relativedelta(months=months)
    return result


def add_days(day: date, days: int) -> date:
    return day + timedelta(days=days)


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def quarter_end(day: date) -> date:
    return add_months(quarter_start(day), 3) - timedelta(days=1)

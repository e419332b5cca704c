"""The policy: what the Regulation leaves open, with defaults (SPEC section 4)."""

from __future__ import annotations

import calendar
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from ._common import WHOLE, Frozen


def _month_day(value: str) -> str:
    month, _, day = value.partition("-")
    if not (len(month) == 2 and len(day) == 2 and month.isdigit() and day.isdigit()):
        raise ValueError(f"expected MM-DD, got {value!r}")
    if not 1 <= int(month) <= 12 or not 1 <= int(day) <= calendar.monthrange(2000, int(month))[1]:
        raise ValueError(f"no such day of the year: {value!r}")
    return value


def is_month_day(value: str) -> bool:
    """Whether ``value`` is a day of the year as ``MM-DD`` (``02-29`` included)."""
    try:
        _month_day(value)
    except ValueError:
        return False
    return True


MonthDay = Annotated[str, AfterValidator(_month_day)]
"""A day of the year as ``MM-DD``; 02-29 falls on 28 February in common years."""

Days = Annotated[int, Field(strict=True, ge=0, le=3660), WHOLE]
Months = Annotated[int, Field(strict=True, ge=1, le=120), WHOLE]


def month_day_in(year: int, value: str) -> date:
    """The date of ``value`` (``MM-DD``) in ``year``, clamped to the month's end."""
    month, day = int(value[:2]), int(value[3:])
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


class Policy(Frozen):
    """Policy values: the Regulation's open points, each with its default.

    Override with :func:`governance_rules.load_policy` (a YAML file) or by keyword.
    """

    visit_interval_months: Months = 3
    visit_cadence: Literal["rolling", "calendar_quarter"] = "rolling"
    contact_window_days: Days = 30
    report_grace_days: Days = 15
    report_min_active_days: Days = 30
    member_report_interval_months: Months = 3
    agency_report_interval_months: Months = 3
    evaluation_due: MonthDay = "12-19"
    evaluation_min_active_days: Days = 90
    issue_relay_days: Days = 15
    replacement_days: Days = 60
    violation_handling_days: Days = 90
    commendation_days: Days = 90
    classification_due: MonthDay = "01-31"
    dissemination_days: Days = 30
    coverage_grace_days: Days = 90
    review_grace_days: Days = 90
    day_off_rule: Literal["none", "next_working_day"] = "none"

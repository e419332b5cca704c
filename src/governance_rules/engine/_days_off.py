"""Working days and days off in Vietnam, read with the ``day_off_rule`` policy key.

A day is off when it is a Saturday, a Sunday, a public holiday of Vietnam (the ``holidays``
package: Tết by the lunar calendar, substitute days included) or one of the register's
``calendar.days_off``, and is not one of its ``calendar.working_days`` (the Saturdays the
government swaps for a day off around a holiday).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import holidays

from ..model import Calendar

WEEKDAYS = {
    "vi": ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
_LANGUAGES = {"vi": "vi", "en": "en_US"}
_PROVINCE_DAY_OFF = {"vi": "ngày nghỉ theo lịch của tỉnh", "en": "day off in the register"}
_WORKED = {"vi": "ngày làm việc bù", "en": "working day in exchange"}


class DaysOff:
    """The province's days off: Vietnam's public holidays and weekends, with the register's
    own ``calendar`` entries. It reads no file and no clock."""

    def __init__(self, calendar: Calendar | None = None) -> None:
        calendar = calendar or Calendar()
        self.extra = frozenset(calendar.days_off)
        self.working = frozenset(calendar.working_days)
        self._public: dict[str, Any] = {}
        self._off: dict[date, bool] = {}

    def holiday(self, day: date, lang: str = "en") -> str | None:
        """The name of Vietnam's public holiday on ``day``, in ``lang``, or ``None``."""
        table = self._public.get(lang)
        if table is None:
            table = holidays.country_holidays("VN", language=_LANGUAGES.get(lang, "en_US"))
            self._public[lang] = table
        name = table.get(day)
        return None if name is None else str(name)

    def is_off(self, day: date) -> bool:
        """Whether ``day`` is a day off."""
        off = self._off.get(day)
        if off is None:
            off = day not in self.working and (
                day.weekday() >= 5 or day in self.extra or self.holiday(day) is not None
            )
            self._off[day] = off
        return off

    def next_working_day(self, day: date) -> date:
        """``day`` itself if it is a working day, else the first working day after it."""
        while self.is_off(day):
            day += timedelta(days=1)
        return day

    def describe(self, day: date, lang: str = "en") -> str:
        """The day's weekday, and why it is off where it is not a weekend:
        ``thứ Ba, Tết Nguyên Đán``."""
        parts = [WEEKDAYS.get(lang, WEEKDAYS["en"])[day.weekday()]]
        name = self.holiday(day, lang)
        if name is not None:
            parts.append(name)
        if day in self.extra:
            parts.append(_PROVINCE_DAY_OFF.get(lang, _PROVINCE_DAY_OFF["en"]))
        if day in self.working:
            parts.append(_WORKED.get(lang, _WORKED["en"]))
        return ", ".join(parts)

    def in_year(self, year: int) -> list[tuple[date, bool]]:
        """The days of ``year`` that differ from a plain week, in date order, each with
        whether it is off: public holidays, the register's days off, and its working days
        (weekends are off, and not listed). The list an office checks against the
        government's announcement."""
        day, last = date(year, 1, 1), date(year, 12, 31)
        found = []
        while day <= last:
            if day in self.working or day in self.extra or self.holiday(day) is not None:
                found.append((day, self.is_off(day)))
            day += timedelta(days=1)
        return found

"""Upcoming deadlines as an iCalendar file (RFC 5545), and the province's days off."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, time, timedelta

from .._text import printable
from ..engine import DaysOff
from ..i18n import fmt_date, language, subject_text
from ..model import CheckReport, Finding, Register
from ..rules import CATALOGUE, Catalogue


def _uid(province: str, finding: Finding, taken: set[str]) -> str:
    """A UID that stays the same from run to run for the same obligation.

    It hangs on the rule and the subject, not on the window, so that a duty's next window
    replaces the previous one when the file is imported again.
    """
    subject = finding.subject.model_dump(exclude_none=True)
    key = json.dumps([province, finding.rule, subject], sort_keys=True, ensure_ascii=False)
    if key in taken and finding.window is not None:
        key += f"|{finding.window.start.isoformat()}"
    taken.add(key)
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
    return f"{digest}@governance-rules"


def render_ics(
    report: CheckReport,
    lang: str,
    *,
    remind_days: int = 7,
    catalogue: Catalogue | None = None,
) -> str:
    """The ``pending`` obligations of a check, one all-day event each on its due date.

    Each event has the rule title and subject as its summary, the message and the clause
    texts as its description, and a reminder ``remind_days`` before. ``DTSTAMP`` is the
    check date, so that two runs on the same input give the same file.
    """
    import icalendar  # here: only the calendar needs it, and it takes a while to import

    lang = language(lang)
    catalogue = catalogue or CATALOGUE
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//governance-rules//Regulation deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"governance-rules {report.province}")
    stamp = datetime.combine(report.as_of, time(0, 0), tzinfo=UTC)
    taken: set[str] = set()
    for finding in report.findings:
        if finding.status != "pending" or finding.window is None:
            continue
        rule = catalogue.get(finding.rule)
        title = rule.title(lang) if rule else finding.rule
        summary = f"{finding.rule} {title}: {subject_text(finding.subject.__dict__, lang)}"
        clauses = []
        for clause_id in finding.clauses:
            clause = catalogue.clause(clause_id)
            if clause is not None:
                clauses.append(f"[{clause.id}] {clause.quoted(lang)}")
                if lang != "vi":
                    clauses.append(f"[{clause.id}] {clause.en}")
        event = icalendar.Event()
        event.add("uid", _uid(report.province, finding, taken))
        event.add("dtstamp", stamp)
        event.add("dtstart", finding.window.due)
        event.add("dtend", finding.window.due + timedelta(days=1))
        event.add("summary", summary)
        event.add("description", "\n\n".join([finding.message, *clauses]))
        event.add("categories", [finding.rule])
        event.add("transp", "TRANSPARENT")
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary)
        alarm.add("trigger", timedelta(days=-remind_days))
        event.add_component(alarm)
        calendar.add_component(event)
    text: str = calendar.to_ical().decode("utf-8")
    return text


def render_days_off(register: Register, year: int, lang: str) -> str:
    """The province's days off in ``year`` as plain text: each public holiday and each day
    of the register's ``calendar``, with its weekday and whether it is off, to check
    against the government's announcement."""
    lang = language(lang)
    days = DaysOff(register.calendar)
    vi = lang == "vi"
    name = printable(register.province.name)
    lines = [f"Ngày nghỉ năm {year} ({name})" if vi else f"Days off in {year} ({name})"]
    for day, off in days.in_year(year):
        state = ("nghỉ" if vi else "off") if off else ("làm việc" if vi else "working")
        lines.append(f"{fmt_date(day, lang)}  {state:<9} {printable(days.describe(day, lang))}")
    lines.append(
        "Thứ Bảy và Chủ nhật là ngày nghỉ, trừ các ngày làm việc ghi trong calendar.working_days."
        if vi
        else "Saturdays and Sundays are off, except the working days in calendar.working_days."
    )
    return "\n".join(lines) + "\n"

"""Filling a workbook made by ``governance-rules template``, as an office would, for tests."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import yaml

from governance_rules.xlsx import EVENT_COLUMNS, REGISTER_SHEETS


def _cell(field: str, value: Any, text_dates: bool) -> Any:
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    if field in ("at", "start", "end", "effective", "from", "until", "day") and isinstance(
        value, str | date
    ):
        day = date.fromisoformat(str(value)[:10])
        if len(str(value)) > 10:
            return datetime.fromisoformat(str(value)).replace(tzinfo=None)
        return day.strftime("%d/%m/%Y") if text_dates else datetime(day.year, day.month, day.day)
    return value


def fill(template: Path, register: Path, events: Path, out: Path) -> int:
    """Write the register and the events into the template's sheets; dates alternate
    between Excel dates and dd/mm/yyyy text. Returns the number of events written."""
    book = openpyxl.load_workbook(template)
    data = yaml.safe_load(register.read_text(encoding="utf-8"))
    data["province"]["effective"] = data["regulation"]["effective"]
    data["province"] = [data["province"]]
    # What changes on dates goes on the dated sheets, a row each.
    data["dated_districts"] = [
        {"commune": c["id"], **entry}
        for c in data["communes"]
        if isinstance(c.get("district"), list)
        for entry in c.pop("district")
    ]
    data["dated_charges"] = [
        {"member": m["id"], **entry}
        for m in data["standing_members"]
        for entry in m["in_charge_of"]
        if isinstance(entry, dict)
    ]
    for m in data["standing_members"]:
        m["in_charge_of"] = [entry for entry in m["in_charge_of"] if isinstance(entry, str)]
    calendar = data.get("calendar") or {}
    data["calendar"] = [{"day": day, "kind": "nghỉ"} for day in calendar.get("days_off", [])]
    data["calendar"] += [
        {"day": day, "kind": "làm việc"} for day in calendar.get("working_days", [])
    ]
    for title, (name, columns) in REGISTER_SHEETS.items():
        ws = book[title]
        for n, item in enumerate(data.get(name) or []):
            ws.append([_cell(f, item.get(f), n % 2 == 1) for f in columns])
    headers = {title: [c.value for c in book[title][1]] for title in book.sheetnames}
    reverse = {header: field for field, header in EVENT_COLUMNS.items()}
    count = 0
    with events.open(encoding="utf-8") as handle:
        for n, line in enumerate(handle):
            try:
                record = json.loads(line)
            except ValueError:
                continue  # a line that is not JSON has no place in a workbook
            if not isinstance(record, dict) or record.get("type") not in book.sheetnames:
                continue  # nor has an event of no known type
            ws = book[record["type"]]
            fields = [reverse.get(h, h) for h in headers[record["type"]]]
            ws.append([_cell(f, record.get(f), n % 2 == 1) for f in fields])
            count += 1
    book.save(out)
    return count

"""The columns of events as offices write them, shared by the CSV and workbook readers:
the Vietnamese headers of the fields, and a cell's text as the formats have it (ISO dates
from ``dd/mm/yyyy``, whole numbers, ``;``-separated lists)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import date, datetime, time
from typing import Any

from ..i18n import VALUE_LABELS
from ..model import EVENT_TYPES, literal_values

ASCII_SPACE = " \t\n\r\x0b\x0c"
_INTEGER = re.compile(r"(-?[0-9]+)(?:\.0+)?")


def integer(text: str) -> int | None:
    """The whole number ``text`` writes in ASCII digits (``2026``, ``-5``, or ``2026.0`` as
    a dataframe writes a column of whole numbers with a gap in it), else ``None``: ``²``,
    ``--5``, ``2026.5`` or ``1e3`` are no year, and are left for the model to refuse."""
    found = _INTEGER.fullmatch(text.strip(ASCII_SPACE))
    return int(found[1]) if found else None


EVENT_COLUMNS: dict[str, str] = {
    "id": "Mã sự kiện",
    "at": "Ngày",
    "officer": "Mã cán bộ",
    "commune": "Xã",
    "term": "Nhiệm kỳ",
    "reason": "Lý do kết thúc",
    "body": "Cơ quan họp",
    "session": "Phiên họp",
    "topics": "Nội dung họp",
    "invited": "Cán bộ được mời",
    "attended": "Cán bộ dự họp",
    "recipient": "Nơi nhận",
    "via": "Hình thức gửi",
    "period": "Kỳ báo cáo",
    "sections": "Nội dung báo cáo",
    "to": "Ủy viên BTV nhận phản ánh",
    "kind": "Loại",
    "standing_member": "Ủy viên BTV",
    "issue": "Mã phản ánh",
    "year": "Năm",
    "rating": "Xếp loại",
    "confirmed_by": "Ủy viên BTV xác nhận",
    "decision": "Quyết định",
    "summary": "Nội dung vi phạm",
    "violation": "Mã vi phạm",
    "measure": "Hình thức xử lý",
    "type": "Loại sự kiện",
}
"""Event fields and their Vietnamese column headers."""

_LISTS = {"topics", "invited", "attended", "sections", "in_charge_of"}
_DATES = {"at", "start", "end", "effective", "from", "until", "day"}
_INTS = {"year"}
DMY = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$")


def dmy(text: str, times: bool = False) -> str:
    """A ``dd/mm/yyyy`` date as ISO 8601, and with ``times`` a ``dd/mm/yyyy hh:mm[:ss]``
    date-time too (24-hour, as Excel shows a date-time cell in a CSV it saves; local, as
    an ISO date-time without an offset is); any other text, a day or time that is not in
    the calendar included, as it was typed, for the error to quote."""
    match = DMY.match(text)
    if match is None or (match[4] is not None and not times):
        return text
    day, month, year = int(match[1]), int(match[2]), int(match[3])
    try:
        if match[4] is None:
            return date(year, month, day).isoformat()
        clock = (int(match[4]), int(match[5]), int(match[6] or 0))
        return datetime(year, month, day, *clock).isoformat()
    except ValueError:
        return text


def key(text: Any) -> str:
    return unicodedata.normalize("NFC", str(text or "")).strip().casefold()


def fields_of(columns: Mapping[str, str]) -> dict[str, str]:
    """Header (Vietnamese or field name, normalised) -> field."""
    found = {key(field): field for field in columns}
    found.update({key(header): field for field, header in columns.items()})
    return found


EVENT_FIELDS = fields_of(EVENT_COLUMNS)
EVENT_FIELDS[key("Mã xã")] = "commune"


def cell_value(name: str, value: Any) -> Any:
    """A cell's value as the formats have it: ISO dates, ints, lists, text. An empty cell
    is null, except in a list column, where it is the empty list."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return [] if name in _LISTS else None
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if name in _INTS:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        text = str(value).strip()
        number = integer(text)
        return number if number is not None else text
    text = unicodedata.normalize("NFC", str(value)).strip()
    if name in _DATES:
        text = dmy(text, times=name == "at")
    if name in _LISTS:
        return [choice(name, part.strip()) for part in text.split(";") if part.strip()]
    return choice(name, text)


_LABELS: dict[str, str] = {
    **{code: vi for code, (vi, _) in VALUE_LABELS.items()},
    "excellent": "hoàn thành xuất sắc nhiệm vụ",
    "good": "hoàn thành tốt nhiệm vụ",
    "completed": "hoàn thành nhiệm vụ",
    "not_completed": "không hoàn thành nhiệm vụ",
    "executive": "ban chấp hành",
    "standing": "ban thường vụ",
    "cell": "chi bộ",
    "regular": "thường kỳ",
    "extraordinary": "bất thường",
    "standing_committee": "Ban Thường vụ Tỉnh ủy",
    "standing_member": "ủy viên Ban Thường vụ Tỉnh ủy phụ trách",
    "agency_head": "thủ trưởng cơ quan",
    "replace": "thay thế",
    "retain": "giữ nguyên phân công",
    "difficulties": "khó khăn, vướng mắc",
    "proposals": "đề xuất, kiến nghị",
    "xa": "xã",
    "phuong": "phường",
    "thi_tran": "thị trấn",
}
"""The Vietnamese label of each choice an event field takes, as a clerk picks it."""
_ALSO = {"other": ("khác",)}
"""Other labels a clerk may write for a choice."""


def _choices() -> dict[str, dict[str, str]]:
    """For each event field with a fixed set of values: its labels (normalised) to codes."""
    found: dict[str, dict[str, str]] = {}
    for model in EVENT_TYPES.values():
        for name, info in model.model_fields.items():
            allowed = literal_values(info.annotation)
            if not allowed or name == "type":
                continue
            for code in map(str, allowed):
                labels = ((_LABELS[code],) if code in _LABELS else ()) + _ALSO.get(code, ())
                for label in labels:
                    found.setdefault(name, {})[key(label)] = code
    for code in ("xa", "phuong", "thi_tran"):  # a commune's kind, on the register's Xã sheet
        found.setdefault("kind", {})[key(_LABELS[code])] = code
    return found


CHOICES = _choices()


def choice_label(code: str) -> str:
    """The Vietnamese label of a choice, or the code itself when it has none."""
    return _LABELS.get(code, code)


def choice(name: str, text: str) -> str:
    """The code a choice cell means: its Vietnamese label (any case) gives the code the
    field allows; anything else is left as written, for the model to judge."""
    labels = CHOICES.get(name)
    return labels.get(key(text), text) if labels else text

"""Input: register and policy loaders, event readers, and the intake that accounts for
every record."""

from __future__ import annotations

from ._intake import Intake, Outcome, read_events
from ._loaders import load_policy, load_register, parse_policy, parse_register
from ._readers import EventReader, Record, read_any, read_csv, read_json_array, read_jsonl
from ._xlsx import (
    EVENT_COLUMNS,
    INSTRUCTIONS,
    REGISTER_SHEETS,
    load_register_xlsx,
    openpyxl_module,
    read_events_xlsx,
    template_workbook,
    workbook_bytes,
)

__all__ = [
    "EVENT_COLUMNS",
    "INSTRUCTIONS",
    "REGISTER_SHEETS",
    "EventReader",
    "Intake",
    "Outcome",
    "Record",
    "load_policy",
    "load_register",
    "load_register_xlsx",
    "openpyxl_module",
    "parse_policy",
    "parse_register",
    "read_any",
    "read_csv",
    "read_events",
    "read_events_xlsx",
    "read_json_array",
    "read_jsonl",
    "template_workbook",
    "workbook_bytes",
]

"""Input: register and policy loaders, the built-in event readers, and the intake that
accounts for every record. Nothing here knows the plugins: the installed readers are
chosen above (:mod:`governance_rules.plugins`)."""

from __future__ import annotations

from ._columns import EVENT_COLUMNS
from ._intake import (
    Claims,
    FileReader,
    Intake,
    Outcome,
    digest_of,
    read_file,
    validation_reason,
)
from ._loaders import load_policy, load_register, parse_policy, parse_register
from ._readers import Note, Record, read_csv, read_json, read_json_array, read_jsonl
from ._xlsx import (
    INSTRUCTIONS,
    REGISTER_SHEETS,
    load_register_xlsx,
    read_events_xlsx,
    template_workbook,
)

__all__ = [
    "EVENT_COLUMNS",
    "INSTRUCTIONS",
    "REGISTER_SHEETS",
    "Claims",
    "FileReader",
    "Intake",
    "Note",
    "Outcome",
    "Record",
    "digest_of",
    "load_policy",
    "load_register",
    "load_register_xlsx",
    "parse_policy",
    "parse_register",
    "read_csv",
    "read_events_xlsx",
    "read_file",
    "read_json",
    "read_json_array",
    "read_jsonl",
    "template_workbook",
    "validation_reason",
]

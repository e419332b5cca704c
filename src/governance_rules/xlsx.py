"""Spreadsheets: the register and events read from ``.xlsx`` workbooks, an empty workbook
to fill in, and the findings as a workbook an office can filter.

A workbook has one sheet per register list (``Tỉnh``, ``Nhiệm kỳ``, ``Huyện``, ``Xã``,
``Ủy viên BTV``, ``Cơ quan``, ``Cán bộ``) and one sheet per event type, named by the type
(``visit.conducted``). Column headers are Vietnamese (``Mã cán bộ``, ``Xã``, ``Ngày``) or
the field names of the formats (``officer``, ``commune``, ``at``); dates are Excel dates or
``dd/mm/yyyy`` text; list cells are ``;``-separated. Rows are located ``book.xlsx:Sheet!12``.

Reading needs the ``xlsx`` extra (openpyxl): ``pip install 'governance-rules[xlsx]'``;
writing the findings does not. The readers
live with the other readers (:mod:`governance_rules.io`), the findings workbook with the
other reports (:mod:`governance_rules.report`); this module gathers them.
"""

from __future__ import annotations

from .io import (
    EVENT_COLUMNS,
    INSTRUCTIONS,
    REGISTER_SHEETS,
    load_register_xlsx,
    read_events_xlsx,
    template_workbook,
)
from .report import render_findings_xlsx

__all__ = [
    "EVENT_COLUMNS",
    "INSTRUCTIONS",
    "REGISTER_SHEETS",
    "load_register_xlsx",
    "read_events_xlsx",
    "render_findings_xlsx",
    "template_workbook",
]

"""An example plugin for governance-rules.

- ``READER`` reads event files named ``*.vi.csv``: one event a row, with Vietnamese column
  headers ("Mã sự kiện", "Loại", "Ngày", "Mã cán bộ", "Xã", ...); list cells are
  ``;``-separated.
- ``RENDERER`` writes the findings as CSV (``check --format csv``), one row a finding, for a
  spreadsheet: UTF-8 with a byte-order mark, which Excel needs to read it as UTF-8.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from governance_rules import CheckReport
from governance_rules.plugins import Reader, RenderContext, Renderer

HEADERS = {
    "Mã sự kiện": "id",
    "Loại": "type",
    "Ngày": "at",
    "Mã cán bộ": "officer",
    "Xã": "commune",
    "Nhiệm kỳ": "term",
    "Cơ quan nhận": "recipient",
    "Hình thức gửi": "via",
    "Kỳ báo cáo": "period",
    "Nội dung": "sections",
    "Cơ quan họp": "body",
    "Loại phiên họp": "session",
    "Chủ đề": "topics",
    "Được mời": "invited",
    "Có mặt": "attended",
}
LISTS = {"sections", "topics", "invited", "attended"}


def read(path: Path) -> Iterator[tuple[int | str, dict[str, Any] | str]]:
    """Rows of a CSV file with Vietnamese headers, as event records located by line."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = csv.reader(handle)
        header = next(rows, None)
        if header is None:
            return
        unknown = [name for name in header if name not in HEADERS]
        fields = [HEADERS.get(name, name) for name in header]
        for number, row in enumerate(rows, start=2):
            if not any(cell.strip() for cell in row):
                continue
            if unknown:
                yield number, f"unknown column '{unknown[0]}'"
                continue
            if len(row) != len(fields):
                yield number, f"expected {len(fields)} cells, got {len(row)}"
                continue
            record: dict[str, Any] = {}
            for name, cell in zip(fields, row, strict=True):
                cell = cell.strip()
                if name in LISTS:
                    record[name] = [part.strip() for part in cell.split(";") if part.strip()]
                elif cell:
                    record[name] = cell
            yield number, record


def _inert(value: str) -> str:
    """A cell a spreadsheet shows as text: one that starts like a formula gets a quote, as
    Excel itself writes it (a value from the input never becomes a formula)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def render(report: CheckReport, context: RenderContext) -> str:
    """One row a finding: rule, status, subject keys, window, evidence, message. The text
    starts with a byte-order mark: without one, Excel reads a CSV in the system's code page
    (cp1258 on a Vietnamese Windows) and garbles every Vietnamese letter."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\n")
    keys = ("officer", "commune", "district", "year", "period", "term", "kind", "event")
    writer.writerow(["rule", "status", *keys, "start", "due", "evidence", "message"])
    for f in report.findings:
        subject = [getattr(f.subject, key) or "" for key in keys]
        window = [f.window.start.isoformat(), f.window.due.isoformat()] if f.window else ["", ""]
        row = [f.rule, f.status, *subject, *window, ";".join(f.evidence), f.message]
        writer.writerow([_inert(str(cell)) for cell in row])
    return out.getvalue()


READER = Reader("csv-vi", (".vi.csv",), read)
RENDERER = Renderer("csv", "text/csv", render)

"""The JSON report (SPEC section 7)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..model import CheckReport


def report_data(report: CheckReport) -> dict[str, Any]:
    """The report as JSON-ready data; keys that do not apply are left out."""
    data: dict[str, Any] = report.model_dump(mode="json", exclude_none=True)
    return data


def render_json(report: CheckReport) -> str:
    """The report as one JSON object (UTF-8 text, Vietnamese kept as is), one finding a line."""
    return "".join(iter_json(report))


def iter_json(report: CheckReport) -> Iterator[str]:
    """The text of :func:`render_json`, in pieces (a finding a piece), to write as it is
    made rather than held whole."""
    head = report.model_dump(mode="json", exclude_none=True, exclude={"findings"})
    yield "{\n"
    for key, value in head.items():
        if key != "summary":
            yield f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},\n"
    if report.findings:
        yield '  "findings": [\n'
        last = len(report.findings) - 1
        for n, finding in enumerate(report.findings):
            text = finding.model_dump_json(exclude_none=True)
            yield f"    {text}\n" if n == last else f"    {text},\n"
        yield "  ],\n"
    else:
        yield '  "findings": [],\n'
    yield f'  "summary": {json.dumps(head["summary"])}\n}}\n'

"""The JSON report (SPEC section 7)."""

from __future__ import annotations

import json
from typing import Any

from ..model import CheckReport


def report_data(report: CheckReport) -> dict[str, Any]:
    """The report as JSON-ready data; keys that do not apply are left out."""
    data: dict[str, Any] = report.model_dump(mode="json", exclude_none=True)
    return data


def render_json(report: CheckReport) -> str:
    """The report as one JSON object (UTF-8 text, Vietnamese kept as is), one finding a line."""
    head = report.model_dump(mode="json", exclude_none=True, exclude={"findings"})
    findings = ",\n    ".join(f.model_dump_json(exclude_none=True) for f in report.findings)
    parts = [
        f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}"
        for key, value in head.items()
        if key != "summary"
    ]
    parts.append(f'  "findings": [\n    {findings}\n  ]' if findings else '  "findings": []')
    parts.append(f'  "summary": {json.dumps(head["summary"])}')
    return "{\n" + ",\n".join(parts) + "\n}\n"

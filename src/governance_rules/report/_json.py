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
    """The report as one JSON object (UTF-8 text, Vietnamese kept as is)."""
    return json.dumps(report_data(report), ensure_ascii=False, indent=2) + "\n"

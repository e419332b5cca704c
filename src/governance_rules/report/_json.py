"""The JSON report (SPEC section 7)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping

from ..model import CheckReport, Status, finding_json


def render_json(report: CheckReport) -> str:
    """The report as one JSON object (UTF-8 text, Vietnamese kept as is), one finding a line."""
    return "".join(iter_json(report))


def iter_json(report: CheckReport) -> Iterator[str]:
    """The text of :func:`render_json`, in pieces (a finding a piece), to write as it is
    made rather than held whole."""
    lines = (finding_json(f) for f in report.findings)
    return json_pieces(report, lines, lambda: report.summary)


def json_pieces(
    head: CheckReport,
    findings: Iterable[str],
    summary: Callable[[], Mapping[Status, int]],
) -> Iterator[str]:
    """The JSON report of ``head`` (its findings and summary left aside) with ``findings``
    (each as :func:`finding_json` writes it) written as they come, and ``summary()`` asked
    for once they are all written."""
    data = head.model_dump(
        mode="json", by_alias=True, exclude_none=True, exclude={"findings", "summary"}
    )
    yield "{\n"
    for key, value in data.items():
        yield f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},\n"
    previous: str | None = None
    for line in findings:
        if previous is None:
            yield '  "findings": [\n'
        else:
            yield f"    {previous},\n"
        previous = line
    yield '  "findings": [],\n' if previous is None else f"    {previous}\n  ],\n"
    yield f'  "summary": {json.dumps(dict(summary()))}\n}}\n'

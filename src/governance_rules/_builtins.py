"""The built-in readers and renderers, registered as plugins like any other (see
``pyproject.toml``, ``[project.entry-points]``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping

from .io import read_csv, read_events_xlsx, read_json
from .model import CheckReport, Status, finding_json
from .plugins import Reader, RenderContext, Renderer
from .report import (
    TimelineChoice,
    iter_json,
    json_pieces,
    render_findings_xlsx,
    render_html,
    render_markdown,
    render_table,
    render_xlsx_stream,
    xlsx_row,
)

JSON = Reader("json", (".jsonl", ".json", ".ndjson"), read_json)
CSV = Reader("csv", (".csv",), read_csv)
XLSX = Reader("xlsx", (".xlsx",), read_events_xlsx)


def _table(report: CheckReport, context: RenderContext) -> str:
    return render_table(
        report, context.lang, everything=context.everything, register=context.register
    )


def _json(report: CheckReport, context: RenderContext) -> Iterator[str]:
    return iter_json(report)


def _timelines(context: RenderContext) -> TimelineChoice:
    return TimelineChoice(context.timelines, context.officer, context.commune)


def _markdown(report: CheckReport, context: RenderContext) -> str:
    return render_markdown(
        report,
        context.register,
        context.events,
        context.lang,
        context.catalogue,
        timelines=_timelines(context),
    )


def _html(report: CheckReport, context: RenderContext) -> str:
    return render_html(
        report,
        context.register,
        context.events,
        context.lang,
        context.catalogue,
        timelines=_timelines(context),
    )


TABLE = Renderer("table", "text/plain", _table)


def _json_stream(
    head: CheckReport,
    findings: Iterable[str],
    summary: Callable[[], Mapping[Status, int]],
    context: RenderContext,
) -> Iterator[str]:
    return json_pieces(head, findings, summary)


JSON_REPORT = Renderer(
    "json", "application/json", _json, compact=finding_json, render_stream=_json_stream
)
MARKDOWN = Renderer("markdown", "text/markdown", _markdown)
HTML = Renderer("html", "text/html", _html)


def _xlsx(report: CheckReport, context: RenderContext) -> bytes:
    return render_findings_xlsx(report, context.lang, context.register, context.events)


def _xlsx_stream(
    head: CheckReport,
    findings: Iterable[str],
    summary: Callable[[], Mapping[Status, int]],
    context: RenderContext,
) -> Iterator[bytes]:
    return render_xlsx_stream(
        head, findings, summary, context.lang, context.register, context.events
    )


XLSX_REPORT = Renderer(
    "xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    _xlsx,
    compact=xlsx_row,
    render_stream=_xlsx_stream,
)

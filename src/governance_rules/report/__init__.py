"""Renderers: the check report as JSON, a terminal table, Markdown or HTML; the rule
catalogue; upcoming deadlines as iCalendar."""

from __future__ import annotations

from ..model import finding_json
from ._documents import render_html, render_markdown
from ._ics import render_days_off, render_ics
from ._json import iter_json, json_pieces, render_json
from ._scores import (
    FAMILIES,
    CommuneCard,
    Mark,
    Scorecard,
    Tally,
    by_family,
    commune_cards,
    family_of,
    marks,
    scorecards,
)
from ._strings import STRINGS
from ._table import render_rules_markdown, render_rules_table, render_table, rule_lines
from ._view import TimelineChoice, View, build_view
from ._xlsx import render_findings_xlsx, render_xlsx_stream, xlsx_row

__all__ = [
    "FAMILIES",
    "STRINGS",
    "CommuneCard",
    "Mark",
    "Scorecard",
    "Tally",
    "TimelineChoice",
    "View",
    "build_view",
    "by_family",
    "commune_cards",
    "family_of",
    "finding_json",
    "iter_json",
    "json_pieces",
    "marks",
    "render_days_off",
    "render_findings_xlsx",
    "render_html",
    "render_ics",
    "render_json",
    "render_markdown",
    "render_rules_markdown",
    "render_rules_table",
    "render_table",
    "render_xlsx_stream",
    "rule_lines",
    "scorecards",
    "xlsx_row",
]

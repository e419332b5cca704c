"""Renderers: the check report as JSON or a terminal table, and the rule catalogue."""

from __future__ import annotations

from ._json import render_json, report_data
from ._table import render_rules_markdown, render_rules_table, render_table, rule_lines

__all__ = [
    "render_json",
    "render_rules_markdown",
    "render_rules_table",
    "render_table",
    "report_data",
    "rule_lines",
]

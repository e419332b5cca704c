"""The HTML and Markdown reports, rendered with Jinja2 from one view of the check."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

import jinja2
import markupsafe

from .._text import printable
from ..model import CheckReport, EventLike, Register
from ..rules import Catalogue
from ._view import TimelineChoice, anchor, build_view

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#])")


def _md(value: object) -> str:
    """Text from the input, made inert in Markdown (and in the HTML Markdown may embed)."""
    return _MD_SPECIAL.sub(r"\\\1", printable(" ".join(str(value).split())))


def _code(value: object) -> str:
    """A code span that no text can close: on one line, its fence longer than any run of
    backticks inside, padded where the text starts or ends with one."""
    text = printable(" ".join(str(value).split()))
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _code_cell(value: object) -> str:
    """:func:`_code` inside a table row, where a bare ``|`` would end the cell."""
    return _code(value).replace("|", "\\|")


def _css_string(value: object) -> markupsafe.Markup:
    """A quoted CSS string that no text can end or break out of: every character but
    letters, digits and spaces written as its code point (``\\1ec7 ``)."""
    text = printable(" ".join(str(value).split()))
    body = "".join(
        ch if ch.isascii() and (ch.isalnum() or ch == " ") else f"\\{ord(ch):x} " for ch in text
    )
    return markupsafe.Markup(f'"{body}"')


@cache
def _environment(autoescape: bool) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("governance_rules.report", "templates"),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["md"] = _md
    env.filters["code"] = _code
    env.filters["code_cell"] = _code_cell
    env.filters["css_string"] = _css_string
    env.filters["anchor"] = anchor
    return env


def render_html(
    report: CheckReport,
    register: Register,
    events: Sequence[EventLike],
    lang: str,
    catalogue: Catalogue | None = None,
    *,
    timelines: TimelineChoice | None = None,
) -> str:
    """One self-contained HTML page, printable on A4: no script, no network; CSS and SVG
    inline.

    Args:
        report: The check's results.
        register: The register the check used (for names and districts).
        events: The accepted events the check evaluated (for the timelines).
        lang: ``"vi"`` or ``"en"``.
        catalogue: The rules the check used; the Regulation's catalogue when ``None``.
        timelines: Which timelines to draw (none when ``None``).
    """
    view = build_view(report, register, events, lang, catalogue, timelines)
    return _environment(True).get_template("report.html.j2").render(v=view)


def render_markdown(
    report: CheckReport,
    register: Register,
    events: Sequence[EventLike],
    lang: str,
    catalogue: Catalogue | None = None,
    *,
    timelines: TimelineChoice | None = None,
) -> str:
    """The same sections as the HTML report, as Markdown tables and lists."""
    view = build_view(report, register, events, lang, catalogue, timelines)
    return _environment(False).get_template("report.md.j2").render(v=view)

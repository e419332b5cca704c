"""HTML, Markdown and iCalendar reports: golden files, content, escaping, both languages.

Refresh the golden files after a deliberate change with:

    GOVERNANCE_RULES_REFRESH_GOLDEN=1 python -m pytest tests/test_reports.py
"""

from __future__ import annotations

import html
import json
import os
import re
from contextlib import chdir
from datetime import date, timedelta
from functools import cache
from itertools import pairwise

import icalendar
import pytest
from markupsafe import escape

from governance_rules import CheckReport, Intake, check, load_register, parse_register, read_events
from governance_rules.i18n import status_label
from governance_rules.model import Register
from governance_rules.report import STRINGS, render_html, render_ics, render_markdown
from governance_rules.report._documents import _md
from governance_rules.rules import CATALOGUE
from tests.paths import EXAMPLE, ROOT

AS_OF = date(2026, 11, 30)
GOLDEN = ROOT / "tests" / "golden"
REFRESH = os.environ.get("GOVERNANCE_RULES_REFRESH_GOLDEN") == "1"


@cache
def example(lang: str) -> tuple[Register, Intake, CheckReport]:
    register = load_register(EXAMPLE / "register.yaml")
    with chdir(ROOT):  # locations as an auditor at the checkout's root sees them
        intake = read_events(["examples/tinh-mau/events.jsonl"], register, as_of=AS_OF)
    return register, intake, check(register, intake, as_of=AS_OF, lang=lang)


def rendered(fmt: str, lang: str) -> str:
    register, intake, report = example(lang)
    render = render_html if fmt == "html" else render_markdown
    return render(report, register, intake.accepted, lang)


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("fmt", ["html", "md"])
def test_golden(fmt: str, lang: str) -> None:
    path = GOLDEN / f"tinh-mau.{lang}.{fmt}"
    text = rendered(fmt, lang)
    if REFRESH:
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text, (
        f"{path.name} differs; if the change is deliberate, refresh with "
        "GOVERNANCE_RULES_REFRESH_GOLDEN=1 python -m pytest tests/test_reports.py"
    )


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_finding_that_needs_attention_is_in_the_reports(lang: str) -> None:
    _, _, report = example(lang)
    page, markdown = rendered("html", lang), rendered("md", lang)
    encouraged = {r.id for r in CATALOGUE if r.template.template == "recommendation"}
    shown = [
        f
        for f in report.findings
        if f.status in ("violated", "late", "pending") and f.rule not in encouraged
    ]
    assert shown
    for finding in shown:
        # The page names each by its rule and events (its message is in the JSON report).
        assert f'title="{finding.rule}"' in page
        assert all(f"<code>{escape(e)}</code>" in page for e in finding.evidence)
        assert _md(finding.message) in markdown
    for rejection in report.rejected:
        assert str(escape(rejection.location)) in page
        assert f"`{rejection.location}`" in markdown
    # One line each, in the attention section; the recommendations are counted apart.
    attention = page.split('<section id="attention">')[1].split("</section>")[0]
    assert attention.count("<li class=") == len(shown)
    others = [f for f in report.findings if f.rule in encouraged]
    recommendations = page.split('<section id="recommendations">')[1].split("</section>")[0]
    assert others and all(f.rule in recommendations for f in others)


def test_html_is_self_contained() -> None:
    page = rendered("html", "en")
    assert "<script" not in page.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "@media print" in page and "size: A4" in page
    assert "@top-left" in page and "counter(pages)" in page  # the running header, page numbers
    assert "<details" not in page  # nothing that only opens on screen
    assert "<svg" not in page  # timelines only when asked for


def test_both_languages_have_the_same_strings() -> None:
    assert set(STRINGS["vi"]) == set(STRINGS["en"])
    for lang, other in (("vi", "en"), ("en", "vi")):
        # Rejection reasons are technical text naming fields and values, kept as the reader
        # wrote them (as in the JSON report); everything else follows the language.
        page = rendered("html", lang).split('<section id="rejected">')[0]
        page = re.sub(r"<code>.*?</code>", " ", page)
        page = re.sub(r"<style>.*?</style>", " ", page, flags=re.DOTALL)
        # The Regulation's clauses are quoted in Vietnamese in both reports, as issued.
        page = re.sub(r"<blockquote>.*?</blockquote>", " ", page, flags=re.DOTALL)
        visible = html.unescape(re.sub(r"<[^>]+>", " ", page))
        register, _, _ = example(lang)
        for group in (register.districts, register.communes, register.officers, register.agencies):
            for item in group:
                visible = visible.replace(item.name, " ")
        visible = visible.replace(register.province.name, " ")
        for key, text in STRINGS[other].items():
            if text != STRINGS[lang][key] and "{" not in text:
                assert not re.search(rf"(?<!\w){re.escape(text)}(?!\w)", visible), (lang, key)


def test_vietnamese_dates_and_text() -> None:
    page = rendered("html", "vi")
    assert "30/11/2026" in page and "2026-11-30" not in page.split("<body>")[1].split("<code>")[0]
    assert "Phường Xuân Phú" in page and "Thị trấn Châu Ổ" in page
    assert "Q4/2026" in page
    assert "2026-Q4" in rendered("html", "en")


def _hostile_register() -> dict[str, object]:
    raw: dict[str, object] = json.loads(load_register(EXAMPLE / "register.yaml").model_dump_json())
    raw["officers"][0]["name"] = "<script>alert(1)</script>"  # type: ignore[index]
    raw["communes"][0]["name"] = "Xã <b>Độc</b> | *hại*"  # type: ignore[index]
    raw["province"]["name"] = "Tỉnh <img src=x onerror=alert(2)>"  # type: ignore[index]
    return raw


def test_input_text_is_escaped() -> None:
    register = parse_register(_hostile_register())
    intake = read_events([EXAMPLE / "events.jsonl"], register, as_of=AS_OF)
    report = check(register, intake, as_of=AS_OF, lang="en")
    page = render_html(report, register, intake.accepted, "en")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>Độc</b>" not in page and "&lt;b&gt;Độc&lt;/b&gt;" in page
    assert "<img" not in page
    markdown = render_markdown(report, register, intake.accepted, "en")
    assert "\\<script\\>alert(1)\\</script\\>" in markdown
    assert "Xã \\<b\\>Độc\\</b\\> \\| \\*hại\\*" in markdown


def _calendar(lang: str, remind_days: int = 7) -> str:
    _, _, report = example(lang)
    return render_ics(report, lang, remind_days=remind_days)


def test_calendar_imports_and_is_stable() -> None:
    text = _calendar("en")
    assert text == _calendar("en")
    parsed = icalendar.Calendar.from_ical(text)
    events = list(parsed.walk("VEVENT"))
    _, _, report = example("en")
    pending = [f for f in report.findings if f.status == "pending"]
    assert len(events) == len(pending) > 0
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    for event, finding in zip(events, pending, strict=True):
        assert finding.window is not None
        assert event.decoded("DTSTART") == finding.window.due
        assert event.decoded("DTEND") == finding.window.due + timedelta(days=1)
        assert finding.rule in str(event["SUMMARY"])
        assert finding.message in str(event["DESCRIPTION"])
        (alarm,) = event.walk("VALARM")
        assert alarm.decoded("TRIGGER") == timedelta(days=-7)
    assert "[R16] Định kỳ hằng năm" in text.replace("\r\n ", "")


def test_calendar_uids_survive_new_events_and_reminders_are_configurable() -> None:
    register, intake, _ = example("vi")
    first = check(register, intake, as_of=AS_OF, lang="vi")
    later = check(register, intake, as_of=AS_OF + timedelta(days=3), lang="vi")

    def uids(report: CheckReport) -> dict[str, str]:
        parsed = icalendar.Calendar.from_ical(render_ics(report, "vi"))
        return {str(e["SUMMARY"]): str(e["UID"]) for e in parsed.walk("VEVENT")}

    before, after = uids(first), uids(later)
    common = set(before) & set(after)
    assert common and all(before[s] == after[s] for s in common)
    parsed = icalendar.Calendar.from_ical(_calendar("vi", remind_days=3))
    assert all(a.decoded("TRIGGER") == timedelta(days=-3) for a in parsed.walk("VALARM"))


def test_the_table_leads_with_what_needs_attention_by_officer_with_names() -> None:
    from governance_rules.report import render_table

    register = load_register(EXAMPLE / "register.yaml")
    intake = read_events([EXAMPLE / "events.jsonl"], register, AS_OF)
    report = check(register, intake, as_of=AS_OF)
    for lang in ("vi", "en"):
        text = render_table(report, lang, register=register)
        lines = text.splitlines()
        assert lines[0].startswith("Tỉnh Mẫu (tinh-mau) · ")
        # The rejected input comes before the findings, the policy last.
        order = [i for i, line in enumerate(lines) if line and not line.startswith(" ")]
        heads = [lines[i].split(":")[0] for i in order]
        rejected = "Bản ghi bị loại" if lang == "vi" else "Rejected input"
        policy = (
            "Tham số (* khác mặc định)" if lang == "vi" else "Policy (* differs from the default)"
        )
        assert heads.index(rejected) < heads.index(heads[-1]) and heads[-1] == policy
        assert "Đỗ Văn Hùng (o-06)" in lines and "Xã Bình Hải (c-binh-hai)" in text
        # A wrapped line is indented under its column, and a status label stays whole.
        for before, line in pairwise(lines):
            if before.startswith("  ["):
                assert line.startswith("      "), line
        labels = [
            f"[{status_label(s, lang)}]" for s in ("violated", "late", "pending", "not_observed")
        ] + [f"[{status_label('violated', lang, check=True)}]"]
        found = [line for line in lines if line.startswith("  [")]
        assert found and all(
            any(line.startswith(f"  {label}") for label in labels) for line in found
        )
        assert all(len(line) <= 80 for line in lines if " " in line.strip())
    quiet = render_table(report, "en", register=register)
    assert "[fulfilled]" not in quiet
    assert "[fulfilled]" in render_table(report, "en", register=register, everything=True)


def test_the_table_leaves_a_name_as_the_register_writes_it() -> None:
    from governance_rules.report import render_table

    raw: dict[str, object] = json.loads(
        load_register(EXAMPLE / "register.yaml").model_dump_json(by_alias=True)
    )
    raw["communes"][7]["name"] = "Xã Bình\u00a0Hải"  # type: ignore[index]
    register = parse_register(raw)
    intake = read_events([EXAMPLE / "events.jsonl"], register, AS_OF)
    text = render_table(check(register, intake, as_of=AS_OF), "en", register=register)
    assert "Xã Bình\u00a0Hải (c-binh-hai)" in text


def test_the_running_header_is_a_css_string_no_name_can_end() -> None:
    raw = _hostile_register()
    raw["province"]["name"] = 'Tỉnh "x"; } body { visibility: hidden } </style>\\'  # type: ignore[index]
    register = parse_register(raw)
    intake = read_events([EXAMPLE / "events.jsonl"], register, as_of=AS_OF)
    report = check(register, intake, as_of=AS_OF, lang="vi")
    page = render_html(report, register, intake.accepted, "vi")
    style = page.split("<style>")[1].split("</style>")[0]
    header = re.search(r"@top-left \{ content: (.*?); font-size", style)
    assert header is not None
    quoted = header.group(1)
    assert quoted.startswith('"') and quoted.endswith('"') and '"' not in quoted[1:-1]
    assert "visibility: hidden" not in style and "</style>" not in page.split("</style>")[0]
    assert r"T\1ec9 nh \22 x\22 \3b  \7d  body" in quoted  # every sign as its code point


def test_timelines_are_drawn_on_request_on_one_scale() -> None:
    from governance_rules.report import TimelineChoice

    register, intake, report = example("en")
    none = render_html(report, register, intake.accepted, "en")
    assert 'id="timelines"' not in none
    one = render_html(
        report, register, intake.accepted, "en", timelines=TimelineChoice(officer="o-01")
    )
    section = one.split('<section id="timelines">')[1].split("</section>")[0]
    rows = re.findall(r'<div class="timeline">\n<h3>(.*?)</h3>', section)
    assert rows and all(row.startswith("Nguyễn Văn An (o-01) →") for row in rows)
    # Every row carries the same date ticks: one scale for all.
    ticks = [
        re.findall(r'text-anchor="middle">([^<]+)</text>', svg) for svg in section.split("<svg")[2:]
    ]
    assert len(ticks) == len(rows) and ticks[0] and all(t == ticks[0] for t in ticks)
    every = render_html(report, register, intake.accepted, "en", timelines=TimelineChoice(True))
    assert every.count('<div class="timeline">') > len(rows)

"""The HTML report as a person sees it: opened and printed in a real headless Chromium.

The browser is Debian's ``chromium`` (``.ci/run`` installs it). Without it the tests are
skipped, unless ``GOVERNANCE_RULES_BROWSER=required`` (as in CI), where they fail.

Two provinces: the example one, and one simulated at about a third of a real province's
size (100 communes, three years, once with the July 2025 merger), whose year must print to
at most a third of the 60 A4 pages the reports' budget allows for 300 communes.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from governance_rules import check, load_register, read_events
from governance_rules.model import Period
from governance_rules.report import render_html
from governance_rules.simulate import Simulation, simulate
from tests.paths import EXAMPLE

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
REQUIRED = os.environ.get("GOVERNANCE_RULES_BROWSER") == "required"
AS_OF = date(2026, 11, 30)
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
SECTIONS = [
    "summary",
    "officers",
    "communes",
    "matrix",
    "attention",
    "recommendations",
    "policy",
    "rejected",
    "clauses",
]
# A4's width less the report's 10 mm side margins (@page), in CSS pixels: 190 mm.
PRINTED_WIDTH = 718
# Every element whose content is wider than its box, as "tag.class: text".
OVERFLOWING = """() => [...document.querySelectorAll('body *')]
  .filter(e => !e.closest('svg') && e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1)
  .map(e => e.tagName + '.' + e.className + ': ' + e.textContent.trim().slice(0, 60))"""


def _browser_or_skip() -> None:
    missing = None
    if not Path(CHROMIUM).exists():
        missing = f"no Chromium at {CHROMIUM}"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            missing = "playwright is not installed"
    if missing:
        if REQUIRED:
            pytest.fail(missing)
        pytest.skip(missing)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    _browser_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            yield launched
        finally:
            launched.close()


def _open(browser: Any, page_file: Path, width: int = 1200) -> tuple[Any, list[str], list[str]]:
    """The page opened at ``width``, and the console errors and requests it makes."""
    errors: list[str] = []
    requests: list[str] = []
    page = browser.new_page(viewport={"width": width, "height": 1800})
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(page_file.as_uri())
    page.wait_for_load_state("load")
    return page, errors, requests


def _pages(pdf: bytes) -> int:
    assert pdf.startswith(b"%PDF")
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


def _printed(page: Any) -> tuple[list[str], int]:
    """The overflowing elements at the printed width, in print media, and the A4 pages."""
    page.set_viewport_size({"width": PRINTED_WIDTH, "height": 1000})
    page.emulate_media(media="print")
    overflowing: list[str] = page.evaluate(OVERFLOWING)
    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    return overflowing, _pages(pdf)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_example_report_in_a_browser(browser: Any, tmp_path: Path, lang: str) -> None:
    register = load_register(EXAMPLE / "register.yaml")
    intake = read_events([EXAMPLE / "events.jsonl"], register, as_of=AS_OF)
    report = check(register, intake, as_of=AS_OF, lang=lang)
    page_file = tmp_path / "report.html"
    page_file.write_text(render_html(report, register, intake.accepted, lang), encoding="utf-8")
    page, errors, requests = _open(browser, page_file)

    assert register.province.name in page.inner_text("h1")
    assert page.eval_on_selector_all("section[id]", "s => s.map(e => e.id)") == SECTIONS
    quarters = page.locator("table.matrix th.q").count()
    assert quarters == 16  # 2023-Q1 to 2026-Q4
    rows = page.locator("table.matrix tr:has(td.cell)").count()
    assert rows >= len(register.communes) - 1  # a merged commune shares its successor's row
    assert page.locator("table.matrix td.cell").count() == quarters * rows
    assert page.locator("td.cell.missed").first.is_visible()
    assert "Xã An Hòa" in page.inner_text("table.matrix")
    # Each officer's row links to that officer's list of what needs attention.
    link = page.locator("#officers a[href^='#']").first
    target = link.get_attribute("href")
    assert target and page.locator(f"#attention {target}").count() == 1
    link.click()
    assert page.locator(f"#attention {target}").is_visible()
    lines = page.locator("#attention li")
    assert lines.count() > 0 and lines.first.is_visible()
    assert page.locator("svg.timeline, #timelines").count() == 0  # only on request
    assert page.locator("details, script").count() == 0  # nothing that only works on screen

    overflowing, pages = _printed(page)
    assert overflowing == [], "\n".join(overflowing)
    assert 2 <= pages <= 10
    page.close()
    assert errors == []
    assert all(url.startswith("file://") for url in requests), requests


@pytest.mark.parametrize("reorganise", [None, date(2025, 7, 1)], ids=["districts", "merged"])
def test_a_province_of_100_communes_prints_its_year(
    browser: Any, tmp_path: Path, reorganise: date | None
) -> None:
    simulation = Simulation(communes=100, years=3, seed=1, reorganise=reorganise)
    register_file, events_file = simulate(simulation, tmp_path)
    register = load_register(register_file)
    as_of = date(2026, 12, 31)
    intake = read_events([events_file], register, as_of)
    report = check(register, intake, as_of=as_of, lang="vi", period=Period.year(2026))
    page_file = tmp_path / "report.html"
    page_file.write_text(render_html(report, register, intake.accepted, "vi"), encoding="utf-8")
    page, errors, requests = _open(browser, page_file)

    assert page.eval_on_selector_all("section[id]", "s => s.map(e => e.id)") == SECTIONS
    assert page.locator("#officers tbody tr").count() == len(register.officers)
    assert page.locator("table.matrix th.q").count() == 4  # the four quarters of 2026
    overflowing, pages = _printed(page)
    assert overflowing == [], "\n".join(overflowing)
    assert pages <= 20
    page.close()
    assert errors == []
    assert all(url.startswith("file://") for url in requests), requests

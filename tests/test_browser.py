"""The HTML report as a person sees it: opened in a real headless Chromium.

The browser is Debian's ``chromium`` (``.ci/run`` installs it). Without it the test is
skipped, unless ``GOVERNANCE_RULES_BROWSER=required`` (as in CI), where it fails. With
``GOVERNANCE_RULES_REFRESH_GOLDEN=1`` it also rewrites ``docs/report.png``.
"""

from __future__ import annotations

import os
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from governance_rules import check, load_register, read_events
from governance_rules.report import render_html
from tests.paths import EXAMPLE, ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
REQUIRED = os.environ.get("GOVERNANCE_RULES_BROWSER") == "required"
REFRESH = os.environ.get("GOVERNANCE_RULES_REFRESH_GOLDEN") == "1"
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


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_report_in_a_browser(tmp_path: Path, lang: str) -> None:
    _browser_or_skip()
    from playwright.sync_api import sync_playwright

    register = load_register(EXAMPLE / "register.yaml")
    intake = read_events([EXAMPLE / "events.jsonl"], register, as_of=AS_OF)
    report = check(register, intake, as_of=AS_OF, lang=lang)
    page_file = tmp_path / "report.html"
    page_file.write_text(render_html(report, register, intake.accepted, lang), encoding="utf-8")
    needs_attention = [f for f in report.findings if f.status != "fulfilled"]

    errors: list[str] = []
    requests: list[str] = []
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=CHROMIUM,
            headless=True,
            args=ARGS,
            viewport={"width": 1200, "height": 1800},
        )
        try:
            page = context.new_page()
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("request", lambda r: requests.append(r.url))
            page.goto(page_file.as_uri())
            page.wait_for_load_state("load")

            assert register.province.name in page.inner_text("h1")
            assert page.locator("table.matrix").is_visible()
            quarters = page.locator("table.matrix th.q").count()
            assert quarters == 16  # 2023-Q1 to 2026-Q4
            cells = page.locator("table.matrix td.cell")
            assert cells.count() == quarters * len(register.communes)
            assert page.locator("td.cell.missed").first.is_visible()
            assert page.locator(".timeline svg").count() > len(register.communes)

            # The top of the page: header, summaries and the compliance matrix.
            shot = tmp_path / "report.png"
            page.screenshot(
                path=str(shot), full_page=True, clip={"x": 0, "y": 0, "width": 1200, "height": 2300}
            )
            assert shot.stat().st_size > 20_000
            if REFRESH and lang == "vi":
                shutil.copyfile(shot, ROOT / "docs" / "report.png")

            findings = page.locator(".finding")
            assert findings.count() == len(needs_attention)
            findings.first.scroll_into_view_if_needed()
            assert findings.first.is_visible()
            assert "Xã An Hòa" in page.inner_text("table.matrix")
            # Printed on A4 it runs to several pages.
            pdf = page.pdf(format="A4", print_background=True)
            assert pdf.startswith(b"%PDF")
            assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) >= 5
        finally:
            context.close()
    assert errors == []
    assert all(url.startswith("file://") for url in requests), requests

"""Benchmark: the reports of a real province's size, against their budgets.

Simulates a province (``governance-rules simulate``, by default 300 communes over 5 years,
seed 1) and measures, each in a process of its own:

- ``check --format html`` for the last full year (``--period``) and for the whole history:
  the time and the file's size, and the year's rendering alone (after the check);
- the year's page in headless Chromium: the time to open it, the time to print it to A4
  PDF, and the number of pages (``--no-browser`` leaves this out);
- ``check --format xlsx`` for the whole history: the time and the peak memory (RSS);
- ``check --format json`` for the whole history, the check without the workbook;
- the workbook's floor, each timed inside a process of its own (without its start and
  imports): validating each line of the log into the event models
  (``EVENT_ADAPTER.validate_json``, as ``engines.py`` does), and writing the findings of
  the JSON report, read back, as the rows of a sheet (every value a cell, the text escaped,
  the dates as numbers) deflated at the workbook's level: the least that reading the log
  and writing the workbook cost, whatever made the findings.

Each line ends with the budget and whether it holds; the exit status is 1 when one does
not. Usage::

    python benchmarks/reports.py
    python benchmarks/reports.py --communes 100 --years 3
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from engines import VALIDATE, measure, timed_inside  # the sibling script: shared timers

from governance_rules.simulate import Simulation, simulate

MB = 1_000_000
SHEET_ROWS = r"""
import gc, json, sys, time, zlib
from datetime import date
findings = json.load(open(sys.argv[1], encoding="utf-8"))["findings"]
epoch = date(1899, 12, 30).toordinal()
serial = {}
CELL = '<c t="inlineStr"><is><t>'
END = "</t></is></c>"
def escaped(value):
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
def day(value):
    cell = serial.get(value)
    if cell is None:
        number = date.fromisoformat(value).toordinal() - epoch
        cell = serial[value] = f'<c s="2"><v>{number}</v></c>'
    return cell
gc.disable()  # as the package makes its rows: no collector passes over what was read
t = time.perf_counter()
deflate = zlib.compressobj(1, zlib.DEFLATED, -15)
rows = []
n = 1
for finding in findings:
    n += 1
    texts = [finding["rule"], finding["status"]]
    texts += [str(v) for v in finding["subject"].values() if v is not None]
    texts += ["; ".join(finding["evidence"]), ", ".join(finding["clauses"]), finding["message"]]
    joined = "".join(texts)
    if "&" in joined or "<" in joined or ">" in joined:
        texts = [escaped(v) for v in texts]
    window = finding.get("window")
    dates = day(window["start"]) + day(window["due"]) if window else ""
    rows.append(f'<row r="{n}">{CELL}{(END + CELL).join(texts)}{END}{dates}</row>')
    if len(rows) == 1000:
        deflate.compress("".join(rows).encode("utf-8"))
        rows.clear()
deflate.compress("".join(rows).encode("utf-8"))
deflate.flush()
print(time.perf_counter() - t, len(findings))
"""
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def render_time(register: Path, events: Path, as_of: date, year: int) -> float:
    """Seconds to render the year's HTML from its check report (the check not counted)."""
    from governance_rules import check, load_register, read_events
    from governance_rules.model import Period
    from governance_rules.report import render_html

    province = load_register(register)
    intake = read_events([events], province, as_of)
    report = check(province, intake, as_of=as_of, lang="vi", period=Period.year(year))
    start = time.perf_counter()
    render_html(report, province, intake.accepted, "vi")
    return time.perf_counter() - start


def in_browser(page: Path, pdf: Path, chromium: str) -> tuple[float, float, int]:
    """Seconds to open ``page``, seconds to print it to A4, and the PDF's page count."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            tab = browser.new_page()
            start = time.perf_counter()
            tab.goto(page.as_uri())
            tab.wait_for_load_state("load")
            opened = time.perf_counter() - start
            start = time.perf_counter()
            data = tab.pdf(format="A4", print_background=True, prefer_css_page_size=True)
            printed = time.perf_counter() - start
        finally:
            browser.close()
    pdf.write_bytes(data)
    return opened, printed, len(re.findall(rb"/Type\s*/Page(?!s)", data))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--communes", type=int, default=300)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-browser", action="store_true", help="skip opening and printing")
    parser.add_argument("--chromium", default=CHROMIUM, help="the browser that prints the page")
    args = parser.parse_args()
    if not args.no_browser and not os.access(args.chromium, os.X_OK):
        raise RuntimeError(
            f"no browser at {args.chromium}: install Debian's chromium, name one with "
            "--chromium, or leave the page out with --no-browser"
        )

    first_year = 2024
    last_year = first_year + args.years - 1
    as_of = f"{last_year}-12-31"
    rows: list[tuple[str, str, str, bool]] = []

    def row(what: str, value: str, budget: str, holds: bool) -> None:
        rows.append((what, value, budget, holds))
        print(f"{what:<44} {value:>12}   budget {budget:<10} {'ok' if holds else 'OVER'}")

    print(
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} cores"
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sim = Simulation(communes=args.communes, years=args.years, seed=args.seed)
        register, events = simulate(sim, folder)
        lines = sum(1 for _ in events.open(encoding="utf-8"))
        print(f"{args.communes} communes, {args.years} years: {lines:,} events, as of {as_of}")
        exe = shutil.which("governance-rules") or str(
            Path(sys.executable).parent / "governance-rules"
        )
        base = [exe, "check"]
        base += ["--register", str(register), "--events", str(events), "--as-of", as_of]
        base += ["--lang", "vi"]  # the province's language, and its longer words

        year = folder / "year.html"
        seconds, _ = measure(
            [*base, "--period", str(last_year), "--format", "html", "--output", str(year)]
        )
        size = year.stat().st_size
        row(f"HTML, --period {last_year}: size", f"{size / MB:.2f} MB", "1.5 MB", size <= 1.5 * MB)
        row(f"HTML, --period {last_year}: check and render", f"{seconds:.2f} s", "-", True)
        rendered = render_time(register, events, date.fromisoformat(as_of), last_year)
        row(f"HTML, --period {last_year}: render alone", f"{rendered:.2f} s", "5 s", rendered < 5)

        whole = folder / "whole.html"
        seconds, _ = measure([*base, "--format", "html", "--output", str(whole)])
        size = whole.stat().st_size
        row("HTML, whole history: size", f"{size / MB:.2f} MB", "6 MB", size <= 6 * MB)
        row("HTML, whole history: check and render", f"{seconds:.2f} s", "-", True)

        if not args.no_browser:
            opened, printed, pages = in_browser(year, folder / "year.pdf", args.chromium)
            row(
                f"HTML, --period {last_year}: opened in Chromium",
                f"{opened:.2f} s",
                "5 s",
                opened < 5,
            )
            row(
                f"HTML, --period {last_year}: printed to A4",
                f"{printed:.2f} s",
                "20 s",
                printed < 20,
            )
            row(f"HTML, --period {last_year}: A4 pages", f"{pages}", "60", pages <= 60)

        book = folder / "whole.xlsx"
        seconds, rss = measure([*base, "--format", "xlsx", "--output", str(book)])
        row("workbook, whole history: time", f"{seconds:.2f} s", "10 s", seconds < 10)
        row("workbook, whole history: peak RSS", f"{rss:.0f} MiB", "300 MiB", rss <= 300)
        row("workbook, whole history: size", f"{book.stat().st_size / MB:.2f} MB", "-", True)

        report = folder / "whole.json"
        seconds, rss = measure([*base, "--format", "json", "--output", str(report)])
        row("check alone (json), whole history: time", f"{seconds:.2f} s", "-", True)
        row("check alone (json), whole history: RSS", f"{rss:.0f} MiB", "-", True)
        validated = float(timed_inside(VALIDATE, events)[0])
        written, count = timed_inside(SHEET_ROWS, report)
        row("workbook's floor: the log validated", f"{validated:.2f} s", "-", True)
        row(
            f"workbook's floor: {int(count):,} rows written",
            f"{float(written):.2f} s",
            "-",
            True,
        )
        row("workbook's floor: the two", f"{validated + float(written):.2f} s", "-", True)
    return 0 if all(holds for *_, holds in rows) else 1


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except RuntimeError as error:
        sys.exit(f"reports.py: {error}")

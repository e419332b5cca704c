"""The benchmark scripts that docs/performance.md quotes run, at a small size, and print
what the page reads off them; a command they time that fails stops them."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from types import ModuleType

import pytest

from tests.paths import ROOT

BENCHMARKS = ROOT / "benchmarks"


def _run(script: str, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / script), *args],
        capture_output=True,
        text=True,
        cwd=BENCHMARKS,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


def _engines() -> ModuleType:
    spec = importlib.util.spec_from_file_location("engines", BENCHMARKS / "engines.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_engines_prints_the_floor_and_the_check() -> None:
    out = _run("engines.py", "--sizes", "300")
    rows = [line.split(" | ") for line in out.splitlines() if re.match(r"\| \d", line)]
    what = [row[1] for row in rows]
    assert what[:3] == ["json.loads floor", "validate_json of each line", "check, reference"]
    assert rows[0][0] == rows[2][0] and float(rows[2][4]) > 1.0  # the check costs more
    # The output's floor: the findings the check wrote, encoded again, counted.
    assert len(rows) == 4 and re.fullmatch(r"json\.dumps of the [1-9][\d,]* findings", what[3])
    for row in (rows[1], rows[3]):  # timed inside their processes: no process's memory
        assert re.fullmatch(r"\d+\.\d\d", row[2]) and row[5] == "– |"


def test_a_timed_command_that_fails_is_no_measurement() -> None:
    measure = _engines().measure
    elapsed, rss = measure([sys.executable, "-c", "raise SystemExit(1)"])  # findings: fine
    assert elapsed > 0 and rss > 0
    with pytest.raises(RuntimeError, match="exited 2"):
        measure([sys.executable, "-c", "raise SystemExit(2)"])


def test_store_prints_ingest_reopen_late_events_and_the_feed() -> None:
    out = _run("store.py", "--events", "1000", "--late", "3", "--feed", "200")
    assert "store: 1,000 events" in out
    assert re.search(r"reopen and evaluate: [\d.]+ s \([\d,]+ findings\)", out)
    assert re.search(
        r"one late event: median [\d.]+ ms, p99 [\d.]+ ms, longest [\d.]+ ms \(over 3 events\)", out
    )
    feed = re.search(
        r"live feed: 200 events in time order, batches of 100, [\d.]+ s, [\d,]+ events/s, "
        r"([\d,]+) findings changed \(([\d.]+) an event\)",
        out,
    )
    assert feed, out
    changed = int(feed[1].replace(",", ""))
    assert changed > 0 and float(feed[2]) == round(changed / 200, 1)
    # The least that handing those findings back costs, with the rate it leaves the feed.
    floor = re.search(
        r"the feed's floor: making its ([\d,]+) changed findings again \(each a Finding with "
        r"a sentence of its subject and dates, nothing evaluated\): ([\d.]+) s, at most "
        r"([\d,]+) events/s",
        out,
    )
    assert floor, out
    assert int(floor[1].replace(",", "")) == changed
    seconds, rate = float(floor[2]), int(floor[3].replace(",", ""))
    assert seconds > 0.0005  # printed to the millisecond: the rate is 200 events over them
    assert 200 / (seconds + 0.0005) - 1 <= rate <= 200 / (seconds - 0.0005) + 1


def test_check_large_prints_read_and_evaluate() -> None:
    out = _run("check_large.py", "--events", "1000")
    assert "accepted 1,000" in out
    assert re.search(r"evaluate: +[\d.]+ s +\([\d,]+ events/s, [1-9][\d,]* findings\)", out)


def test_reports_holds_its_budgets_for_a_small_province() -> None:
    out = _run("reports.py", "--communes", "4", "--years", "1", "--no-browser")
    rows = [line for line in out.splitlines() if "budget" in line]
    assert len(rows) == 13 and all(line.endswith(" ok") for line in rows), out
    # Beside the workbook: the check alone, and the least that reading the log and writing
    # the findings' sheet cost, whatever made the findings.
    assert re.search(r"check alone \(json\), whole history: time +[\d.]+ s", out)
    validated = re.search(r"workbook's floor: the log validated +([\d.]+) s", out)
    rows_written = re.search(r"workbook's floor: ([1-9][\d,]*) rows written +([\d.]+) s", out)
    both = re.search(r"workbook's floor: the two +([\d.]+) s", out)
    assert validated and rows_written and both, out
    total = float(validated[1]) + float(rows_written[2])
    assert abs(float(both[1]) - total) <= 0.011


def test_reports_without_the_browser_it_names_says_so_before_it_starts() -> None:
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / "reports.py"), "--chromium", "/nonexistent/chromium"],
        capture_output=True,
        text=True,
        cwd=BENCHMARKS,
        check=False,
    )
    assert result.returncode == 1 and result.stdout == ""  # nothing simulated or measured
    assert result.stderr.strip() == (
        "reports.py: no browser at /nonexistent/chromium: install Debian's chromium, "
        "name one with --chromium, or leave the page out with --no-browser"
    )

"""The scenario kit: scenario files through the command line, and assert_findings."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from governance_rules.testing import EventLog, assert_findings, load_scenarios, small_register
from tests.test_cli import run

SCENARIOS = "examples/scenarios"


def test_the_example_scenarios_pass() -> None:
    result = run("test", SCENARIOS)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == "=== 5 passed ==="
    assert sum(line.endswith(" PASSED") for line in lines) == 5


def test_a_mismatch_fails_with_a_readable_difference(tmp_path: Path) -> None:
    scenario = tmp_path / "wrong.yaml"
    scenario.write_text(
        "name: expects the wrong status\n"
        "as_of: 2026-05-11\n"
        "events:\n"
        "  - {type: assignment.decided, at: 2026-01-10, officer: o-01, commune: c-01, term: t1}\n"
        "expect:\n"
        "  - {rule: GR-VISIT-QUARTERLY, status: fulfilled, window: {start: 2026-01-10}}\n"
        "absent:\n"
        "  - {rule: GR-VISIT-QUARTERLY, status: pending}\n",
        encoding="utf-8",
    )
    result = run("test", str(scenario), SCENARIOS)
    assert result.returncode == 1
    out = result.stdout
    assert f"{scenario}::expects the wrong status FAILED" in out
    assert "expected: GR-VISIT-QUARTERLY fulfilled window 2026-01-10..…" in out
    assert (
        "  nearest: GR-VISIT-QUARTERLY violated officer=o-01 commune=c-01 term=t1 "
        "window 2026-01-10..2026-04-10: Officer Cán bộ Một (o-01), commune Xã Một (c-01), term t1:"
        in out
    )
    assert "unexpected: GR-VISIT-QUARTERLY pending" in out
    assert out.rstrip().endswith("=== 5 passed, 1 failed ===")


def test_a_broken_scenario_file_is_a_located_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "scenarios:\n"
        "  - name: one\n"
        "    as_of: 2026-05-11\n"
        "    events:\n"
        "      - {type: visit.conducted, at: 2026-02-30, officer: o-01, commune: c-01}\n"
        "  - name: two\n"
        "    expect: [{rule: GR-COVERAGE}]\n",
        encoding="utf-8",
    )
    result = run("test", str(broken))
    assert result.returncode == 2
    assert f"{broken}:6: a scenario needs 'as_of'" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    broken.write_text(
        "as_of: 2026-05-11\nevents:\n  - {type: visit.conducted, at: 2026-02-30}\n",
        encoding="utf-8",
    )
    result = run("test", str(broken))
    assert result.returncode == 1
    assert f"rejected: {broken}:3: visit.conducted:" in result.stdout


def test_scenarios_load_as_python_objects() -> None:
    scenarios = load_scenarios(Path(SCENARIOS) / "visits.yaml")
    assert [s.as_of for s in scenarios] == [date(2026, 5, 11)] * 3
    assert all(s.run() == [] for s in scenarios)


def test_assert_findings_says_what_is_missing() -> None:
    log = EventLog()
    log.add("assignment.decided", "2026-01-10", officer="o-01", commune="c-01", term="t1")
    found = log.evaluate(small_register(), as_of=date(2026, 5, 11))
    assert_findings(found, expect=[{"rule": "GR-VISIT-QUARTERLY", "status": "violated"}])
    with pytest.raises(AssertionError) as error:
        assert_findings(
            found,
            expect=[{"rule": "GR-VISIT-QUARTERLY", "status": "fulfilled"}],
            absent=[{"rule": "GR-VISIT-QUARTERLY", "status": "violated"}],
        )
    text = str(error.value)
    assert "expected: GR-VISIT-QUARTERLY fulfilled" in text
    assert "unexpected: GR-VISIT-QUARTERLY violated" in text
    assert "found: GR-VISIT-QUARTERLY violated officer=o-01 commune=c-01" in text

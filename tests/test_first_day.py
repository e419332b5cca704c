"""The small frictions of a first day with the command line: each message says what to do."""

from __future__ import annotations

import os
import pty
import subprocess
from pathlib import Path

import pytest

from tests.paths import EXAMPLE, ROOT
from tests.test_cli import EXE, run

REGISTER = str(EXAMPLE / "register.yaml")
EVENTS = str(EXAMPLE / "events.jsonl")


def _last_line(result: subprocess.CompletedProcess[str]) -> str:
    return result.stderr.strip().splitlines()[-1]


def test_check_without_events_asks_for_them() -> None:
    result = run("check", "--register", REGISTER)
    assert result.returncode == 2
    assert _last_line(result) == (
        "governance-rules: error: give the events with --events FILE ... or --store STORE"
    )


def test_a_day_that_does_not_exist_is_named_so() -> None:
    result = run("check", "--register", REGISTER, "--events", EVENTS, "--as-of", "2026-11-31")
    assert result.returncode == 2
    assert "'2026-11-31' is no day of the calendar" in _last_line(result)
    shape = run("check", "--register", REGISTER, "--events", EVENTS, "--as-of", "30/11/2026")
    assert "expected YYYY-MM-DD, got '30/11/2026'" in _last_line(shape)


def test_an_as_of_before_the_regulation_and_no_events_are_warned(tmp_path: Path) -> None:
    empty = tmp_path / "events.jsonl"
    empty.write_text("")
    result = run("check", "--register", REGISTER, "--events", str(empty), "--as-of", "2022-06-01")
    assert result.returncode == 0
    assert "warning: --as-of 2022-06-01 is before the Regulation took effect (2023-01-01)" in (
        result.stderr
    )
    assert "warning: no events were read" in result.stderr


def test_rule_ids_are_case_insensitive_on_input() -> None:
    assert run("explain", "gr-evaluation").stdout.startswith("GR-EVALUATION:")


def test_output_says_where_it_wrote(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    args = ["--register", REGISTER, "--events", EVENTS, "--as-of", "2026-11-30"]
    result = run("check", *args, "--format", "json", "--output", str(out))
    assert result.returncode == 1 and out.stat().st_size > 0
    assert result.stderr.strip() == f"governance-rules: wrote {out}"


def test_a_workbook_is_not_written_to_a_terminal() -> None:
    args = [EXE or "", "check", "--register", REGISTER, "--events", EVENTS, "--format", "xlsx"]
    leader, follower = pty.openpty()
    try:
        result = subprocess.run(
            args, stdout=follower, stderr=subprocess.PIPE, cwd=ROOT, check=False, text=True
        )
    finally:
        os.close(follower)
        os.close(leader)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "governance-rules: error: --format xlsx writes a file: give --output FILE"
    )


def test_the_help_names_formats_and_date_forms() -> None:
    for command in ("check", "validate", "calendar", "ingest"):
        text = run(command, "--help").stdout
        assert ".xlsx" in text and "YYYY-MM-DD" in text, command


def test_plugins_shows_a_backend_whose_extra_is_missing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import importlib.util

    from governance_rules.cli import main

    found = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "durable" else found(name)
    )
    assert main(["plugins"]) == 0
    durable = next(line for line in capsys.readouterr().out.splitlines() if " durable " in line)
    assert durable.endswith("not installed: pip install 'governance-rules[durable]'")
    monkeypatch.undo()
    if importlib.util.find_spec("durable") is not None:
        assert main(["plugins"]) == 0
        lines = capsys.readouterr().out.splitlines()
        ready = next(line for line in lines if " durable " in line)
        assert "not installed" not in ready

"""Choosing an engine backend: by name, with clear errors for unknown or missing ones."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from governance_rules import BackendError, check, load_register, read_events
from governance_rules.engine import evaluate
from governance_rules.plugins import backend, installed
from tests.test_cli import run

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "tinh-mau"


def test_backends_by_name() -> None:
    assert backend("reference") is evaluate
    assert set(installed().backends) == {"reference", "durable"}
    with pytest.raises(BackendError, match="no engine backend 'drools'; known: durable, reference"):
        backend("drools")


def test_the_durable_backend_without_its_extra_names_the_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "durable.engine", None)
    register = load_register(EXAMPLE / "register.yaml")
    intake = read_events([EXAMPLE / "events.jsonl"], register, date(2026, 11, 30))
    with pytest.raises(BackendError, match=r"pip install 'governance-rules\[durable\]'"):
        check(register, intake, as_of=date(2026, 11, 30), backend="durable")


def test_the_report_names_its_backend() -> None:
    register = load_register(EXAMPLE / "register.yaml")
    intake = read_events([EXAMPLE / "events.jsonl"], register, date(2026, 11, 30))
    assert check(register, intake, as_of=date(2026, 11, 30)).backend == "reference"


def test_cli_rejects_an_unknown_backend_in_one_line() -> None:
    result = run(
        "check",
        "--register",
        str(EXAMPLE / "register.yaml"),
        "--events",
        str(EXAMPLE / "events.jsonl"),
        "--backend",
        "drools",
    )
    assert result.returncode == 2
    assert "invalid choice: 'drools'" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_without_the_durable_extra_says_how_to_install_it() -> None:
    code = (
        "import sys; sys.modules['durable.engine'] = None\n"
        "from governance_rules.cli import main\n"
        "sys.exit(main(sys.argv[1:]))"
    )
    args = ["check", "--register", str(EXAMPLE / "register.yaml")]
    args += ["--events", str(EXAMPLE / "events.jsonl"), "--backend", "durable"]
    result = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "the durable backend needs the 'durable' extra" in lines[0]

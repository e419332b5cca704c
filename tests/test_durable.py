"""The durable_rules backend gives the reference engine's findings, field for field."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from governance_rules import CATALOGUE, Policy, Register, evaluate, read_events
from governance_rules.model import EVENT_ADAPTER, compact_event
from governance_rules.plugins import backend
from governance_rules.rules import Scope
from governance_rules.testing import EventLog, only, small_register, statuses
from tests.strategies import as_of_dates, logs, policies, registers
from tests.test_catalogue import BORDER_VISIT

durable = pytest.importorskip("durable.engine", reason="the 'durable' extra is not installed")
durable_evaluate = backend("durable")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "tinh-mau"


# A province's variant: a scoped rule, and a rule in two versions (deadline amended in 2026).
_RELAY = CATALOGUE["GR-ISSUE-RELAY"]
VARIANT = CATALOGUE.with_rules(
    BORDER_VISIT.model_copy(update={"scope": Scope(communes=("c-01",), kinds=("thi_tran",))}),
    _RELAY.model_copy(update={"valid_to": date(2025, 12, 31)}),
    _RELAY.model_copy(
        update={
            "valid_from": date(2026, 1, 1),
            "template": _RELAY.template.model_copy(update={"days": 7}),
        }
    ),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), register=registers(), policy=policies())
def test_durable_equals_reference(data: st.DataObject, register: Register, policy: Policy) -> None:
    records: list[dict[str, Any]] = data.draw(logs(register, max_size=40))
    events = [EVENT_ADAPTER.validate_python(r) for r in records]
    as_of = data.draw(as_of_dates)
    lang = data.draw(st.sampled_from(["en", "vi"]))
    catalogue = data.draw(st.sampled_from([CATALOGUE, VARIANT]))
    expected = evaluate(
        register, events, as_of=as_of, policy=policy, lang=lang, catalogue=catalogue
    )
    found = durable_evaluate(
        register, events, as_of=as_of, policy=policy, lang=lang, catalogue=catalogue
    )
    assert found == expected
    records_of = [compact_event(e) for e in events]  # as the command line holds them
    found = durable_evaluate(
        register, records_of, as_of=as_of, policy=policy, lang=lang, catalogue=catalogue
    )
    assert found == expected


def test_durable_equals_reference_on_the_example_province() -> None:
    from governance_rules import load_policy, load_register

    register = load_register(EXAMPLE / "register.yaml")
    as_of = date(2026, 11, 30)
    intake = read_events([EXAMPLE / "events.jsonl"], register, as_of)
    for policy in (Policy(), load_policy(EXAMPLE / "policy.yaml")):
        expected = evaluate(register, intake.accepted, as_of=as_of, policy=policy)
        assert len(expected) > 1000
        found = durable_evaluate(register, intake.accepted, as_of=as_of, policy=policy)
        assert found == expected


def test_check_backend_durable_prints_the_same_json() -> None:
    def run(name: str) -> str:
        args = [
            "check",
            "--register",
            str(EXAMPLE / "register.yaml"),
            "--events",
            str(EXAMPLE / "events.jsonl"),
            "--as-of",
            "2026-11-30",
            "--format",
            "json",
            "--backend",
            name,
        ]
        done = subprocess.run(
            [str(Path(sys.executable).parent / "governance-rules"), *args],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 1, done.stderr
        return done.stdout

    reference, durable_json = run("reference"), run("durable")
    assert '"backend": "durable"' in durable_json
    assert durable_json.replace('"backend": "durable"', '"backend": "reference"') == reference


def test_a_rule_added_from_templates_runs_on_the_durable_backend() -> None:
    catalogue = CATALOGUE.with_rules(BORDER_VISIT)
    log = EventLog()
    log.add("assignment.decided", "2026-01-10", officer="o-01", commune="c-01", term="t1")
    log.add("visit.conducted", "2026-03-10", officer="o-01", commune="c-01")
    events = log.events
    found = durable_evaluate(small_register(), events, as_of=date(2026, 5, 11), catalogue=catalogue)
    assert statuses(only(found, "XX-BORDER-VISIT")) == [
        ("fulfilled", "2026-01-10", "2026-03-10"),
        ("violated", "2026-03-10", "2026-05-10"),
        ("pending", "2026-05-10", "2026-07-10"),
    ]
    assert found == evaluate(small_register(), events, as_of=date(2026, 5, 11), catalogue=catalogue)


def test_a_filter_with_alternatives_keeps_its_joins() -> None:
    # A meeting in another commune, attended by the officer, fulfils nothing here, although
    # its body is one of the allowed ones (durable_rules loses joins next to an "$or").
    log = EventLog()
    log.add("assignment.decided", "2026-01-10", officer="o-01", commune="c-01", term="t1")
    log.add(
        "meeting.held",
        "2026-02-01",
        commune="c-02",
        body="executive",
        session="regular",
        topics=["other"],
        invited=[],
        attended=["o-01"],
    )
    found = durable_evaluate(small_register(), log.events, as_of=date(2026, 5, 1))
    assert statuses(only(found, "GR-VISIT-QUARTERLY")) == [
        ("violated", "2026-01-10", "2026-04-10"),
        ("pending", "2026-04-10", "2026-07-10"),
    ]


def test_durable_equals_reference_on_a_simulated_province_of_50000_events(
    tmp_path: Path,
) -> None:
    # Above durable_rules' limits of one session (about 20,000 messages, 1024 sessions).
    from governance_rules import load_register
    from governance_rules.simulate import Simulation, simulate

    sim = Simulation(communes=250, years=6, seed=7, first_year=2024)
    register_path, events_path = simulate(sim, tmp_path)
    register = load_register(register_path)
    as_of = date(2029, 12, 31)
    intake = read_events([events_path], register, as_of)
    assert intake.accounting.accepted >= 50_000
    expected = evaluate(register, intake.accepted, as_of=as_of)
    found = durable_evaluate(register, intake.accepted, as_of=as_of)
    assert len(found) == len(expected) > 50_000
    assert found == expected


def test_durable_equals_reference_with_the_example_rule_pack() -> None:
    from governance_rules import load_register
    from governance_rules.rules import load_pack

    pack = load_pack(ROOT / "examples" / "packs" / "bien-gioi.yaml")
    catalogue = CATALOGUE.with_rules(*pack.rules, clauses=[c.clause() for c in pack.clauses])
    register = load_register(EXAMPLE / "register.yaml")
    as_of = date(2026, 11, 30)
    intake = read_events([EXAMPLE / "events.jsonl"], register, as_of)
    expected = evaluate(register, intake.accepted, as_of=as_of, catalogue=catalogue)
    assert any(f.rule == "TM-BORDER-VISIT" for f in expected)
    assert durable_evaluate(register, intake.accepted, as_of=as_of, catalogue=catalogue) == expected

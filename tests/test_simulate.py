"""The province simulator: deterministic, valid, streamed; and the monitor at its scale."""

from __future__ import annotations

import itertools
import json
import random
import tracemalloc
from datetime import date
from pathlib import Path

from governance_rules import CATALOGUE, evaluate, load_register, read_events
from governance_rules.model import Finding
from governance_rules.monitor import Monitor
from governance_rules.simulate import Simulation, simulate
from tests.test_cli import run


def test_the_same_seed_gives_the_same_files(tmp_path: Path) -> None:
    for name, seed in (("a", 5), ("b", 5), ("c", 6)):
        simulate(Simulation(communes=30, years=2, seed=seed), tmp_path / name)
    for file in ("register.yaml", "events.jsonl"):
        assert (tmp_path / "a" / file).read_bytes() == (tmp_path / "b" / file).read_bytes()
    assert (tmp_path / "a" / "events.jsonl").read_bytes() != (
        tmp_path / "c" / "events.jsonl"
    ).read_bytes()


def test_a_simulated_reorganisation_merges_the_communes_and_moves_the_charges(
    tmp_path: Path,
) -> None:
    from governance_rules.engine import durable_evaluate

    merged = date(2025, 7, 1)
    sim = Simulation(communes=40, years=2, seed=3, first_year=2025, reorganise=merged)
    register_path, events_path = simulate(sim, tmp_path)
    register = load_register(register_path)
    old = [c for c in register.communes if c.until is not None]
    new = [c for c in register.communes if c.from_ is not None]
    assert len(old) == 40 and all(c.until == date(2025, 6, 30) and c.successor for c in old)
    groups = {c.id: sum(1 for o in old if o.successor == c.id) for c in new}
    assert all(2 <= size <= 4 for size in groups.values()), groups
    assert all(d.until == date(2025, 6, 30) for d in register.districts)
    assert all(c.district is None for c in new)
    intake = read_events([events_path], register)
    # Only the few events written under an old commune after the date are rejected, each
    # naming the commune it was merged into.
    assert 1 <= len(intake.rejections) <= 6
    for rejection in intake.rejections:
        assert "no longer exists on" in rejection.error and "merged into 'n" in rejection.error
    as_of = date(2026, 12, 31)
    findings = evaluate(register, intake.accepted, as_of=as_of)
    ends = {c.id: c.until for c in old}
    coverage = [f for f in findings if f.rule == "GR-COVERAGE"]
    assert all(
        f.window.due <= ends[f.subject.commune] for f in coverage if f.subject.commune in ends
    )  # type: ignore[union-attr]
    # The new communes wait a few weeks for their officers.
    late = {f.subject.commune for f in coverage if f.window.start == merged}  # type: ignore[union-attr]
    assert late == set(groups)
    assigned = {e.commune for e in intake.accepted if e.type == "assignment.decided"}  # type: ignore[attr-defined]
    assert set(groups) <= assigned
    assert durable_evaluate(register, intake.accepted, as_of=as_of) == findings


def test_a_simulated_province_is_valid_and_shows_every_kind_of_finding(tmp_path: Path) -> None:
    sim = Simulation(communes=60, years=3, seed=11, first_year=2024)
    register_path, events_path = simulate(sim, tmp_path)
    register = load_register(register_path)
    names = [c.name for c in register.communes] + [o.name for o in register.officers]
    assert any(ch in "".join(names) for ch in "ăâđêôơưạảấầẩẫậắằẳẵặ")
    assert {c.kind for c in register.communes} == {"xa", "phuong", "thi_tran"}
    intake = read_events([events_path], register)
    assert intake.rejections == [] and intake.accounting.accepted == sum(sim.counts.values())
    with events_path.open(encoding="utf-8") as handle:
        days = [date.fromisoformat(json.loads(line)["at"][:10]) for line in handle]
    latest = days[0]
    for day in days:  # month by month: a contact may precede its visit's month by days
        assert (latest - day).days <= 7
        latest = max(latest, day)
    findings = evaluate(register, intake.accepted, as_of=date(2026, 12, 31))
    rules = {f.rule for f in findings}
    assert rules >= {r.id for r in CATALOGUE} - {"GR-REPLACEMENT"}
    assert {f.status for f in findings} >= {"fulfilled", "late", "violated", "pending"}


def test_memory_does_not_grow_with_the_years(tmp_path: Path) -> None:
    peaks = []
    for years in (1, 4):
        tracemalloc.start()
        simulate(Simulation(communes=40, years=years, seed=1), tmp_path / str(years))
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    assert peaks[1] < 1.5 * peaks[0], peaks


def test_monitor_equals_batch_on_a_simulated_province(tmp_path: Path) -> None:
    register_path, events_path = simulate(Simulation(communes=40, years=2, seed=3), tmp_path)
    register = load_register(register_path)
    events = read_events([events_path], register).accepted
    records = [e.model_dump(mode="json") for e in events]
    random.Random(9).shuffle(records)
    as_of = date(2025, 6, 30)
    monitor = Monitor(register, as_of=as_of)
    for start in range(0, len(records), 700):
        monitor.ingest(records[start : start + 700])
    assert monitor.findings() == evaluate(register, events, as_of=as_of)
    monitor.advance(date(2026, 3, 31))
    assert monitor.findings() == evaluate(register, events, as_of=date(2026, 3, 31))


def test_simulate_command(tmp_path: Path) -> None:
    result = run(
        "simulate",
        "--communes",
        "12",
        "--years",
        "1",
        "--seed",
        "2",
        "--output",
        str(tmp_path / "p"),
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "p" / "register.yaml").exists() and "events" in result.stdout
    assert run("simulate", "--communes", "0", "--output", str(tmp_path)).returncode == 2


def test_a_large_province_has_unique_names(tmp_path: Path) -> None:
    register_path, _ = simulate(Simulation(communes=800, years=1, seed=4), tmp_path)
    register = load_register(register_path)
    names = [c.name for c in register.communes]
    assert len(names) == 800 and len(set(names)) == 800


def test_findings_made_a_rule_at_a_time_at_a_province_s_size_equal_the_whole(
    tmp_path: Path,
) -> None:
    """The compacted findings (each subject shared with the finding made just before it,
    its sort key's part worked out once for them) come as evaluate gives them."""
    from governance_rules.engine import iter_compact

    register_path, events_path = simulate(Simulation(communes=30, years=2, seed=2), tmp_path)
    register = load_register(register_path)
    events = read_events([events_path], register).accepted
    as_of = date(2026, 12, 31)
    whole = evaluate(register, events, as_of=as_of)
    compact = list(iter_compact(register, events, lambda f: f, as_of=as_of))
    assert compact == whole
    in_a_row = [a.subject is b.subject for a, b in itertools.pairwise(compact)]
    windows = [f for f in compact if f.rule == "GR-VISIT-QUARTERLY"]
    assert len(windows) > 100 and sum(in_a_row) > len(windows) / 2


def test_the_largest_rules_findings_are_written_lead_by_lead_not_held_whole(
    tmp_path: Path,
) -> None:
    """The rules made assignment by assignment, or act by act sorted by officer and commune
    (visits, the contact before them, the invitations), are held one officer and commune at
    a time before they are written: when a rule's first finding comes out, most of its
    findings are not made yet. Their order is the whole evaluation's."""
    from governance_rules.engine import iter_compact

    register_path, events_path = simulate(Simulation(communes=30, years=2, seed=2), tmp_path)
    register = load_register(register_path)
    events = read_events([events_path], register).accepted
    as_of = date(2026, 12, 31)
    made: dict[str, int] = {}

    def counted(finding: Finding) -> Finding:
        made[finding.rule] = made.get(finding.rule, 0) + 1
        return finding

    first: dict[str, int] = {}  # how many of the rule's findings were made by its first out
    written = []
    for finding in iter_compact(register, events, counted, as_of=as_of):
        first.setdefault(finding.rule, made[finding.rule])
        written.append(finding)
    assert written == evaluate(register, events, as_of=as_of)
    for rule in ("GR-VISIT-QUARTERLY", "GR-VISIT-CONTACT", "GR-MEETING-INVITE"):
        assert made[rule] > 300, rule
        assert first[rule] < made[rule] / 10, (rule, first[rule], made[rule])
    assert first["GR-COVERAGE"] == made["GR-COVERAGE"]  # gaps in time order: held whole


def test_findings_left_unordered_are_the_same_findings_a_rule_at_a_time(
    tmp_path: Path,
) -> None:
    register_path, events_path = simulate(Simulation(communes=20, years=2, seed=4), tmp_path)
    register = load_register(register_path)
    events = read_events([events_path], register).accepted
    as_of = date(2026, 12, 31)
    whole = evaluate(register, events, as_of=as_of)
    loose = evaluate(register, events, as_of=as_of, ordered=False)
    assert sorted(loose, key=lambda f: f.sort_key()) == whole
    assert [f.rule for f in loose] == [f.rule for f in whole]  # still a rule at a time
    commune = next(f.subject.commune for f in whole if f.subject.commune)
    partition = ("commune", commune)
    ordered = evaluate(register, events, as_of=as_of, partition=partition)
    assert ordered and all(f.subject.commune == commune for f in ordered)
    unordered = evaluate(register, events, as_of=as_of, partition=partition, ordered=False)
    assert sorted(unordered, key=lambda f: f.sort_key()) == ordered

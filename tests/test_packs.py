"""Rule packs: the catalogue as data, a province's variant without code, located errors."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from governance_rules import CATALOGUE, CatalogueError
from governance_rules.rules import builtin_pack, load_pack, pack_text, static_problems
from governance_rules.testing import EventLog, only, small_register, statuses
from tests.test_cli import ROOT, run

PACK = ROOT / "examples" / "packs" / "bien-gioi.yaml"
CATALOGUE_FILE = ROOT / "src" / "governance_rules" / "rules" / "catalogue.yaml"
EXAMPLE = ["--register", "examples/tinh-mau/register.yaml"]
EXAMPLE += ["--events", "examples/tinh-mau/events.jsonl", "--as-of", "2026-11-30"]


def test_the_catalogue_is_the_shipped_pack_in_its_canonical_form() -> None:
    pack = builtin_pack()
    assert tuple(CATALOGUE) == pack.rules and len(pack.rules) == 21
    body = "".join(
        line
        for line in CATALOGUE_FILE.read_text(encoding="utf-8").splitlines(keepends=True)
        if not line.startswith("#")
    )
    assert pack_text(pack) == body


def test_a_pack_adds_a_scoped_rule_and_amends_another(tmp_path: Path) -> None:
    result = run("check", *EXAMPLE, "--rules", str(PACK), "--format", "json")
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)["findings"]
    border = [f for f in findings if f["rule"] == "TM-BORDER-VISIT"]
    border_communes = {"c-xuan-phu", "c-xuan-hai", "c-song-cau", "c-xuan-loc-moi"}
    assert {f["subject"]["commune"] for f in border} == border_communes
    assert {f["status"] for f in border} >= {"fulfilled", "violated"}
    assert all(f["clauses"] == ["TM-1", "D4"] for f in border)
    relays = [f for f in findings if f["rule"] == "GR-ISSUE-RELAY"]
    for f in relays:
        start, due = (date.fromisoformat(f["window"][k]) for k in ("start", "due"))
        if start >= date(2026, 1, 1):
            assert f["clauses"] == ["TM-2", "R6"] and (due - start).days == 7
        else:
            assert f["clauses"] == ["R6", "D2"] and (due - start).days == 15
    assert {f["clauses"][0] for f in relays} == {"TM-2", "R6"}

    page = run("check", *EXAMPLE, "--rules", str(PACK), "--format", "html", "--lang", "en")
    assert "In the border communes, the officer assigned" in page.stdout
    assert "Đối với các xã, phường biên giới" in page.stdout


def test_rules_and_explain_show_pack_rules_like_built_in_ones() -> None:
    listed = run("rules", "--rules", str(PACK), "--format", "json", "--lang", "en")
    rules = json.loads(listed.stdout)
    relays = [r for r in rules if r["id"] == "GR-ISSUE-RELAY"]
    assert [(r["valid_from"], r["valid_to"]) for r in relays] == [
        (None, "2025-12-31"),
        ("2026-01-01", None),
    ]
    border = next(r for r in rules if r["id"] == "TM-BORDER-VISIT")
    assert border["scope"] == {
        "communes": ["c-xuan-phu", "c-xuan-hai", "c-song-cau", "c-xuan-loc-moi"],
        "districts": [],
        "kinds": [],
    }
    assert any(r["id"] == "TM-BORDER-VISIT" and r["clauses"] == ["TM-1", "D4"] for r in rules)
    explained = run("explain", "TM-BORDER-VISIT", "--rules", str(PACK), "--lang", "en")
    assert explained.returncode == 0
    assert "[TM-1] Đối với các xã, phường biên giới" in explained.stdout
    assert "Scope: c-xuan-phu, c-xuan-hai, c-song-cau, c-xuan-loc-moi" in explained.stdout


def test_a_bad_pack_gives_located_errors_and_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "pack.yaml"
    bad.write_text(
        "pack: bad\n"
        "rules:\n"
        "  - id: XX-A\n"
        "    title: {vi: a, en: a}\n"
        "    bearer: [officer]\n"
        "    clauses: [D4]\n"
        "    act: {vi: a, en: a}\n"
        "    template:\n"
        "      template: periodic\n"
        "      acts: [{type: visit.conducted, officer: officer, commune: commune}]\n"
        "      interval_months: 2\n"
        "      evry: 2\n"
        "  - id: XX-B\n"
        "    title: {vi: b, en: b}\n"
        "    bearer: [officer]\n"
        "    clauses: [D44]\n"
        "    act: {vi: b, en: b}\n"
        "    template: {template: deadlin, days: 3}\n",
        encoding="utf-8",
    )
    result = run("check", *EXAMPLE, "--rules", str(bad))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"governance-rules: error: {bad}:12: template 'periodic': unknown field 'evry'",
        f"governance-rules: error: {bad}:18: rules[1].template: unknown template 'deadlin'"
        " (did you mean 'deadline'?)",
    ]
    bad.write_text(
        bad.read_text(encoding="utf-8")
        .replace("      evry: 2\n", "")
        .replace(
            "template: deadlin, days: 3",
            "template: periodic, acts: [{type: contact.made}], interval_months: evry",
        )
        .replace("acts: [{type: visit.conducted,", "acts: [{type: visit.conductd,"),
        encoding="utf-8",
    )
    result = run("rules", "--rules", str(bad))
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert f"governance-rules: error: {bad}:10: XX-A: acts[0].type: unknown event type " in lines[0]
    assert "(did you mean 'visit.conducted'?)" in lines[0]
    assert any(f"{bad}:15: XX-B: clauses: unknown clause 'D44'" in line for line in lines)
    assert any(
        f"{bad}:17: XX-B: interval_months: unknown policy key 'evry'" in line for line in lines
    )


def test_versions_in_force_at_once_are_refused(tmp_path: Path) -> None:
    text = PACK.read_text(encoding="utf-8").replace("valid_to: 2025-12-31", "valid_to: 2026-01-01")
    bad = tmp_path / "overlap.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogueError, match="two versions in force at once"):
        load_pack(bad)


def test_an_obligation_is_judged_by_the_version_in_force_on_its_window_start() -> None:
    pack = load_pack(PACK)
    catalogue = CATALOGUE.with_rules(*pack.rules, clauses=[c.clause() for c in pack.clauses])
    log = EventLog()
    log.add("assignment.decided", "2025-06-01", officer="o-01", commune="c-01", term="t1")
    raised = [
        log.add("issue.raised", day, officer="o-01", commune="c-01", to="sm-01", kind="proposal")
        for day in ("2025-12-30", "2026-01-02")
    ]
    for issue in raised:
        log.add("issue.relayed", "2026-01-12", standing_member="sm-01", issue=issue)
    found = only(
        log.evaluate(small_register(), as_of=date(2026, 3, 1), catalogue=catalogue),
        "GR-ISSUE-RELAY",
    )
    assert statuses(found) == [
        ("fulfilled", "2025-12-30", "2026-01-14"),
        ("late", "2026-01-02", "2026-01-09"),
    ]


def test_static_checks_pass_on_the_catalogue_and_the_example_pack() -> None:
    assert static_problems(CATALOGUE) == []
    for args in ((), ("--rules", str(PACK))):
        result = run("rules", "--check", *args)
        assert result.returncode == 0, result.stdout + result.stderr
        assert result.stdout.rstrip().endswith("no problems")


def never_pack(folder: Path) -> Path:
    """The example pack made to hold what can never happen: a meeting body no meeting has,
    a visit bound to no officer, a trigger of a kind no issue has."""
    text = PACK.read_text(encoding="utf-8")
    text = text.replace("where: {body: [executive, standing]}", "where: {body: [plenary]}")
    text = text.replace(
        "{type: visit.conducted, officer: officer, commune: commune}",
        "{type: visit.conducted, where: {officer: []}, officer: officer}",
    )
    text = text.replace(
        "trigger: {type: issue.raised}", "trigger: {type: issue.raised, where: {kind: [complaint]}}"
    )
    pack = folder / "never.yaml"
    pack.write_text(text, encoding="utf-8")
    return pack


def test_static_checks_find_what_can_never_happen(tmp_path: Path) -> None:
    pack = never_pack(tmp_path)
    result = run("rules", "--check", "--rules", str(pack))
    assert result.returncode == 1
    out = result.stdout
    assert (
        "TM-BORDER-VISIT: it can never be fulfilled: "
        "'visit.conducted' field 'officer' is given no value to match" in out
    )
    assert "'meeting.held' field 'body' is never 'plenary'" in out
    assert (
        "GR-ISSUE-RELAY (2026-01-01 – …): its trigger cannot occur: 'issue.raised' field 'kind' is never 'complaint'"
        in out
    )

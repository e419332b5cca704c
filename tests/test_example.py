"""The example province shows every rule, compliant and not."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from datetime import date

from governance_rules import CATALOGUE, check, load_policy, load_register, read_events
from tests.paths import EXAMPLE

AS_OF = date(2026, 11, 30)
GOOD = {"fulfilled", "observed"}
BAD = {"violated", "late", "not_observed"}
FAILURES_ONLY = {"GR-COVERAGE", "GR-JURISDICTION"}  # compliance shows as no finding


def _report(lang: str = "en", policy: str | None = None):  # type: ignore[no-untyped-def]
    register = load_register(EXAMPLE / "register.yaml")
    intake = read_events([EXAMPLE / "events.jsonl"], register, as_of=AS_OF)
    chosen = load_policy(EXAMPLE / policy) if policy else None
    return check(register, intake, as_of=AS_OF, policy=chosen, lang=lang)


def test_every_rule_has_compliant_and_non_compliant_cases() -> None:
    statuses: dict[str, set[str]] = defaultdict(set)
    for report in (_report(), _report(policy="policy.yaml")):
        for finding in report.findings:
            statuses[finding.rule].add(finding.status)
    for rule in CATALOGUE:
        assert statuses[rule.id] & BAD, rule.id
        if rule.id not in FAILURES_ONLY:
            assert statuses[rule.id] & GOOD, rule.id


def test_the_example_accounts_for_every_line() -> None:
    report = _report()
    lines = (EXAMPLE / "events.jsonl").read_text(encoding="utf-8").splitlines()
    assert report.input.read == len([line for line in lines if line.strip()])
    assert report.input.rejected == len(report.rejected) == 5


def test_vietnamese_messages_are_nfc_and_complete() -> None:
    vi, en = _report("vi"), _report("en")
    assert len(vi.findings) == len(en.findings)
    for a, b in zip(vi.findings, en.findings, strict=True):
        assert a.model_dump(exclude={"message"}) == b.model_dump(exclude={"message"})
        assert unicodedata.is_normalized("NFC", a.message)
        assert a.message != b.message
        for word in ("overdue", "due by", "on time", "days after", "does not count"):
            assert word not in a.message


def test_the_reorganisation_shows_in_the_findings_the_input_and_the_matrix() -> None:
    from governance_rules.report import render_html

    register = load_register(EXAMPLE / "register.yaml")
    report = _report()
    ends = {c.id: c.until for c in register.communes if c.until is not None}
    coverage = [f for f in report.findings if f.rule == "GR-COVERAGE"]
    assert all(
        f.window.due <= ends[f.subject.commune] for f in coverage if f.subject.commune in ends
    )  # type: ignore[union-attr]
    assert {f.subject.commune for f in coverage if f.window.start == date(2025, 7, 1)} == {  # type: ignore[union-attr]
        "c-an-lao-moi",
        "c-binh-son-moi",
        "c-song-cau",
        "c-xuan-loc-moi",
    }
    # Nothing due after an old commune's last day is owed by it.
    assert not [
        f
        for f in report.findings
        if f.subject.commune in ends
        and f.window
        and f.window.due > ends[f.subject.commune]
        and f.status not in GOOD
    ]
    merged = [r.error for r in report.rejected if "no longer exists" in r.error]
    assert merged == [
        "visit.conducted: field 'commune': 'c-xuan-phu' no longer exists on 2025-08-02 "
        "(until 2025-06-30; merged into 'c-song-cau')",
        "meeting.held: field 'commune': 'c-an-nghiep' no longer exists on 2025-09-12 "
        "(until 2025-06-30; merged into 'c-an-lao-moi')",
    ]
    intake = read_events([EXAMPLE / "events.jsonl"], register, as_of=AS_OF)
    page = render_html(report, register, intake.accepted, "vi")
    assert "Xã An Hòa → Xã An Lão" in page
    assert '<td class="cell absent" title="xã chưa thành lập hoặc đã sáp nhập">–</td>' in page


def test_a_quarter_with_days_without_an_officer_is_not_a_plain_tick() -> None:
    from governance_rules.report import render_markdown

    register = load_register(EXAMPLE / "register.yaml")
    intake = read_events([EXAMPLE / "events.jsonl"], register, as_of=AS_OF)
    page = render_markdown(_report(), register, intake.accepted, "en")
    rows = {
        line.split(" | ")[0].lstrip("| "): line.split(" | ")[1:]
        for line in page.splitlines()
        if line.startswith("| Xã Bình Hải (c-binh-hai) |")
    }
    cells = [cell.strip(" |") for cell in rows["Xã Bình Hải (c-binh-hai)"]]
    # c-binh-hai had no officer from 15 October 2025 to 1 March 2026.
    assert cells[11:14] == ["◐", "◐", "✓"]

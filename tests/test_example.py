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
    assert report.input.rejected == len(report.rejected) == 3


def test_vietnamese_messages_are_nfc_and_complete() -> None:
    vi, en = _report("vi"), _report("en")
    assert len(vi.findings) == len(en.findings)
    for a, b in zip(vi.findings, en.findings, strict=True):
        assert a.model_dump(exclude={"message"}) == b.model_dump(exclude={"message"})
        assert unicodedata.is_normalized("NFC", a.message)
        assert a.message != b.message
        for word in ("overdue", "due by", "on time", "days after", "does not count"):
            assert word not in a.message

"""The SPEC's newest points: the order of evidence, review windows, calendar quarters,
non-retroactive triggers, the reason an ended assignment needs, and validate's exit codes.
Each test runs on both engines where the durable backend is installed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from governance_rules import Policy, evaluate
from governance_rules.cli import main
from governance_rules.testing import EventLog, only, small_register, statuses

REGISTER = small_register()
LATER_EFFECTIVE = small_register(regulation={"effective": "2025-06-01"})

try:
    import durable  # noqa: F401

    BACKENDS = ["reference", "durable"]
except ImportError:  # pragma: no cover - the extra is installed in CI
    BACKENDS = ["reference"]


def run(log: EventLog, as_of: str, rule: str, backend: str, register=REGISTER, **policy):  # type: ignore[no-untyped-def]
    from governance_rules.plugins import backend as find_backend

    found = find_backend(backend)(
        register, log.events, as_of=date.fromisoformat(as_of), policy=Policy(**policy)
    )
    return only(found, rule)


def assigned(log: EventLog, at: str, officer: str = "o-01", commune: str = "c-01") -> str:
    return log.add("assignment.decided", at, officer=officer, commune=commune, term="t1")


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


# Evidence (section 6): trigger or examined event, the earliest act that counts, then every
# act that matched but did not count, in date then id order.


def test_visit_contact_cites_the_earliest_contact_that_counts(backend: str) -> None:
    log = EventLog()
    assigned(log, "2026-01-01")
    early = log.add("contact.made", "2026-02-10", officer="o-01", commune="c-01")
    log.add("contact.made", "2026-02-25", officer="o-01", commune="c-01")
    visit = log.add("visit.conducted", "2026-03-01", officer="o-01", commune="c-01")
    (finding,) = run(log, "2026-05-01", "GR-VISIT-CONTACT", backend)
    assert finding.status == "fulfilled"
    assert finding.evidence == (visit, early)
    assert early in finding.message


def test_a_late_finding_lists_non_counting_acts_after_the_late_act(backend: str) -> None:
    log = EventLog()
    assigned(log, "2026-01-10")
    issue = log.add("issue.raised", "2026-03-01", officer="o-01", commune="c-01", to="sm-01", kind="proposal")  # fmt: skip
    wrong_early = log.add("issue.relayed", "2026-03-05", standing_member="sm-02", issue=issue)
    late = log.add("issue.relayed", "2026-03-20", standing_member="sm-01", issue=issue)
    wrong_after = log.add("issue.relayed", "2026-03-25", standing_member="sm-02", issue=issue)
    (finding,) = run(log, "2026-04-30", "GR-ISSUE-RELAY", backend)
    assert finding.status == "late"
    assert finding.evidence == (issue, late, wrong_early, wrong_after)
    assert wrong_after in finding.message and wrong_early in finding.message


def test_a_contact_outside_the_assignments_is_listed_for_the_violated_visit(backend: str) -> None:
    log = EventLog()
    outside = log.add("contact.made", "2026-01-20", officer="o-01", commune="c-01")
    assigned(log, "2026-02-01")
    visit = log.add("visit.conducted", "2026-02-05", officer="o-01", commune="c-01")
    (finding,) = run(log, "2026-05-01", "GR-VISIT-CONTACT", backend)
    assert finding.status == "violated"
    assert finding.evidence == (visit, outside)
    assert outside in finding.message and "not assigned" in finding.message


# Reviews (section 5): both windows open on the term's start, or the effective date if later.


def test_a_review_before_its_window_opens_does_not_count(backend: str) -> None:
    log = EventLog()
    early = log.add("review.held", "2025-03-01", kind="preliminary", term="t1")
    found = run(log, "2027-06-01", "GR-REVIEW", backend, register=LATER_EFFECTIVE)
    preliminary = next(f for f in found if f.subject.kind == "preliminary")
    assert preliminary.window and preliminary.window.start == date(2025, 6, 1)
    assert preliminary.status == "pending"
    assert preliminary.evidence == (early,)
    assert early in preliminary.message and "2025-06-01" in preliminary.message


def test_a_review_before_its_window_is_listed_after_the_fulfilling_one(backend: str) -> None:
    log = EventLog()
    early = log.add("review.held", "2025-03-01", kind="preliminary", term="t1")
    held = log.add("review.held", "2028-01-10", kind="preliminary", term="t1")
    found = run(log, "2030-01-01", "GR-REVIEW", backend, register=LATER_EFFECTIVE)
    preliminary = next(f for f in found if f.subject.kind == "preliminary")
    assert preliminary.status == "late"
    assert preliminary.evidence == (held, early)
    vi = evaluate(LATER_EFFECTIVE, log.events, as_of=date(2030, 1, 1), lang="vi")
    (text,) = [f.message for f in only(vi, "GR-REVIEW", kind="preliminary")]
    assert early in text and "không được tính" in text


def test_a_review_on_the_window_start_counts(backend: str) -> None:
    log = EventLog()
    held = log.add("review.held", "2025-06-01", kind="preliminary", term="t1")
    found = run(log, "2027-06-01", "GR-REVIEW", backend, register=LATER_EFFECTIVE)
    preliminary = next(f for f in found if f.subject.kind == "preliminary")
    assert (preliminary.status, preliminary.evidence) == ("fulfilled", (held,))


# Calendar quarters (section 5): a quarter the assignment does not fully cover gives nothing.


def test_calendar_quarter_not_fully_covered_gives_no_finding_even_with_a_visit(
    backend: str,
) -> None:
    log = EventLog()
    assigned(log, "2026-02-10")  # Q1 not fully covered
    log.add("visit.conducted", "2026-03-01", officer="o-01", commune="c-01")
    log.add("visit.conducted", "2026-05-01", officer="o-01", commune="c-01")
    log.add("visit.conducted", "2026-08-01", officer="o-01", commune="c-01")
    log.add("assignment.ended", "2026-08-15", officer="o-01", commune="c-01", reason="other")
    found = run(log, "2026-12-01", "GR-VISIT-QUARTERLY", backend, visit_cadence="calendar_quarter")
    assert statuses(found) == [("fulfilled", "2026-04-01", "2026-06-30")]


# Non-retroactivity (section 3): a one-off trigger before the effective date owes nothing.


def test_one_off_triggers_before_the_effective_date_create_no_obligation(backend: str) -> None:
    log = EventLog()
    assigned(log, "2025-01-10")
    log.add("performance.rated", "2025-05-20", officer="o-01", year=2024, rating="not_completed")
    log.add("performance.rated", "2025-05-21", officer="o-01", year=2024, rating="excellent")
    log.add("violation.recorded", "2025-05-22", officer="o-01", summary="x")
    log.add("issue.raised", "2025-05-23", officer="o-01", commune="c-01", to="sm-01", kind="proposal")  # fmt: skip
    for rule in ("GR-REPLACEMENT", "GR-COMMENDATION", "GR-VIOLATION-HANDLING", "GR-ISSUE-RELAY"):
        assert run(log, "2026-06-01", rule, backend, register=LATER_EFFECTIVE) == []
    # The continuing state is owed from the effective date on.
    quarterly = run(log, "2026-06-01", "GR-VISIT-QUARTERLY", backend, register=LATER_EFFECTIVE)
    assert statuses(quarterly)[0][1] == "2025-06-01"


# GR-REPLACEMENT (section 5): an assignment.ended counts only with a reason that says so.


def test_an_assignment_ended_at_the_term_end_is_no_replacement(backend: str) -> None:
    log = EventLog()
    assigned(log, "2025-01-10")
    rated = log.add("performance.rated", "2026-02-01", officer="o-01", year=2025, rating="not_completed")  # fmt: skip
    ended = log.add("assignment.ended", "2026-03-01", officer="o-01", commune="c-01", reason="term_end")  # fmt: skip
    (finding,) = run(log, "2026-05-01", "GR-REPLACEMENT", backend)
    assert finding.status == "violated"
    assert finding.evidence == (rated, ended)
    assert ended in finding.message and "term_end" in finding.message
    for reason in ("replaced", "not_completed", "violation"):
        log = EventLog()
        assigned(log, "2025-01-10")
        log.add("performance.rated", "2026-02-01", officer="o-01", year=2025, rating="not_completed")  # fmt: skip
        log.add("assignment.ended", "2026-03-01", officer="o-01", commune="c-01", reason=reason)
        assert [f.status for f in run(log, "2026-05-01", "GR-REPLACEMENT", backend)] == [
            "fulfilled"
        ]


# validate (section 7): 0 when every record is accepted, 1 when some are rejected, 2 unusable.

EXAMPLE = Path(__file__).parent.parent / "examples" / "tinh-mau"


def _validate(tmp_path: Path, lines: list[str], *extra: str) -> int:
    events = tmp_path / "events.jsonl"
    events.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return main(
        ["validate", "--register", str(EXAMPLE / "register.yaml"), "--events", str(events), *extra]
    )


def test_validate_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = '{"id": "x1", "type": "regulation.disseminated", "at": "2026-01-05"}'
    future = '{"id": "x2", "type": "regulation.disseminated", "at": "2026-02-05"}'
    assert _validate(tmp_path, [good, good, future], "--as-of", "2026-01-31") == 0
    assert "duplicates 1" in capsys.readouterr().out
    assert _validate(tmp_path, [good, '{"id": "x3", "type": "nope", "at": "2026-01-05"}']) == 1
    assert _validate(tmp_path, ["[1, 2"], "--events", str(tmp_path / "missing.jsonl")) == 2
    bad_register = tmp_path / "register.yaml"
    bad_register.write_text("province: [\n", encoding="utf-8")
    assert main(["validate", "--register", str(bad_register)]) == 2


def test_a_findings_json_line_is_pydantics_own() -> None:
    from governance_rules import load_register, read_events
    from governance_rules.model import finding_json

    register = load_register(EXAMPLE / "register.yaml")
    events = read_events([EXAMPLE / "events.jsonl"], register).accepted
    for lang in ("vi", "en"):
        found = evaluate(register, events, as_of=date(2026, 11, 30), lang=lang)
        assert len(found) > 1000
        assert all(finding_json(f) == f.model_dump_json(exclude_none=True) for f in found)

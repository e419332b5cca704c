"""A report narrowed to a period (SPEC section 7): the instances due in it and those still
open at its end, evaluated over the whole history as of ``--as-of``."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from governance_rules import Period, load_register, read_events
from governance_rules import check as check_report
from governance_rules.model import Finding, Subject, Window
from tests.test_cli import EVENTS, REGISTER, check

AS_OF = date(2026, 11, 30)


def _finding(start: str, due: str) -> Finding:
    return Finding(
        rule="GR-VISIT-QUARTERLY",
        status="pending",
        subject=Subject(officer="o-01"),
        window=Window(start=date.fromisoformat(start), due=date.fromisoformat(due)),
        clauses=("D4",),
        message="m",
    )


@pytest.mark.parametrize(
    ("start", "due", "held"),
    [
        ("2025-01-10", "2025-04-10", True),  # due in the period
        ("2024-11-10", "2025-02-10", True),  # begun before it, due in it
        ("2025-11-10", "2026-02-10", True),  # still open at its end
        ("2025-12-31", "2025-12-31", True),  # a check on its last day
        ("2024-10-10", "2024-12-31", False),  # due before it
        ("2026-01-01", "2026-03-31", False),  # begun after it
    ],
)
def test_a_period_holds_what_is_due_in_it_and_what_is_open_at_its_end(
    start: str, due: str, held: bool
) -> None:
    assert Period.year(2025).holds(_finding(start, due)) is held


def test_a_period_that_ends_before_it_begins_is_refused() -> None:
    with pytest.raises(ValueError, match="ends"):
        Period(from_=date(2025, 2, 1), to=date(2025, 1, 1))


def test_the_json_report_of_a_period_is_the_whole_history_narrowed() -> None:
    result = check("--format", "json", "--period", "2025")
    assert result.returncode == 1, result.stderr
    narrowed = json.loads(result.stdout)
    assert narrowed["period"] == {"from": "2025-01-01", "to": "2025-12-31"}
    register = load_register(REGISTER)
    whole = check_report(register, read_events([EVENTS], register, AS_OF), as_of=AS_OF)
    period = Period.year(2025)
    expected = [
        json.loads(f.model_dump_json(exclude_none=True)) for f in whole.findings if period.holds(f)
    ]
    assert narrowed["findings"] == expected
    assert 0 < len(expected) < len(whole.findings)
    counts = {s: sum(1 for f in expected if f["status"] == s) for s in narrowed["summary"]}
    assert narrowed["summary"] == counts
    assert narrowed["input"] == whole.input.model_dump()  # the input is accounted for whole
    same = check("--format", "json", "--from", "2025-01-01", "--to", "2025-12-31")
    assert json.loads(same.stdout) == narrowed
    whole_json = json.loads(check("--format", "json").stdout)
    assert "period" not in whole_json


@pytest.mark.parametrize("period", [Period.year(2025), Period.year(2026), Period.year(2019)])
def test_a_period_report_holds_the_whole_history_s_findings_of_the_period(period: Period) -> None:
    # check() of a period holds only the period's findings as they are made (the reference
    # engine's iter_compact); a backend without that path narrows its whole list. Both
    # give the findings of the whole history's report that the period holds, in its order.
    from governance_rules.engine import evaluate
    from governance_rules.plugins import Plugins

    register = load_register(REGISTER)
    intake = read_events([EVENTS], register, AS_OF)
    whole = check_report(register, intake, as_of=AS_OF)
    expected = [f for f in whole.findings if period.holds(f)]
    narrowed = check_report(register, intake, as_of=AS_OF, period=period)
    plain = Plugins(backends={"plain": lambda *args, **kwargs: evaluate(*args, **kwargs)})
    held = check_report(
        register, intake, as_of=AS_OF, period=period, backend="plain", plugins=plain
    )
    assert list(narrowed.findings) == list(held.findings) == expected
    assert (
        narrowed.summary
        == held.summary
        == {s: sum(1 for f in expected if f.status == s) for s in narrowed.summary}
    )


def test_the_table_names_the_period_and_a_bad_period_is_a_usage_error() -> None:
    table = check("--period", "2025", "--lang", "vi")
    assert "kỳ báo cáo 01/01/2025 – 31/12/2025" in table.stdout.splitlines()[0]
    for extra, said in (
        (("--from", "2025-01-01"), "a period needs both --from and --to"),
        (("--period", "2025", "--to", "2025-02-01"), "--period and --from/--to are alternatives"),
        (("--from", "2025-03-01", "--to", "2025-02-01"), "--to 2025-02-01 is before --from"),
        (("--period", "25"), "expected a year YYYY, got '25'"),
    ):
        result = check(*extra)
        assert result.returncode == 2 and result.stdout == "", extra
        assert len(result.stderr.splitlines()) == 1 and said in result.stderr, result.stderr


def test_the_html_report_of_a_period_shows_its_quarters_only() -> None:
    page = check("--period", "2025", "--format", "html", "--lang", "en").stdout
    assert "<tr><td>Period</td><td>2025-01-01 – 2025-12-31</td></tr>" in page
    assert "2025-Q1" in page and "2025-Q4" in page
    assert "2024-Q4" not in page and "2026-Q1" not in page


def test_a_commune_that_did_not_exist_in_the_period_has_no_matrix_row() -> None:
    later = check("--period", "2026", "--format", "markdown", "--lang", "vi").stdout
    row = "| Xã An Hòa → Xã An Lão (c-an-hoa) |"
    assert row not in later and "| Xã An Lão (c-an-lao-moi) |" in later
    merger = check("--period", "2025", "--format", "markdown", "--lang", "vi").stdout
    assert row in merger


def test_timelines_for_one_officer_or_commune_from_the_command_line() -> None:
    page = check("--commune", "c-an-tan", "--format", "html", "--lang", "en").stdout
    section = page.split('<section id="timelines">')[1].split("</section>")[0]
    assert section.count('<div class="timeline">') >= 1
    assert all("Xã An Tân (c-an-tan)" in h for h in re.findall(r"<h3>(.*?)</h3>", section))
    assert '<section id="timelines">' not in check("--format", "html").stdout
    for flag, value in (("--officer", "o-99"), ("--commune", "c-nowhere")):
        result = check(flag, value, "--format", "html")
        assert result.returncode == 2 and result.stdout == ""
        assert result.stderr.strip().endswith(f"{flag} {value}: no such {flag[2:]} in the register")
        assert len(result.stderr.splitlines()) == 1

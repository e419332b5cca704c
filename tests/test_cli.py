"""The installed command, run as an auditor runs it."""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from governance_rules import CATALOGUE
from tests.paths import EXAMPLE, ROOT

# The console script installed beside this interpreter (a virtual environment), else on PATH.
_BESIDE = Path(sys.executable).parent / "governance-rules"
EXE = str(_BESIDE) if _BESIDE.exists() else shutil.which("governance-rules")
REGISTER = str(EXAMPLE / "register.yaml")
EVENTS = str(EXAMPLE / "events.jsonl")


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    assert EXE is not None, "the governance-rules command is not installed"
    base = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES")}
    return subprocess.run(
        [EXE, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**base, **(env or {})},
        check=False,
    )


def check(*extra: str) -> subprocess.CompletedProcess[str]:
    return run("check", "--register", REGISTER, "--events", EVENTS, "--as-of", "2026-11-30", *extra)


def test_check_json_shape_and_every_rule() -> None:
    result = check("--format", "json")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert list(report) == [
        "as_of",
        "province",
        "backend",
        "policy",
        "input",
        "rejected",
        "findings",
        "summary",
    ]
    assert (report["as_of"], report["province"], report["backend"]) == (
        "2026-11-30",
        "tinh-mau",
        "reference",
    )
    counts = report["input"]
    assert counts == {"read": 960, "accepted": 953, "duplicates": 1, "rejected": 5, "future": 1}
    assert [r["location"] for r in report["rejected"]] == [
        f"{EVENTS}:955",
        f"{EVENTS}:956",
        f"{EVENTS}:957",
        f"{EVENTS}:959",
        f"{EVENTS}:960",
    ]
    assert {f["rule"] for f in report["findings"]} == {r.id for r in CATALOGUE}
    finding = report["findings"][0]
    assert set(finding) == {"rule", "status", "subject", "window", "evidence", "clauses", "message"}
    total = sum(report["summary"].values())
    assert total == len(report["findings"])
    assert set(report["summary"]) == {
        "fulfilled",
        "late",
        "violated",
        "pending",
        "observed",
        "not_observed",
    }
    assert report["policy"]["visit_interval_months"] == 3


def test_the_language_follows_windows_display_language_when_no_locale_is_set() -> None:
    # Windows sets none of LC_ALL, LC_MESSAGES and LANG: its user's display language is
    # the locale there. A variable that is set still decides first.
    from governance_rules.cli import default_lang, system_language

    assert default_lang({}, lambda: "vi_VN") == "vi"
    assert default_lang({}, lambda: "en_US") == default_lang({}, lambda: "") == "en"
    assert default_lang({"LANG": "en_US.UTF-8"}, lambda: "vi_VN") == "en"
    assert default_lang({"LC_ALL": "vi_VN.UTF-8"}, lambda: "en_US") == "vi"
    if sys.platform != "win32":
        assert system_language() == ""  # elsewhere the variables are the locale


@pytest.mark.parametrize("codec", ["cp1258", "cp1252", "ascii"])
def test_output_redirected_in_a_legacy_code_page_is_utf_8(codec: str) -> None:
    # On a Vietnamese Windows, output sent to a file or a pipe is in cp1258, which has no
    # precomposed Vietnamese letters: the report and its errors are written in UTF-8, as
    # --output writes them, rather than failing on the first such letter.
    args = ["check", "--register", REGISTER, "--events", EVENTS, "--as-of", "2026-11-30"]
    env = {**os.environ, "PYTHONIOENCODING": codec, "LANG": "vi_VN.UTF-8"}
    done = subprocess.run([EXE or "", *args], capture_output=True, cwd=ROOT, env=env)
    assert done.returncode == 1, done.stderr
    assert "chưa thực hiện (quá hạn)" in done.stdout.decode("utf-8")
    bad = subprocess.run(
        [EXE or "", *args, "--policy", "nowhere.yaml"], capture_output=True, cwd=ROOT, env=env
    )
    assert bad.returncode == 2
    assert bad.stderr.decode("utf-8").startswith("governance-rules: lỗi: nowhere.yaml")


def test_check_table_in_vietnamese_by_locale() -> None:
    result = run(
        "check",
        "--register",
        REGISTER,
        "--events",
        EVENTS,
        "--as-of",
        "2026-11-30",
        env={"LANG": "vi_VN.UTF-8"},
    )
    assert result.returncode == 1
    assert "chưa thực hiện (quá hạn)" in result.stdout
    assert "quá hạn" in result.stdout and "/2024" in result.stdout
    assert all(len(line) <= 80 for line in result.stdout.splitlines())
    english = check()
    assert "violated" in english.stdout and "days overdue" in english.stdout
    assert all(len(line) <= 80 for line in english.stdout.splitlines())


def test_check_writes_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = check("--format", "json", "--output", str(out), "--lang", "vi")
    assert result.returncode == 1 and result.stdout == ""
    assert "quá hạn" in out.read_text(encoding="utf-8")


def test_policy_changes_findings() -> None:
    result = check("--format", "json", "--policy", str(EXAMPLE / "policy.yaml"))
    report = json.loads(result.stdout)
    assert report["policy"]["dissemination_days"] == 10
    (dissemination,) = [f for f in report["findings"] if f["rule"] == "GR-DISSEMINATION"]
    assert dissemination["status"] == "late"
    table = check("--policy", str(EXAMPLE / "policy.yaml")).stdout
    assert "* dissemination_days = 10" in table


def test_strict_refuses_rejected_input() -> None:
    result = check("--strict", "--format", "json")
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 5 and all(line.startswith("governance-rules: error: ") for line in lines)


def test_exit_0_without_violations(tmp_path: Path) -> None:
    register = tmp_path / "register.yaml"
    register.write_text(
        "province: {id: p, name: Tỉnh}\nregulation: {effective: 2026-01-01}\n"
        "terms: [{id: t, start: 2025-10-01, end: 2030-09-30}]\n"
        "communes: [{id: c, name: Xã, kind: xa}]\n"
        "standing_members: [{id: m, name: Một, in_charge_of: [c]}]\n"
        "agencies: [{id: a, name: Sở}]\nofficers: [{id: o, name: Hai, agency: a}]\n",
        encoding="utf-8",
    )
    events = tmp_path / "events.jsonl"
    events.write_text(
        '{"id": "d1", "type": "regulation.disseminated", "at": "2026-01-05"}\n'
        '{"id": "a1", "type": "assignment.decided", "at": "2025-11-01", "officer": "o",'
        ' "commune": "c", "term": "t"}\n'
        '{"id": "c1", "type": "contact.made", "at": "2026-02-01", "officer": "o", "commune": "c"}\n'
        '{"id": "v1", "type": "visit.conducted", "at": "2026-02-03", "officer": "o",'
        ' "commune": "c"}\n',
        encoding="utf-8",
    )
    result = run(
        "check",
        "--register",
        str(register),
        "--events",
        str(events),
        "--as-of",
        "2026-02-20",
        "--format",
        "json",
    )
    assert result.returncode == 0, result.stdout
    summary = json.loads(result.stdout)["summary"]
    assert summary["violated"] == summary["late"] == 0
    assert summary["fulfilled"] == 3  # dissemination, the visit window, the contact


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("check", "--register", "missing.yaml", "--events", EVENTS), "missing.yaml: cannot read"),
        (("check", "--register", REGISTER, "--events", "nope.jsonl"), "nope.jsonl: cannot read"),
        (
            ("check", "--register", REGISTER, "--events", EVENTS, "--as-of", "2026-13-01"),
            "'2026-13-01' is no day of the calendar",
        ),
        (
            ("check", "--register", REGISTER, "--events", EVENTS, "--format", "pdf"),
            "invalid choice",
        ),
        (("explain", "GR-VISIT-QUARTER"), "did you mean 'GR-VISIT-QUARTERLY'"),
        (("check",), "required"),
        ((), "required"),
    ],
)
def test_bad_usage_and_unreadable_input_exit_2(args: tuple[str, ...], fragment: str) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert fragment in result.stderr
    assert "Traceback" not in result.stderr
    assert all(line.startswith("governance-rules: error: ") for line in result.stderr.splitlines())


def test_bad_register_and_policy_exit_2_one_line_each(tmp_path: Path) -> None:
    register = tmp_path / "register.yaml"
    text = (EXAMPLE / "register.yaml").read_text(encoding="utf-8")
    register.write_text(
        text.replace("district: d-an-lao,", "district: d-an-lo,").replace(
            "agency: a-noi-vu}", "agency: a-noivu}"
        ),
        encoding="utf-8",
    )
    result = run("check", "--register", str(register), "--events", EVENTS)
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert (
        f"governance-rules: error: {register}: communes[0].district: unknown district 'd-an-lo' (did you mean 'd-an-lao'?)"
        in lines
    )
    assert any("officers[0].agency: unknown agency 'a-noivu'" in line for line in lines)
    assert len(lines) > 4  # every problem, not the first
    policy = tmp_path / "policy.yaml"
    policy.write_text("contact_window: 10\n", encoding="utf-8")
    result = check("--policy", str(policy))
    assert result.returncode == 2
    assert (
        "contact_window: unknown policy key (did you mean 'contact_window_days'?)" in result.stderr
    )


def test_validate() -> None:
    result = run("validate", "--register", REGISTER, "--events", EVENTS, "--as-of", "2026-11-30")
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        "read 960, accepted 953, duplicates 1, rejected 5, future 1"
    )
    clean = run("validate", "--register", REGISTER)
    assert clean.returncode == 0


def test_rules_json_and_explain() -> None:
    result = run("rules", "--format", "json", "--lang", "vi")
    rules = json.loads(result.stdout)
    assert len(rules) == 21
    assert all({"id", "title", "bearer", "clauses", "policy"} <= set(r) for r in rules)
    assert next(r for r in rules if r["id"] == "GR-EVALUATION")["policy"] == [
        "evaluation_due",
        "evaluation_min_active_days",
        "day_off_rule",
    ]
    markdown = run("rules", "--format", "markdown").stdout
    assert markdown.count("| `GR-") == 21 and markdown.count("## GR-") == 21
    explained = " ".join(run("explain", "GR-EVALUATION", "--lang", "en").stdout.split())
    assert "trước ngày 20/12" in explained and "before 20 December" in explained
    vietnamese = run("explain", "GR-EVALUATION", "--lang", "vi").stdout
    assert "before 20 December" not in vietnamese


@pytest.mark.parametrize("what", ["events", "register", "policy", "findings"])
def test_schema(what: str) -> None:
    result = run("schema", what)
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert "$defs" in schema or "properties" in schema or "oneOf" in schema


@pytest.mark.parametrize(("fmt", "marker"), [("html", "<!DOCTYPE html>"), ("markdown", "# ")])
def test_check_html_and_markdown(tmp_path: Path, fmt: str, marker: str) -> None:
    out = tmp_path / f"report.{fmt}"
    result = check("--format", fmt, "--output", str(out), "--lang", "vi")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == f"governance-rules: đã ghi {out}\n"  # where, and nothing else
    text = out.read_text(encoding="utf-8")
    assert text.startswith(marker) and "Tỉnh Mẫu" in text and "30/11/2026" in text


def test_calendar_command(tmp_path: Path) -> None:
    out = tmp_path / "deadlines.ics"
    args = ("calendar", "--register", REGISTER, "--events", EVENTS, "--as-of", "2026-11-30")
    result = run(*args, "--output", str(out), "--remind-days", "3")
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("BEGIN:VCALENDAR") and "TRIGGER:-P3D" in text
    assert run(*args, "--remind-days", "3").stdout.replace("\r\n", "\n") == text.replace(
        "\r\n", "\n"
    )
    assert run(*args, "--remind-days", "soon").returncode == 2


def test_calendar_prints_the_days_off_of_a_year(tmp_path: Path) -> None:
    result = run("calendar", "--register", REGISTER, "--days-off", "2026", "--lang", "vi")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Ngày nghỉ năm 2026 (Tỉnh Mẫu)"
    assert "17/02/2026  nghỉ      thứ Ba, Tết Nguyên Đán" in lines
    # The example register lists the Saturday worked in exchange for 31 August.
    assert "22/08/2026  làm việc  thứ Bảy, ngày làm việc bù" in lines
    bad = run("calendar", "--register", REGISTER, "--days-off", "26")
    assert bad.returncode == 2 and "expected a year YYYY, got '26'" in bad.stderr


def test_the_icalendar_export_uses_the_moved_due_dates(tmp_path: Path) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text("day_off_rule: next_working_day\n", encoding="utf-8")
    args = ("calendar", "--register", REGISTER, "--events", EVENTS, "--as-of", "2026-11-30")
    exact = run(*args).stdout
    moved = run(*args, "--policy", str(policy)).stdout
    # The 2026 evaluations are due Saturday 19 December, or Monday 21 December.
    assert "DTSTART;VALUE=DATE:20261219" in exact and "DTSTART;VALUE=DATE:20261219" not in moved
    assert "DTSTART;VALUE=DATE:20261221" in moved


def _large_events(tmp_path: Path) -> Path:
    events = tmp_path / "large.jsonl"
    line = (
        '{{"id": "v{n}", "type": "visit.conducted", "at": "2026-03-05", "officer": "o-01", '
        '"commune": "c-an-lao-moi", "note": "{pad}"}}\n'
    )
    events.write_text("".join(line.format(n=n, pad="x" * 60) for n in range(12_000)))
    assert events.stat().st_size > 1 << 20
    return events


def test_progress_on_a_terminal_only(tmp_path: Path) -> None:
    events = _large_events(tmp_path)
    args = [EXE or "", "validate", "--register", REGISTER, "--events", str(events)]
    piped = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, check=False)
    assert piped.stderr == ""
    leader, follower = pty.openpty()
    try:
        subprocess.run(args, stdout=subprocess.PIPE, stderr=follower, cwd=ROOT, check=False)
        os.close(follower)
        seen = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    finally:
        os.close(leader)
    text = seen.decode("utf-8")
    assert "reading" in text and "12,000 records" in text


def test_an_impossible_date_in_the_register_is_a_located_error(tmp_path: Path) -> None:
    text = (EXAMPLE / "register.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "register.yaml"
    bad.write_text(text.replace("start: 2020-10-15", "start: 2020-02-30"), encoding="utf-8")
    result = run("validate", "--register", str(bad))
    assert result.returncode == 2
    assert result.stderr.startswith(f"governance-rules: error: {bad}: terms[0].start: ")
    assert "2020-02-30" in result.stderr and "Traceback" not in result.stderr


def test_check_json_is_written_as_made_and_equals_the_whole_report(tmp_path: Path) -> None:
    from datetime import date

    from governance_rules import check as check_report
    from governance_rules import load_register, read_events
    from governance_rules.report import render_json

    register = load_register(EXAMPLE / "register.yaml")
    intake = read_events([EXAMPLE / "events.jsonl"], register, date(2026, 11, 30))
    whole = render_json(check_report(register, intake, as_of=date(2026, 11, 30)))
    out = tmp_path / "report.json"
    result = check("--format", "json", "--output", str(out))
    assert result.returncode == 1
    assert out.read_text(encoding="utf-8") == whole
    assert check("--format", "json").stdout == whole
    # No findings at all: an empty list, and the same text either way.
    empty = check_report(register, read_events([], register), as_of=date(2020, 1, 1))
    assert '"findings": [],' in render_json(empty)
    assert json.loads(render_json(empty))["findings"] == []

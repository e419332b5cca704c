"""The auditor's compliance checker, run as an auditor runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import icalendar

from tests.test_cli import ROOT, run
from tests.workbooks import fill

SCRIPT = ROOT / "examples" / "compliance_checker" / "check_compliance.py"
EXAMPLE = ROOT / "examples" / "tinh-mau"


def checker(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, cwd=ROOT
    )


def _assert_folder(folder: Path, lang: str) -> None:
    assert sorted(p.name for p in folder.iterdir()) == [
        "deadlines.ics",
        "findings.json",
        "report.html",
        "summary.md",
    ]
    report = json.loads((folder / "findings.json").read_text(encoding="utf-8"))
    assert report["as_of"] == "2026-12-31" and len(report["findings"]) > 200
    # The year under review: what was due in 2026, and what it leaves open.
    assert report["period"] == {"from": "2026-01-01", "to": "2026-12-31"}
    assert all(f["window"]["due"] >= "2026-01-01" for f in report["findings"])
    html = (folder / "report.html").read_text(encoding="utf-8")
    assert "<script" not in html and "GR-VISIT-QUARTERLY" in html
    assert ("Ma trận" if lang == "vi" else "matrix") in html
    assert "GR-" in (folder / "summary.md").read_text(encoding="utf-8")
    calendar = icalendar.Calendar.from_ical((folder / "deadlines.ics").read_bytes())
    pending = [f for f in report["findings"] if f["status"] == "pending"]
    assert len(calendar.walk("VEVENT")) == len(pending) > 0


def test_one_command_writes_the_folder_and_prints_the_summary(tmp_path: Path) -> None:
    out = tmp_path / "tinh-mau-2026"
    result = checker(
        "--register",
        str(EXAMPLE / "register.yaml"),
        "--events",
        str(EXAMPLE / "events.jsonl"),
        "--year",
        "2026",
        "--output",
        str(out),
    )
    assert result.returncode == 1, result.stderr
    paragraph, *families, folder = result.stdout.splitlines()
    # A line a duty family, under a header.
    assert len(families) == 11 and families[1].startswith("Visits and meetings")
    assert families[0].split() == [
        "owed",
        "on",
        "time",
        "late",
        "missed",
        "open",
        "on",
        "time",
        "%",
    ]
    report = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    bad = report["summary"]["violated"], report["summary"]["late"]
    assert paragraph.startswith(
        f"Tỉnh Mẫu, year 2026, as of 2026-12-31: {len(report['findings'])} obligations examined, "
        f"{bad[0]} violated and {bad[1]} late. Most by commune: "
    )
    assert "by officer: " in paragraph and "5 input records rejected." in paragraph
    assert Path(folder) == out.resolve()
    _assert_folder(out, "en")
    readme = (SCRIPT.parent / "README.md").read_text(encoding="utf-8")
    assert paragraph in readme and families[1] in readme
    scorecard = (out / "summary.md").read_text(encoding="utf-8")
    assert "## Officers" in scorecard and "| Nguyễn Văn An (`o-01`) |" in scorecard


def test_the_same_from_a_workbook_made_with_template(tmp_path: Path) -> None:
    template = tmp_path / "mau.xlsx"
    assert run("template", "--xlsx", str(template)).returncode == 0
    book = tmp_path / "so-theo-doi.xlsx"
    fill(template, EXAMPLE / "register.yaml", EXAMPLE / "events.jsonl", book)
    out = tmp_path / "out"
    args = ["--register", str(book), "--events", str(book), "--year", "2026"]
    result = checker(*args, "--output", str(out), "--lang", "vi")
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith("Tỉnh Mẫu, năm 2026, tính đến ngày 31/12/2026: ")
    _assert_folder(out, "vi")


def test_unusable_input_is_one_line(tmp_path: Path) -> None:
    result = checker(
        "--register",
        str(tmp_path / "missing.yaml"),
        "--events",
        str(EXAMPLE / "events.jsonl"),
        "--year",
        "2026",
        "--output",
        str(tmp_path / "out"),
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "missing.yaml" in result.stderr

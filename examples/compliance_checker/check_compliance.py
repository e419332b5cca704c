"""The auditor's compliance checker: one command, one folder of reports.

    python examples/compliance_checker/check_compliance.py \
        --register examples/tinh-mau/register.yaml --events examples/tinh-mau/events.jsonl \
        --year 2026 --output out/tinh-mau-2026

reads the register and the event files (JSON Lines, JSON, CSV or .xlsx workbooks), checks
every rule as of 31 December of the year and reports the year under review (the
obligations due in it, and those still open at its end), or the whole history as of
--as-of, and writes into the output folder

- report.html: the printable report (summary, compliance matrix, findings with clauses),
- findings.json: every finding, as `governance-rules check --format json` prints it,
- summary.md: the same content as the HTML report, in Markdown,
- deadlines.ics: the pending obligations as calendar events,

then prints a paragraph: how many obligations, how many violated or late, and the three
communes and three officers with the most. It uses the package's public API only, and is
meant to be read as the model for embedding the library.

Exit status: 0 when nothing is violated or late, 1 otherwise, 2 for unusable input.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import governance_rules as gr
from governance_rules.report import (
    FAMILIES,
    by_family,
    render_html,
    render_ics,
    render_json,
    render_markdown,
)

BAD = ("violated", "late")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check a province's register and events.")
    parser.add_argument("--register", required=True, type=Path)
    parser.add_argument("--events", required=True, type=Path, nargs="+")
    parser.add_argument("--policy", type=Path)
    when = parser.add_mutually_exclusive_group(required=True)
    when.add_argument("--year", type=int, help="report this year, as of its 31 December")
    when.add_argument("--as-of", type=date.fromisoformat, help="check as of YYYY-MM-DD")
    parser.add_argument("--output", required=True, type=Path, help="the folder to write")
    parser.add_argument("--lang", choices=("vi", "en"), default="en")
    args = parser.parse_args(argv)
    as_of = args.as_of or date(args.year, 12, 31)
    period = gr.Period.year(args.year) if args.year else None
    try:
        register = gr.load_register(args.register)
        policy = gr.load_policy(args.policy) if args.policy else gr.Policy()
        intake = gr.read_events(args.events, register, as_of)
        report = gr.check(
            register, intake, as_of=as_of, policy=policy, lang=args.lang, period=period
        )
        args.output.mkdir(parents=True, exist_ok=True)
        files = {
            "report.html": render_html(report, register, intake.accepted, args.lang),
            "findings.json": render_json(report),
            "summary.md": render_markdown(report, register, intake.accepted, args.lang),
            "deadlines.ics": render_ics(report, args.lang),
        }
        for name, text in files.items():
            (args.output / name).write_text(text, encoding="utf-8")
    except gr.GovernanceRulesError as error:
        print(f"check_compliance: error: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"check_compliance: error: {args.output}: {error.strerror}", file=sys.stderr)
        return 2
    print(summary(report, register, args.lang))
    print(families(report, args.lang))
    print(args.output.resolve())
    return 1 if any(report.summary[s] for s in BAD) else 0


def families(report: gr.CheckReport, lang: str) -> str:
    """A line a duty family: owed, on time, late, missed, open, and the on-time rate."""
    head = ("owed", "on time", "late", "missed", "open", "on time %")
    if lang == "vi":
        head = ("phải làm", "đúng hạn", "muộn", "bỏ lỡ", "chưa đến hạn", "% đúng hạn")
    lines = [f"{'':<34}" + "".join(f"{word:>13}" for word in head)]
    for (_, names, _), tally in zip(FAMILIES, by_family(report.findings).values(), strict=True):
        rate = "-" if tally.rate is None else f"{round(tally.rate * 100)}%"
        counts = (tally.owed, tally.on_time, tally.late, tally.missed, tally.open, rate)
        name = names[0] if lang == "vi" else names[1]
        lines.append(f"{name:<34}" + "".join(f"{value:>13}" for value in counts))
    return "\n".join(lines)


def summary(report: gr.CheckReport, register: gr.Register, lang: str) -> str:
    """One paragraph: obligations, violations, and who has the most."""
    bad = [f for f in report.findings if f.status in BAD]
    names = {c.id: c.name for c in register.communes} | {o.id: o.name for o in register.officers}

    def top(key: str) -> str:
        counts = Counter(getattr(f.subject, key) for f in bad if getattr(f.subject, key))
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:3]
        return ", ".join(f"{names.get(k, k)} ({n})" for k, n in ranked) or "-"

    late, violated = report.summary["late"], report.summary["violated"]
    year = f" {report.period.from_.year}" if report.period else ""
    if lang == "vi":
        return (
            f"{register.province.name}{', năm' + year if year else ''}, "
            f"tính đến ngày {report.as_of:%d/%m/%Y}: "
            f"{len(report.findings)} nghĩa vụ được xem xét, {violated} chưa thực hiện "
            f"(quá hạn) và {late} thực hiện muộn. Nhiều nhất theo xã: {top('commune')}; "
            f"theo cán bộ: {top('officer')}. {report.input.rejected} bản ghi bị loại."
        )
    return (
        f"{register.province.name},{' year' + year + ',' if year else ''} "
        f"as of {report.as_of.isoformat()}: "
        f"{len(report.findings)} obligations examined, {violated} violated and {late} late. "
        f"Most by commune: {top('commune')}; by officer: {top('officer')}. "
        f"{report.input.rejected} input records rejected."
    )


if __name__ == "__main__":
    sys.exit(main())

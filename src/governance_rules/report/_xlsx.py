"""The findings as a workbook an office can filter: one row a finding, with the summary,
the officer and commune scorecards, the policy and the rejected input on sheets of their
own."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from ..i18n import pick, status_label
from ..io import openpyxl_module, workbook_bytes
from ..model import BaseEvent, CheckReport, Policy, Register
from ._scores import FAMILIES, OFFICER_FAMILIES, by_family, communes_of, scorecards
from ._strings import STRINGS


def _value(value: Any) -> Any:
    """A policy value for a cell: a number as a number, anything else as its text."""
    return value if isinstance(value, int | float) and not isinstance(value, bool) else str(value)


def render_findings_xlsx(
    report: CheckReport,
    lang: str,
    register: Register | None = None,
    events: Sequence[BaseEvent] = (),
) -> bytes:
    """The findings as a workbook: one row a finding, filterable, with the summary, the
    officer and commune scorecards (with ``register``; ``events`` give the assignments), the
    policy and the rejected input on sheets of their own."""
    openpyxl = openpyxl_module()
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    vi = lang == "vi"
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Phát hiện" if vi else "Findings"
    keys: tuple[str, ...] = ("officer", "commune", "district", "standing_member", "year")
    keys += ("period", "term", "kind", "event")
    headers = ["rule", "status", *keys, "start", "due", "evidence", "clauses", "message"]
    if vi:
        headers = [
            "Quy tắc",
            "Tình trạng",
            "Cán bộ",
            "Xã",
            "Huyện",
            "Ủy viên BTV",
            "Năm",
            "Kỳ",
            "Nhiệm kỳ",
            "Loại",
            "Sự kiện",
            "Từ ngày",
            "Hạn",
            "Căn cứ",
            "Điều khoản",
            "Nội dung",
        ]
    ws.append(headers)
    for f in report.findings:
        subject = [getattr(f.subject, k) for k in keys]
        ws.append(
            [
                f.rule,
                status_label(f.status, lang),
                *subject,
                f.window.start if f.window else None,
                f.window.due if f.window else None,
                "; ".join(f.evidence),
                ", ".join(f.clauses),
                f.message,
            ]
        )
    for column in ("L", "M"):
        for cell in ws[column][1:]:
            cell.number_format = "DD/MM/YYYY" if vi else "YYYY-MM-DD"
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.auto_filter.ref = ws.dimensions
    ws.freeze_panes = "A2"
    widths = {"A": 22, "B": 20, "P": 100}
    for letter, width in widths.items():
        ws.column_dimensions[letter].width = width

    t = STRINGS[lang]
    summary = book.create_sheet("Tóm tắt" if vi else "Summary")
    summary.append([t["province"], report.province])
    summary.append([t["as_of"], report.as_of])
    if report.period is not None:
        summary.append([t["period"], report.period.from_, report.period.to])
    for status, count in report.summary.items():
        summary.append([status_label(status, lang), count])
    for name, value in report.input.model_dump().items():
        summary.append([t[name], value])
    for row in summary.iter_rows():
        for cell in row:
            if isinstance(cell.value, date):
                cell.number_format = "DD/MM/YYYY" if vi else "YYYY-MM-DD"
    summary.column_dimensions["A"].width = 28
    summary.append([])
    summary.append([t["family"], t["owed"], t["on_time"], t["late_n"], t["missed"], t["open"]])
    tallies = by_family(report.findings)
    for key, names, _ in FAMILIES:
        tally = tallies[key]
        summary.append(
            [pick(names, lang), tally.owed, tally.on_time, tally.late, tally.missed, tally.open]
        )
    if register is not None:
        officers = book.create_sheet("Cán bộ" if vi else "Officers")
        families = [pick(names, lang) for key, names, _ in FAMILIES if key in OFFICER_FAMILIES]
        head = [t["officer"], t["agency"], t["communes_assigned"]]
        columns = [t["owed"], t["on_time"], t["late_n"], t["missed"]]
        officers.append([*head, *(f"{name}: {c}" for name in families for c in columns), t["rate"]])
        for card in scorecards(report.findings, register):
            cells: list[Any] = [f"{card.name} ({card.officer})", card.agency]
            cells.append(", ".join(card.communes))
            for tally in card.families.values():
                cells += [tally.owed, tally.on_time, tally.late, tally.missed]
            rate = card.total.rate
            cells.append(None if rate is None else round(rate, 4))
            officers.append(cells)
        for cell in officers[1]:
            cell.font = Font(bold=True)
        for cell in officers[get_column_letter(officers.max_column)][1:]:
            cell.number_format = "0%"
        officers.auto_filter.ref = officers.dimensions
        officers.freeze_panes = "B2"
        communes = book.create_sheet("Xã" if vi else "Communes")
        keys = ("commune", "officers", "days_uncovered", "visits_owed", "visits_done")
        keys += ("invitations_missed", "evaluations", "submitted", "confirmed", "late_evaluations")
        communes.append([t[key] for key in keys])
        for c in communes_of(report, register, events):
            communes.append(
                [
                    f"{c.name} ({c.commune})",
                    ", ".join(c.officers),
                    c.days_uncovered,
                    c.visits.owed,
                    c.visits.on_time + c.visits.late,
                    c.invitations_missed,
                    c.evaluations,
                    c.submitted,
                    c.confirmed,
                    c.late,
                ]
            )
        for cell in communes[1]:
            cell.font = Font(bold=True)
        communes.auto_filter.ref = communes.dimensions
        communes.freeze_panes = "B2"
    # The policy the report used, each value as it is (a number stays a number).
    policy = book.create_sheet("Tham số" if vi else "Policy")
    policy.append(["Tham số", "Giá trị", "Mặc định"] if vi else ["Key", "Value", "Default"])
    defaults = Policy().model_dump(mode="json")
    for key, value in report.policy.items():
        policy.append([key, _value(value), _value(defaults.get(key))])
    for cell in policy[1]:
        cell.font = Font(bold=True)
    policy.column_dimensions["A"].width = 32
    rejected = book.create_sheet("Bản ghi bị loại" if vi else "Rejected input")
    rejected.append(["Vị trí" if vi else "Location", "Lý do" if vi else "Error"])
    for r in report.rejected:
        rejected.append([r.location, r.error])
    return workbook_bytes(book, report.as_of)

"""The findings as a workbook an office can filter: one row a finding, with the summary,
the officer and commune scorecards, the policy and the rejected input on sheets of their
own."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from operator import attrgetter
from typing import Any

from ..i18n import POLICY_LABELS, language, pick, status_label
from ..model import BaseEvent, CheckReport, Policy, Register
from ._scores import CHECKS, FAMILIES, OFFICER_FAMILIES, by_family, communes_of, scorecards
from ._strings import STRINGS
from ._workbook import Percent, Sheet, write_workbook


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
    lang = language(lang)
    vi = lang == "vi"
    t = STRINGS[lang]
    sheets = [
        Sheet(
            "Phát hiện" if vi else "Findings",
            _findings(report, lang),
            widths={0: 22, 1: 20, 11: 12, 12: 12, 15: 100},
        ),
        Sheet(
            "Tóm tắt" if vi else "Summary",
            _summary(report, lang),
            header=False,
            autofilter=False,
            freeze=(0, 0),
            widths={0: 28},
        ),
    ]
    if register is not None:
        sheets.append(
            Sheet("Cán bộ" if vi else "Officers", _officers(report, register, lang), freeze=(1, 1))
        )
        keys = ["commune", "officers", "days_uncovered", "visits_owed", "visits_done"]
        keys += ["invitations_missed", "evaluations", "submitted", "confirmed", "late_evaluations"]
        rows: list[list[Any]] = [[t[key] for key in keys]]
        for c in communes_of(report, register, events):
            rows.append(
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
        sheets.append(Sheet("Xã" if vi else "Communes", rows, freeze=(1, 1), widths={0: 30}))
    # The policy the report used, each value as it is (a number stays a number).
    defaults = Policy().model_dump(mode="json")
    policy: list[list[Any]] = [
        ["Tham số", "Giá trị", "Mặc định", "Ý nghĩa"]
        if vi
        else ["Key", "Value", "Default", "Meaning"]
    ]
    policy += [
        [key, _value(value), _value(defaults.get(key)), pick(POLICY_LABELS[key], lang)]
        if key in POLICY_LABELS
        else [key, _value(value), _value(defaults.get(key))]
        for key, value in report.policy.items()
    ]
    sheets.append(Sheet("Tham số" if vi else "Policy", policy, widths={0: 32, 3: 70}))
    rejected: list[list[Any]] = [["Vị trí" if vi else "Location", "Lý do" if vi else "Error"]]
    rejected += [[r.location, r.text(lang)] for r in report.rejected]
    sheets.append(
        Sheet("Bản ghi bị loại" if vi else "Rejected input", rejected, widths={0: 30, 1: 80})
    )
    return write_workbook(sheets, report.as_of, "DD/MM/YYYY" if vi else "YYYY-MM-DD")


_KEYS: tuple[str, ...] = ("officer", "commune", "district", "standing_member", "year")
_KEYS += ("period", "term", "kind", "event")
_HEADERS = {
    "en": ["rule", "status", *_KEYS, "start", "due", "evidence", "clauses", "message"],
    "vi": [
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
        "Sự kiện liên quan",
        "Điều khoản",
        "Nội dung",
    ],
}


def _findings(report: CheckReport, lang: str) -> Iterator[list[Any]]:
    yield _HEADERS[lang]
    labels: dict[tuple[str, str], str] = {}
    keys = attrgetter(*_KEYS)
    for f in report.findings:
        status = labels.get((f.status, f.rule))
        if status is None:
            check = f.rule in CHECKS
            status = labels[f.status, f.rule] = status_label(f.status, lang, check=check)
        window = f.window
        yield [
            f.rule,
            status,
            *keys(f.subject),
            window.start if window else None,
            window.due if window else None,
            "; ".join(f.evidence),
            ", ".join(f.clauses),
            f.message,
        ]


def _summary(report: CheckReport, lang: str) -> Iterator[list[Any]]:
    t = STRINGS[lang]
    yield [t["province"], report.province]
    yield [t["as_of"], report.as_of]
    if report.period is not None:
        yield [t["period"], report.period.from_, report.period.to]
    for status, count in report.summary.items():
        yield [status_label(status, lang), count]
    for name, value in report.input.model_dump().items():
        yield [t[name], value]
    yield []
    yield [t["family"], t["owed"], t["on_time"], t["late_n"], t["missed"], t["open"]]
    tallies = by_family(report.findings)
    for key, names, _ in FAMILIES:
        tally = tallies[key]
        yield [pick(names, lang), tally.owed, tally.on_time, tally.late, tally.missed, tally.open]


def _officers(report: CheckReport, register: Register, lang: str) -> Iterator[list[Any]]:
    t = STRINGS[lang]
    families = [pick(names, lang) for key, names, _ in FAMILIES if key in OFFICER_FAMILIES]
    head = [t["officer"], t["agency"], t["communes_assigned"]]
    columns = [t["owed"], t["on_time"], t["late_n"], t["missed"]]
    yield [*head, *(f"{name}: {c}" for name in families for c in columns), t["rate"]]
    for card in scorecards(report.findings, register):
        cells: list[Any] = [f"{card.name} ({card.officer})", card.agency]
        cells.append(", ".join(card.communes))
        for tally in card.families.values():
            cells += [tally.owed, tally.on_time, tally.late, tally.missed]
        rate = card.total.rate
        cells.append(None if rate is None else Percent(round(rate, 4)))
        yield cells

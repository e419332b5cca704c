"""The findings as a workbook an office can filter: one row a finding, with the summary,
the officer and commune scorecards, the policy and the rejected input on sheets of their
own."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from operator import attrgetter
from typing import Any

from ..i18n import POLICY_LABELS, language, pick, status_label
from ..model import CheckReport, EventLike, Finding, Policy, Register, Status
from ._scores import (
    CHECKS,
    FAMILIES,
    OFFICER_FAMILIES,
    Mark,
    Marks,
    _marked,
    by_family,
    communes_of,
    scorecards,
)
from ._strings import STRINGS
from ._workbook import (
    FILLED_LATER,
    LATER,
    Percent,
    Placed,
    Sheet,
    cell,
    placed,
    workbook_pieces,
    write_workbook,
)


def _value(value: Any) -> Any:
    """A policy value for a cell: a number as a number, anything else as its text."""
    return value if isinstance(value, int | float) and not isinstance(value, bool) else str(value)


def render_findings_xlsx(
    report: CheckReport,
    lang: str,
    register: Register | None = None,
    events: Sequence[EventLike] = (),
) -> bytes:
    """The findings as a workbook: one row a finding, filterable, with the summary, the
    officer and commune scorecards (with ``register``; ``events`` give the assignments), the
    policy and the rejected input on sheets of their own."""
    rows = map(xlsx_row, report.findings)
    sheets = _sheets(report, rows, lambda: report.summary, lang, register, events)
    return write_workbook(sheets, report.as_of, _date_format(lang))


def render_xlsx_stream(
    head: CheckReport,
    findings: Iterable[str],
    summary: Callable[[], Mapping[Status, int]],
    lang: str,
    register: Register | None = None,
    events: Sequence[EventLike] = (),
) -> Iterator[bytes]:
    """:func:`render_findings_xlsx` of a report whose findings come one at a time, each as
    :func:`xlsx_row` made it, in the report's order (``head`` holds the rest of the
    report, and ``summary()`` the count of each status once they have all come), in
    pieces: neither the report nor the workbook is held whole. Only the text of each
    finding is held, until its row is written; the sheets after the findings, which count
    them, count what the rows' texts say of them."""
    sheets = _sheets(head, findings, summary, lang, register, events)
    return workbook_pieces(sheets, head.as_of, _date_format(lang))


def _date_format(lang: str) -> str:
    return "DD/MM/YYYY" if language(lang) == "vi" else "YYYY-MM-DD"


def _sheets(
    head: CheckReport,
    findings: Iterable[str],
    summary: Callable[[], Mapping[Status, int]],
    lang: str,
    register: Register | None,
    events: Sequence[EventLike],
) -> list[Sheet]:
    """The workbook's sheets, their rows made as they are written."""
    lang = language(lang)
    vi = lang == "vi"
    counted: Counter[str] = Counter()
    marks: dict[Mark, int] = {}

    def scores() -> dict[Mark, int]:  # the findings' marks, once the rows are written
        if not marks:
            for text, n in counted.items():
                marks[_mark(text)] = n
        return marks

    sheets = [
        Sheet(
            "Phát hiện" if vi else "Findings",
            _findings(findings, counted, lang),
            widths={0: 22, 1: 20, 11: 12, 12: 12, 15: 100},
        ),
        Sheet(
            "Tóm tắt" if vi else "Summary",
            _summary(head, summary, scores, lang),
            header=False,
            autofilter=False,
            freeze=(0, 0),
            widths={0: 28},
        ),
    ]
    if register is not None:
        sheets.append(
            Sheet(
                "Cán bộ" if vi else "Officers",
                _officers(scores, register, lang),
                freeze=(1, 1),
            )
        )
        sheets.append(
            Sheet(
                "Xã" if vi else "Communes",
                _communes(head, register, events, scores, lang),
                freeze=(1, 1),
                widths={0: 30},
            )
        )
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
        for key, value in head.policy.items()
    ]
    sheets.append(Sheet("Tham số" if vi else "Policy", policy, widths={0: 32, 3: 70}))
    rejected: list[list[Any]] = [["Vị trí" if vi else "Location", "Lý do" if vi else "Error"]]
    rejected += [[r.location, r.text(lang)] for r in head.rejected]
    sheets.append(
        Sheet("Bản ghi bị loại" if vi else "Rejected input", rejected, widths={0: 30, 1: 80})
    )
    return sheets


def _communes(
    head: CheckReport,
    register: Register,
    events: Sequence[EventLike],
    scores: Callable[[], Marks],
    lang: str,
) -> Iterator[list[Any]]:
    t = STRINGS[lang]
    keys = ["commune", "officers", "days_uncovered", "visits_owed", "visits_done"]
    keys += ["invitations_missed", "evaluations", "submitted", "confirmed", "late_evaluations"]
    yield [t[key] for key in keys]
    for c in communes_of(head, register, events, scores()):
        yield [
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


_KEYS: tuple[str, ...] = ("officer", "commune", "district", "standing_member", "year")
_KEYS += ("period", "term", "kind", "event")
_SUBJECT = attrgetter(*_KEYS)
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


_FIELD, _MARK = "\x1f", "\x1e"  # XML escapes both in a cell's text, JSON in a string
_QUOTED = "\x1d"  # a mark written as JSON, for ids that hold the separators themselves


def xlsx_row(f: Finding) -> str:
    """A finding as a long report holds it until its row is written: its cells' XML (the
    status left for the row's language), then its :class:`Mark` for the sheets that count
    the findings."""
    window = f.window
    row = placed(
        (
            f.rule,
            FILLED_LATER,  # the status, in the workbook's language
            *_SUBJECT(f.subject),
            window.start if window else None,
            window.due if window else None,
            "; ".join(f.evidence),
            ", ".join(f.clauses),
            f.message,
        )
    )
    fields = _marked(f)
    rule, status, officer, commune, bearer, evidenced = fields
    mark = _FIELD.join(
        (rule, status, officer or "", commune or "", bearer or "", "1" if evidenced else "")
    )
    if (
        mark.count(_FIELD) != 5
        or _MARK in mark
        or mark[:1] == _QUOTED
        or "" in (officer, commune, bearer)
    ):
        mark = _QUOTED + json.dumps(fields)
    return row + _MARK + mark


def _mark(text: str) -> Mark:
    """The :class:`Mark` that :func:`xlsx_row` wrote as ``text``."""
    if text[:1] == _QUOTED:
        rule, status, officer, commune, bearer, evidenced = json.loads(text[1:])
        return Mark(rule, status, officer, commune, bearer, evidenced)
    rule, status, officer, commune, bearer, evidenced = text.split(_FIELD)
    return Mark(rule, status, officer or None, commune or None, bearer or None, evidenced == "1")


def _findings(texts: Iterable[str], counted: Counter[str], lang: str) -> Iterator[Sequence[Any]]:
    """The findings sheet's rows, counting each row's mark in ``counted``."""
    yield _HEADERS[lang]
    labels: dict[str, str] = {}  # a mark's status, as its cell
    for text in texts:
        row, _, mark = text.rpartition(_MARK)
        counted[mark] += 1
        label = labels.get(mark)
        if label is None:
            found = _mark(mark)
            status = status_label(found.status, lang, check=found.rule in CHECKS)
            label = labels[mark] = cell(status)
        yield Placed(row.replace(LATER, label, 1))


def _summary(
    head: CheckReport,
    summary: Callable[[], Mapping[Status, int]],
    scores: Callable[[], Marks],
    lang: str,
) -> Iterator[list[Any]]:
    t = STRINGS[lang]
    yield [t["province"], head.province]
    yield [t["as_of"], head.as_of]
    if head.period is not None:
        yield [t["period"], head.period.from_, head.period.to]
    for status, count in summary().items():
        yield [status_label(status, lang), count]
    for name, value in head.input.model_dump().items():
        yield [t[name], value]
    yield []
    yield [t["family"], t["owed"], t["on_time"], t["late_n"], t["missed"], t["open"]]
    tallies = by_family(scores())
    for key, names, _ in FAMILIES:
        tally = tallies[key]
        yield [pick(names, lang), tally.owed, tally.on_time, tally.late, tally.missed, tally.open]


def _officers(scores: Callable[[], Marks], register: Register, lang: str) -> Iterator[list[Any]]:
    t = STRINGS[lang]
    families = [pick(names, lang) for key, names, _ in FAMILIES if key in OFFICER_FAMILIES]
    head = [t["officer"], t["agency"], t["communes_assigned"]]
    columns = [t["owed"], t["on_time"], t["late_n"], t["missed"]]
    yield [*head, *(f"{name}: {c}" for name in families for c in columns), t["rate"]]
    for card in scorecards(scores(), register):
        cells: list[Any] = [f"{card.name} ({card.officer})", card.agency]
        cells.append(", ".join(card.communes))
        for tally in card.families.values():
            cells += [tally.owed, tally.on_time, tally.late, tally.missed]
        rate = card.total.rate
        cells.append(None if rate is None else Percent(round(rate, 4)))
        yield cells

"""Plain-text output for a terminal: the report, and the rule catalogue."""

from __future__ import annotations

import textwrap
from collections import Counter

from .._text import printable
from ..i18n import (
    BEARER_LABELS,
    act_text,
    backend_label,
    fmt_date,
    language,
    pick,
    status_label,
)
from ..model import STATUSES, Accounting, CheckReport, Finding, Register
from ..regulation import CLAUSES_BY_ID
from ..rules import CATALOGUE, Catalogue, Rule
from ._scores import CHECKS
from ._view import policy_rows

WIDTH = 80
_QUIET = ("fulfilled", "observed")

_WORDS: dict[str, tuple[str, str]] = {
    "as_of": ("tính đến", "as of"),
    "backend": ("công cụ đánh giá", "backend"),
    "period": ("kỳ báo cáo", "period"),
    "input": ("Dữ liệu vào", "Input"),
    "read": ("đọc", "read"),
    "accepted": ("hợp lệ", "accepted"),
    "duplicates": ("trùng", "duplicates"),
    "rejected": ("loại", "rejected"),
    "future": ("ghi ngày sau thời điểm tính (chưa xét)", "future"),
    "summary": ("Tổng hợp", "Summary"),
    "policy": ("Tham số (* khác mặc định)", "Policy (* differs from the default)"),
    "rejected_input": ("Bản ghi bị loại", "Rejected input"),
    "rule": ("Quy tắc", "Rule"),
    "due": ("hạn", "due"),
    "on": ("ngày", "on"),
    "from": ("từ", "from"),
    "to": ("đến", "to"),
    "findings": ("Phát hiện cần lưu ý", "Findings that need attention"),
    "by_rule": ("Theo quy tắc", "By rule"),
    "none": ("(không có)", "(none)"),
    "bearer": ("Chủ thể", "Bearer"),
    "clauses": ("Điều khoản", "Clauses"),
    "reads": ("Tham số", "Policy keys"),
    "template": ("Mẫu", "Template"),
    "in_force": ("Hiệu lực", "In force"),
    "scope": ("Phạm vi", "Scope"),
    "bad": ("Chưa thực hiện hoặc thực hiện muộn, theo cán bộ", "Violated or late, by officer"),
    "open": ("Chưa đến hạn, theo cán bộ", "Pending, by officer"),
    "not_observed": ("Khuyến khích chưa thực hiện", "Recommendations not observed"),
    "done": ("Đã thực hiện", "Fulfilled and observed"),
    "no_officer": (
        "Ban Thường vụ, Ban Tổ chức, ủy viên BTV và đảng ủy xã",
        "The Standing Committee, the Organization Board, members and communes",
    ),
}


def _word(key: str, lang: str) -> str:
    return pick(_WORDS[key], lang)


def _wrap(text: str, indent: str = "", then: str | None = None) -> list[str]:
    """``text`` in lines of at most :data:`WIDTH`, the first indented by ``indent``, the
    rest by ``then`` (the same when ``None``): a wrapped line never starts at column 0
    unless the first does."""
    # Whatever the input's strings hold, no control or bidirectional character reaches
    # the terminal: each is shown as its escape.
    lines = textwrap.wrap(
        printable(text),
        WIDTH,
        initial_indent=indent,
        subsequent_indent=indent if then is None else then,
        break_on_hyphens=False,
    )
    return lines or [indent]


def policy_lines(policy: dict[str, object]) -> list[str]:
    """``key = value`` lines, a ``*`` marking values that differ from the defaults."""
    return [
        f"  {'*' if differs else ' '} {key} = {value}"
        for key, value, _, differs in policy_rows(policy)
    ]


def _names(register: Register | None) -> dict[str, str]:
    """``Nguyễn Văn An (o-01)`` for each officer, commune, member and district id."""
    if register is None:
        return {}
    named: list[tuple[str, str]] = [
        *((o.id, o.name) for o in register.officers),
        *((c.id, c.name) for c in register.communes),
        *((m.id, m.name) for m in register.standing_members),
        *((d.id, d.name) for d in register.districts),
    ]
    return {key: f"{name} ({key})" for key, name in named}


def _subject(finding: Finding, names: dict[str, str]) -> str:
    """The subject's values, each register id with its name."""
    values = finding.subject.model_dump(exclude_none=True)
    return " · ".join(names.get(str(v), str(v)) for k, v in values.items() if k != "officer")


def _finding_lines(f: Finding, lang: str, names: dict[str, str]) -> list[str]:
    checked = f.rule in CHECKS
    due = ""
    if f.window is not None and f.rule == "GR-COVERAGE":
        due = f" · {_word('from', lang)} {fmt_date(f.window.start, lang)}"
        due += f" {_word('to', lang)} {fmt_date(f.window.due, lang)}"
    elif f.window is not None:
        due = f" · {_word('on' if checked else 'due', lang)} {fmt_date(f.window.due, lang)}"
    subject = _subject(f, names)
    label = f"[{status_label(f.status, lang, check=checked)}]"
    # The label's spaces do not break while wrapping (it is never split across lines);
    # then the label is written back as it is, and nothing of the input is touched.
    whole = label.replace(" ", "\u00a0")
    head = f"{whole} {f.rule}{due}" + (f" · {subject}" if subject else "")
    lines = _wrap(head, "  ", "      ")
    lines[0] = f"  {label}{lines[0][2 + len(label) :]}"
    return [*lines, *_wrap(f.message, "      ")]


def render_table(
    report: CheckReport,
    lang: str,
    *,
    everything: bool = False,
    register: Register | None = None,
) -> str:
    """The report for a terminal, what needs attention first: header, accounting, summary,
    the rejected input (often the cause of what follows), the late and violated findings
    grouped by officer, the pending ones, the recommendations not observed, counts by rule,
    and the policy. Fulfilled and observed findings are counted, and listed only with
    ``everything``. With ``register``, ids are shown with their names."""
    lang = language(lang)
    names = _names(register)
    period = ""
    if report.period is not None:
        span = f"{fmt_date(report.period.from_, lang)} – {fmt_date(report.period.to, lang)}"
        period = f" · {_word('period', lang)} {span}"
    province = report.province
    if register is not None:
        province = f"{register.province.name} ({register.province.id})"
    head = [
        f"{province} · {_word('as_of', lang)} {fmt_date(report.as_of, lang)}{period} · "
        f"{_word('backend', lang)} {backend_label(report.backend, lang)}",
        f"{_word('input', lang)}: "
        + ", ".join(
            f"{_word(k, lang)} {getattr(report.input, k)}" for k in Accounting.model_fields
        ),
        f"{_word('summary', lang)}: "
        + ", ".join(f"{status_label(s, lang)} {report.summary.get(s, 0)}" for s in STATUSES),
    ]
    lines = [wrapped for line in head for wrapped in _wrap(line, "", "  ")]
    if report.rejected:
        lines += ["", f"{_word('rejected_input', lang)}: {len(report.rejected)}"]
        for rejection in report.rejected:
            lines.extend(_wrap(f"{rejection.location}: {rejection.text(lang)}", "  ", "    "))
    shown = [f for f in report.findings if everything or f.status not in _QUIET]
    lines += ["", f"{_word('findings', lang)}: {len(shown)}"]
    groups = (
        ("bad", [f for f in shown if f.status in ("violated", "late")]),
        ("open", [f for f in shown if f.status == "pending"]),
        ("not_observed", [f for f in shown if f.status == "not_observed"]),
        ("done", [f for f in shown if f.status in _QUIET]),
    )
    nobody = _word("no_officer", lang)
    for key, found in groups:
        if not found:
            continue
        lines += ["", f"{_word(key, lang)}: {len(found)}"]
        by_officer: dict[str, list[Finding]] = {}
        for f in found:
            by_officer.setdefault(f.subject.officer or "", []).append(f)
        for officer in sorted(by_officer, key=lambda o: (o == "", o)):
            lines += ["", names.get(officer, officer) if officer else nobody]
            items = sorted(by_officer[officer], key=lambda f: (f.subject.commune or "", f.rule))
            for f in items:
                lines.extend(_finding_lines(f, lang, names))
    lines += ["", f"{_word('by_rule', lang)}:"]
    counts = Counter((f.rule, f.status) for f in report.findings)
    for rule in sorted({f.rule for f in report.findings}):
        cells = ", ".join(
            f"{status_label(s, lang)} {counts[rule, s]}" for s in STATUSES if counts[rule, s]
        )
        lines.extend(_wrap(f"{rule:<22} {cells}", "  ", " " * 25))
    lines += ["", f"{_word('policy', lang)}:", *policy_lines(report.policy)]
    return "\n".join(lines) + "\n"


def rule_lines(
    rule: Rule, lang: str, *, full: bool, catalogue: Catalogue | None = None
) -> list[str]:
    """A rule for a terminal; ``full`` adds the clause texts (from ``catalogue``, which
    knows a rule pack's own clauses)."""
    bearers = ", ".join(pick(BEARER_LABELS[b], lang) for b in rule.bearer)
    lines = [
        f"{rule.id}: {rule.title(lang)}",
        f"  {_word('bearer', lang)}: {bearers}",
        f"  {_word('clauses', lang)}: {', '.join(rule.clauses)}",
        f"  {_word('reads', lang)}: {', '.join(rule.policy_keys) or '-'}",
        f"  {_word('template', lang)}: {rule.template.template}",
    ]
    if rule.valid_from or rule.valid_to:
        start = rule.valid_from.isoformat() if rule.valid_from else "…"
        end = rule.valid_to.isoformat() if rule.valid_to else "…"
        lines.append(f"  {_word('in_force', lang)}: {start} – {end}")
    if rule.scope is not None:
        parts = [*rule.scope.communes, *rule.scope.districts, *rule.scope.kinds]
        lines.append(f"  {_word('scope', lang)}: {', '.join(parts)}")
    if full:
        for clause_id in rule.clauses:
            clause = (catalogue or CATALOGUE).clause(clause_id) or CLAUSES_BY_ID[clause_id]
            lines.append("")
            lines.extend(_wrap(f"[{clause.id}] {clause.quoted(lang)}", "  "))
            if lang != "vi":
                lines.extend(_wrap(f"[{clause.id}] {clause.en}", "  "))
    return lines


def render_rules_table(catalogue: Catalogue, lang: str) -> str:
    """The catalogue for a terminal."""
    lang = language(lang)
    blocks = [
        "\n".join(rule_lines(rule, lang, full=False, catalogue=catalogue)) for rule in catalogue
    ]
    return "\n\n".join(blocks) + "\n"


def render_rules_markdown(catalogue: Catalogue, lang: str) -> str:
    """The catalogue as a Markdown reference: a table, then each rule with its clause texts."""
    lang = language(lang)
    title = "Danh mục quy tắc" if lang == "vi" else "Rule reference"
    note = (
        "Sinh từ danh mục quy tắc: `governance-rules rules --format markdown --lang vi`."
        if lang == "vi"
        else "Generated from the catalogue: `governance-rules rules --format markdown --lang en`."
    )
    head = [
        _word("rule", lang),
        "Tên" if lang == "vi" else "Title",
        _word("bearer", lang),
        _word("clauses", lang),
    ]
    lines = [
        f"# {title}",
        "",
        note,
        "",
        "| " + " | ".join(head) + " |",
        "| --- | --- | --- | --- |",
    ]
    for rule in catalogue:
        bearers = ", ".join(pick(BEARER_LABELS[b], lang) for b in rule.bearer)
        lines.append(
            f"| `{rule.id}` | {rule.title(lang)} | {bearers} | {', '.join(rule.clauses)} |"
        )
    for rule in catalogue:
        bearers = ", ".join(pick(BEARER_LABELS[b], lang) for b in rule.bearer)
        keys = ", ".join(f"`{key}`" for key in rule.policy_keys) or "-"
        lines += [
            "",
            f"## {rule.id}",
            "",
            f"**{rule.title(lang)}**",
            "",
            f"- {_word('bearer', lang)}: {bearers}",
            f"- {_word('template', lang)}: `{rule.template.template}`",
            f"- {_word('reads', lang)}: {keys}",
            f"- {'Hành vi đáp ứng' if lang == 'vi' else 'Fulfilled by'}: "
            + act_text(rule.act(lang)),
        ]
        for clause_id in rule.clauses:
            clause = catalogue.clause(clause_id) or CLAUSES_BY_ID[clause_id]
            lines += ["", f"> **{clause.id}** {clause.quoted(lang)}"]
            if lang != "vi":
                lines += [">", f"> *{clause.en}*"]
    return "\n".join(lines) + "\n"

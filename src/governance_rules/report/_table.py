"""Plain-text output for a terminal: the report, and the rule catalogue."""

from __future__ import annotations

import textwrap
from collections import Counter

from .._text import printable
from ..i18n import BEARER_LABELS, fmt_date, pick, status_label
from ..model import STATUSES, Accounting, CheckReport, Finding
from ..regulation import CLAUSES_BY_ID
from ..rules import CATALOGUE, Catalogue, Rule
from ._view import policy_rows

WIDTH = 80
_QUIET = ("fulfilled", "observed")

_WORDS: dict[str, tuple[str, str]] = {
    "as_of": ("tính đến", "as of"),
    "backend": ("bộ máy", "backend"),
    "period": ("kỳ báo cáo", "period"),
    "input": ("Dữ liệu vào", "Input"),
    "read": ("đọc", "read"),
    "accepted": ("nhận", "accepted"),
    "duplicates": ("trùng", "duplicates"),
    "rejected": ("loại", "rejected"),
    "future": ("sau ngày tính", "future"),
    "summary": ("Tổng hợp", "Summary"),
    "policy": ("Tham số (* khác mặc định)", "Policy (* differs from the default)"),
    "rejected_input": ("Bản ghi bị loại", "Rejected input"),
    "rule": ("Quy tắc", "Rule"),
    "due": ("hạn", "due"),
    "findings": ("Phát hiện cần lưu ý", "Findings that need attention"),
    "by_rule": ("Theo quy tắc", "By rule"),
    "none": ("(không có)", "(none)"),
    "bearer": ("Chủ thể", "Bearer"),
    "clauses": ("Điều khoản", "Clauses"),
    "reads": ("Tham số", "Policy keys"),
    "template": ("Mẫu", "Template"),
    "in_force": ("Hiệu lực", "In force"),
    "scope": ("Phạm vi", "Scope"),
}


def _word(key: str, lang: str) -> str:
    return pick(_WORDS[key], lang)


def _wrap(text: str, indent: str = "") -> list[str]:
    # Whatever the input's strings hold, no control or bidirectional character reaches
    # the terminal: each is shown as its escape.
    lines = textwrap.wrap(
        printable(text),
        WIDTH,
        initial_indent=indent,
        subsequent_indent=indent,
        break_on_hyphens=False,
    )
    return lines or [indent]


def policy_lines(policy: dict[str, object]) -> list[str]:
    """``key = value`` lines, a ``*`` marking values that differ from the defaults."""
    return [
        f"  {'*' if differs else ' '} {key} = {value}"
        for key, value, _, differs in policy_rows(policy)
    ]


def _subject(finding: Finding) -> str:
    return " ".join(str(v) for v in finding.subject.model_dump(exclude_none=True).values())


def render_table(report: CheckReport, lang: str, *, everything: bool = False) -> str:
    """The report for a terminal: header, accounting, summary, policy, the findings that need
    attention (all of them with ``everything``), counts by rule, and the rejected input."""
    period = ""
    if report.period is not None:
        span = f"{fmt_date(report.period.from_, lang)} – {fmt_date(report.period.to, lang)}"
        period = f" · {_word('period', lang)} {span}"
    head = [
        f"{report.province} · {_word('as_of', lang)} {fmt_date(report.as_of, lang)}{period} · "
        f"{_word('backend', lang)} {report.backend}",
        f"{_word('input', lang)}: "
        + ", ".join(
            f"{_word(k, lang)} {getattr(report.input, k)}" for k in Accounting.model_fields
        ),
        f"{_word('summary', lang)}: "
        + ", ".join(f"{status_label(s, lang)} {report.summary.get(s, 0)}" for s in STATUSES),
    ]
    lines = [wrapped for line in head for wrapped in _wrap(line)]
    lines += ["", f"{_word('policy', lang)}:", *policy_lines(report.policy), ""]
    shown = [f for f in report.findings if everything or f.status not in _QUIET]
    lines.append(f"{_word('findings', lang)}: {len(shown)}")
    for f in shown:
        due = f" · {_word('due', lang)} {fmt_date(f.window.due, lang)}" if f.window else ""
        lines.append("")
        subject = f" · {_subject(f)}" if _subject(f) else ""
        lines.extend(_wrap(f"[{status_label(f.status, lang)}] {f.rule}{due}{subject}"))
        lines.extend(_wrap(f.message, "    "))
    lines += ["", f"{_word('by_rule', lang)}:"]
    counts = Counter((f.rule, f.status) for f in report.findings)
    for rule in sorted({f.rule for f in report.findings}):
        cells = ", ".join(
            f"{status_label(s, lang)} {counts[rule, s]}" for s in STATUSES if counts[rule, s]
        )
        lines.extend(_wrap(f"{rule:<22} {cells}")[:1] + _wrap(cells, " " * 23)[1:])
    lines += ["", f"{_word('rejected_input', lang)}: {len(report.rejected)}"]
    for rejection in report.rejected:
        lines.extend(_wrap(f"{rejection.location}: {rejection.error}", "  "))
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
            lines.extend(_wrap(f"[{clause.id}] {clause.vi}", "  "))
            if lang != "vi":
                lines.extend(_wrap(f"[{clause.id}] {clause.en}", "  "))
    return lines


def render_rules_table(catalogue: Catalogue, lang: str) -> str:
    """The catalogue for a terminal."""
    blocks = [
        "\n".join(rule_lines(rule, lang, full=False, catalogue=catalogue)) for rule in catalogue
    ]
    return "\n\n".join(blocks) + "\n"


def render_rules_markdown(catalogue: Catalogue, lang: str) -> str:
    """The catalogue as a Markdown reference: a table, then each rule with its clause texts."""
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
            f"**{rule.title.vi}** / {rule.title.en}",
            "",
            f"- {_word('bearer', lang)}: {bearers}",
            f"- {_word('template', lang)}: `{rule.template.template}`",
            f"- {_word('reads', lang)}: {keys}",
            f"- {'Hành vi đáp ứng' if lang == 'vi' else 'Fulfilled by'}: {rule.act(lang)}",
        ]
        for clause_id in rule.clauses:
            clause = catalogue.clause(clause_id) or CLAUSES_BY_ID[clause_id]
            lines += ["", f"> **{clause.id}** {clause.vi}"]
            if lang != "vi":
                lines += [">", f"> *{clause.en}*"]
    return "\n".join(lines) + "\n"

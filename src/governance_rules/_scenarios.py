"""Scenario files: a register, a policy, events, a date and the findings expected.

A scenario file is YAML: one scenario, or defaults and a list under ``scenarios``::

    register: ../tinh-mau/register.yaml   # a path (from the file's folder), a mapping,
                                          # or left out: the small test register
    policy: {visit_interval_months: 2}    # optional: a mapping or a path
    rules: [../packs/bien-gioi.yaml]      # optional rule packs
    scenarios:
      - name: a visit fulfils the first window
        as_of: 2026-05-11
        events:                           # ids are optional (e-0001, e-0002, ...)
          - {type: assignment.decided, at: 2026-01-10, officer: o-01, commune: c-01, term: t1}
          - {type: visit.conducted, at: 2026-03-10, officer: o-01, commune: c-01}
        expect:                           # each matched by some finding (a subset match)
          - {rule: GR-VISIT-QUARTERLY, status: fulfilled, window: {start: 2026-01-10}}
        absent:                           # matched by no finding
          - {rule: GR-JURISDICTION}
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from ._text import lines_of, load_yaml, read_text
from .engine import evaluate
from .errors import DefinitionError, GovernanceRulesError, InputError
from .io import Intake, load_policy, load_register, parse_policy, parse_register
from .model import Finding, Policy, Register
from .rules import CATALOGUE, Catalogue, with_packs

_FIELDS = ("rule", "status", "subject", "window")
_KEYS = {"name", "register", "policy", "rules", "as_of", "events", "expect", "absent"}


def matches(finding: Finding, spec: Mapping[str, Any]) -> bool:
    """Whether ``finding`` has everything ``spec`` names: ``rule``, ``status``, subject keys
    (``subject: {officer: o-01}``) and window dates (``window: {start: 2026-01-10}``)."""
    if "rule" in spec and finding.rule != spec["rule"]:
        return False
    if "status" in spec and finding.status != spec["status"]:
        return False
    for key, value in (spec.get("subject") or {}).items():
        if str(getattr(finding.subject, key, None)) != str(value):
            return False
    window = spec.get("window") or {}
    if window and finding.window is None:
        return False
    for key, value in window.items():
        if getattr(finding.window, key).isoformat() != str(value):
            return False
    return True


def describe(spec: Mapping[str, Any] | Finding) -> str:
    """A finding, or what one should be, in one line."""
    if isinstance(spec, Finding):
        subject = spec.subject.model_dump(exclude_none=True)
        window = spec.window.model_dump(mode="json") if spec.window else {}
        data: Mapping[str, Any] = {
            "rule": spec.rule,
            "status": spec.status,
            "subject": subject,
            "window": window,
        }
    else:
        data = spec
    parts = [str(data.get("rule", "any rule")), str(data.get("status", "any status"))]
    parts += [f"{k}={v}" for k, v in (data.get("subject") or {}).items()]
    window = data.get("window") or {}
    if window:
        parts.append(f"window {window.get('start', '…')}..{window.get('due', '…')}")
    return " ".join(parts)


def _closeness(finding: Finding, spec: Mapping[str, Any]) -> int:
    score = 4 * (finding.rule == spec.get("rule"))
    score += sum(
        str(getattr(finding.subject, k, None)) == str(v)
        for k, v in (spec.get("subject") or {}).items()
    )
    window = spec.get("window") or {}
    if finding.window is not None:
        score += sum(getattr(finding.window, k).isoformat() == str(v) for k, v in window.items())
    return score


def mismatches(
    findings: Sequence[Finding],
    expect: Iterable[Mapping[str, Any]] = (),
    absent: Iterable[Mapping[str, Any]] = (),
) -> list[str]:
    """What does not hold, one readable block a problem (empty when all hold)."""
    problems = []
    for spec in expect:
        if any(matches(f, spec) for f in findings):
            continue
        near = sorted(findings, key=lambda f: -_closeness(f, spec))[:3]
        lines = [f"expected: {describe(spec)}"]
        lines += [f"  nearest: {describe(f)}: {f.message}" for f in near if _closeness(f, spec)]
        if len(lines) == 1:
            lines.append("  no finding of that rule")
        problems.append("\n".join(lines))
    for spec in absent:
        found = [f for f in findings if matches(f, spec)]
        if found:
            lines = [f"unexpected: {describe(spec)}"]
            lines += [f"  found: {describe(f)}: {f.message}" for f in found[:3]]
            problems.append("\n".join(lines))
    return problems


@dataclass
class Scenario:
    """One scenario, ready to run."""

    name: str
    location: str
    register: Register
    policy: Policy
    catalogue: Catalogue
    as_of: date
    records: list[tuple[str, dict[str, Any]]]
    expect: list[dict[str, Any]] = field(default_factory=list)
    absent: list[dict[str, Any]] = field(default_factory=list)

    def run(self) -> list[str]:
        """The mismatches (empty: passed); rejected events are mismatches too."""
        intake = Intake(self.register, self.as_of)
        for location, record in self.records:
            intake.add(location, record)
        problems = [f"rejected: {r.location}: {r.error}" for r in intake.rejections]
        findings = evaluate(
            self.register,
            intake.accepted,
            as_of=self.as_of,
            policy=self.policy,
            catalogue=self.catalogue,
        )
        return problems + mismatches(findings, self.expect, self.absent)


def _spec_list(value: Any, where: str) -> list[dict[str, Any]]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise InputError(where, "expected a list of findings ({rule, status, subject, window})")
    for spec in value:
        unknown = set(spec) - set(_FIELDS)
        if unknown:
            raise InputError(
                where, f"unknown key '{sorted(unknown)[0]}' (use {', '.join(_FIELDS)})"
            )
        if "window" in spec:
            spec["window"] = {k: str(v) for k, v in spec["window"].items()}
    return value


def load_scenarios(path: str | Path) -> list[Scenario]:
    """The scenarios of one file.

    Raises:
        InputError: If the file cannot be read, or a scenario is malformed (located).
        DefinitionError: If its register, policy or rule pack is invalid.
    """
    path = Path(path)
    data, node = load_yaml(read_text(path), str(path))
    if not isinstance(data, dict):
        raise InputError(str(path), "a scenario file is a mapping")
    lines = lines_of(node)
    base = path.parent
    items = data.get("scenarios")
    prefix: tuple[str, ...]
    if items is None:
        items, prefix = [data], ()
        defaults: dict[str, Any] = {}
    else:
        prefix = ("scenarios",)
        defaults = {k: v for k, v in data.items() if k != "scenarios"}
        if not isinstance(items, list):
            raise InputError(f"{path}:{lines.get(prefix, 1)}", "'scenarios' is a list")
    found = []
    for index, item in enumerate(items):
        at: tuple[Any, ...] = (*prefix, index) if prefix else ()
        where = f"{path}:{lines.get(at, 1)}"
        if not isinstance(item, dict):
            raise InputError(where, "a scenario is a mapping")
        merged = {**defaults, **item}
        unknown = set(merged) - _KEYS
        if unknown:
            raise InputError(where, f"unknown key '{sorted(unknown)[0]}'")
        if "as_of" not in merged:
            raise InputError(where, "a scenario needs 'as_of'")
        try:
            as_of = date.fromisoformat(str(merged["as_of"]))
        except ValueError:
            raise InputError(
                where, f"as_of: expected YYYY-MM-DD, got '{merged['as_of']}'"
            ) from None
        records = []
        for n, record in enumerate(merged.get("events") or [], start=1):
            line = lines.get((*at, "events", n - 1), 1)
            if isinstance(record, dict):
                record = {"id": f"e-{n:04d}", **record}
            records.append((f"{path}:{line}", record))
        found.append(
            Scenario(
                name=str(merged.get("name") or f"{path.stem}[{index}]"),
                location=where,
                register=_register(merged.get("register"), base),
                policy=_policy(merged.get("policy"), base),
                catalogue=_catalogue(merged.get("rules"), base),
                as_of=as_of,
                records=records,
                expect=_spec_list(merged.get("expect"), where),
                absent=_spec_list(merged.get("absent"), where),
            )
        )
    return found


def small_register(**overrides: Any) -> Register:
    """A valid register: one term ``t1`` (2025-01-01..2029-12-31), the Regulation effective
    2025-01-01, district ``d-01`` with communes ``c-01`` and ``c-02`` (member ``sm-01`` in
    charge), district ``d-02`` with ``c-03`` (member ``sm-02``), agency ``a-01`` headed by
    ``o-03``, officers ``o-01``, ``o-02`` and ``o-03``.

    Args:
        overrides: Top-level register keys to replace (``regulation={"effective": ...}``).
    """
    data: dict[str, Any] = {
        "province": {"id": "p", "name": "Tỉnh Thử"},
        "regulation": {"effective": "2025-01-01"},
        "terms": [{"id": "t1", "start": "2025-01-01", "end": "2029-12-31"}],
        "districts": [{"id": "d-01", "name": "Huyện Một"}, {"id": "d-02", "name": "Huyện Hai"}],
        "communes": [
            {"id": "c-01", "name": "Xã Một", "kind": "xa", "district": "d-01"},
            {"id": "c-02", "name": "Phường Hai", "kind": "phuong", "district": "d-01"},
            {"id": "c-03", "name": "Thị trấn Ba", "kind": "thi_tran", "district": "d-02"},
        ],
        "standing_members": [
            {"id": "sm-01", "name": "Ủy viên Một", "in_charge_of": ["d-01"]},
            {"id": "sm-02", "name": "Ủy viên Hai", "in_charge_of": ["d-02"]},
        ],
        "agencies": [{"id": "a-01", "name": "Sở Một", "head": "o-03"}],
        "officers": [
            {"id": "o-01", "name": "Cán bộ Một", "agency": "a-01"},
            {"id": "o-02", "name": "Cán bộ Hai", "agency": "a-01"},
            {"id": "o-03", "name": "Cán bộ Ba", "agency": "a-01"},
        ],
    }
    data.update(overrides)
    return parse_register(data)


def reorganised_register(merged: date | str = "2025-06-30", **overrides: Any) -> Register:
    """:func:`small_register` through a reorganisation: its districts and communes end on
    ``merged`` (30 June 2025) and two new communes begin the next day, ``c-10`` (which
    ``c-01`` and ``c-02`` were merged into) and ``c-20`` (from ``c-03``), with no district.
    ``sm-01`` is in charge of ``d-01`` and then of ``c-10``; ``sm-02`` of ``d-02`` and then
    of ``c-20``.

    Args:
        merged: The last day of the old units.
        overrides: Top-level register keys to replace.
    """
    last = merged if isinstance(merged, date) else date.fromisoformat(merged)
    until, after = last.isoformat(), (last + timedelta(days=1)).isoformat()
    old = [
        ("c-01", "Xã Một", "xa", "d-01", "c-10"),
        ("c-02", "Phường Hai", "phuong", "d-01", "c-10"),
        ("c-03", "Thị trấn Ba", "thi_tran", "d-02", "c-20"),
    ]
    data: dict[str, Any] = {
        "terms": [
            {"id": "t1", "start": "2020-10-15", "end": "2025-10-14"},
            {"id": "t2", "start": "2025-10-15", "end": "2030-10-14"},
        ],
        "regulation": {"effective": "2021-03-01"},
        "districts": [
            {"id": "d-01", "name": "Huyện Một", "until": until},
            {"id": "d-02", "name": "Huyện Hai", "until": until},
        ],
        "communes": [
            {
                "id": cid,
                "name": name,
                "kind": kind,
                "until": until,
                "successor": successor,
                "district": [{"id": district, "until": until}],
            }
            for cid, name, kind, district, successor in old
        ]
        + [
            {"id": "c-10", "name": "Xã Mười", "kind": "xa", "from": after},
            {"id": "c-20", "name": "Phường Hai Mươi", "kind": "phuong", "from": after},
        ],
        "standing_members": [
            {
                "id": "sm-01",
                "name": "Ủy viên Một",
                "in_charge_of": [{"id": "d-01", "until": until}, {"id": "c-10", "from": after}],
            },
            {
                "id": "sm-02",
                "name": "Ủy viên Hai",
                "in_charge_of": [{"id": "d-02", "until": until}, {"id": "c-20", "from": after}],
            },
        ],
    }
    data.update(overrides)
    return small_register(**data)


def _register(value: Any, base: Path) -> Register:
    if value is None:
        return small_register()
    if isinstance(value, str):
        return load_register(base / value)
    return parse_register(value, "register")


def _policy(value: Any, base: Path) -> Policy:
    if value is None:
        return Policy()
    if isinstance(value, str):
        return load_policy(base / value)
    return parse_policy(value, "policy")


def _catalogue(value: Any, base: Path) -> Catalogue:
    return with_packs(CATALOGUE, [base / name for name in value or []])


@dataclass
class ScenarioOutcome:
    """The result of one scenario: ``passed``, ``failed`` or ``error`` with the reasons."""

    name: str
    state: str
    details: list[str]


def scenario_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """The scenario files of ``paths``: files as given, folders searched for ``*.yaml``."""
    for name in paths:
        path = Path(name)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*.y*ml") if p.suffix in (".yaml", ".yml"))
        else:
            yield path


def run_scenarios(paths: Iterable[str | Path]) -> list[ScenarioOutcome]:
    """Run every scenario of ``paths``; a file that cannot be loaded is one ``error``."""
    outcomes = []
    for path in scenario_files(paths):
        try:
            scenarios = load_scenarios(path)
        except DefinitionError as error:
            details = [str(p) for p in error.problems]
            outcomes.append(ScenarioOutcome(str(path), "error", details))
            continue
        except GovernanceRulesError as error:
            outcomes.append(ScenarioOutcome(str(path), "error", [str(error)]))
            continue
        for scenario in scenarios:
            try:
                problems = scenario.run()
            except DefinitionError as error:
                problems = [str(p) for p in error.problems]
            state = "failed" if problems else "passed"
            outcomes.append(ScenarioOutcome(f"{path}::{scenario.name}", state, problems))
    return outcomes

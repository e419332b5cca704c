"""Rule packs: rules as YAML files, checked on load, with every problem located by line.

A pack holds rules built from the templates, and may hold clauses of its own for them to
cite (a province's provision, with its text). It runs no code: every value is a template's
field. The Regulation's catalogue is itself a pack shipped in the package.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, get_args, get_origin

import yaml
from pydantic import BaseModel, Field, ValidationError

from .._text import DocumentPath, lines_of, load_yaml, read_text
from ..errors import CatalogueError, InputError, Problem, suggest
from ..model import Frozen
from ..regulation import Clause, Section
from ._catalogue import Catalogue
from ._templates import Rule, Template, Text


class PackClause(Frozen):
    """A provision of the pack's own, cited by its rules like a clause of the Regulation."""

    id: str
    vi: str
    en: str

    def clause(self) -> Clause:
        return Clause(id=self.id, section=Section.PROVINCE, vi=self.vi, en=self.en)


class Pack(Frozen):
    """A rule pack.

    Attributes:
        pack: The pack's name.
        title: What it is for, in Vietnamese and English.
        clauses: Provisions of its own, for its rules to cite.
        rules: Rules, or versions of rules; a rule with the id of one already in the
            catalogue replaces every version of it.
    """

    pack: str
    title: Text | None = None
    clauses: tuple[PackClause, ...] = ()
    rules: tuple[Rule, ...] = Field(default=())


def rule_data(rule: Rule) -> dict[str, Any]:
    """A rule as pack data: the fields that differ from their defaults, template named."""
    data: dict[str, Any] = rule.model_dump(mode="json", exclude_defaults=True)
    data["template"] = {"template": rule.template.template, **data.get("template", {})}
    order = ("id", "title", "bearer", "clauses", "act", "trigger", "valid_from", "valid_to")
    first = (*order, "scope", "template")
    rest = [k for k in data if k not in first]  # a field the order does not name is kept
    return {k: data[k] for k in (*first, *rest) if k in data}


def pack_text(pack: Pack) -> str:
    """A pack as YAML."""
    data: dict[str, Any] = {"pack": pack.pack}
    if pack.title is not None:
        data["title"] = pack.title.model_dump()
    if pack.clauses:
        data["clauses"] = [c.model_dump() for c in pack.clauses]
    data["rules"] = [rule_data(rule) for rule in pack.rules]
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=96)


def _fields_at(model: Any, loc: Sequence[str | int]) -> tuple[str, Sequence[str]]:
    """The model reached by ``loc`` (its template name, if any) and its field names."""
    current: Any = model
    label = ""
    for part in loc:
        if isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(str(part))
            if info is None:
                break
            current = info.annotation
            continue
        options = [a for a in get_args(current) if a is not type(None)] or [current]
        if isinstance(part, int) and get_origin(current) in (tuple, list):
            current = options[0]
            continue
        chosen = [
            o
            for o in options
            if isinstance(o, type)
            and issubclass(o, BaseModel)
            and getattr(o.model_fields.get("template"), "default", None) == part
        ]
        if chosen:
            current, label = chosen[0], str(part)
        elif len(options) == 1:
            current = options[0]
    if isinstance(current, type) and issubclass(current, BaseModel):
        return label, list(current.model_fields)
    return label, []


def _where(loc: Sequence[str | int]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _locate(source: str, lines: Mapping[DocumentPath, int], loc: Sequence[str | int]) -> str:
    """``source:line`` of the deepest part of ``loc`` the file has."""
    path: DocumentPath = ()
    line = lines.get((), 1)
    for part in loc:
        candidate = (*path, part)
        if candidate in lines:
            path, line = candidate, lines[candidate]
    return f"{source}:{line}"


def _validation_problems(
    error: ValidationError, source: str, lines: Mapping[DocumentPath, int]
) -> list[Problem]:
    problems = []
    for item in error.errors():
        loc = item["loc"]
        kind = item["type"]
        if kind == "extra_forbidden":
            label, known = _fields_at(Pack, loc[:-1])
            name = str(loc[-1])
            where = f"template '{label}'" if label else _where(loc[:-1]) or "pack"
            message = f"{where}: unknown field '{name}'{suggest(name, known)}"
        elif kind == "union_tag_invalid":
            tag = str(item.get("ctx", {}).get("tag", ""))
            names = [a.model_fields["template"].default for a in get_args(get_args(Template)[0])]
            message = f"{_where(loc)}: unknown template '{tag}'{suggest(tag, names)}"
        else:
            label, _ = _fields_at(Pack, loc[:-1])
            where = f"template '{label}': field '{loc[-1]}'" if label else _where(loc)
            message = f"{where}: {item['msg']}"
        problems.append(Problem(_locate(source, lines, loc), message))
    return problems


def _rule_path(pack: Pack, location: str) -> DocumentPath:
    """The path in the file of a rule problem located as ``"RULE-ID: acts[0].type"``."""
    rule_id, _, where = location.partition(": ")
    index = next((i for i, r in enumerate(pack.rules) if r.id == rule_id), None)
    if index is None:
        return ()
    path: list[str | int] = ["rules", index]
    parts = where.replace("[", ".").replace("]", "").split(".") if where else []
    if parts and parts[0] not in ("clauses", "scope", "valid_from", "valid_to", "id"):
        path.append("template")
    path.extend(int(p) if p.isdigit() else p for p in parts if p)
    return tuple(path)


def parse_pack(text: str, source: str) -> tuple[Pack, dict[DocumentPath, int]]:
    """Parse and validate a pack's text; the pack, and the line of every path in it.

    Raises:
        InputError: If the text is not YAML or not a mapping.
        CatalogueError: Every problem of its content, each located ``source:line``.
    """
    data, node = load_yaml(text, source)
    if not isinstance(data, dict) or node is None:
        raise InputError(source, "a rule pack is a mapping with 'pack' and 'rules'")
    lines = lines_of(node)
    try:
        pack = Pack.model_validate(data)
    except ValidationError as error:
        raise CatalogueError(_validation_problems(error, source, lines)) from None
    return pack, lines


def load_pack(path: str | Path) -> Pack:
    """Load a rule pack file, checking its rules as a catalogue would.

    Raises:
        InputError: If the file cannot be read or is not YAML.
        CatalogueError: Every problem, each located ``file:line``.
    """
    path = Path(path)
    return _checked(*parse_pack(read_text(path), str(path)), str(path))


def _checked(pack: Pack, lines: Mapping[DocumentPath, int], source: str) -> Pack:
    try:
        Catalogue(pack.rules, [c.clause() for c in pack.clauses])
    except CatalogueError as error:
        located = []
        for problem in error.problems:
            path = _rule_path(pack, problem.location)
            clause_ids = [c.id for c in pack.clauses]
            if not path and problem.location in clause_ids:
                path = ("clauses", clause_ids.index(problem.location))
            where = _locate(source, lines, path)
            located.append(Problem(where, f"{problem.location}: {problem.message}"))
        raise CatalogueError(located) from None
    return pack


def with_packs(catalogue: Catalogue, paths: Iterable[str | Path]) -> Catalogue:
    """``catalogue`` with the rule packs of ``paths`` applied in order (each adds rules,
    or versions of rules, and clauses of its own).

    Raises:
        InputError: If a pack cannot be read or is not YAML.
        CatalogueError: Every problem, located by the pack's file.
    """
    for path in paths:
        pack = load_pack(path)
        try:
            catalogue = catalogue.with_rules(
                *pack.rules, clauses=[clause.clause() for clause in pack.clauses]
            )
        except CatalogueError as error:
            raise CatalogueError(
                Problem(str(path), str(problem)) for problem in error.problems
            ) from None
    return catalogue


def builtin_pack() -> Pack:
    """The Regulation's catalogue, as shipped in the package."""
    text = resources.files(__package__).joinpath("catalogue.yaml").read_text(encoding="utf-8")
    pack, _ = parse_pack(text, "catalogue.yaml")
    return pack

"""The package's layering, read from its source with ``ast``: no import circle (imports
inside functions counted, and importing ``a.b.c`` counts as importing ``a.b``), and no
module reaching into another package's private module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "governance_rules"


def _name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _module_of(name: str) -> str | None:
    """The package's module that ``name`` (a module, or a name inside one) lies in."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def imports(module: str) -> set[str]:
    """The package's modules that ``module`` imports, anywhere in its code."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                origin = ".".join([*base, *([node.module] if node.module else [])])
            else:
                origin = node.module or ""
            targets = [f"{origin}.{alias.name}" for alias in node.names]
        for target in targets:
            found_module = _module_of(target)
            if found_module is None or found_module == module:
                continue
            found.add(found_module)
            # Importing a.b.c runs a/b/__init__ first, unless that is the importer's own.
            parts = found_module.split(".")
            for end in range(2, len(parts)):
                parent = ".".join(parts[:end])
                if parent in MODULES and not _within(module, parent):
                    found.add(parent)
    return found


GRAPH = {module: imports(module) for module in MODULES}


def _cycles() -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    counter = 0
    for root in GRAPH:
        if root in index:
            continue
        work = [(root, iter(sorted(GRAPH[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(GRAPH[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(sorted(group))
    return groups


def test_the_graph_is_read() -> None:
    assert len(MODULES) > 30
    assert "governance_rules.model" in GRAPH["governance_rules.engine._reference"]
    assert "governance_rules.report._workbook" in GRAPH["governance_rules.report._xlsx"]
    assert "governance_rules.io" in GRAPH["governance_rules._builtins"]


def test_an_import_inside_a_function_counts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = tmp_path / "lazy.py"
    module.write_text("def late():\n    from .cli import main\n", encoding="utf-8")
    monkeypatch.setitem(MODULES, "governance_rules.lazy", module)
    assert imports("governance_rules.lazy") == {"governance_rules.cli"}


def test_no_import_cycle() -> None:
    assert _cycles() == []


def test_the_cycle_finder_finds_a_cycle(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(GRAPH, "governance_rules.errors", {"governance_rules.cli"})
    assert any("governance_rules.errors" in group for group in _cycles())


def test_no_module_imports_another_packages_private_module() -> None:
    borrowed = []
    for module, targets in GRAPH.items():
        for target in targets:
            parts = target.split(".")
            private = next((i for i, part in enumerate(parts) if part.startswith("_")), None)
            if private is None:
                continue
            owner = ".".join(parts[:private])
            if not _within(module, owner):
                borrowed.append(f"{module} -> {target}")
    assert borrowed == []


# The floors of docs/explanation.md#architecture: a module imports its own floor or below.
FLOORS = [
    ["errors", "_phrasebook", "i18n", "regulation", "_text", "_version", "_gc"],
    ["model"],
    ["rules", "io"],
    ["engine", "protocols"],
    ["plugins"],
    ["_check", "store", "monitor", "simulate"],
    ["report"],
    ["_builtins", "_scenarios", "testing", "xlsx"],
    ["cli"],
    [""],  # the package root: the public API
]


def floor(module: str) -> int:
    top = module.removeprefix("governance_rules").lstrip(".").split(".")[0]
    for level, names in enumerate(FLOORS):
        if top in names:
            return level
    raise AssertionError(f"{module} is on no floor: add it to FLOORS and to the docs")


def test_every_import_goes_to_its_own_floor_or_below() -> None:
    upward = [
        f"{module} (floor {floor(module)}) -> {target} (floor {floor(target)})"
        for module, targets in GRAPH.items()
        for target in targets
        if floor(target) > floor(module)
    ]
    assert upward == []

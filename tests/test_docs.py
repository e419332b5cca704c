"""The documentation runs: every Python sample is executed and every command is run, with
the output lines it shows checked against the real output."""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
import struct
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from governance_rules import CATALOGUE
from governance_rules.report import render_rules_markdown
from tests.paths import ROOT
from tests.test_browser import _browser_or_skip

DOCS = sorted(
    [
        ROOT / "README.md",
        *(ROOT / "examples").glob("*/README.md"),
        *(ROOT / "docs").rglob("*.md"),
    ]
)
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)
BIN = Path(sys.executable).parent


def blocks(path: Path, kind: str) -> list[str]:
    return [body for lang, body in FENCE.findall(path.read_text(encoding="utf-8")) if lang == kind]


def commands(body: str) -> list[tuple[str, list[str]]]:
    """``(command, expected output lines)`` of a console block."""
    found: list[tuple[str, list[str]]] = []
    for line in body.splitlines():
        if line.startswith("$ "):
            found.append((line[2:], []))
        elif found and line.strip():
            found[-1][1].append(line.strip())
    return found


SAMPLES = [(p, i, b) for p in DOCS for i, b in enumerate(blocks(p, "python"))]
COMMANDS = [(p, c, e) for p in DOCS for b in blocks(p, "console") for c, e in commands(b)]


def test_there_is_something_to_run() -> None:
    assert len(SAMPLES) >= 5 and len(COMMANDS) >= 8


@pytest.mark.parametrize(
    ("path", "index", "body"), SAMPLES, ids=[f"{p.name}-{i}" for p, i, _ in SAMPLES]
)
def test_python_sample(path: Path, index: int, body: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    exec(compile(body, f"{path.name}[{index}]", "exec"), {"__name__": "__doc_sample__"})


@pytest.mark.parametrize(
    ("path", "command", "expected"),
    COMMANDS,
    ids=[f"{p.name}-{n}" for n, (p, _, _) in enumerate(COMMANDS)],
)
def test_console_command(path: Path, command: str, expected: list[str], tmp_path: Path) -> None:
    # Run where the example data is at hand and what a command writes goes to a scratch folder.
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    argv = shlex.split(command)
    assert argv[0] == "governance-rules", command
    env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES")}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    result = subprocess.run(
        argv, capture_output=True, text=True, cwd=tmp_path, env=env, check=False
    )
    output = [line.strip() for line in (result.stdout + result.stderr).splitlines()]
    assert "Traceback" not in result.stderr
    errors = ("governance-rules: error:", "governance-rules: lỗi:")
    expected_error = any(line.startswith(errors) for line in expected)
    assert result.returncode in ((2,) if expected_error else (0, 1)), result.stderr
    for line in expected:
        assert line in output, f"{path.name}: {line!r} not in the output of {command!r}"


def test_readme_quick_start_is_two_commands() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("<!-- quickstart:start -->")[1].split("<!-- quickstart:end -->")[0]
    lines = [line for line in FENCE.findall(block)[0][1].splitlines() if line.strip()]
    assert len(lines) == 2
    install, check = lines[0].split(" && ")
    assert install == "pip install ."
    argv = shlex.split(check)
    result = subprocess.run(
        [str(BIN / argv[0]), *argv[1:]], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.returncode == 1 and "Findings that need attention" in result.stdout
    assert lines[1] == "pip install -e '.[dev]' && python -m pytest"


def test_rule_reference_is_generated_from_the_catalogue() -> None:
    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == render_rules_markdown(CATALOGUE, "en"), (
        "docs/rules.md is stale: governance-rules rules --format markdown --lang en > docs/rules.md"
    )


def _script(name: str) -> Any:
    """A script of ``docs/`` loaded as a module."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "docs" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_pictures_are_of_the_report_rendered_now() -> None:
    pictures = _script("pictures")
    assert pictures.stale(ROOT / "docs" / "pictures") == [], "run python docs/pictures.py"
    page = (ROOT / "docs" / "howto" / "html-report.md").read_text(encoding="utf-8")
    for section in pictures.SECTIONS:
        assert f"](../pictures/{section}.png)" in page


def test_the_pictures_script_takes_them(tmp_path: Path) -> None:
    _browser_or_skip()
    pictures = _script("pictures")
    written = pictures.take(tmp_path)
    assert [p.name for p in written] == [f"{s}.png" for s in pictures.SECTIONS]
    page = pictures.report()
    for section, path in zip(pictures.SECTIONS, written, strict=True):
        png = path.read_bytes()
        assert png.startswith(b"\x89PNG\r\n\x1a\n")
        width, height = struct.unpack(">II", png[16:24])
        assert width == pictures.WIDTH and height > 200
        assert pictures.stamped(png) == pictures.digest(page, section)
    assert pictures.stale(tmp_path) == []


def test_generated_reference_pages_are_current() -> None:
    generate = _script("generate")
    for name, make in generate.PAGES.items():
        current = (ROOT / "docs" / name).read_text(encoding="utf-8")
        assert current == make(), f"docs/{name} is stale: python docs/generate.py"


def test_every_page_is_in_the_site_navigation() -> None:
    import yaml

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))

    def pages(node: object) -> list[str]:
        if isinstance(node, str):
            return [node]
        if isinstance(node, dict):
            return [p for value in node.values() for p in pages(value)]
        if isinstance(node, list):
            return [p for item in node for p in pages(item)]
        return []

    listed = set(pages(config["nav"]))
    present = {str(p.relative_to(ROOT / "docs")) for p in (ROOT / "docs").rglob("*.md")}
    assert listed == present


def test_explanation_lists_every_policy_key() -> None:
    from governance_rules import Policy

    text = (ROOT / "docs" / "explanation.md").read_text(encoding="utf-8")
    for key, field in Policy.model_fields.items():
        default = field.default
        assert f"| `{key}` | {f'`{default}`' if isinstance(default, str) else default} |" in text

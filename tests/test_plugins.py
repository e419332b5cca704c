"""Plugins: the example package through the command line, and broken plugins reported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from governance_rules.plugins import BACKENDS, READERS, RENDERERS, Reader, discover, installed
from tests.test_cli import EXE, ROOT

EXAMPLE = ROOT / "examples"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example plugin package, installed with pip into a folder of its own."""
    target = tmp_path_factory.mktemp("site")
    pip = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps"]
    subprocess.run(
        [*pip, "--target", str(target), str(EXAMPLE / "plugin-example")],
        check=True,
        capture_output=True,
    )
    return target


def cli(*args: str, path: Path | None = None) -> subprocess.CompletedProcess[str]:
    assert EXE is not None
    env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES")}
    if path is not None:
        env["PYTHONPATH"] = str(path)
    return subprocess.run([EXE, *args], capture_output=True, text=True, cwd=ROOT, env=env)


def test_the_built_ins_are_plugins_like_any_other() -> None:
    plugins = installed()
    assert set(plugins.readers) == {"json", "csv", "xlsx"}
    assert set(plugins.renderers) == {"table", "json", "markdown", "html", "xlsx"}
    assert set(plugins.backends) == {"reference", "durable"}
    assert plugins.origins[READERS, "csv"].distribution == "governance-rules"
    assert plugins.problems == []
    assert plugins.reader_for(Path("a.CSV")).name == "csv"
    assert plugins.reader_for(Path("a.txt")).name == "json"


def test_the_example_plugin_works_through_the_command_line(site: Path) -> None:
    listed = cli("plugins", "--format", "json", path=site)
    assert listed.returncode == 0, listed.stderr
    data = json.loads(listed.stdout)
    mine = {(p["kind"], p["name"]): p["from"] for p in data["plugins"]}
    assert mine["reader", "csv-vi"] == "gr-plugin-example 0.1.0"
    assert mine["renderer", "csv"] == "gr-plugin-example 0.1.0"
    assert data["problems"] == []

    result = cli(
        "check",
        "--register",
        "examples/tinh-mau/register.yaml",
        "--events",
        "examples/tinh-mau/events.jsonl",
        "--events",
        "examples/plugin-example/visits.vi.csv",
        "--as-of",
        "2026-11-30",
        "--format",
        "csv",
        path=site,
    )
    assert result.returncode == 1, result.stderr
    # Starts with the byte-order mark: Excel on Windows reads a CSV without one in the
    # system's code page, and the Vietnamese of the messages would come out garbled.
    assert result.stdout.startswith("\ufeffrule,status,officer,commune,")
    lines = result.stdout.splitlines()
    visit = [line for line in lines if line.startswith("GR-VISIT-QUARTERLY,fulfilled,o-01,")]
    assert any("vn-0002" in line for line in visit)

    json_report = cli(
        "check",
        "--register",
        "examples/tinh-mau/register.yaml",
        "--events",
        "examples/plugin-example/visits.vi.csv",
        "--as-of",
        "2026-11-30",
        "--format",
        "json",
        path=site,
    )
    report = json.loads(json_report.stdout)
    assert report["input"] == {
        "read": 3,
        "accepted": 2,
        "duplicates": 0,
        "rejected": 1,
        "future": 0,
    }
    assert report["rejected"][0]["location"] == "examples/plugin-example/visits.vi.csv:4"
    assert "o-99" in report["rejected"][0]["error"]


def test_without_the_plugin_its_format_is_refused_in_one_line() -> None:
    result = cli(
        "check",
        "--register",
        "examples/tinh-mau/register.yaml",
        "--events",
        "examples/tinh-mau/events.jsonl",
        "--format",
        "csv",
    )
    assert result.returncode == 2
    assert "invalid choice: 'csv'" in result.stderr and "Traceback" not in result.stderr


def _fake_distribution(root: Path, name: str, entry_points: str) -> None:
    info = root / f"{name}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(entry_points)


def test_a_broken_plugin_is_reported_in_one_line_and_the_others_work(tmp_path: Path) -> None:
    _fake_distribution(
        tmp_path,
        "broken_plugin",
        f"[{READERS}]\nxlsx-old = no_such_module:READER\n\n"
        f"[{RENDERERS}]\npdf = json:dumps\n\n"
        f"[{BACKENDS}]\nfast = json:__doc__\n",
    )
    listed = cli("plugins", path=tmp_path)
    assert listed.returncode == 1
    broken = [line for line in listed.stdout.splitlines() if line.startswith("broken: ")]
    assert len(broken) == 3
    text = "\n".join(broken)
    assert "plugin 'xlsx-old' (governance_rules.readers, from broken_plugin 1.0)" in text
    assert "ModuleNotFoundError: No module named 'no_such_module'" in text
    assert "plugin 'pdf' (governance_rules.renderers" in text
    assert "it has no 'name', 'media_type', 'render'" in text
    assert "plugin 'fast' (governance_rules.backends" in text and "not callable" in text

    result = cli(
        "check",
        "--register",
        "examples/tinh-mau/register.yaml",
        "--events",
        "examples/tinh-mau/events.jsonl",
        "--as-of",
        "2026-11-30",
        "--format",
        "json",
        path=tmp_path,
    )
    assert result.returncode == 1
    warnings = result.stderr.splitlines()
    assert len(warnings) == 3
    assert all(line.startswith("governance-rules: warning: plugin '") for line in warnings)
    assert json.loads(result.stdout)["summary"]["violated"] > 0


def test_a_plugin_taking_a_built_in_name_is_left_out(tmp_path: Path) -> None:
    _fake_distribution(tmp_path, "copycat", f"[{READERS}]\ncsv = governance_rules._builtins:CSV\n")
    sys.path.insert(0, str(tmp_path))
    try:
        plugins = discover()
    finally:
        sys.path.remove(str(tmp_path))
    assert plugins.origins[READERS, "csv"].distribution == "governance-rules"
    assert plugins.problems == [
        "plugin 'csv' (governance_rules.readers, from copycat 1.0): "
        "the name 'csv' is taken by governance-rules; left out"
    ]


def _read_nothing() -> list[object]:
    return []


def _evaluate_wrongly(register: object) -> list[object]:
    return []


BAD_READER = Reader("bad", (".bad",), _read_nothing)  # type: ignore[arg-type]


def test_a_plugin_is_checked_against_its_protocols_signature() -> None:
    from importlib import metadata

    found = discover(
        [
            metadata.EntryPoint("bad", "tests.test_plugins:BAD_READER", READERS),
            metadata.EntryPoint("wrong", "tests.test_plugins:_evaluate_wrongly", BACKENDS),
        ]
    )
    assert found.readers == {} and found.backends == {}
    reader, backend = sorted(found.problems)
    assert "plugin 'bad'" in reader and "'read' cannot be called as (arg1)" in reader
    assert "plugin 'wrong'" in backend and "as_of" in backend


def test_a_renderer_that_can_stream_is_given_the_findings_as_they_are_made() -> None:
    from datetime import date

    from governance_rules import load_register, read_events, stream_check
    from governance_rules.plugins import RenderContext, Renderer, streaming
    from governance_rules.protocols import StreamingRenderer

    assert streaming(installed().renderer("json")) is not None
    assert streaming(installed().renderer("table")) is None
    assert isinstance(installed().renderer("json"), StreamingRenderer)
    seen: list[str] = []

    def render_stream(head, findings, summary, context):  # type: ignore[no-untyped-def]
        seen.extend(findings)
        return f"{len(seen)} {summary()['violated']}"

    ids = Renderer("ids", "text/plain", lambda r, c: "", lambda f: f.rule, render_stream)
    streamer = streaming(ids)
    assert streamer is not None
    register = load_register("examples/tinh-mau/register.yaml")
    intake = read_events(["examples/tinh-mau/events.jsonl"], register, date(2026, 11, 30))
    streamed = stream_check(register, intake, as_of=date(2026, 11, 30), compact=streamer.compact)
    text = streamer.render_stream(
        streamed.head, streamed.lines(), lambda: streamed.summary, RenderContext(register)
    )
    assert seen and seen == sorted(seen)  # the rules, in the report's order
    assert text == f"{len(seen)} {streamed.summary['violated']}" and streamed.summary["violated"]


def test_a_plugin_backend_is_handed_the_event_models(tmp_path: Path) -> None:
    """The package's own engines and renderers read compact records; a plugin's backend
    gets the models, with everything they offer."""
    (tmp_path / "models_backend.py").write_text(
        "import governance_rules as gr\n"
        "from governance_rules.model import BaseEvent\n\n"
        "def evaluate(register, events, *, as_of, policy=None, catalogue=None, lang='en'):\n"
        "    events = list(events)\n"
        "    assert events and all(isinstance(e, BaseEvent) for e in events)\n"
        "    assert all(e.model_dump(mode='json')['id'] == e.id for e in events)\n"
        "    return gr.evaluate(register, events, as_of=as_of, policy=policy,\n"
        "                       catalogue=catalogue, lang=lang)\n"
    )
    _fake_distribution(
        tmp_path, "models_plugin", f"[{BACKENDS}]\nmodels = models_backend:evaluate\n"
    )
    args = ["--register", "examples/tinh-mau/register.yaml"]
    args += ["--events", "examples/tinh-mau/events.jsonl", "--as-of", "2026-11-30"]
    ours = cli("check", *args, "--format", "json", path=tmp_path)
    theirs = cli("check", *args, "--format", "json", "--backend", "models", path=tmp_path)
    assert theirs.returncode == ours.returncode == 1, theirs.stderr
    mine, plugin = json.loads(ours.stdout), json.loads(theirs.stdout)
    assert plugin["backend"] == "models" and plugin["findings"] == mine["findings"]


def test_the_command_run_as_a_module_still_knows_its_own_plugins() -> None:
    """``python -m governance_rules.cli`` runs the command's module under another name
    (``__main__``): it still reads compact records with the package's own engine and
    renderer, as the installed command does (it used to hand them models, in three
    times the memory)."""
    import runpy
    import warnings

    with warnings.catch_warnings():  # runpy warns that the suite has imported it already
        warnings.simplefilter("ignore", RuntimeWarning)
        module = runpy.run_module("governance_rules.cli", run_name="__main__as_a_script")
    ours = module["_ours"]
    plugins = installed()
    assert ours(plugins.backend("reference")) and ours(plugins.renderer("json").render)
    assert not ours(json.dumps)

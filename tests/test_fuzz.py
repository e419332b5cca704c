"""The fuzz targets themselves: each runs, under the plain mutation loop, for a second and
on its seeds; CI runs them longer under atheris (tests/fuzz/run.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fuzz"))
import run
import targets


@pytest.mark.parametrize("target", sorted(targets.TARGETS))
def test_each_target_takes_its_seeds(target: str) -> None:
    for seed in run.seeds(target):
        targets.TARGETS[target](seed)


def test_the_plain_loop_runs_every_target(capsys: pytest.CaptureFixture[str]) -> None:
    assert run.main(["--seconds", "1", "--plain"]) == 0
    out = capsys.readouterr().out
    assert out.count(" ok") == len(targets.TARGETS)
    assert "0 targets failed" in out


def test_a_failing_target_fails_the_run(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(data: bytes) -> None:
        raise ValueError("a reader raised")

    monkeypatch.chdir(tmp_path)
    monkeypatch.setitem(targets.TARGETS, "csv", broken)
    assert run.main(["--seconds", "1", "--plain", "csv"]) == 1
    assert (tmp_path / "fuzz-failure-csv.bin").exists()
    assert "1 targets failed" in capsys.readouterr().out

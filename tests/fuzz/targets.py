"""Fuzz targets: one per reader of input (JSON Lines, JSON array, CSV, xlsx, register,
policy, rule pack). Each takes the bytes of a file and checks what every reader promises:
it raises nothing but the product's own located errors, every record it yields is a parsed
object or a one-line reason, and the intake accounts for every record it is given.

Run them with ``python tests/fuzz/run.py`` (atheris where it is installed); see the README
beside this file.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from governance_rules import DefinitionError, InputError, Intake
from governance_rules.io import load_policy, load_register, read_csv
from governance_rules.plugins import read_any
from governance_rules.rules import load_pack
from governance_rules.testing import small_register

REGISTER = small_register()
_FOLDER = Path(tempfile.mkdtemp(prefix="governance-rules-fuzz-"))


def _file(name: str, data: bytes) -> Path:
    path = _FOLDER / f"{os.getpid()}-{name}"
    path.write_bytes(data)
    return path


def _records(path: Path, read: Callable[[Path], object]) -> None:
    intake = Intake(REGISTER, as_of=date(2026, 11, 30))
    try:
        records = list(read(path))  # type: ignore[call-overload]
    except InputError as error:
        assert str(error).startswith(str(path)), error
        assert "\n" not in str(error), error
        return
    for position, record in records:
        assert isinstance(position, int | str)
        assert isinstance(record, dict | str), record
        if isinstance(record, str):
            assert record and "\n" not in record, record
        intake.add(f"{path}:{position}", record)
    counts = intake.accounting
    assert counts.read == len(records)
    assert counts.read == counts.accepted + counts.duplicates + counts.rejected + counts.future
    for rejection in intake.rejections:
        assert rejection.location and rejection.error
        assert "\n" not in rejection.error and "\x1b" not in rejection.error


def _definition(path: Path, load: Callable[[Path], object]) -> None:
    try:
        load(path)
    except (InputError, DefinitionError) as error:
        text = str(error)
        assert text, "an error with no message"
        problems = getattr(error, "problems", None) or [getattr(error, "problem", None)]
        assert all(problem is not None and problem.location for problem in problems), text


def jsonl(data: bytes) -> None:
    _records(_file("events.jsonl", data), read_any)


def json_array(data: bytes) -> None:
    _records(_file("events.json", b"[" + data if not data.startswith(b"[") else data), read_any)


def csv(data: bytes) -> None:
    _records(_file("visit.conducted.csv", data), read_csv)


def xlsx(data: bytes) -> None:
    _records(_file("events.xlsx", data), read_any)


def register(data: bytes) -> None:
    _definition(_file("register.yaml", data), load_register)


def policy(data: bytes) -> None:
    _definition(_file("policy.yaml", data), load_policy)


def pack(data: bytes) -> None:
    _definition(_file("pack.yaml", data), load_pack)


TARGETS: dict[str, Callable[[bytes], None]] = {
    "jsonl": jsonl,
    "json_array": json_array,
    "csv": csv,
    "xlsx": xlsx,
    "register": register,
    "policy": policy,
    "pack": pack,
}

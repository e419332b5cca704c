"""The event store at the unlucky moment: killed while it is made, while it stores a batch
and while it migrates; two and three writers at once; a damaged, read-only or full store.
After each fault the store opens, nothing acknowledged is lost and nothing is doubled, or
the command says in one line what is wrong and with which file.

The read-only and full-disk cases mount a small tmpfs, which needs root; where that is not
possible they are skipped, unless GOVERNANCE_RULES_FAULTS=required (as in CI)."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from governance_rules import store as store_module
from governance_rules.store import EventStore, StoreError
from tests.paths import ROOT
from tests.test_cli import EVENTS, EXE, REGISTER, run
from tests.test_store import _big_log, kill_during_ingest

AS_OF = "2026-11-30"
CHANCE = random.Random(20261201)
REQUIRED = os.environ.get("GOVERNANCE_RULES_FAULTS") == "required"


def _ingest(db: Path, *events: Path | str, extra: tuple[str, ...] = ()) -> list[str]:
    args = [EXE or "", "ingest", "--store", str(db), "--register", REGISTER, "--as-of", AS_OF]
    for path in events:
        args += ["--events", str(path)]
    return [*args, *extra]


def _stored(db: Path) -> list[str]:
    connection = sqlite3.connect(db)
    try:
        return [row[0] for row in connection.execute("SELECT id FROM events")]
    finally:
        connection.close()


def _one_line_error(result: subprocess.CompletedProcess[str], *words: str) -> str:
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "internal error" not in lines[0] and "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


# Killed while it is made.

_CREATE = """
import sys
from governance_rules.store import EventStore
print("ready", flush=True)
EventStore(sys.argv[1]).close()
"""


def test_a_half_made_store_of_an_earlier_release_is_finished(tmp_path: Path) -> None:
    # What a kill between the file's creation and its schema left behind before.
    path = tmp_path / "s.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.close()
    assert path.stat().st_size > 0
    with EventStore(path) as store:
        assert len(store) == 0
    result = run("ingest", "--store", str(path), "--register", REGISTER, "--events", EVENTS)
    assert result.returncode == 1, result.stderr  # the example has rejected lines
    assert len(_stored(path)) == 954


def test_killed_while_the_store_is_made_leaves_none_or_a_whole_one(tmp_path: Path) -> None:
    kills = 0
    for attempt in range(20):
        path = tmp_path / f"s{attempt}.sqlite"
        with subprocess.Popen(
            [sys.executable, "-c", _CREATE, str(path)], stdout=subprocess.PIPE, text=True
        ) as process:
            assert process.stdout is not None
            assert process.stdout.readline().strip() == "ready"
            time.sleep(CHANCE.uniform(0, 0.004))
            process.send_signal(signal.SIGKILL)
            kills += process.wait() == -signal.SIGKILL
        with EventStore(path) as store:
            assert len(store) == 0
        # What a killed creation left beside the store is removed by the next one.
        assert [p.name for p in tmp_path.iterdir() if ".new" in p.name] == []
    assert kills > 0


# Killed while it stores a batch, and while it migrates.


def test_killed_during_batches_loses_nothing_acknowledged_and_doubles_nothing(
    tmp_path: Path,
) -> None:
    log, ids = _big_log(tmp_path, copies=6)
    db = tmp_path / "province.db"
    command = _ingest(db, log, extra=("--batch", "150", "--log-commits", "--format", "json"))
    for _ in range(20):
        acknowledged = kill_during_ingest(command, CHANCE, commits=8, pause=0.02)
        stored = _stored(db)
        assert len(stored) == len(set(stored)), "an event was stored twice"
        assert set(ids[:acknowledged]) <= set(stored), "an acknowledged event was lost"
    finished = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    assert finished.returncode == 0, finished.stderr
    assert sorted(_stored(db)) == sorted(ids)


_MIGRATE = """
import sys
from governance_rules import store
store.SCHEMA_VERSION += 1
store._MIGRATIONS = {
    store.SCHEMA_VERSION - 1: "ALTER TABLE events ADD COLUMN note TEXT; UPDATE events SET note = id"
}
print("ready", flush=True)
store.EventStore(sys.argv[1]).close()
"""


def test_killed_while_migrating_leaves_the_old_or_the_new_version(tmp_path: Path) -> None:
    log, ids = _big_log(tmp_path, copies=2)
    original = tmp_path / "v1.db"
    subprocess.run(_ingest(original, log), capture_output=True, check=True, cwd=ROOT)
    for attempt in range(10):
        db = tmp_path / f"m{attempt}.db"
        shutil.copy(original, db)
        with subprocess.Popen(
            [sys.executable, "-c", _MIGRATE, str(db)], stdout=subprocess.PIPE, text=True
        ) as process:
            assert process.stdout is not None
            process.stdout.readline()
            time.sleep(CHANCE.uniform(0, 0.01))
            process.send_signal(signal.SIGKILL)
            process.wait()
        connection = sqlite3.connect(db)
        (version,) = connection.execute("PRAGMA user_version").fetchone()
        columns = [row[1] for row in connection.execute("PRAGMA table_info(events)")]
        connection.close()
        now = store_module.SCHEMA_VERSION
        assert (version, "note" in columns) in ((now, False), (now + 1, True))
        if version == now:  # not migrated: this release opens it as it was
            with EventStore(db) as store:
                assert len(store) == len(ids)
        else:  # migrated whole: the release that migrated it opens it
            with pytest.raises(StoreError, match="newer than this release"):
                EventStore(db)
        assert sorted(_stored(db)) == sorted(ids)


def test_a_migration_that_fails_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "s.db"
    EventStore(db).close()
    now = store_module.SCHEMA_VERSION
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", now + 1)
    monkeypatch.setattr(
        store_module, "_MIGRATIONS", {now: "ALTER TABLE events ADD COLUMN note TEXT; NOT SQL"}
    )
    with pytest.raises(StoreError, match="syntax error"):
        EventStore(db)
    connection = sqlite3.connect(db)
    assert connection.execute("PRAGMA user_version").fetchone() == (now,)
    assert "note" not in [row[1] for row in connection.execute("PRAGMA table_info(events)")]
    connection.close()


# Two and three writers.


@pytest.mark.parametrize("writers", [2, 3])
def test_concurrent_writers_each_succeed_and_store_the_union_once(
    tmp_path: Path, writers: int
) -> None:
    log, _ = _big_log(tmp_path, copies=4)
    lines = log.read_text(encoding="utf-8").splitlines()
    parts = []
    for n in range(writers):  # overlapping slices, so that writers race for the same ids
        part = tmp_path / f"part{n}.jsonl"
        chosen = lines[n * len(lines) // (writers + 1) :][: len(lines) * 2 // (writers + 1)]
        part.write_text("\n".join(chosen) + "\n", encoding="utf-8")
        parts.append((part, chosen))
    db = tmp_path / "shared.db"
    processes = [
        subprocess.Popen(
            _ingest(db, part, extra=("--batch", "50")),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for part, _ in parts
    ]
    for process in processes:
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
    wanted = {json.loads(line)["id"] for _, chosen in parts for line in chosen}
    stored = _stored(db)
    assert len(stored) == len(set(stored)) and set(stored) == wanted


def test_a_writer_that_waits_too_long_is_told_the_store_is_busy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "s.db"
    EventStore(db).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        monkeypatch.setattr(store_module, "BUSY_TIMEOUT", 0.2)
        from governance_rules.cli import main

        code = main(["ingest", "--store", str(db), "--register", REGISTER, "--events", EVENTS])
        assert code == 2
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_the_busy_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "s.db"
    EventStore(db).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        store_module.BUSY_TIMEOUT, saved = 0.2, store_module.BUSY_TIMEOUT
        try:
            store = EventStore(db)
            with pytest.raises(StoreError, match="the store is busy") as raised:
                store.get("x")
            assert str(db) in str(raised.value)
            store.close()
        finally:
            store_module.BUSY_TIMEOUT = saved
    finally:
        holder.execute("ROLLBACK")
        holder.close()


# Damaged.


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("store") / "s.db"
    subprocess.run(_ingest(db, EVENTS), capture_output=True, check=False, cwd=ROOT)
    assert len(_stored(db)) == 954
    return db


def _damaged(ingested: Path, tmp_path: Path, how: str) -> Path:
    db = tmp_path / f"{how}.db"
    shutil.copy(ingested, db)
    if how == "cut":
        data = db.read_bytes()
        db.write_bytes(data[:-1])
    elif how == "flipped":
        data = bytearray(db.read_bytes())
        at = data.find(b'"visit.conducted"', 8192)
        data[at + 3] ^= 0x20
        db.write_bytes(bytes(data))
    else:
        connection = sqlite3.connect(db)
        if how == "bad-type":
            connection.execute(
                "UPDATE events SET record = json_set(record, '$.officer', 5) WHERE seq = 10"
            )
        elif how == "bad-json":
            connection.execute("UPDATE events SET record = '{\"id\": ' WHERE seq = 10")
        elif how == "dropped":
            connection.execute("DROP TABLE events")
        connection.commit()
        connection.close()
    return db


@pytest.mark.parametrize("how", ["cut", "flipped", "bad-type", "bad-json", "dropped"])
def test_a_damaged_store_gives_one_line_naming_the_cause_and_the_file(
    ingested: Path, tmp_path: Path, how: str
) -> None:
    db = _damaged(ingested, tmp_path, how)
    before = db.read_bytes()
    ingest = subprocess.run(
        _ingest(db, EVENTS), capture_output=True, text=True, check=False, cwd=ROOT
    )
    check = run("check", "--store", str(db), "--register", REGISTER, "--as-of", AS_OF)
    for result in (ingest, check):
        if result.returncode == 2:
            line = _one_line_error(result, str(db), "damaged store")
            assert "record" not in line.split("damaged store", 1)[1] or how == "bad-json"
            assert '"at"' not in line  # the record's text is not printed
        else:  # the damage is one record, which the check lists as rejected
            assert result is check and how in ("flipped", "bad-type"), result.stderr
            assert result.returncode == 1 and "rejected 1" in result.stdout
    assert db.read_bytes() == before


# Read-only and full: a small tmpfs.


@pytest.fixture
def mount(tmp_path: Path) -> Iterator[Path]:
    point = tmp_path / "mnt"
    point.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(point)],
        capture_output=True,
        text=True,
        check=False,
    )
    if made.returncode != 0:
        message = f"cannot mount a tmpfs here: {made.stderr.strip()}"
        if REQUIRED:
            pytest.fail(message)
        pytest.skip(message)
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], check=False)


def test_a_store_on_a_read_only_mount_is_called_read_only(mount: Path) -> None:
    db = mount / "s.db"
    EventStore(db).close()
    subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
    ingest = subprocess.run(
        _ingest(db, EVENTS), capture_output=True, text=True, check=False, cwd=ROOT
    )
    line = _one_line_error(ingest, str(db), "read-only")
    assert "damaged" not in line
    fresh = subprocess.run(
        _ingest(mount / "new.db", EVENTS), capture_output=True, text=True, check=False, cwd=ROOT
    )
    _one_line_error(fresh, "new.db", "read-only")
    assert not (mount / "new.db").exists()


def test_a_full_disk_is_named_and_loses_nothing_acknowledged(mount: Path, tmp_path: Path) -> None:
    log, ids = _big_log(tmp_path, copies=3)
    db = mount / "s.db"
    result = subprocess.run(
        _ingest(db, log, extra=("--batch", "100", "--log-commits")),
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 2, result.stderr
    errors = [line for line in result.stderr.splitlines() if "committed through" not in line]
    assert len(errors) == 1 and "the disk is full" in errors[0] and str(db) in errors[0]
    assert "cannot rollback" not in result.stderr
    acknowledged = [line for line in result.stderr.splitlines() if "committed through" in line]
    last = int(acknowledged[-1].rsplit(":", 1)[1]) if acknowledged else 0
    stored = _stored(db)
    assert len(stored) == len(set(stored)) and set(ids[:last]) <= set(stored)
    with EventStore(db) as store:  # the store still opens
        assert len(store) == len(stored)


def test_a_store_that_cannot_even_be_made_on_a_full_disk_leaves_no_file(mount: Path) -> None:
    filler = mount / "filler"
    with filler.open("wb") as handle, pytest.raises(OSError):
        handle.write(b"\0" * (1 << 20))
    result = subprocess.run(
        _ingest(mount / "s.db", EVENTS), capture_output=True, text=True, check=False, cwd=ROOT
    )
    _one_line_error(result, "s.db", "disk is full")
    assert sorted(p.name for p in mount.iterdir()) == ["filler"]

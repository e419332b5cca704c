"""The event store: idempotent ingestion, refusal of foreign files, crash safety."""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from governance_rules import evaluate, load_register, read_events
from governance_rules import store as store_module
from governance_rules.monitor import Monitor
from governance_rules.store import EventStore, StoreError
from tests.paths import EXAMPLE, ROOT
from tests.test_cli import EVENTS, EXE, REGISTER, run

AS_OF = "2026-11-30"


def ingest(db: Path, *events: str, extra: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    args = [arg for e in events for arg in ("--events", e)]
    return run(
        "ingest", "--store", str(db), "--register", REGISTER, *args, "--as-of", AS_OF, *extra
    )


def findings(*source: str) -> list[object]:
    result = run("check", "--register", REGISTER, *source, "--as-of", AS_OF, "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)["findings"]  # type: ignore[no-any-return]


def test_ingest_then_check_store_equals_check_files(tmp_path: Path) -> None:
    db = tmp_path / "province.db"
    first = ingest(db, EVENTS)
    assert first.returncode == 1  # the example has rejected lines
    assert first.stdout.startswith("read 960, accepted 953, duplicates 1, rejected 5, future 1")
    # The first ingest counts what changed; the findings are listed only with --findings.
    assert "findings changed: 1276 (" in first.stdout and "[violated]" not in first.stdout
    with EventStore(db) as store:
        stored = len(store)
    again = ingest(db, EVENTS, extra=("--format", "json"))
    report = json.loads(again.stdout)
    assert report["input"]["accepted"] == 0 and report["changed"] == []
    assert report["stored"] == stored == 954  # 953 evaluated, 1 dated after the check
    assert findings("--store", str(db)) == findings("--events", EVENTS)
    for fmt in ("html", "markdown", "table"):
        result = run(
            "check", "--register", REGISTER, "--store", str(db), "--as-of", AS_OF, "--format", fmt
        )
        assert result.returncode == 1 and result.stdout


def test_monitor_reopens_from_the_store(tmp_path: Path) -> None:
    register = load_register(EXAMPLE / "register.yaml")
    intake = read_events([EXAMPLE / "events.jsonl"], register)
    as_of = date(2026, 11, 30)
    with EventStore(tmp_path / "s.db") as store:
        Monitor(register, as_of=as_of, store=store).ingest(
            [e.model_dump(mode="json") for e in intake.accepted]
        )
    with EventStore(tmp_path / "s.db") as store:
        reopened = Monitor(register, as_of=as_of, store=store)
        assert reopened.findings() == evaluate(register, intake.accepted, as_of=as_of)


def _untouched(path: Path, content: bytes, *args: str) -> None:
    result = run(*args)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "not a governance-rules event store" in lines[0], lines
    assert path.read_bytes() == content
    assert not Path(f"{path}-wal").exists() and not Path(f"{path}-shm").exists()


def test_foreign_and_corrupted_files_are_refused_and_left_untouched(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(random.Random(7).randbytes(8192))
    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as db:
        db.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT)")
        db.execute("INSERT INTO accounts VALUES (1, 'someone')")
    db.close()
    for path in (garbage, foreign):
        content = path.read_bytes()
        _untouched(
            path,
            content,
            "ingest",
            "--store",
            str(path),
            "--register",
            REGISTER,
            "--events",
            EVENTS,
        )
        _untouched(path, content, "check", "--store", str(path), "--register", REGISTER)


def test_damaged_store_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    ingest(db, EVENTS)
    data = bytearray(db.read_bytes())
    data[4096:8192] = b"\xff" * 4096  # a page of the events table
    db.write_bytes(bytes(data))
    content = db.read_bytes()
    result = run("check", "--store", str(db), "--register", REGISTER)
    assert result.returncode == 2 and "damaged store" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert db.read_bytes() == content


def test_newer_stores_are_refused_and_older_ones_migrated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "s.db"
    EventStore(db).close()
    now = store_module.SCHEMA_VERSION
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", now + 1)
    monkeypatch.setattr(
        store_module, "_MIGRATIONS", {now: "ALTER TABLE events ADD COLUMN note TEXT"}
    )
    EventStore(db).close()
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA user_version").fetchone() == (now + 1,)
        columns = [row[1] for row in connection.execute("PRAGMA table_info(events)")]
    assert "note" in columns
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", now)
    with pytest.raises(StoreError, match="newer than this release"):
        EventStore(db)


def test_a_store_of_version_1_is_given_the_digests_of_whole_numbers(tmp_path: Path) -> None:
    # Version 1 told 12.0 from 12 in a record's digest: the record ingested again, the same
    # as parsed JSON, would have been a conflict. The upgrade makes such digests again.
    import hashlib

    from governance_rules.io._intake import _CANONICAL, DIGEST_SIZE

    register = load_register(EXAMPLE / "register.yaml")
    visit = {"id": "v-x", "type": "visit.conducted", "at": "2024-03-05", "officer": "o-01"}
    visit |= {"commune": "c-an-hoa", "distance_km": 12.0}
    other = {**visit, "id": "v-y", "distance_km": 12.5}
    db = tmp_path / "s.db"
    with EventStore(db) as store:
        monitor = Monitor(register, as_of=date(2026, 11, 30), store=store)
        assert [monitor.add(f"in:{n}", r) for n, r in enumerate((visit, other))] == [
            "accepted",
            "accepted",
        ]
        store.commit()
    before = hashlib.blake2b(_CANONICAL(visit).encode(), digest_size=DIGEST_SIZE).digest()
    with sqlite3.connect(db) as connection:  # as version 1 left it
        connection.execute("UPDATE events SET digest = ? WHERE id = 'v-x'", (before,))
        connection.execute("PRAGMA user_version=1")
        digests = dict(connection.execute("SELECT id, digest FROM events"))
    with EventStore(db) as store:
        monitor = Monitor(register, as_of=date(2026, 11, 30), store=store)
        again = {**visit, "distance_km": 12}
        assert monitor.add("again:1", again) == "duplicate"
        assert monitor.add("again:2", other) == "duplicate"
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA user_version").fetchone() == (2,)
        now = dict(connection.execute("SELECT id, digest FROM events"))
    assert now["v-x"] != digests["v-x"] and now["v-y"] == digests["v-y"]


def test_a_damaged_record_does_not_stop_the_upgrade_to_version_2(tmp_path: Path) -> None:
    # The damage is said when the event is read back, as in a store of this version.
    db = tmp_path / "s.db"
    with EventStore(db) as store:
        store["v-x"] = (b"0" * 16, "in:1")
        store.append("v-x", {"id": "v-x", "type": "visit.conducted", "distance_km": 12.0})
        store.commit()
    with sqlite3.connect(db) as connection:
        connection.execute("""UPDATE events SET record = '{"id": "v-x", "distance_km": 12.0'""")
        connection.execute("PRAGMA user_version=1")
    EventStore(db).close()
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA user_version").fetchone() == (2,)
    register = load_register(EXAMPLE / "register.yaml")
    with EventStore(db) as store, pytest.raises(StoreError, match="damaged store"):
        Monitor(register, as_of=date(2026, 11, 30), store=store)


def _big_log(tmp_path: Path, copies: int) -> tuple[Path, list[str]]:
    """The example's valid events, repeated under new ids: a long log to kill ingest in."""
    register = load_register(EXAMPLE / "register.yaml")
    accepted = read_events([EXAMPLE / "events.jsonl"], register).accepted
    path = tmp_path / "big.jsonl"
    ids: list[str] = []
    with path.open("w", encoding="utf-8") as handle:
        for copy in range(copies):
            for event in accepted:
                record = event.model_dump(mode="json")
                record["id"] = f"{record['id']}-{copy}"
                if "issue" in record:
                    record["issue"] = f"{record['issue']}-{copy}"
                if "violation" in record:
                    record["violation"] = f"{record['violation']}-{copy}"
                ids.append(record["id"])
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path, ids


def kill_during_ingest(
    command: list[str], chance: random.Random, commits: int, pause: float = 0.0
) -> int:
    """Run an ``ingest --log-commits``, kill it after a random number of commits (at most
    ``commits``) and a random pause of up to ``pause`` seconds; how many records its last
    logged commit acknowledged."""
    with subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT
    ) as process:
        assert process.stderr is not None
        wanted, acknowledged = chance.randint(1, commits), 0
        for line in process.stderr:
            if "committed through" in line:
                acknowledged = int(line.rsplit(":", 1)[1])
                wanted -= 1
                if wanted == 0:
                    break
        time.sleep(chance.uniform(0, pause))
        process.send_signal(signal.SIGKILL)
        process.wait()
    return acknowledged


def test_ingest_survives_sigkill(tmp_path: Path) -> None:
    log, ids = _big_log(tmp_path, copies=24)
    db = tmp_path / "province.db"
    chance = random.Random(20261128)
    command = [
        EXE or "",
        "ingest",
        "--store",
        str(db),
        "--register",
        REGISTER,
        "--events",
        str(log),
        "--as-of",
        AS_OF,
        "--batch",
        "400",
        "--log-commits",
        "--format",
        "json",
    ]
    for _ in range(4):
        acknowledged = kill_during_ingest(command, chance, commits=12)
        with sqlite3.connect(db) as connection:
            stored = [row[0] for row in connection.execute("SELECT id FROM events")]
        connection.close()
        assert len(stored) == len(set(stored)), "an event was stored twice"
        assert set(ids[:acknowledged]) <= set(stored), "an acknowledged event was lost"
    finished = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    assert finished.returncode == 0, finished.stderr
    with sqlite3.connect(db) as connection:
        stored = [row[0] for row in connection.execute("SELECT id FROM events")]
    connection.close()
    assert sorted(stored) == sorted(ids)
    assert findings("--store", str(db)) == findings("--events", str(log))


def test_a_new_store_can_be_opened_by_another_process_while_it_is_open(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    with EventStore(path):  # the writer holds the file open
        code = f"from governance_rules import EventStore\nEventStore({str(path)!r}).close()"
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr

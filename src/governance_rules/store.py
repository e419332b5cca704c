"""A durable, append-only event store on SQLite.

Accepted events are kept in one table keyed by event id, in the order they were ingested,
with the digest of their content and where they were first read. Ingestion is idempotent:
the same event again is a duplicate, a different one with a taken id a conflict. The file
carries an application id and a schema version, so that a foreign or damaged file is
refused before anything is written to it, and an older store is migrated.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import sqlite3
import uuid
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from .errors import GovernanceRulesError, Problem
from .io import digest_of

APPLICATION_ID = 0x47524C53  # "GRLS"
SCHEMA_VERSION = 2
_MAGIC = b"SQLite format 3\x00"

_SCHEMA = """
CREATE TABLE events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    digest BLOB NOT NULL,
    location TEXT NOT NULL,
    record TEXT NOT NULL
);
"""


def _digests_of_whole_numbers(db: sqlite3.Connection) -> None:
    """Version 1 to 2: the digest of a record holding a whole number written as a float
    (``12.0``) is made as it is now, equal to that of the record with the int (``12``):
    the same value as parsed JSON. Such a record, ingested again, is then a duplicate."""
    again: list[tuple[bytes, int]] = []
    for seq, text in db.execute("SELECT seq, record FROM events"):
        if ".0" not in text and "e+" not in text:
            continue  # no such number: its digest is as it was
        try:
            again.append((digest_of(json.loads(text)), seq))
        except (ValueError, TypeError, AttributeError, RecursionError):
            continue  # a damaged record, said so when the event is read back
    db.executemany("UPDATE events SET digest = ? WHERE seq = ?", again)


# Each entry upgrades a store from the version it is keyed by to the next one: SQL
# statements, or a function given the connection.
_MIGRATIONS: dict[int, str | Callable[[sqlite3.Connection], None]] = {
    1: _digests_of_whole_numbers,
}


class StoreError(GovernanceRulesError):
    """The store cannot be used: not a store, damaged, read-only, full, busy, or of a
    newer version."""

    def __init__(self, path: Path, message: str) -> None:
        self.path = path
        self.problem = Problem(str(path), message)
        super().__init__(f"{path}: {message}")


BUSY_TIMEOUT = 30.0
"""Seconds a writer waits for another one to commit before it says the store is busy."""

# What SQLite's result codes mean to the store's user: the real cause, in a few words.
_CAUSES = {
    "SQLITE_READONLY": "the store is read-only (the file, its folder or its disk)",
    "SQLITE_FULL": "the disk is full",
    "SQLITE_BUSY": "the store is busy: another process is writing to it; try again",
    "SQLITE_LOCKED": "the store is busy: another process is writing to it; try again",
    "SQLITE_CORRUPT": "damaged store",
    "SQLITE_NOTADB": "damaged store",
    "SQLITE_CANTOPEN": "cannot open the store (its folder may be missing or read-only)",
    "SQLITE_PERM": "permission denied",
    "SQLITE_IOERR": "input/output error",
}


def _cause(error: sqlite3.Error) -> str:
    """One line that names the real cause of an SQLite error."""
    name = str(getattr(error, "sqlite_errorname", "") or "")
    detail = str(error).splitlines()[0] if str(error) else type(error).__name__
    for prefix, cause in _CAUSES.items():
        if name == prefix or name.startswith(prefix + "_"):
            return f"{cause} ({detail})"
    if "readonly" in detail:
        return f"{_CAUSES['SQLITE_READONLY']} ({detail})"
    return f"damaged store: {detail}" if isinstance(error, sqlite3.DatabaseError) else detail


def _inspect(path: Path) -> int:
    """The schema version of an existing store, read without opening it for writing."""
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as error:
        raise StoreError(path, f"cannot read: {error.strerror or error}") from None
    if len(header) < 100 or not header.startswith(_MAGIC):
        raise StoreError(path, "not a governance-rules event store (not an SQLite database)")
    version = int.from_bytes(header[60:64], "big")
    application = int.from_bytes(header[68:72], "big")
    if application != APPLICATION_ID:
        raise StoreError(path, "not a governance-rules event store (another application's)")
    if version > SCHEMA_VERSION:
        raise StoreError(
            path, f"store schema version {version} is newer than this release ({SCHEMA_VERSION})"
        )
    return version


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT)
    # Durable across a crash of the process; a power cut may lose the last commits.
    db.execute("PRAGMA synchronous=NORMAL")
    return db


def _half_made(path: Path) -> bool:
    """Whether ``path`` is an SQLite file with nothing in it yet: a store whose creation an
    earlier release began and did not finish (killed before its schema was committed)."""
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError:
        return False
    if len(header) < 100 or not header.startswith(_MAGIC) or any(header[60:64] + header[68:72]):
        return False
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            (count,) = db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            db.close()
    except sqlite3.Error:
        return False
    return int(count) == 0


def _create(path: Path, replace: bool = False) -> None:
    """Make a new, empty store at ``path`` at once or not at all.

    The store is built whole under a temporary name beside ``path`` (schema, header and
    write-ahead mode) and then linked into place, so that a crash leaves either no store
    or a complete one, never a half-made file; when another process made the store first,
    its store is kept and ours removed.
    """
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.new")
    try:
        db = sqlite3.connect(temporary, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("BEGIN IMMEDIATE")
            db.execute(_SCHEMA)
            db.execute(f"PRAGMA application_id={APPLICATION_ID}")
            db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            db.execute("COMMIT")
        finally:
            db.close()  # the last connection: the log is checkpointed into the file
        if replace:  # its log, if any, belongs to the half-made file
            for stale in _companions(path):
                with contextlib.suppress(FileNotFoundError):
                    stale.unlink()
            os.replace(temporary, path)
            return
        try:
            os.link(temporary, path)
        except FileExistsError:
            if path.stat().st_size:  # another process's store, complete
                return
            os.replace(temporary, path)  # an empty file that is no store yet
        except OSError:  # no hard links here: a rename, which may replace an empty file
            if path.exists() and path.stat().st_size:
                return
            os.replace(temporary, path)
    except sqlite3.Error as error:
        raise StoreError(path, f"cannot create the store: {_cause(error)}") from None
    except OSError as error:
        raise StoreError(path, f"cannot create the store: {error.strerror or error}") from None
    finally:
        for leftover in (temporary, *_companions(temporary)):
            with contextlib.suppress(OSError):
                leftover.unlink()


def _remove_abandoned(path: Path) -> None:
    """Remove the temporary files of creations of this store whose process has died."""
    for leftover in path.parent.glob(f".{glob.escape(path.name)}.*.new*"):
        pid = leftover.name[len(path.name) + 2 :].split(".", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            with contextlib.suppress(OSError):
                leftover.unlink()


def _alive(pid: int) -> bool:
    if os.name != "posix":
        return True  # no cheap way to ask: leave the file
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _companions(path: Path) -> tuple[Path, Path]:
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


class EventStore:
    """The events of a province, on disk (SQLite, write-ahead log).

    Several processes may ingest into one store at once: each batch takes the store's
    write lock before it asks which ids are taken, so that no two writers store one id,
    and a writer that waits longer than :data:`BUSY_TIMEOUT` is told the store is busy.

    Args:
        path: The store's file; created when it does not exist (or is empty).

    Raises:
        StoreError: If the file is not a store, is damaged, read-only, full or busy, or
            is of a newer version; the file is then left as it was.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._staged: dict[str, tuple[bytes, str]] = {}
        self._in_transaction = False
        if str(path) == ":memory:":  # a store for the life of the object, for tests
            self._db = sqlite3.connect(":memory:", isolation_level=None)
            self._db.executescript(_SCHEMA)
            return
        _remove_abandoned(self.path)
        if not self.path.exists() or self.path.stat().st_size == 0:
            _create(self.path)
        elif _half_made(self.path):
            _create(self.path, replace=True)
        _inspect(self.path)
        try:
            self._db = _connect(self.path)
        except sqlite3.Error as error:
            raise StoreError(self.path, _cause(error)) from None
        try:
            # Nothing is written to a file that is not a sound store.
            (verdict,) = self._db.execute("PRAGMA quick_check").fetchone()
            if verdict != "ok":
                raise StoreError(self.path, f"damaged store: {verdict}")
            tables = {row[0] for row in self._db.execute("SELECT name FROM sqlite_master")}
            if "events" not in tables:
                raise StoreError(self.path, "damaged store: its events table is missing")
            # The file's header may lag behind a migration still in the write-ahead log.
            (version,) = self._db.execute("PRAGMA user_version").fetchone()
            if version > SCHEMA_VERSION:
                raise StoreError(
                    self.path,
                    f"store schema version {version} is newer than this release ({SCHEMA_VERSION})",
                )
            if version < SCHEMA_VERSION:
                self._upgrade(version)
        except sqlite3.Error as error:
            self._db.close()
            raise StoreError(self.path, _cause(error)) from None
        except StoreError:
            self._db.close()
            raise

    def _upgrade(self, version: int) -> None:
        """Migrate the schema one version at a time, in one transaction."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            while version < SCHEMA_VERSION:
                migration = _MIGRATIONS[version]
                if callable(migration):
                    migration(self._db)
                else:
                    for statement in migration.split(";"):
                        if statement.strip():
                            self._db.execute(statement)
                version += 1
            self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            self._db.execute("COMMIT")
        except BaseException:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise

    def _run(self, sql: str, parameters: tuple[Any, ...] = ()) -> sqlite3.Cursor:
        """A statement, its failure a :class:`StoreError` that names the cause."""
        try:
            return self._db.execute(sql, parameters)
        except sqlite3.Error as error:
            raise StoreError(self.path, _cause(error)) from None

    def _begin(self) -> None:
        if not self._in_transaction:
            self._run("BEGIN IMMEDIATE")  # waits for another writer, up to BUSY_TIMEOUT
            self._in_transaction = True

    # The claims of ids (see governance_rules.io.Intake).

    def get(self, key: str, /) -> tuple[bytes, str] | None:
        """The digest and location of the stored event with this id, if any.

        The first look-up of a batch takes the write lock, so that what it answers still
        holds when the batch is stored.
        """
        staged = self._staged.get(key)
        if staged is not None:
            return staged
        self._begin()
        row = self._run("SELECT digest, location FROM events WHERE id = ?", (key,)).fetchone()
        return (bytes(row[0]), str(row[1])) if row else None

    def __setitem__(self, key: str, value: tuple[bytes, str], /) -> None:
        self._staged[key] = value

    def append(self, event_id: str, record: Mapping[str, Any]) -> None:
        """Store the record of an accepted event (its id claimed just before)."""
        digest, location = self._staged.pop(event_id)
        self._begin()
        text = json.dumps(record, ensure_ascii=False, sort_keys=True)
        self._run(
            "INSERT INTO events (id, digest, location, record) VALUES (?, ?, ?, ?)",
            (event_id, digest, location, text),
        )

    def commit(self) -> None:
        """Make what was appended durable.

        Raises:
            StoreError: If it cannot be written (the disk is full, the file read-only);
                the batch is then rolled back whole, and nothing of it is stored.
        """
        self._staged.clear()
        if self._in_transaction:
            try:
                self._db.execute("COMMIT")
            except sqlite3.Error as error:
                cause = _cause(error)
                self.rollback()
                raise StoreError(self.path, cause) from None
            self._in_transaction = False

    def rollback(self) -> None:
        """Forget what was appended since the last commit."""
        self._staged.clear()
        if self._in_transaction:
            self._in_transaction = False
            if self._db.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    self._db.execute("ROLLBACK")

    def records(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """``(location, record)`` of every stored event, in the order of ingestion.

        Raises:
            StoreError: If a stored record cannot be read back (a damaged store).
        """
        for _, location, record in self.records_after(0):
            yield location, record

    def records_after(self, seq: int) -> Iterator[tuple[int, str, dict[str, Any]]]:
        """``(seq, location, record)`` of the events stored after the one numbered ``seq``
        (``0``: all of them), in the order of ingestion: what another process appended
        since a reader last looked.

        Raises:
            StoreError: If a stored record cannot be read back (a damaged store).
        """
        cursor = self._run(
            "SELECT seq, id, location, record FROM events WHERE seq > ? ORDER BY seq", (seq,)
        )
        while True:
            try:
                row = cursor.fetchone()
            except sqlite3.Error as error:
                raise StoreError(self.path, _cause(error)) from None
            if row is None:
                return
            number, event_id, location, text = row
            try:
                record = json.loads(text)
            except (TypeError, ValueError, RecursionError):
                record = None
            if not isinstance(record, dict):
                raise StoreError(
                    self.path,
                    f"damaged store: stored event {number} ('{event_id}') cannot be read",
                )
            yield int(number), str(location), record

    def __len__(self) -> int:
        return int(self._run("SELECT count(*) FROM events").fetchone()[0])

    def close(self) -> None:
        """Roll back what was not committed, and close the file."""
        self.rollback()
        self._db.close()

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

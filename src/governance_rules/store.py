"""A durable, append-only event store on SQLite.

Accepted events are kept in one table keyed by event id, in the order they were ingested,
with the digest of their content and where they were first read. Ingestion is idempotent:
the same event again is a duplicate, a different one with a taken id a conflict. The file
carries an application id and a schema version, so that a foreign or damaged file is
refused before anything is written to it, and an older store is migrated.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from .errors import GovernanceRulesError

APPLICATION_ID = 0x47524C53  # "GRLS"
SCHEMA_VERSION = 1
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

# Each entry upgrades a store from the version it is keyed by to the next one.
_MIGRATIONS: dict[int, str] = {}


class StoreError(GovernanceRulesError):
    """The store cannot be used: not a store, damaged, or of a newer version."""

    def __init__(self, path: Path, message: str) -> None:
        self.path = path
        super().__init__(f"{path}: {message}")


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


class EventStore:
    """The events of a province, on disk (SQLite, write-ahead log).

    Args:
        path: The store's file; created when it does not exist.

    Raises:
        StoreError: If the file is not a store, is damaged, or is of a newer version; the
            file is then left as it was.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        exists = self.path.exists()
        version = _inspect(self.path) if exists else 0
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None)
        except sqlite3.Error as error:
            raise StoreError(self.path, f"cannot open: {error}") from None
        try:
            if exists:
                # Nothing is written to a file that is not a sound store.
                (verdict,) = self._db.execute("PRAGMA quick_check").fetchone()
                if verdict != "ok":
                    self._db.close()
                    raise StoreError(self.path, f"damaged store: {verdict}")
            else:
                self._db.execute("PRAGMA journal_mode=WAL")
            # Durable across a crash of the process; a power cut may lose the last commits.
            self._db.execute("PRAGMA synchronous=NORMAL")
            if version < SCHEMA_VERSION:
                self._upgrade(version)
        except sqlite3.DatabaseError as error:
            self._db.close()
            raise StoreError(self.path, f"damaged store: {error}") from None
        self._staged: dict[str, tuple[bytes, str]] = {}
        self._in_transaction = False

    def _upgrade(self, version: int) -> None:
        """Create the schema (version 0), or migrate it one version at a time."""
        self._db.execute("BEGIN IMMEDIATE")
        if version == 0:
            self._db.execute(_SCHEMA)
            version = 1
        while version < SCHEMA_VERSION:
            for statement in _MIGRATIONS[version].split(";"):
                if statement.strip():
                    self._db.execute(statement)
            version += 1
        self._db.execute(f"PRAGMA application_id={APPLICATION_ID}")
        self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        self._db.execute("COMMIT")
        # The header (application id, version) into the main file now, not at the next
        # checkpoint: another process may open the store while this one holds it.
        self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    # The claims of ids (see governance_rules.io.Intake).

    def get(self, key: str, /) -> tuple[bytes, str] | None:
        """The digest and location of the stored event with this id, if any."""
        staged = self._staged.get(key)
        if staged is not None:
            return staged
        row = self._db.execute(
            "SELECT digest, location FROM events WHERE id = ?", (key,)
        ).fetchone()
        return (bytes(row[0]), str(row[1])) if row else None

    def __setitem__(self, key: str, value: tuple[bytes, str], /) -> None:
        self._staged[key] = value

    def append(self, event_id: str, record: Mapping[str, Any]) -> None:
        """Store the record of an accepted event (its id claimed just before)."""
        digest, location = self._staged.pop(event_id)
        if not self._in_transaction:
            self._db.execute("BEGIN IMMEDIATE")
            self._in_transaction = True
        self._db.execute(
            "INSERT INTO events (id, digest, location, record) VALUES (?, ?, ?, ?)",
            (event_id, digest, location, json.dumps(record, ensure_ascii=False, sort_keys=True)),
        )

    def commit(self) -> None:
        """Make what was appended durable."""
        self._staged.clear()
        if self._in_transaction:
            self._db.execute("COMMIT")
            self._in_transaction = False

    def rollback(self) -> None:
        """Forget what was appended since the last commit."""
        self._staged.clear()
        if self._in_transaction:
            self._db.execute("ROLLBACK")
            self._in_transaction = False

    def records(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """``(location, record)`` of every stored event, in the order of ingestion."""
        cursor = self._db.execute("SELECT location, record FROM events ORDER BY seq")
        for location, record in cursor:
            yield str(location), json.loads(record)

    def __len__(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM events").fetchone()[0])

    def close(self) -> None:
        """Roll back what was not committed, and close the file."""
        self.rollback()
        self._db.close()

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

"""Intake: turning located records into accepted events, and accounting for every one."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal, Protocol, get_origin
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from .._gc import paused_gc
from .._phrasebook import say
from .._text import as_written, lone_surrogate, printable
from ..errors import suggest
from ..model import (
    EVENT_ADAPTER,
    EVENT_TYPES,
    Accounting,
    BaseEvent,
    Commune,
    CompactEvent,
    EventLike,
    Register,
    Rejection,
    compact_event,
    shared_fields,
)
from ._columns import EVENT_COLUMNS
from ._readers import Note, Record, read_csv, read_json
from ._xlsx import read_events_xlsx

Outcome = Literal["accepted", "duplicate", "rejected", "future", "note"]

FileReader = Callable[[Path], Iterable[tuple[int | str, Record]]]
"""Gives the located records of one file."""


def read_file(path: Path) -> Iterable[tuple[int | str, Record]]:
    """The records of ``path`` by the built-in reader its suffix asks for: CSV, a workbook,
    else JSON (an array, or lines)."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return read_csv(path)
    if suffix == ".xlsx":
        return read_events_xlsx(path)
    return read_json(path)


# Fields that name register entries, by the register list they must resolve in.
_REFERENCES: dict[str, tuple[str, str]] = {
    "officer": ("officers", "officer"),
    "invited": ("officers", "officer"),
    "attended": ("officers", "officer"),
    "commune": ("communes", "commune"),
    "to": ("standing_members", "standing member"),
    "standing_member": ("standing_members", "standing member"),
    "confirmed_by": ("standing_members", "standing member"),
    "term": ("terms", "term"),
}


_SHARED_OF: dict[str, tuple[str, ...]] = {
    event_type: tuple(
        name
        for name, info in model.model_fields.items()
        if name not in ("id", "type", "at")
        and (name not in _REFERENCES or get_origin(info.annotation) is tuple)
        and get_origin(info.annotation) is not Literal  # a choice's strings are shared
    )
    for event_type, model in EVENT_TYPES.items()
}
"""The fields of each event type whose values repeat from event to event (a meeting's
topics and invitees, a report's sections and period, a year), held once for all the events
with an equal value: the rest are ids, dates, the register's own strings and fixed choices."""

_SHARED_LIMIT = 4096
"""The values of one field held for sharing; past them, a new value is its own event's."""

DIGEST_SIZE = 16
"""Bytes of a record's digest (BLAKE2b), by which a repeated id is told a duplicate."""

_TYPE_NAMES = {name: name for name in EVENT_TYPES}

# The reference fields of each event type, worked out once.
_REFERENCES_OF: dict[str, tuple[tuple[str, str, str], ...]] = {
    event_type: tuple(
        (name, kind, noun)
        for name, (kind, noun) in _REFERENCES.items()
        if name in model.model_fields
    )
    for event_type, model in EVENT_TYPES.items()
}


class _CompactClaims:
    """Claims in memory, each as one small bytes object: the digest, then where the record
    was read, as the number of its file (or source) and its line when the location is
    ``source:line``, else the location's text. A tuple of bytes and str would take three
    times the memory in a log of millions of events."""

    def __init__(self) -> None:
        self._claims: dict[str, bytes] = {}
        self._sources: dict[str, int] = {}
        self._names: list[str] = []

    def get(self, key: str, /) -> tuple[bytes, str] | None:
        packed = self._claims.get(key)
        if packed is None:
            return None
        digest, where = packed[:DIGEST_SIZE], packed[DIGEST_SIZE:]
        if where[:1] == b"\x00":
            source, line = int.from_bytes(where[1:4], "big"), int.from_bytes(where[4:], "big")
            return digest, f"{self._names[source]}:{line}"
        return digest, where[1:].decode("utf-8", "surrogatepass")

    def __setitem__(self, key: str, value: tuple[bytes, str], /) -> None:
        digest, location = value
        source, _, line = location.rpartition(":")
        if source and line.isascii() and line.isdigit() and len(line) < 10 and line[0] != "0":
            number = self._sources.get(source)
            if number is None:
                number = self._sources[source] = len(self._names)
                self._names.append(source)
            where = b"\x00" + number.to_bytes(3, "big") + int(line).to_bytes(4, "big")
        else:
            where = b"\x01" + location.encode("utf-8", "surrogatepass")
        self._claims[key] = digest + where


def _claim_dict() -> Claims:
    return _CompactClaims()


class Claims(Protocol):
    """Ids already taken: ``get`` gives ``(digest, location)`` of the first record with the
    id, and assignment records a new one."""

    def get(self, key: str, /) -> tuple[bytes, str] | None: ...

    def __setitem__(self, key: str, value: tuple[bytes, str], /) -> None: ...


def digest_of(record: Mapping[str, Any]) -> bytes:
    """A digest of a record's content, equal for records that are equal as parsed JSON:
    whatever the order of their keys, the spelling of their strings, and the spelling of
    their numbers (JSON has one kind of number: ``1``, ``1.0`` and ``1e0`` are one value,
    which Python parses as an ``int`` or a ``float``). ``true`` and ``1`` are two values.

    Raises:
        UnicodeEncodeError: If a string of the record holds a lone surrogate (not text).
        RecursionError: If the record is nested too deeply.
    """
    text = _CANONICAL(record)
    # A whole number written as a float ("12.0") is encoded again as the int it equals. The
    # substrings are looked for first: most records have neither, and that costs least.
    if (".0" in text or "e+" in text) and _WHOLE_FLOAT.search(text):
        text = _CANONICAL({key: _one_kind_of_number(value) for key, value in record.items()})
    return hashlib.blake2b(text.encode("utf-8"), digest_size=DIGEST_SIZE).digest()


# How the encoder writes a float that is a whole number: "12.0" before what follows a value,
# or "1e+16" from 10^16 up (and strings that look so, which are left as they are).
_WHOLE_FLOAT = re.compile(r"\.0[,\]}]|e\+")


def _one_kind_of_number(value: Any) -> Any:
    """``value`` with each float that is a whole number as the int it equals."""
    kind = type(value)
    if kind is float:
        return int(value) if value.is_integer() else value
    if kind is dict:
        return {key: _one_kind_of_number(item) for key, item in value.items()}
    if kind is list or kind is tuple:
        return [_one_kind_of_number(item) for item in value]
    return value


# One encoder for every digest (json.dumps makes one a call); a parsed record has no cycle,
# and a structure nested too deep still raises RecursionError.
_CANONICAL = json.JSONEncoder(
    sort_keys=True, ensure_ascii=False, separators=(",", ":"), check_circular=False
).encode


def _short(value: Any) -> str:
    """A value as the record holds it, cut to 60 characters; true, false and null as JSON
    writes them."""
    text = as_written(value)
    return text if len(text) <= 60 else text[:57] + "..."


def validation_reason(event_type: str, error: ValidationError) -> str:
    """The first problem of a validation error, on one line, naming the field and value."""
    first = error.errors(include_url=False)[0]
    loc = [str(part) for part in first["loc"][1:]]
    name = "".join(f"[{p}]" if p.isdigit() else f".{p}" for p in loc).lstrip(".") or "?"
    message = first["msg"].removeprefix("Value error, ")
    if first["type"] == "missing":
        return f"{event_type}: field '{name}': missing"
    hint = ""
    if first["type"] == "literal_error":
        choices = re.findall(r"'([^']*)'", str(first.get("ctx", {}).get("expected", "")))
        hint = suggest(str(first["input"]), choices)
    value = first["input"]
    shown = "" if isinstance(value, dict) or repr(value) in message else f" (got {_short(value)})"
    return f"{event_type}: field '{name}': {message}{shown}{hint}"


_TABLE = re.compile(r"\.(?:csv|tsv|txt|xlsx):", re.IGNORECASE)


_NOT_A_DATE = re.compile(
    r"(?:invalid ISO 8601 date or date-time |expected an ISO 8601 date or date-time string, "
    r"got )(?P<value>'[^']*'|\S+)$"
)


def _rejection(location: str, reason: str) -> Rejection:
    """A rejection said in English and in Vietnamese, on one line whatever the input's
    strings hold: no control, bidirectional or surrogate character reaches a terminal, a
    log or a report. A record read from a table names its fields by their column headers
    in Vietnamese."""
    columns = None
    if _TABLE.search(location):  # a clerk typed it: the date as typed, in the form expected
        columns = EVENT_COLUMNS
        reason = _NOT_A_DATE.sub(
            r"\g<value> is not a date: expected ngày/tháng/năm (dd/mm/yyyy)", reason
        )
    return Rejection(
        location=printable(location),
        error=printable(reason),
        error_vi=printable(say(reason, columns)),
    )


def _folded(text: str) -> str:
    """A name as it compares: NFC, case and surrounding space left aside."""
    return unicodedata.normalize("NFC", text).strip().casefold()


@dataclass
class Intake:
    """Accepts records one at a time and accounts for each.

    Every record read ends as exactly one of accepted, duplicate, rejected or future, so
    ``read = accepted + duplicates + rejected + future`` always holds. The first record with
    an id claims it; a later identical one is a duplicate, a different one a conflict
    (rejected, naming both locations). A rejected record claims nothing.

    Args:
        register: Events must name officers, communes, members and terms of this register.
        as_of: Events dated after it are counted as future and not accepted; ``None``
            accepts every date.
    """

    register: Register
    as_of: date | None = None
    accepted: list[BaseEvent] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    notes: list[Rejection] = field(default_factory=list)
    """What the readers said of the files themselves (an unknown CSV column), located."""
    duplicates: int = 0
    future: int = 0
    keep: bool = True
    """Keep accepted events in :attr:`accepted`; without, only :attr:`last` holds the latest."""
    compact: bool = False
    """Keep accepted events as :class:`~governance_rules.model.CompactEvent` records in
    :attr:`records`, not as models in :attr:`accepted`: the same values in about a third of
    the memory, for a check of millions of events (:attr:`events` gives either)."""
    claims: Claims = field(default_factory=lambda: _claim_dict(), repr=False)
    """Which ids are taken, with the digest of their content and where they were first read;
    a dict by default, or an event store's table."""

    def __post_init__(self) -> None:
        self.last: BaseEvent | None = None
        self.records: list[CompactEvent] = []
        """The accepted events, with ``compact``."""
        self._accepted = 0
        self._sealed = False
        self._tz = ZoneInfo(self.register.province.timezone)
        # Each register id once, so that events name it by the same string object.
        self._ids: dict[str, dict[str, str]] = {
            name: {item.id: item.id for item in getattr(self.register, name)}
            for name, _ in set(_REFERENCES.values())
        }
        self._dated = {c.id: c for c in self.register.communes if c.dated}
        # Values that repeat from event to event, each held once (_SHARED_OF).
        self._shared: dict[str, tuple[tuple[str, dict[Any, Any]], ...]] = {
            event_type: tuple((name, {}) for name in names)
            for event_type, names in _SHARED_OF.items()
        }
        # Names typed where an id belongs ("Xã An Hòa", "Nguyễn Văn An"), to the ids they name.
        self._named: dict[str, dict[str, list[str]]] = {}
        for name, _ in set(_REFERENCES.values()):
            for item in getattr(self.register, name):
                text = getattr(item, "name", None)
                if text:
                    self._named.setdefault(name, {}).setdefault(_folded(text), []).append(item.id)

    @property
    def events(self) -> Sequence[EventLike]:
        """The accepted events kept: :attr:`records` with ``compact``, else :attr:`accepted`."""
        return self.records if self.compact else self.accepted

    @property
    def accounting(self) -> Accounting:
        """The counts so far."""
        rejected = len(self.rejections)
        read = self._accepted + self.duplicates + rejected + self.future
        return Accounting(
            read=read,
            accepted=self._accepted,
            duplicates=self.duplicates,
            rejected=rejected,
            future=self.future,
        )

    def seal(self) -> Intake:
        """Take no more records: the claims that tell a repeated id, the largest holding of
        a long log after its events (about a hundred bytes an event), are let go, and a
        later record raises ``RuntimeError``. Returns the intake.

        A check of files read whole needs nothing more of its intake than the events and
        the accounting; an intake fed as records come, or across calls, is not sealed.
        """
        self.claims = _claim_dict()
        self._sealed = True
        return self

    def add(self, location: str, record: Record | Any) -> Outcome:
        """Take one record (or the reason it is none) found at ``location``; a reader's
        :class:`Note` is kept in :attr:`notes`, and is no record."""
        if self._sealed:
            raise RuntimeError("the intake is sealed: it takes no more records")
        if isinstance(record, Note):
            self.notes.append(_rejection(location, record))
            return "note"
        if isinstance(record, str):
            return self._reject(location, record or "unreadable record")
        if not isinstance(record, Mapping):
            return self._reject(location, f"expected a JSON object, got {type(record).__name__}")
        try:
            event_or_reason = self.parse(record)
        except RecursionError:
            return self._reject(location, "nested too deeply")
        if isinstance(event_or_reason, str):
            return self._reject(location, event_or_reason)
        event = event_or_reason
        try:
            digest = digest_of(record)
        except RecursionError:
            return self._reject(location, "nested too deeply")
        except UnicodeEncodeError:
            # "\udfff" in JSON is no text: it could be neither stored nor written out.
            where = lone_surrogate(dict(record)) or "?"
            reason = f"{event.type}: field '{where}': holds a lone surrogate, which is not text"  # type: ignore[attr-defined]
            return self._reject(location, reason)
        claim = self.claims.get(event.id)
        if claim is not None:
            if claim[0] == digest:
                self.duplicates += 1
                return "duplicate"
            reason = f"conflicts with {claim[1]}: same id '{event.id}', different content"
            return self._reject(location, reason)
        self.claims[event.id] = (digest, location)
        if self.as_of is not None and event.day(self._tz) > self.as_of:
            self.future += 1
            return "future"
        self._accepted += 1
        self.last = event
        if self.compact:
            self.records.append(compact_event(event))
        elif self.keep:
            self.accepted.append(event)
        return "accepted"

    def parse(self, record: Mapping[str, Any]) -> BaseEvent | str:
        """The event a record holds, or a one-line reason naming the field and value."""
        event_type = record.get("type")
        if event_type is None:
            return "field 'type': missing"
        if not isinstance(event_type, str):
            return f"field 'type': expected a string (got {_short(event_type)})"
        if event_type not in EVENT_TYPES:
            return (
                f"field 'type': unknown event type '{event_type}'{suggest(event_type, EVENT_TYPES)}"
            )
        try:
            event: BaseEvent = EVENT_ADAPTER.validate_python(record)
        except ValidationError as error:
            return validation_reason(event_type, error)
        values = event.__dict__
        for name, kind, noun in _REFERENCES_OF[event_type]:
            known = self._ids[kind]
            value = values[name]
            for item in value if isinstance(value, tuple) else (value,):
                if item is not None and item not in known:
                    hint = self._by_name(kind, item) or suggest(item, known)
                    return f"{event_type}: field '{name}': unknown {noun} '{item}'{hint}"
            # The register's own strings: a long log holds each id once, not once an event.
            if isinstance(value, tuple):
                values[name] = tuple(known[item] for item in value)
            elif value is not None:
                values[name] = known[value]
        commune = values.get("commune")
        if commune is not None and commune in self._dated:
            reason = self._absent(self._dated[commune], event.day(self._tz))
            if reason is not None:
                return f"{event_type}: field 'commune': {reason}"
        values["type"] = _TYPE_NAMES[event_type]
        for name, shared in self._shared[event_type]:
            value = values[name]
            if value is not None:
                held = shared.get(value)
                if held is not None:
                    values[name] = held
                elif len(shared) < _SHARED_LIMIT:
                    shared[value] = value
        object.__setattr__(event, "__pydantic_fields_set__", shared_fields(event.model_fields_set))
        if not event.__pydantic_extra__:
            object.__setattr__(event, "__pydantic_extra__", None)  # no empty dict an event
        return event

    def _by_name(self, kind: str, text: str) -> str:
        """A hint for a name typed where an id belongs: the id (or ids) of that name."""
        ids = self._named.get(kind, {}).get(_folded(text), [])
        if len(ids) == 1:
            return f" (a name: did you mean its id '{ids[0]}'?)"
        if ids:
            return " (a name: give one of the ids " + ", ".join(f"'{i}'" for i in ids) + ")"
        return ""

    @staticmethod
    def _absent(commune: Commune, day: date) -> str | None:
        """Why an event cannot name ``commune`` on ``day``, or ``None`` (it exists)."""
        if commune.holds_on(day):
            return None
        if commune.from_ is not None and day < commune.from_:
            return f"'{commune.id}' does not exist yet on {day} (from {commune.from_})"
        merged = f"; merged into '{commune.successor}'" if commune.successor else ""
        return f"'{commune.id}' no longer exists on {day} (until {commune.until}{merged})"

    def _reject(self, location: str, reason: str) -> Outcome:
        self.rejections.append(_rejection(location, reason))
        return "rejected"

    def read(
        self,
        paths: Iterable[str | Path],
        progress: Callable[[str, int], None] | None = None,
        reader: FileReader | None = None,
    ) -> Intake:
        """Read files in the order given.

        Args:
            paths: The event files.
            progress: Called with the file name and the records read from it so far, every
                10,000 records and at the end of each file.
            reader: Gives the records of one file; the built-in readers by the file's
                suffix when ``None`` (:func:`read_events` and the command line choose among
                the installed ones: :meth:`governance_rules.plugins.Plugins.read`).
        """
        reader = reader or read_file
        with paused_gc():
            for name in paths:
                path = Path(name)
                count = 0
                for line, record in reader(path):
                    self.add(f"{name}:{line}", record)
                    count += 1
                    if progress is not None and count % 10_000 == 0:
                        progress(str(name), count)
                if progress is not None:
                    progress(str(name), count)
        return self

"""Readers: records out of JSON Lines, JSON arrays and CSV files, streamed.

A reader yields ``(line, record)`` pairs: ``record`` is the parsed object, or a one-line
reason why the text at that line is not a record. A reader never raises for bad content; it
raises :class:`~governance_rules.errors.InputError` only when the file as a whole cannot be
read (missing, or a JSON array whose syntax breaks, so that what follows cannot be located).
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .._text import LegacyWatch, encoding_of, not_utf8
from ..errors import InputError
from ..model import EVENT_TYPES
from ._columns import ASCII_SPACE, EVENT_FIELDS, choice, dmy, integer, key

Record = dict[str, Any] | str
"""A parsed record, or the reason the text is not one."""


class Note(str):
    """What a reader says of a file that is not about one record (an unknown column): no
    record, counted nowhere, shown beside the report."""


_LIST_FIELDS = {"topics", "invited", "attended", "sections"}
_INT_FIELDS = {"year"}
_CHUNK = 1 << 16


def _open(path: Path) -> io.BufferedReader:
    try:
        return open(path, "rb")
    except OSError as error:
        raise InputError(str(path), f"cannot read: {error.strerror or error}") from None


def _codec(handle: io.BufferedReader) -> str:
    """The file's codec (:func:`encoding_of` its first bytes), the handle left at its start."""
    return encoding_of(handle.peek(4)[:4])


def _decoded(lines: Iterable[str], path: Path, codec: str) -> Iterator[str]:
    """``lines`` as they decode; a UTF-16 or UTF-32 file that breaks off inside a character
    is one located error (what was read before it is kept)."""
    read = 0  # the lines read whole before the break
    try:
        for line in lines:
            yield line
            read += 1
    except UnicodeDecodeError as error:
        where = f"{path}:{read + 1}"
        raise InputError(where, f"not {codec.upper()}: {error.reason}") from None


def _wide_lines(handle: io.BufferedReader, codec: str, path: Path) -> Iterator[bytes]:
    """The lines of a UTF-16 or UTF-32 file, each as UTF-8 bytes (a lone surrogate kept,
    for the line holding it to be rejected on its own)."""
    text = io.TextIOWrapper(handle, encoding=codec, errors="surrogatepass", newline="\n")
    for line in _decoded(text, path, codec):
        yield line.encode("utf-8", "surrogatepass")


def _loads(text: str) -> Record:
    try:
        value = json.loads(text)
    except RecursionError:
        return "invalid JSON: nested too deeply"
    except ValueError as error:
        return f"invalid JSON: {getattr(error, 'msg', error)}"
    if not isinstance(value, dict):
        return f"expected a JSON object, got {type(value).__name__}"
    return value


def read_jsonl(path: Path) -> Iterator[tuple[int, Record]]:
    """Records of a JSON Lines file, one object a line; blank lines are not records."""
    with _open(path) as handle:
        codec = _codec(handle)
        lines = _wide_lines(handle, codec, path) if codec in ("utf-16", "utf-32") else handle
        # A file that declares UTF-8 by its byte-order mark is never taken for another.
        watch = LegacyWatch(str(path)) if codec == "utf-8" else None
        for number, raw in enumerate(lines, start=1):
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
            # Only ASCII white space makes a blank line; NBSP or U+2028 is content.
            if not raw.strip():
                continue
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as error:
                if watch is not None:
                    watch.line(raw, False)
                yield number, f"not UTF-8 (byte {error.start + 1})"
                continue
            if watch is not None:
                watch.line(raw, True)
            yield number, _loads(text)


def read_json_array(path: Path) -> Iterator[tuple[int, Record]]:
    """Records of a file holding one JSON array of objects, parsed element by element."""
    decoder = json.JSONDecoder()
    with _open(path) as handle:
        codec = _codec(handle)
        reader = codecs.getincrementaldecoder(codec if codec != "utf-8" else "utf-8-sig")()
        buffer, pos, line, eof = "", 0, 1, False

        def fill() -> bool:
            nonlocal buffer, pos, eof
            if eof:
                return False
            chunk = handle.read(_CHUNK)
            try:
                text = reader.decode(chunk, final=not chunk)
            except UnicodeDecodeError as error:
                if codec == "utf-8":
                    bad = chunk[max(0, error.start - 200) : error.start + 200]
                    raise InputError(f"{path}:{line}", not_utf8(bad)) from None
                raise InputError(f"{path}:{line}", f"not {codec.upper()}") from None
            eof = not chunk
            buffer, pos = buffer[pos:] + text, 0
            return bool(chunk) or bool(text)

        def skip_space() -> None:
            nonlocal pos, line
            while True:
                while pos < len(buffer) and buffer[pos] in " \t\r\n":
                    line += buffer[pos] == "\n"
                    pos += 1
                if pos < len(buffer) or not fill():
                    return

        skip_space()
        if pos >= len(buffer) or buffer[pos] != "[":
            raise InputError(f"{path}:{line}", "expected a JSON array of events")
        pos += 1
        first = True
        while True:
            skip_space()
            if pos >= len(buffer):
                raise InputError(f"{path}:{line}", "invalid JSON: the array is not closed")
            if buffer[pos] == "]":
                pos += 1
                skip_space()
                if pos < len(buffer):
                    raise InputError(
                        f"{path}:{line}",
                        "content after the JSON array's closing ']' (a .json file holds one "
                        "array; JSON Lines go in a .jsonl file)",
                    )
                return
            if not first:
                if buffer[pos] != ",":
                    raise InputError(f"{path}:{line}", "invalid JSON: expected ',' or ']'")
                pos += 1
                skip_space()
            first = False
            while True:
                try:
                    value, end = decoder.raw_decode(buffer, pos)
                except RecursionError:
                    raise InputError(f"{path}:{line}", "invalid JSON: nested too deeply") from None
                except json.JSONDecodeError as error:
                    if fill():
                        continue
                    raise InputError(f"{path}:{line}", f"invalid JSON: {error.msg}") from None
                except ValueError as error:
                    raise InputError(f"{path}:{line}", f"invalid JSON: {error}") from None
                # A number or literal cut by the chunk's end must be read whole.
                if end == len(buffer) and not eof and fill():
                    continue
                break
            start_line = line
            line += buffer.count("\n", pos, end)
            pos = end
            if isinstance(value, dict):
                yield start_line, value
            else:
                yield start_line, f"expected a JSON object, got {type(value).__name__}"


_ASCII_SPACE = ASCII_SPACE


_SURROGATE = re.compile("[\ud800-\udfff]")  # half a UTF-16 pair, alone
_ESCAPED = re.compile("[\udc80-\udcff]")  # bytes that are not UTF-8, as surrogateescape keeps them


def _csv_value(name: str, value: str) -> Any:
    if value == "":
        return [] if name in _LIST_FIELDS else None
    if name in _LIST_FIELDS:
        parts = (part.strip(_ASCII_SPACE) for part in value.split(";"))
        return [choice(name, part) for part in parts if part]
    number = integer(value) if name in _INT_FIELDS else None
    if number is not None:
        return number
    if name == "at":  # dd/mm/yyyy (and a time), as the workbook takes it
        return dmy(value, times=True)
    return choice(name, value)


_DELIMITERS = (",", ";", "\t")


def _delimiter(first: str) -> str:
    """The delimiter that splits the header row into the most known columns (Excel writes
    ``;`` in many locales), a comma when none does better."""
    best, most = ",", 0
    for delimiter in _DELIMITERS:
        try:
            cells = next(csv.reader([first], delimiter=delimiter), [])
        except csv.Error:  # reading the header says so, located
            continue
        known = sum(key(cell) in EVENT_FIELDS for cell in cells)
        if known > most:
            best, most = delimiter, known
    return best


def _blank(row: list[str]) -> bool:
    return not any(cell.strip(_ASCII_SPACE) for cell in row)


def read_csv(path: Path) -> Iterator[tuple[int, Record]]:
    """Records of a CSV file with a header row.

    The event type comes from a ``type`` column, or else from the file name
    (``visit.conducted.csv``). List fields are ``;``-separated; empty cells are null.
    """
    with _open(path) as handle:
        # Bytes that are not UTF-8 stay in the text as lone surrogates, so that the record
        # holding them is rejected on its own line and the rest of the file is read.
        codec = _codec(handle)
        wide = codec in ("utf-16", "utf-32")
        text = io.TextIOWrapper(
            handle,
            encoding=codec if wide else "utf-8-sig",
            errors="surrogatepass" if wide else "surrogateescape",
            newline="",
        )
        lines = _decoded(text, path, codec) if wide else iter(text)
        first = next(lines, "")
        rows = csv.reader(itertools.chain([first], lines), delimiter=_delimiter(first))
        try:
            header = next(rows, None)
        except csv.Error as error:
            raise InputError(f"{path}:1", f"unreadable CSV header: {error}") from None
        header = [h.strip(_ASCII_SPACE) for h in header or ()]
        if wide and any(_SURROGATE.search(h) for h in header):
            reason = f"not {codec.upper()}: the header row holds a lone surrogate"
            raise InputError(f"{path}:1", reason)
        if any(_ESCAPED.search(h) for h in header):
            raw = ",".join(header).encode("utf-8", "surrogateescape")
            raise InputError(f"{path}:1", not_utf8(raw, "the header row"))
        watch = LegacyWatch(str(path)) if codec == "utf-8" else None
        if not any(header):
            try:
                content = not all(_blank(row) for row in rows)
            except csv.Error as error:
                where = f"{path}:{rows.line_num + 1}"
                raise InputError(where, f"unreadable CSV: {error}") from None
            if content:
                raise InputError(f"{path}:1", "the CSV header row is empty")
            return  # an empty file: no records
        written = header
        # The template's Vietnamese headers (Mã sự kiện, Ngày, Mã cán bộ...) or field names.
        header = [EVENT_FIELDS.get(key(h), h) if h else h for h in written]
        repeated = sorted({name for name in header if name and header.count(name) > 1})
        if repeated:
            both = [w for w, h in zip(written, header, strict=True) if h == repeated[0]]
            if both[0] == both[1]:
                reason = f"column '{both[0]}' is given twice in the header"
            else:
                reason = f"columns '{both[0]}' and '{both[1]}' are both '{repeated[0]}'"
            raise InputError(f"{path}:1", reason)
        file_type = path.name.removesuffix(".csv")
        if "type" not in header and file_type not in EVENT_TYPES:
            raise InputError(
                f"{path}:1",
                "CSV needs a 'type' column, or a file name that is an event type "
                "(such as visit.conducted.csv)",
            )
        for column, (given, name) in enumerate(zip(written, header, strict=True), start=1):
            if given and name not in EVENT_FIELDS.values():
                yield (
                    1,
                    Note(
                        f"unknown column '{given}' (column {column}): kept with each record as an "
                        "extra field, read by no rule"
                    ),
                )
        while True:
            number = rows.line_num + 1
            try:
                row = next(rows)
            except StopIteration:
                return
            except csv.Error as error:
                yield number, f"invalid CSV: {error}"
                continue
            if _blank(row):
                continue
            joined = "".join(row)
            if watch is not None and not joined.isascii():
                watch.line(joined.encode("utf-8", "surrogateescape"), not _ESCAPED.search(joined))
            if _ESCAPED.search(joined):
                yield number, "not UTF-8"
                continue
            if len(row) > len(header):
                yield number, f"{len(row)} cells for {len(header)} columns"
                continue
            record: dict[str, Any] = {}
            for name, cell in zip(header, row, strict=False):
                value = _csv_value(name, cell)
                if value is not None:
                    record[name] = value
            record.setdefault("type", file_type)
            yield number, record


def read_json(path: Path) -> Iterator[tuple[int, Record]]:
    """JSON Lines for ``.jsonl`` and ``.ndjson``, whatever the first line holds; otherwise
    a JSON array if the file starts with ``[``, else JSON Lines."""
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        yield from read_jsonl(path)
        return
    with _open(path) as handle:
        codec = _codec(handle)
        head = handle.read(4096)
    text = head.decode(codec if codec != "utf-8" else "utf-8-sig", errors="ignore").lstrip()
    yield from (read_json_array if text.startswith("[") else read_jsonl)(path)

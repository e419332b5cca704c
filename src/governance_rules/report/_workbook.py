"""A small streaming writer of ``.xlsx`` workbooks (SpreadsheetML), for the findings.

A province's whole history holds tens of thousands of findings; a general-purpose
library builds an object a cell and takes tens of seconds and hundreds of megabytes for
them. This writer streams each sheet's XML into the zip as it goes, with only what the
report needs: text, numbers, dates and percentages; a bold header row, an autofilter,
frozen panes and column widths.

Text is always an inline string (``t="inlineStr"``): a value never becomes a formula, a
shared-string index or a hyperlink. Characters XML 1.0 cannot carry, and a literal
``_xHHHH_`` that Excel would decode, are written in SpreadsheetML's own ``_xHHHH_``
escape, so the cell reads back exactly as written. The timestamps are the report's date,
not the clock: the same report gives the same bytes.
"""

from __future__ import annotations

import io
import itertools
import math
import re
import tempfile
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import IO, Any

__all__ = [
    "FILLED_LATER",
    "LATER",
    "Percent",
    "Placed",
    "Sheet",
    "cell",
    "placed",
    "workbook_pieces",
    "write_workbook",
]

MAX_ROWS = 1_048_576
"""The rows Excel opens in one sheet: a sheet's rows past them go on in sheets of their own
(``Phát hiện (2)``, each with the header row again), rather than a workbook that Excel
opens only by dropping them."""
_NAME_LENGTH = 31  # the characters Excel allows a sheet's name
_SPOOL = 16 * 2**20  # the bytes of a workbook in pieces held in memory; past them, a file
_PIECE = 2**20  # the bytes of one piece
CELL_LENGTH = 32_767
"""The characters (UTF-16 units) Excel holds in a cell; it does not open a longer text as
written. A longer text is cut to fit and ends with ``…(+N)``, the number of characters left
out (the JSON report holds it whole)."""
_EPOCH = date(1899, 12, 30)  # day 0 of Excel's 1900 date system, past its 1900 leap bug
# XML's markup characters, the characters XML 1.0 forbids or normalises (a carriage return),
# a lone surrogate, and text that Excel would read as an escape: one pass finds them all.
_SPECIAL = re.compile(
    "[&<>\x00-\x08\x0b\x0c\r\x0e-\x1f\ufffe\uffff\ud800-\udfff]|_(?=x[0-9A-Fa-f]{4}_)"
)
_MARKUP = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_ATTR = {'"': "&quot;"}


def _escape(text: str, entities: dict[str, str]) -> str:
    """``xml.sax.saxutils.escape``, whose module imports urllib (a twentieth of a second
    for every command): ``&``, ``<`` and ``>``, then ``entities``."""
    text = text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
    for char, entity in entities.items():
        text = text.replace(char, entity)
    return text


class Percent(float):
    """A number shown as a percentage (``0%``)."""


@dataclass(frozen=True)
class Sheet:
    """One worksheet: its name, its rows (the first is the header when ``header``; each a
    sequence of values, or the :class:`Placed` text :func:`placed` made of them earlier), the
    widths of some columns (0-based index to characters), and how many columns and rows
    stay frozen at the left and top (``(0, 1)``: the header row)."""

    name: str
    rows: Iterable[Sequence[Any]]
    header: bool = True
    autofilter: bool = True
    freeze: tuple[int, int] = (0, 1)
    widths: Mapping[int, float] = field(default_factory=dict)


def _column(index: int) -> str:
    """``0`` is ``A``, ``26`` is ``AA``."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


_LETTERS = tuple(map(_column, range(26 * 27)))  # A to ZZ


def _plain(text: str) -> bool:
    """Whether ``text`` surely holds nothing :data:`_SPECIAL` finds: a printable text holds
    none of its characters but ``&``, ``<`` and ``>`` (and ``_x``), which are looked for
    faster than the pattern scans. ``False`` leaves it to the pattern."""
    return (
        text.isprintable()
        and "&" not in text
        and "<" not in text
        and ">" not in text
        and "_x" not in text
    )


def _code(match: re.Match[str]) -> str:
    char = match.group()
    return _MARKUP.get(char) or f"_x{ord(char):04X}_"


def _fit(text: str) -> str:
    """``text`` within :data:`CELL_LENGTH` as Excel counts it (UTF-16 units): whole, or cut,
    saying how much was left out."""
    if len(text) <= CELL_LENGTH // 2:
        return text
    units = text.encode("utf-16-le", "surrogatepass")
    if len(units) // 2 <= CELL_LENGTH:
        return text
    room = CELL_LENGTH - len("…(+9999)")
    while True:
        end = 2 * room
        if 0xD8 <= units[end - 1] <= 0xDB and 0xDC <= units[end + 1] <= 0xDF:
            end -= 2  # not between the two halves of a character
        kept = units[:end].decode("utf-16-le", "surrogatepass")
        marker = f"…(+{len(text) - len(kept)})"
        if end // 2 + len(marker) <= CELL_LENGTH:
            return kept + marker
        room = CELL_LENGTH - len(marker)


def _safe(text: str) -> str:
    """``text`` as the content of a ``<t>`` element that reads back as ``text``."""
    return _SPECIAL.sub(_code, text) if _SPECIAL.search(text) else text


# Styles: 0 plain, 1 bold (the header), 2 a date, 3 a percentage.
_BOLD, _DATE, _PERCENT = 1, 2, 3


def _styles(date_format: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<numFmts count="1"><numFmt numFmtId="164" formatCode="{_escape(date_format, _ATTR)}"/>'
        "</numFmts>"
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
        '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        "</cellStyleXfs>"
        '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
        '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        "</cellXfs>"
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    )


ROW = "\x1c"
"""Where a row made earlier (:func:`placed`) has its number, filled in as it is written.
XML 1.0 cannot carry the character, so a value's text never holds it (it is escaped)."""
LATER = "\x1b"
"""What :func:`placed` writes for a :data:`FILLED_LATER` cell: the caller puts the cell's
XML there (one cell, with no reference of its own) before the row is written."""
FILLED_LATER = object()
"""A value whose cell :func:`placed` leaves to be filled in later (:data:`LATER`)."""


def placed(values: Sequence[Any]) -> str:
    """A row's cells made now and written later, as text; a sheet takes it as a row when
    it is given as :class:`Placed`."""
    return _cells(values, ROW, False)


class Placed(str):
    """A sheet's row given as the text :func:`placed` made (a plain ``str`` is a row of
    characters, never markup): its number is put at each :data:`ROW` as it is written. Its
    cells must lie within the sheet's header row (the autofilter's width is the header's)."""


def cell(value: Any) -> str:
    """The XML of one cell of ``value`` with no reference of its own (the next column's)."""
    return placed([value]).replace(f' r="A{ROW}"', "", 1)


def _cells(values: Sequence[Any], row: str, bold: bool) -> str:
    """The cells of one row: a cell per value that is not ``None`` or empty. A cell's
    reference is written only after a skipped one; otherwise it is the next column, as the
    format says."""
    letters = _LETTERS if len(values) <= len(_LETTERS) else list(map(_column, range(len(values))))
    style = f' s="{_BOLD}"' if bold else ""
    parts: list[str] = []
    append = parts.append
    skipped = True  # the first cell names itself
    for letter, value in zip(letters, values, strict=False):  # letters may run longer
        if value is None or value == "":
            skipped = True
            continue
        ref = f' r="{letter}{row}"' if skipped else ""
        skipped = False
        if type(value) is not str:
            append(LATER if value is FILLED_LATER else _typed(ref, style, value))
            continue
        if len(value) > CELL_LENGTH // 2:
            value = _fit(value)
        if not _plain(value) and _SPECIAL.search(value):
            value = _SPECIAL.sub(_code, value)
        if value[0].isspace() or value[-1].isspace():
            append(f'<c{ref}{style} t="inlineStr"><is><t xml:space="preserve">{value}</t></is></c>')
        else:
            append(f'<c{ref}{style} t="inlineStr"><is><t>{value}</t></is></c>')
    return "".join(parts)


def _typed(ref: str, style: str, value: Any) -> str:
    """A cell of a value that is not a string: a number, a date, a rate, or else its text."""
    if isinstance(value, bool):
        return f'<c{ref}{style} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, Percent) and math.isfinite(value):
        return f'<c{ref} s="{_PERCENT}"><v>{float(value)!r}</v></c>'
    if isinstance(value, int) or (isinstance(value, float) and math.isfinite(value)):
        return f"<c{ref}{style}><v>{value!r}</v></c>"
    if isinstance(value, date):
        return f'<c{ref} s="{_DATE}"><v>{(value - _EPOCH).days}</v></c>'
    text = _safe(_fit(str(value)))
    space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
    return f'<c{ref}{style} t="inlineStr"><is><t{space}>{text}</t></is></c>'


def _write_sheet(
    out: Any, sheet: Sheet, rows: Iterator[Sequence[Any]], head: Sequence[Any] | None
) -> Iterator[Sequence[Any]] | None:
    """Write one sheet part: the header row ``head`` (when there is one), then ``rows`` up
    to Excel's :data:`MAX_ROWS`. Returns the rows left for the next part, or ``None``."""
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    parts = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n']
    parts.append(f'<worksheet xmlns="{ns}">')
    columns, frozen = sheet.freeze
    if columns or frozen:
        split = (f' xSplit="{columns}"' if columns else "") + (
            f' ySplit="{frozen}"' if frozen else ""
        )
        pane = "bottomRight" if columns and frozen else ("bottomLeft" if frozen else "topRight")
        corner = f"{_column(columns)}{frozen + 1}"
        parts.append(
            '<sheetViews><sheetView workbookViewId="0">'
            f'<pane{split} topLeftCell="{corner}" activePane="{pane}" state="frozen"/>'
            "</sheetView></sheetViews>"
        )
    if sheet.widths:
        parts.append("<cols>")
        for index, chars in sorted(sheet.widths.items()):
            n = index + 1
            parts.append(f'<col min="{n}" max="{n}" width="{chars}" customWidth="1"/>')
        parts.append("</cols>")
    parts.append("<sheetData>")
    out.write("".join(parts).encode("utf-8"))
    count = width = 0
    chunk: list[str] = []
    if head is not None:
        count, width = 1, len(head)
        chunk.append(f'<row r="1">{_cells(head, "1", True)}</row>')
    left: Iterator[Sequence[Any]] | None = None
    for values in rows:
        if count == MAX_ROWS:  # the rest goes on in a sheet of its own
            left = itertools.chain([values], rows)
            break
        count += 1
        if type(values) is Placed:
            number = str(count)
            chunk.append(f'<row r="{number}">{values.replace(ROW, number)}</row>')
        else:
            width = max(width, len(values))
            chunk.append(f'<row r="{count}">{_cells(values, str(count), False)}</row>')
        if len(chunk) >= 1000:
            out.write("".join(chunk).encode("utf-8"))
            chunk.clear()
    out.write("".join(chunk).encode("utf-8"))
    tail = ["</sheetData>"]
    if sheet.autofilter and count and width:
        tail.append(f'<autoFilter ref="A1:{_column(width - 1)}{count}"/>')
    tail.append("</worksheet>")
    out.write("".join(tail).encode("utf-8"))
    return left


def _continued(name: str, part: int) -> str:
    """The name of the ``part``-th sheet of ``name``'s rows (``Phát hiện (2)``), within the
    31 characters Excel allows a sheet's name."""
    suffix = f" ({part})"
    return name[: _NAME_LENGTH - len(suffix)] + suffix


def _entry(name: str, when: tuple[int, int, int, int, int, int]) -> zipfile.ZipInfo:
    """A zip entry stamped ``when``, deflated at level 1: a sheet's XML is repetitive, and
    level 1 is three times faster than the default for a file about a tenth larger."""
    info = zipfile.ZipInfo(name, date_time=when)
    info.compress_type = zipfile.ZIP_DEFLATED
    info._compresslevel = 1  # type: ignore[attr-defined]  # read by ZipFile.open and writestr
    return info


def write_workbook(sheets: Sequence[Sheet], day: date, date_format: str = "DD/MM/YYYY") -> bytes:
    """The workbook's bytes: ``sheets`` in order, dates shown in ``date_format``, every
    timestamp set to ``day``. A sheet with more rows than Excel opens in one goes on in
    sheets of its own (:data:`MAX_ROWS`).

    The sheets are streamed into the zip first; the parts that list them (the workbook, its
    relationships, the content types) follow, once their number is known, as openpyxl also
    orders them.
    """
    buffer = io.BytesIO()
    _zip(buffer, sheets, day, date_format)
    return buffer.getvalue()


def workbook_pieces(
    sheets: Sequence[Sheet], day: date, date_format: str = "DD/MM/YYYY"
) -> Iterator[bytes]:
    """:func:`write_workbook`'s bytes in pieces, for a workbook too large to hold whole.

    A zip is finished by going back to each entry's header, so it cannot be written to a
    pipe as it is made: it is made in a temporary file (in memory up to a few megabytes,
    on disk past them, as XlsxWriter also does), then read out a piece at a time. The
    sheets' rows are made as the first piece is asked for.

    Raises:
        OSError: If the temporary file cannot be written, with the folder it is made in as
            its ``filename`` when the system named none.
    """
    try:
        with tempfile.SpooledTemporaryFile(max_size=_SPOOL) as sink:
            _zip(sink, sheets, day, date_format)
            sink.seek(0)
            while piece := sink.read(_PIECE):
                yield piece
    except OSError as error:
        if error.filename is None:
            error.filename = tempfile.gettempdir()
        raise


def _zip(sink: IO[bytes], sheets: Sequence[Sheet], day: date, date_format: str) -> None:
    """Write the workbook of :func:`write_workbook` into ``sink`` (a file it can seek in)."""
    stamp = f"{day.isoformat()}T00:00:00Z"
    year = min(max(day.year, 1980), 2107)  # a zip entry's time holds the years 1980 to 2107
    when = (year, day.month, day.day, 0, 0, 0)
    with zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED) as book:
        names: list[str] = []
        for sheet in sheets:
            first = iter(sheet.rows)
            head = next(first, None) if sheet.header else None
            rows: Iterator[Sequence[Any]] | None = first
            part = 0
            while rows is not None:
                part += 1
                info = _entry(f"xl/worksheets/sheet{len(names) + 1}.xml", when)
                with book.open(info, "w", force_zip64=True) as out:
                    rows = _write_sheet(out, sheet, rows, head)
                names.append(sheet.name if part == 1 else _continued(sheet.name, part))
        for name, text in _listing(names, stamp, date_format).items():
            book.writestr(_entry(name, when), text.encode("utf-8"))


def _listing(names: Sequence[str], stamp: str, date_format: str) -> dict[str, str]:
    """The parts of a workbook besides its sheets, for sheets of ``names`` in order."""
    ns = "http://schemas.openxmlformats.org/package/2006"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    sml = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{sml}.worksheet+xml"/>'
        for n in range(1, len(names) + 1)
    )
    return {
        "xl/styles.xml": _styles(date_format),
        "docProps/core.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<cp:coreProperties xmlns:cp="{ns}/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            "<dc:creator>governance-rules</dc:creator>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
            "</cp:coreProperties>"
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{ns}/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
            f'<Relationship Id="rId2" Type="{ns}/relationships/metadata/core-properties" '
            'Target="docProps/core.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'xmlns:r="{rel}"><sheets>'
            + "".join(
                f'<sheet name="{_escape(name, _ATTR)}" sheetId="{n}" r:id="rId{n}"/>'
                for n, name in enumerate(names, 1)
            )
            + "</sheets>"
            + "</workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{ns}/relationships">'
            + "".join(
                f'<Relationship Id="rId{n}" Type="{rel}/worksheet" '
                f'Target="worksheets/sheet{n}.xml"/>'
                for n in range(1, len(names) + 1)
            )
            + f'<Relationship Id="rId{len(names) + 1}" Type="{rel}/styles" Target="styles.xml"/>'
            "</Relationships>"
        ),
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Types xmlns="{ns}/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{sml}.sheet.main+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{sml}.styles+xml"/>'
            '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-'
            'package.core-properties+xml"/>'
            f"{overrides}</Types>"
        ),
    }

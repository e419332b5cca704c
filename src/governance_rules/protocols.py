"""The extension points as types, in one place: what a reader, a renderer and an engine
backend must be. :mod:`governance_rules.plugins` finds them through entry points and checks
each against its protocol when it loads it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from .engine import Backend
from .io import Record
from .model import CheckReport, EventLike, Finding, Register, Status
from .rules import Catalogue


@runtime_checkable
class Reader(Protocol):
    """An event reader: the records of one file, each with its position in the file.

    ``read`` yields ``(position, record)``: the position is a line number or a place such as
    ``"Sheet1!12"`` (the location becomes ``file:position``); the record is the parsed
    object, or a one-line reason why the text there is not a record. It raises
    :class:`~governance_rules.InputError` only when the file as a whole cannot be read.
    """

    name: str
    suffixes: Sequence[str]

    def read(self, path: Path) -> Iterator[tuple[int | str, Record]]: ...


@dataclass(frozen=True)
class RenderContext:
    """What a renderer may need besides the report.

    Attributes:
        register: The province's register.
        events: The accepted events.
        lang: ``"vi"`` or ``"en"``.
        everything: Show fulfilled findings too (where a format leaves them out).
        catalogue: The rules evaluated, for their titles and clause texts (``None``: the
            Regulation's).
        timelines: Draw every assignment's timeline (where a format has them).
        officer: Draw the timelines of this officer.
        commune: Draw the timelines of this commune.
    """

    register: Register
    events: Sequence[EventLike] = ()
    lang: str = "en"
    everything: bool = False
    catalogue: Catalogue | None = None
    timelines: bool = False
    officer: str | None = None
    commune: str | None = None


Rendered = str | bytes | Iterable[str] | Iterable[bytes]
"""What a renderer gives: text, bytes, or either in pieces (written as they come)."""


@runtime_checkable
class Renderer(Protocol):
    """A report renderer: a check report as text, bytes, or text in pieces."""

    name: str
    media_type: str

    def render(self, report: CheckReport, context: RenderContext) -> Rendered: ...


__all__ = [
    "Backend",
    "Reader",
    "Record",
    "RenderContext",
    "Rendered",
    "Renderer",
    "StreamingRenderer",
]


@runtime_checkable
class StreamingRenderer(Renderer, Protocol):
    """A renderer that can also write a report whose findings come one at a time (a long
    check, never held whole): each finding made into text by ``compact`` as it is made (and
    held only so until its rule's findings are sorted), then ``render_stream`` given the
    report without its findings and summary, the texts in the report's order, and
    ``summary()`` to ask once they are all given."""

    def compact(self, finding: Finding) -> str: ...

    def render_stream(
        self,
        head: CheckReport,
        findings: Iterable[str],
        summary: Callable[[], Mapping[Status, int]],
        context: RenderContext,
    ) -> Rendered: ...

"""Plugin points: event readers, report renderers and engine backends.

Each kind is an entry-point group; the built-in readers, renderers and backends register
there too, so a third-party package adds one the same way (in its ``pyproject.toml``)::

    [project.entry-points."governance_rules.readers"]
    csv-vi = "my_package:READER"

    [project.entry-points."governance_rules.renderers"]
    csv = "my_package:RENDERER"

    [project.entry-points."governance_rules.backends"]
    my-engine = "my_package:evaluate"

A reader is an object with a ``name``, the file ``suffixes`` it reads and ``read(path)``;
a renderer has a ``name``, a ``media_type`` and ``render(report, context)``; a backend is a
function with the signature of :func:`governance_rules.evaluate`. :class:`Reader` and
:class:`Renderer` build the first two. A plugin that fails to load, or lacks what its kind
needs, is reported (:attr:`Plugins.problems`) and left out; the others still work.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from .engine import Backend
from .errors import BackendError, GovernanceRulesError
from .io import Record
from .model import CheckReport, Finding, Status
from .protocols import Reader as EventReaderPlugin
from .protocols import RenderContext, Rendered, StreamingRenderer
from .protocols import Renderer as RendererPlugin

READERS = "governance_rules.readers"
RENDERERS = "governance_rules.renderers"
BACKENDS = "governance_rules.backends"
GROUPS = (READERS, RENDERERS, BACKENDS)
DEFAULT_READER = "json"
"""The reader of a file whose suffix no reader claims."""


@dataclass(frozen=True)
class Reader:
    """An event reader built from a function (see :class:`EventReaderPlugin`)."""

    name: str
    suffixes: tuple[str, ...]
    read: Callable[[Path], Iterable[tuple[int | str, Record]]]


StreamRender = Callable[
    [CheckReport, Iterable[str], Callable[[], Mapping[Status, int]], RenderContext], Rendered
]
"""What :meth:`StreamingRenderer.render_stream` is."""


@dataclass(frozen=True)
class Renderer:
    """A report renderer built from a function (see :class:`RendererPlugin`); with
    ``compact`` and ``render_stream``, one that can stream
    (:class:`~governance_rules.protocols.StreamingRenderer`)."""

    name: str
    media_type: str
    render: Callable[[CheckReport, RenderContext], Rendered]
    compact: Callable[[Finding], str] | None = None
    render_stream: (
        Callable[
            [CheckReport, Iterable[str], Callable[[], Mapping[Status, int]], RenderContext],
            Rendered,
        ]
        | None
    ) = None


def streaming(renderer: RendererPlugin) -> StreamingRenderer | None:
    """``renderer``, if it can stream (:class:`~governance_rules.protocols.StreamingRenderer`)."""
    if (
        getattr(renderer, "compact", None) is None
        or getattr(renderer, "render_stream", None) is None
    ):
        return None
    return renderer  # type: ignore[return-value]


@dataclass(frozen=True)
class Origin:
    """Where a plugin comes from: the entry point and its distribution."""

    group: str
    name: str
    value: str
    distribution: str
    version: str


@dataclass
class Plugins:
    """The plugins installed, by kind and name, with what could not be loaded."""

    readers: dict[str, EventReaderPlugin] = field(default_factory=dict)
    renderers: dict[str, RendererPlugin] = field(default_factory=dict)
    backends: dict[str, Backend] = field(default_factory=dict)
    origins: dict[tuple[str, str], Origin] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def reader_for(self, path: Path) -> EventReaderPlugin:
        """The reader whose suffix ends the file name (the longest wins), else ``json``."""
        name = path.name.lower()
        best: tuple[int, EventReaderPlugin] | None = None
        for reader in self.readers.values():
            for suffix in reader.suffixes:
                if name.endswith(suffix.lower()) and (best is None or len(suffix) > best[0]):
                    best = (len(suffix), reader)
        if best is not None:
            return best[1]
        try:
            return self.readers[DEFAULT_READER]
        except KeyError:
            raise GovernanceRulesError(f"no event reader for {path.name}") from None

    def renderer(self, name: str) -> RendererPlugin:
        """The renderer called ``name``."""
        try:
            return self.renderers[name]
        except KeyError:
            known = ", ".join(sorted(self.renderers))
            raise GovernanceRulesError(f"no report format '{name}'; known: {known}") from None

    def read(self, path: Path) -> Iterable[tuple[int | str, Record]]:
        """The records of ``path``, by the reader its name asks for (:meth:`reader_for`)."""
        return self.reader_for(path).read(path)

    def backend(self, name: str) -> Backend:
        """The engine backend called ``name``."""
        try:
            return self.backends[name]
        except KeyError:
            known = ", ".join(self.backends)
            raise BackendError(f"no engine backend '{name}'; known: {known}") from None


def _missing(group: str, obj: Any) -> str | None:
    """What ``obj`` lacks for its kind (its protocol in :mod:`governance_rules.protocols`),
    signatures included, or ``None``."""
    if group == BACKENDS:
        if not callable(obj):
            return "it is not callable (a backend is a function)"
        return _unfit_signature(obj, _BACKEND_SIGNATURE, "it")
    needs = ("name", "suffixes", "read") if group == READERS else ("name", "media_type", "render")
    absent = [attr for attr in needs if not hasattr(obj, attr)]
    if absent:
        return "it has no " + ", ".join(f"'{a}'" for a in absent)
    if not isinstance(obj.name, str):
        return "its 'name' is not a string"
    method = needs[2]
    if not callable(getattr(obj, method)):
        return f"its '{method}' is not callable"
    if group == READERS and (
        isinstance(obj.suffixes, str) or not all(isinstance(s, str) for s in obj.suffixes)
    ):
        return "its 'suffixes' is not a list of strings"
    wanted = _READ_SIGNATURE if group == READERS else _RENDER_SIGNATURE
    return _unfit_signature(getattr(obj, method), wanted, f"its '{method}'")


# What each protocol calls with: positional arguments, then keyword arguments.
_READ_SIGNATURE: tuple[int, tuple[str, ...]] = (1, ())
_RENDER_SIGNATURE: tuple[int, tuple[str, ...]] = (2, ())
_BACKEND_SIGNATURE: tuple[int, tuple[str, ...]] = (2, ("as_of", "policy", "catalogue", "lang"))


def _unfit_signature(function: Any, wanted: tuple[int, tuple[str, ...]], what: str) -> str | None:
    """Why ``function`` cannot be called as its protocol calls it, or ``None``."""
    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):
        return None  # a builtin without a signature: it is called and judged then
    positional, keywords = wanted
    try:
        signature.bind(*range(positional), **dict.fromkeys(keywords))
    except TypeError as error:
        shown = ", ".join([*(f"arg{n + 1}" for n in range(positional)), *keywords])
        return f"{what} cannot be called as ({shown}): {error}"
    return None


def discover(entry_points: Iterable[metadata.EntryPoint] | None = None) -> Plugins:
    """Load every plugin of the three groups (or of ``entry_points``).

    Built-in plugins (from the ``governance-rules`` distribution) come first; a later plugin
    with a name already taken is reported and left out.
    """
    if entry_points is None:
        entry_points = [ep for group in GROUPS for ep in metadata.entry_points(group=group)]
    ours = metadata.metadata("governance-rules")["Name"] if _installed() else None

    def order(ep: metadata.EntryPoint) -> tuple[int, str, str]:
        dist = ep.dist.name if ep.dist else ""
        return (0 if dist == ours else 1, ep.group, ep.name)

    found = Plugins()
    for ep in sorted(entry_points, key=order):
        if ep.group not in GROUPS:
            continue
        dist = ep.dist.name if ep.dist else "?"
        version = ep.dist.version if ep.dist else "?"
        label = f"plugin '{ep.name}' ({ep.group}, from {dist} {version})"
        try:
            obj = ep.load()
        except Exception as error:  # any failure of third-party code: reported, not raised
            found.problems.append(f"{label}: cannot load {ep.value}: {_one_line(error)}")
            continue
        lacking = _missing(ep.group, obj)
        if lacking is not None:
            found.problems.append(f"{label}: {ep.value}: {lacking}")
            continue
        name = ep.name if ep.group == BACKENDS else obj.name
        tables: dict[str, dict[str, Any]] = {
            READERS: found.readers,
            RENDERERS: found.renderers,
            BACKENDS: found.backends,
        }
        table = tables[ep.group]
        if name in table:
            origin = found.origins[ep.group, name]
            found.problems.append(
                f"{label}: the name '{name}' is taken by {origin.distribution}; left out"
            )
            continue
        table[name] = obj
        found.origins[ep.group, name] = Origin(ep.group, name, ep.value, dist, version)
    return found


def _installed() -> bool:
    try:
        metadata.distribution("governance-rules")
    except metadata.PackageNotFoundError:
        return False
    return True


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


@functools.cache
def installed() -> Plugins:
    """The plugins installed in this environment, loaded once per process."""
    return discover()


def backend(name: str, plugins: Plugins | None = None) -> Backend:
    """The engine backend called ``name`` (``reference`` and ``durable`` are built in).

    Raises:
        BackendError: If there is no such backend.
    """
    return (plugins or installed()).backend(name)


def read_any(path: Path, plugins: Plugins | None = None) -> Iterable[tuple[int | str, Record]]:
    """The records of ``path`` with the installed reader its name asks for (the longest
    matching suffix; JSON, array or lines, when none matches)."""
    return (plugins or installed()).read(path)


__all__ = [
    "BACKENDS",
    "DEFAULT_READER",
    "GROUPS",
    "READERS",
    "RENDERERS",
    "Backend",
    "EventReaderPlugin",
    "Origin",
    "Plugins",
    "Reader",
    "Record",
    "RenderContext",
    "Rendered",
    "Renderer",
    "RendererPlugin",
    "StreamingRenderer",
    "backend",
    "discover",
    "installed",
    "read_any",
    "streaming",
]

"""Text and YAML as the product reads them: UTF-8 files and one safe YAML loader, every
error located.

Every YAML file the product reads (register, policy, rule pack, scenario) goes through
:func:`load_yaml`. It is PyYAML's safe loader (libyaml's parser where PyYAML has it) with
three changes: dates stay text, for the models to check, so that ``2026-02-30`` is a
located error; a key given twice in one mapping is an error, since the last one would
silently win; and aliases (``*name``) are bounded: a recursive alias is refused, and so is
a document whose aliases expand to more than :data:`MAX_NODES` nodes, so that no "billion
laughs" file can make a small file huge to whatever reads it next.
"""

from __future__ import annotations

import codecs
import json
import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from yaml.constructor import ConstructorError

from .errors import InputError, Problem

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

DocumentPath = tuple[str | int, ...]
"""A path into a document: keys and list indexes."""

MAX_NODES = 100_000
"""The most nodes a YAML document may hold once its aliases are expanded."""


class DataLoader(_Base):  # type: ignore[misc]
    """The safe YAML loader, with dates kept as text and duplicate keys refused."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> Any:
        seen: dict[tuple[str, str], int] = {}
        for key, _ in node.value:
            if not isinstance(key, yaml.ScalarNode):
                continue
            name = (key.tag, key.value)
            if name in seen:
                raise ConstructorError(
                    None,
                    None,
                    f"duplicate key '{key.value}' (first given on line {seen[name]})",
                    key.start_mark,
                )
            seen[name] = key.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


DataLoader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16's, which it starts with
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")  # Windows-1258 writes tones apart


def _utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def legacy_name(data: bytes) -> str:
    """The likely name of the legacy encoding that ``data``, which is not UTF-8, is in."""
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        text = ""
    if any(char in _TONES for char in text):
        return "Windows-1258 (cp1258)"
    high = sum(byte >= 0xA1 for byte in data)
    if high and sum(0x80 <= byte < 0xA0 for byte in data) * 10 < high:
        return "TCVN3 (ABC)"
    return "a legacy Vietnamese encoding (TCVN3, VNI or Windows-1258)"


def not_utf8(data: bytes, what: str = "the file") -> str:
    """The one-line reason a text in a legacy encoding is refused, with what to do."""
    return (
        f"not UTF-8: {what} looks like {legacy_name(data)}; save it again as UTF-8 "
        "(Excel: Save As, CSV UTF-8; Notepad: Save As, Encoding UTF-8)"
    )


class LegacyWatch:
    """Tells a file in a legacy encoding from a UTF-8 file with a damaged line, as its lines
    are read: once at least two lines beyond ASCII are not UTF-8, and they are most of the
    lines beyond ASCII so far, the file is in another encoding. A single bad line is a
    damaged record, rejected on its own."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.beyond_ascii = 0
        self.bad: list[bytes] = []

    def line(self, raw: bytes, utf8: bool) -> None:
        """Count one line; raises :class:`InputError` when the file is plainly not UTF-8."""
        if raw.isascii():
            return
        self.beyond_ascii += 1
        if utf8:
            return
        self.bad.append(raw)
        if len(self.bad) >= 2 and len(self.bad) * 2 > self.beyond_ascii:
            raise InputError(self.source, not_utf8(b"".join(self.bad)))


def encoding_of(head: bytes) -> str:
    """The codec a file is read by, from its first bytes: UTF-16 or UTF-32 by their
    byte-order mark (as Excel's "Unicode text" writes), ``utf-8-sig`` by UTF-8's, else
    ``utf-8``."""
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return codec
    return "utf-8"


def read_text(path: Path) -> str:
    """A text file in UTF-8 (a byte-order mark allowed) or UTF-16 or UTF-32 with one, or a
    located :class:`InputError`."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(str(path), f"cannot read: {error.strerror or error}") from None
    codec = encoding_of(data[:4])
    if codec == "utf-8":
        watch = LegacyWatch(str(path))
        for raw in data.splitlines():
            watch.line(raw, raw.isascii() or _utf8(raw))
    if codec in ("utf-16", "utf-32"):
        try:
            return data.decode(codec)
        except UnicodeDecodeError as error:
            raise InputError(str(path), f"not {codec.upper()} (byte {error.start + 1})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise InputError(f"{path}:{line}", f"not UTF-8 (byte {error.start + 1})") from None


def yaml_error(error: yaml.YAMLError, source: str) -> InputError:
    """A YAML error as a located :class:`InputError` (``source:line``)."""
    mark = getattr(error, "problem_mark", None)
    where = f"{source}:{mark.line + 1}" if mark is not None else source
    problem = getattr(error, "problem", None) or "invalid YAML"
    return InputError(where, f"invalid YAML: {problem}")


def load_yaml(text: str, source: str) -> tuple[Any, yaml.Node | None]:
    """The document of ``text`` and its node tree (for the lines of its paths).

    Raises:
        InputError: If the text is not YAML, holds a key twice, or has a recursive alias
            or aliases that expand past :data:`MAX_NODES` nodes (located).
    """
    loader = DataLoader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _check_aliases(node, source)
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        raise yaml_error(error, source) from None
    except RecursionError:
        raise InputError(source, "invalid YAML: nested too deeply") from None
    finally:
        loader.dispose()
    return data, node


def _check_aliases(root: yaml.Node, source: str) -> None:
    """Refuse a recursive alias, or aliases that expand past :data:`MAX_NODES` nodes."""
    sizes: dict[int, int] = {}
    open_: set[int] = set()
    # Depth first without recursion: (node, children visited yet).
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        children = _children(node)
        if done:
            open_.discard(key)
            size = 1 + sum(sizes[id(child)] for child in children)
            if size > MAX_NODES:
                raise InputError(
                    f"{source}:{node.start_mark.line + 1}",
                    f"invalid YAML: its aliases expand to more than {MAX_NODES:,} nodes",
                )
            sizes[key] = size
            continue
        if key in sizes:
            continue
        if key in open_:
            raise InputError(
                f"{source}:{node.start_mark.line + 1}", "invalid YAML: a recursive alias"
            )
        open_.add(key)
        stack.append((node, True))
        for child in children:
            if id(child) in open_:
                raise InputError(
                    f"{source}:{child.start_mark.line + 1}", "invalid YAML: a recursive alias"
                )
            if id(child) not in sizes:
                stack.append((child, False))


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def lines_of(node: yaml.Node | None) -> dict[DocumentPath, int]:
    """The line (1-based) of every key and item of a node tree, by its path."""
    found: dict[DocumentPath, int] = {}
    if node is None:
        return found
    stack: list[tuple[yaml.Node, DocumentPath]] = [(node, ())]
    while stack:
        current, path = stack.pop()
        found.setdefault(path, current.start_mark.line + 1)
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                sub = (*path, str(key.value))
                found[sub] = key.start_mark.line + 1
                stack.append((value, sub))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend((item, (*path, i)) for i, item in enumerate(current.value))
    return found


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise ValueError(f"duplicate key '{key}'")
        data[key] = value
    return data


def load_mapping_file(path: Path) -> Any:
    """The data of a YAML file (or JSON, by its ``.json`` suffix); a key given twice is an
    error in both.

    Raises:
        InputError: If the file cannot be read or parsed (located).
    """
    text = read_text(path)
    if path.suffix.lower() != ".json":
        return load_yaml(text, str(path))[0]
    try:
        return json.loads(text, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as error:
        raise InputError(f"{path}:{error.lineno}", f"invalid JSON: {error.msg}") from None
    except RecursionError:
        raise InputError(str(path), "invalid JSON: nested too deeply") from None
    except ValueError as error:
        raise InputError(str(path), f"invalid JSON: {error}") from None


def as_written(value: Any) -> str:
    """A value quoted in a message: ``true``, ``false`` and ``null`` as JSON and YAML
    write them, anything else as Python shows it (``'3'``, ``3.5``)."""
    return json.dumps(value) if value is None or isinstance(value, bool) else repr(value)


def error_path(loc: tuple[int | str, ...]) -> str:
    """A validation error's location as a path: ``communes[3].district``."""
    text = ""
    for part in loc:
        if isinstance(part, str) and " " in part:
            continue  # the tag of a union's branch ("a plain id"), no field of the input
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text.lstrip(".")


def validation_problems(error: ValidationError, source: str = "") -> list[Problem]:
    """Every problem of a pydantic validation error, each located by its path
    (``source: communes[3].district``) and said in one line."""
    problems = []
    for item in error.errors(include_url=False):
        message = item["msg"].removeprefix("Value error, ")
        if item["type"] == "missing":
            message = "missing"
        elif item["type"] == "extra_forbidden":
            message = "unknown field"
        elif not isinstance(item["input"], dict | list) and repr(item["input"]) not in message:
            message += f" (got {as_written(item['input'])})"
        location = f"{source}: {error_path(item['loc'])}" if source else error_path(item["loc"])
        problems.append(Problem(location, message))
    return problems


# Characters that would act on a terminal or a reader's view rather than show: C0 and C1
# controls (escape sequences, new lines), DEL, the bidirectional overrides and isolates
# that reorder what is shown, the line and paragraph separators, and lone surrogates.
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` on one line, with every control, bidirectional or surrogate character
    shown as its escape (``\\x1b``, ``\\u202e``): safe to print, and the same text again."""
    return _UNSAFE.sub(_escape, text)


def lone_surrogate(value: object, path: str = "") -> str | None:
    """The path (``sections[2]``, or a key) of the first string in ``value`` (nested lists
    and mappings, keys included) that holds a lone surrogate, which is not text; else
    ``None``."""
    stack: list[tuple[object, str]] = [(value, path)]
    while stack:
        current, where = stack.pop()
        if isinstance(current, str):
            if _SURROGATE.search(current):
                return where
        elif isinstance(current, dict):
            for key, item in reversed(list(current.items())):
                name = f"{where}.{key}" if where else str(key)
                if isinstance(key, str) and _SURROGATE.search(key):
                    return name
                stack.append((item, name))
        elif isinstance(current, list | tuple):
            stack.extend((item, f"{where}[{i}]") for i, item in reversed(list(enumerate(current))))
    return None


_SURROGATE = re.compile("[\ud800-\udfff]")

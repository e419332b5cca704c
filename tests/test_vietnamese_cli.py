"""Every command of the command line under ``--lang vi``, on good and on bad input: no word
of the product's English messages reaches the user, and every message keeps its location."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from governance_rules.cli import main
from tests.paths import EXAMPLE, ROOT
from tests.test_encodings import cp1258

REGISTER = str(EXAMPLE / "register.yaml")
EVENTS = str(EXAMPLE / "events.jsonl")
AS_OF = ["--as-of", "2026-11-30"]

# The words the product's English messages are made of (their nouns, verbs and the words
# that join them), beyond those Vietnamese text also uses as names (JSON, CSV, UTF-8...).
ENGLISH = frozenset(
    [
        "field",
        "unknown",
        "missing",
        "expected",
        "invalid",
        "cannot",
        "error",
        "warning",
        "note",
        "rejected",
        "accepted",
        "duplicates",
        "duplicate",
        "future",
        "read",
        "wrote",
        "exist",
        "exists",
        "does",
        "not",
        "did",
        "you",
        "mean",
        "should",
        "input",
        "got",
        "before",
        "after",
        "store",
        "file",
        "such",
        "give",
        "needs",
        "line",
        "column",
        "columns",
        "header",
        "register",
        "policy",
        "officer",
        "commune",
        "member",
        "events",
        "event",
        "findings",
        "changed",
        "violated",
        "fulfilled",
        "pending",
        "late",
        "observed",
        "day",
        "date",
        "days",
        "year",
        "string",
        "list",
        "valid",
        "must",
        "only",
        "until",
        "from",
        "merged",
        "into",
        "longer",
        "yet",
        "the",
        "of",
        "is",
        "are",
        "and",
        "or",
        "with",
        "no",
        "nothing",
        "every",
        "judged",
        "done",
        "internal",
        "problems",
        "problem",
        "rules",
        "clauses",
        "passed",
        "failed",
        "errors",
        "broken",
        "installed",
        "required",
        "arguments",
        "unrecognized",
        "choice",
        "choose",
        "value",
        "key",
        "mapping",
        "object",
        "array",
        "conflicts",
        "same",
        "different",
        "content",
        "damaged",
        "writes",
        "give",
        "both",
        "alternatives",
        "period",
        "needs",
        "lies",
        "between",
        "least",
        "names",
        "sheet",
        "expected,",
        "unreadable",
        "empty",
        "twice",
        "overlaps",
        "ends",
        "begins",
        "starts",
        "charge",
        "in",
        "which",
        "text",
        "committed",
        "through",
    ]
)

_QUOTED = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"|`[^`\n]*`")
_CODE = re.compile(r"\S*(?:[./\\_=@<>\[\]{}#]|[-:](?=\w))\S*")
_WORDS = re.compile(r"[A-Za-z]+")


def english_words(text: str) -> set[str]:
    """The words of ``text`` that belong to the English messages, leaving aside quoted
    values, paths, option names and code identifiers (``visit.conducted``, ``--as-of``)."""
    text = _QUOTED.sub(" ", text)
    text = re.sub(r"\{[^}]*\}", " ", text)  # a shape of the input: {id, from, until}
    text = _CODE.sub(" ", text)
    return {w for w in _WORDS.findall(text) if w.lower() in ENGLISH}


def test_the_vocabulary_check_can_fail() -> None:
    assert english_words("governance-rules: error: events.jsonl:3: field 'officer': missing") == {
        "error",
        "field",
        "missing",
    }
    assert english_words("lỗi: events.jsonl:3: cột 'Mã cán bộ': còn thiếu") == set()


@pytest.fixture(scope="module")
def bad(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Input with every kind of problem."""
    folder = tmp_path_factory.mktemp("bad")
    lines = [
        '{"id": "e1", "type": "visit.conducted", "at": "2026-03-05", "officer": "o-99", '
        '"commune": "c-an-hoa"}',
        '{"id": "e2", "type": "visit.flown", "at": "2026-03-05"}',
        '{"id": "e3", "type": "visit.conducted", "at": "2026-03-05", "commune": "c-an-hoa"}',
        '{"id": "e4", "type": "visit.conducted", "at": "2026-02-30", "officer": "o-01", '
        '"commune": "c-an-hoa"}',
        '{"id": "e5", "type": "meeting.held", "at": "2026-03-05", "commune": "c-an-hoa", '
        '"body": "council", "session": "regular", "topics": [], "invited": [], "attended": []}',
        '{"id": "e6", "type": "report.submitted", "at": "2026-03-05", "officer": "o-01", '
        '"recipient": "standing_committee", "via": "provincial_office", "period": "2026", '
        '"sections": "socio_economic"}',
        '{"id": "e7", "type": "visit.conducted", "at": 20260305, "officer": "o-01", '
        '"commune": "c-an-hoa"}',
        '{"id": "e8", "type": "evaluation.submitted", "at": "2026-12-01", "commune": '
        '"c-an-hoa", "officer": "o-01", "year": "two", "rating": "good", "confirmed_by": null, '
        '"via": "direct"}',
        '{"id": "e9", "type": "visit.conducted", "at": "2026-03-05"',
        "[1, 2]",
        '{"id": "e10", "type": "contact.made", "at": "2026-03-01", "officer": "o-01", '
        '"commune": "c-an-hoa"}',
        '{"id": "e10", "type": "contact.made", "at": "2026-03-02", "officer": "o-01", '
        '"commune": "c-an-hoa"}',
        '{"id": "e11", "type": "issue.raised", "at": "2026-03-05", "officer": "o-01", '
        '"commune": "c-an-hoa", "to": "sm-77", "kind": "difficulty"}',
        '{"id": "e12", "type": "visit.conducted", "at": "2026-03-05", "officer": "o-01", '
        '"commune": "c-an-hoa", "note": "\\udfff"}',
        '{"id": "e13", "type": 7, "at": "2026-03-05"}',
        '{"id": "e14", "type": "assignment.decided", "at": "2026-03-05", "officer": "o-01", '
        '"commune": "c-an-hoa", "term": "2099-2104"}',
        '{"id": "e15", "type": "visit.conducted", "at": "1850-03-05", "officer": "o-01", '
        '"commune": "c-an-hoa"}',
    ]
    events = folder / "events.jsonl"
    events.write_text("\n".join(lines) + "\n", encoding="utf-8")
    csv = folder / "visits.csv"
    csv.write_text(
        "Mã sự kiện;Loại sự kiện;Ngày;Mã cán bộ;Xã;Ghi chú\n"
        "v1;visit.conducted;31/04/2026;o-01;c-an-hoa;\n"
        "v2;visit.conducted;05/03/2026;;c-an-hoa;\n"
        "v3;visit.conducted;05/03/2026;Nguyễn Văn An;c-an-hoa;\n",
        encoding="utf-8",
    )
    legacy = folder / "legacy.csv"
    legacy.write_bytes(cp1258("Mã sự kiện,Ngày\nv1,Đến Hà Nội\nv2,Xã Ẩn Hòa\n"))
    register = folder / "register.yaml"
    register.write_text(
        "province: {id: t, name: T, timezone: Mars/Olympus}\n"
        "regulation: {effective: 2023-01-01}\n"
        "terms: [{id: t1, start: 2025-10-15, end: 2020-10-14}]\n"
        "districts: [{id: d1, name: D}]\n"
        "communes:\n"
        "  - {id: c1, name: C, kind: village, district: d9}\n"
        "  - {id: c2, name: C2, kind: xa, district: d1, until: 2025-06-30, successor: c7}\n"
        "standing_members: [{id: s1, name: S, in_charge_of: [d2]}]\n"
        "agencies: [{id: a1, name: A, head: o-9}]\n"
        "officers: [{id: o1, name: O, agency: a2}, {id: o1, name: P, agency: a1}]\n",
        encoding="utf-8",
    )
    policy = folder / "policy.yaml"
    policy.write_text("visit_intervall_months: 3\nevaluation_due: 13-45\n", encoding="utf-8")
    pack = folder / "pack.yaml"
    pack.write_text("rules: [{id: GR-X}]\n", encoding="utf-8")
    folder.joinpath("not-a-store.db").write_text("hello", encoding="utf-8")
    return {
        "events": events,
        "csv": csv,
        "legacy": legacy,
        "register": register,
        "policy": policy,
        "pack": pack,
        "store": folder / "not-a-store.db",
        "folder": folder,
    }


def _cases(bad: dict[str, Path], tmp: Path) -> Iterator[tuple[str, list[str]]]:
    good = ["--register", REGISTER, "--events", EVENTS, *AS_OF]
    both = ["--register", REGISTER, "--events", str(bad["events"]), "--events", str(bad["csv"])]
    store = str(tmp / "store.db")
    yield "check table", ["check", *good]
    yield "check json", ["check", *good, "--format", "json"]
    yield "check markdown", ["check", *good, "--format", "markdown"]
    yield "check output", ["check", *good, "--format", "html", "--output", str(tmp / "r.html")]
    yield "check period", ["check", *good, "--period", "2025"]
    yield "check bad events", ["check", *both, *AS_OF]
    yield (
        "check bad events json",
        [
            "check",
            "--register",
            REGISTER,
            "--events",
            str(bad["events"]),
            *AS_OF,
            "--format",
            "json",
        ],
    )
    yield (
        "check strict",
        ["check", "--register", REGISTER, "--events", str(bad["events"]), *AS_OF, "--strict"],
    )
    yield "check legacy", ["check", "--register", REGISTER, "--events", str(bad["legacy"])]
    yield "check bad register", ["check", "--register", str(bad["register"]), "--events", EVENTS]
    yield "check bad policy", ["check", *good, "--policy", str(bad["policy"])]
    yield "check bad pack", ["check", *good, "--rules", str(bad["pack"])]
    yield (
        "check missing file",
        ["check", "--register", REGISTER, "--events", str(tmp / "nowhere.jsonl")],
    )
    yield (
        "check missing register",
        ["check", "--register", str(tmp / "none.yaml"), "--events", EVENTS],
    )
    yield "check no events", ["check", "--register", REGISTER]
    yield "check both", ["check", "--register", REGISTER, "--events", EVENTS, "--store", store]
    yield "check bad day", ["check", *good[:4], "--as-of", "2026-11-31"]
    yield "check bad shape", ["check", *good[:4], "--as-of", "30/11/2026"]
    yield "check early", ["check", *good[:4], "--as-of", "2022-06-01"]
    yield "check bad format", ["check", *good, "--format", "pdf"]
    yield (
        "check no officer",
        ["check", *good, "--format", "html", "--officer", "o-99", "--output", str(tmp / "o.html")],
    )
    yield "check bad period", ["check", *good, "--from", "2026-05-01"]
    yield "check not a store", ["check", "--register", REGISTER, "--store", str(bad["store"])]
    yield "check no store", ["check", "--register", REGISTER, "--store", str(tmp / "no.db")]
    yield "check unknown", ["check", *good, "--colour"]
    yield "ingest", ["ingest", "--register", REGISTER, "--events", EVENTS, "--store", store, *AS_OF]
    yield (
        "ingest bad",
        [
            "ingest",
            "--register",
            REGISTER,
            "--events",
            str(bad["events"]),
            "--store",
            store,
            *AS_OF,
            "--findings",
            "--log-commits",
        ],
    )
    yield "ingest no store", ["ingest", "--register", REGISTER, "--events", EVENTS]
    yield "check store", ["check", "--register", REGISTER, "--store", store, *AS_OF]
    yield "calendar", ["calendar", *good]
    yield "calendar days off", ["calendar", "--register", REGISTER, "--days-off", "2026"]
    yield "calendar bad year", ["calendar", "--register", REGISTER, "--days-off", "1850"]
    yield "validate", ["validate", "--register", REGISTER, "--events", EVENTS]
    yield "validate bad", ["validate", *both]
    yield "validate bad register", ["validate", "--register", str(bad["register"])]
    yield "rules", ["rules"]
    yield "rules check", ["rules", "--check"]
    yield "rules markdown", ["rules", "--format", "markdown"]
    yield "explain", ["explain", "gr-evaluation"]
    yield "explain unknown", ["explain", "GR-EVALUTION"]
    yield "template", ["template", "--xlsx", str(tmp / "t.xlsx")]
    yield "test", ["test", str(ROOT / "examples" / "scenarios")]
    yield "test none", ["test", str(tmp)]
    yield "plugins", ["plugins"]
    yield "simulate", ["simulate", "--communes", "3", "--years", "1", "--output", str(tmp / "sim")]
    yield "simulate bad", ["simulate", "--communes", "0", "--output", str(tmp / "sim2")]
    yield "schema bad", ["schema", "people"]
    yield "no command", []


def _run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str, str]:
    try:
        code = main([*argv, "--lang", "vi"] if argv else ["--lang", "vi"])
    except SystemExit as exit_:  # --help and --version only
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def _messages(out: str, argv: list[str]) -> str:
    """What of standard output is words for a person: JSON gives its messages."""
    if argv[:1] == ["test"]:  # a scenario's name is its author's text
        return re.sub(r"^\S+::.* (ĐẠT|KHÔNG ĐẠT|LỖI)$", r"\1", out, flags=re.MULTILINE)
    if "json" in argv:
        data = json.loads(out)
        texts = [r["error_vi"] for r in data.get("rejected", [])]
        texts += [f["message"] for f in data.get("findings", [])]
        return "\n".join(texts)
    return out


def test_every_command_speaks_vietnamese(
    bad: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    leaks: dict[str, set[str]] = {}
    seen = 0
    for name, argv in _cases(bad, tmp_path):
        _code, out, err = _run(capsys, argv)
        assert "Traceback" not in err and "lỗi nội bộ" not in err, (name, err)
        words = english_words(_messages(out, argv)) | english_words(err)
        if words:
            leaks[name] = words
        seen += 1
        for line in err.splitlines():
            assert line.startswith("governance-rules: "), (name, line)
    assert seen > 40
    assert leaks == {}, "\n".join(f"{name}: {sorted(words)}" for name, words in leaks.items())


def test_every_rejection_keeps_its_location(
    bad: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["check", "--register", REGISTER, "--events", str(bad["events"]), *AS_OF]
    argv += ["--format", "json"]
    _code, out, err = _run(capsys, argv)
    rejected = json.loads(out)["rejected"]
    assert len(rejected) >= 15
    for record in rejected:
        assert re.fullmatch(r".+\.jsonl:\d+", record["location"]), record
        assert record["error_vi"] and record["error_vi"] != record["error"], record
    _code, out, err = _run(capsys, argv[:-2])
    table = " ".join(out.split())  # the table wraps its lines
    for record in rejected:  # it names each where it stands, in Vietnamese
        assert f"{record['location']}: {record['error_vi']}" in table, record
    assert all(line.startswith("governance-rules: ") for line in err.splitlines())

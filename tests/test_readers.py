"""Readers and intake: every record located and accounted for, never an unlocated error."""

from __future__ import annotations

import json
import random
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from governance_rules import InputError, Intake, read_events
from governance_rules.io import read_csv, read_json_array, read_jsonl
from governance_rules.io._intake import digest_of
from governance_rules.testing import small_register

REGISTER = small_register()
VISIT = {
    "id": "v1",
    "type": "visit.conducted",
    "at": "2026-03-05",
    "officer": "o-01",
    "commune": "c-01",
}


def _jsonl(path: Path, *records: object) -> Path:
    path.write_text(
        "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records),
        encoding="utf-8",
    )
    return path


def test_rejections_are_located_and_name_field_and_value(tmp_path: Path) -> None:
    path = _jsonl(
        tmp_path / "e.jsonl",
        VISIT,
        "",
        {**VISIT, "id": "v2", "officer": "o-1"},
        {**VISIT, "id": "v3", "type": "visit.conduct"},
        {**VISIT, "id": "v4", "at": "2026-02-30"},
        {**VISIT, "id": "v5", "commune": 7},
        "{not json",
        "[1, 2]",
        {k: v for k, v in VISIT.items() if k != "officer"} | {"id": "v6"},
        {
            "id": "m1",
            "type": "meeting.held",
            "at": "2026-03-01",
            "commune": "c-01",
            "body": "executive",
            "session": "regular",
            "topics": ["economy"],
            "invited": [],
            "attended": [],
        },
    )
    intake = read_events([path], REGISTER)
    errors = {r.location: r.error for r in intake.rejections}
    name = str(path)
    assert errors == {
        f"{name}:3": "visit.conducted: field 'officer': unknown officer 'o-1' (did you mean 'o-01'?)",
        f"{name}:4": "field 'type': unknown event type 'visit.conduct' (did you mean 'visit.conducted'?)",
        f"{name}:5": "visit.conducted: field 'at': invalid ISO 8601 date or date-time '2026-02-30'",
        f"{name}:6": "visit.conducted: field 'commune': Input should be a valid string (got 7)",
        f"{name}:7": errors[f"{name}:7"],
        f"{name}:8": "expected a JSON object, got list",
        f"{name}:9": "visit.conducted: field 'officer': missing",
        f"{name}:10": errors[f"{name}:10"],
    }
    assert errors[f"{name}:7"].startswith("invalid JSON: ")
    assert "field 'topics[0]'" in errors[f"{name}:10"] and "'economy'" in errors[f"{name}:10"]
    assert intake.accounting.read == 9  # the blank line is not a record


def test_duplicates_and_conflicts(tmp_path: Path) -> None:
    first = _jsonl(tmp_path / "a.jsonl", VISIT)
    second = _jsonl(
        tmp_path / "b.jsonl",
        VISIT,
        {**VISIT, "at": "2026-03-06"},
        {**VISIT, "id": "v9", "officer": "nobody"},
        {**VISIT, "id": "v9"},
    )
    intake = read_events([first, second], REGISTER)
    counts = intake.accounting
    assert (counts.read, counts.accepted, counts.duplicates, counts.rejected) == (5, 2, 1, 2)
    assert (
        intake.rejections[0].error == f"conflicts with {first}:1: same id 'v1', different content"
    )
    # A rejected record does not claim its id: the later valid v9 is accepted.
    assert [e.id for e in intake.accepted] == ["v1", "v9"]


def test_records_equal_as_parsed_json_are_duplicates_whatever_their_text(tmp_path: Path) -> None:
    # JSON has one kind of number: 1 and 1.0 (and 1e0) are one value, in a list or an
    # object too. The order of keys and the spelling of strings do not matter either.
    # true and 1 are two values (a boolean is no number), and so are "1" and 1.
    extra = {"distance": 12, "marks": [1, {"n": 2}], "note": "Xã An Hòa"}
    lines = [
        json.dumps({**VISIT, **extra}),
        '{"marks": [1.0, {"n": 2e0}], "distance": 12.0, "note": "X\u00e3 An H\u00f2a", '
        + json.dumps(VISIT)[1:-1]
        + "}",
        json.dumps({**VISIT, **extra, "distance": 12.5}),
        json.dumps({**VISIT, "id": "v2", "flag": True}),
        json.dumps({**VISIT, "id": "v2", "flag": 1}),
        json.dumps({**VISIT, "id": "v3", "flag": "1"}),
        json.dumps({**VISIT, "id": "v3", "flag": 1}),
    ]
    path = tmp_path / "e.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    intake = read_events([path], REGISTER)
    counts = intake.accounting
    assert (counts.accepted, counts.duplicates, counts.rejected) == (3, 1, 3)
    assert [r.location for r in intake.rejections] == [f"{path}:{n}" for n in (3, 5, 7)]
    assert all("different content" in r.error for r in intake.rejections)


def test_a_year_written_as_a_whole_float_is_that_year(tmp_path: Path) -> None:
    # 2021.0 is the integer 2021 in JSON, and the published schema's "integer" takes it
    # (a column of years with a gap in it comes out of a dataframe so). A fraction, a
    # string or a boolean is no year.
    rated = {"id": "r", "type": "performance.rated", "at": "2026-03-05", "officer": "o-01"}
    years = [2021.0, 2021, 2021.5, "2021", True, 1e3]
    path = _jsonl(
        tmp_path / "e.jsonl",
        *({**rated, "id": f"r{n}", "rating": "good", "year": y} for n, y in enumerate(years)),
    )
    intake = read_events([path], REGISTER)
    assert [(e.id, e.year) for e in intake.accepted] == [("r0", 2021), ("r1", 2021)]  # type: ignore[attr-defined]
    assert type(intake.accepted[0].year) is int  # type: ignore[attr-defined]
    reasons = [r.error for r in intake.rejections]
    assert [r.location for r in intake.rejections] == [f"{path}:{n}" for n in (3, 4, 5, 6)]
    assert all(reason.startswith("performance.rated: field 'year': ") for reason in reasons)
    assert reasons[2].endswith("(got true)")  # as it was written, not as Python prints it


_WHOLE = st.integers(min_value=-(2**53), max_value=2**53)
_JSON_OF_WHOLES = st.recursive(
    st.one_of(_WHOLE, st.booleans(), st.none(), st.text(max_size=5)),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=3), inner, max_size=4)
    ),
    max_leaves=12,
)


@given(st.dictionaries(st.text(max_size=4), _JSON_OF_WHOLES, max_size=5), st.randoms())
def test_a_record_s_digest_is_the_same_with_its_whole_numbers_written_as_floats(
    record: dict[str, object], chance: random.Random
) -> None:
    # Only the digest's own encoding tells them apart: the record as JSON text either way.
    def as_floats(value: object) -> object:
        if type(value) is int and chance.random() < 0.5:
            return float(value)
        if isinstance(value, list):
            return [as_floats(item) for item in value]
        if isinstance(value, dict):
            return {key: as_floats(item) for key, item in value.items()}
        return value

    written = json.loads(json.dumps(as_floats(record)))
    assert digest_of(written) == digest_of(record)
    if any(type(value) is int for value in record.values()):
        key = next(k for k, v in record.items() if type(v) is int)
        whole = record[key]
        assert isinstance(whole, int)
        assert digest_of({**record, key: whole + 1}) != digest_of(record)
        if abs(whole) < 2**50:  # where a half is still a float of its own
            assert digest_of({**record, key: whole + 0.5}) != digest_of(record)
        assert digest_of({**record, key: str(record[key])}) != digest_of(record)


def test_future_events_are_counted_apart(tmp_path: Path) -> None:
    path = _jsonl(
        tmp_path / "e.jsonl",
        VISIT,
        {**VISIT, "id": "v2", "at": "2026-03-06"},
        # 20:00 UTC on 5 March is 6 March in Hanoi.
        {**VISIT, "id": "v3", "at": "2026-03-05T20:00:00Z"},
        {**VISIT, "id": "v4", "at": "2026-03-05T23:00:00"},
    )
    intake = read_events([path], REGISTER, as_of=date(2026, 3, 5))
    assert [e.id for e in intake.accepted] == ["v1", "v4"]
    assert intake.accounting.future == 2


def test_a_table_s_day_and_time_as_excel_shows_them_is_a_local_time(tmp_path: Path) -> None:
    # A date-time cell saved to CSV by Excel comes out as it is shown: 05/03/2026 08:30.
    # Its time is the province's, as an ISO date-time without an offset is.
    import openpyxl

    typed = ["05/03/2026 08:30", "5/3/2026 8:30:15", "05/03/2026 24:00", "05/03/2026 8h30"]
    path = tmp_path / "visit.conducted.csv"
    rows = [f"v{n},{at},o-01,c-01" for n, at in enumerate(typed)]
    path.write_text("id,at,officer,commune\n" + "\n".join(rows) + "\n", encoding="utf-8")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "visit.conducted"
    sheet.append(["id", "at", "officer", "commune"])
    for n, at in enumerate(typed):
        sheet.append([f"v{n}", at, "o-01", "c-01"])
    workbook = tmp_path / "events.xlsx"
    book.save(workbook)
    for source in (path, workbook):
        intake = read_events([source], REGISTER)
        assert [(e.id, e.at.isoformat()) for e in intake.accepted] == [
            ("v0", "2026-03-05T08:30:00"),
            ("v1", "2026-03-05T08:30:15"),
        ]
        quoted = [r.error.split(": ", 2)[2] for r in intake.rejections]
        assert quoted == [
            f"'{at}' is not a date: expected ngày/tháng/năm (dd/mm/yyyy)" for at in typed[2:]
        ]


def test_json_array_and_csv(tmp_path: Path) -> None:
    array = tmp_path / "e.json"
    array.write_text(json.dumps([VISIT, {**VISIT, "id": "v2"}, 5], indent=2), encoding="utf-8")
    assert [(line, isinstance(r, dict)) for line, r in read_json_array(array)] == [
        (2, True),
        (9, True),
        (16, False),
    ]
    by_type = tmp_path / "meeting.held.csv"
    by_type.write_text(
        "id,at,commune,body,session,topics,invited,attended\n"
        "m1,2026-03-01,c-01,executive,regular,socio_economic;other,o-01;o-02,\n",
        encoding="utf-8",
    )
    ((line, record),) = list(read_csv(by_type))
    assert line == 2 and record["topics"] == ["socio_economic", "other"]
    assert record["attended"] == [] and record["type"] == "meeting.held"
    mixed = tmp_path / "events.csv"
    mixed.write_text(
        "id,type,at,officer,commune\nv1,visit.conducted,2026-03-05,o-01,c-01\n", encoding="utf-8"
    )
    intake = read_events([array, by_type, mixed], REGISTER)
    assert intake.accounting.accepted == 3 and intake.accounting.duplicates == 1
    no_type = tmp_path / "events2.csv"
    no_type.write_text("id,at\nx,2026-01-01\n", encoding="utf-8")
    with pytest.raises(InputError, match="type"):
        read_events([no_type], REGISTER)


def test_broken_json_array_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "e.json"
    path.write_text('[\n{"id": 1},\n{"id": \n', encoding="utf-8")
    with pytest.raises(InputError, match=r"e.json:3: invalid JSON"):
        list(read_json_array(path))


def test_a_csv_header_beyond_the_field_limit_is_one_located_error(tmp_path: Path) -> None:
    path = tmp_path / "visit.conducted.csv"  # the fuzzer found it: an internal error before
    path.write_text('"' + "x" * 70_000 + '"' * 2 + "y" * 70_000 + '"\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"visit.conducted.csv:1: unreadable CSV header: field"):
        list(read_csv(path))


def test_not_utf8_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "e.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(VISIT).encode() + b"\n\xff\xfe{}\n")
    assert [r if isinstance(r, str) else "ok" for _, r in read_jsonl(path)] == [
        "ok",
        "not UTF-8 (byte 1)",
    ]


def test_a_large_jsonl_file_is_streamed(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for n in range(20_000):
            handle.write(json.dumps({**VISIT, "id": f"v{n}"}) + "\n")
    records = read_jsonl(path)
    assert next(records) == (
        1,
        {**VISIT, "id": "v0"},
    )  # the first record arrives before the file is read


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(content=st.binary(max_size=300))
def test_arbitrary_bytes_never_raise_unlocated(tmp_path: Path, content: bytes) -> None:
    for suffix in (".jsonl", ".json", ".csv"):
        path = tmp_path / f"events{suffix}"
        path.write_bytes(content)
        intake = Intake(REGISTER)
        try:
            intake.read([path])
        except InputError as error:
            assert error.problem.location.startswith(str(path))
            assert "\n" not in str(error)
        for rejection in intake.rejections:
            assert rejection.location.startswith(f"{path}:")
            assert "\n" not in rejection.error


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=8)
    | st.sampled_from(["a\nb", "o-0\r1", "visit.\nconducted"]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(value=json_values, base=st.sampled_from([VISIT, {}]))
def test_arbitrary_json_never_raises(value: object, base: dict[str, object]) -> None:
    intake = Intake(REGISTER)
    record = {**base, **value} if isinstance(value, dict) else value
    for key in ("type", "officer", "at", "id"):
        intake.add(f"x:{key}", {**base, key: value})
    intake.add("x:1", record)
    assert all("\n" not in r.error for r in intake.rejections)
    counts = intake.accounting
    assert counts.read == counts.accepted + counts.duplicates + counts.rejected + counts.future == 5


@pytest.mark.parametrize(
    "location",
    ["events.jsonl:17", "POST /events:3", "book.xlsx:Sheet!4", r"C:\data\e.jsonl:0123", "f:²", "x"],
)
def test_a_conflict_names_the_first_location_as_it_was_given(location: str) -> None:
    intake = Intake(REGISTER)
    record = {"id": "a", "type": "visit.conducted", "at": "2026-01-01"}
    record |= {"officer": "o-01", "commune": "c-01"}
    assert intake.add(location, record) == "accepted"
    assert intake.add("later:9", {**record, "at": "2026-01-02"}) == "rejected"
    assert intake.rejections[0].error == (
        f"conflicts with {location}: same id 'a', different content"
    )


def test_a_name_typed_for_an_id_is_answered_with_its_id(tmp_path: Path) -> None:
    from governance_rules import load_register
    from tests.paths import EXAMPLE

    register = load_register(EXAMPLE / "register.yaml")
    visit = {**VISIT, "officer": "o-01", "commune": "xã an tân"}
    path = _jsonl(tmp_path / "e.jsonl", {**visit, "officer": "Nguyễn Văn An"}, visit)
    intake = Intake(register).read([path])
    assert [r.error for r in intake.rejections] == [
        "visit.conducted: field 'officer': unknown officer 'Nguyễn Văn An'"
        " (a name: did you mean its id 'o-01'?)",
        "visit.conducted: field 'commune': unknown commune 'xã an tân'"
        " (a name: did you mean its id 'c-an-tan'?)",
    ]


@pytest.mark.parametrize("limit", [4096, 0])
def test_values_shared_among_events_are_each_event_s_own_values(
    monkeypatch: pytest.MonkeyPatch, limit: int
) -> None:
    # The intake holds a value that repeats from event to event (a meeting's topics and
    # invitees, a report's sections and period, a year) once; each event still has exactly
    # the values, of exactly the types, that validating its record alone gives.
    from governance_rules import load_register
    from governance_rules.io import _intake
    from governance_rules.model import EVENT_ADAPTER
    from tests.paths import EXAMPLE

    monkeypatch.setattr(_intake, "_SHARED_LIMIT", limit)
    register = load_register(EXAMPLE / "register.yaml")
    path = EXAMPLE / "events.jsonl"
    intake = Intake(register, date(2026, 11, 30))
    lines = path.read_text(encoding="utf-8").splitlines()
    compared = 0
    for number, line in enumerate(lines, start=1):
        record = json.loads(line)
        if intake.add(f"{path}:{number}", record) != "accepted":
            continue
        event, alone = intake.last, EVENT_ADAPTER.validate_python(record)
        assert event is not None and event.__dict__ == alone.__dict__
        for name, value in alone.__dict__.items():
            assert type(getattr(event, name)) is type(value), (event.id, name)
        compared += 1
    assert compared == len(intake.accepted)
    meetings = [e for e in intake.accepted if e.type == "meeting.held" and e.topics]
    first = meetings[0].topics
    alike = [e.topics for e in meetings if e.topics == first]
    assert len(alike) > 1
    # Held once while the field holds fewer values than the limit (none: each its own).
    assert all(topics is first for topics in alike) == (limit > 0)


def test_a_sealed_intake_lets_its_claims_go_and_takes_no_more_records(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "e.jsonl", VISIT, VISIT, {**VISIT, "at": "2026-03-06"})
    intake = Intake(REGISTER, date(2026, 12, 31)).read([path])
    before = (intake.accounting, len(intake.rejections), list(intake.accepted))
    assert intake.seal() is intake
    assert intake.claims.get("v1") is None  # let go: nothing is held to tell a repeat
    assert (intake.accounting, len(intake.rejections), list(intake.accepted)) == before
    assert before[0].duplicates == 1 and before[1] == 1  # told before the seal
    with pytest.raises(RuntimeError, match="sealed"):
        intake.add("late:1", VISIT)  # it would be taken for a new id: it is refused
    with pytest.raises(RuntimeError, match="sealed"):
        intake.add("late:2", "not a record")

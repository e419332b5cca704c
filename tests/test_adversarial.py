"""Hostile and unlucky input, one test per case: nothing lost, nothing injected, no
internal error. Each case ran against the product first and failed; the test keeps it
fixed. The stores' faults are in test_store_faults.py, the HTTP service's in
test_http_service.py, and the properties over random input at the end of this file."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from governance_rules import InputError, Intake, load_policy, load_register
from governance_rules.cli import main
from governance_rules.errors import CatalogueError
from governance_rules.rules import load_pack
from governance_rules.testing import load_scenarios

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "tinh-mau"
REGISTER = EXAMPLE / "register.yaml"
VISIT = {
    "type": "visit.conducted",
    "at": "2026-01-05",
    "officer": "o-01",
    "commune": "c-an-lao-moi",
}


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command line in-process: exit status, stdout, stderr; never a traceback."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert "internal error" not in err
    return code, out, err


def counts(out: str) -> dict[str, int]:
    first = out.splitlines()[0]
    found = dict(re.findall(r"(\w+) (\d+)", first))
    numbers = {k: int(v) for k, v in found.items()}
    assert numbers["read"] == sum(
        numbers[k] for k in ("accepted", "duplicates", "rejected", "future")
    )
    return numbers


def record(n: int, **fields: object) -> str:
    return json.dumps({"id": f"v{n}", **VISIT, **fields}, ensure_ascii=False)


def validate(capsys: pytest.CaptureFixture[str], *events: Path) -> tuple[int, str, str]:
    args = ["validate", "--register", str(REGISTER)]
    for path in events:
        args += ["--events", str(path)]
    return cli(capsys, *args)


# Data lost or corrupted.


def test_a_json_array_followed_by_more_is_a_located_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "events.json"
    path.write_text(f"[{record(1)}]\n{record(2)}\n{record(3)}\n", encoding="utf-8")
    code, _, err = validate(capsys, path)
    assert code == 2
    assert f"{path}:2" in err and "after the JSON array" in err
    spaced = tmp_path / "spaced.json"
    spaced.write_text(f"[{record(1)}]\n \n\t\n", encoding="utf-8")
    code, out, _ = validate(capsys, spaced)
    assert code == 0 and counts(out)["read"] == 1


@pytest.mark.parametrize("suffix", [".jsonl", ".ndjson"])
def test_a_json_lines_file_is_read_line_by_line_whatever_its_first_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    path = tmp_path / f"events{suffix}"
    path.write_text(f"[{record(1)}]\n{record(2)}\n{record(3)}\n", encoding="utf-8")
    code, out, _ = validate(capsys, path)
    assert code == 1
    assert counts(out) == {"read": 3, "accepted": 2, "duplicates": 0, "rejected": 1, "future": 0}
    assert f"{path}:1: expected a JSON object, got list" in out


@pytest.mark.parametrize("space", ["\u00a0", "\u3000", "\u2028", "\u001c", "\ufeff"])
def test_a_line_of_unicode_space_is_a_record_not_a_blank(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], space: str
) -> None:
    path = tmp_path / "events.jsonl"
    path.write_text(f"{record(1)}\n{space}\n \t \n{record(2)}\n", encoding="utf-8")
    code, out, _ = validate(capsys, path)
    assert code == 1
    assert counts(out) == {"read": 3, "accepted": 2, "duplicates": 0, "rejected": 1, "future": 0}
    assert f"{path}:2:" in out


def test_a_csv_line_of_unicode_space_is_a_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "visit.conducted.csv"
    path.write_text(
        "id,at,officer,commune\nv1,2026-01-05,o-01,c-an-lao-moi\n\u00a0,,,\n,,,\n", encoding="utf-8"
    )
    code, out, _ = validate(capsys, path)
    assert code == 1 and counts(out)["rejected"] == 1 and f"{path}:3:" in out


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("register", None),
        ("policy", "visit_interval_months: 3\ncontact_window_days: 10\nvisit_interval_months: 2\n"),
        ("pack", "pack: {id: x}\nrules: []\npack: {id: y}\n"),
        ("scenario", "name: a\nas_of: 2026-01-01\nname: b\nevents: []\n"),
    ],
)
def test_a_yaml_key_given_twice_is_a_located_error(
    tmp_path: Path, kind: str, text: str | None
) -> None:
    path = tmp_path / f"{kind}.yaml"
    if text is None:  # a second communes list would silently replace the first
        text = REGISTER.read_text(encoding="utf-8") + "communes: []\n"
    path.write_text(text, encoding="utf-8")
    loader = {
        "register": load_register,
        "policy": load_policy,
        "pack": load_pack,
        "scenario": load_scenarios,
    }[kind]
    with pytest.raises(InputError, match=r"duplicate key") as raised:
        loader(path)
    assert re.search(rf"{re.escape(str(path))}:\d+: invalid YAML: duplicate key", str(raised.value))


def test_a_json_register_with_a_key_given_twice_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "register.json"
    path.write_text('{"province": {"id": "p", "name": "P"}, "province": {}}', encoding="utf-8")
    with pytest.raises(InputError, match="duplicate key 'province'"):
        load_register(path)


BOMB = "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 10) if prev else ', '.join(['x'] * 10)}]\n"
    for prev, name in zip(["", "a", "b", "c", "d", "e", "f"], "abcdefg", strict=False)
)


@pytest.mark.parametrize("text", [BOMB, "a: &a [*a]\n", "rules: &r\n  - *r\n"])
@pytest.mark.parametrize("kind", ["register", "policy", "pack", "scenario"])
def test_yaml_alias_bombs_and_recursive_aliases_are_refused(
    tmp_path: Path, kind: str, text: str
) -> None:
    path = tmp_path / f"{kind}.yaml"
    path.write_text(text, encoding="utf-8")
    loader = {
        "register": load_register,
        "policy": load_policy,
        "pack": load_pack,
        "scenario": load_scenarios,
    }[kind]
    with pytest.raises(InputError, match=r"recursive alias|aliases expand"):
        loader(path)


def test_a_small_alias_still_works_in_a_pack() -> None:
    # The example pack reuses a template through an alias and a merge key.
    assert len(load_pack(ROOT / "examples" / "packs" / "bien-gioi.yaml").rules) >= 2


# Crashes on one bad value: each a located rejection, or a located exit 2.


@pytest.mark.parametrize(
    "at", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:00:00-12:00", "1899-12-31", "3000-01-01"]
)
def test_dates_outside_the_accepted_years_are_rejected(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], at: str
) -> None:
    path = tmp_path / "events.jsonl"
    path.write_text(f"{record(1)}\n{record(2, at=at)}\n", encoding="utf-8")
    code, out, _ = validate(capsys, path)
    assert code == 1 and f"{path}:2: visit.conducted: field 'at':" in out
    assert "outside the years this release accepts" in out


@pytest.mark.parametrize("command", ["check", "calendar", "validate"])
def test_an_as_of_outside_the_accepted_years_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], command: str
) -> None:
    events = str(EXAMPLE / "events.jsonl")
    args = [command, "--register", str(REGISTER), "--events", events, "--as-of", "9999-01-01"]
    code, _, err = cli(capsys, *args)
    assert code == 2 and "outside the years this release accepts" in err


def test_a_term_ending_in_year_9999_is_a_register_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "register.yaml"
    text = REGISTER.read_text(encoding="utf-8")
    path.write_text(re.sub(r"end: 2025-\d\d-\d\d", "end: 9999-12-31", text, count=1), "utf-8")
    code, _, err = cli(
        capsys, "check", "--register", str(path), "--events", str(EXAMPLE / "events.jsonl")
    )
    assert code == 2 and "terms[0].end" in err and "9999-12-31" in err


@pytest.mark.parametrize("as_of", ["1979-12-31", "2108-01-01", "1900-01-01", "2999-12-31"])
def test_an_xlsx_report_for_any_accepted_as_of(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], as_of: str
) -> None:
    out = tmp_path / "report.xlsx"
    args = ["check", "--register", str(REGISTER), "--events", str(EXAMPLE / "events.jsonl")]
    code, _, _ = cli(capsys, *args, "--as-of", as_of, "--format", "xlsx", "--output", str(out))
    assert code in (0, 1)
    assert openpyxl.load_workbook(out).sheetnames


@pytest.mark.parametrize("escape", ["\\udfff", "\\ud800"])
@pytest.mark.parametrize("where", ["officer", "note", "key"])
def test_a_lone_surrogate_is_rejected_located(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], escape: str, where: str
) -> None:
    bad = json.loads(record(2))
    text = json.dumps(bad)
    if where == "key":
        text = text[:-1] + f', "x{escape}": 1}}'
    elif where == "note":
        text = text[:-1] + f', "note": "a{escape}b"}}'
    else:
        text = text.replace('"o-01"', f'"o-01{escape}"')
    path = tmp_path / "events.jsonl"
    path.write_text(f"{record(1)}\n{text}\n{record(3)}\n", encoding="utf-8")
    code, out, _ = validate(capsys, path)
    assert code == 1
    assert counts(out)["rejected"] == 1 and f"{path}:2: " in out
    assert "\\udfff" in out or "\\ud800" in out or "lone surrogate" in out
    store = tmp_path / "store.sqlite"
    args = ["ingest", "--register", str(REGISTER), "--store", str(store)]
    code, out, _ = cli(capsys, *args, "--events", str(path), "--as-of", "2026-11-30")
    assert code == 1 and counts(out)["accepted"] == 2
    again = cli(capsys, *args, "--events", str(path), "--as-of", "2026-11-30")
    assert counts(again[1])["duplicates"] == 2  # later events were stored, and stay so


@pytest.mark.parametrize("year", ["²", "--5", "٣", "1e3", " 20 26"])
def test_a_year_cell_that_is_not_a_number_is_a_rejection(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], year: str
) -> None:
    path = tmp_path / "classification.proposed.csv"
    path.write_text(f"id,at,year\nk1,2026-01-05,2025\nk2,2026-01-06,{year}\n", encoding="utf-8")
    code, out, _ = validate(capsys, path)
    assert code == 1 and counts(out)["accepted"] == 1 and f"{path}:3: " in out
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "classification.proposed"
    sheet.append(["id", "at", "year"])
    sheet.append(["k1", "2026-01-05", 2025])
    sheet.append(["k2", "2026-01-06", year])
    workbook = tmp_path / "events.xlsx"
    book.save(workbook)
    code, out, _ = validate(capsys, workbook)
    assert code == 1 and counts(out)["accepted"] == 1 and "classification.proposed!3" in out


@pytest.mark.parametrize("year", ["2025.0", " 2025.00 "])
def test_a_year_cell_written_with_a_zero_fraction_is_that_year(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], year: str
) -> None:
    # As a dataframe writes a column of years with a gap in it, and as JSON's 2025.0 reads.
    path = tmp_path / "classification.proposed.csv"
    path.write_text(f"id,at,year\nk1,2026-01-05,2024\nk2,2026-01-06,{year}\n", encoding="utf-8")
    code, out, _ = validate(capsys, path)
    assert code == 0 and counts(out)["accepted"] == 2, out


def test_a_csv_with_a_bad_byte_rejects_only_that_record_on_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [b"id,at,officer,commune"]
    lines += [f"v{n},2026-01-05,o-01,c-an-lao-moi".encode() for n in range(1, 1000)]
    lines[900] = b"v900,2026-01-05,o-01\xff\xfe,c-an-lao-moi"  # line 901
    path = tmp_path / "visit.conducted.csv"
    path.write_bytes(b"\n".join(lines) + b"\n")
    code, out, _ = validate(capsys, path)
    assert code == 1
    assert counts(out) == {
        "read": 999,
        "accepted": 998,
        "duplicates": 0,
        "rejected": 1,
        "future": 0,
    }
    assert f"{path}:901: not UTF-8" in out


def test_a_csv_header_given_twice_is_a_located_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "visit.conducted.csv"
    path.write_text(
        "id,at,officer,commune,officer\nv1,2026-01-05,o-01,c-an-lao-moi,o-02\n", "utf-8"
    )
    code, _, err = validate(capsys, path)
    assert code == 2 and f"{path}:1" in err and "'officer' is given twice" in err


def test_a_pack_with_no_bearer_is_refused_by_check_and_by_rules_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (ROOT / "examples" / "packs" / "bien-gioi.yaml").read_text(encoding="utf-8")
    path = tmp_path / "pack.yaml"
    path.write_text(re.sub(r"bearer: \[[^\]]*\]", "bearer: []", text, count=1), "utf-8")
    with pytest.raises(CatalogueError, match="bearer"):
        load_pack(path)
    code, _, err = cli(capsys, "rules", "--check", "--rules", str(path))
    assert code == 2 and f"{path}:" in err
    events = str(EXAMPLE / "events.jsonl")
    code, _, err = cli(
        capsys, "check", "--register", str(REGISTER), "--events", events, "--rules", str(path)
    )
    assert code == 2 and "bearer" in err


# Workbooks.


def _rewrite(source: Path, target: Path, change: dict[str, bytes | None]) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            for name, value in change.items():
                if item.filename.endswith(name):
                    data = value if value is None else re.sub(rb"<dimension [^>]*>", value, data)
            if data is not None:
                zout.writestr(item, data)
    return target


def _events_workbook(path: Path, header: list[str] | None = None) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "visit.conducted"
    sheet.append(header or ["id", "at", "officer", "commune"])
    sheet.append(["v1", "2026-01-05", "o-01", "c-an-lao-moi"])
    book.save(path)
    return path


def test_a_workbook_missing_its_sheet_part_is_a_located_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plain = _events_workbook(tmp_path / "plain.xlsx")
    broken = _rewrite(plain, tmp_path / "broken.xlsx", {"worksheets/sheet1.xml": None})
    code, _, err = validate(capsys, broken)
    assert code == 2 and f"{broken}:visit.conducted" in err and "missing" in err


def test_a_workbook_column_given_twice_is_a_located_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _events_workbook(
        tmp_path / "twice.xlsx", ["id", "at", "officer", "commune", "Mã cán bộ"]
    )
    code, _, err = validate(capsys, path)
    assert code == 2 and f"{path}:visit.conducted!1" in err and "officer" in err


def test_a_workbook_declaring_the_whole_sheet_is_read_quickly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plain = _events_workbook(tmp_path / "plain.xlsx")
    huge = b'<dimension ref="A1:XFD1048576"/>'
    path = _rewrite(plain, tmp_path / "huge.xlsx", {"worksheets/sheet1.xml": huge})
    assert path.stat().st_size < 10_000
    code, out, _ = validate(capsys, path)
    assert code == 0 and counts(out)["accepted"] == 1


# Injection into outputs.


HOSTILE = '=HYPERLINK("http://x","y")'


def _hostile_events(tmp_path: Path, value: str) -> Path:
    path = tmp_path / "events.jsonl"
    lines = [
        json.dumps({"id": value, **VISIT}),
        json.dumps({"id": "r1", "type": value, "at": "2026-01-05"}),
        json.dumps({"id": "r2", "type": "regulation.disseminated", "at": "2026-01-05", value: 1}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_no_value_from_input_becomes_a_workbook_formula(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    events = _hostile_events(tmp_path, HOSTILE)
    register = tmp_path / "register.yaml"
    text = REGISTER.read_text(encoding="utf-8")
    register.write_text(re.sub(r"id: tinh-mau", "id: '=1+1'", text, count=1), encoding="utf-8")
    out = tmp_path / "report.xlsx"
    args = ["check", "--register", str(register), "--events", str(events), "--as-of", "2026-11-30"]
    cli(capsys, *args, "--format", "xlsx", "--output", str(out))
    with zipfile.ZipFile(out) as book:
        sheets = [n for n in book.namelist() if n.startswith("xl/worksheets/")]
        xml = b"".join(book.read(n) for n in sheets)
    assert b"<f>" not in xml and b"<f " not in xml
    values = [
        cell.value
        for sheet in openpyxl.load_workbook(out).worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and cell.value.startswith("=")
    ]
    assert "=1+1" in values and HOSTILE in values
    book = openpyxl.load_workbook(out)
    assert all(
        cell.data_type == "s"
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    )


@pytest.mark.parametrize(
    "value",
    [
        "x`\n\n<img src=x onerror=alert(1)>\n\n`",
        "``<script>alert(1)</script>``",
        "a|b\n# heading",
    ],
)
def test_ids_cannot_inject_markup_into_markdown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    import markdown_it

    events = _hostile_events(tmp_path, value)
    args = ["check", "--register", str(REGISTER), "--events", str(events), "--as-of", "2026-11-30"]
    _, out, _ = cli(capsys, *args, "--format", "markdown")
    html = markdown_it.MarkdownIt("commonmark").enable("table").render(out)
    assert "<img" not in html and "<script" not in html
    assert "\n# heading" not in out


@pytest.mark.parametrize("value", ["\x1b[31mred\x1b[0m", "a\nb", "x\u202ey\u202c", "a\rb", "\x07"])
def test_control_and_bidi_characters_are_shown_escaped_on_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    events = _hostile_events(tmp_path, value)
    args = ["check", "--register", str(REGISTER), "--events", str(events), "--as-of", "2026-11-30"]
    for extra in ([], ["--all"]):
        _, out, err = cli(capsys, *args, *extra)
        for stream in (out, err):
            assert not re.search("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]", stream)
    _, out, err = validate(capsys, events)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]", out + err)
    assert len(out.splitlines()) == 2  # the accounting, and the one record of a bad type
    bad_key = tmp_path / "policy.yaml"
    bad_key.write_text(json.dumps({f"k{value}": 1}), encoding="utf-8")
    code, _, err = cli(capsys, *args, "--policy", str(bad_key))
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e]", err)


# Properties: hostile bytes through the command line and the API.

HOSTILE_PIECES = st.sampled_from(
    [
        b"\xef\xbb\xbf",
        b"\x00",
        b"\r\n",
        b"\r",
        b"\xff",
        b"\xed\xa0\x80",
        b'"\\udfff"',
        b"NaN",
        b"Infinity",
        b"-Infinity",
        b"1e400",
        b"9" * 500,
        b"[" * 3000,
        b"{" * 3000,
        b'{"a":' * 2000,
        b'"' + b"x" * 70_000 + b'"',
        b"\xc2\xa0",
        b"\xe2\x80\xa8",
        b"\x1b[2J",
        b'{"id":"d","id":"e"}',
        record(1).encode(),
        record(1, at="2026-02-30").encode(),
        record(2, officer="o-99").encode(),
        b'{"id": "x", "type": "meeting.held", "at": "2026-01-01", "topics": "oops"}',
        b",",
        b"]",
        b"\n",
    ]
)
RANDOM_BYTES = st.lists(st.one_of(HOSTILE_PIECES, st.binary(max_size=40)), max_size=12).map(
    b"".join
)


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=RANDOM_BYTES, suffix=st.sampled_from([".jsonl", ".json", ".csv", ".ndjson", ".txt"]))
def test_hostile_bytes_never_crash_and_every_record_is_accounted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes, suffix: str
) -> None:
    name = "visit.conducted.csv" if suffix == ".csv" else f"events{suffix}"
    path = tmp_path / name
    path.write_bytes(data)
    code, out, err = validate(capsys, path)
    assert code in (0, 1, 2)
    if code == 2:
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("governance-rules: error: ")
        return
    numbers = counts(out)
    rejected = [line for line in out.splitlines()[1:]]
    assert len(rejected) == numbers["rejected"]
    assert all(re.match(rf"{re.escape(str(path))}:\d+: \S", line) for line in rejected)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f]", out)


@settings(max_examples=60, deadline=None)
@given(data=RANDOM_BYTES)
def test_hostile_records_through_the_api_keep_the_accounting_identity(data: bytes) -> None:
    from governance_rules.testing import small_register

    intake = Intake(small_register(), as_of=date(2026, 11, 30))
    for n, line in enumerate(data.split(b"\n"), start=1):
        try:
            value = json.loads(line)
        except (ValueError, RecursionError):
            value = "invalid JSON"
        intake.add(f"api:{n}", value)
    counted = intake.accounting
    assert counted.read == n
    assert counted.read == counted.accepted + counted.duplicates + counted.rejected + counted.future
    assert all(r.location.startswith("api:") for r in intake.rejections)
    json.dumps([r.model_dump() for r in intake.rejections], ensure_ascii=False).encode("utf-8")


def test_nothing_in_a_hostile_report_breaks_its_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    events = _hostile_events(tmp_path, '\x1b[31m\u202e"</script>')
    args = ["check", "--register", str(REGISTER), "--events", str(events), "--as-of", "2026-11-30"]
    _, out, _ = cli(capsys, *args, "--format", "json")
    report = json.loads(out)
    assert report["input"]["read"] == 3
    io.StringIO(out).read()


def test_a_rule_packs_words_cannot_inject_markup_into_markdown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import markdown_it

    text = (ROOT / "examples" / "packs" / "bien-gioi.yaml").read_text(encoding="utf-8")
    pack = tmp_path / "pack.yaml"
    hostile = '"<script>alert(1)</script> | `x` <img src=x onerror=alert(1)>"'
    title = "en: A border commune is visited at least every 2 months"
    assert title in text
    pack.write_text(text.replace(title, f"en: {hostile}"), encoding="utf-8")
    args = ["check", "--register", str(REGISTER), "--events", str(EXAMPLE / "events.jsonl")]
    _, out, err = cli(capsys, *args, "--rules", str(pack), "--format", "markdown", "--lang", "en")
    assert "<script>" not in err
    html = markdown_it.MarkdownIt("commonmark").enable("table").render(out)
    assert "<script" not in html and "<img" not in html
    assert "alert(1)" in html  # shown, as text


def test_the_example_csv_renderer_writes_no_formula(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(ROOT / "examples" / "plugin-example" / "src"))
    try:
        import gr_plugin_example
    finally:
        sys.path.pop(0)
    from governance_rules import check, read_events

    events = _hostile_events(tmp_path, '=HYPERLINK("http://x")')
    register = load_register(REGISTER)
    report = check(register, read_events([events], register), as_of=date(2026, 11, 30))
    text = gr_plugin_example.RENDERER.render(report, None)  # type: ignore[arg-type]
    import csv

    cells = [cell for row in csv.reader(io.StringIO(str(text))) for cell in row]
    assert '\'=HYPERLINK("http://x")' in cells
    assert not any(cell[:1] in "=+-@" for cell in cells if cell)


@pytest.mark.parametrize(
    ("rule", "template", "key"),
    [
        ("GR-VISIT-CONTACT", {"subject": {"officer": "officer", "event": "id"}}, "commune"),
        ("GR-EVALUATION", {"per": "once"}, "officer"),
        ("GR-REPORT-SEMIANNUAL", {"per": "year", "period": None}, "officer"),
    ],
)
def test_a_rule_whose_acts_bind_what_its_instances_lack_is_refused(
    rule: str, template: dict[str, object], key: str
) -> None:
    # Each once crashed the engine (a KeyError) instead of being refused when loaded.
    from governance_rules import CATALOGUE

    base = CATALOGUE[rule]
    variant = base.model_copy(
        update={"id": "XX-VARIANT", "template": base.template.model_copy(update=template)}
    )
    with pytest.raises(CatalogueError, match=rf"binds '{key}', which its instances do not have"):
        CATALOGUE.with_rules(variant)

"""Spreadsheets: the template, reading a filled workbook, located rows, the findings workbook."""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from governance_rules import load_register, read_events
from governance_rules.io._columns import CHOICES, EVENT_FIELDS, choice_label, key
from governance_rules.io._xlsx import CHOICE_LISTS
from governance_rules.model import EVENT_TYPES
from governance_rules.report._workbook import Percent, Sheet, write_workbook
from governance_rules.xlsx import INSTRUCTIONS, REGISTER_SHEETS
from tests.test_cli import EXAMPLE, run
from tests.workbooks import fill


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("xlsx")
    template = folder / "mau.xlsx"
    result = run("template", "--xlsx", str(template))
    assert result.returncode == 0, result.stderr
    out = folder / "so-theo-doi.xlsx"
    fill(template, EXAMPLE / "register.yaml", EXAMPLE / "events.jsonl", out)
    return out


def test_the_template_has_every_sheet_header_and_choice_list(tmp_path: Path) -> None:
    path = tmp_path / "mau.xlsx"
    assert run("template", "--xlsx", str(path)).returncode == 0
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [INSTRUCTIONS, *REGISTER_SHEETS, *EVENT_TYPES, CHOICE_LISTS]
    guide = "\n".join(str(row[0].value or "") for row in book[INSTRUCTIONS].iter_rows())
    assert "Ngày ghi theo kiểu ngày của Excel hoặc dạng dd/mm/yyyy" in guide
    assert "visit.conducted: đi công tác tại xã" in guide
    visit = [c.value for c in book["visit.conducted"][1]]
    assert visit == ["Mã sự kiện", "Ngày", "Mã cán bộ", "Xã"]
    assert book.sheetnames[-1] == CHOICE_LISTS and book[CHOICE_LISTS].sheet_state == "hidden"

    def choices(sheet: str) -> list[list[str]]:
        """The choice lists of a sheet's columns, as a clerk sees them."""
        found = []
        for rule in book[sheet].data_validations.dataValidation:
            column = rule.formula1.split("!$")[1].split("$")[0]
            found.append([c.value for c in book[CHOICE_LISTS][column][1:] if c.value])
        return found

    assert ["ban chấp hành", "ban thường vụ", "chi bộ"] in choices("meeting.held")
    assert ["thường kỳ", "bất thường"] in choices("meeting.held")
    kinds = choices("issue.raised")
    assert ["khó khăn, vướng mắc", "đề xuất, kiến nghị", "mô hình mới", "hạn chế, yếu kém"] in kinds
    communes = book["Xã"]
    assert [c.value for c in communes[1]] == [
        "Mã xã",
        "Tên xã",
        "Loại",
        "Huyện",
        "Từ ngày",
        "Đến ngày",
        "Sáp nhập vào",
    ]
    charges = [c.value for c in book["Phụ trách theo thời gian"][1]]
    assert charges == ["Mã ủy viên", "Phụ trách", "Từ ngày", "Đến ngày"]
    assert choices("Lịch làm việc") == [["nghỉ", "làm việc"]]
    assert "Phụ trách thay đổi theo ngày" in guide
    assert choices("Xã") == [["xã", "phường", "thị trấn"]]
    again = tmp_path / "again.xlsx"
    run("template", "--xlsx", str(again))
    assert again.read_bytes() == path.read_bytes()


def test_a_filled_workbook_gives_the_findings_of_the_same_data(filled: Path) -> None:
    def findings(*args: str) -> dict[str, object]:
        result = run("check", *args, "--as-of", "2026-11-30", "--format", "json")
        assert result.returncode == 1, result.stderr
        return json.loads(result.stdout)  # type: ignore[no-any-return]

    book = findings("--register", str(filled), "--events", str(filled))
    text = findings(
        "--register", str(EXAMPLE / "register.yaml"), "--events", str(EXAMPLE / "events.jsonl")
    )
    assert book["findings"] == text["findings"]
    rejected = book["rejected"]
    assert isinstance(rejected, list)
    assert rejected[0]["location"] == f"{filled}:visit.conducted!196"
    assert "unknown officer 'o-09'" in rejected[0]["error"]


def test_the_dated_sheets_fill_the_register_through_time(filled: Path, tmp_path: Path) -> None:
    from governance_rules.xlsx import load_register_xlsx

    register = load_register_xlsx(filled)
    assert register == load_register(EXAMPLE / "register.yaml")
    book = openpyxl.load_workbook(filled)
    book["Phụ trách theo thời gian"].append(["sm-09", "c-an-tan", "01/07/2025", None])
    book["Huyện theo thời gian"].append(["c-an-hoa", "d-an-lao", None, "30/06/2025"])
    book["Lịch làm việc"].append(["02/01/2026", "nghỉ lễ"])
    bad = tmp_path / "dated.xlsx"
    book.save(bad)
    result = run("validate", "--register", str(bad))
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert (
        f"governance-rules: error: {bad}:Huyện theo thời gian!4: commune 'c-an-hoa' has its district on the sheet 'Xã'"
        in lines
    )
    assert (
        f"governance-rules: error: {bad}:Phụ trách theo thời gian!11: names no member of the sheet 'Ủy viên BTV'"
        in lines
    )
    assert (
        f"governance-rules: error: {bad}:Lịch làm việc!3: kind: expected 'nghỉ' or 'làm việc', got 'nghỉ lễ'"
        in lines
    )


def test_rows_are_located_by_sheet_and_row(filled: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(filled)
    book["meeting.held"]["B2"] = "30/02/2026"
    book["Xã"]["D3"] = "d-khong-co"
    stray = book.create_sheet("Ghi chú")
    stray.append(["something else"])
    bad = tmp_path / "bad.xlsx"
    book.save(bad)
    book["Xã"]["C2"] = "làng"
    book.save(bad)
    result = run("validate", "--register", str(bad))
    assert result.returncode == 2
    # reported whole, each problem at its row and in the column the clerk filled in
    assert result.stderr.splitlines() == [
        f"governance-rules: error: {bad}:Xã!2: column 'Loại': Input should be 'xã', 'phường'"
        " or 'thị trấn' (got 'làng')",
        f"governance-rules: error: {bad}:Xã!3: column 'Huyện': unknown district 'd-khong-co'"
        " (did you mean 'd-song-cau'?)",
    ]
    result = run("validate", "--register", str(bad), "--lang", "vi")
    assert result.stderr.splitlines() == [
        f"governance-rules: lỗi: {bad}:Xã!2: cột 'Loại': cần một trong các giá trị 'xã', 'phường'"
        " hoặc 'thị trấn' (nhận được 'làng')",
        f"governance-rules: lỗi: {bad}:Xã!3: cột 'Huyện': không có huyện 'd-khong-co' trong sổ"
        " đăng ký (có phải là 'd-song-cau'?)",
    ]
    book["Xã"]["C2"] = "xã"
    book["Xã"]["D3"] = "d-an-lao"
    book["visit.conducted"]["B2"] = "04/31/2026"  # month and day swapped
    book["visit.conducted"]["B3"] = "hôm qua"
    book.save(bad)
    result = run("validate", "--register", str(bad), "--events", str(bad))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    for row, typed in ((2, "30/02/2026"), (2, "04/31/2026"), (3, "hôm qua")):
        sheet = "meeting.held" if typed == "30/02/2026" else "visit.conducted"
        assert (
            f"{bad}:{sheet}!{row}: {sheet}: field 'at': '{typed}' is not a date: expected"
            " ngày/tháng/năm (dd/mm/yyyy)"
        ) in lines  # what was typed, never a date made of it
    assert any(line.startswith(f"{bad}:Ghi chú!1: sheet 'Ghi chú' is neither") for line in lines)
    result = run("validate", "--register", str(bad), "--events", str(bad), "--lang", "vi")
    lines = result.stdout.splitlines()
    assert (
        f"{bad}:visit.conducted!2: visit.conducted: cột 'Ngày': '04/31/2026' không phải là một"
        " ngày: cần dạng ngày/tháng/năm"
    ) in lines
    assert any(line.startswith(f"{bad}:Ghi chú!1: trang 'Ghi chú' không phải") for line in lines)


def test_check_format_xlsx_is_a_filterable_workbook(filled: Path, tmp_path: Path) -> None:
    out = tmp_path / "findings.xlsx"
    args = ["check", "--register", str(EXAMPLE / "register.yaml")]
    args += ["--events", str(EXAMPLE / "events.jsonl"), "--as-of", "2026-11-30"]
    result = run(*args, "--format", "xlsx", "--output", str(out), "--lang", "vi")
    assert result.returncode == 1, result.stderr
    report = json.loads(run(*args, "--format", "json").stdout)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == [
        "Phát hiện",
        "Tóm tắt",
        "Cán bộ",
        "Xã",
        "Tham số",
        "Bản ghi bị loại",
    ]
    communes = {row[0]: row[1:] for row in book["Xã"].iter_rows(min_row=2, values_only=True)}
    # c-binh-hai had no officer from 15 October 2025 to 1 March 2026: 138 days, a number.
    assert communes["Xã Bình Hải (c-binh-hai)"][1] == 138
    officers = list(book["Cán bộ"].iter_rows(values_only=True))
    assert officers[0][:3] == ("Cán bộ", "Cơ quan", "Địa bàn")
    assert officers[1][0] == "Nguyễn Văn An (o-01)" and 0 <= officers[1][-1] <= 1
    policy = {row[0]: row[1:3] for row in book["Tham số"].iter_rows(min_row=2, values_only=True)}
    meanings = {row[0]: row[3] for row in book["Tham số"].iter_rows(min_row=2, values_only=True)}
    assert meanings["contact_window_days"] == "số ngày tối đa liên hệ trước khi đến làm việc"
    assert policy["visit_interval_months"] == (3, 3)  # numbers, not text
    assert policy["day_off_rule"] == ("none", "none")
    summary = {row[0]: row[1] for row in book["Tóm tắt"].iter_rows(values_only=True)}
    assert summary["Đã đọc"] == report["input"]["read"]  # labels in the report's language
    sheet = book["Phát hiện"]
    assert sheet.auto_filter.ref == sheet.dimensions
    assert sheet.max_row == len(report["findings"]) + 1
    assert sheet["A1"].value == "Quy tắc" and sheet["B2"].value in (
        "đã thực hiện",
        "thực hiện muộn",
        "chưa thực hiện (quá hạn)",
        "chưa đến hạn",
        "có thực hiện",
        "chưa thực hiện",
    )
    assert book["Bản ghi bị loại"].max_row == len(report["rejected"]) + 1
    second = tmp_path / "again.xlsx"
    run(*args, "--format", "xlsx", "--output", str(second), "--lang", "vi")
    assert second.read_bytes() == out.read_bytes()
    assert openpyxl.load_workbook(io.BytesIO(out.read_bytes())).properties.modified.year == 2026


def test_a_file_that_is_not_a_workbook_is_one_line(tmp_path: Path) -> None:
    fake = tmp_path / "so.xlsx"
    fake.write_text("not a workbook", encoding="utf-8")
    result = run("validate", "--register", str(fake))
    assert result.returncode == 2
    assert result.stderr == f"governance-rules: error: {fake}: not an .xlsx workbook (BadZipFile)\n"


def _excel_text(text: str) -> str:
    """A cell's text as Excel reads it: SpreadsheetML's ``_xHHHH_`` escapes decoded, left to
    right (openpyxl leaves them as written)."""
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(st.characters(codec=None, exclude_categories=())), max_size=5))
def test_the_findings_writer_keeps_any_text_as_text(texts: list[str]) -> None:
    data = write_workbook([Sheet("S", [["h"], *[[t] for t in texts]])], date(2026, 1, 1))
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        for name in book.namelist():
            ElementTree.fromstring(book.read(name))  # every part is well-formed XML
    sheet = openpyxl.load_workbook(io.BytesIO(data))["S"]
    cells = [row[0] for row in sheet.iter_rows(min_row=2, max_row=len(texts) + 1)]
    assert all(cell.data_type == "s" for cell in cells if cell.value is not None)
    assert [_excel_text(cell.value or "") for cell in cells] == texts


def test_the_findings_writer_types_numbers_dates_and_rates() -> None:
    rows: list[list[object]] = [["a", "b", "c", "d"], [3, 2.5, date(2026, 2, 28), Percent(0.25)]]
    rows.append([None, "x", "", "y", " z\t"])  # a skipped cell: the next names its column
    sheet = Sheet("S", rows, freeze=(1, 1), widths={0: 30})
    data = write_workbook([sheet], date(2026, 1, 1), "DD/MM/YYYY")
    ws = openpyxl.load_workbook(io.BytesIO(data))["S"]
    assert [cell.value for cell in ws[2]] == [3, 2.5, datetime(2026, 2, 28), 0.25, None]
    assert [cell.value for cell in ws[3]] == [None, "x", None, "y", " z\t"]
    assert ws["C2"].number_format == "DD/MM/YYYY" and ws["D2"].number_format == "0%"
    assert ws["A1"].font.b and not ws["A2"].font.b
    assert ws.freeze_panes == "B2" and ws.auto_filter.ref == "A1:E3"
    assert ws.column_dimensions["A"].width == 30
    assert openpyxl.load_workbook(io.BytesIO(data)).properties.created == datetime(2026, 1, 1)


def test_a_csv_saved_from_the_workbook_gives_its_findings(filled: Path, tmp_path: Path) -> None:
    """Each event sheet saved as Excel does in a Vietnamese locale: ``;`` between cells,
    the template's Vietnamese headers, ``dd/mm/yyyy`` dates, choices by their Vietnamese
    labels; one file per event type, named by it."""
    book = openpyxl.load_workbook(filled, data_only=True)
    files = []
    for title in book.sheetnames:
        if title not in EVENT_TYPES:
            continue
        rows = list(book[title].iter_rows(values_only=True))
        header = [str(h) for h in rows[0]]
        fields = [EVENT_FIELDS[key(h)] for h in header]
        lines = [";".join(header)]
        for row in rows[1:]:
            cells = []
            for name, value in zip(fields, row, strict=False):
                if isinstance(value, datetime):
                    text = value.strftime("%d/%m/%Y") if value.time() == time(0) else str(value)
                elif value is None:
                    text = ""
                elif CHOICES.get(name):
                    text = "; ".join(choice_label(part.strip()) for part in str(value).split(";"))
                else:
                    text = str(value)
                cells.append(f'"{text}"' if ";" in text else text)
            lines.append(";".join(cells))
        path = tmp_path / f"{title}.csv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
        files.append(path)
    assert "Ngày" in (tmp_path / "visit.conducted.csv").read_text(encoding="utf-8-sig")
    labels = (tmp_path / "report.submitted.csv").read_text(encoding="utf-8-sig")
    assert "qua Văn phòng Tỉnh ủy" in labels  # a choice by its label, not its code

    def report(*events: Path) -> dict[str, object]:
        args = ["--register", str(EXAMPLE / "register.yaml"), "--as-of", "2026-11-30"]
        for path in events:
            args += ["--events", str(path)]
        result = run("check", *args, "--format", "json")
        assert result.returncode == 1, result.stderr
        assert "note:" not in result.stderr  # every column known
        return json.loads(result.stdout)  # type: ignore[no-any-return]

    from_csv, from_book = report(*files), report(filled)
    assert from_csv["findings"] == from_book["findings"]
    assert from_csv["input"] == from_book["input"]


def test_an_unknown_csv_column_is_a_note_and_its_values_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "visit.conducted.csv"
    path.write_text(
        "Mã sự kiện;Ngày;Mã cán bộ;Xã;Ghi chú riêng\nv-1;05/03/2026;o-01;c-an-tan;x\n",
        encoding="utf-8",
    )
    intake = read_events([path], load_register(EXAMPLE / "register.yaml"))
    assert intake.accounting.read == intake.accounting.accepted == 1
    [note] = intake.notes
    assert note.location == f"{path}:1" and "unknown column 'Ghi chú riêng'" in note.error
    [event] = intake.accepted
    assert event.at.isoformat() == "2026-03-05"
    assert event.model_extra == {"Ghi chú riêng": "x"}
    result = run("validate", "--register", str(EXAMPLE / "register.yaml"), "--events", str(path))
    assert result.returncode == 0
    assert f"note: {path}:1: unknown column 'Ghi chú riêng'" in result.stderr


def test_a_csv_naming_one_field_twice_is_a_located_error(tmp_path: Path) -> None:
    path = tmp_path / "visit.conducted.csv"
    path.write_text("id,at,Mã cán bộ,commune,officer\nv-1,2026-03-05,o-01,c-an-tan,o-01\n")
    result = run("validate", "--register", str(EXAMPLE / "register.yaml"), "--events", str(path))
    assert result.returncode == 2
    assert result.stderr.strip().endswith(
        f"{path}:1: columns 'Mã cán bộ' and 'officer' are both 'officer'"
    )


def test_a_csv_date_that_is_no_day_is_quoted_as_typed(tmp_path: Path) -> None:
    path = tmp_path / "visit.conducted.csv"
    path.write_text(
        "Mã sự kiện;Ngày;Mã cán bộ;Xã\nv-1;31/04/2026;o-01;c-an-tan\nv-2;5/3/2026;o-01;c-an-tan\n",
        encoding="utf-8",
    )
    intake = read_events([path], load_register(EXAMPLE / "register.yaml"))
    [rejected] = intake.rejections
    assert rejected.location == f"{path}:2"
    assert rejected.error == (
        "visit.conducted: field 'at': '31/04/2026' is not a date: expected ngày/tháng/năm"
        " (dd/mm/yyyy)"
    )
    assert rejected.error_vi == (
        "visit.conducted: cột 'Ngày': '31/04/2026' không phải là một ngày: cần dạng ngày/tháng/năm"
    )
    [event] = intake.accepted
    assert event.at.isoformat() == "2026-03-05"


@given(st.text())
def test_the_workbook_escapes_names_as_the_standard_library_does(text: str) -> None:
    from xml.sax.saxutils import escape

    from governance_rules.report._workbook import _ATTR, _escape

    assert _escape(text, _ATTR) == escape(text, _ATTR)


def test_a_sheet_longer_than_excel_allows_goes_on_in_sheets_of_its_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from governance_rules.report import _workbook

    monkeypatch.setattr(_workbook, "MAX_ROWS", 4)  # Excel's is 1,048,576 a sheet
    rows = [["h", "k"], *[[f"r{n}", n] for n in range(7)]]
    long = "S" * 31  # the longest name Excel takes
    data = write_workbook(
        [Sheet(long, rows, widths={0: 30}), Sheet("T", [["t"]])], date(2026, 1, 1)
    )
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == [long, "S" * 27 + " (2)", "S" * 27 + " (3)", "T"]
    parts = [list(book[name].iter_rows(values_only=True)) for name in book.sheetnames[:3]]
    assert [len(part) for part in parts] == [4, 4, 2]  # each with the header again
    assert all(part[0] == ("h", "k") for part in parts)
    assert [row for part in parts for row in part[1:]] == [tuple(row) for row in rows[1:]]
    for name in book.sheetnames[:3]:
        sheet = book[name]
        assert sheet.auto_filter.ref == sheet.dimensions and sheet.freeze_panes == "A2"
        assert sheet.column_dimensions["A"].width == 30
    assert list(book["T"].iter_rows(values_only=True)) == [("t",)]


def test_every_finding_is_in_the_workbook_past_excel_s_rows_a_sheet(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from governance_rules import check
    from governance_rules.report import _workbook, render_findings_xlsx

    monkeypatch.setattr(_workbook, "MAX_ROWS", 100)
    province = load_register(EXAMPLE / "register.yaml")
    intake = read_events([EXAMPLE / "events.jsonl"], province, date(2026, 11, 30))
    report = check(province, intake, as_of=date(2026, 11, 30), lang="vi")
    data = render_findings_xlsx(report, "vi", province, intake.accepted)
    book = openpyxl.load_workbook(io.BytesIO(data))
    parts = [name for name in book.sheetnames if name.startswith("Phát hiện")]
    assert len(parts) == -(-len(report.findings) // 99) > 1
    rules = [row[0] for name in parts for row in book[name].iter_rows(min_row=2, values_only=True)]
    assert len(rules) == len(report.findings)
    assert book.sheetnames[len(parts)] == "Tóm tắt"


def test_a_text_longer_than_an_excel_cell_is_cut_saying_how_much() -> None:
    # Excel holds 32,767 characters (UTF-16 units) in a cell.
    wide = "🙂" * 20_000  # 40,000 units
    rows = [["h"], ["a" * 32_767], ["b" * 40_000], [wide], ["x_x0041_" * 5_000]]
    data = write_workbook([Sheet("S", rows)], date(2026, 1, 1))
    cells = [row[0] for row in openpyxl.load_workbook(io.BytesIO(data))["S"].iter_rows(min_row=2)]
    texts = [_excel_text(cell.value) for cell in cells]
    assert texts[0] == "a" * 32_767  # at the limit: whole
    assert texts[1] == "b" * 32_759 + "…(+7241)"  # the characters left out
    assert all(len(text.encode("utf-16-le")) // 2 <= 32_767 for text in texts)
    assert texts[2].startswith("🙂" * 16_000) and texts[2].endswith(")")
    assert texts[3].startswith("x_x0041_" * 4_000)  # cut as Excel reads it, not as escaped


@pytest.mark.parametrize(("lang", "period"), [("vi", None), ("en", None), ("vi", "2026")])
def test_the_streamed_workbook_is_the_held_report_s_byte_for_byte(
    tmp_path: Path, lang: str, period: str | None
) -> None:
    # check --format xlsx streams its findings a rule at a time (render_xlsx_stream); the
    # library's render_findings_xlsx writes a report held whole: the same workbook.
    from governance_rules import check
    from governance_rules.model import Period
    from governance_rules.report import render_findings_xlsx

    out = tmp_path / "streamed.xlsx"
    args = ["check", "--register", str(EXAMPLE / "register.yaml")]
    args += ["--events", str(EXAMPLE / "events.jsonl"), "--as-of", "2026-11-30"]
    args += ["--format", "xlsx", "--output", str(out), "--lang", lang]
    result = run(*args, *(["--period", period] if period else []))
    assert result.returncode == 1, result.stderr
    province = load_register(EXAMPLE / "register.yaml")
    intake = read_events([EXAMPLE / "events.jsonl"], province, date(2026, 11, 30))
    narrowed = None if period is None else Period.year(int(period))
    report = check(province, intake, as_of=date(2026, 11, 30), lang=lang, period=narrowed)
    held = render_findings_xlsx(report, lang, province, intake.accepted)
    assert out.read_bytes() == held
    summary = openpyxl.load_workbook(out)["Tóm tắt" if lang == "vi" else "Summary"]
    counted = [row[1] for row in summary.iter_rows(values_only=True) if row and row[1]]
    assert counted  # the sheets after the findings count them: not left empty


def _workbook_both_ways() -> tuple[Iterator[bytes], bytes]:
    """The example's workbook as ``check --format xlsx`` streams it (pieces, made as they
    are asked for) and as the library writes a report held whole."""
    from governance_rules import check, stream_check
    from governance_rules.report import render_findings_xlsx, render_xlsx_stream, xlsx_row

    province = load_register(EXAMPLE / "register.yaml")
    intake = read_events([EXAMPLE / "events.jsonl"], province, date(2026, 11, 30))
    as_of = date(2026, 11, 30)
    streamed = stream_check(province, intake, as_of=as_of, lang="vi", compact=xlsx_row)
    pieces = render_xlsx_stream(
        streamed.head, streamed.lines(), lambda: streamed.summary, "vi", province, intake.accepted
    )
    report = check(province, intake, as_of=as_of, lang="vi")
    return pieces, render_findings_xlsx(report, "vi", province, intake.accepted)


def test_a_streamed_workbook_past_excel_s_rows_a_sheet_is_the_held_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from governance_rules.report import _workbook

    monkeypatch.setattr(_workbook, "MAX_ROWS", 100)
    pieces, held = _workbook_both_ways()
    data = b"".join(pieces)
    assert data == held
    assert "Phát hiện (2)" in openpyxl.load_workbook(io.BytesIO(data)).sheetnames


def test_a_streamed_workbook_comes_in_pieces_and_is_never_held_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A province's whole history is a workbook of tens of megabytes: check --format xlsx
    # writes it out in pieces, from a file it spills to once past the spool, not from bytes
    # held whole in memory (twice, when they are copied out of the buffer).
    from governance_rules.report import _workbook

    monkeypatch.setattr(_workbook, "_SPOOL", 4096)
    monkeypatch.setattr(_workbook, "_PIECE", 1024)
    spooled: list[object] = []
    real = _workbook.tempfile.SpooledTemporaryFile

    def watched(*args: object, **kwargs: object) -> object:
        sink = real(*args, **kwargs)  # type: ignore[call-overload]
        spooled.append(sink)
        return sink

    monkeypatch.setattr(_workbook.tempfile, "SpooledTemporaryFile", watched)
    pieces, held = _workbook_both_ways()
    first = next(pieces)
    assert isinstance(first, bytes) and len(first) == 1024
    assert [sink._rolled for sink in spooled] == [True]  # type: ignore[attr-defined]
    rest = list(pieces)
    assert all(isinstance(piece, bytes) and len(piece) <= 1024 for piece in rest)
    assert first + b"".join(rest) == held


_ODD_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=8)


@settings(max_examples=300, deadline=None)
@given(
    officer=st.none()
    | _ODD_TEXT.filter(bool)
    | st.sampled_from(["\x1e", "\x1f", "\x1d", "a\x1fb"]),
    commune=st.none() | _ODD_TEXT.filter(bool),
    bearer=st.none() | _ODD_TEXT,
    evidence=st.lists(_ODD_TEXT.filter(bool), max_size=2),
)
def test_a_finding_s_scores_read_back_from_its_row_whatever_its_ids_hold(
    officer: str | None, commune: str | None, bearer: str | None, evidence: list[str]
) -> None:
    # The workbook counts a streamed finding by what its row's text says of it (its Mark),
    # which must read back exactly: ids may hold the very characters that separate them.
    from governance_rules.model import Finding, Subject
    from governance_rules.report._scores import Mark
    from governance_rules.report._xlsx import _MARK, _mark, xlsx_row

    finding = Finding(
        rule="GR-VISIT-QUARTERLY",
        status="violated",
        subject=Subject(officer=officer, commune=commune),
        evidence=tuple(evidence),
        clauses=("R7",),
        message="m",
        bearer=bearer,
    )
    row, _, mark = xlsx_row(finding).rpartition(_MARK)
    assert _mark(mark) == Mark.of(finding)
    assert _MARK not in row


@settings(max_examples=500, deadline=None)
@given(st.text(st.characters(codec=None, exclude_categories=())))
def test_a_text_the_writer_takes_as_plain_needs_no_escape(text: str) -> None:
    from governance_rules.report._workbook import _SPECIAL, _plain

    assert not _plain(text) or _SPECIAL.search(text) is None


def test_a_row_given_as_plain_text_is_a_row_of_characters_never_markup() -> None:
    # Only a Placed row (made by placed(), its values escaped) is written as it is; any
    # other string is a sequence of values, one character a cell.
    from governance_rules.report._workbook import Placed, placed

    markup = '<c t="inlineStr"><is><t>x</t></is></c>'
    rows: list[object] = [["h", "k"], markup[:2], Placed(placed(["<b>", 5]))]
    data = write_workbook([Sheet("S", rows)], date(2026, 1, 1))
    sheet = openpyxl.load_workbook(io.BytesIO(data))["S"]
    assert list(sheet.iter_rows(min_row=2, values_only=True)) == [("<", "c"), ("<b>", 5)]


def test_a_full_disk_under_the_workbook_s_temporary_file_is_one_located_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A large workbook is made in a temporary file: a full disk there is said in one line,
    # with the folder, in the clerk's language; no output file is left behind.
    import errno
    import tempfile

    from governance_rules.cli import main
    from governance_rules.report import _workbook

    class Full(io.BytesIO):
        def write(self, data: object) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(_workbook.tempfile, "SpooledTemporaryFile", lambda **_: Full())
    out = tmp_path / "findings.xlsx"
    args = ["check", "--register", str(EXAMPLE / "register.yaml")]
    args += ["--events", str(EXAMPLE / "events.jsonl"), "--as-of", "2026-11-30"]
    assert main([*args, "--format", "xlsx", "--output", str(out), "--lang", "vi"]) == 2
    said = capsys.readouterr().err
    assert said == f"governance-rules: lỗi: {tempfile.gettempdir()}: không ghi được: đĩa đã đầy\n"
    assert not out.exists()


def test_a_workbook_piped_out_is_the_written_file_byte_for_byte(tmp_path: Path) -> None:
    # Written in pieces either way: to a file named with --output, or to a pipe.
    import subprocess

    from tests.test_cli import EXE, ROOT

    out = tmp_path / "findings.xlsx"
    args = [EXE or "", "check", "--register", str(EXAMPLE / "register.yaml")]
    args += ["--events", str(EXAMPLE / "events.jsonl"), "--as-of", "2026-11-30"]
    args += ["--format", "xlsx", "--lang", "vi"]
    piped = subprocess.run(args, capture_output=True, cwd=ROOT, check=False)
    written = subprocess.run([*args, "--output", str(out)], capture_output=True, cwd=ROOT)
    assert piped.returncode == written.returncode == 1, piped.stderr
    assert piped.stdout[:2] == b"PK" and piped.stdout == out.read_bytes()


def test_a_workbook_that_excel_holds_open_is_said_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Windows refuses to write a file another program has open: the clerk who reran the
    # check with last week's workbook still open in Excel is told what to do.
    from governance_rules.cli import main

    out = tmp_path / "findings.xlsx"
    real = Path.open

    def held(self: Path, mode: str = "r", *args: object, **kwargs: object) -> object:
        if self == out and "w" in mode:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self, mode, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", held)
    args = ["check", "--register", str(EXAMPLE / "register.yaml")]
    args += ["--events", str(EXAMPLE / "events.jsonl"), "--as-of", "2026-11-30"]
    assert main([*args, "--format", "xlsx", "--output", str(out), "--lang", "vi"]) == 2
    assert capsys.readouterr().err == (
        f"governance-rules: lỗi: {out}: không ghi được: không có quyền truy cập "
        "(nếu tệp đang mở trong một chương trình khác, như Excel, hãy đóng tệp rồi chạy lại)\n"
    )
    assert main([*args, "--format", "xlsx", "--output", str(out), "--lang", "en"]) == 2
    assert capsys.readouterr().err == (
        f"governance-rules: error: {out}: cannot write: Permission denied "
        "(if another program, such as Excel, has the file open, close it and run again)\n"
    )

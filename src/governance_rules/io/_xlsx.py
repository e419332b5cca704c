"""Spreadsheets as input: the register and events read from ``.xlsx`` workbooks, and an
empty workbook to fill in (the findings workbook is a report: ``report/_xlsx.py``).

A workbook has one sheet per register list (``Tỉnh``, ``Nhiệm kỳ``, ``Huyện``, ``Xã``,
``Ủy viên BTV``, ``Cơ quan``, ``Cán bộ``) and one sheet per event type, named by the type
(``visit.conducted``). Column headers are Vietnamese (``Mã cán bộ``, ``Xã``, ``Ngày``) or
the field names of the formats (``officer``, ``commune``, ``at``); dates are Excel dates or
``dd/mm/yyyy`` text; list cells are ``;``-separated. Rows are located ``book.xlsx:Sheet!12``.

Needs the ``xlsx`` extra (openpyxl): ``pip install 'governance-rules[xlsx]'``.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any, get_origin

from ..errors import GovernanceRulesError, InputError, Problem, RegisterError
from ..model import EVENT_TYPES, Register, literal_values
from ._columns import EVENT_COLUMNS, EVENT_FIELDS, cell_value, choice_label, fields_of, key
from ._readers import Record

REGISTER_SHEETS: dict[str, tuple[str, dict[str, str]]] = {
    "Tỉnh": (
        "province",
        {
            "id": "Mã tỉnh",
            "name": "Tên tỉnh",
            "timezone": "Múi giờ",
            "effective": "Ngày Quy định có hiệu lực",
        },
    ),
    "Nhiệm kỳ": ("terms", {"id": "Mã nhiệm kỳ", "start": "Bắt đầu", "end": "Kết thúc"}),
    "Huyện": (
        "districts",
        {"id": "Mã huyện", "name": "Tên huyện", "from": "Từ ngày", "until": "Đến ngày"},
    ),
    "Xã": (
        "communes",
        {
            "id": "Mã xã",
            "name": "Tên xã",
            "kind": "Loại",
            "district": "Huyện",
            "from": "Từ ngày",
            "until": "Đến ngày",
            "successor": "Sáp nhập vào",
        },
    ),
    "Ủy viên BTV": (
        "standing_members",
        {"id": "Mã ủy viên", "name": "Họ và tên", "in_charge_of": "Phụ trách"},
    ),
    "Cơ quan": ("agencies", {"id": "Mã cơ quan", "name": "Tên cơ quan", "head": "Thủ trưởng"}),
    "Cán bộ": ("officers", {"id": "Mã cán bộ", "name": "Họ và tên", "agency": "Cơ quan"}),
    "Huyện theo thời gian": (
        "dated_districts",
        {"commune": "Mã xã", "id": "Huyện", "from": "Từ ngày", "until": "Đến ngày"},
    ),
    "Phụ trách theo thời gian": (
        "dated_charges",
        {"member": "Mã ủy viên", "id": "Phụ trách", "from": "Từ ngày", "until": "Đến ngày"},
    ),
    "Lịch làm việc": ("calendar", {"day": "Ngày", "kind": "Loại ngày"}),
}
"""Register sheets: the list each holds, and its fields with their Vietnamese headers. The
last three hold what changes on dates, a row each: a commune's district from one day to
another, a member's charge from one day to another, and the province's own days off
(``nghỉ``) and working days (``làm việc``)."""

DAY_KINDS = {"nghỉ": "days_off", "làm việc": "working_days"}
"""The ``Loại ngày`` of a calendar row, and the register list it goes to."""

INSTRUCTIONS = "Hướng dẫn"
CHOICE_LISTS = "Danh mục"
"""The template's hidden sheet of choice lists, one column a list, by Vietnamese label."""
_ROWS = 2000  # rows given data validation in the template


def openpyxl_module() -> Any:
    """openpyxl, or a one-line error naming the extra that installs it."""
    try:
        import openpyxl
    except ImportError:
        raise GovernanceRulesError(
            "spreadsheets need the 'xlsx' extra: pip install 'governance-rules[xlsx]'"
        ) from None
    return openpyxl


MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384
"""Excel's own bounds of a sheet: no more is read, whatever a sheet declares."""


def _open(path: Path) -> Any:
    openpyxl = openpyxl_module()
    from openpyxl.reader.workbook import WorkbookParser

    try:
        with warnings.catch_warnings():
            # A missing part is only a warning to openpyxl; it is an error here, below.
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        parser = WorkbookParser(book._archive, "xl/workbook.xml")
        parser.parse()
        listed = [(sheet.name, rel.target) for sheet, rel in parser.find_sheets()]
    except FileNotFoundError:
        raise InputError(str(path), "cannot read: no such file") from None
    except Exception as error:  # a file that is not a workbook: openpyxl raises many kinds
        raise InputError(str(path), f"not an .xlsx workbook ({type(error).__name__})") from None
    parts = set(book._archive.namelist())
    for name, target in listed:
        if target not in parts:
            book.close()
            raise InputError(
                f"{path}:{name}", f"the workbook is damaged: the part of sheet '{name}' is missing"
            )
    return book


def _rows(sheet: Any) -> Iterator[tuple[int, list[Any]]]:
    # The rows the sheet holds, not the range it declares (a sheet may claim A1:XFD1048576).
    sheet.reset_dimensions()
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        if number > MAX_ROWS:
            return
        yield number, list(row[:MAX_COLUMNS])


def _header(
    path: Path, title: str, values: list[Any], fields: Mapping[str, str]
) -> list[str | None]:
    """The field of each header cell; a field given twice is a located error."""
    header: list[str | None] = []
    seen: dict[str, int] = {}
    for column, value in enumerate(values):
        field = fields.get(key(value)) if value is not None else None
        if field is not None and field in seen:
            raise InputError(
                f"{path}:{title}!1",
                f"column '{value}' ({_letter(column)}) repeats column {_letter(seen[field])}: "
                f"both are '{field}'",
            )
        if field is not None:
            seen[field] = column
        header.append(field)
    return header


def _letter(column: int) -> str:
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def read_events_xlsx(path: Path) -> Iterator[tuple[int | str, Record]]:
    """Event records of a workbook: every sheet named by an event type (or with a
    ``Loại sự kiện`` column), one event a row. Register and instruction sheets are skipped;
    any other sheet with content is one rejected record naming it."""
    book = _open(path)
    register_sheets = {key(name) for name in (*REGISTER_SHEETS, INSTRUCTIONS, CHOICE_LISTS)}
    try:
        for sheet in book.worksheets:
            title = sheet.title
            if key(title) in register_sheets:
                continue
            rows = _rows(sheet)
            header: list[str | None] = []
            for _, values in rows:
                if any(v is not None and str(v).strip() for v in values):
                    header = _header(path, title, values, EVENT_FIELDS)
                    unknown = [v for v, f in zip(values, header, strict=True) if v and not f]
                    break
            if not header:
                continue
            event_type = title if title in EVENT_TYPES else None
            if event_type is None and "type" not in header:
                yield (
                    f"{title}!1",
                    (
                        f"sheet '{title}' is neither an event type (such as visit.conducted) "
                        "nor a register list, and has no 'Loại sự kiện' column"
                    ),
                )
                continue
            if unknown:
                yield f"{title}!1", f"unknown column '{unknown[0]}'"
                continue
            for number, values in rows:
                if not any(v is not None and str(v).strip() for v in values):
                    continue
                record: dict[str, Any] = {}
                # A row may end before the header does: its missing cells are empty.
                values += [None] * (len(header) - len(values))
                for field, value in zip(header, values, strict=False):
                    if field is None:
                        continue
                    converted = cell_value(field, value)
                    if converted is not None:
                        record[field] = converted
                if event_type is not None:
                    record.setdefault("type", event_type)
                yield f"{title}!{number}", record
    finally:
        book.close()


def load_register_xlsx(path: Path) -> Register:
    """The register of a workbook's register sheets.

    Raises:
        InputError: If the file is not a workbook, or lacks the ``Tỉnh`` sheet.
        RegisterError: Every problem, located by sheet and row (``Xã!5: district``).
    """
    book = _open(path)
    data: dict[str, Any] = {name: [] for name, _ in REGISTER_SHEETS.values()}
    rows_of: dict[str, list[str]] = {}
    titles = {key(sheet.title): sheet for sheet in book.worksheets}
    try:
        for title, (name, columns) in REGISTER_SHEETS.items():
            sheet = titles.get(key(title))
            if sheet is None:
                if name == "province":
                    raise InputError(str(path), f"no sheet '{title}' (the province)")
                continue
            fields = fields_of(columns)
            header: list[str | None] = []
            for number, values in _rows(sheet):
                if not any(v is not None and str(v).strip() for v in values):
                    continue
                if not header:
                    header = _header(path, sheet.title, values, fields)
                    continue
                values += [None] * (len(header) - len(values))
                item = {
                    field: cell_value(field, value)
                    for field, value in zip(header, values, strict=False)
                    if field is not None and cell_value(field, value) is not None
                }
                data[name].append(item)
                rows_of.setdefault(name, []).append(f"{sheet.title}!{number}")
    finally:
        book.close()
    provinces = data.pop("province")
    if not provinces:
        raise InputError(f"{path}:Tỉnh", "the province row is empty")
    problems = _fold_dated(data, rows_of, str(path))
    first = dict(provinces[0])
    effective = first.pop("effective", None)
    data["province"] = first
    data["regulation"] = {"effective": effective}
    try:
        register = Register.parse(data, str(path))
    except RegisterError as error:
        raise RegisterError([*problems, *(_locate(p, rows_of) for p in error.problems)]) from None
    if problems:
        raise RegisterError(problems)
    return register


def _fold_dated(data: dict[str, Any], rows_of: Mapping[str, list[str]], book: str) -> list[Problem]:
    """Move the rows of the dated sheets into the register lists they belong to: a
    commune's dated districts, a member's dated charges, the calendar. A row that names no
    commune or member of the register is a located problem."""
    problems: list[Problem] = []
    communes = {str(c.get("id")): c for c in data["communes"]}
    members = {str(m.get("id")): m for m in data["standing_members"]}
    for n, row in enumerate(data.pop("dated_districts")):
        where = f"{book}:{rows_of['dated_districts'][n]}"
        commune = communes.get(str(row.pop("commune", None)))
        if commune is None:
            problems.append(Problem(where, "names no commune of the sheet 'Xã' (Mã xã)"))
        elif isinstance(commune.get("district"), str):
            problems.append(
                Problem(where, f"commune '{commune['id']}' has its district on the sheet 'Xã'")
            )
        else:
            commune.setdefault("district", []).append(row)
    for n, row in enumerate(data.pop("dated_charges")):
        where = f"{book}:{rows_of['dated_charges'][n]}"
        member = members.get(str(row.pop("member", None)))
        if member is None:
            problems.append(Problem(where, "names no member of the sheet 'Ủy viên BTV'"))
        else:
            member.setdefault("in_charge_of", []).append(row)
    calendar: dict[str, list[Any]] = {"days_off": [], "working_days": []}
    for n, row in enumerate(data.pop("calendar")):
        kind = DAY_KINDS.get(key(row.get("kind")), str(row.get("kind")))
        if kind not in calendar:
            where = f"{book}:{rows_of['calendar'][n]}"
            problems.append(Problem(where, f"kind: expected 'nghỉ' or 'làm việc', got {kind!r}"))
        elif row.get("day") is not None:
            calendar[kind].append(row["day"])
    if calendar["days_off"] or calendar["working_days"]:
        data["calendar"] = calendar
    return problems


def _locate(problem: Problem, rows_of: Mapping[str, list[str]]) -> Problem:
    """``book.xlsx: communes[3].district`` -> ``book.xlsx:Xã!5: district``."""

    def swap(match: re.Match[str]) -> str:
        rows = rows_of.get(match.group(1), [])
        index = int(match.group(2))
        return rows[index] if index < len(rows) else match.group(0)

    location = re.sub(r"(\w+)\[(\d+)\]", swap, problem.location)
    prefix, _, rest = location.partition(": ")
    if "!" not in rest:
        return Problem(location, problem.message)
    place, _, field = rest.partition(".")
    if not field:
        return Problem(f"{prefix}:{place}", problem.message)
    columns = REGISTER_SHEETS.get(place.partition("!")[0], ("", {}))[1]
    base, bracket, item = field.partition("[")
    header = columns.get(base)
    if header is None:
        return Problem(f"{prefix}:{place}", f"{field}: {problem.message}")
    # the column the clerk filled in, and the choices as its list shows them
    message = re.sub(
        r"'([a-z_]+)'(?=,| or | \(got)", lambda m: f"'{choice_label(m.group(1))}'", problem.message
    )
    item = f", item {int(item.split(']')[0]) + 1}" if bracket and item[:1].isdigit() else ""
    return Problem(f"{prefix}:{place}", f"column '{header}'{item}: {message}")


def template_workbook() -> bytes:
    """An empty workbook to fill in: instructions, register and event sheets with their
    headers, and lists to choose from for the fields that have a fixed set of values."""
    openpyxl = openpyxl_module()
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = openpyxl.Workbook()
    guide = book.active
    guide.title = INSTRUCTIONS
    for line in _instructions():
        guide.append([line])
    guide.column_dimensions["A"].width = 110
    guide["A1"].font = Font(bold=True, size=14)

    lists: list[list[str]] = []  # the choice lists, each headed by the sheet's name

    def sheet(title: str, headers: Sequence[str], choices: Mapping[int, Sequence[str]]) -> None:
        ws = book.create_sheet(title)
        ws.append(list(headers))
        for column, header in enumerate(headers, start=1):
            ws.cell(row=1, column=column).font = Font(bold=True)
            ws.column_dimensions[get_column_letter(column)].width = max(14, len(header) + 4)
        for column, values in choices.items():
            # A list by reference: a label may hold a comma ("khó khăn, vướng mắc").
            lists.append([f"{title} · {headers[column - 1]}", *values])
            at = get_column_letter(len(lists))
            where = f"'{CHOICE_LISTS}'!${at}$2:${at}${len(values) + 1}"
            rule = DataValidation(type="list", formula1=where)
            rule.error = "Chọn một giá trị trong danh sách."
            letter = get_column_letter(column)
            rule.add(f"{letter}2:{letter}{_ROWS}")
            ws.add_data_validation(rule)
        ws.freeze_panes = "A2"

    for title, (_, columns) in REGISTER_SHEETS.items():
        choices: dict[int, tuple[str, ...]] = {}
        if title == "Xã":
            choices[list(columns).index("kind") + 1] = tuple(
                choice_label(kind) for kind in ("xa", "phuong", "thi_tran")
            )
        if title == "Lịch làm việc":
            choices[list(columns).index("kind") + 1] = tuple(DAY_KINDS)
        sheet(title, list(columns.values()), choices)
    for event_type, model in EVENT_TYPES.items():
        fields = ["id", "at"] + [
            name for name in model.model_fields if name not in ("id", "type", "at")
        ]
        choices = {}  # column -> the values allowed
        for column, name in enumerate(fields, start=1):
            allowed = _choices(model.model_fields[name].annotation)
            if allowed:
                choices[column] = tuple(choice_label(code) for code in allowed)
        sheet(event_type, [EVENT_COLUMNS.get(name, name) for name in fields], choices)
    hidden = book.create_sheet(CHOICE_LISTS)
    for column, values in enumerate(lists, start=1):
        for row, value in enumerate(values, start=1):
            hidden.cell(row=row, column=column, value=value)
    hidden.sheet_state = "hidden"
    return workbook_bytes(book, date(2021, 1, 1))


def _choices(annotation: Any) -> tuple[str, ...]:
    """The choice list of a column: the values of a one-value field (a list column takes
    several values, ``;``-separated, so it has none)."""
    if get_origin(annotation) in (tuple, list):
        return ()
    return tuple(str(value) for value in literal_values(annotation) or ())


def _instructions() -> list[str]:
    lines = [
        "Sổ theo dõi việc phân công cán bộ lãnh đạo cấp tỉnh theo dõi địa bàn xã, phường, thị trấn",
        "",
        "Cách điền:",
        "1. Các trang Tỉnh, Nhiệm kỳ, Huyện, Xã, Ủy viên BTV, Cơ quan, Cán bộ là danh mục: "
        "mỗi dòng một mục, mã không trùng nhau. Trang Tỉnh chỉ có một dòng.",
        "2. Mỗi trang còn lại là một loại sự kiện (tên trang là loại sự kiện, ví dụ "
        "visit.conducted là đi công tác): mỗi dòng một sự kiện, Mã sự kiện không trùng nhau.",
        "3. Ngày ghi theo kiểu ngày của Excel hoặc dạng dd/mm/yyyy (ví dụ 05/03/2026).",
        "4. Ô có nhiều giá trị (Cán bộ được mời, Cán bộ dự họp, Nội dung họp, Nội dung báo cáo, "
        "Phụ trách) ghi cách nhau bằng dấu chấm phẩy (;).",
        "5. Ô có danh sách chọn chỉ nhận các giá trị trong danh sách.",
        "   Đơn vị thay đổi theo thời gian (sắp xếp đơn vị hành chính): ghi Từ ngày, Đến ngày "
        "(cả hai ngày đều tính; để trống là không giới hạn) ở trang Huyện và Xã, và xã được "
        "sáp nhập vào ở cột Sáp nhập vào.",
        "   Huyện của xã thay đổi theo ngày: để trống cột Huyện ở trang Xã và ghi mỗi giai "
        "đoạn một dòng ở trang Huyện theo thời gian.",
        "   Phụ trách thay đổi theo ngày: ghi mỗi giai đoạn một dòng ở trang Phụ trách theo "
        "thời gian (cột Phụ trách ở trang Ủy viên BTV dành cho phụ trách không đổi).",
        "   Trang Lịch làm việc: ngày nghỉ riêng của tỉnh (nghỉ) và thứ Bảy làm bù (làm việc), "
        "dùng khi tham số day_off_rule là next_working_day.",
        "6. Kiểm tra: governance-rules check --register so.xlsx --events so.xlsx",
        "",
        "Các loại sự kiện:",
    ]
    meanings = {
        "assignment.decided": "Ban Thường vụ phân công cán bộ theo dõi địa bàn",
        "assignment.ended": "kết thúc phân công",
        "contact.made": "liên hệ với thường trực đảng ủy xã trước khi đến làm việc",
        "visit.conducted": "đi công tác tại xã",
        "meeting.held": "họp ban chấp hành, ban thường vụ đảng ủy xã hoặc chi bộ",
        "report.submitted": "báo cáo",
        "issue.raised": "phản ánh khó khăn, vướng mắc, đề xuất",
        "issue.relayed": "ủy viên BTV trao đổi với thường trực cấp ủy cấp huyện",
        "evaluation.submitted": "nhận xét, đánh giá bằng văn bản của đảng ủy xã",
        "performance.rated": "Ban Thường vụ đánh giá, xếp loại cán bộ",
        "replacement.considered": "xem xét phân công cán bộ khác thay thế",
        "violation.recorded": "vi phạm",
        "violation.handled": "xử lý vi phạm",
        "classification.proposed": "Ban Tổ chức đề xuất đánh giá, phân loại",
        "commendation.proposed": "đề xuất biểu dương, khen thưởng",
        "review.held": "sơ kết, tổng kết",
        "regulation.disseminated": "triển khai, quán triệt Quy định",
    }
    lines += [f"- {name}: {meanings.get(name, '')}" for name in EVENT_TYPES]
    return lines


def workbook_bytes(book: Any, day: date) -> bytes:
    """The workbook's bytes, with its timestamps set to ``day`` rather than read from the
    clock: the same report gives the same file."""
    # Nothing from the input is a formula: a text cell is never evaluated.
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    buffer = io.BytesIO()
    book.save(buffer)
    stamp = f"{day.isoformat()}T00:00:00Z"
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                text = data.decode("utf-8")
                text = re.sub(
                    r"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)", rf"\g<1>{stamp}\g<2>", text
                )
                data = text.encode("utf-8")
            # A zip entry's time holds the years 1980 to 2107 only.
            year = min(max(day.year, 1980), 2107)
            info = zipfile.ZipInfo(item.filename, date_time=(year, day.month, day.day, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, data)
    return out.getvalue()

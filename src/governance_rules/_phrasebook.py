"""The Vietnamese of every message the product writes in English: reasons for rejecting a
record, register, policy, input and store problems, usage errors, warnings and notes.

A message is built in English where the problem is found (integrators parse that text, and
it is kept as it is); this phrasebook says it again in Vietnamese. Each phrase is a pattern
over one English message shape and its Vietnamese wording. A wording names the pattern's
groups; a group whose name ends in ``_m`` is a message in its own right and is said again
through the phrasebook, ``_d`` is a date (ISO in English, ``dd/mm/yyyy`` in Vietnamese),
``_f`` a field (named by its column header when the record came from a table), ``_n`` a
noun of :data:`NOUNS`. Values quoted from the input stay exactly as they were.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from datetime import date

Wording = str | Callable[[Mapping[str, str]], str]

NOUNS: dict[str, str] = {
    "officer": "cán bộ",
    "commune": "xã",
    "district": "huyện",
    "district or commune": "huyện hoặc xã",
    "standing member": "ủy viên Ban Thường vụ",
    "member": "ủy viên Ban Thường vụ",
    "term": "nhiệm kỳ",
    "agency": "cơ quan",
    "unit": "đơn vị",
    "district entry": "mục huyện",
    "charge of": "phụ trách",
    "successor": "xã hợp nhất vào",
}
"""The nouns of the messages."""

_OS_ERRORS: dict[str, str] = {
    "No such file or directory": "không có tệp hoặc thư mục này",
    "no such file": "không có tệp này",
    "Permission denied": "không có quyền truy cập",
    "Is a directory": "đây là một thư mục, không phải tệp",
    "Not a directory": "một phần của đường dẫn không phải thư mục",
    "No space left on device": "đĩa đã đầy",
    "Read-only file system": "ổ đĩa chỉ cho phép đọc",
    "File name too long": "tên tệp quá dài",
}

_JSON_ERRORS: dict[str, str] = {
    "Expecting value": "thiếu giá trị",
    "Expecting property name enclosed in double quotes": "cần tên trường trong dấu ngoặc kép",
    "Expecting ',' delimiter": "thiếu dấu phẩy ','",
    "Expecting ':' delimiter": "thiếu dấu hai chấm ':'",
    "Extra data": "còn dữ liệu thừa sau giá trị",
    "Unterminated string starting at": "chuỗi không có dấu ngoặc kép đóng",
    "Invalid control character at": "có ký tự điều khiển không hợp lệ",
    "Invalid \\escape": "có chuỗi thoát (\\) không hợp lệ",
    "Invalid \\uXXXX escape": "có chuỗi thoát \\uXXXX không hợp lệ",
    "the array is not closed": "mảng không có dấu ']' đóng",
    "expected ',' or ']'": "cần dấu ',' hoặc ']'",
    "nested too deeply": "lồng nhau quá sâu",
}


TYPE_NAMES: dict[str, str] = {
    "list": "danh sách",
    "dict": "đối tượng",
    "str": "chuỗi ký tự",
    "int": "số nguyên",
    "float": "số",
    "bool": "giá trị đúng/sai",
    "NoneType": "null",
}
"""Python's names of the JSON types, as a Vietnamese message says them."""


def vi_date(text: str) -> str:
    """``2026-03-05`` as ``05/03/2026``; anything else as it is."""
    try:
        return date.fromisoformat(text).strftime("%d/%m/%Y")
    except ValueError:
        return text


def _choices(text: str) -> str:
    """``'a', 'b' or 'c'`` as ``'a', 'b' hoặc 'c'``."""
    return re.sub(r"' or '", "' hoặc '", text)


def _versions(span: str) -> str:
    """``2026-01-01..no end`` as ``từ 01/01/2026, không có ngày kết thúc``."""
    start, _, end = span.partition("..")
    start = "không có ngày bắt đầu" if start == "always" else f"từ {vi_date(start)}"
    end = "không có ngày kết thúc" if end == "no end" else f"đến {vi_date(end)}"
    return f"{start}, {end}"


def _noun(text: str) -> str:
    return NOUNS.get(text, text)


_Q = r"'(?P<{}>[^']*)'"  # a quoted value


def _q(name: str) -> str:
    return _Q.format(name)


_PHRASES: list[tuple[str, Wording]] = [
    # Composite shapes: an event type or a field, then what is wrong there.
    (r"(?P<type>[a-z]+\.[a-z_]+): (?P<rest_m>.+)", "{type}: {rest_m}"),
    (r"field '(?P<name_f>[^']+)': (?P<rest_m>.+)", "{name_f}: {rest_m}"),
    (
        r"column " + _q("name") + r", item (?P<n>\d+): (?P<rest_m>.+)",
        "cột '{name}', mục {n}: {rest_m}",
    ),
    (r"column " + _q("name") + r": (?P<rest_m>.+)", "cột '{name}': {rest_m}"),
    # What a value was, after what is wrong with it.
    (
        r"(?P<rest_m>.+) \(got (?P<value>.*?)\)(?P<hint_m>(?: \(did you mean .*)?)",
        "{rest_m} (nhận được {value}){hint_m}",
    ),
    # The reasons a record is rejected.
    (r"missing|Field required", "còn thiếu"),
    (
        r"unknown (?P<what_n>officer|commune|standing member|member|term|district or commune"
        r"|district|agency) " + _q("value") + r"(?P<hint_m>.*)",
        "không có {what_n} '{value}' trong sổ đăng ký{hint_m}",
    ),
    (
        r"unknown event type " + _q("value") + r"(?P<hint_m>.*)",
        "không có loại sự kiện '{value}'{hint_m}",
    ),
    (r" \(did you mean " + _q("value") + r"\?\)", " (có phải là '{value}'?)"),
    (r" \(a name: did you mean its id " + _q("value") + r"\?\)", " (đây là tên; mã là '{value}'?)"),
    (
        r" \(a name: give one of the ids (?P<ids>.+)\)",
        " (đây là tên; hãy ghi một trong các mã {ids})",
    ),
    (r"", ""),
    (r"expected a string", "cần một chuỗi ký tự"),
    (
        r"conflicts with (?P<where>.+): same id " + _q("id") + r", different content",
        "trùng mã với {where}: cùng mã '{id}' nhưng nội dung khác",
    ),
    (
        r"expected a JSON object, got (?P<kind>\w+)",
        lambda g: f"cần một đối tượng JSON (nhận được {TYPE_NAMES.get(g['kind'], g['kind'])})",
    ),
    (
        r"holds a lone surrogate, which is not text",
        "chứa ký tự thay thế (surrogate) đơn lẻ, không phải văn bản",
    ),
    (
        _q("unit") + r" no longer exists on (?P<day_d>\S+) \(until (?P<until_d>[^;)]+); "
        r"merged into " + _q("successor") + r"\)",
        "'{unit}' không còn tồn tại vào ngày {day_d} (chỉ tồn tại đến hết ngày {until_d}; "
        "đã hợp nhất vào '{successor}')",
    ),
    (
        _q("unit") + r" no longer exists on (?P<day_d>\S+) \(until (?P<until_d>[^)]+)\)",
        "'{unit}' không còn tồn tại vào ngày {day_d} (chỉ tồn tại đến hết ngày {until_d})",
    ),
    (
        _q("unit") + r" does not exist yet on (?P<day_d>\S+) \(from (?P<from_d>[^)]+)\)",
        "'{unit}' chưa tồn tại vào ngày {day_d} (có từ ngày {from_d})",
    ),
    # Dates and values.
    (
        r"invalid ISO 8601 date or date-time (?P<value>.+)",
        "ngày không hợp lệ {value} (cần dạng năm-tháng-ngày, như 2026-03-05)",
    ),
    (
        r"expected an ISO 8601 date or date-time string, got (?P<value>.+)",
        "cần một ngày dạng năm-tháng-ngày, như 2026-03-05 (nhận được {value})",
    ),
    (
        r"(?P<what>.+) is not a date: expected ngày/tháng/năm \(dd/mm/yyyy\)",
        "{what} không phải là một ngày: cần dạng ngày/tháng/năm",
    ),
    (
        r"date (?P<day_d>\S+) is outside the years this release accepts "
        r"\((?P<lo_d>\S+) to (?P<hi_d>\S+)\)",
        "ngày {day_d} nằm ngoài khoảng năm mà phiên bản này chấp nhận (từ {lo_d} đến {hi_d})",
    ),
    (
        r"year (?P<year>\d+) is outside the years this release accepts "
        r"\((?P<lo>\d+) to (?P<hi>\d+)\)",
        "năm {year} nằm ngoài khoảng năm mà phiên bản này chấp nhận (từ {lo} đến {hi})",
    ),
    (r"expected MM-DD, got (?P<value>.+)", "cần dạng tháng-ngày MM-DD (nhận được {value})"),
    (r"no such day of the year: (?P<value>.+)", "không có ngày này trong năm: {value}"),
    # What pydantic says of a value.
    (
        r"Input should be a valid string, unable to parse raw data as a unicode string",
        "cần một chuỗi ký tự (dữ liệu không đọc được thành văn bản)",
    ),
    (r"Input should be a valid string", "cần một chuỗi ký tự"),
    (r"Input should be a valid list", "cần một danh sách"),
    (r"Input should be a valid dictionary.*", "cần một bảng khóa - giá trị"),
    (r"Input should be a valid integer.*", "cần một số nguyên"),
    (r"Input should be a valid number.*", "cần một số"),
    (r"Input should be a valid boolean.*", "cần giá trị đúng/sai"),
    (r"Input should be a valid date.*", "cần một ngày dạng năm-tháng-ngày, như 2026-03-05"),
    (r"Input should be a valid tuple", "cần một danh sách"),
    (
        r"Tuple should have at least (?P<n>\d+) items? after validation, not \d+",
        "danh sách cần ít nhất {n} mục",
    ),
    (
        r"Datetimes provided to dates should have zero time.*",
        "cần một ngày, không có giờ (giờ khác 00:00)",
    ),
    (r"Keys should be strings", "khóa phải là chuỗi ký tự"),
    (
        r"Input should be (?P<choices>'.+)",
        lambda g: "cần một trong các giá trị " + _choices(g["choices"]),
    ),
    (r"Input should be greater than or equal to (?P<n>\S+)", "cần lớn hơn hoặc bằng {n}"),
    (r"Input should be greater than (?P<n>\S+)", "cần lớn hơn {n}"),
    (r"Input should be less than or equal to (?P<n>\S+)", "cần nhỏ hơn hoặc bằng {n}"),
    (r"String should have at least 1 character", "không được để trống"),
    (r"String should have at least (?P<n>\d+) characters", "cần ít nhất {n} ký tự"),
    (r"String should match pattern (?P<p>.+)", "không đúng dạng {p}"),
    (r"List should have at least (?P<n>\d+) items?.*", "danh sách cần ít nhất {n} mục"),
    (r"Extra inputs are not permitted|unknown field", "trường không được biết đến"),
    (r"expected an id or \{id, from, until\}", "cần một mã hoặc {{id, from, until}}"),
    (
        r"expected an id or a list of \{id, from, until\}",
        "cần một mã hoặc một danh sách {{id, from, until}}",
    ),
    # The register.
    (r"expected a mapping at the top level", "cần một bảng khóa - giá trị ở cấp ngoài cùng"),
    (r"unknown timezone " + _q("value"), "không có múi giờ '{value}'"),
    (r"duplicate id " + _q("value"), "mã '{value}' bị trùng"),
    (r"duplicate key " + _q("value"), "khóa '{value}' bị trùng"),
    (
        r"(?P<what_n>district|commune|district entry|charge of|term) "
        + _q("id")
        + r" ends \((?P<until_d>[^)]+)\) before it (?:begins|starts) \((?P<from_d>[^)]+)\)",
        "{what_n} '{id}' kết thúc ({until_d}) trước khi bắt đầu ({from_d})",
    ),
    (
        r"the period ends \((?P<until_d>[^)]+)\) before it begins \((?P<from_d>[^)]+)\)",
        "kỳ kết thúc ({until_d}) trước khi bắt đầu ({from_d})",
    ),
    (r"'(?P<id>[^']*)' is also a district id", "'{id}' cũng là mã của một huyện"),
    (
        r"district entry " + _q("later") + r" overlaps entry " + _q("prior"),
        "mục huyện '{later}' trùng thời gian với mục '{prior}'",
    ),
    (
        r"term " + _q("later") + r" overlaps term " + _q("prior"),
        "nhiệm kỳ '{later}' trùng thời gian với nhiệm kỳ '{prior}'",
    ),
    (
        r"(?P<what_n>district|unit|successor) "
        + _q("id")
        + r" does not exist (?P<when_m>.+?)"
        + r" \((?P<exists_m>it exists .+)\)",
        "{what_n} '{id}' không tồn tại {when_m} ({exists_m})",
    ),
    (r"on any day", "vào mọi ngày"),
    (r"on every day", "vào mọi ngày"),
    (r"on the days from (?P<lo_d>\S+) to (?P<hi_d>\S+)", "trong những ngày từ {lo_d} đến {hi_d}"),
    (r"on the days up to (?P<hi_d>\S+)", "trong những ngày đến hết {hi_d}"),
    (r"on the days from (?P<lo_d>\S+)", "trong những ngày từ {lo_d}"),
    (
        r"on (?P<day_d>\S+), the day after " + _q("id") + " ends",
        "vào ngày {day_d}, ngày sau khi '{id}' kết thúc",
    ),
    (r"it exists (?P<span_m>.+)", "đơn vị này tồn tại {span_m}"),
    (r"from (?P<lo_d>\S+) to (?P<hi_d>\S+)", "từ {lo_d} đến {hi_d}"),
    (r"until (?P<hi_d>\S+)", "đến hết {hi_d}"),
    (r"from (?P<lo_d>\S+)", "từ {lo_d}"),
    (
        _q("id")
        + r" exists only (?P<span_m>.+): a charge of it needs its dates, \{id, from, until\}",
        "'{id}' chỉ tồn tại {span_m}: việc phụ trách đơn vị này cần ghi ngày, {{id, from, until}}",
    ),
    (
        r"no standing member is in charge of commune " + _q("id") + r"(?: (?P<when_m>.+))?",
        lambda g: (
            "không có ủy viên Ban Thường vụ nào phụ trách xã "
            + f"'{g['id']}'"
            + (f" {g['when_m']}" if g["when_m"] else "")
        ),
    ),
    # The policy.
    (r"expected a mapping of policy keys to values", "cần một bảng các khóa chính sách và giá trị"),
    (
        r"unknown policy key(?: '(?P<key>[^']*)')?(?P<hint_m>.*)",
        lambda g: (
            "không có khóa chính sách" + (f" '{g['key']}'" if g["key"] else " này") + g["hint_m"]
        ),
    ),
    # Files.
    (r"cannot read: (?P<why_m>.+)", "không đọc được: {why_m}"),
    (
        r"(?P<why_m>.+) \(if another program, such as Excel, has the file open, close it and"
        r" run again\)",
        "{why_m} (nếu tệp đang mở trong một chương trình khác, như Excel, hãy đóng tệp rồi"
        " chạy lại)",
    ),
    (r"cannot write: (?P<why_m>.+)", "không ghi được: {why_m}"),
    (
        r"not UTF-8: (?P<what_m>the file|the header row) looks like (?P<codec_m>.+?); "
        r"save it again as UTF-8 \(Excel: Save As, CSV UTF-8; Notepad: Save As, Encoding UTF-8\)",
        "không phải UTF-8: {what_m} có vẻ dùng bảng mã {codec_m}; hãy lưu lại dưới dạng UTF-8 "
        "(Excel: Save As, chọn CSV UTF-8; Notepad: Save As, chọn Encoding UTF-8)",
    ),
    (r"the file", "tệp"),
    (
        r"a legacy Vietnamese encoding \(TCVN3, VNI or Windows-1258\)",
        "tiếng Việt cũ (TCVN3, VNI hoặc Windows-1258)",
    ),
    (r"the header row", "dòng tiêu đề"),
    (r"not (?P<codec>UTF-\S+) \(byte (?P<n>\d+)\)", "không phải {codec} (byte thứ {n})"),
    (r"not (?P<codec>UTF-\S+): truncated data", "không phải {codec}: dữ liệu bị cắt cụt"),
    (
        r"not (?P<codec>UTF-\S+): the header row holds a lone surrogate",
        "không phải {codec}: dòng tiêu đề chứa ký tự thay thế (surrogate) đơn lẻ",
    ),
    (r"not (?P<codec>UTF-\S+): (?P<why>.+)", "không phải {codec}: {why}"),
    (r"not (?P<codec>UTF-\S+)", "không phải {codec}"),
    (r"invalid JSON: (?P<why_m>.+)", "JSON không hợp lệ: {why_m}"),
    (r"invalid YAML: a recursive alias", "YAML không hợp lệ: bí danh (alias) tự tham chiếu"),
    (
        r"invalid YAML: its aliases expand to more than (?P<n>[\d,]+) nodes",
        "YAML không hợp lệ: các bí danh (alias) mở rộng thành hơn {n} nút",
    ),
    (r"invalid YAML: nested too deeply", "YAML không hợp lệ: lồng nhau quá sâu"),
    (r"invalid YAML: (?P<why_m>.+)", "YAML không hợp lệ: {why_m}"),
    (r"invalid YAML", "YAML không hợp lệ"),
    (
        r"duplicate key " + _q("key") + r" \(first given on line (?P<n>\d+)\)",
        "khóa '{key}' bị trùng (đã ghi ở dòng {n})",
    ),
    (r"did not find expected key", "không thấy khóa cần có (thụt lề sai?)"),
    (r"did not find expected node content", "không thấy giá trị cần có"),
    (r"did not find expected '-' indicator", "không thấy dấu '-' của mục danh sách"),
    (
        r"did not find expected (?P<what>.+)",
        lambda g: f"không thấy {g['what'].replace(' or ', ' hoặc ')} cần có",
    ),
    (r"could not find expected ':'", "không thấy dấu hai chấm ':' cần có"),
    (r"found unexpected end of stream", "tệp kết thúc bất ngờ"),
    (r"found unexpected ':'", "có dấu hai chấm ':' không đúng chỗ"),
    (
        r"mapping values are not allowed (?:here|in this context)",
        "không được đặt khóa - giá trị ở đây (thiếu dấu ngoặc kép hoặc thụt lề sai?)",
    ),
    (
        r"found character (?:(?P<char>.+) )?that cannot start any token",
        lambda g: (
            f"ký tự {g['char'] + ' ' if g['char'] else ''}không được đứng ở đây"
            " (ký tự tab? YAML thụt lề bằng dấu cách)"
        ),
    ),
    (r"found undefined alias (?P<name>.+)", "bí danh (alias) {name} chưa được định nghĩa"),
    (
        r"expected (?P<a><[^>]+>|'[^']*'), but found (?P<b><[^>]+>|'[^']*')",
        "cần {a}, nhưng gặp {b} (thụt lề sai?)",
    ),
    (
        r"found unknown escape character(?: (?P<char>.+))?",
        lambda g: f"chuỗi thoát {g['char'] + ' ' if g['char'] else ''}không hợp lệ",
    ),
    (r"expected a JSON array of events", "cần một mảng JSON các sự kiện"),
    (
        r"content after the JSON array's closing '\]' \(a \.json file holds one array; JSON "
        r"Lines go in a \.jsonl file\)",
        "còn nội dung sau dấu ']' đóng mảng JSON (tệp .json chỉ chứa một mảng; JSON Lines "
        "ghi vào tệp .jsonl)",
    ),
    (r"invalid JSON", "JSON không hợp lệ"),
    (r"unreadable record", "không đọc được bản ghi"),
    (
        r"CSV needs a 'type' column, or a file name that is an event type "
        r"\(such as visit\.conducted\.csv\)",
        "CSV cần có cột 'type' (Loại sự kiện), hoặc tên tệp là một loại sự kiện "
        "(như visit.conducted.csv)",
    ),
    (
        r"column " + _q("name") + r" \((?P<col>[A-Z]+)\) repeats column (?P<prior>[A-Z]+): "
        r"both are " + _q("field"),
        "cột '{name}' ({col}) lặp lại cột {prior}: cả hai đều là '{field}'",
    ),
    (
        r"the workbook is damaged: the part of sheet " + _q("name") + r" is missing",
        "tệp bảng tính bị hỏng: thiếu phần dữ liệu của trang '{name}'",
    ),
    (r"unreadable CSV header: (?P<why>.+)", "không đọc được dòng tiêu đề CSV: {why}"),
    (r"unreadable CSV: (?P<why>.+)", "không đọc được CSV: {why}"),
    (r"the CSV header row is empty", "dòng tiêu đề CSV trống"),
    (
        r"column " + _q("name") + r" is given twice in the header",
        "cột '{name}' có hai lần trong dòng tiêu đề",
    ),
    (
        r"columns " + _q("a") + r" and " + _q("b") + r" are both " + _q("field"),
        "hai cột '{a}' và '{b}' đều là '{field}'",
    ),
    (
        r"unknown column " + _q("name") + r" \(column (?P<n>\d+)\): kept with each record as an "
        r"extra field, read by no rule",
        "cột '{name}' (cột thứ {n}) không thuộc mẫu: giá trị được giữ kèm mỗi bản ghi nhưng "
        "không quy tắc nào dùng đến",
    ),
    (r"not an \.xlsx workbook \((?P<why>.+)\)", "không phải tệp bảng tính .xlsx ({why})"),
    (
        r"no sheet " + _q("title") + r" \(the province\)",
        "không có trang '{title}' (thông tin tỉnh)",
    ),
    (r"the province row is empty", "dòng thông tin tỉnh trống"),
    (
        r"sheet " + _q("title") + r" is neither an event type \(such as visit\.conducted\) nor a "
        r"register list, and has no 'Loại sự kiện' column",
        "trang '{title}' không phải là một loại sự kiện (như visit.conducted) hay một danh sách "
        "của sổ đăng ký, và không có cột 'Loại sự kiện'",
    ),
    (r"names no commune of the sheet 'Xã' \(Mã xã\)", "không ghi xã nào của trang 'Xã' (Mã xã)"),
    (
        r"commune " + _q("id") + r" has its district on the sheet 'Xã'",
        "xã '{id}' đã ghi huyện ở trang 'Xã'",
    ),
    (
        r"names no member of the sheet 'Ủy viên BTV'",
        "không ghi ủy viên nào của trang 'Ủy viên BTV'",
    ),
    (
        r"kind: expected 'nghỉ' or 'làm việc', got (?P<value>.+)",
        "loại: cần 'nghỉ' hoặc 'làm việc' (nhận được {value})",
    ),
    # Rules, rule packs and the catalogue.
    (
        r"unknown field " + _q("name") + r"(?P<hint_m>.*)",
        "trường '{name}' không được biết đến{hint_m}",
    ),
    (r"unknown clause " + _q("id") + r"(?P<hint_m>.*)", "không có điều khoản '{id}'{hint_m}"),
    (
        r"clause " + _q("id") + r" is marked not checkable",
        "điều khoản '{id}' được đánh dấu là không kiểm tra được",
    ),
    (r"a rule must cite at least one clause", "quy tắc phải dẫn ít nhất một điều khoản"),
    (r"a clause of the Regulation has this id", "mã này là của một điều khoản trong Quy định"),
    (
        r"event type " + _q("type") + r" has no field " + _q("name") + r"(?P<hint_m>.*)",
        "loại sự kiện '{type}' không có trường '{name}'{hint_m}",
    ),
    (
        r"unknown subject key " + _q("key") + r"(?P<hint_m>.*)",
        "không có khóa đối tượng '{key}'{hint_m}",
    ),
    (r"unknown template " + _q("name") + r"(?P<hint_m>.*)", "không có mẫu '{name}'{hint_m}"),
    (
        r"binds " + _q("key") + r", which its instances do not have \(they have: (?P<have>.*)\)",
        "gắn với '{key}', khóa mà các lần áp dụng của quy tắc không có (chỉ có: {have})",
    ),
    (
        r"two versions in force at once \((?P<a>.+?) and (?P<b>.+)\)",
        lambda g: (
            "hai phiên bản cùng có hiệu lực ("
            + " và ".join(_versions(g[k]) for k in ("a", "b"))
            + ")"
        ),
    ),
    (
        r"expected one of (?P<words>.+) or a policy key, got " + _q("word"),
        "cần một trong {words} hoặc một khóa chính sách (nhận được '{word}')",
    ),
    (
        r"expected MM-DD or a policy key, got " + _q("word"),
        "cần dạng MM-DD hoặc một khóa chính sách (nhận được '{word}')",
    ),
    (
        r"no rule cites this clause, and it is not marked",
        "không quy tắc nào dẫn điều khoản này, và điều khoản chưa được đánh dấu là không kiểm "
        "tra được",
    ),
    (r"no rule cites this clause of the pack", "không quy tắc nào dẫn điều khoản này của gói"),
    (
        r"its trigger cannot occur: (?P<why_m>.+)",
        "sự kiện khởi phát của quy tắc không thể xảy ra: {why_m}",
    ),
    (
        r"it can never be fulfilled: (?P<why>.+)",
        lambda g: (
            "quy tắc không bao giờ được đáp ứng: "
            + "; ".join(say(part) for part in g["why"].split("; "))
        ),
    ),
    (
        r"'(?P<type>[^']+)' field " + _q("name") + r" is given no value to match",
        "trường '{name}' của '{type}' không có giá trị nào để so khớp",
    ),
    (
        r"'(?P<type>[^']+)' field " + _q("name") + r" is never (?P<values>.+)",
        "trường '{name}' của '{type}' không bao giờ là {values}",
    ),
    (
        r"no reader can produce an event of type " + _q("type"),
        "không trình đọc nào tạo được sự kiện loại '{type}'",
    ),
    (
        r"it has a scope, but its findings have no commune to select",
        "quy tắc có phạm vi (scope), nhưng kết quả của quy tắc không gắn với xã nào để chọn",
    ),
    (r"template " + _q("name") + r": (?P<rest_m>.+)", "mẫu '{name}': {rest_m}"),
    (r"pack: (?P<rest_m>.+)", "gói quy tắc: {rest_m}"),
    # Scenario files.
    (
        r"expected a list of findings \(\{rule, status, subject, window\}\)",
        "cần một danh sách kết quả ({{rule, status, subject, window}})",
    ),
    (
        r"unknown key " + _q("key") + r" \(use (?P<keys>.+)\)",
        "khóa '{key}' không được biết đến (dùng {keys})",
    ),
    (r"unknown key " + _q("key"), "khóa '{key}' không được biết đến"),
    (r"a scenario file is a mapping", "tệp kịch bản phải là một bảng khóa - giá trị"),
    (r"'scenarios' is a list", "'scenarios' phải là một danh sách"),
    (r"a scenario is a mapping", "một kịch bản phải là một bảng khóa - giá trị"),
    (r"a scenario needs " + _q("key"), "kịch bản cần có '{key}'"),
    (r"(?P<key>\w+): (?P<rest_m>expected YYYY-MM-DD, got .+)", "{key}: {rest_m}"),
    # The store.
    (r"no such store", "không có kho sự kiện này"),
    (
        r"not a governance-rules event store \(not an SQLite database\)",
        "không phải kho sự kiện của governance-rules (không phải cơ sở dữ liệu SQLite)",
    ),
    (
        r"not a governance-rules event store \(another application's\)",
        "không phải kho sự kiện của governance-rules (của một ứng dụng khác)",
    ),
    (r"cannot create the store: (?P<why_m>.+)", "không tạo được kho sự kiện: {why_m}"),
    (r"damaged store: (?P<why>.+)", "kho sự kiện bị hỏng: {why}"),
    (r"damaged store \((?P<why>.+)\)", "kho sự kiện bị hỏng ({why})"),
    (
        r"the store is read-only \(the file, its folder or its disk\)(?P<why>.*)",
        "kho sự kiện chỉ cho phép đọc (tệp, thư mục hoặc ổ đĩa){why}",
    ),
    (r"the disk is full(?P<why>.*)", "đĩa đã đầy{why}"),
    (
        r"the store is busy: another process is writing to it; try again(?P<why>.*)",
        "kho sự kiện đang bận: một tiến trình khác đang ghi; hãy thử lại{why}",
    ),
    (
        r"cannot open the store \(its folder may be missing or read-only\)(?P<why>.*)",
        "không mở được kho sự kiện (thư mục có thể không tồn tại hoặc chỉ cho phép đọc){why}",
    ),
    (r"permission denied(?P<why>.*)", "không có quyền truy cập{why}"),
    (r"input/output error(?P<why>.*)", "lỗi đọc ghi{why}"),
    # The command line.
    (
        r"give the events with --events FILE \.\.\. or --store STORE, not both",
        "chỉ ghi một trong hai: sự kiện bằng --events TỆP ... hoặc --store KHO",
    ),
    (
        r"give the events with --events FILE \.\.\. or --store STORE",
        "cần ghi sự kiện bằng --events TỆP ... hoặc --store KHO",
    ),
    (
        r"ingest needs --store STORE and --events FILE \.\.\.",
        "ingest cần --store KHO và --events TỆP ...",
    ),
    (
        r"--period and --from/--to are alternatives: give one",
        "--period và --from/--to thay thế nhau: chỉ ghi một",
    ),
    (r"a period needs both --from and --to", "một kỳ cần cả --from và --to"),
    (r"--to (?P<hi_d>\S+) is before --from (?P<lo_d>\S+)", "--to {hi_d} trước --from {lo_d}"),
    (
        r"--format (?P<format>\S+) writes a file: give --output FILE",
        "--format {format} ghi ra tệp: hãy ghi --output TỆP",
    ),
    (
        r"--(?P<option>officer|commune) (?P<id>.+): no such (?:officer|commune) in the register",
        lambda g: f"--{g['option']} {g['id']}: không có {_noun(g['option'])} này trong sổ đăng ký",
    ),
    (
        r"--miss-rate must lie between 0 and 1, got (?P<value>.+)",
        "--miss-rate phải từ 0 đến 1 (nhận được {value})",
    ),
    (r"--communes and --years must be at least 1", "--communes và --years phải ít nhất là 1"),
    (r"no scenario files in (?P<paths>.+)", "không có tệp kịch bản nào trong {paths}"),
    (r"unknown rule " + _q("id") + r"(?P<hint_m>.*)", "không có quy tắc '{id}'{hint_m}"),
    (
        r"--as-of (?P<day_d>\S+) is before the Regulation took effect \((?P<effective_d>\S+)\): "
        r"nothing is owed yet",
        "--as-of {day_d} trước ngày Quy định có hiệu lực ({effective_d}): chưa có nghĩa vụ nào",
    ),
    (
        r"no events were read: every duty is judged as not done",
        "không đọc được sự kiện nào: mọi nhiệm vụ đều bị xem là chưa thực hiện",
    ),
    (r"'(?P<value>[^']*)' is no day of the calendar", "'{value}' không phải là một ngày có thật"),
    (
        r"expected YYYY-MM-DD, got (?P<value>.+)",
        "cần dạng YYYY-MM-DD (năm-tháng-ngày), nhận được {value}",
    ),
    (r"expected a number of days, got (?P<value>.+)", "cần một số ngày, nhận được {value}"),
    (r"expected a year YYYY, got (?P<value>.+)", "cần một năm dạng YYYY, nhận được {value}"),
    (
        r"unsupported language (?P<value>.+): use 'vi' \(Vietnamese\) or 'en' \(English\)",
        "không hỗ trợ ngôn ngữ {value}: dùng 'vi' (tiếng Việt) hoặc 'en' (tiếng Anh)",
    ),
    # What argparse says.
    (r"the following arguments are required: (?P<names>.+)", "thiếu các tham số bắt buộc: {names}"),
    (r"unrecognized arguments: (?P<names>.+)", "tham số không được biết đến: {names}"),
    (r"argument (?P<name>[^:]+): (?P<rest_m>.+)", "tham số {name}: {rest_m}"),
    (
        r"invalid choice: " + _q("value") + r" \(choose from (?P<choices>.+)\)",
        "lựa chọn không hợp lệ '{value}' (chọn một trong {choices})",
    ),
    (r"invalid (?P<kind>\w+) value: " + _q("value"), "giá trị không hợp lệ '{value}'"),
    (r"expected one argument", "cần một giá trị"),
    (r"not allowed with argument (?P<name>.+)", "không dùng cùng với tham số {name}"),
    (r"one of the arguments (?P<names>.+) is required", "cần một trong các tham số {names}"),
    (r"internal error: (?P<why>.+)", "lỗi nội bộ: {why}"),
    # The backends and the scenario kit.
    (
        r"not installed: pip install (?P<what>.+)",
        "chưa được cài đặt: pip install {what}",
    ),
    (r"expected: (?P<what>.+)", "cần có: {what}"),
    (r"  nearest: (?P<what>.+)", "  gần nhất: {what}"),
    (r"unexpected: (?P<what>.+)", "không được có: {what}"),
    (r"  found: (?P<what>.+)", "  có: {what}"),
    (r"  no finding of that rule", "  không có kết quả nào của quy tắc này"),
    (r"rejected: (?P<where>\S+): (?P<why_m>.+)", "bị loại: {where}: {why_m}"),
    # Last, what is wrong at a place that the message itself names: a line of a file, a
    # field's path.
    (r"(?P<where>\S+:\d+): (?P<rest_m>.+)", "{where}: {rest_m}"),
    (r"(?P<rule>[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+): (?P<rest_m>.+)", "{rule}: {rest_m}"),
    (r"(?P<path>[a-z_][\w.]*(?:\[\d+\][\w.]*)*): (?P<rest_m>.+)", "{path}: {rest_m}"),
]


@functools.cache
def _compiled() -> list[tuple[re.Pattern[str], Wording]]:
    """The phrases' patterns, compiled when a message is first said (a run that says
    nothing in Vietnamese does not pay for them)."""
    return [(re.compile(pattern, re.DOTALL), wording) for pattern, wording in _PHRASES]


def say(message: str, columns: Mapping[str, str] | None = None) -> str:
    """``message`` (English) in Vietnamese, or the English itself where no phrase says it.

    Args:
        message: One message as the product writes it in English.
        columns: For a record read from a table (CSV or a workbook), each field's column
            header: a field is then named by the header its clerk filled in.
    """
    for pattern, wording in _compiled():
        match = pattern.fullmatch(message)
        if match is None:
            continue
        groups = {
            name: _value(name, value or "", columns) for name, value in match.groupdict().items()
        }
        if callable(wording):
            return wording(groups)
        return wording.format(**groups)
    if message in _OS_ERRORS:
        return _OS_ERRORS[message]
    if message in _JSON_ERRORS:
        return _JSON_ERRORS[message]
    return message


def _value(name: str, value: str, columns: Mapping[str, str] | None) -> str:
    if name.endswith("_m"):
        return say(value, columns)
    if name.endswith("_d"):
        return vi_date(value)
    if name.endswith("_n"):
        return _noun(value)
    if name.endswith("_f"):
        return field_name(value, columns)
    return value


def field_name(path: str, columns: Mapping[str, str] | None = None) -> str:
    """A field as a Vietnamese message names it: ``trường 'officer'``, or, for a record
    read from a table, the column its clerk filled in: ``cột 'Mã cán bộ'`` (an item of a
    list column by its number: ``cột 'Nội dung họp', mục 2``)."""
    base, _, rest = path.partition("[")
    header = (columns or {}).get(base)
    if header is None:
        return f"trường '{path}'"
    index = rest.split("]", 1)[0]
    item = f", mục {int(index) + 1}" if index.isdigit() else ""
    return f"cột '{header}'{item}"

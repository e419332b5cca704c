"""The Vietnamese of the messages that the command-line tour does not meet: rule packs,
YAML slips, CSV and workbook frames, the register through time."""

from __future__ import annotations

from pathlib import Path

import pytest

from governance_rules._phrasebook import say
from governance_rules.cli import main
from tests.paths import EXAMPLE
from tests.test_packs import PACK, never_pack
from tests.test_vietnamese_cli import english_words

REGISTER = str(EXAMPLE / "register.yaml")

BAD_PACK = (
    "pack: bad\n"
    "rules:\n"
    "  - id: XX-A\n"
    "    title: {vi: a, en: a}\n"
    "    bearer: [officer]\n"
    "    clauses: [D4, P1]\n"
    "    act: {vi: a, en: a}\n"
    "    template:\n"
    "      template: periodic\n"
    "      acts: [{type: visit.conductd, officer: officer, commune: commune}]\n"
    "      interval_months: evry\n"
    "  - id: XX-B\n"
    "    title: {vi: b, en: b}\n"
    "    bearer: [officer]\n"
    "    clauses: [D44]\n"
    "    act: {vi: b, en: b}\n"
    "    template: {template: periodic, acts: [{type: contact.made}], interval_months: 3}\n"
    "  - id: XX-C\n"
    "    title: {vi: c, en: c}\n"
    "    bearer: [officer]\n"
    "    clauses: []\n"
    "    act: {vi: c, en: c}\n"
    "    template: {template: periodic, acts: [{type: visit.conducted, where: {via: [x]}}], "
    "interval_months: 3}\n"
)

YAML_SLIPS = [
    "province: {id: x\n",
    "province:\n  id: x\n   name: y\n",
    "a: b: c\n",
    "- a\nb: c\n",
    "a: 'b\n",
    "a:\n\t- b\n",
    "a: *nothing\n",
    "a: 1\na: 2\n",
    'a: "\\q"\n',
]


def _vietnamese(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    main([*argv, "--lang", "vi"])
    out, err = capsys.readouterr()
    return out + err


def test_a_bad_pack_is_said_in_vietnamese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(BAD_PACK, encoding="utf-8")
    text = _vietnamese(capsys, ["rules", "--rules", str(pack)])
    assert "không có điều khoản 'D44'" in text
    assert len(text.splitlines()) >= 4
    text = text.replace(" clauses: ", " ")  # the pack's own key, where a problem is
    assert english_words(text) == set(), text
    overlap = tmp_path / "overlap.yaml"
    source = PACK.read_text(encoding="utf-8")
    overlap.write_text(source.replace("valid_to: 2025-12-31", "valid_to: 2026-01-01"), "utf-8")
    text = _vietnamese(capsys, ["rules", "--rules", str(overlap)])
    assert "hai phiên bản cùng có hiệu lực" in text
    assert english_words(text) == set(), text


def test_the_static_checks_are_said_in_vietnamese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    said = _vietnamese(capsys, ["rules", "--check", "--rules", str(never_pack(tmp_path))])
    assert "quy tắc không bao giờ được đáp ứng: trường 'officer' của 'visit.conducted'" in said
    assert "sự kiện khởi phát của quy tắc không thể xảy ra" in said
    assert english_words(said) == set(), said


@pytest.mark.parametrize("slip", YAML_SLIPS)
def test_a_yaml_slip_is_said_in_vietnamese(
    slip: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    register = tmp_path / "register.yaml"
    register.write_text(slip, encoding="utf-8")
    text = _vietnamese(capsys, ["validate", "--register", str(register)])
    assert text.startswith(f"governance-rules: lỗi: {register}")
    assert english_words(text) == set(), text


@pytest.mark.parametrize(
    ("english", "vietnamese"),
    [
        (
            "unit 'c-a' does not exist from 2025-01-01 to 2025-06-30 (it exists from 2025-07-01)",
            "đơn vị 'c-a' không tồn tại từ 01/01/2025 đến 30/06/2025 (đơn vị này tồn tại từ "
            "01/07/2025)",
        ),
        (
            "no standing member is in charge of commune 'c-a' from 2025-01-01 to 2025-06-30",
            "không có ủy viên Ban Thường vụ nào phụ trách xã 'c-a' từ 01/01/2025 đến 30/06/2025",
        ),
        (
            "field 'kind': Input should be 'difficulties' or 'proposals' (got 'x') "
            "(did you mean 'proposals'?)",
            "trường 'kind': cần một trong các giá trị 'difficulties' hoặc 'proposals' "
            "(nhận được 'x') (có phải là 'proposals'?)",
        ),
        (
            "column 'Mã cán bộ' (E) repeats column C: both are 'officer'",
            "cột 'Mã cán bộ' (E) lặp lại cột C: cả hai đều là 'officer'",
        ),
        (
            "CSV needs a 'type' column, or a file name that is an event type "
            "(such as visit.conducted.csv)",
            "CSV cần có cột 'type' (Loại sự kiện), hoặc tên tệp là một loại sự kiện "
            "(như visit.conducted.csv)",
        ),
        ("the workbook is damaged: the part of sheet 'Xã' is missing", None),
        (
            "content after the JSON array's closing ']' (a .json file holds one array; JSON "
            "Lines go in a .jsonl file)",
            None,
        ),
        ("Tuple should have at least 1 item after validation, not 0", None),
        ("Datetimes provided to dates should have zero time - e.g. be exact dates", None),
        ("Input should be a valid string, unable to parse raw data as a unicode string", None),
        (
            "expected an id or {id, from, until} (got 5)",
            "cần một mã hoặc {id, from, until} (nhận được 5)",
        ),
        ("unknown policy key 'visit_windw' (did you mean 'visit_window'?)", None),
        ("not an .xlsx workbook (BadZipFile)", None),
    ],
)
def test_a_message_is_said_whole(english: str, vietnamese: str | None) -> None:
    said = say(english)
    if vietnamese is not None:
        assert said == vietnamese
    assert said != english and english_words(said) == set(), said

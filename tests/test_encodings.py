"""Text as an office's tools save it: UTF-8 with or without a byte-order mark, UTF-16 and
UTF-32 with one (Excel's "Unicode text"); a file in a legacy Vietnamese encoding is refused
whole, in one line that names the encoding and how to save the file again as UTF-8."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from governance_rules import InputError, load_register
from governance_rules.io import read_json
from tests.paths import EXAMPLE
from tests.test_cli import run

TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(text: str) -> bytes:
    """``text`` as Windows-1258 writes it: a vowel with its tone mark apart."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
        out += (base + "".join(c for c in parts if c in TONES)).encode("cp1258")
    return bytes(out)


EVENTS = (EXAMPLE / "events.jsonl").read_text(encoding="utf-8")
ARGS = ["--register", str(EXAMPLE / "register.yaml"), "--as-of", "2026-11-30"]


def _json(*extra: str) -> dict[str, object]:
    result = run("check", *ARGS, *extra, "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    report: dict[str, object] = json.loads(result.stdout)
    return report


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_an_events_file_in_unicode_gives_the_same_report(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "events.jsonl"
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(codec, b"")
    path.write_bytes(bom + EVENTS.replace("\n", "\r\n").encode(codec))
    plain = _json("--events", str(EXAMPLE / "events.jsonl"))
    report = _json("--events", str(path))
    assert report["input"] == plain["input"]
    assert report["findings"] == plain["findings"]


def test_a_csv_and_a_register_in_utf_16(tmp_path: Path) -> None:
    csv = tmp_path / "visit.conducted.csv"
    rows = "id,at,officer,commune,note\nv-1,2026-03-05,o-01,c-an-tan,Làm việc với Đảng ủy\n"
    csv.write_bytes(rows.encode("utf-16"))
    register = tmp_path / "register.yaml"
    register.write_bytes((EXAMPLE / "register.yaml").read_text(encoding="utf-8").encode("utf-16"))
    assert load_register(register) == load_register(EXAMPLE / "register.yaml")
    result = run("validate", "--register", str(register), "--events", str(csv))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("name", ["events.jsonl", "visit.conducted.csv", "register.yaml"])
def test_a_file_in_windows_1258_is_refused_in_one_line(tmp_path: Path, name: str) -> None:
    source = {
        "events.jsonl": EVENTS,
        "visit.conducted.csv": "id,at,officer,commune,note\n"
        + "".join(f"v-{n},2026-03-05,o-01,c-an-tan,Làm việc với xã {n}\n" for n in range(5)),
        "register.yaml": (EXAMPLE / "register.yaml").read_text(encoding="utf-8"),
    }[name]
    path = tmp_path / name
    path.write_bytes(cp1258(source))
    option = "--register" if name == "register.yaml" else "--events"
    args = ["check", *ARGS, option, str(path)]
    if option == "--events":
        args = ["check", *ARGS, "--events", str(path)]
    else:
        args = ["check", "--register", str(path), "--events", str(EXAMPLE / "events.jsonl")]
    result = run(*args)
    assert result.returncode == 2, result.stdout
    assert result.stdout == ""
    [line] = result.stderr.strip().splitlines()
    assert (
        str(path) in line and "Windows-1258 (cp1258)" in line and "save it again as UTF-8" in line
    )


def test_the_guess_names_tcvn3_for_its_bytes(tmp_path: Path) -> None:
    # TCVN3 (ABC) writes Vietnamese letters in 0xA1-0xFE: "Lµm viÖc víi" for "Làm việc với".
    line = b'{"id": "v-%d", "note": "L\xb5m vi\xd6c v\xedi \xae\xb6ng \xf1y"}\n'
    path = tmp_path / "events.jsonl"
    path.write_bytes(b"".join(line % n for n in range(4)))
    with pytest.raises(InputError, match=r"TCVN3 \(ABC\).*save it again as UTF-8"):
        list(read_json(path))


def test_one_damaged_line_is_one_rejected_record_not_a_refused_file(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    lines = EVENTS.encode("utf-8").splitlines(keepends=True)
    lines[3] = lines[3].replace(b"o-0", b"o-\xff0", 1)
    path.write_bytes(b"".join(lines))
    report = _json("--events", str(path))
    rejected = report["rejected"]
    assert isinstance(rejected, list)
    assert any(r["location"] == f"{path}:4" and "not UTF-8" in r["error"] for r in rejected)


@pytest.mark.parametrize("name", ["visit.conducted.csv", "events.jsonl", "events.json"])
def test_a_utf_16_file_cut_in_the_middle_of_a_character_is_one_located_error(
    tmp_path: Path, name: str
) -> None:
    from governance_rules.io import read_file

    path = tmp_path / name
    text = "id,at,officer,commune\nv-1,2026-03-05,o-01,c-an-tan\n"
    if name != "visit.conducted.csv":
        text = ("[" if name.endswith(".json") else "") + json.dumps({"id": "v-1"})
    path.write_bytes(text.encode("utf-16") + b"\xff")  # an odd byte: half a character
    with pytest.raises(InputError, match="not UTF-16"):
        list(read_file(path))


def test_a_utf_16_header_with_a_lone_surrogate_is_one_located_error(tmp_path: Path) -> None:
    from governance_rules.io import read_file

    path = tmp_path / "visit.conducted.csv"
    path.write_bytes(b"\xfe\xff" + b"\xdc" * 35 + b"\x00" + b"\xdc" * 4)  # as the fuzzer found
    with pytest.raises(InputError, match="not UTF-16: the header row holds a lone surrogate"):
        list(read_file(path))

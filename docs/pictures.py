"""The pictures in the documentation, made from the example province's HTML report.

Renders the report in Vietnamese as of 30 November 2026, opens it in headless Chromium at
the width of a printed A4 page, in print media, and takes a picture of each section named
below: ``summary.png`` (the summary page) and ``officers.png`` (the officer scorecard), in
``docs/pictures`` or the folder given.

Each picture records, in a PNG text chunk, a digest of the page's style and of the
section's HTML: ``python docs/pictures.py --check`` compares the digests with the report
the package renders now, without a browser, so a picture cannot silently fall behind the
report (the docs test runs both). Usage::

    python docs/pictures.py              # rewrite docs/pictures/*.png
    python docs/pictures.py --output DIR # somewhere else
    python docs/pictures.py --check      # exit 1 when a picture is not of today's report
"""

from __future__ import annotations

import argparse
import hashlib
import re
import shutil
import struct
import sys
import zlib
from datetime import date
from pathlib import Path

from governance_rules import check, load_register, read_events
from governance_rules.report import render_html

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "tinh-mau"
PICTURES = ROOT / "docs" / "pictures"
AS_OF = date(2026, 11, 30)
SECTIONS = ("summary", "officers")
KEY = b"governance-rules-section"
WIDTH = 718  # A4 less the report's 10 mm side margins, in CSS pixels
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def report() -> str:
    """The example province's HTML report, in Vietnamese."""
    register = load_register(EXAMPLE / "register.yaml")
    intake = read_events([EXAMPLE / "events.jsonl"], register, as_of=AS_OF)
    found = check(register, intake, as_of=AS_OF, lang="vi")
    return render_html(found, register, intake.accepted, "vi")


def digest(page: str, section: str) -> str:
    """What a picture of ``section`` shows: a digest of the page's style and the section."""
    style = re.search(r"<style>.*?</style>", page, re.DOTALL)
    part = re.search(rf'<section id="{section}">.*?</section>', page, re.DOTALL)
    if style is None or part is None:
        raise SystemExit(f"the report has no <style> or no section {section!r}")
    return hashlib.sha256((style.group() + part.group()).encode("utf-8")).hexdigest()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def stamp(png: bytes, text: str) -> bytes:
    """``png`` with a text chunk holding ``text``, right after its header chunk."""
    end = 8 + 8 + struct.unpack(">I", png[8:12])[0] + 4  # signature, then IHDR
    return png[:end] + _chunk(b"tEXt", KEY + b"\0" + text.encode("ascii")) + png[end:]


def stamped(png: bytes) -> str | None:
    """The text of the picture's chunk, if it has one."""
    at = 8
    while at < len(png):
        length = struct.unpack(">I", png[at : at + 4])[0]
        kind = png[at + 4 : at + 8]
        data = png[at + 8 : at + 8 + length]
        if kind == b"tEXt" and data.startswith(KEY + b"\0"):
            return data[len(KEY) + 1 :].decode("ascii")
        at += 12 + length
    return None


def take(folder: Path) -> list[Path]:
    """Write the pictures into ``folder``; the files written."""
    from playwright.sync_api import sync_playwright

    page_text = report()
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "report.html"
    source.write_text(page_text, encoding="utf-8")
    written = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
            try:
                tab = browser.new_page(viewport={"width": WIDTH, "height": 1100})
                tab.goto(source.as_uri())
                tab.emulate_media(media="print")
                for section in SECTIONS:
                    png = tab.locator(f"section#{section}").screenshot()
                    path = folder / f"{section}.png"
                    path.write_bytes(stamp(png, digest(page_text, section)))
                    written.append(path)
            finally:
                browser.close()
    finally:
        source.unlink()
    return written


def stale(folder: Path) -> list[str]:
    """The pictures in ``folder`` that are missing or not of the report rendered now."""
    page_text = report()
    out = []
    for section in SECTIONS:
        path = folder / f"{section}.png"
        if not path.exists() or stamped(path.read_bytes()) != digest(page_text, section):
            out.append(str(path))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=PICTURES, help="the folder to write")
    parser.add_argument("--check", action="store_true", help="only check the pictures")
    args = parser.parse_args()
    if args.check:
        behind = stale(args.output)
        for path in behind:
            print(f"{path}: not a picture of today's report; run python docs/pictures.py")
        return 1 if behind else 0
    for path in take(args.output):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())

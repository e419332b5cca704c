"""Run the fuzz targets, each for a bounded time, and print how many inputs each tried.

    python tests/fuzz/run.py                     # every target, 8 seconds each
    python tests/fuzz/run.py --seconds 600 csv   # one target, longer

With atheris installed (``pip install atheris``) the targets run under it, coverage-guided
from seeds made of the example province; without it, under a plain mutation loop with a
fixed seed, so that the run still means something. A failing input is written to the
current folder (``crash-*`` under atheris, ``fuzz-failure-TARGET.bin`` otherwise) and the
run exits 1.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import re
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))
EXAMPLE = ROOT / "examples" / "tinh-mau"


def seeds(target: str) -> list[bytes]:
    """Small valid inputs of each kind, from the example province and packs."""
    events = (EXAMPLE / "events.jsonl").read_bytes().splitlines(keepends=True)[:40]
    if target == "jsonl":
        return [b"".join(events[:20]), b"".join(events[20:40])]
    if target == "json_array":
        items = [json.loads(line) for line in events[:15]]
        return [json.dumps(items, ensure_ascii=False, indent=1).encode()]
    if target == "csv":
        return [
            b"id,at,officer,commune\nv1,2026-01-05,o-01,c-01\nv2,05/01/2026,o-02,c-02\n",
            b'\xef\xbb\xbfid,at,officer,commune,note\r\nv1,2026-01-05,o-01,c-01,"a,b"\r\n',
        ]
    if target == "xlsx":
        import openpyxl

        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "visit.conducted"
        sheet.append(["Mã sự kiện", "Ngày", "Mã cán bộ", "Xã"])
        sheet.append(["v1", "2026-01-05", "o-01", "c-01"])
        buffer = io.BytesIO()
        book.save(buffer)
        return [buffer.getvalue()]
    if target == "register":
        return [(EXAMPLE / "register.yaml").read_bytes()]
    if target == "policy":
        return [(EXAMPLE / "policy.yaml").read_bytes(), b"visit_interval_months: 2\n"]
    return [path.read_bytes() for path in sorted((ROOT / "examples" / "packs").glob("*.yaml"))]


def _with_atheris(target: str, seconds: int, corpus: Path) -> tuple[int, bool]:
    code = (
        "import sys, atheris\n"
        f"sys.path.insert(0, {str(HERE)!r})\n"
        "with atheris.instrument_imports(include=['governance_rules']):\n"
        "    import targets\n"
        f"atheris.Setup(sys.argv, targets.TARGETS[{target!r}])\n"
        "atheris.Fuzz()\n"
    )
    args = [sys.executable, "-c", code, f"-max_total_time={seconds}", "-rss_limit_mb=4096"]
    args += ["-timeout=20", "-print_final_stats=1", str(corpus)]
    result = subprocess.run(args, capture_output=True, text=True, check=False)
    runs = re.findall(r"stat::number_of_executed_units:\s*(\d+)", result.stderr)
    done = re.findall(r"Done (\d+) runs", result.stderr)
    executed = int(runs[-1]) if runs else int(done[-1]) if done else 0
    if result.returncode != 0:
        sys.stderr.write(result.stderr[-4000:])
    return executed, result.returncode == 0


def _mutate(chance: random.Random, data: bytes) -> bytes:
    pieces = [
        b"\x00",
        b"\xff",
        b"\n",
        b"\r\n",
        b"[",
        b"]",
        b"{",
        b'"',
        b",",
        b":",
        b"\\u",
        b"\xed\xa0\x80",
        b"\xc2\xa0",
        b"&a",
        b"*a",
        b"NaN",
        b"9" * 40,
        b"\x1b[",
    ]
    out = bytearray(data)
    for _ in range(chance.randint(1, 8)):
        where = chance.randint(0, len(out))
        kind = chance.random()
        if kind < 0.3 and out:
            out[min(where, len(out) - 1)] = chance.randrange(256)
        elif kind < 0.6:
            out[where:where] = chance.choice(pieces)
        elif kind < 0.8 and out:
            del out[where : where + chance.randint(1, 16)]
        else:
            start = chance.randint(0, len(out))
            out[where:where] = out[start : start + chance.randint(1, 64)]
    return bytes(out)


def _plain(target: str, seconds: int) -> tuple[int, bool]:
    import targets

    run = targets.TARGETS[target]
    chance = random.Random(f"governance-rules-{target}")
    pool = seeds(target)
    executed, deadline = 0, time.monotonic() + seconds
    while time.monotonic() < deadline:
        data = _mutate(chance, chance.choice(pool))
        try:
            run(data)
        except Exception:
            Path(f"fuzz-failure-{target}.bin").write_bytes(data)
            traceback.print_exc()
            return executed + 1, False
        executed += 1
        if executed % 50 == 0:
            pool.append(data)
            del pool[:-64]
    return executed, True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("targets", nargs="*", help="which targets (default: all)")
    parser.add_argument("--seconds", type=int, default=8, help="time for each target")
    parser.add_argument("--plain", action="store_true", help="the plain loop, even with atheris")
    args = parser.parse_args(argv)
    import targets

    chosen = args.targets or list(targets.TARGETS)
    try:
        import atheris  # noqa: F401

        engine = "a plain mutation loop" if args.plain else "atheris"
    except ImportError:
        engine = "a plain mutation loop (atheris is not installed)"
    print(f"fuzzing with {engine}, {args.seconds} s a target")
    total, failed = 0, []
    for target in chosen:
        if engine == "atheris":
            corpus = Path(tempfile.mkdtemp(prefix=f"corpus-{target}-"))
            for n, seed in enumerate(seeds(target)):
                (corpus / f"seed-{n}").write_bytes(seed)
            executed, ok = _with_atheris(target, args.seconds, corpus)
        else:
            executed, ok = _plain(target, args.seconds)
        total += executed
        print(f"  {target:<11} {executed:>8,} inputs  {'ok' if ok else 'FAILED'}", flush=True)
        if not ok:
            failed.append(target)
    print(f"{total:,} inputs in all; {len(failed)} targets failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

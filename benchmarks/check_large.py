"""Benchmark: read and evaluate a large synthetic province log.

Prints the time to read (parse, validate, de-duplicate) and to evaluate, the throughput, and
the peak memory of the process. Usage::

    python benchmarks/check_large.py --events 1000000

The province has 400 communes in 20 districts and 200 officers, each officer assigned to two
communes; events are working visits with their contacts, commune meetings and reports,
spread over the years needed to reach the requested count.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import governance_rules as gr

COMMUNES, DISTRICTS, OFFICERS = 400, 20, 200


def register_data() -> dict[str, object]:
    return {
        "province": {"id": "bench", "name": "Tỉnh Thử"},
        "regulation": {"effective": "2020-01-01"},
        "terms": [{"id": "t", "start": "2020-01-01", "end": "2099-12-31"}],
        "districts": [{"id": f"d{d}", "name": f"Huyện {d}"} for d in range(DISTRICTS)],
        "communes": [
            {"id": f"c{c}", "name": f"Xã {c}", "kind": "xa", "district": f"d{c % DISTRICTS}"}
            for c in range(COMMUNES)
        ],
        "standing_members": [
            {"id": f"m{d}", "name": f"Ủy viên {d}", "in_charge_of": [f"d{d}"]}
            for d in range(DISTRICTS)
        ],
        "agencies": [{"id": "a", "name": "Sở"}],
        "officers": [
            {"id": f"o{o}", "name": f"Cán bộ {o}", "agency": "a"} for o in range(OFFICERS)
        ],
    }


def write_events(path: Path, count: int) -> date:
    """Write ``count`` event lines; returns the last date written."""
    start = date(2020, 1, 1)
    written = 0
    with path.open("w", encoding="utf-8") as out:
        for c in range(COMMUNES):
            line = {
                "id": f"as{c}",
                "type": "assignment.decided",
                "at": "2020-01-01",
                "officer": f"o{c % OFFICERS}",
                "commune": f"c{c}",
                "term": "t",
            }
            out.write(json.dumps(line) + "\n")
            written += 1
        day = start
        n = 0
        while written < count:
            for c in range(COMMUNES):
                officer = f"o{c % OFFICERS}"
                kind = n % 4
                at = (day + timedelta(days=c % 7)).isoformat()
                if kind == 0:
                    line = {
                        "id": f"ct{n}",
                        "type": "contact.made",
                        "at": at,
                        "officer": officer,
                        "commune": f"c{c}",
                    }
                elif kind == 1:
                    line = {
                        "id": f"vi{n}",
                        "type": "visit.conducted",
                        "at": at,
                        "officer": officer,
                        "commune": f"c{c}",
                    }
                elif kind == 2:
                    line = {
                        "id": f"mt{n}",
                        "type": "meeting.held",
                        "at": at,
                        "commune": f"c{c}",
                        "body": "executive",
                        "session": "regular",
                        "topics": ["socio_economic"],
                        "invited": [officer],
                        "attended": [],
                    }
                else:
                    line = {
                        "id": f"rp{n}",
                        "type": "report.submitted",
                        "at": at,
                        "officer": officer,
                        "recipient": "standing_member",
                        "via": "direct",
                        "period": None,
                        "sections": ["socio_economic"],
                    }
                out.write(json.dumps(line) + "\n")
                written += 1
                n += 1
                if written >= count:
                    break
            day += timedelta(days=10)
    return day


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=200_000)
    args = parser.parse_args()
    register = gr.parse_register(register_data())
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "events.jsonl"
        last = write_events(path, args.events)
        size = path.stat().st_size
        as_of = last + timedelta(days=30)
        t0 = time.perf_counter()
        intake = gr.read_events([path], register, as_of=as_of)
        t1 = time.perf_counter()
        findings = gr.evaluate(register, intake.accepted, as_of=as_of)
        t2 = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {sys.version.split()[0]}"
    )
    print(
        f"events: {intake.accounting.read:,} lines ({size / 2**20:.0f} MiB), "
        f"accepted {intake.accounting.accepted:,}"
    )
    print(f"read:     {t1 - t0:8.2f} s  ({intake.accounting.read / (t1 - t0):,.0f} events/s)")
    print(
        f"evaluate: {t2 - t1:8.2f} s  ({len(intake.accepted) / (t2 - t1):,.0f} events/s, "
        f"{len(findings):,} findings)"
    )
    print(f"peak memory: {peak:,.0f} MiB")


if __name__ == "__main__":
    main()

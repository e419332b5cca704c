"""Benchmark: the event store and the monitor on a province-sized log.

Prints the ingest rate into the store (in transactions of --batch events), the time to
reopen the store and compute the picture, and the latency of one late event (median, the
99th percentile and the longest), and with ``--feed`` the rate of a feed in time order and
the findings it changed (each one made, with its sentence, and handed back), beside the
least that handing them back costs: making each again, a finding with a sentence of its
subject and dates, and nothing else. Usage::

    python benchmarks/store.py --events 100000
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import governance_rules as gr
from governance_rules._gc import paused_gc
from governance_rules.i18n import fmt_date
from governance_rules.model import Finding, Window
from governance_rules.model._common import trusted
from governance_rules.monitor import Monitor
from governance_rules.store import EventStore

sys.path.insert(0, str(Path(__file__).parent))
from check_large import COMMUNES, OFFICERS, register_data, write_events


def remade(findings: list[Finding], lang: str = "en") -> float:
    """Seconds to make ``findings`` again as the monitor makes what it hands back (objects
    without validation, equal windows shared, the collector paused), each with a sentence
    of its subject and dates, and nothing else: no event read, no rule evaluated. However a
    feed's findings are worked out, handing them back costs at least this."""
    windows: dict[tuple[date, date], Window] = {}
    t0 = time.perf_counter()
    with paused_gc():
        for finding in findings:
            window = finding.window
            words = ", ".join(str(v) for v in finding.subject.__dict__.values() if v is not None)
            if window is None:
                span, sentence = None, f"{words}: {finding.status}."
            else:
                span = windows.get((window.start, window.due))
                if span is None:
                    span = trusted(Window, {"start": window.start, "due": window.due})
                    windows[window.start, window.due] = span
                sentence = (
                    f"{words}: {finding.status}, {fmt_date(window.start, lang)} - "
                    f"{fmt_date(window.due, lang)}."
                )
            trusted(
                Finding,
                {
                    "rule": finding.rule,
                    "status": finding.status,
                    "subject": finding.subject,
                    "window": span,
                    "evidence": tuple(finding.evidence),
                    "clauses": finding.clauses,
                    "message": sentence,
                    "bearer": finding.bearer,
                },
            )
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--late", type=int, default=300, help="late events to time one by one")
    parser.add_argument(
        "--feed",
        type=int,
        default=0,
        help="also feed the first N events, in time order, through a monitor in batches of 100",
    )
    args = parser.parse_args()
    register = gr.parse_register(register_data())
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "events.jsonl"
        last = write_events(log, args.events)
        as_of = last + timedelta(days=30)
        records = [json.loads(line) for line in log.open(encoding="utf-8")]

        db = Path(tmp) / "province.db"
        with EventStore(db) as store:
            monitor = Monitor(register, as_of=as_of, store=store)
            t0 = time.perf_counter()
            for n, record in enumerate(records, start=1):
                monitor.add(f"events.jsonl:{n}", record)
                if n % args.batch == 0:
                    store.commit()
            store.commit()
            ingest = time.perf_counter() - t0

        t0 = time.perf_counter()
        store = EventStore(db)
        monitor = Monitor(register, as_of=as_of, store=store)
        picture = monitor.findings()
        reopen = time.perf_counter() - t0

        chance = random.Random(1)
        latencies = []
        for n in range(args.late):
            commune = chance.randrange(COMMUNES)
            day = as_of - timedelta(days=chance.randrange(1, 700))
            record = {
                "id": f"late{n}",
                "type": "visit.conducted",
                "at": day.isoformat(),
                "officer": f"o{commune % OFFICERS}",
                "commune": f"c{commune}",
            }
            t0 = time.perf_counter()
            monitor.ingest([record], location="late")
            latencies.append(time.perf_counter() - t0)
        store.close()
        size = db.stat().st_size

    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))]
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(f"store: {len(records):,} events, {size / 2**20:.0f} MiB")
    print(
        f"ingest: {ingest:.2f} s, {len(records) / ingest:,.0f} events/s "
        f"(transactions of {args.batch})"
    )
    print(f"reopen and evaluate: {reopen:.2f} s ({len(picture):,} findings)")
    print(
        f"one late event: median {statistics.median(latencies) * 1000:.1f} ms, "
        f"p99 {p99 * 1000:.1f} ms, longest {latencies[-1] * 1000:.1f} ms "
        f"(over {len(latencies)} events)"
    )
    if args.feed:
        feed = sorted(records, key=lambda r: (r["at"], r["id"]))[: args.feed]
        monitor = Monitor(register, as_of=as_of)
        monitor.findings()
        handed: list[Finding] = []
        t0 = time.perf_counter()
        for start in range(0, len(feed), 100):
            handed.extend(monitor.ingest(feed[start : start + 100], location="feed"))
        elapsed = time.perf_counter() - t0
        changed = len(handed)
        print(
            f"live feed: {len(feed):,} events in time order, batches of 100, {elapsed:.1f} s, "
            f"{len(feed) / elapsed:,.0f} events/s, {changed:,} findings changed "
            f"({changed / len(feed):.1f} an event)"
        )
        floor = max(remade(handed), 1e-9)
        print(
            f"the feed's floor: making its {changed:,} changed findings again (each a Finding "
            f"with a sentence of its subject and dates, nothing evaluated): {floor:.3f} s, "
            f"at most {len(feed) / floor:,.0f} events/s"
        )


if __name__ == "__main__":
    main()

"""Benchmark: `check` end to end for each backend, against the floor of parsing the file.

For simulated logs of about 10^4, 10^5 and 10^6 events, prints the time of

- the floor: reading the file and parsing each line with ``json.loads``, nothing more;
- ``governance-rules check --format json`` with each backend that is installed;
- validating each line into the package's event models with pydantic-core straight from
  its text (``EVENT_ADAPTER.validate_json``), nothing more, timed inside the process
  (without its start and imports): what reading the log into the models costs at the least;
- the output's floor: encoding the findings of the reference engine's report with
  ``json.dumps``, from the dictionaries of its JSON read back, nothing more (timed inside
  the process, without its start or the reading): what writing that report costs at the
  least, whatever made the findings;

with events per second, the ratio to the floor and the peak memory (RSS) of each process.
Usage::

    python benchmarks/engines.py --sizes 10000 100000 1000000
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from governance_rules.simulate import Simulation, simulate

EVENTS_PER_COMMUNE_YEAR = 34  # what the simulator writes at its default rates
FLOOR = "import json, sys\nfor line in open(sys.argv[1], encoding='utf-8'):\n    json.loads(line)\n"
ENCODE = (
    "import json, sys, time\n"
    "findings = json.load(open(sys.argv[1], encoding='utf-8'))['findings']\n"
    "t = time.perf_counter()\n"
    "for finding in findings:\n"
    "    json.dumps(finding, ensure_ascii=False, separators=(',', ':'))\n"
    "print(time.perf_counter() - t, len(findings))\n"
)


VALIDATE = (
    "import sys, time\n"
    "from governance_rules.model import EVENT_ADAPTER\n"
    "t = time.perf_counter()\n"
    "for line in open(sys.argv[1], 'rb'):\n"
    "    EVENT_ADAPTER.validate_json(line)\n"
    "print(time.perf_counter() - t)\n"
)


def timed_inside(script: str, path: Path) -> list[str]:
    """What ``script`` prints of ``path`` (the seconds it timed itself, then any count),
    run in a child process: ``VALIDATE`` of an event log, ``ENCODE`` of a JSON report."""
    return subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True
    ).stdout.split()


def measure(command: list[str]) -> tuple[float, float]:
    """Wall time (s) and peak RSS (MiB) of a command run alone in a child process.

    Raises:
        RuntimeError: If the command exits with a status above 1 (1 is a check that found
            violations): what failed is no measurement.
    """
    script = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=False).returncode\n"
        "elapsed = time.perf_counter() - t\n"
        "rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(elapsed, rss, code)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, *command], capture_output=True, text=True, check=True
    ).stdout.split()
    if int(out[2]) > 1:
        raise RuntimeError(f"{' '.join(command)} exited {out[2]}")
    return float(out[0]), float(out[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--backends", nargs="+", default=["reference"])
    args = parser.parse_args()
    exe = shutil.which("governance-rules") or str(Path(sys.executable).parent / "governance-rules")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print("| events | what | time (s) | events/s | x floor | peak RSS (MiB) |")
    print("| ---: | --- | ---: | ---: | ---: | ---: |")
    for size in args.sizes:
        years = 4
        communes = max(1, round(size / (EVENTS_PER_COMMUNE_YEAR * years)))
        with tempfile.TemporaryDirectory() as tmp:
            register, events = simulate(
                Simulation(communes=communes, years=years, seed=1, first_year=2022), tmp
            )
            count = sum(1 for _ in events.open(encoding="utf-8"))
            floor, floor_rss = measure([sys.executable, "-c", FLOOR, str(events)])
            rows = [("json.loads floor", floor, floor_rss)]
            validated = float(timed_inside(VALIDATE, events)[0])
            rows.append(("validate_json of each line", validated, 0.0))
            report = Path(tmp) / "report.json"
            for backend in args.backends:
                elapsed, rss = measure(
                    [
                        exe,
                        "check",
                        "--register",
                        str(register),
                        "--events",
                        str(events),
                        "--as-of",
                        "2025-12-31",
                        "--format",
                        "json",
                        "--backend",
                        backend,
                        "--output",
                        str(report) if backend == "reference" else os.devnull,
                    ]
                )
                rows.append((f"check, {backend}", elapsed, rss))
            if report.exists():
                encoding, findings = timed_inside(ENCODE, report)
                rows.append((f"json.dumps of the {int(findings):,} findings", float(encoding), 0.0))
            for what, elapsed, rss in rows:
                shown = f"{rss:,.0f}" if rss else "–"
                print(
                    f"| {count:,} | {what} | {elapsed:.2f} | {count / elapsed:,.0f} | "
                    f"{elapsed / floor:.1f} | {shown} |"
                )
        sys.stdout.flush()


if __name__ == "__main__":
    try:
        main()
    except RuntimeError as error:
        sys.exit(f"engines.py: {error}")

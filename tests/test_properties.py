"""Properties: findings do not depend on event order or on how the log is split into files,
and the input accounting always adds up."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from governance_rules import Intake, Register, evaluate, read_events
from governance_rules.model import EVENT_ADAPTER
from tests.strategies import as_of_dates, logs, registers

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _events(records: list[dict[str, Any]]) -> list[Any]:
    return [EVENT_ADAPTER.validate_python(r) for r in records]


@SETTINGS
@given(data=st.data(), register=registers(), as_of=as_of_dates)
def test_findings_do_not_depend_on_event_order(
    data: st.DataObject, register: Register, as_of: date
) -> None:
    records = data.draw(logs(register))
    shuffled = data.draw(st.permutations(records))
    first = evaluate(register, _events(records), as_of=as_of)
    second = evaluate(register, _events(shuffled), as_of=as_of)
    assert first == second


def _write(path: Path, fmt: str, records: list[dict[str, Any]]) -> None:
    if fmt == "jsonl":
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    elif fmt == "json":
        path.write_text(json.dumps(records, ensure_ascii=False, indent=1))
    else:
        names = sorted({k for r in records for k in r})
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(names)
            for r in records:
                row = []
                for name in names:
                    value = r.get(name)
                    row.append(
                        ";".join(value)
                        if isinstance(value, list)
                        else ""
                        if value is None
                        else str(value)
                    )
                writer.writerow(row)


@SETTINGS
@given(data=st.data(), register=registers(), as_of=as_of_dates)
def test_findings_do_not_depend_on_the_file_split_or_format(
    data: st.DataObject, register: Register, as_of: date
) -> None:
    records = data.draw(logs(register, max_size=30))
    cuts = sorted(data.draw(st.lists(st.integers(0, len(records)), max_size=3)))
    parts = [records[a:b] for a, b in zip([0, *cuts], [*cuts, len(records)], strict=True)]
    expected = evaluate(register, _events(records), as_of=as_of)
    with TemporaryDirectory() as tmp:
        paths = []
        for n, part in enumerate(parts):
            fmt = data.draw(st.sampled_from(["jsonl", "json", "csv"]))
            path = Path(tmp) / f"part{n}.{fmt}"
            _write(path, fmt, part)
            paths.append(path)
        intake = read_events(paths, register)
    assert intake.rejections == []
    assert evaluate(register, intake.accepted, as_of=as_of) == expected


@SETTINGS
@given(data=st.data(), register=registers())
def test_accounting_identity(data: st.DataObject, register: Register) -> None:
    records: list[Any] = data.draw(logs(register, max_size=20))
    noise = st.one_of(
        st.sampled_from(records) if records else st.nothing(),
        st.builds(lambda r: {**r, "at": "2027-12-31"}, st.sampled_from(records))
        if records
        else st.nothing(),
        st.dictionaries(
            st.sampled_from(["id", "type", "at", "officer"]),
            st.one_of(st.text(max_size=5), st.integers(), st.none()),
        ),
        st.text(max_size=20),
    )
    extra = data.draw(st.lists(noise, max_size=10))
    stream = data.draw(st.permutations(records + extra))
    as_of = data.draw(as_of_dates)
    intake = Intake(register, as_of)
    for n, record in enumerate(stream):
        intake.add(f"input:{n + 1}", record)
    counts = intake.accounting
    assert counts.read == len(stream)
    assert counts.read == counts.accepted + counts.duplicates + counts.rejected + counts.future
    assert all(r.location.startswith("input:") and r.error for r in intake.rejections)


@SETTINGS
@given(data=st.data(), register=registers(), as_of=as_of_dates)
def test_findings_made_a_rule_at_a_time_come_in_the_same_order(
    data: st.DataObject, register: Register, as_of: date
) -> None:
    from governance_rules.engine import iter_compact, iter_evaluate

    events = _events(data.draw(logs(register)))
    whole = evaluate(register, events, as_of=as_of)
    assert list(iter_evaluate(register, events, as_of=as_of)) == whole
    compact = list(iter_compact(register, events, lambda f: f, as_of=as_of))
    assert compact == whole


@SETTINGS
@given(data=st.data(), register=registers(), as_of=as_of_dates)
def test_an_intake_of_compact_records_gives_the_same_accounting_and_findings(
    data: st.DataObject, register: Register, as_of: date
) -> None:
    """A check of millions of events holds them as compact records: what the engine makes
    of them, and what the intake counts, is what it makes of the models."""
    records = data.draw(logs(register, max_size=40))
    models, compact = Intake(register, as_of), Intake(register, as_of, compact=True)
    for n, record in enumerate(records):
        assert models.add(f"in:{n}", record) == compact.add(f"in:{n}", record)
    assert models.accounting == compact.accounting
    assert compact.accepted == [] and len(compact.records) == models.accounting.accepted
    assert list(compact.events) == compact.records and list(models.events) == models.accepted
    whole = evaluate(register, models.accepted, as_of=as_of)
    assert evaluate(register, compact.records, as_of=as_of) == whole

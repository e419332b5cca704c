"""Register and policy loading: every problem located, names normalised."""

from __future__ import annotations

import json
import unicodedata
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from governance_rules import (
    InputError,
    Policy,
    PolicyError,
    RegisterError,
    load_policy,
    load_register,
    parse_policy,
    parse_register,
)
from governance_rules.model import Finding, Subject, Window, sorting_key
from governance_rules.testing import small_register


def _data() -> dict[str, object]:
    return json.loads(small_register().model_dump_json())


def test_names_are_nfc_normalised() -> None:
    data = _data()
    decomposed = unicodedata.normalize("NFD", "Xã An Hòa")
    data["communes"][0]["name"] = decomposed  # type: ignore[index]
    register = parse_register(data)
    assert register.communes[0].name == "Xã An Hòa" != decomposed


def test_a_bad_register_is_reported_whole() -> None:
    data = _data()
    data["communes"][1]["district"] = "d-03"  # type: ignore[index]
    data["communes"].append({"id": "d-01", "name": "X", "kind": "xa"})  # type: ignore[union-attr]
    data["officers"][0]["agency"] = "a-02"  # type: ignore[index]
    data["terms"].append({"id": "t2", "start": "2029-06-01", "end": "2030-01-01"})  # type: ignore[union-attr]
    with pytest.raises(RegisterError) as raised:
        parse_register(data, "register.yaml")
    lines = [str(p) for p in raised.value.problems]
    assert (
        "register.yaml: communes[1].district: unknown district 'd-03' (did you mean 'd-02'?)"
        in lines
    )
    assert "register.yaml: communes[3].id: 'd-01' is also a district id" in lines
    assert "register.yaml: communes[3]: no standing member is in charge of commune 'd-01'" in lines
    assert (
        "register.yaml: officers[0].agency: unknown agency 'a-02' (did you mean 'a-01'?)" in lines
    )
    assert "register.yaml: terms[1].start: term 't2' overlaps term 't1'" in lines


def test_an_unknown_district_is_reported_once_not_again_as_a_commune_without_a_member() -> None:
    data = _data()
    data["communes"][1]["district"] = "d-09"  # type: ignore[index]
    with pytest.raises(RegisterError) as raised:
        parse_register(data, "register.yaml")
    assert [str(p) for p in raised.value.problems] == [
        "register.yaml: communes[1].district: unknown district 'd-09' (did you mean 'd-02'?)"
    ]


def test_a_malformed_entry_leaves_the_others_checked() -> None:
    data = _data()
    data["communes"][0]["kind"] = "village"  # type: ignore[index]
    data["officers"][0]["agency"] = "a-02"  # type: ignore[index]
    with pytest.raises(RegisterError) as raised:
        parse_register(data, "register.yaml")
    lines = [str(p) for p in raised.value.problems]
    assert lines[0].startswith("register.yaml: communes[0].kind: Input should be 'xa'")
    assert lines[1:] == [
        "register.yaml: officers[0].agency: unknown agency 'a-02' (did you mean 'a-01'?)"
    ]


def test_structural_register_errors_have_paths() -> None:
    data = _data()
    data["communes"][2]["kind"] = "village"  # type: ignore[index]
    del data["province"]["name"]  # type: ignore[attr-defined]
    with pytest.raises(RegisterError) as raised:
        parse_register(data, "r.yaml")
    lines = [str(p) for p in raised.value.problems]
    assert "r.yaml: province.name: missing" in lines
    assert any(line.startswith("r.yaml: communes[2].kind: Input should be") for line in lines)


def test_two_level_register_without_districts() -> None:
    register = small_register(
        districts=[],
        communes=[{"id": "c-01", "name": "Xã Một", "kind": "xa"}],
        standing_members=[{"id": "sm-01", "name": "Một", "in_charge_of": ["c-01"]}],
    )
    assert register.problems() == []


def test_register_files_yaml_and_json(tmp_path: Path) -> None:
    data = _data()
    (tmp_path / "r.json").write_text(json.dumps(data), encoding="utf-8")
    (tmp_path / "r.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert load_register(tmp_path / "r.json") == load_register(tmp_path / "r.yaml")
    (tmp_path / "bad.yaml").write_text("province: [\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.yaml:\d+: invalid YAML"):
        load_register(tmp_path / "bad.yaml")
    with pytest.raises(InputError, match="cannot read"):
        load_register(tmp_path / "missing.yaml")


def test_policy_unknown_keys_and_bad_values(tmp_path: Path) -> None:
    assert parse_policy({"visit_interval_months": 2}).visit_interval_months == 2
    with pytest.raises(PolicyError) as raised:
        parse_policy({"visit_intervals_months": 2, "evaluation_due": "12-32"}, "p.yaml")
    lines = [str(p) for p in raised.value.problems]
    assert (
        lines[0]
        == "p.yaml: visit_intervals_months: unknown policy key (did you mean 'visit_interval_months'?)"
    )
    assert any("evaluation_due" in line and "12-32" in line for line in lines)
    with pytest.raises(PolicyError):
        parse_policy({"visit_cadence": "monthly"})
    with pytest.raises(PolicyError):
        parse_policy({"issue_relay_days": "15"})
    path = tmp_path / "policy.yaml"
    path.write_text("evaluation_due: 12-15\nvisit_cadence: calendar_quarter\n", encoding="utf-8")
    assert load_policy(path) == Policy(evaluation_due="12-15", visit_cadence="calendar_quarter")


def test_a_policy_number_is_read_as_yaml_and_json_write_it(tmp_path: Path) -> None:
    # 3.0 is the number 3 (the policy's JSON Schema says "integer", which takes it); 3.5,
    # "3" and true are no number of months, and the reason quotes true as it was written.
    path = tmp_path / "policy.yaml"
    path.write_text("visit_interval_months: 3.0\nissue_relay_days: 15.0\n", encoding="utf-8")
    policy = load_policy(path)
    assert (policy.visit_interval_months, policy.issue_relay_days) == (3, 15)
    assert type(policy.visit_interval_months) is int
    for bad, shown in ((3.5, "3.5"), ("3", "'3'"), (True, "true")):
        with pytest.raises(PolicyError) as raised:
            parse_policy({"visit_interval_months": bad}, "p.yaml")
        assert [str(p) for p in raised.value.problems] == [
            f"p.yaml: visit_interval_months: Input should be a valid integer (got {shown})"
        ]


def test_findings_and_accepted_events_copy_with_updates() -> None:
    # Both share their set of field names between instances; a copy gets its own.
    from datetime import date

    from governance_rules import Intake
    from governance_rules.testing import EventLog, small_register

    intake = Intake(small_register())
    record = {"id": "a", "type": "visit.conducted", "at": "2026-01-01"}
    intake.add("x:1", {**record, "officer": "o-01", "commune": "c-01"})
    intake.add("x:2", {**record, "id": "b", "officer": "o-02", "commune": "c-01"})
    first, second = intake.accepted
    assert first.model_fields_set is second.model_fields_set
    moved = first.model_copy(update={"commune": "c-02"})
    assert moved.commune == "c-02" and first.commune == "c-01"  # type: ignore[attr-defined]
    assert second.model_fields_set == {"id", "type", "at", "officer", "commune"}
    log = EventLog()
    log.add("assignment.decided", "2026-01-10", officer="o-01", commune="c-01", term="t1")
    finding = log.evaluate(small_register(), as_of=date(2026, 5, 1))[0]
    assert finding.model_copy(update={"status": "late"}).status == "late"
    assert finding.status != "late"


def test_accepted_events_equal_events_validated_directly() -> None:
    from governance_rules import Intake
    from governance_rules.model import EVENT_ADAPTER
    from governance_rules.testing import small_register

    intake = Intake(small_register())
    plain = {"id": "a", "type": "visit.conducted", "at": "2026-01-01", "officer": "o-01"}
    plain["commune"] = "c-01"
    extra = {**plain, "id": "b", "note": "kept"}
    intake.add("x:1", plain)
    intake.add("x:2", extra)
    for event, record in zip(intake.accepted, (plain, extra), strict=True):
        direct = EVENT_ADAPTER.validate_python(record)
        assert event == direct
        assert event.model_dump(mode="json") == direct.model_dump(mode="json")
    assert intake.accepted[1].model_dump()["note"] == "kept"


_SUBJECTS = st.fixed_dictionaries(
    {},
    optional={
        "officer": st.sampled_from(["o-1", "o-2", "o-10"]),
        "commune": st.sampled_from(["c-a", "c-b"]),
        "year": st.integers(2019, 2031),
        "kind": st.sampled_from(["final", "preliminary"]),
    },
)


@given(
    subjects=st.lists(_SUBJECTS, min_size=1, max_size=4),
    picks=st.lists(
        st.tuples(
            st.integers(0, 3),
            st.booleans(),
            st.sampled_from(["GR-A", "GR-B"]),
            st.none() | st.tuples(st.integers(0, 60), st.integers(0, 60)),
            st.sampled_from(["fulfilled", "violated", "pending"]),
            st.lists(st.sampled_from(["e1", "e2", "e10"]), max_size=2),
        ),
        max_size=30,
    ),
)
def test_sorting_key_orders_findings_as_their_sort_key(
    subjects: list[dict[str, Any]], picks: list[tuple[Any, ...]]
) -> None:
    """The key that works out a shared subject's part once sorts as Finding.sort_key, for
    findings that share one subject object and findings with equal subjects of their own."""
    shared = [Subject(**values) for values in subjects]
    findings = []
    for n, own, rule, days, status, evidence in picks:
        values = subjects[n % len(subjects)]
        subject = Subject(**values) if own else shared[n % len(shared)]
        window = None
        if days is not None:
            start = date(2024, 1, 1) + timedelta(days=min(days))
            window = Window(start=start, due=start + timedelta(days=abs(days[0] - days[1])))
        findings.append(
            Finding(
                rule=rule,
                status=status,
                subject=subject,
                window=window,
                evidence=tuple(evidence),
                clauses=("2.1",),
                message="m",
            )
        )
    key = sorting_key()
    assert [key(f) for f in findings] == [f.sort_key() for f in findings]
    by_key = [f.sort_key() for f in sorted(findings, key=sorting_key())]
    assert by_key == sorted(f.sort_key() for f in findings)


def test_a_compact_event_holds_its_model_s_values_read_only() -> None:
    from zoneinfo import ZoneInfo

    from governance_rules import read_events
    from governance_rules.model import EVENT_ADAPTER, EVENT_TYPES, CompactEvent, compact_event
    from tests.paths import EXAMPLE

    register = load_register(EXAMPLE / "register.yaml")
    events = read_events([EXAMPLE / "events.jsonl"], register).accepted
    assert {e.type for e in events} == set(EVENT_TYPES)  # type: ignore[attr-defined]
    tz = ZoneInfo("Asia/Ho_Chi_Minh")
    for event in events:
        record = compact_event(event)
        assert isinstance(record, CompactEvent) and not hasattr(record, "__dict__")
        assert type(record).__name__ == type(event).__name__
        for name in type(event).model_fields:
            assert getattr(record, name) is getattr(event, name)  # shared, not copied
        assert record.day(tz) == event.day(tz)
        assert record == compact_event(event)
        with pytest.raises(AttributeError, match="read-only"):
            record.id = "other"  # type: ignore[misc]
    visit = EVENT_ADAPTER.validate_python(
        {"id": "v", "type": "visit.conducted", "at": "2026-01-01T23:30:00+00:00"}
        | {"officer": "o-01", "commune": "c-01", "note": "an extra field"}
    )
    record = compact_event(visit)
    assert record.day(tz) == date(2026, 1, 2) == visit.day(tz)  # local day, as the model's
    assert getattr(record, "note", None) is None  # extra fields are not kept: no rule reads one
    assert repr(record).startswith("VisitConducted(") and "officer='o-01'" in repr(record)
    assert record != visit

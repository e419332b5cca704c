"""The HTTP service example: its endpoints, a schemathesis run against its own OpenAPI
schema, and concurrent clients posting overlapping batches."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from governance_rules import EventStore, Period, evaluate, load_register, read_events

if os.environ.get("GOVERNANCE_RULES_SERVICE") != "required":
    pytest.importorskip("fastapi", reason="the service's requirements are not installed")
    pytest.importorskip("schemathesis", reason="the service's requirements are not installed")

import httpx2 as httpx
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

ROOT = Path(__file__).resolve().parent.parent
SERVICE = ROOT / "examples" / "http_service"
EXAMPLE = ROOT / "examples" / "tinh-mau"
KEY = "test-key-0123456789"
TODAY = date(2026, 11, 30)
sys.path.insert(0, str(SERVICE))
import service  # noqa: E402

REGISTER = load_register(EXAMPLE / "register.yaml")


def records(first: int = 0, last: int = 200) -> list[dict[str, Any]]:
    lines = (EXAMPLE / "events.jsonl").read_text(encoding="utf-8").splitlines()[first:last]
    return [json.loads(line) for line in lines]


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    app = service.create_app(REGISTER, tmp_path / "s.sqlite", api_key=KEY, today=lambda: TODAY)
    with TestClient(app) as test_client:
        yield test_client


def post(client: TestClient | httpx.Client, body: Any, key: str | None = KEY) -> httpx.Response:
    headers = {"X-API-Key": key} if key is not None else {}
    if isinstance(body, bytes):
        return client.post("/events", content=body, headers=headers)
    return client.post("/events", json=body, headers=headers)


def test_writes_need_the_key(client: TestClient) -> None:
    assert post(client, records(0, 5), key=None).status_code == 401
    assert post(client, records(0, 5), key="wrong").status_code == 403
    nothing = evaluate(REGISTER, [], as_of=TODAY)
    assert len(client.get("/findings").json()["findings"]) == len(nothing)


def test_a_batch_is_idempotent_and_reports_what_changed(client: TestClient) -> None:
    batch = records(0, 150)
    first = post(client, batch)
    assert first.status_code == 200
    assert first.json()["input"] == {
        "read": 150,
        "accepted": 150,
        "duplicates": 0,
        "rejected": 0,
        "future": 0,
    }
    assert first.json()["changed"]
    again = post(client, batch).json()
    assert again["input"]["duplicates"] == 150 and again["changed"] == []
    found = client.get("/findings").json()["findings"]
    register = REGISTER
    events = read_events([EXAMPLE / "events.jsonl"], register, TODAY).accepted
    expected = evaluate(
        register, [e for e in events if e.id in {r["id"] for r in batch}], as_of=TODAY
    )
    assert [(f["rule"], f["status"]) for f in found] == [(f.rule, f.status) for f in expected]


def test_malformed_input_is_422_located_and_stored_nowhere(
    client: TestClient, tmp_path: Path
) -> None:
    good = records(0, 3)
    bad = {**good[1], "officer": "o-99"}
    response = post(client, [good[0], bad, good[2]])
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"location": "body[1]", "error": f"{bad['type']}: field 'officer': unknown officer 'o-99'"}
    ]
    assert post(client, b"{not json").status_code == 422
    assert post(client, {"id": "x"}).json()["detail"][0]["error"] == "expected a JSON array"
    conflict = {**good[0], "at": "2021-01-01"}
    assert post(client, good[:1]).status_code == 200
    response = post(client, [good[2], conflict])
    assert (
        response.status_code == 422 and "different content" in response.json()["detail"][0]["error"]
    )
    with EventStore(tmp_path / "s.sqlite") as store:
        assert [record["id"] for _, record in store.records()] == [good[0]["id"]]


def test_a_body_over_the_limit_is_413(tmp_path: Path) -> None:
    app = service.create_app(
        REGISTER, tmp_path / "s.sqlite", api_key=KEY, today=lambda: TODAY, max_body=1000
    )
    with TestClient(app) as small:
        assert post(small, records(0, 50)).status_code == 413
        assert post(small, records(0, 1)).status_code == 200


def test_the_reading_endpoints(client: TestClient) -> None:
    post(client, records(0, 400))
    violated = client.get("/findings", params={"status": "violated", "officer": "o-01"}).json()
    assert violated["findings"] and all(
        f["status"] == "violated" and f["subject"]["officer"] == "o-01"
        for f in violated["findings"]
    )
    earlier = client.get("/findings", params={"as_of": "2024-01-01"}).json()
    assert earlier["as_of"] == "2024-01-01"
    soon = client.get("/obligations/due-soon", params={"days": 400}).json()["findings"]
    dues = [f["window"]["due"] for f in soon]
    assert dues == sorted(dues) and all(f["status"] == "pending" for f in soon)
    page = client.get("/report.html")
    assert page.headers["content-type"].startswith("text/html") and "<script" not in page.text
    calendar = client.get("/calendar.ics")
    assert calendar.text.startswith("BEGIN:VCALENDAR")
    assert client.get("/findings", params={"status": "bogus"}).status_code == 422
    paths = client.get("/openapi.json").json()["paths"]
    assert set(paths) == {
        "/events",
        "/findings",
        "/obligations/due-soon",
        "/report.html",
        "/calendar.ics",
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_the_service_speaks_utf_8_to_a_log_in_a_legacy_code_page(tmp_path: Path) -> None:
    # A Windows service wrapper sends stderr to a log file, in cp1258 on a Vietnamese
    # Windows: the service's lines (a Vietnamese file or province name) are UTF-8 there.
    register = tmp_path / "sổ-đăng-ký.yaml"
    args = ["--register", str(register), "--store", str(tmp_path / "s.sqlite")]
    env = {**os.environ, "PYTHONIOENCODING": "cp1258"}
    done = subprocess.run(
        [sys.executable, str(SERVICE / "service.py"), *args], capture_output=True, env=env
    )
    assert done.returncode == 2
    said = done.stderr.decode("utf-8")
    assert said.startswith(f"service: error: {register}: cannot read") and "Traceback" not in said


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The service started as its README says, on a free loopback port."""
    port = _free_port()
    store = tmp_path_factory.mktemp("server") / "service.sqlite"
    args = ["--register", str(EXAMPLE / "register.yaml"), "--store", str(store)]
    args += ["--port", str(port), "--today", TODAY.isoformat()]
    process = subprocess.Popen(
        [sys.executable, str(SERVICE / "service.py"), *args],
        env={**os.environ, service.API_KEY_VARIABLE: KEY},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                httpx.get(f"{url}/openapi.json", timeout=1).raise_for_status()
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            raise AssertionError("the service did not start")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_concurrent_clients_lose_nothing_and_double_nothing(server: str) -> None:
    everything = records(0, 600)
    batches = [everything[i : i + 120] for i in range(0, 600, 60)]  # each overlaps the next

    def send(batch: list[dict[str, Any]]) -> dict[str, Any]:
        with httpx.Client(base_url=server, timeout=60) as http:
            response = post(http, batch)
            assert response.status_code == 200, response.text
            return response.json()["input"]  # type: ignore[no-any-return]

    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(send, batches + batches[::-1]))
    accepted = sum(r["accepted"] + r["future"] for r in results)
    duplicates = sum(r["duplicates"] for r in results)
    assert accepted == len({r["id"] for r in everything})
    assert accepted + duplicates == sum(len(b) for b in batches) * 2
    found = httpx.get(f"{server}/findings", timeout=60).json()["findings"]
    events = read_events([EXAMPLE / "events.jsonl"], REGISTER, TODAY).accepted
    ids = {r["id"] for r in everything}
    expected = evaluate(REGISTER, [e for e in events if e.id in ids], as_of=TODAY)
    assert len(found) == len(expected)
    assert [f["message"] for f in found] == [f.message for f in expected]


def test_schemathesis_against_its_own_openapi_schema(server: str) -> None:
    """Every operation, with generated requests (bounded), passes schemathesis' checks:
    no server error, and status codes, content types and bodies as the schema says."""
    schema = schemathesis.openapi.from_url(f"{server}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 5
    calls = 0
    for operation in operations:

        @settings(
            max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None
        )
        @given(case=operation.as_strategy())
        def check(case: Any) -> None:
            nonlocal calls
            calls += 1
            # With the key, so that writes are exercised past the authentication. A record
            # valid by the schema may still name an officer the register does not have, so
            # a 422 for schema-valid data is expected: that check is left out.
            case.call_and_validate(
                headers={"X-API-Key": KEY}, excluded_checks=[positive_data_acceptance]
            )

        check()
    assert calls >= 5 * 10


# Hostile and unlucky requests: 413 or 422, never 500, and a failed batch stores nothing.


def _stored_ids(path: Path) -> list[str]:
    with EventStore(path) as store:
        return [record["id"] for _, record in store.records()]


def test_a_batch_with_a_lone_surrogate_is_422_and_stores_nothing(
    client: TestClient, tmp_path: Path
) -> None:
    good = records(0, 3)
    body = json.dumps(good[:2])[:-1] + ', {"id": "bad", "type": "regulation.disseminated", '
    body += '"at": "2026-01-05", "note": "\\udfff"}]'
    response = post(client, body.encode())
    assert response.status_code == 422
    assert response.json()["detail"][0]["location"] == "body[2]"
    assert "lone surrogate" in response.json()["detail"][0]["error"]
    assert post(client, good[2:3]).status_code == 200  # commits nothing of the failed batch
    assert _stored_ids(tmp_path / "s.sqlite") == [good[2]["id"]]


def test_a_batch_that_cannot_be_stored_stores_nothing(
    client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = records(0, 4)
    original = EventStore.commit

    def failing(self: EventStore) -> None:
        raise service.gr.StoreError(self.path, "the disk is full (database or disk is full)")

    monkeypatch.setattr(EventStore, "commit", failing)
    response = post(client, good[:2])
    assert response.status_code == 503 and "disk is full" in response.json()["detail"]
    monkeypatch.setattr(EventStore, "commit", original)
    assert post(client, good[2:4]).status_code == 200
    assert _stored_ids(tmp_path / "s.sqlite") == [good[2]["id"], good[3]["id"]]
    ids = {f["subject"].get("event") for f in client.get("/findings").json()["findings"]}
    assert good[0]["id"] not in ids  # the monitor forgot the failed batch too


def _chunks(data: bytes, size: int = 65536) -> Iterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start : start + size]


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"[" * 100_000, 422),
        (b"[" + b"[" * 5000 + b"]" * 5000 + b"]", 422),
        (
            b'[{"id": "d", "type": "meeting.held", "at": "2026-01-01", "topics": '
            + b"[" * 5000
            + b"]" * 5000
            + b"}]",
            422,
        ),
        (
            b'[{"id": "t", "type": "regulation.disseminated", "at": "0001-01-01T00:00:00+14:00"}]',
            422,
        ),
        (
            b'[{"id": "t", "type": "regulation.disseminated", "at": "9999-12-31T23:00:00-12:00"}]',
            422,
        ),
        (b'[{"id": "n", "type": "regulation.disseminated", "at": NaN}]', 422),
        (b"\xff\xfe[]", 422),
    ],
)
def test_hostile_bodies_are_413_or_422(client: TestClient, body: bytes, status: int) -> None:
    response = post(client, body)
    assert response.status_code == status, response.text
    assert response.json()["detail"]


def test_a_chunked_body_over_the_limit_is_413(client: TestClient) -> None:
    body = json.dumps(records(0, 1) * 8000).encode()
    assert len(body) > service.MAX_BODY
    response = client.post(
        "/events",
        content=_chunks(body),
        headers={"X-API-Key": KEY, "Content-Type": "application/json"},
    )
    assert response.status_code == 413


@pytest.mark.parametrize("as_of", ["9999-12-31", "0001-01-01", "1899-12-31"])
def test_an_as_of_outside_the_accepted_years_is_422(client: TestClient, as_of: str) -> None:
    response = client.get("/findings", params={"as_of": as_of})
    assert response.status_code == 422
    assert "outside the years" in json.dumps(response.json())


def test_events_another_process_ingests_show_in_the_findings(
    client: TestClient, tmp_path: Path
) -> None:
    batch = records(0, 60)
    assert post(client, batch[:30]).status_code == 200
    before = client.get("/findings").json()["findings"]
    extra = tmp_path / "extra.jsonl"
    extra.write_text("".join(json.dumps(r) + "\n" for r in batch[30:]), encoding="utf-8")
    from governance_rules.cli import main

    main(
        [
            "ingest",
            "--store",
            str(tmp_path / "s.sqlite"),
            "--register",
            str(EXAMPLE / "register.yaml"),
            "--events",
            str(extra),
            "--as-of",
            TODAY.isoformat(),
        ]
    )
    after = client.get("/findings").json()["findings"]
    events = [e for e in read_events([EXAMPLE / "events.jsonl"], REGISTER, TODAY).accepted]
    ids = {r["id"] for r in batch}
    expected = evaluate(REGISTER, [e for e in events if e.id in ids], as_of=TODAY)
    assert after != before
    assert [f["message"] for f in after] == [f.message for f in expected]


def test_findings_and_the_report_for_a_period(client: TestClient) -> None:
    assert post(client, records(0, 300)).status_code == 200
    whole = client.get("/findings").json()["findings"]
    year = client.get("/findings", params={"period": 2025}).json()
    assert year["period"] == {"from": "2025-01-01", "to": "2025-12-31"}
    period = Period.year(2025)
    assert year["findings"] == [
        f
        for f in whole
        if period.from_.isoformat() <= f["window"]["due"] <= period.to.isoformat()
        or f["window"]["start"] <= period.to.isoformat() < f["window"]["due"]
    ]
    same = client.get("/findings", params={"from": "2025-01-01", "to": "2025-12-31"}).json()
    assert same == year
    for params in ({"period": 2025, "to": "2025-02-01"}, {"from": "2025-01-01"}):
        response = client.get("/findings", params=params)
        assert response.status_code == 422 and response.json()["detail"][0]["location"]
    page = client.get("/report.html", params={"period": 2025})
    assert page.status_code == 200 and "2025-01-01 – 2025-12-31" in page.text


def test_an_unknown_officer_or_commune_is_not_found_with_a_suggestion(client: TestClient) -> None:
    response = client.get("/findings", params={"officer": "o-99"})
    assert response.status_code == 404
    assert response.json()["detail"] == [
        {"location": "query.officer", "error": "unknown officer 'o-99'"}
    ]
    commune = client.get("/findings", params={"commune": "c-an-ho"})
    assert commune.status_code == 404
    assert "did you mean 'c-an-hoa'?" in commune.json()["detail"][0]["error"]
    assert client.get("/findings", params={"officer": "o-01"}).status_code == 200

"""An HTTP service over the live monitor and the SQLite event store (FastAPI).

Start it (uvicorn on loopback, port 8000) with::

    GOVERNANCE_RULES_API_KEY=change-me python examples/http_service/service.py \
        --register examples/tinh-mau/register.yaml --store service.sqlite

Endpoints: ``POST /events`` (a batch of event records; needs the ``X-API-Key`` header),
``GET /findings``, ``GET /obligations/due-soon``, ``GET /report.html``,
``GET /calendar.ics``, and the OpenAPI schema at ``/openapi.json`` (``/docs`` to browse).

Requests are served one at a time on the event loop, and a batch is validated whole before
anything of it is stored. Other processes may ingest into the same store: the service takes
in what they appended before it answers.
"""

from __future__ import annotations

import argparse
import difflib
import hmac
import json
import os
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, JSONResponse, Response

import governance_rules as gr
from governance_rules.cli import utf8_streams
from governance_rules.report import render_html, render_ics

API_KEY_VARIABLE = "GOVERNANCE_RULES_API_KEY"
MAX_BODY = 1 << 20  # bytes of a request body
Status = Literal["fulfilled", "late", "violated", "pending", "observed", "not_observed"]
Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
ASGI = Callable[
    [Scope, Callable[[], Awaitable[Message]], Callable[[Message], Awaitable[None]]], Awaitable[None]
]

EVENT_SCHEMA = gr.model.EVENT_ADAPTER.json_schema(ref_template="#/components/schemas/{model}")
EVENTS_BODY = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {
                "type": "array",
                "items": {k: v for k, v in EVENT_SCHEMA.items() if k != "$defs"},
            }
        }
    },
}
ERROR = {"content": {"application/json": {"schema": {"type": "object"}}}}


class _LimitBody:
    """Refuse request bodies over ``limit`` bytes (413), declared or streamed.

    The body is read whole, up to the limit, before the application sees the request, so
    that a chunked body is refused as surely as one that declares its length.
    """

    def __init__(self, app: ASGI, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await _too_large(self.limit)(scope, receive, send)
            return
        chunks: list[bytes] = []
        seen = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                await self.app(scope, _replay([message], receive), send)  # a disconnect
                return
            body = message.get("body", b"")
            seen += len(body)
            if seen > self.limit:
                await _too_large(self.limit)(scope, receive, send)
                return
            chunks.append(body)
            if not message.get("more_body", False):
                break
        whole = {"type": "http.request", "body": b"".join(chunks), "more_body": False}
        await self.app(scope, _replay([whole], receive), send)


def _replay(messages: list[Message], receive: Any) -> Callable[[], Awaitable[Message]]:
    """A ``receive`` that gives ``messages`` first, then what the client sends next."""
    pending = list(messages)

    async def replayed() -> Message:
        if pending:
            return pending.pop(0)
        message: Message = await receive()
        return message

    return replayed


def _too_large(limit: int) -> JSONResponse:
    return JSONResponse({"detail": f"request body over {limit} bytes"}, status_code=413)


class _Overlay:
    """The store's claims, with a batch's own on top, written nowhere: a dry run."""

    def __init__(self, store: gr.EventStore) -> None:
        self.store, self.local = store, dict[str, tuple[bytes, str]]()

    def get(self, key: str, /) -> tuple[bytes, str] | None:
        return self.local.get(key) or self.store.get(key)

    def __setitem__(self, key: str, value: tuple[bytes, str], /) -> None:
        self.local[key] = value


def create_app(
    register: gr.Register,
    store_path: str | Path,
    *,
    api_key: str,
    today: Callable[[], date] | None = None,
    policy: gr.Policy | None = None,
    lang: str = "en",
    max_body: int = MAX_BODY,
) -> _LimitBody:
    """The service for one province. ``today`` gives the monitor's date (default: the
    province's calendar date now); ``api_key`` is what ``X-API-Key`` must carry to write."""
    if not api_key:
        raise ValueError(f"an API key is needed to accept writes (set {API_KEY_VARIABLE})")
    zone = ZoneInfo(register.province.timezone)
    clock = today or (lambda: datetime.now(zone).date())
    state: dict[str, Any] = {}

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        store = gr.EventStore(store_path)
        state["store"] = store
        state["monitor"] = gr.Monitor(
            register, as_of=clock(), policy=policy, lang=lang, store=store
        )
        yield
        store.close()

    app = FastAPI(
        title="governance-rules",
        summary="The Regulation on monitoring communes, checked as events arrive.",
        version=gr.__version__,
        lifespan=lifespan,
    )

    def monitor() -> gr.Monitor:
        current: gr.Monitor = state["monitor"]
        current.refresh()  # what another process ingested into the store meanwhile
        day = clock()
        if day > current.as_of:
            current.advance(day)
        return current

    def require_key(x_api_key: str | None = Header(default=None)) -> None:
        if x_api_key is None:
            raise HTTPException(401, "missing X-API-Key header")
        if not hmac.compare_digest(x_api_key.encode(), api_key.encode()):
            raise HTTPException(403, "wrong API key")

    @app.post(
        "/events",
        dependencies=[Depends(require_key)],
        openapi_extra={"requestBody": EVENTS_BODY},
        responses={401: ERROR, 403: ERROR, 413: ERROR, 422: ERROR, 503: ERROR},
    )
    async def post_events(request: Request) -> dict[str, Any]:
        """Add a batch of events (idempotent: an event sent again is a duplicate). The
        batch is checked whole first: one bad record and nothing of it is stored (422)."""
        try:
            records = json.loads(await request.body(), parse_constant=_no_constant)
        except RecursionError:
            detail = [{"location": "body", "error": "invalid JSON: nested too deeply"}]
            raise HTTPException(422, detail) from None
        except (ValueError, UnicodeDecodeError) as error:
            detail = [{"location": "body", "error": f"invalid JSON: {error}"}]
            raise HTTPException(422, detail) from None
        if not isinstance(records, list):
            raise HTTPException(422, [{"location": "body", "error": "expected a JSON array"}])
        current = monitor()
        store = current.store
        try:
            trial = gr.Intake(register, current.as_of, keep=False, claims=_Overlay(store))
            for n, record in enumerate(records):
                trial.add(f"body[{n}]", record)
            if trial.rejections:
                errors = [{"location": r.location, "error": r.error} for r in trial.rejections]
                raise HTTPException(422, errors)
            changed = current.ingest(records, location="POST /events")
        except BaseException as error:
            # A failed batch stores nothing, ever: its transaction ends here, and the
            # monitor, which took its events in, is made again from what is stored.
            store.rollback()
            if not isinstance(error, HTTPException):
                state["monitor"] = gr.Monitor(
                    register, as_of=current.as_of, policy=policy, lang=lang, store=store
                )
            if isinstance(error, gr.StoreError):
                raise HTTPException(503, str(error)) from None
            raise
        return {
            "input": trial.accounting.model_dump(),
            "changed": [_finding(f) for f in changed],
        }

    @app.get("/findings", responses={404: ERROR, 422: ERROR})
    async def get_findings(
        as_of: date | None = None,
        status: Status | None = None,
        officer: str | None = None,
        commune: str | None = None,
        period: int | None = Query(None, ge=1900, le=2999, description="a calendar year"),
        from_: Annotated[date | None, Query(alias="from")] = None,
        to: date | None = None,
    ) -> dict[str, Any]:
        """The findings, at the monitor's date or at ``as_of``, filtered; with ``period``
        (or ``from`` and ``to``), those due in the period and those still open at its end."""
        narrowed = _period(period, from_, to)
        for name, value, known in (
            ("officer", officer, [o.id for o in register.officers]),
            ("commune", commune, [c.id for c in register.communes]),
        ):
            if value is not None and value not in known:
                near = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
                hint = f" (did you mean '{near[0]}'?)" if near else ""
                error = f"unknown {name} '{value}'{hint}"
                raise HTTPException(404, [{"location": f"query.{name}", "error": error}])
        if as_of is not None:
            try:
                gr.model.in_range(as_of)
            except ValueError as error:
                detail = [{"location": "query.as_of", "error": str(error)}]
                raise HTTPException(422, detail) from None
        current = monitor()
        found = current.findings(as_of)
        found = [
            f
            for f in found
            if (status is None or f.status == status)
            and (officer is None or f.subject.officer == officer)
            and (commune is None or f.subject.commune == commune)
            and (narrowed is None or narrowed.holds(f))
        ]
        body: dict[str, Any] = {"as_of": (as_of or current.as_of).isoformat()}
        if narrowed is not None:
            body["period"] = {"from": narrowed.from_.isoformat(), "to": narrowed.to.isoformat()}
        return {**body, "findings": [_finding(f) for f in found]}

    @app.get("/obligations/due-soon")
    async def due_soon(days: int = Query(30, ge=0, le=3660)) -> dict[str, Any]:
        """The pending obligations due within ``days`` days, soonest first."""
        current = monitor()
        return {
            "as_of": current.as_of.isoformat(),
            "findings": [_finding(f) for f in current.due_soon(days)],
        }

    @app.get("/report.html", response_class=HTMLResponse, responses={422: ERROR})
    async def report_html(
        period: int | None = Query(None, ge=1900, le=2999, description="a calendar year"),
        from_: Annotated[date | None, Query(alias="from")] = None,
        to: date | None = None,
    ) -> HTMLResponse:
        """The printable report, as of the monitor's date, for a period or the whole
        history."""
        current = monitor()
        report = _report(current, _period(period, from_, to))
        return HTMLResponse(render_html(report, register, list(current.events.values()), lang))

    @app.get("/calendar.ics", responses={200: {"content": {"text/calendar": {}}}})
    async def calendar() -> Response:
        """The pending obligations as iCalendar events."""
        return Response(render_ics(_report(monitor()), lang), media_type="text/calendar")

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title, version=app.version, summary=app.summary, routes=app.routes
            )
            schema.setdefault("components", {}).setdefault("schemas", {}).update(
                EVENT_SCHEMA.get("$defs", {})
            )
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return _LimitBody(app, max_body)  # type: ignore[arg-type]


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _finding(finding: gr.Finding) -> dict[str, Any]:
    data: dict[str, Any] = finding.model_dump(mode="json", exclude_none=True)
    data["subject"] = {k: v for k, v in data.get("subject", {}).items() if v is not None}
    return data


def _period(year: int | None, start: date | None, end: date | None) -> gr.Period | None:
    """The period a query names, or ``None``; a query that names it wrong is a 422."""
    if year is not None and (start is not None or end is not None):
        error = "give period or from and to, not both"
        raise HTTPException(422, [{"location": "query.period", "error": error}])
    if year is not None:
        return gr.Period.year(year)
    if start is None and end is None:
        return None
    if start is None or end is None or end < start:
        error = "a period needs from and to, to on or after from"
        raise HTTPException(422, [{"location": "query.to", "error": error}])
    for name, day in (("from", start), ("to", end)):
        try:
            gr.model.in_range(day)
        except ValueError as error:
            raise HTTPException(422, [{"location": f"query.{name}", "error": str(error)}]) from None
    return gr.Period(from_=start, to=end)


def _report(current: gr.Monitor, period: gr.Period | None = None) -> gr.CheckReport:
    findings = current.findings()
    if period is not None:
        findings = [f for f in findings if period.holds(f)]
    return gr.CheckReport(
        as_of=current.as_of,
        province=current.register.province.id,
        backend="reference",
        period=period,
        policy=current.policy.model_dump(mode="json"),
        input=current.accounting,
        rejected=tuple(current.rejections),
        findings=tuple(findings),
        summary=gr.summarize(findings),
    )


def main(argv: list[str] | None = None) -> int:
    import uvicorn

    # Its lines name the province and the files, often in Vietnamese: a Windows service
    # wrapper writes them to a log in the system's code page (cp1258), which lacks most
    # Vietnamese letters as written, so they go out in UTF-8 there, as the command's do.
    utf8_streams()
    parser = argparse.ArgumentParser(description="Serve the monitor of one province over HTTP.")
    parser.add_argument("--register", required=True, type=Path)
    parser.add_argument("--store", required=True, type=Path)
    parser.add_argument("--policy", type=Path)
    parser.add_argument("--lang", choices=("vi", "en"), default="en")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--today", type=date.fromisoformat, help="pin the date (for tests)")
    args = parser.parse_args(argv)
    key = os.environ.get(API_KEY_VARIABLE, "")
    try:
        register = gr.load_register(args.register)
        policy = gr.load_policy(args.policy) if args.policy else None
        pinned = args.today
        app = create_app(
            register,
            args.store,
            api_key=key,
            today=(lambda: pinned) if pinned else None,
            policy=policy,
            lang=args.lang,
        )
    except (gr.GovernanceRulesError, ValueError) as error:
        print(f"service: error: {error}", file=sys.stderr)
        return 2
    print(
        f"service: {register.province.name} ({register.province.id}) on "
        f"http://{args.host}:{args.port}/, store {args.store}, register {args.register}",
        file=sys.stderr,
        flush=True,
    )
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The reference engine: a pure function of (register, policy, events, as_of) to findings.

Each template has one evaluator here; rules are values handed to them. Events are sorted
once (by local date, then id), so that results do not depend on input order, and each
evaluator walks them once per instance key.
"""

from __future__ import annotations

import bisect
import functools
import itertools
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from operator import itemgetter
from typing import Any, TypeVar

from .._gc import paused_gc
from ..errors import InputError, RegisterError
from ..i18n import event_noun, without_district
from ..model import (
    SUBJECT_KEYS,
    EventLike,
    Finding,
    Policy,
    Register,
    Status,
    Subject,
    Window,
    in_range,
    month_day_in,
    overlap,
    sorting_key,
    trusted,
    uncovered,
)
from ..rules import (
    CATALOGUE,
    Act,
    CalendarDeadline,
    Catalogue,
    Conformance,
    Coverage,
    DeadlineAfterTrigger,
    PeriodicDuty,
    Precedence,
    Recommendation,
    Rule,
    Stage,
)
from ._context import (
    ASSIGNMENT_TYPES,
    Assignment,
    Context,
    DatedEvent,
    Partition,
    Rejoin,
    checked,
    field_value,
    field_values,
    lead,
    partition_of,
)
from ._dates import add_days, add_months, quarter_end, quarter_start

Keys = dict[str, Any]
T = TypeVar("T")


@dataclass(frozen=True)
class Scope:
    """What an evaluation makes, when a caller asks for less than everything (the live
    monitor): see :func:`evaluate`'s arguments of the same names."""

    partition: Partition | None = None
    rules: Collection[str] | None = None
    since: Mapping[str, date] | None = None
    rejoin: Mapping[str, Rejoin] | None = None
    ordered: bool = True


WHOLE = Scope()
"""Every finding, sorted."""


def evaluate(
    register: Register,
    events: Iterable[EventLike],
    *,
    as_of: date,
    policy: Policy | None = None,
    catalogue: Catalogue | None = None,
    lang: str = "en",
    partition: Partition | None = None,
    rules: Collection[str] | None = None,
    since: Mapping[str, date] | None = None,
    rejoin: Mapping[str, Rejoin] | None = None,
    ordered: bool = True,
) -> list[Finding]:
    """Evaluate every rule of ``catalogue`` over ``events``, as of ``as_of``.

    The function reads no clock and no file. Events dated after ``as_of`` are ignored.
    Events are expected to be accepted input (see :class:`governance_rules.Intake`): an
    event whose references do not resolve fulfils nothing.

    Args:
        register: The province's register.
        events: Accepted events, in any order.
        as_of: The evaluation date (a local date of the province).
        policy: Policy values; the defaults when ``None``.
        catalogue: The rules; the Regulation's catalogue when ``None``.
        lang: The language of the messages: ``"vi"`` or ``"en"``, or a tag or locale of
            either (``"vi-VN"``, ``"vi_VN.UTF-8"``); another raises ``LanguageError``.
        partition: When given, only the findings of that partition (see
            :func:`partition_of`), and the others are not made where the engine can tell
            before making them: the live monitor evaluates a partition at a time.
        rules: When given, only the findings of the rules with these ids. The others are
            still read where one rule's findings depend on another's: an act that a check
            voids fulfils nothing for any rule.
        since: Rule id -> a date: the windows of that periodic duty due before the date are
            not made (an act on or after a window's due date never counts for it, so acts
            from that date on cannot change them): the live monitor keeps those it holds.
        rejoin: Rule id -> :class:`Rejoin`: the rolling windows of that periodic duty that
            the caller holds; a chain stops at the first window that rejoins them, and the
            :class:`Rejoin` tells where (the live monitor keeps its windows after that).
        ordered: When false, the findings of each rule are left in the order they were
            made, for a caller that sorts what it keeps (the live monitor).

    Returns:
        The findings, sorted by rule, subject and window start (by rule alone when not
        ``ordered``).

    Raises:
        RegisterError: If the register is inconsistent.
    """
    scope = Scope(partition, rules, since, rejoin, ordered)
    return run(Context, register, events, as_of, policy, catalogue, lang, scope)


def iter_evaluate(
    register: Register,
    events: Iterable[EventLike],
    *,
    as_of: date,
    policy: Policy | None = None,
    catalogue: Catalogue | None = None,
    lang: str = "en",
) -> Iterator[Finding]:
    """The findings of :func:`evaluate`, in the same order, made a rule at a time: only
    one rule's findings are held at once, for a caller that writes them as they come.

    Raises:
        RegisterError: If the register is inconsistent (at the first ``next``).
    """
    return iter_run(Context, register, events, as_of, policy, catalogue, lang)


def run(
    make_context: Callable[[Register, Policy, Iterable[EventLike], date, str], Context],
    register: Register,
    events: Iterable[EventLike],
    as_of: date,
    policy: Policy | None,
    catalogue: Catalogue | None,
    lang: str,
    scope: Scope = WHOLE,
) -> list[Finding]:
    """Evaluate with the templates' evaluators over a context made by ``make_context``.

    The context answers which events an act selects and binds to a subject; a backend
    supplies its own context and shares everything else.
    """
    return list(iter_run(make_context, register, events, as_of, policy, catalogue, lang, scope))


def iter_run(
    make_context: Callable[[Register, Policy, Iterable[EventLike], date, str], Context],
    register: Register,
    events: Iterable[EventLike],
    as_of: date,
    policy: Policy | None,
    catalogue: Catalogue | None,
    lang: str,
    scope: Scope = WHOLE,
) -> Iterator[Finding]:
    """:func:`run`, a rule id at a time: findings sort by rule first, so the rules taken in
    id order, each one's findings sorted, give the whole in order."""
    partition = scope.partition
    by_rule = _by_rule(make_context, register, events, as_of, policy, catalogue, lang, scope=scope)
    for found, led in by_rule:
        if partition is not None:
            found = (f for f in found if partition_of(f) == partition)
        if not scope.ordered:
            yield from found
            continue
        key = sorting_key()
        yield from _in_order(((key(f), f, f) for f in found), led)


def iter_compact(
    register: Register,
    events: Iterable[EventLike],
    compact: Callable[[Finding], T | None],
    *,
    as_of: date,
    policy: Policy | None = None,
    catalogue: Catalogue | None = None,
    lang: str = "en",
) -> Iterator[T]:
    """``compact(finding)`` for each finding of :func:`evaluate`, in the same order, but
    those it makes ``None`` (left out: a report of a period, say). Until its findings are
    sorted (those of one officer and commune, for a rule that makes them in that order:
    see :func:`_in_order`; else the rule's), each is held only as its compact value and its
    sort key packed in UTF-8 bytes, a fraction of the finding's memory (the JSON report
    holds each finding as its line of JSON); a finding left out is not held, nor its key
    worked out."""
    # Findings are not held: each shares its subject and window only with the one before.
    for found, led in _by_rule(Context, register, events, as_of, policy, catalogue, lang, False):
        key = packed_key()
        compacted = (
            (key(f).encode("utf-8", "surrogatepass"), value, f)
            for f in found
            if (value := compact(f)) is not None
        )
        yield from _in_order(compacted, led)


K = TypeVar("K", bytes, tuple[Any, ...])


def _in_order(found: Iterable[tuple[K, T, Finding]], led: bool) -> Iterator[T]:
    """The values of one rule's ``(sort key, value, finding)``, in the order of their keys.

    With ``led``, the findings come in the order of their subjects' lead (officer, then
    commune: ``lead`` of the engine's context), the first parts of their keys, so only
    the findings of one lead are held at a time, and sorted when the next lead begins:
    a rule's hundreds of thousands of findings in a long log are not all held at once.
    Otherwise they are all held, and sorted at the end.
    """
    held: list[tuple[K, T]] = []
    if not led:
        held.extend((key, value) for key, value, _ in found)
        held.sort(key=_first)
        yield from (value for _, value in held)
        return
    last = ("", "")
    for key, value, finding in found:
        subject = finding.__dict__["subject"].__dict__
        this = (subject["officer"] or "", subject["commune"] or "")
        if this != last:
            assert this > last, f"{finding.rule}: findings made out of their leads' order"
            held.sort(key=_first)
            yield from (value for _, value in held)
            held.clear()
            last = this
        held.append((key, value))
    held.sort(key=_first)
    yield from (value for _, value in held)


def _first(pair: tuple[K, Any]) -> K:
    return pair[0]


def packed_key() -> Callable[[Finding], str]:
    """:meth:`Finding.sort_key` without the rule, as one string that sorts the same way: the
    parts joined by the smallest characters, so that a shorter part sorts first as in a
    tuple. The subject's part is worked out once for findings in a row that share their
    subject (the windows of one assignment)."""
    last: Subject | None = None  # held, so that no other subject takes its place
    part = ""

    def key(finding: Finding) -> str:
        nonlocal last, part
        values = finding.__dict__
        subject, window = values["subject"], values["window"]
        if subject is not last:
            last, part = subject, "\x00".join(subject.sort_key())
        parts = [
            part,
            _window_key(window.start, window.due) if window else "",
            values["status"],
            "\x00".join(values["evidence"]),
        ]
        return "\x01".join(parts)

    return key


@functools.lru_cache(maxsize=1 << 16)
def _window_key(start: date, due: date) -> str:
    """A window's part of :func:`packed_key`: windows recur across findings."""
    return f"{start.isoformat()}\x00{due.isoformat()}"


def _by_rule(
    make_context: Callable[[Register, Policy, Iterable[EventLike], date, str], Context],
    register: Register,
    events: Iterable[EventLike],
    as_of: date,
    policy: Policy | None,
    catalogue: Catalogue | None,
    lang: str,
    share: bool = True,
    scope: Scope = WHOLE,
) -> Iterator[tuple[Iterator[Finding], bool]]:
    """The findings of each rule id in turn (in id order), unsorted, with whether they come
    in the order of their subjects' lead (see :func:`_in_order`); each to be consumed
    before the next is asked for. With ``share``, a rule's findings share equal subjects and
    windows; the ``scope``'s rules alone, when it names them."""
    problems = checked(register)
    if problems:
        raise RegisterError(problems)
    try:
        in_range(as_of)
    except ValueError as error:
        raise InputError("as_of", str(error)) from None
    with paused_gc():
        ctx = make_context(register, policy or Policy(), events, as_of, lang)
        ctx.share = share
        ctx.asked = scope.partition
        ctx.since = scope.since or {}
        ctx.rejoin = scope.rejoin or {}
        only = scope.rules
        rules = sorted(catalogue or CATALOGUE, key=lambda rule: rule.id)
        ctx.compile_acts(rules)
        try:
            ctx.void = frozenset(_voided(rules, ctx))
            for rule_id, group in itertools.groupby(rules, key=lambda rule: rule.id):
                if only is not None and rule_id not in only:
                    continue
                ctx.subjects.clear()  # shared within a rule's findings, not held beyond
                ctx.windows.clear()
                ctx.forget_indexes()  # each rule builds the few it reads
                versions = list(group)
                # One version of a template that makes its findings lead by lead; the
                # versions of a rule are made one after the other, each in its own order.
                led = len(versions) == 1 and type(versions[0].template) in _LED
                found = itertools.chain.from_iterable(_found(rule, ctx) for rule in versions)
                yield found, led
        finally:
            ctx.close()


def _found(rule: Rule, ctx: Context) -> Iterator[Finding]:
    """The findings of one rule (one version), in the order its evaluator makes them."""
    evaluator: Callable[[Rule, Any, Context], Iterator[Finding]] = _EVALUATORS[type(rule.template)]
    found = evaluator(rule, rule.template, ctx)
    if rule.valid_from or rule.valid_to or rule.scope:
        return (f for f in found if _applies(rule, f, ctx))
    return found


def _applies(rule: Rule, finding: Finding, ctx: Context) -> bool:
    """Whether a finding belongs to this version and scope of its rule."""
    if finding.window is not None and not rule.in_force(finding.window.start):
        return False
    scope = rule.scope
    if scope is None:
        return True
    commune = finding.subject.commune
    if commune is None:
        return False
    if commune in scope.communes:
        return True
    entry = ctx.communes.get(commune)
    if entry is None:
        return False
    day = finding.window.start if finding.window is not None else ctx.as_of
    return ctx.timeline.district_of(commune, day) in scope.districts or entry.kind in scope.kinds


def _finding(
    ctx: Context,
    rule: Rule,
    status: Status,
    keys: Mapping[str, Any],
    window: tuple[date, date] | None,
    evidence: Iterable[str],
    message: str,
    bearer: str | None = None,
) -> Finding:
    # Subjects and windows are immutable and recur (the windows of one assignment, the
    # days of many acts): one object each, shared by the findings of a rule that are held;
    # findings that are not held share them with the finding made just before.
    values = tuple(map(keys.get, SUBJECT_KEYS))
    subject = ctx.subjects.get(values)
    if subject is None:
        subject = trusted(Subject, dict(zip(SUBJECT_KEYS, values, strict=True)))
        if not ctx.share:
            ctx.subjects.clear()
        ctx.subjects[values] = subject
    span = None
    if window is not None:
        span = ctx.windows.get(window)
        if span is None:
            span = trusted(Window, {"start": window[0], "due": window[1]})
            if not ctx.share:
                ctx.windows.clear()
            ctx.windows[window] = span
    return trusted(
        Finding,
        {
            "rule": rule.id,
            "status": status,
            "subject": subject,
            "window": span,
            "evidence": tuple(evidence),
            "clauses": rule.clauses,
            "message": message,
            "bearer": bearer or rule.bearer[0],
        },
    )


def _status(day: date | None, due: date, as_of: date) -> Status:
    if day is not None:
        return "fulfilled" if day <= due else "late"
    return "violated" if due < as_of else "pending"


def _dedupe(items: Iterable[DatedEvent]) -> list[DatedEvent]:
    unique = {item.id: item for item in items}
    return sorted(unique.values(), key=lambda i: (i.day, i.id))


# Periodic duty.


def _periodic(rule: Rule, t: PeriodicDuty, ctx: Context) -> Iterator[Finding]:
    interval = ctx.param(t.interval_months)
    quarterly = ctx.setting(t.cadence) == "calendar_quarter"
    rejoin = ctx.rejoin.get(rule.id)
    for a in ctx.by_lead:
        exempt = t.exempt_agency_heads and a.officer in ctx.agency_heads
        if exempt or not ctx.wanted(a.commune, a.officer):
            continue
        keys = {"officer": a.officer, "commune": a.commune, "term": a.term}
        acts = [
            item
            for item in _dedupe(i for act in t.acts for i in ctx.candidates(act, keys))
            if a.active_on(item.day)
        ]
        lo = max(a.start, ctx.effective)
        if lo > a.end or lo > ctx.as_of:
            continue
        if quarterly:
            yield from _quarters(rule, ctx, a, keys, acts, lo)
        else:
            # A subject that two assignments share (officer, commune, term) never rejoins.
            pair = ctx.assignments_of(a.officer, a.commune)
            alone = rejoin is not None and sum(b.term == a.term for b in pair) == 1
            yield from _rolling(rule, ctx, a, keys, acts, lo, interval, rejoin if alone else None)


def _rolling(
    rule: Rule,
    ctx: Context,
    a: Assignment,
    keys: Keys,
    acts: list[DatedEvent],
    start: date,
    interval: int,
    rejoin: Rejoin | None = None,
) -> Iterator[Finding]:
    say, noun, text = ctx.say, rule.act(ctx.say.lang), ctx.say.subject(keys)
    several = len(rule.template.fulfilling()[0]) > 1
    since = ctx.since.get(rule.id, date.min)
    values = tuple(map(keys.get, SUBJECT_KEYS)) if rejoin is not None else ()
    first, p = True, 0
    while start <= ctx.as_of:
        # Where the chain rejoins the caller's windows, this one is made and the rest kept.
        rejoined = False
        if rejoin is not None and not first and start > rejoin.after:
            rejoined = (values, start) in rejoin.starts
            if rejoined:
                rejoin.at[values] = start
        due, note = ctx.due(add_months(start, interval))
        # The first window counts acts from its start; later ones only acts after it.
        while p < len(acts) and (acts[p].day < start if first else acts[p].day <= start):
            p += 1
        made = due >= since  # a window due before `since` is walked, not made
        if p < len(acts) and acts[p].day <= min(due, a.end):
            act = acts[p]
            if made:
                named = _naming(ctx, noun, act) if several else noun
                done = say.window_done(text, named, act.id, act.day, start, due)
                message = say.noted(done, note)
                yield _finding(ctx, rule, "fulfilled", keys, (start, due), [act.id], message)
            if rejoined:
                return
            start, first, p = act.day, False, p + 1
            continue
        if a.end < due:
            return  # cut off by the assignment's end and not fulfilled: not owed
        if due < ctx.as_of:
            if made:
                message = say.noted(say.window_missed(text, noun, start, due), note)
                yield _finding(ctx, rule, "violated", keys, (start, due), [], message)
            if rejoined:
                return
            start, first = due, False
            continue
        if made:
            message = say.noted(say.window_open(text, noun, start, due), note)
            yield _finding(ctx, rule, "pending", keys, (start, due), [], message)
        return


def _quarters(
    rule: Rule, ctx: Context, a: Assignment, keys: Keys, acts: list[DatedEvent], lo: date
) -> Iterator[Finding]:
    say, noun, text = ctx.say, rule.act(ctx.say.lang), ctx.say.subject(keys)
    several = len(rule.template.fulfilling()[0]) > 1
    since = ctx.since.get(rule.id, date.min)
    start = quarter_start(lo)
    if start < lo:
        start = add_months(start, 3)
    days = [item.day for item in acts]
    while start <= ctx.as_of:
        end = quarter_end(start)
        if end > a.end:
            return  # a quarter the assignment does not fully cover is not owed
        # Judged on its own: an act on its moved due date may count for the next one too.
        due, note = ctx.due(end)
        if due < since:  # not made (see evaluate's since)
            start = end + timedelta(days=1)
            continue
        p = bisect.bisect_left(days, start)
        if p < len(acts) and acts[p].day <= due:
            act = acts[p]
            named = _naming(ctx, noun, act) if several else noun
            message = say.noted(say.window_done(text, named, act.id, act.day, start, due), note)
            yield _finding(ctx, rule, "fulfilled", keys, (start, due), [act.id], message)
        elif due < ctx.as_of:
            message = say.noted(say.window_missed(text, noun, start, due), note)
            yield _finding(ctx, rule, "violated", keys, (start, due), [], message)
        else:
            message = say.noted(say.window_open(text, noun, start, due), note)
            yield _finding(ctx, rule, "pending", keys, (start, due), [], message)
        start = end + timedelta(days=1)


# Deadlines.


def _resolve(
    rule: Rule,
    ctx: Context,
    keys: Keys,
    window: tuple[date, date],
    candidates: list[DatedEvent],
    unfit: Callable[[DatedEvent], str | None],
    trigger: tuple[str, str, date] | None = None,
    note: str = "",
    noun: str | None = None,
    several: bool = False,
) -> Finding | None:
    """One deadline instance: the first fitting candidate decides; near misses explain.

    Evidence (SPEC section 6): the trigger, the earliest act that counts, then, unless the
    instance is fulfilled, every near miss (before or after that act) in date and id order.
    An instance about a commune that falls due after the commune's last day is owed only as
    far as that day: it is reported only if fulfilled by then (``None`` otherwise).
    """
    say, text = ctx.say, ctx.say.subject(keys)
    noun = noun or rule.act(ctx.say.lang)
    due = window[1]
    hit: DatedEvent | None = None
    misses: list[tuple[DatedEvent, str]] = []
    for item in candidates:
        reason = unfit(item)
        if reason is not None:
            misses.append((item, reason))
        elif hit is None:
            hit = item
            if item.day <= due:
                break  # fulfilled: near misses are not listed
    until = ctx.timeline.until(keys.get("commune"))
    if until is not None and due > until and (hit is None or hit.day > until):
        return None
    status = _status(hit.day if hit else None, due, ctx.as_of)
    if hit is not None:
        named = _naming(ctx, noun, hit) if several else noun
        message = say.deadline_done(text, named, hit.id, hit.day, due, trigger)
    elif status == "violated":
        message = say.deadline_missed(text, noun, due, trigger)
    else:
        message = say.deadline_open(text, noun, due, trigger)
    message = say.noted(message, note)
    evidence = [trigger[1]] if trigger else []
    if hit is not None:
        evidence.append(hit.id)
    if status != "fulfilled":
        message += "".join(reason for _, reason in misses)
        evidence.extend(item.id for item, _ in misses)
    return _finding(ctx, rule, status, keys, window, evidence, message)


def _deadline(rule: Rule, t: DeadlineAfterTrigger, ctx: Context) -> Iterator[Finding]:
    days = ctx.param(t.days)
    noun = rule.trigger(ctx.say.lang) if rule.trigger else rule.id
    for trig in ctx.of_type(t.trigger.type):
        if trig.day < ctx.effective or not ctx.selects(t.trigger, trig):
            continue
        keys: Keys = {k: getattr(trig.event, f, None) for k, f in t.subject.items()}
        if not ctx.wanted(keys.get("commune"), keys.get("officer")):
            continue
        keys["event"] = trig.id
        bind = {**keys, "trigger": trig.id}
        due, note = ctx.due(add_days(trig.day, days))
        pairs = [(act, item) for act in t.responses for item in ctx.candidates(act, bind)]
        pairs.sort(key=lambda pair: (pair[1].day, pair[1].id))
        acts = {item.id: act for act, item in pairs}

        def unfit(
            item: DatedEvent,
            trig: DatedEvent = trig,
            keys: Keys = keys,
            acts: dict[str, Act] = acts,
        ) -> str | None:
            act = acts[item.id]
            if act.not_before_trigger and item.day < trig.day:
                return ctx.say.before_trigger(item.id, item.day, trig.id)
            return ctx.unfit(act, item, keys.get("commune"))

        candidates = _dedupe(item for _, item in pairs)
        trigger = (noun, trig.id, trig.day)
        several = len(t.responses) > 1
        window = (trig.day, due)
        act = None
        commune = keys.get("commune")
        if commune is not None and ctx.timeline.district_of(str(commune), trig.day) is None:
            act = without_district(rule.act(ctx.say.lang))  # a province of two levels
        found = _resolve(rule, ctx, keys, window, candidates, unfit, trigger, note, act, several)
        if found is not None:
            yield found


def _stage_dates(ctx: Context, stage: Stage, year: int, term_key: str | None) -> tuple[date, date]:
    """(the period's last day, the due date) of a stage."""
    plus = ctx.param(stage.plus_days)
    on = ctx.setting(stage.on) if stage.on else "12-31"
    if stage.anchor == "effective":
        end = ctx.effective
    elif stage.anchor == "in_year":
        end = month_day_in(year, on)
    elif stage.anchor == "in_next_year":
        return date(year, 12, 31), add_days(month_day_in(year + 1, on), plus)
    else:
        term = ctx.terms[term_key or ""]
        end = term.midpoint if stage.anchor == "term_midpoint" else term.end
    return end, add_days(end, plus)


def _owed(
    ctx: Context, t: CalendarDeadline, assignments: Iterable[Assignment], first: date, last: date
) -> bool:
    if t.owed is None:
        return True
    need = max(1, ctx.param(t.owed.min_active_days))
    for a in assignments:
        if t.owed.active_on_period_end and not a.active_on(last):
            continue
        if a.active_days(max(first, ctx.effective), last) >= need:
            return True
    return False


def _calendar_instances(
    t: CalendarDeadline, ctx: Context
) -> Iterator[tuple[Keys, date, list[Assignment]]]:
    """A calendar deadline's instances, as they are asked for: their keys, the start of
    their window and the assignments that make them owed; by officer, then commune."""
    years = range(ctx.effective.year, ctx.as_of.year + 1)
    if t.per == "once":
        yield {}, ctx.effective, []
    elif t.per == "term":
        for term in ctx.register.terms:
            yield {"term": term.id}, max(term.start, ctx.effective), []
    elif t.per == "year":
        for y in years:
            yield {"year": y}, date(y, 1, 1), ctx.assignments
    elif t.per == "officer_year":
        for officer in sorted({a.officer for a in ctx.assignments}):
            scope = ctx.assignments_by(officer)
            for y in _years_owed(t, years, scope):
                yield {"officer": officer, "year": y}, date(y, 1, 1), scope
    else:
        for a in ctx.by_lead:
            if not ctx.wanted(a.commune, a.officer):
                continue
            keys = {"officer": a.officer, "commune": a.commune, "term": a.term}
            for y in _years_owed(t, years, [a]):
                yield {**keys, "year": y}, max(date(y, 1, 1), a.start), [a]


def _years_owed(t: CalendarDeadline, years: range, scope: list[Assignment]) -> Iterable[int]:
    """The ``years`` in which an instance of ``scope`` can be owed. One owed only for a
    year in which an assignment of it is active (``owed``, every stage's period ending in
    its year) is not owed in a year none is active: those years are left out, where a long
    history made an instance for every year of it and every assignment."""
    within = all(stage.anchor in ("in_year", "in_next_year") for stage in t.stages)
    if t.owed is None or not within:
        return years
    spans = [(a.start.year, a.end.year) for a in scope if a.start <= a.end]
    return [y for y in years if any(first <= y <= last for first, last in spans)]


def _calendar(rule: Rule, t: CalendarDeadline, ctx: Context) -> Iterator[Finding]:
    for base, begin, scope in _calendar_instances(t, ctx):
        start = max(begin, ctx.effective)
        if start > ctx.as_of or not ctx.wanted(base.get("commune"), base.get("officer")):
            continue
        for stage in t.stages:
            year = base.get("year", start.year)
            last, end = _stage_dates(ctx, stage, year, base.get("term"))
            due, note = ctx.due(end)
            if start > due:
                continue
            if "year" in base and not _owed(ctx, t, scope, date(year, 1, 1), last):
                continue
            keys = dict(base)
            if stage.kind is not None:
                keys["kind"] = stage.kind
            if t.period is not None:
                keys["period"] = t.period.format(year=year)
            commune = keys.get("commune")

            def unfit(
                item: DatedEvent, commune: str | None = commune, start: date = start
            ) -> str | None:
                if t.act.not_before_start and item.day < start:
                    return ctx.say.before_window(item.id, item.day, start)
                return ctx.unfit(t.act, item, commune)

            candidates = ctx.candidates(t.act, keys)
            # a stage of one kind names its act by it: hội nghị sơ kết, hội nghị tổng kết
            kind = event_noun(t.act.type, stage.kind, ctx.say.lang) if stage.kind else None
            found = _resolve(rule, ctx, keys, (start, due), candidates, unfit, None, note, kind)
            if found is not None:
                yield found


def _naming(ctx: Context, noun: str, item: DatedEvent) -> str:
    """The noun that names ``item``, where a rule takes several kinds of act: the event's
    own (``chuyến công tác``, ``kết thúc phân công``), else the rule's act."""
    event = item.event
    kind = field_value(event, "body") or field_value(event, "kind")
    return event_noun(str(field_value(event, "type") or ""), kind, ctx.say.lang) or noun


# Precedence, recommendation, conformance, coverage.


def _precedence(rule: Rule, t: Precedence, ctx: Context) -> Iterator[Finding]:
    days = ctx.param(t.within_days)
    say, noun = ctx.say, rule.act(ctx.say.lang)
    what = event_noun(t.act.type, None, say.lang) or ""  # the act that needs the one before
    bound = tuple(t.preceded_by.bindings())
    dates: dict[tuple[Any, ...], list[date]] = {}  # the candidates' days, per binding
    acts = [
        item
        for item in ctx.of_type(t.act.type)
        if item.day >= ctx.effective and ctx.selects(t.act, item)
    ]
    for part in ("commune", "officer"):  # by lead, two stable sorts; in time order within one
        if part in t.subject:
            acts.sort(key=_bound_value(t.subject[part]))
    for item in acts:
        keys: Keys = {k: field_values(item.event, f)[0] for k, f in t.subject.items()}
        if not ctx.wanted(keys.get("commune"), keys.get("officer")):
            continue
        earlier = ctx.candidates(t.preceded_by, keys)
        key = tuple(keys[k] for k in bound)
        if key not in dates:
            dates[key] = [i.day for i in earlier]
        # The look-back: from `days` before the act to the act's day, both inclusive.
        lo = bisect.bisect_left(dates[key], item.day - timedelta(days=days))
        hi = bisect.bisect_right(dates[key], item.day)
        text = ctx.say.subject(keys)
        window = (item.day, item.day)
        if lo < hi:
            first = earlier[lo]  # the earliest that counts (SPEC section 6)
            message = say.preceded(text, item.id, item.day, noun, first.id, first.day, what)
            yield _finding(ctx, rule, "fulfilled", keys, window, [item.id, first.id], message)
            continue
        latest = (earlier[lo - 1].id, earlier[lo - 1].day) if lo > 0 else None
        message = say.not_preceded(text, item.id, item.day, noun, days, latest, what)
        # Acts in the look-back that a check voided (outside the officer's assignments).
        since = item.day - timedelta(days=days)
        voided = [
            i
            for i in ctx.candidates(t.preceded_by, keys, voided=True)
            if since <= i.day <= item.day and i.id in ctx.void
        ]
        for near in voided:
            officer = str(getattr(near.event, "officer", ""))
            commune = str(getattr(near.event, "commune", ""))
            message += say.outside_assignments(near.id, near.day, officer, commune)
        evidence = [item.id, *(i.id for i in voided)]
        yield _finding(ctx, rule, "violated", keys, window, evidence, message)


def _bound_value(field: str) -> Callable[[DatedEvent], str]:
    """The value an act binds from ``field`` (a list's first), as its lead sorts it."""

    def value(item: DatedEvent) -> str:
        return str(field_values(item.event, field)[0] or "")

    return value


def _recommendation(rule: Rule, t: Recommendation, ctx: Context) -> Iterator[Finding]:
    say, noun = ctx.say, rule.act(ctx.say.lang)
    for a in ctx.by_lead:
        lo = max(a.start, ctx.effective)
        if lo > a.end or not ctx.wanted(a.commune, a.officer):
            continue
        keys: Keys = {"officer": a.officer, "commune": a.commune, "term": a.term}
        acts = ctx.candidates(t.act, keys)
        until = ctx.timeline.until(a.commune)
        for year in range(lo.year, min(a.end, ctx.as_of).year + 1):
            start, due = max(date(year, 1, 1), lo), date(year, 12, 31)
            if start > ctx.as_of:
                break
            last = min(due, a.end)
            hit = next((i for i in acts if start <= i.day <= last), None)
            if hit is None and until is not None and until < due:
                continue  # the commune ends before the year does: owed only if observed
            ykeys = {**keys, "year": year}
            text = ctx.say.subject(ykeys)
            if hit is not None:
                message = say.observed(text, noun, hit.id, hit.day)
                yield _finding(ctx, rule, "observed", ykeys, (start, due), [hit.id], message)
            elif due < ctx.as_of:
                message = say.not_observed(text, noun, year)
                yield _finding(ctx, rule, "not_observed", ykeys, (start, due), [], message)
            else:
                message = say.not_yet_observed(text, noun, year, due)
                yield _finding(ctx, rule, "pending", ykeys, (start, due), [], message)


def _passes(
    ctx: Context,
    item: DatedEvent,
    keys: Keys,
    test: str,
    field: str,
    values: tuple[str, ...],
) -> tuple[bool, Callable[[], str]]:
    """Whether the act passes the check, and its verdict in words, made only when a
    finding says it (a check that reports only failures examines many acts that pass)."""
    say, event = ctx.say, item.event
    if test == "one_of":
        value = str(getattr(event, field))
        return value in values, lambda: say.went(value, values)
    if test == "contains_all":
        present = set(field_values(event, field))
        missing = [v for v in values if v not in present]
        return not missing, lambda: say.covers(missing)
    if test == "contains_officer":
        ok = keys["officer"] in field_values(event, field)
        return ok, lambda: say.invited(keys["officer"], ok)
    if test == "within_term":
        term = ctx.terms.get(str(getattr(event, field)))
        span = (term.start, term.end) if term else None
        ok = term is not None and term.start <= item.day <= term.end
        return ok, lambda: say.in_term(str(getattr(event, field)), span, ok)
    ok, officer, commune = _assigned(ctx, item, field)
    return ok, lambda: say.unassigned(officer, commune)


def _assigned(ctx: Context, item: DatedEvent, field: str) -> tuple[bool, str, str]:
    """Whether the officer in ``field`` is actively assigned to the act's commune on its
    day, with the officer and the commune."""
    event = item.event
    officer, commune = str(getattr(event, field)), str(getattr(event, "commune", ""))
    return ctx.is_assigned(officer, commune, item.day), officer, commune


def _examined(
    t: Conformance, ctx: Context, failing: bool = False
) -> Iterator[tuple[int, DatedEvent, Keys, bool, Callable[[], str]]]:
    """Every examined (check index, event, subject keys, passes, verdict), in the order of
    the subjects' lead (:func:`lead`), then of the checks, then of time; with ``failing``,
    only those that fail."""
    # What is examined, by lead, before any subject or verdict is made: (officer, commune,
    # check index, event, the officer a check of each assigned officer examines).
    examined: list[tuple[str, str, int, DatedEvent, str | None]] = []
    for n, check in enumerate(t.checks):
        items = (
            ctx.all_of_type(check.act.type) if t.voids_failing_acts else ctx.of_type(check.act.type)
        )
        # Whether an act is assigned is known before its subject is (a check of every
        # visit, contact and raised issue, most of which pass).
        early = failing and check.require.test == "assigned" and not check.per_assigned_officer
        name = check.require.field
        for item in items:
            if not ctx.selects(check.act, item):
                continue
            if early and _assigned(ctx, item, name)[0]:
                continue
            officer, commune = lead(_subject_of(check.subject, item))
            if not check.per_assigned_officer:
                examined.append((officer, commune, n, item, None))
                continue
            named = getattr(item.event, "commune", "")
            assigned = {a.officer for a in ctx.assignments_in(named) if a.active_on(item.day)}
            examined.extend((o, commune, n, item, o) for o in sorted(assigned))
    # By lead, as two stable sorts on the strings themselves (no key tuple an act, of
    # hundreds of thousands): by check, then time, within a lead.
    examined.sort(key=_COMMUNE)
    examined.sort(key=_OFFICER)
    for _, _, n, item, each in examined:
        req = t.checks[n].require
        keys = _subject_of(t.checks[n].subject, item)
        if each is not None:
            keys["officer"] = each
        ok, verdict = _passes(ctx, item, keys, req.test, req.field, req.values)
        if not (failing and ok):
            yield n, item, keys, ok, verdict


_OFFICER, _COMMUNE = itemgetter(0), itemgetter(1)


def _subject_of(subject: Mapping[str, str], item: DatedEvent) -> Keys:
    """A check's subject keys of an examined act: each key's field (a list's first item)."""
    keys: Keys = {}
    for k, f in subject.items():
        value = field_value(item.event, f)
        if isinstance(value, tuple | list):
            value = value[0] if value else None
        keys[k] = value
    return keys


def _voided(rules: Iterable[Rule], ctx: Context) -> Iterator[str]:
    for rule in rules:
        t = rule.template
        if isinstance(t, Conformance) and t.voids_failing_acts:
            # Kept for the rule's own findings, so that its events are examined once (only
            # the failures, where the rule reports only those).
            examined = list(_examined(t, ctx, failing=t.only_failures))
            ctx.examined[id(t)] = examined
            yield from (item.id for _, item, _, ok, _ in examined if not ok)


def _conformance(rule: Rule, t: Conformance, ctx: Context) -> Iterator[Finding]:
    examined = ctx.examined.pop(id(t), None)
    for n, item, keys, ok, verdict in examined if examined is not None else _examined(t, ctx):
        if item.day < ctx.effective or (ok and t.only_failures):
            continue
        if not ctx.wanted(keys.get("commune"), keys.get("officer")):
            continue
        noun = t.checks[n].noun(ctx.say.lang)
        message = ctx.say.examined(ctx.say.subject(keys), noun, item.id, item.day, verdict())
        status: Status = "fulfilled" if ok else "violated"
        window = (item.day, item.day)
        yield _finding(ctx, rule, status, keys, window, [item.id], message, t.checks[n].bearer)


def _coverage(rule: Rule, t: Coverage, ctx: Context) -> Iterator[Finding]:
    grace = ctx.param(t.grace_days)
    for term in ctx.register.terms:
        lo = max(add_days(term.start, grace), ctx.effective)
        hi = min(term.end, ctx.as_of)
        if lo > hi:
            continue
        for commune in ctx.register.communes:
            if not ctx.wanted(commune.id, None):
                continue  # not asked for
            owed = overlap((lo, hi), commune.span)  # the days the commune exists only
            if owed is None:
                continue
            spans = [(a.start, a.end) for a in ctx.assignments_in(commune.id) if a.start <= a.end]
            for s, e in uncovered(owed, spans):
                district = ctx.timeline.district_of(commune.id, s)
                keys = {"commune": commune.id, "district": district, "term": term.id}
                open_ = e == ctx.as_of and min(term.end, commune.last) > ctx.as_of
                message = ctx.say.gap(ctx.say.subject(keys), s, e, open_)
                yield _finding(ctx, rule, "violated", keys, (s, e), [], message)


_EVALUATORS: dict[type, Callable[[Rule, Any, Context], Iterator[Finding]]] = {
    PeriodicDuty: _periodic,
    DeadlineAfterTrigger: _deadline,
    CalendarDeadline: _calendar,
    Precedence: _precedence,
    Recommendation: _recommendation,
    Conformance: _conformance,
    Coverage: _coverage,
}

_LED = frozenset({PeriodicDuty, CalendarDeadline, Precedence, Recommendation, Conformance})
"""The templates whose evaluators make their findings in the order of their subjects' lead
(officer, then commune): assignment by assignment (``Context.by_lead``), or acts sorted by
their lead; a deadline's triggers and a coverage's gaps come in time order."""


def assignments(
    register: Register, events: Iterable[EventLike], *, as_of: date
) -> list[Assignment]:
    """The assignments the events decide, each with its active period, as of ``as_of``.

    An assignment is active from its decision date to the earliest of its
    ``assignment.ended`` date, its term's end and its commune's ``until`` (all inclusive).
    """
    # Only the assignments' own events decide them: a report's view of a long history asks
    # this of a million events, of which a few thousand are assignments.
    decided = [e for e in events if e.type in ASSIGNMENT_TYPES]  # type: ignore[attr-defined]
    return Context(register, Policy(), decided, as_of, "en").assignments

"""The durable_rules backend: the catalogue's acts compiled into durable_rules rulesets.

Every :class:`~governance_rules.rules.Act` of every rule becomes one ruleset with two rules:

``select``
    one pattern on the event (its type, the ``where`` values, the ``any_of`` list items),
    which tells which triggers and examined events a rule considers;
``bind``
    a join of a *query* fact (an obligation's subject) with the event pattern plus the
    act's bindings (``officer``, ``commune``, ``year``, ``term``, ``kind``, the referred
    event, the period label), which tells which events are an obligation's candidate acts.

The windows, due dates, statuses and messages are the templates' own evaluators, shared
with the reference engine: rolling windows start where the previous act fell (a fold over
time, not a pattern), and calendar arithmetic (months clamped to month ends, the term's
midpoint) is plain date arithmetic. The clock is the evaluation's ``as_of``: durable_rules'
wall-clock timers are never started.

Each evaluation owns its :class:`durable.engine.Host`, with the background dispatch threads
disabled, so that every action runs inside the call that caused it; its rulesets are
deleted when it ends. Facts are spread over sessions by their first binding value, since a
session holds a bounded number of messages and de-duplicates them by a 32-bit hash without
a full comparison: a distinct fact refused as "already observed" is a hash collision, and is
asserted again with a salt; a second refusal is a backend failure, never a silent drop.
"""

from __future__ import annotations

import itertools
import zlib
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any

from ..errors import BackendError
from ..model import EventLike, Finding, Policy, Register
from ..rules import Act, Catalogue, Rule
from ._context import Context, DatedEvent, field_values
from ._reference import run

SESSIONS = 256
"""Sessions per ruleset, well under durable_rules' limit of 1024."""

SALTS = 2
"""How many times a fact refused as already observed is asserted again with a salt."""

_serial = itertools.count()


def evaluate(
    register: Register,
    events: Iterable[EventLike],
    *,
    as_of: date,
    policy: Policy | None = None,
    catalogue: Catalogue | None = None,
    lang: str = "en",
) -> list[Finding]:
    """Evaluate like :func:`governance_rules.evaluate`, matching acts with durable_rules.

    The arguments and the result are those of the reference engine, and so are the
    findings: the two engines agree on every field.

    Raises:
        BackendError: If ``durable-rules`` is not installed (the ``durable`` extra), or if
            it failed during the evaluation.
        RegisterError: If the register is inconsistent.
    """
    _engine()  # fail before any work when the extra is missing
    return run(_DurableContext, register, events, as_of, policy, catalogue, lang)


def _engine() -> Any:
    try:
        import durable.engine
    except ImportError as error:
        raise BackendError(
            "the durable backend needs the 'durable' extra: "
            f"pip install 'governance-rules[durable]' ({error})"
        ) from None
    return durable.engine


def _patterns(act: Act) -> list[list[dict[str, Any]]]:
    """The event patterns of an act, one per combination of its allowed values.

    ``where`` and ``any_of`` are disjunctions; they are spread over several rules rather
    than written as ``$or``, because durable_rules 2.0.28 drops the joins of a pattern that
    holds an ``$or`` (a fact of another commune matched a query for this one).
    """
    base: list[dict[str, Any]] = [{"f": "e"}, {"type": act.type}]
    choices: list[list[dict[str, Any]]] = [
        [{name: value} for value in allowed] for name, allowed in act.where.items()
    ]
    choices += [
        [{"$iany": {name: {"$i": value}}} for value in wanted]
        for name, wanted in act.any_of.items()
    ]
    return [base + list(combo) for combo in itertools.product(*choices)]


def ruleset(act: Act) -> dict[str, Any]:
    """The durable_rules definition of an act (see the module's documentation)."""
    joins: list[dict[str, Any]] = [{f"k_{key}": {"q": f"v_{key}"}} for key in act.bindings()]
    if act.period is not None:
        joins.append({"period": {"q": "v_period"}})
    rules: dict[str, Any] = {}
    for n, pattern in enumerate(_patterns(act)):
        rules[f"select_{n}"] = {"all": [{"e": {"$and": pattern}}], "run": "selected"}
        bound = {"$and": pattern + joins}
        rules[f"bind_{n}"] = {"all": [{"q": {"f": "q"}}, {"e": bound}], "run": "bound"}
    return rules


def _json(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [_json(v) for v in value]
    return value if isinstance(value, str | int | float | bool) else str(value)


def _session(values: Iterable[Any]) -> str:
    first = next(iter(values), "")
    return str(zlib.crc32(str(first).encode()) % SESSIONS)


class _Compiled:
    """One act's ruleset in a host, with the facts of its events asserted."""

    def __init__(self, matcher: _Matcher, act: Act, items: list[DatedEvent]) -> None:
        self.name = f"governance_rules_{next(_serial)}"
        self.act = act
        self.keys = tuple(act.bindings())
        self.matcher = matcher
        self.selected: set[str] = set()
        self.found: list[str] = []
        self.memo: dict[tuple[Any, ...], list[str]] = {}
        matcher.current = self
        matcher.host.set_rulesets({self.name: ruleset(act)})
        self.ruleset = matcher.host.get_ruleset(self.name)
        fields = [*act.where, *act.any_of] + (["period"] if act.period else [])
        bindings = act.bindings()
        for item in items:
            event = item.event
            base: dict[str, Any] = {"f": "e", "eid": item.id, "type": act.type}
            for name in fields:
                value = getattr(event, name, None)
                if value is not None:
                    base[name] = _json(value)
            combos: list[tuple[Any, ...]] = [()]
            for key in self.keys:
                values = field_values(event, bindings[key])
                combos = [(*c, v) for c in combos for v in dict.fromkeys(values)]
            for combo in combos:
                fact = dict(base, sid=_session(combo))
                for k, v in zip(self.keys, combo, strict=True):
                    fact[f"k_{k}"] = _json(v)
                matcher.call("assert_fact", self.name, fact)
            if not combos:  # a binding field without a value: it can only be selected
                matcher.call("assert_fact", self.name, {**base, "sid": _session(())})

    def candidates(self, subject: Mapping[str, Any]) -> list[str]:
        """The ids of the act's events bound to ``subject``, in the order found."""
        values = tuple(subject.get(k) for k in self.keys)
        period = self.act.period.format(**subject) if self.act.period else None
        key = (*values, period)
        if key in self.memo:
            return self.memo[key]
        query: dict[str, Any] = {"f": "q", "qid": next(_serial), "sid": _session(values)}
        for k, v in zip(self.keys, values, strict=True):
            if v is not None:
                query[f"v_{k}"] = _json(v)
        if period is not None:
            query["v_period"] = period
        self.found = []
        self.matcher.call("assert_fact", self.name, query)
        self.matcher.call("retract_fact", self.name, query)
        self.memo[key] = found = list(dict.fromkeys(self.found))
        return found


class _Matcher:
    """A durable_rules host of its own, with no background threads."""

    def __init__(self) -> None:
        engine = _engine()
        self.observed = engine.MessageObservedException
        self.not_handled = engine.MessageNotHandledException
        self.errors: list[str] = []
        self.compiled: dict[str, _Compiled] = {}
        self.current: _Compiled | None = None
        actions = {"selected": self._selected, "bound": self._bound}

        class Host(engine.Host):  # type: ignore[misc, name-defined]
            def _run(self) -> None:
                """Dispatch nothing in the background: actions run inside each call."""

            def get_action(self, name: str) -> Callable[[Any], None]:
                return actions[name]

        self.host = Host()

    def _selected(self, c: Any) -> None:
        try:
            assert self.current is not None
            self.current.selected.add(c.e.eid)
        except Exception as error:  # durable_rules would swallow it into the session
            self.errors.append(repr(error))

    def _bound(self, c: Any) -> None:
        try:
            assert self.current is not None
            self.current.found.append(c.e.eid)
        except Exception as error:
            self.errors.append(repr(error))

    def call(self, method: str, name: str, fact: dict[str, Any]) -> None:
        """Assert or retract ``fact`` in ruleset ``name``; raise what the actions met.

        A fact no pattern matches is "not handled": for an event that is the answer (the
        act does not select it), not an error.
        """
        for salt in range(SALTS + 1):
            try:
                getattr(self.host, method)(name, fact)
                break
            except self.not_handled:
                break
            except self.observed:
                if salt == SALTS or method != "assert_fact":
                    raise BackendError(
                        f"durable_rules refused a distinct fact as already observed: {fact}"
                    ) from None
                fact = {**fact, "salt": salt}
        if self.errors:
            raise BackendError(f"a durable_rules action failed: {self.errors[0]}")

    def close(self) -> None:
        import durable_rules_engine

        for compiled in self.compiled.values():
            durable_rules_engine.delete_ruleset(compiled.ruleset._handle)
        self.compiled.clear()


class _DurableContext(Context):
    """A context whose act matching runs in durable_rules."""

    def compile_acts(self, rules: Iterable[Rule]) -> None:
        self._matcher = _Matcher()
        self._item = {item.id: item for item in self.items}
        self._by_act: dict[int, _Compiled] = {}
        try:
            for rule in rules:
                for _, act in rule.template.named_acts():
                    key = act.model_dump_json()
                    compiled = self._matcher.compiled.get(key)
                    if compiled is None:
                        compiled = self._compile(act)
                        self._matcher.compiled[key] = compiled
                    self._by_act[id(act)] = compiled
        except BaseException:
            self._matcher.close()
            raise

    def _compile(self, act: Act) -> _Compiled:
        return _Compiled(self._matcher, act, self.all_of_type(act.type))

    def close(self) -> None:
        self._matcher.close()

    def selects(self, act: Act, item: DatedEvent) -> bool:
        return item.id in self._by_act[id(act)].selected

    def candidates(
        self, act: Act, subject: Mapping[str, Any], voided: bool = False
    ) -> list[DatedEvent]:
        compiled = self._by_act[id(act)]
        self._matcher.current = compiled
        ids = compiled.candidates(subject)
        found = [self._item[i] for i in ids if voided or i not in self.void]
        found.sort(key=lambda i: (i.day, i.id))
        return found

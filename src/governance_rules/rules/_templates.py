"""Rule templates: the few shapes every rule of the catalogue is built from.

A rule is data: a :class:`Rule` holds one template value, and the engine knows how to
evaluate each template. Adding a rule, or a province's variant of one, means writing a new
value, never new engine code. Numbers a rule reads from the policy are named by their policy
key (``"visit_interval_months"``); a plain ``int`` is a constant.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Annotated, ClassVar, Literal

from pydantic import Field

from ..model import Frozen, Policy, is_month_day

Param = int | str
"""A number: an ``int`` constant, or the name of the policy key that holds it."""

Bearer = Literal[
    "officer",
    "commune",
    "standing_member",
    "standing_committee",
    "organization_board",
]
"""Who bears an obligation: the party a finding holds to account."""

CADENCES = ("rolling", "calendar_quarter")


class Text(Frozen):
    """A phrase in Vietnamese and English."""

    vi: str
    en: str

    def __call__(self, lang: str) -> str:
        """The phrase in ``lang``."""
        return self.vi if lang == "vi" else self.en


class Act(Frozen):
    """Which events count as an act, and how they bind to an obligation's subject.

    Binding fields name a field of the event that must agree with the subject: ``officer``
    (a list field such as ``attended`` must contain the subject's officer), ``commune``,
    ``year``, ``term`` and ``kind`` must equal it, ``period`` is a pattern filled from the
    subject (``"{year}-H1"``), ``refers`` must hold the id of the triggering event, and
    ``in_charge`` must name a Standing Committee member in charge of the subject's commune
    (an event that fails only that test is a near miss, and the finding says why).

    Attributes:
        type: The event type.
        where: Scalar fields whose value must be one of the given values.
        any_of: List fields that must contain at least one of the given values.
        not_before_trigger: Only events on or after the trigger's date count.
        not_before_start: Only events on or after the window's start count; an earlier
            one is a near miss, and the finding says why.
        counts_if: Scalar fields whose value must be one of the given values for the event
            to count; unlike ``where``, an event that fails it is a near miss, listed in
            the evidence with the reason.
    """

    type: str
    where: Mapping[str, tuple[str, ...]] = Field(default_factory=dict)
    any_of: Mapping[str, tuple[str, ...]] = Field(default_factory=dict)
    officer: str | None = None
    commune: str | None = None
    year: str | None = None
    term: str | None = None
    kind: str | None = None
    period: str | None = None
    refers: str | None = None
    in_charge: str | None = None
    not_before_trigger: bool = False
    not_before_start: bool = False
    counts_if: Mapping[str, tuple[str, ...]] = Field(default_factory=dict)

    def bindings(self) -> dict[str, str]:
        """Subject key -> event field, for the fields that bind by equality or membership."""
        pairs = {
            "officer": self.officer,
            "commune": self.commune,
            "year": self.year,
            "term": self.term,
            "kind": self.kind,
            "trigger": self.refers,
        }
        return {key: field for key, field in pairs.items() if field is not None}


PLACES = frozenset({"officer", "commune"})
"""The subject keys that place a finding with an officer or a commune."""


@dataclass(frozen=True)
class Setting:
    """A value of a template that the policy may supply: a number (``int``) or a word, or
    the name of the policy key that holds it.

    Attributes:
        path: Where it is in the template (``stages[0].plus_days``).
        value: The value as written.
        words: What a word may be besides a policy key (``None``: a number): the words
            themselves, or a test they pass.
    """

    path: str
    value: Param
    words: tuple[str, ...] | Callable[[str], bool] | None = None


class TemplateBase(Frozen):
    """What every template declares about itself, so that the validator, the static checks,
    the monitor and the durable backend ask the template instead of knowing each one. A new
    template is its class here and its evaluator in the engine."""

    moves_due_dates: ClassVar[bool] = False
    """Whether the template's instances have due dates that the ``day_off_rule`` moves (an
    obligation's, not a check's, a recommendation's or a coverage gap's)."""

    def named_acts(self) -> Iterator[tuple[str, Act]]:
        """Every act of the template, with its path in it (``responses[0]``)."""
        return iter(())

    def settings(self) -> Iterator[Setting]:
        """Every value the policy may supply, in the order of definition."""
        return iter(())

    def subjects(self) -> Iterator[tuple[str, Act, Mapping[str, str]]]:
        """Each subject mapping (subject key -> event field) with the act it reads."""
        return iter(())

    def fields(self) -> Iterator[tuple[str, Act, str]]:
        """Other event fields the template names, with the act whose type must have them."""
        return iter(())

    def triggers(self) -> tuple[Act, ...]:
        """The acts that open an instance, or that a check examines."""
        return ()

    def fulfilling(self) -> tuple[tuple[Act, ...], ...]:
        """The acts that fulfil an instance: one group per kind of instance, any act of
        which fulfils it."""
        return ()

    def places(self) -> frozenset[str]:
        """Which of ``officer`` and ``commune`` every finding of the template carries."""
        return frozenset()

    def bound(self) -> Iterator[tuple[str, Act, frozenset[str]]]:
        """Each act matched against an instance, with the subject keys the instance has
        for the act to bind to (an act binding a key the instance lacks can never match)."""
        return iter(())


class PeriodicDuty(TemplateBase):
    """A duty repeated per assignment: at least one act every ``interval_months``.

    Rolling windows: the first starts on the assignment date; an act fulfils the window and
    the next starts on the act's date; a window with no act by its due date is violated and
    the next starts on that due date. With the ``calendar_quarter`` cadence, every calendar
    quarter the assignment fully covers needs one act.

    Attributes:
        acts: The events that fulfil a window (bound to the officer and the commune).
        interval_months: Months from a window's start to its due date.
        cadence: ``"rolling"``, ``"calendar_quarter"``, or the policy key that says which.
        exempt_agency_heads: Not owed by an officer who heads their own agency.
    """

    moves_due_dates: ClassVar[bool] = True

    template: Literal["periodic"] = "periodic"
    acts: tuple[Act, ...]
    interval_months: Param
    cadence: str = "rolling"
    exempt_agency_heads: bool = False

    def named_acts(self) -> Iterator[tuple[str, Act]]:
        return ((f"acts[{i}]", act) for i, act in enumerate(self.acts))

    def settings(self) -> Iterator[Setting]:
        yield Setting("interval_months", self.interval_months)
        yield Setting("cadence", self.cadence, CADENCES)

    def fulfilling(self) -> tuple[tuple[Act, ...], ...]:
        return (self.acts,)

    def bound(self) -> Iterator[tuple[str, Act, frozenset[str]]]:
        return ((path, act, PLACES) for path, act in self.named_acts())

    def places(self) -> frozenset[str]:
        return PLACES


class DeadlineAfterTrigger(TemplateBase):
    """Each triggering event must be answered by a response within ``days``.

    Attributes:
        trigger: The events that open an obligation.
        responses: The events that answer it (bound to the subject taken from the trigger).
        days: Days from the trigger's date to the due date.
        subject: Subject key -> trigger field, for the finding's subject.
    """

    moves_due_dates: ClassVar[bool] = True

    template: Literal["deadline"] = "deadline"
    trigger: Act
    responses: tuple[Act, ...]
    days: Param
    subject: Mapping[str, str] = Field(default_factory=dict)

    def named_acts(self) -> Iterator[tuple[str, Act]]:
        yield "trigger", self.trigger
        yield from ((f"responses[{i}]", act) for i, act in enumerate(self.responses))

    def settings(self) -> Iterator[Setting]:
        yield Setting("days", self.days)

    def subjects(self) -> Iterator[tuple[str, Act, Mapping[str, str]]]:
        yield "subject", self.trigger, self.subject

    def triggers(self) -> tuple[Act, ...]:
        return (self.trigger,)

    def fulfilling(self) -> tuple[tuple[Act, ...], ...]:
        return (self.responses,)

    def bound(self) -> Iterator[tuple[str, Act, frozenset[str]]]:
        keys = frozenset({*self.subject, "trigger"})
        return ((f"responses[{i}]", act, keys) for i, act in enumerate(self.responses))

    def places(self) -> frozenset[str]:
        return PLACES & set(self.subject)


class Precedence(TemplateBase):
    """Each act must be preceded (the same day allowed) by another within ``within_days``.

    Attributes:
        act: The events examined.
        preceded_by: The events that must come first, bound to the act's officer and commune.
        within_days: How many days before the act the earlier event may be.
        subject: Subject key -> field of the examined event; ``preceded_by`` binds to it.
    """

    template: Literal["precedence"] = "precedence"
    act: Act
    preceded_by: Act
    within_days: Param
    subject: Mapping[str, str] = Field(
        default_factory=lambda: {"officer": "officer", "commune": "commune", "event": "id"}
    )

    def named_acts(self) -> Iterator[tuple[str, Act]]:
        yield "act", self.act
        yield "preceded_by", self.preceded_by

    def settings(self) -> Iterator[Setting]:
        yield Setting("within_days", self.within_days)

    def subjects(self) -> Iterator[tuple[str, Act, Mapping[str, str]]]:
        yield "subject", self.act, self.subject

    def triggers(self) -> tuple[Act, ...]:
        return (self.act,)

    def fulfilling(self) -> tuple[tuple[Act, ...], ...]:
        return ((self.preceded_by,),)

    def bound(self) -> Iterator[tuple[str, Act, frozenset[str]]]:
        yield "preceded_by", self.preceded_by, frozenset(self.subject)

    def places(self) -> frozenset[str]:
        return PLACES & set(self.subject)


class Stage(Frozen):
    """One due date of a calendar deadline.

    Attributes:
        kind: The subject's ``kind`` for this stage (``"preliminary"``), or ``None``.
        anchor: What the due date hangs on: ``effective`` (the Regulation's effective date),
            ``in_year`` or ``in_next_year`` (the day ``on`` of the instance's year or the
            next), ``term_midpoint`` or ``term_end``.
        on: ``MM-DD``, or the policy key that holds it (for ``in_year``/``in_next_year``).
        plus_days: Days added to the anchor.
    """

    kind: str | None = None
    anchor: Literal["effective", "in_year", "in_next_year", "term_midpoint", "term_end"]
    on: str | None = None
    plus_days: Param = 0


class Owed(Frozen):
    """When an instance of a calendar deadline is owed at all.

    Attributes:
        min_active_days: Days an assignment must be active in the period (up to the anchor).
        active_on_period_end: The assignment must be active on the period's last day.
    """

    min_active_days: Param = 1
    active_on_period_end: bool = False


class CalendarDeadline(TemplateBase):
    """An act due by a calendar date, per year, officer and year, assignment and year, term,
    or once.

    Attributes:
        per: What one instance is for.
        stages: The due dates (one instance per stage).
        act: The events that fulfil an instance, bound to its subject.
        owed: When a year-based instance is owed; ``None`` means always.
        period: For ``officer_year``: the period label, as a pattern (``"{year}-H1"``).
    """

    moves_due_dates: ClassVar[bool] = True

    template: Literal["calendar"] = "calendar"
    per: Literal["once", "year", "officer_year", "assignment_year", "term"]
    stages: tuple[Stage, ...]
    act: Act
    owed: Owed | None = None
    period: str | None = None

    def named_acts(self) -> Iterator[tuple[str, Act]]:
        yield "act", self.act

    def settings(self) -> Iterator[Setting]:
        for i, stage in enumerate(self.stages):
            if stage.anchor in ("in_year", "in_next_year"):
                yield Setting(f"stages[{i}].on", stage.on or "", is_month_day)
            yield Setting(f"stages[{i}].plus_days", stage.plus_days)
        if self.owed is not None:
            yield Setting("owed.min_active_days", self.owed.min_active_days)

    def fulfilling(self) -> tuple[tuple[Act, ...], ...]:
        return ((self.act,),)

    def places(self) -> frozenset[str]:
        return {
            "officer_year": frozenset({"officer"}),
            "assignment_year": PLACES,
        }.get(self.per, frozenset())

    def bound(self) -> Iterator[tuple[str, Act, frozenset[str]]]:
        keys = {
            "once": set(),
            "year": {"year"},
            "officer_year": {"officer", "year"},
            "assignment_year": {"officer", "commune", "year"},
            "term": {"term"},
        }[self.per]
        if any(stage.kind is not None for stage in self.stages):
            keys.add("kind")
        yield "act", self.act, frozenset(keys)


class Requirement(Frozen):
    """What an examined event must satisfy.

    Attributes:
        test: ``one_of`` (``field`` is one of ``values``), ``contains_all`` (the list
            ``field`` contains every value), ``contains_officer`` (the list ``field``
            contains the subject's officer), ``within_term`` (the event's date lies in the
            term ``field`` names), ``assigned`` (the officer in ``field`` is actively assigned
            to the event's commune that day).
        field: The event field tested.
        values: The values, for ``one_of`` and ``contains_all``.
    """

    test: Literal["one_of", "contains_all", "contains_officer", "within_term", "assigned"]
    field: str
    values: tuple[str, ...] = ()


class Check(Frozen):
    """One kind of examined event and what it must satisfy.

    Attributes:
        act: The events examined.
        require: The requirement.
        per_assigned_officer: One instance per officer actively assigned to the event's
            commune that day (the subject's officer), instead of one per event.
        subject: Subject key -> event field, for the finding's subject.
        noun: What the examined event is, for messages.
        bearer: Who bears this check, where the rule has several bearers.
    """

    act: Act
    require: Requirement
    per_assigned_officer: bool = False
    subject: Mapping[str, str] = Field(default_factory=dict)
    noun: Text
    bearer: Bearer | None = None


class Conformance(TemplateBase):
    """Every examined event conforms; one finding per event (or per event and officer).

    Attributes:
        checks: The kinds of events examined and their requirements.
        only_failures: Report failures only.
        voids_failing_acts: A failing event fulfils nothing and triggers nothing else.
    """

    template: Literal["conformance"] = "conformance"
    checks: tuple[Check, ...]
    only_failures: bool = False
    voids_failing_acts: bool = False

    def named_acts(self) -> Iterator[tuple[str, Act]]:
        return ((f"checks[{i}].act", check.act) for i, check in enumerate(self.checks))

    def subjects(self) -> Iterator[tuple[str, Act, Mapping[str, str]]]:
        for i, check in enumerate(self.checks):
            yield f"checks[{i}].subject", check.act, check.subject

    def fields(self) -> Iterator[tuple[str, Act, str]]:
        for i, check in enumerate(self.checks):
            yield f"checks[{i}].require", check.act, check.require.field

    def triggers(self) -> tuple[Act, ...]:
        return tuple(check.act for check in self.checks)

    def places(self) -> frozenset[str]:
        keys = [
            PLACES & ({*check.subject} | ({"officer"} if check.per_assigned_officer else set()))
            for check in self.checks
        ]
        return frozenset.intersection(*map(frozenset, keys)) if keys else frozenset()


class Recommendation(TemplateBase):
    """An encouraged act per assignment and calendar year: ``observed`` or ``not_observed``.

    Attributes:
        act: The events that observe it (bound to the officer and the commune).
    """

    template: Literal["recommendation"] = "recommendation"
    act: Act

    def named_acts(self) -> Iterator[tuple[str, Act]]:
        yield "act", self.act

    def bound(self) -> Iterator[tuple[str, Act, frozenset[str]]]:
        yield "act", self.act, PLACES

    def fulfilling(self) -> tuple[tuple[Act, ...], ...]:
        return ((self.act,),)

    def places(self) -> frozenset[str]:
        return PLACES


class Coverage(TemplateBase):
    """From a term's start plus ``grace_days`` to its end, every commune has an active
    assignment; each gap is one finding."""

    template: Literal["coverage"] = "coverage"
    grace_days: Param

    def settings(self) -> Iterator[Setting]:
        yield Setting("grace_days", self.grace_days)

    def places(self) -> frozenset[str]:
        return frozenset({"commune"})


Template = Annotated[
    PeriodicDuty
    | DeadlineAfterTrigger
    | Precedence
    | CalendarDeadline
    | Conformance
    | Recommendation
    | Coverage,
    Field(discriminator="template"),
]
"""Any rule template, told apart by its ``template`` name."""


class Scope(Frozen):
    """The communes a rule applies to: those listed, those of the districts listed, and
    those of the kinds listed (any of the three). Findings of other communes, and findings
    without a commune, are left out.

    Attributes:
        communes: Commune ids.
        districts: District ids.
        kinds: Commune kinds: ``xa``, ``phuong``, ``thi_tran``.
    """

    communes: tuple[str, ...] = ()
    districts: tuple[str, ...] = ()
    kinds: tuple[Literal["xa", "phuong", "thi_tran"], ...] = ()


class Rule(Frozen):
    """A rule of the catalogue: an obligation of the Regulation, as data.

    Attributes:
        id: The rule id (``"GR-VISIT-QUARTERLY"``).
        title: The rule's title in Vietnamese and English.
        bearer: Who bears the obligation.
        clauses: Ids of the clauses the rule comes from.
        act: What fulfils the obligation, as a noun phrase for messages.
        trigger: What opens an instance (deadline rules), as a noun phrase.
        template: The template value that defines the rule.
        valid_from: The first day this version of the rule is in force (``None``: always).
        valid_to: The last day it is in force (``None``: no end). An obligation is judged
            by the version in force on its window's start.
        scope: The communes it applies to (``None``: all).
        matrix: Its findings are the visit duty the reports' compliance matrix and
            timelines show.
    """

    id: str
    title: Text
    bearer: Annotated[tuple[Bearer, ...], Field(min_length=1)]
    clauses: tuple[str, ...]
    act: Text
    trigger: Text | None = None
    template: Template
    valid_from: date | None = None
    valid_to: date | None = None
    scope: Scope | None = None
    matrix: bool = False

    def in_force(self, day: date) -> bool:
        """Whether this version of the rule is in force on ``day``."""
        if self.valid_from is not None and day < self.valid_from:
            return False
        return self.valid_to is None or day <= self.valid_to

    @property
    def policy_keys(self) -> tuple[str, ...]:
        """The policy keys the rule reads, in the order of definition."""
        keys = Policy.model_fields
        found = [str(s.value) for s in self.template.settings()]
        if self.template.moves_due_dates:
            found.append("day_off_rule")
        return tuple(dict.fromkeys(value for value in found if value in keys))

"""Events: what happened, when (SPEC section 3). A discriminated union on ``type``."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal, Protocol, get_args
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter

from ._common import WHOLE, At, Id

Rating = Literal["excellent", "good", "completed", "not_completed"]
Topic = Literal["socio_economic", "defense_security", "political_system", "other"]
ReportSection = Literal[
    "socio_economic",
    "defense_security",
    "political_system",
    "policy_implementation",
    "public_sentiment",
    "difficulties",
    "proposals",
]
Period = Annotated[str, StringConstraints(pattern=r"^\d{4}(-H[12]|-Q[1-4])?$")]
Year = Annotated[int, Field(strict=True, ge=1900, le=2999), WHOLE]
"""A year: an integer (a whole number written as a float too); no string, no boolean."""


class BaseEvent(BaseModel):
    """What every event has: an ``id``, a ``type`` and a time ``at``.

    Extra fields are kept and ignored.
    """

    model_config = ConfigDict(frozen=True, extra="allow")

    id: Id
    at: At

    def day(self, timezone: ZoneInfo) -> date:
        """The local calendar date of the event in the province's ``timezone``."""
        return local_day(self.at, timezone)


def local_day(at: date | datetime, timezone: ZoneInfo) -> date:
    """The local calendar date of a time ``at``: a date-time with an offset in
    ``timezone``, one without as it is (it is local already), a date itself."""
    if isinstance(at, datetime):
        if at.tzinfo is not None:
            return at.astimezone(timezone).date()
        return at.date()
    return at


class AssignmentDecided(BaseEvent):
    """The Standing Committee assigns an officer to monitor a commune for a congress term."""

    type: Literal["assignment.decided"]
    officer: Id
    commune: Id
    term: Id


class AssignmentEnded(BaseEvent):
    """An assignment ends before its term does."""

    type: Literal["assignment.ended"]
    officer: Id
    commune: Id
    reason: Literal["term_end", "replaced", "not_completed", "violation", "other"]


class ContactMade(BaseEvent):
    """The officer contacts the commune Party standing office before coming to work."""

    type: Literal["contact.made"]
    officer: Id
    commune: Id


class VisitConducted(BaseEvent):
    """A working visit to the commune ("đi công tác")."""

    type: Literal["visit.conducted"]
    officer: Id
    commune: Id


class MeetingHeld(BaseEvent):
    """A meeting of the commune executive committee, standing committee or a Party cell."""

    type: Literal["meeting.held"]
    commune: Id
    body: Literal["executive", "standing", "cell"]
    session: Literal["regular", "extraordinary"]
    topics: tuple[Topic, ...]
    invited: tuple[Id, ...]
    attended: tuple[Id, ...]


class ReportSubmitted(BaseEvent):
    """An officer's report to the Standing Committee, a member in charge or the agency head."""

    type: Literal["report.submitted"]
    officer: Id
    recipient: Literal["standing_committee", "standing_member", "agency_head"]
    via: Literal["provincial_office", "direct"]
    period: Period | None = None
    sections: tuple[ReportSection, ...]


class IssueRaised(BaseEvent):
    """The officer raises a difficulty, a proposal, a new model or a shortcoming."""

    type: Literal["issue.raised"]
    officer: Id
    commune: Id
    to: Id
    kind: Literal["difficulty", "proposal", "new_model", "shortcoming"]


class IssueRelayed(BaseEvent):
    """A member takes a raised issue up with the district Party standing office."""

    type: Literal["issue.relayed"]
    standing_member: Id
    issue: Id


class EvaluationSubmitted(BaseEvent):
    """The commune Party committee's written annual evaluation of the officer."""

    type: Literal["evaluation.submitted"]
    commune: Id
    officer: Id
    year: Year
    rating: Rating
    confirmed_by: Id | None = None
    via: Literal["organization_board", "direct"]


class PerformanceRated(BaseEvent):
    """The Standing Committee's annual rating of the officer."""

    type: Literal["performance.rated"]
    officer: Id
    year: Year
    rating: Rating


class ReplacementConsidered(BaseEvent):
    """The Standing Committee considers replacing the officer."""

    type: Literal["replacement.considered"]
    officer: Id
    decision: Literal["replace", "retain"]


class ViolationRecorded(BaseEvent):
    """The officer broke Party rules or State law while on duty."""

    type: Literal["violation.recorded"]
    officer: Id
    summary: str


class ViolationHandled(BaseEvent):
    """A recorded violation is handled."""

    type: Literal["violation.handled"]
    violation: Id
    measure: str


class ClassificationProposed(BaseEvent):
    """The Organization Board proposes the annual evaluation and classification."""

    type: Literal["classification.proposed"]
    year: Year


class CommendationProposed(BaseEvent):
    """The Organization Board proposes commending an officer."""

    type: Literal["commendation.proposed"]
    officer: Id
    year: Year


class ReviewHeld(BaseEvent):
    """A preliminary ("sơ kết") or final ("tổng kết") review of the Regulation."""

    type: Literal["review.held"]
    kind: Literal["preliminary", "final"]
    term: Id


class RegulationDisseminated(BaseEvent):
    """The Organization Board and the Provincial Office deploy the Regulation."""

    type: Literal["regulation.disseminated"]


Event = Annotated[
    AssignmentDecided
    | AssignmentEnded
    | ContactMade
    | VisitConducted
    | MeetingHeld
    | ReportSubmitted
    | IssueRaised
    | IssueRelayed
    | EvaluationSubmitted
    | PerformanceRated
    | ReplacementConsidered
    | ViolationRecorded
    | ViolationHandled
    | ClassificationProposed
    | CommendationProposed
    | ReviewHeld
    | RegulationDisseminated,
    Field(discriminator="type"),
]
"""Any event, told apart by its ``type``."""

EVENT_CLASSES: tuple[type[BaseEvent], ...] = get_args(get_args(Event)[0])
"""Every event model, in the order of SPEC section 3."""

EVENT_TYPES: dict[str, type[BaseEvent]] = {
    cls.model_fields["type"].annotation.__args__[0]: cls  # type: ignore[union-attr]
    for cls in EVENT_CLASSES
}
"""Each event type name (``"visit.conducted"``) with its model."""


EVENT_ADAPTER: TypeAdapter[Event] = TypeAdapter(Event)


class EventLike(Protocol):
    """What the engine and the reports read of an accepted event: its ``id``, its time
    ``at``, its local ``day``, and its fields as attributes (``type``, ``officer``, ...).
    An event model is one; so is its :class:`CompactEvent`."""

    @property
    def id(self) -> str: ...

    @property
    def at(self) -> date | datetime: ...

    def day(self, timezone: ZoneInfo) -> date: ...


class CompactEvent:
    """An accepted event's values, and nothing else, in slots: about a third of the memory
    of its model, for a check that holds millions of events (an intake made with
    ``compact=True``). Read-only; one class for each event type, with the model's fields
    as attributes (extra fields are not kept: no rule reads them)."""

    __slots__ = ("at", "id", "type")
    id: str
    at: date | datetime
    type: str

    def day(self, timezone: ZoneInfo) -> date:
        """The local calendar date of the event in the province's ``timezone``."""
        return local_day(self.at, timezone)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"a {type(self).__name__} event is read-only")

    def __repr__(self) -> str:
        values = ", ".join(f"{name}={getattr(self, name)!r}" for name in _slots(type(self)))
        return f"{type(self).__name__}({values})"

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, n) == getattr(other, n) for n in _slots(type(self)))

    __hash__ = None  # type: ignore[assignment]  # equal by value, as the models are


def _slots(cls: type[CompactEvent]) -> tuple[str, ...]:
    """The fields of a compact event's class: the common ones, then its type's."""
    return CompactEvent.__slots__ + cls.__slots__


_COMPACT: dict[str, type[CompactEvent]] = {
    name: type(
        model.__name__,
        (CompactEvent,),
        {
            "__slots__": tuple(f for f in model.model_fields if f not in CompactEvent.__slots__),
            "__doc__": f"A compact ``{name}`` event (see :class:`CompactEvent`).",
            "__module__": __name__,
        },
    )
    for name, model in EVENT_TYPES.items()
}
_NEW = object.__new__
_SET = object.__setattr__


def compact_event(event: BaseEvent) -> CompactEvent:
    """The :class:`CompactEvent` of an event model: its fields' values, shared with it."""
    values = event.__dict__
    cls = _COMPACT[values["type"]]
    record: CompactEvent = _NEW(cls)
    for name, value in values.items():
        _SET(record, name, value)
    return record

"""Types shared by the domain models."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from datetime import date, datetime
from functools import cache
from typing import Annotated, Any, Literal, TypeVar, get_args, get_origin

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    WithJsonSchema,
)


def _whole(value: Any) -> Any:
    """A float that is a whole number, as the int it equals: JSON and YAML have one kind
    of number, and ``2021.0`` is the integer 2021 (as JSON Schema's ``integer`` says)."""
    return int(value) if type(value) is float and value.is_integer() else value


WHOLE = BeforeValidator(_whole)
"""Put after an ``int`` field's strict constraints: the field then takes a whole number
written as a float (``3.0``), and still no fraction, string or boolean."""


class Frozen(BaseModel):
    """Base of the domain models: immutable, unknown fields refused."""

    model_config = ConfigDict(frozen=True, extra="forbid")


M = TypeVar("M", bound=BaseModel)


class SharedFields(frozenset[str]):
    """The names of the fields set on a model instance, one object shared by many instances
    (a set of a few names takes hundreds of bytes). A copy is a set of its own, so that
    pydantic's ``model_copy(update=...)`` can add to it."""

    def __copy__(self) -> set[str]:
        return set(self)

    def __deepcopy__(self, memo: Any) -> set[str]:
        return set(self)


_SHARED: dict[frozenset[str], SharedFields] = {}


def shared_fields(names: Iterable[str]) -> SharedFields:
    """The one shared :class:`SharedFields` of these names."""
    key = frozenset(names)
    found = _SHARED.get(key)
    if found is None:
        found = _SHARED[key] = SharedFields(key)
    return found


@cache
def _all_fields(cls: type[BaseModel]) -> SharedFields:
    return shared_fields(cls.model_fields)


def trusted(cls: type[M], values: dict[str, Any]) -> M:
    """An instance of ``cls`` from values the engine built and knows valid, every field given.

    It skips validation and default handling, which dominate the cost of making many small
    findings; pydantic's ``model_construct`` does the same with more per-field work.
    """
    instance = cls.__new__(cls)
    object.__setattr__(instance, "__dict__", values)
    # Every field is given, so all instances share one (immutable) set of field names.
    object.__setattr__(instance, "__pydantic_fields_set__", _all_fields(cls))
    object.__setattr__(instance, "__pydantic_extra__", None)
    object.__setattr__(instance, "__pydantic_private__", None)
    return instance


def _nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


Id = Annotated[str, StringConstraints(min_length=1), AfterValidator(_nfc)]
"""An identifier: a non-empty string, NFC-normalised."""

Name = Id
"""A human name in Unicode: the same type as :data:`Id` (non-empty, NFC on load)."""


FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2999, 12, 31)
"""The dates this release accepts, in every input (events, register, ``as_of``): far enough
apart for any audit, and far enough from the calendar's ends (year 1 and 9999) that no
offset, month or grace period added to them can leave it."""


def in_range(day: date) -> date:
    """``day``, if it lies between :data:`FIRST_DAY` and :data:`LAST_DAY`.

    Raises:
        ValueError: Naming the accepted range.
    """
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(
            f"date {day.isoformat()} is outside the years this release accepts "
            f"({FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()})"
        )
    return day


Day = Annotated[date, AfterValidator(in_range)]
"""A calendar date between :data:`FIRST_DAY` and :data:`LAST_DAY`."""

_DAYS: dict[str, date] = {}


def _parse_at(value: Any) -> date | datetime:
    if isinstance(value, datetime | date):
        at: date | datetime = value
    elif not isinstance(value, str):
        raise ValueError(f"expected an ISO 8601 date or date-time string, got {value!r}")
    else:
        try:
            if len(value) == 10:
                day = _DAYS.get(value)
                if day is None:
                    day = _DAYS[value] = in_range(date.fromisoformat(value))
                return day  # one object a day: a long log has few days and many events
            at = datetime.fromisoformat(value)
        except ValueError as error:
            if "outside the years" in str(error):
                raise
            raise ValueError(f"invalid ISO 8601 date or date-time {value!r}") from None
    # The year is checked on the date as written, before any offset is applied to it.
    in_range(at.date() if isinstance(at, datetime) else at)
    return at


At = Annotated[
    date | datetime,
    PlainValidator(_parse_at),
    PlainSerializer(lambda v: v.isoformat(), return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "anyOf": [{"format": "date"}, {"format": "date-time"}],
            "description": "ISO 8601 date, or date-time (local to the province without offset)",
        }
    ),
]
"""When an event happened: a date, or a date-time (without offset: the province's time)."""


def literal_values(annotation: Any) -> tuple[Any, ...] | None:
    """The values a type allows where it says (a ``Literal``, also inside ``X | None``,
    ``tuple[X, ...]`` or ``Annotated``), else ``None``."""
    while get_origin(annotation) is not Literal and get_args(annotation):
        inner = [a for a in get_args(annotation) if a is not type(None) and a is not Ellipsis]
        if len(inner) != 1:
            return None
        annotation = inner[0]
    return get_args(annotation) if get_origin(annotation) is Literal else None

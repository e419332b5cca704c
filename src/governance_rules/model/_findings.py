"""Findings and the report of a check (SPEC sections 6 and 7)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, Literal

from pydantic import ConfigDict, Field, model_validator

from ._common import Day, Frozen

Status = Literal["fulfilled", "late", "violated", "pending", "observed", "not_observed"]
STATUSES: tuple[Status, ...] = (
    "fulfilled",
    "late",
    "violated",
    "pending",
    "observed",
    "not_observed",
)

SUBJECT_KEYS: tuple[str, ...] = (
    "officer",
    "commune",
    "district",
    "standing_member",
    "year",
    "period",
    "term",
    "kind",
    "event",
)


class Subject(Frozen):
    """Whom or what a finding is about; only the keys that apply are set."""

    officer: str | None = None
    commune: str | None = None
    district: str | None = None
    standing_member: str | None = None
    year: int | None = None
    period: str | None = None
    term: str | None = None
    kind: str | None = None
    event: str | None = None

    def sort_key(self) -> tuple[str, ...]:
        """A total order over subjects, key by key in the order of :data:`SUBJECT_KEYS`."""
        return subject_sort_key(self.__dict__)


def subject_sort_key(subject: dict[str, Any]) -> tuple[str, ...]:
    """The sort key of a subject given as a mapping of :data:`SUBJECT_KEYS` to values."""
    get = subject.get
    # _part inline: this runs for every finding, and most keys of a subject are None
    return tuple(
        [
            "" if value is None else (f"{value:>8}" if type(value) is int else value)
            for value in map(get, SUBJECT_KEYS)
        ]
    )


class Window(Frozen):
    """The dates of an obligation instance, both inclusive: when it began and when it is due."""

    start: date
    due: date


class Finding(Frozen):
    """One obligation instance, or one examined act, as of the evaluation date.

    Attributes:
        rule: The rule id (``"GR-VISIT-QUARTERLY"``).
        status: ``fulfilled``, ``late``, ``violated``, ``pending``, ``observed`` or
            ``not_observed``.
        subject: The keys that identify the instance.
        window: Start and due date, where the rule has them.
        evidence: Ids of the events that fulfilled, triggered or broke it.
        clauses: Ids of the clauses of the Regulation the rule comes from.
        message: One sentence, in the chosen language, that says why.
        bearer: Who bears the obligation, as the rule (or the check) says; used to group
            findings in reports and left out of the JSON report.
    """

    rule: str
    status: Status
    subject: Subject
    window: Window | None = None
    evidence: tuple[str, ...] = ()
    clauses: tuple[str, ...]
    message: str
    bearer: str | None = Field(default=None, exclude=True)
    """Who bears the obligation (``officer``, ``commune``, ...): for reports; not in the JSON."""

    def sort_key(self) -> tuple[Any, ...]:
        """Findings sort by rule, subject, window start, then the rest for a total order."""
        window = (self.window.start, self.window.due) if self.window else (date.min, date.min)
        return (self.rule, self.subject.sort_key(), window, self.status, self.evidence)


_NO_WINDOW = (date.min, date.min)


def sorting_key() -> Callable[[Finding], tuple[Any, ...]]:
    """:meth:`Finding.sort_key` for one sort, working out each subject's part once: the
    findings of a rule share their subject objects (the windows of one assignment), and the
    subject's part is most of the key's cost."""
    parts: dict[int, tuple[Subject, tuple[str, ...]]] = {}  # by id, the subject held alive

    def key(finding: Finding) -> tuple[Any, ...]:
        values = finding.__dict__
        subject = values["subject"]
        held = parts.get(id(subject))
        if held is None:
            held = parts[id(subject)] = (subject, subject.sort_key())
        window = values["window"]
        span = (window.start, window.due) if window is not None else _NO_WINDOW
        return (values["rule"], held[1], span, values["status"], values["evidence"])

    return key


class Accounting(Frozen):
    """What became of every input record: read = accepted + duplicates + rejected + future."""

    read: int = 0
    accepted: int = 0
    duplicates: int = 0
    rejected: int = 0
    future: int = 0


class Rejection(Frozen):
    """A rejected input record: where it is and why, in English (``error``, the text
    integrators parse) and in Vietnamese (``error_vi``)."""

    location: str
    error: str
    error_vi: str = ""

    def text(self, lang: str) -> str:
        """Why, in ``lang``: the Vietnamese where there is one, else the English."""
        return self.error_vi or self.error if lang == "vi" else self.error


class Period(Frozen):
    """A reporting period, both ends inclusive: a report narrowed to it holds the
    obligation instances due in it and those still open at its end (begun by then, due
    after it), evaluated over the whole history."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    from_: Day = Field(alias="from")
    to: Day

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.to < self.from_:
            raise ValueError(f"the period ends ({self.to}) before it begins ({self.from_})")
        return self

    @classmethod
    def year(cls, year: int) -> Period:
        """The calendar year ``year``."""
        return cls(from_=date(year, 1, 1), to=date(year, 12, 31))

    def holds(self, finding: Finding) -> bool:
        """Whether the finding belongs to a report of the period."""
        if finding.window is None:
            return True
        start, due = finding.window.start, finding.window.due
        return self.from_ <= due <= self.to or start <= self.to < due


class CheckReport(Frozen):
    """The result of a check, as ``check --format json`` prints it (``period`` only for a
    report narrowed to one)."""

    as_of: date
    province: str
    backend: str
    period: Period | None = None
    policy: dict[str, Any]
    input: Accounting
    rejected: tuple[Rejection, ...] = ()
    findings: tuple[Finding, ...] = ()
    summary: dict[Status, int] = Field(default_factory=dict)


def finding_json(finding: Finding) -> str:
    """A finding as the JSON report writes it (keys that do not apply left out): what
    ``model_dump_json(exclude_none=True)`` gives, without its wrapper's work per call."""
    return _TO_JSON(finding, exclude_none=True).decode("utf-8", "surrogatepass")


_TO_JSON = Finding.__pydantic_serializer__.to_json

"""A whole check: accounting, findings and summary in one report."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import TypeVar

from .engine import Backend
from .i18n import language
from .io import Intake
from .model import (
    STATUSES,
    CheckReport,
    EventLike,
    Finding,
    Period,
    Policy,
    Register,
    Status,
    finding_json,
    trusted,
)
from .plugins import Plugins, installed
from .rules import Catalogue

T = TypeVar("T")


def summarize(findings: Iterable[Finding]) -> dict[Status, int]:
    """The number of findings of each status (every status present, zero or not)."""
    counts = Counter(f.status for f in findings)
    return {status: counts.get(status, 0) for status in STATUSES}


def read_events(
    paths: Iterable[str | Path],
    register: Register,
    as_of: date | None = None,
    *,
    plugins: Plugins | None = None,
) -> Intake:
    """Read event files (JSON Lines, JSON array, CSV, workbooks, or any format an installed
    reader claims) into an :class:`~governance_rules.Intake`.

    Args:
        paths: The files, read in the order given.
        register: Events must name officers, communes, members and terms of it.
        as_of: Events dated after it are counted as future.
        plugins: The readers to choose from; those installed when ``None``.

    Raises:
        InputError: If a file cannot be read at all.
    """
    return Intake(register, as_of).read(paths, reader=(plugins or installed()).read)


def check(
    register: Register,
    intake: Intake,
    *,
    as_of: date,
    policy: Policy | None = None,
    catalogue: Catalogue | None = None,
    lang: str = "en",
    backend: str = "reference",
    plugins: Plugins | None = None,
    period: Period | None = None,
) -> CheckReport:
    """Evaluate what ``intake`` accepted and report it with the input accounting.

    Args:
        register: The province's register.
        intake: The events read, with their accounting and rejections.
        as_of: The evaluation date.
        policy: Policy values; the defaults when ``None``.
        catalogue: The rules; the Regulation's catalogue when ``None``.
        lang: The language of the messages: ``"vi"`` or ``"en"``, or a tag or locale of
            either (``"vi-VN"``, ``"vi_VN.UTF-8"``).
        backend: The name of an installed engine backend (``governance-rules plugins``).
        plugins: Where the backend is looked up; those installed when ``None``.
        period: Narrow the report to the instances due in it and those still open at its
            end (:meth:`Period.holds`), evaluated over the whole history; the whole
            history when ``None``.

    Raises:
        BackendError: If the backend is unknown or cannot run.
        LanguageError: If ``lang`` is neither Vietnamese nor English.
    """
    lang = language(lang)
    policy = policy or Policy()
    evaluate = (plugins or installed()).backend(backend)
    findings: Sequence[Finding]
    if period is None:
        findings = evaluate(
            register, intake.events, as_of=as_of, policy=policy, catalogue=catalogue, lang=lang
        )
    else:  # only the period's findings are held: a year of a long history is a small part
        kept = period.holds
        args = (register, intake.events, as_of, policy, catalogue, lang)
        findings = list(_compacted(evaluate, lambda f: f if kept(f) else None, *args))
    return _report(
        register, intake, as_of, policy, backend, tuple(findings), summarize(findings), period
    )


def _report(
    register: Register,
    intake: Intake,
    as_of: date,
    policy: Policy,
    backend: str,
    findings: tuple[Finding, ...],
    summary: dict[Status, int],
    period: Period | None = None,
) -> CheckReport:
    # The findings come from the engine, already valid: they are not validated again.
    return trusted(
        CheckReport,
        {
            "as_of": as_of,
            "province": register.province.id,
            "backend": backend,
            "period": period,
            "policy": policy.model_dump(mode="json"),
            "input": intake.accounting,
            "rejected": tuple(intake.rejections),
            "findings": findings,
            "summary": summary,
        },
    )


class StreamedCheck:
    """A check whose findings are made while they are read, each as the text its renderer
    makes of it (with a backend that can, such as the reference engine, a rule at a time,
    each finding held only as that text until its rule's findings are sorted), for a report
    too large to hold as objects.

    Attributes:
        head: The report without its findings and summary.
        summary: The count of each status among the findings read so far; complete once
            :meth:`lines` is exhausted.
    """

    def __init__(self, head: CheckReport, findings: Iterator[tuple[Status, bytes]]) -> None:
        self.head = head
        self.summary: dict[Status, int] = dict.fromkeys(STATUSES, 0)
        self._findings = findings

    def lines(self) -> Iterator[str]:
        """The findings' texts, in the report's order, counted as they go (once only)."""
        for status, line in self._findings:
            self.summary[status] += 1
            yield line.decode("utf-8", "surrogatepass")


def stream_check(
    register: Register,
    intake: Intake,
    *,
    as_of: date,
    policy: Policy | None = None,
    catalogue: Catalogue | None = None,
    lang: str = "en",
    backend: str = "reference",
    plugins: Plugins | None = None,
    compact: Callable[[Finding], str] = finding_json,
    period: Period | None = None,
) -> StreamedCheck:
    """Like :func:`check`, with the findings made as they are read (see StreamedCheck),
    each as ``compact`` makes it into text (the JSON report's line by default)."""

    def line(finding: Finding) -> bytes | None:
        if period is not None and not period.holds(finding):
            return None
        # One bytes object, held until the rule's findings are sorted: the status's code,
        # then the text in UTF-8 (half the memory of a Vietnamese message's str).
        return _CODES[finding.status] + compact(finding).encode("utf-8", "surrogatepass")

    lang = language(lang)
    policy = policy or Policy()
    evaluate = (plugins or installed()).backend(backend)
    findings = _compacted(evaluate, line, register, intake.events, as_of, policy, catalogue, lang)
    head = _report(register, intake, as_of, policy, backend, (), {}, period)
    return StreamedCheck(head, _statused(findings))


_CODES: dict[str, bytes] = {status: bytes([n]) for n, status in enumerate(STATUSES)}


def _statused(lines: Iterable[bytes]) -> Iterator[tuple[Status, bytes]]:
    """Each line ``stream_check`` made, as its status and its text."""
    for line in lines:
        yield STATUSES[line[0]], line[1:]


def _compacted(
    evaluate: Backend,
    compact: Callable[[Finding], T | None],
    register: Register,
    events: Sequence[EventLike],
    as_of: date,
    policy: Policy,
    catalogue: Catalogue | None,
    lang: str,
) -> Iterable[T]:
    """``compact(finding)`` of each of the backend's findings in order, those it makes
    ``None`` left out: as they are made, a rule at a time, with a backend that can
    (``iter_compact``, as the reference engine), else over the backend's whole list."""
    by_rule = getattr(evaluate, "iter_compact", None)
    if by_rule is not None:
        found: Iterable[T] = by_rule(
            register, events, compact, as_of=as_of, policy=policy, catalogue=catalogue, lang=lang
        )
        return found
    every = evaluate(register, events, as_of=as_of, policy=policy, catalogue=catalogue, lang=lang)
    return (value for f in every if (value := compact(f)) is not None)

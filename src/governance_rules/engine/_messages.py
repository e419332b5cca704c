"""Finding messages: one sentence that says why, in Vietnamese or English.

Every message names the dates and event ids it rests on. A builder returns the sentence in
the language it was made for; the templates of both languages sit side by side so that
neither falls behind.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from ..i18n import (
    FIELD_LABELS,
    Names,
    act_text,
    fmt_date,
    label,
    language,
    named,
    pick,
    subject_text,
)
from ..i18n import days as n_days


def register_names(register: Any) -> dict[tuple[str, str], str]:
    """The names of a register's people and places, by subject key and id."""
    found: dict[tuple[str, str], str] = {}
    for key, items in (
        ("officer", register.officers),
        ("standing_member", register.standing_members),
        ("commune", register.communes),
        ("district", register.districts),
    ):
        found.update(((key, item.id), item.name) for item in items)
    return found


class Phrases:
    """The sentences of finding messages, for one language and one evaluation date."""

    def __init__(self, lang: str, as_of: date, names: Names | None = None) -> None:
        self.lang = language(lang)
        self.vi = self.lang == "vi"
        self.as_of = as_of
        self.names: Names = names or {}

    def person(self, key: str, value: str) -> str:
        """A person of the register by name and id (``đồng chí Trần Văn Bình (sm-01)``)."""
        return named(key, value, self.lang, self.names) or value

    def place(self, value: str) -> str:
        """A commune by name and id (``Xã An Hòa (c-an-hoa)``), or its id."""
        return named("commune", value, self.lang, self.names) or value

    def officer(self, value: str) -> str:
        """``đồng chí Nguyễn Văn An (o-01)``, or ``cán bộ o-01`` (``officer o-01``)."""
        found = named("officer", value, self.lang, self.names)
        return found or (f"cán bộ {value}" if self.vi else f"officer {value}")

    def when(self, value: date) -> str:
        """A date as the language writes it (``dd/mm/yyyy``, or ISO 8601)."""
        return fmt_date(value, self.lang)

    def label(self, value: str) -> str:
        return label(value, self.lang)

    def subject(self, subject: Mapping[str, Any]) -> str:
        """The subject as a message begins with it."""
        return subject_text(subject, self.lang, sentence=True, names=self.names)

    def _named(self, act: str, ev: str, day: date) -> str:
        """``act`` naming the event ``ev`` of ``day``: ``báo cáo rp-0057 gửi ... ngày
        22/01/2023`` (see :func:`~governance_rules.i18n.act_text`)."""
        when = f"ngày {self.when(day)}" if self.vi else f"on {self.when(day)}"
        return act_text(act, ev, when)

    def _overdue(self, due: date) -> str:
        n = (self.as_of - due).days
        if self.vi:
            return f"đã quá hạn {n} ngày tính đến ngày {self.when(self.as_of)}"
        return f"{n_days(n, 'en')} overdue on {self.when(self.as_of)}"

    def _left(self, due: date) -> str:
        n = (due - self.as_of).days
        return f"còn {n} ngày" if self.vi else f"{n_days(n, 'en')} left"

    def _timing(self, day: date, due: date) -> str:
        if day <= due:
            return (
                f"đúng hạn (hạn {self.when(due)})" if self.vi else f"on time (due {self.when(due)})"
            )
        n = (day - due).days
        if self.vi:
            return f"muộn {n} ngày so với hạn {self.when(due)}"
        return f"{n_days(n, 'en')} after the due date {self.when(due)}"

    def moved(self, due: date, why: str, to: date, why_to: str) -> str:
        """``; hạn 19/12/2026 (thứ Bảy) dời sang 21/12/2026 (thứ Hai)``: a due date on a day
        off, moved to the next working day."""
        if self.vi:
            return f"; hạn {self.when(due)} ({why}) dời sang {self.when(to)} ({why_to})"
        return f"; due {self.when(due)} ({why}) moved to {self.when(to)} ({why_to})"

    @staticmethod
    def noted(message: str, note: str) -> str:
        """``message`` with ``note`` before its closing full stop."""
        if not note:
            return message
        return f"{message[:-1]}{note}." if message.endswith(".") else message + note

    # Windows of periodic duties.

    def window_done(self, s: str, act: str, ev: str, day: date, start: date, due: date) -> str:
        if self.vi:
            return (
                f"{s}: {self._named(act, ev, day)} đã thực hiện cho kỳ từ "
                f"{self.when(start)} đến {self.when(due)}."
            )
        return (
            f"{s}: {self._named(act, ev, day)} fulfilled the window {self.when(start)} "
            f"to {self.when(due)}."
        )

    def window_missed(self, s: str, act: str, start: date, due: date) -> str:
        if self.vi:
            return (
                f"{s}: không có {act_text(act)} nào trong kỳ từ {self.when(start)} đến "
                f"{self.when(due)}; {self._overdue(due)}."
            )
        return (
            f"{s}: no {act_text(act)} from {self.when(start)} to {self.when(due)}; "
            f"{self._overdue(due)}."
        )

    def window_open(self, s: str, act: str, start: date, due: date) -> str:
        if self.vi:
            return (
                f"{s}: cần có {act_text(act)} ít nhất một lần trong kỳ từ {self.when(start)} "
                f"đến hết ngày {self.when(due)}, {self._left(due)}."
            )
        return (
            f"{s}: {act_text(act)} due by {self.when(due)} (window from {self.when(start)}), "
            f"{self._left(due)}."
        )

    # Deadlines: after a trigger, or on a calendar date.

    def _trigger(self, trigger: str | None, tid: str | None, tday: date | None) -> str:
        if trigger is None or tid is None or tday is None:
            return ""
        if self.vi:
            return f" đối với {trigger} {tid} ngày {self.when(tday)}"
        return f" for {trigger} {tid} of {self.when(tday)}"

    def deadline_done(
        self,
        s: str,
        act: str,
        ev: str,
        day: date,
        due: date,
        trigger: tuple[str, str, date] | None = None,
    ) -> str:
        t = self._trigger(*trigger) if trigger else ""
        return f"{s}: {self._named(act, ev, day)}{t}, {self._timing(day, due)}."

    def deadline_missed(
        self, s: str, act: str, due: date, trigger: tuple[str, str, date] | None = None
    ) -> str:
        t = self._trigger(*trigger) if trigger else ""
        if self.vi:
            return f"{s}: chưa có {act_text(act)}{t} (hạn {self.when(due)}); {self._overdue(due)}."
        return f"{s}: no {act_text(act)}{t} by {self.when(due)}; {self._overdue(due)}."

    def deadline_open(
        self, s: str, act: str, due: date, trigger: tuple[str, str, date] | None = None
    ) -> str:
        t = self._trigger(*trigger) if trigger else ""
        if self.vi:
            return (
                f"{s}: cần có {act_text(act)}{t} đến hết ngày {self.when(due)}, {self._left(due)}."
            )
        return f"{s}: {act_text(act)}{t} due by {self.when(due)}, {self._left(due)}."

    def not_in_charge(
        self, ev: str, day: date, named: str | None, commune: str, members: Iterable[str]
    ) -> str:
        who = ", ".join(self.person("standing_member", m) for m in sorted(members)) or "-"
        commune = self.place(commune)
        if named is not None:
            named = self.person("standing_member", named)
        if named is None:
            if self.vi:
                return (
                    f" {ev} ngày {self.when(day)} không được tính: chưa có xác nhận của ủy viên "
                    f"BTV phụ trách địa bàn {commune} ({who})."
                )
            return (
                f" {ev} of {self.when(day)} does not count: it names no Standing Committee member "
                f"in charge of commune {commune} ({who} should have)."
            )
        if self.vi:
            return (
                f" {ev} ngày {self.when(day)} không được tính: {named} không phải ủy viên BTV phụ "
                f"trách địa bàn {commune}; người phụ trách là {who}."
            )
        return (
            f" {ev} of {self.when(day)} does not count: {named} is not the member in charge of "
            f"commune {commune}; {who} is."
        )

    def before_trigger(self, ev: str, day: date, tid: str) -> str:
        if self.vi:
            return f" {ev} ngày {self.when(day)} không được tính vì có trước {tid}."
        return f" {ev} of {self.when(day)} does not count: it is dated before {tid}."

    def before_window(self, ev: str, day: date, start: date) -> str:
        if self.vi:
            return (
                f" {ev} ngày {self.when(day)} không được tính vì có trước ngày bắt đầu tính "
                f"{self.when(start)}."
            )
        return (
            f" {ev} of {self.when(day)} does not count: it is dated before the window opened on "
            f"{self.when(start)}."
        )

    def value_does_not_count(
        self, ev: str, day: date, field: str, value: str, counting: Iterable[str]
    ) -> str:
        name = pick(FIELD_LABELS.get(field, (field, field)), self.lang)
        need = ", ".join(f"'{v}'" for v in counting)
        shown = f"'{value}' ({self.label(value)})"
        if self.vi:
            return (
                f" {ev} ngày {self.when(day)} không được tính: {name} là {shown}, "
                f"không thuộc {need}."
            )
        return (
            f" {ev} of {self.when(day)} does not count: its {name} is {shown}, not one of {need}."
        )

    def outside_assignments(self, ev: str, day: date, officer: str, commune: str) -> str:
        officer, commune = self.officer(officer), self.place(commune)
        if self.vi:
            return (
                f" {ev} ngày {self.when(day)} không được tính: vào ngày đó {officer} không "
                f"được phân công theo dõi địa bàn {commune}."
            )
        return (
            f" {ev} of {self.when(day)} does not count: {officer} was not assigned to "
            f"commune {commune} that day."
        )

    # Recommendations: the act is what the officer does (``dự sinh hoạt chi bộ ...``).

    def observed(self, s: str, act: str, ev: str, day: date) -> str:
        if self.vi:
            return f"{s}: có {act_text(act)} ({ev}, ngày {self.when(day)})."
        return f"{s}: {self._named(act, ev, day)}."

    def not_observed(self, s: str, act: str, year: int) -> str:
        if self.vi:
            return (
                f"{s}: không {act_text(act)} lần nào trong năm {year} (nội dung khuyến khích, "
                "không bắt buộc)."
            )
        return f"{s}: no {act_text(act)} in {year}; this is encouraged, not required."

    def not_yet_observed(self, s: str, act: str, year: int, due: date) -> str:
        if self.vi:
            return (
                f"{s}: chưa {act_text(act)} lần nào trong năm {year}; còn thời gian đến hết ngày "
                f"{self.when(due)}."
            )
        return f"{s}: no {act_text(act)} yet in {year}; encouraged until {self.when(due)}."

    # Precedence.

    def preceded(
        self, s: str, ev: str, day: date, act: str, pid: str, pday: date, what: str = ""
    ) -> str:
        """``what`` is the noun of the act ``ev`` (``chuyến công tác``)."""
        k = (day - pday).days
        ev = f"{what} {ev}" if what else ev
        if self.vi:
            return (
                f"{s}: trước {ev} ngày {self.when(day)} đã {act_text(act)} ({pid}, "
                f"ngày {self.when(pday)}, trước {k} ngày)."
            )
        return (
            f"{s}: {ev} on {self.when(day)} was preceded by {act_text(act, pid)} on "
            f"{self.when(pday)} ({n_days(k, 'en')} before)."
        )

    def not_preceded(
        self,
        s: str,
        ev: str,
        day: date,
        act: str,
        days: int,
        latest: tuple[str, date] | None,
        what: str = "",
    ) -> str:
        ev = f"{what} {ev}" if what else ev
        act = act_text(act)
        if self.vi:
            text = f"{s}: không có {act} trong vòng {days} ngày trước {ev} ngày {self.when(day)}"
            if latest:
                text += f"; lần gần nhất là {latest[0]} ngày {self.when(latest[1])}"
            return text + "."
        text = f"{s}: no {act} in the {n_days(days, 'en')} up to {ev} on {self.when(day)}"
        if latest:
            text += f"; the latest was {latest[0]} on {self.when(latest[1])}"
        return text + "."

    # Conformance checks.

    def examined(self, s: str, noun: str, ev: str, day: date, verdict: str) -> str:
        if self.vi:
            return f"{s}: {noun.lower()} {ev} ngày {self.when(day)} {verdict}."
        return f"{s}: {noun.lower()} {ev} of {self.when(day)} {verdict}."

    def went(self, value: str, required: tuple[str, ...]) -> str:
        via = self.label(value)
        if value in required:
            return f"được gửi {via}" if self.vi else f"went {via}"
        need = " / ".join(self.label(v) for v in required)
        return f"được gửi {via}, không {need}" if self.vi else f"went {via}, not {need}"

    def covers(self, missing: list[str]) -> str:
        if not missing:
            return "có đủ các nội dung bắt buộc" if self.vi else "covers every required field"
        names = "; ".join(self.label(m) for m in missing)
        return f"thiếu nội dung: {names}" if self.vi else f"lacks: {names}"

    def invited(self, officer: str, ok: bool) -> str:
        officer = self.officer(officer)
        if ok:
            return f"có mời {officer}" if self.vi else f"invited {officer}"
        if self.vi:
            return f"không mời {officer}, cán bộ đang được phân công theo dõi địa bàn"
        return f"did not invite {officer}, who was assigned to the commune that day"

    def in_term(self, term: str, span: tuple[date, date] | None, ok: bool) -> str:
        if span is None:
            return f"ghi nhiệm kỳ không có: {term}" if self.vi else f"names unknown term {term}"
        where = (
            ("nằm trong" if ok else "nằm ngoài")
            if self.vi
            else ("lies within" if ok else "lies outside")
        )
        word = "nhiệm kỳ" if self.vi else "term"
        return f"{where} {word} {term} ({self.when(span[0])} – {self.when(span[1])})"

    def unassigned(self, officer: str, commune: str) -> str:
        officer, commune = self.officer(officer), self.place(commune)
        if self.vi:
            return (
                f"thuộc địa bàn {commune}, nơi {officer} không được phân công theo dõi "
                f"vào ngày đó, nên không được tính"
            )
        return (
            f"concerns commune {commune}, which {officer} was not assigned to that day, "
            f"so it fulfils nothing"
        )

    # Coverage.

    def gap(self, s: str, start: date, end: date, open_: bool) -> str:
        n = (end - start).days + 1
        if self.vi:
            text = (
                f"{s}: không có cán bộ theo dõi từ {self.when(start)} đến {self.when(end)} "
                f"({n} ngày)"
            )
            return text + ("; đến nay vẫn chưa được phân công." if open_ else ".")
        span = f"from {self.when(start)} to {self.when(end)}"
        text = f"{s}: no officer assigned {span} ({n_days(n, 'en')})"
        return text + ("; still open." if open_ else ".")

"""Words the reports use, in Vietnamese and English (the project glossary)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Literal

from ._phrasebook import say
from .errors import LanguageError

Lang = Literal["vi", "en"]
LANGS: tuple[Lang, ...] = ("vi", "en")


def language(value: str) -> Lang:
    """The language a tag names: ``"vi"``, ``"vi-VN"``, ``"vi_VN"``, ``"VI"`` or a locale
    such as ``"vi_VN.UTF-8"`` is Vietnamese, ``"en"``, ``"en-US"``... English.

    Raises:
        LanguageError: For any other language, naming the two there are.
    """
    primary = str(value).strip().replace("_", "-").split(".")[0].split("-")[0].lower()
    if primary == "vi":
        return "vi"
    if primary == "en":
        return "en"
    raise LanguageError(f"unsupported language {value!r}: use 'vi' (Vietnamese) or 'en' (English)")


def message(text: str, lang: str, columns: Mapping[str, str] | None = None) -> str:
    """A message of the product (written in English where the problem is found) in
    ``lang``: the Vietnamese of its phrasebook, or the English text as it is.

    Args:
        text: The English message, without its location.
        lang: ``"vi"`` or ``"en"``.
        columns: For a record read from a table, each field's column header, so that a
            Vietnamese message names the column its clerk filled in.
    """
    return say(text, columns) if lang == "vi" else text


ACCOUNTING_LABELS: dict[str, tuple[str, str]] = {
    "read": ("đã đọc", "read"),
    "accepted": ("hợp lệ", "accepted"),
    "duplicates": ("trùng lặp", "duplicates"),
    "rejected": ("bị loại", "rejected"),
    "future": ("ghi ngày sau thời điểm tính (chưa xét)", "future"),
}
"""The accounting of the input records, in the order of the sum they make."""


def accounting_text(counts: Mapping[str, int], lang: str) -> str:
    """``read 120, accepted 117, duplicates 1, rejected 2, future 0`` (or in Vietnamese)."""
    return ", ".join(
        f"{pick(words, lang)} {counts[name]}" for name, words in ACCOUNTING_LABELS.items()
    )


STATUS_LABELS: dict[str, tuple[str, str]] = {
    "fulfilled": ("đã thực hiện", "fulfilled"),
    "late": ("thực hiện muộn", "late"),
    "violated": ("chưa thực hiện (quá hạn)", "violated"),
    "pending": ("chưa đến hạn", "pending"),
    "observed": ("có thực hiện", "observed"),
    "not_observed": ("chưa thực hiện (nội dung khuyến khích)", "not observed"),
}

CHECK_VIOLATED = ("không đúng quy định", "violated")
"""``violated`` for a check (an assignment in its term, a channel, a report's content, a
jurisdiction, an invitation, coverage), where nothing is overdue."""

CHECK_TEMPLATES = frozenset({"conformance", "coverage"})
"""The rule templates that check something rather than owe it by a date."""

POLICY_LABELS: dict[str, tuple[str, str]] = {
    "visit_interval_months": (
        "số tháng tối đa giữa hai lần đi công tác, dự họp",
        "months at most between two visits or meetings",
    ),
    "visit_cadence": (
        "cách tính kỳ đi công tác (rolling: từ lần gần nhất; calendar_quarter: theo quý)",
        "how visit windows run (rolling, or calendar_quarter)",
    ),
    "contact_window_days": (
        "số ngày tối đa liên hệ trước khi đến làm việc",
        "days at most between the contact and the visit",
    ),
    "report_grace_days": (
        "số ngày sau cuối kỳ để nộp báo cáo 6 tháng, năm",
        "days after a period's end to submit its report",
    ),
    "report_min_active_days": (
        "số ngày được phân công tối thiểu trong kỳ thì phải báo cáo",
        "days assigned in a period for its report to be owed",
    ),
    "member_report_interval_months": (
        "số tháng tối đa giữa hai lần báo cáo ủy viên BTV phụ trách",
        "months at most between two reports to the member in charge",
    ),
    "agency_report_interval_months": (
        "số tháng tối đa giữa hai lần báo cáo thủ trưởng cơ quan",
        "months at most between two reports to the agency head",
    ),
    "evaluation_due": (
        "hạn cuối (tháng-ngày) đảng ủy xã gửi nhận xét, đánh giá",
        "last day (month-day) of the commune's evaluation",
    ),
    "evaluation_min_active_days": (
        "số ngày được phân công tối thiểu trong năm thì xã phải nhận xét",
        "days assigned in a year for an evaluation to be owed",
    ),
    "issue_relay_days": (
        "số ngày để trao đổi phản ánh với thường trực cấp ủy",
        "days to relay a raised issue",
    ),
    "replacement_days": (
        "số ngày để xem xét thay thế cán bộ không hoàn thành nhiệm vụ",
        "days to consider replacing an officer rated not completed",
    ),
    "violation_handling_days": ("số ngày để xử lý vi phạm", "days to handle a violation"),
    "commendation_days": (
        "số ngày để đề xuất biểu dương, khen thưởng",
        "days to propose a commendation",
    ),
    "classification_due": (
        "hạn (tháng-ngày, năm sau) đề xuất đánh giá, phân loại cán bộ",
        "due day (month-day, next year) of the classification proposal",
    ),
    "dissemination_days": (
        "số ngày để triển khai, quán triệt Quy định",
        "days to disseminate the Regulation",
    ),
    "coverage_grace_days": (
        "số ngày đầu nhiệm kỳ để phân công cán bộ cho mọi xã",
        "days after a term starts to assign every commune",
    ),
    "review_grace_days": (
        "số ngày để tổ chức sơ kết, tổng kết",
        "days to hold the preliminary and final reviews",
    ),
    "day_off_rule": (
        "hạn rơi vào ngày nghỉ (none: giữ nguyên; next_working_day: dời sang ngày làm việc)",
        "a due date on a day off (none, or next_working_day)",
    ),
}
"""What each policy key sets, for the reports (the key stays the identifier)."""

BACKEND_LABELS: dict[str, tuple[str, str]] = {
    "reference": ("tham chiếu (reference)", "reference"),
    "durable": ("durable_rules (durable)", "durable"),
}

BEARER_LABELS: dict[str, tuple[str, str]] = {
    "officer": ("cán bộ theo dõi địa bàn", "monitoring officer"),
    "commune": ("đảng ủy xã", "commune Party committee"),
    "standing_member": (
        "ủy viên Ban Thường vụ Tỉnh ủy phụ trách",
        "Standing Committee member in charge",
    ),
    "standing_committee": ("Ban Thường vụ Tỉnh ủy", "Provincial Standing Committee"),
    "organization_board": ("Ban Tổ chức Tỉnh ủy", "Provincial Organization Board"),
}

VALUE_LABELS: dict[str, tuple[str, str]] = {
    "provincial_office": ("qua Văn phòng Tỉnh ủy", "through the Provincial Party Office"),
    "organization_board": ("qua Ban Tổ chức Tỉnh ủy", "through the Provincial Organization Board"),
    "direct": ("trực tiếp", "directly"),
    "socio_economic": ("phát triển kinh tế - xã hội", "socio-economic development"),
    "defense_security": ("quốc phòng, an ninh", "defence and security"),
    "political_system": ("xây dựng hệ thống chính trị", "building the political system"),
    "policy_implementation": (
        "triển khai chủ trương, chính sách",
        "implementation of guidelines and policies",
    ),
    "public_sentiment": ("đời sống, tâm trạng của nhân dân", "people's lives and mood"),
    "preliminary": ("sơ kết", "preliminary"),
    "final": ("tổng kết", "final"),
    "difficulty": ("khó khăn, vướng mắc", "difficulty"),
    "proposal": ("đề xuất, kiến nghị", "proposal"),
    "new_model": ("mô hình mới", "new model"),
    "shortcoming": ("hạn chế, yếu kém", "shortcoming"),
    "term_end": ("hết nhiệm kỳ", "end of term"),
    "replaced": ("thay thế", "replaced"),
    "not_completed": ("không hoàn thành nhiệm vụ", "not completed"),
    "violation": ("vi phạm", "violation"),
    "other": ("lý do khác", "other"),
}

FIELD_LABELS: dict[str, tuple[str, str]] = {
    "reason": ("lý do", "reason"),
}

SUBJECT_LABELS: dict[str, tuple[str, str]] = {
    "officer": ("cán bộ", "officer"),
    "commune": ("địa bàn", "commune"),
    "district": ("huyện", "district"),
    "standing_member": ("ủy viên BTV", "member"),
    "year": ("năm", "year"),
    "period": ("kỳ", "period"),
    "term": ("nhiệm kỳ", "term"),
    "kind": ("loại", "kind"),
    "event": ("sự kiện", "event"),
}


EVENT_NOUNS: dict[tuple[str, str | None], tuple[str, str]] = {
    ("visit.conducted", None): ("chuyến công tác", "working visit"),
    ("meeting.held", "executive"): (
        "cuộc họp ban chấp hành đảng ủy xã",
        "meeting of the commune Party executive committee",
    ),
    ("meeting.held", "standing"): (
        "cuộc họp ban thường vụ đảng ủy xã",
        "meeting of the commune Party standing committee",
    ),
    ("replacement.considered", None): ("xem xét thay thế", "replacement consideration"),
    ("assignment.ended", None): ("kết thúc phân công", "end of assignment"),
    ("review.held", "preliminary"): ("hội nghị sơ kết", "preliminary review"),
    ("review.held", "final"): ("hội nghị tổng kết", "final review"),
}
"""What an event of a type (and of a ``body`` or ``kind``) is called where a message names
the one that counted, when a rule's act takes several: ``chuyến công tác vi-0001``, not
``chuyến công tác hoặc cuộc họp ... vi-0001``."""


def event_noun(event_type: str, kind: Any, lang: str) -> str | None:
    """The noun of :data:`EVENT_NOUNS` for an event of ``event_type`` whose ``body`` or
    ``kind`` is ``kind``, else ``None``."""
    words = EVENT_NOUNS.get((event_type, str(kind))) or EVENT_NOUNS.get((event_type, None))
    return pick(words, lang) if words else None


def act_text(act: str, ev: str | None = None, when: str = "") -> str:
    """A rule's act naming the event ``ev`` that counted, and ``when`` it was (``ngày
    05/12/2023``): the id in the act's ``{id}`` where it has one, right after the noun it
    names (``báo cáo {id} gửi thủ trưởng ...``), else after the act; the date after the id,
    before a closing parenthesis that qualifies the act (``bản nhận xét, đánh giá {id} (có
    xác nhận của ...)``). Without an event, the act alone, its qualifier unbracketed."""
    head, qualifier = act, ""
    if act.endswith(")") and " (" in act:
        head, _, rest = act.partition(" (")
        qualifier = rest[:-1]
    if not ev:
        text = head.replace(" {id}", "").replace("{id}", "")
        return f"{text} {qualifier}" if qualifier else text
    named = head.replace("{id}", ev) if "{id}" in head else f"{head} {ev}"
    if when:
        named = f"{named} {when}"
    return f"{named} ({qualifier})" if qualifier else named


TWO_LEVEL: dict[str, str] = {
    "thường trực cấp ủy cấp huyện": "thường trực đảng ủy xã",
    "district Party standing office": "commune Party standing office",
}
"""The district level's office, as a commune with no district that day says it instead:
where the province has two levels, the commune's own Party standing office."""


def without_district(text: str) -> str:
    """``text`` as it reads for a commune with no district (see :data:`TWO_LEVEL`)."""
    for district, commune in TWO_LEVEL.items():
        text = text.replace(district, commune)
    return text


PEOPLE = frozenset({"officer", "standing_member"})
"""The subject keys that name a person."""
NAMED = PEOPLE | {"commune", "district"}
"""The subject keys whose values the register names."""


Names = Mapping[tuple[str, str], str]
"""The register's names by subject key and id: ``("officer", "o-01") -> "Nguyễn Văn An"``."""


def named(key: str, value: str, lang: str, names: Names) -> str | None:
    """A person or a place of the register as a message speaks of it: ``đồng chí Nguyễn Văn
    An (o-01)`` (``officer Nguyễn Văn An (o-01)``), a commune or district by its own name,
    ``Thị xã Sông Cầu (d-song-cau)``; ``None`` for an id ``names`` does not hold."""
    name = names.get((key, value))
    if name is None:
        return None
    if key in PEOPLE:
        return f"đồng chí {name} ({value})" if lang == "vi" else f"{name} ({value})"
    return f"{name} ({value})"


def subject_text(
    values: Mapping[str, Any],
    lang: str,
    *,
    sentence: bool = False,
    names: Names | None = None,
) -> str:
    """A finding's subject in words, key by key (the keys of :data:`SUBJECT_LABELS`, in
    that order): ``cán bộ o-01, địa bàn c-an-hoa``.

    Args:
        values: The subject's keys and values; ``None`` values are left out.
        lang: ``"vi"`` or ``"en"``.
        sentence: As a message begins: capitalised, a ``kind`` by its label alone, and "the
            Regulation" for an empty subject (else ``loại sơ kết``, and ``-``).
        names: The register's names by id: people and places are then spoken of by name
            (see :func:`named`).
    """
    parts: list[str] = []
    vi = lang == "vi"
    for key, words in SUBJECT_LABELS.items():
        value = values.get(key)
        if value is None:
            continue
        word = words[0] if vi else words[1]
        if key == "period" and vi:
            parts.append(period_text(str(value)))
        elif names and key in NAMED and (by_name := named(key, value, lang, names)):
            labelled = not vi or key == "commune"  # đồng chí ... says who in Vietnamese
            parts.append(f"{word} {by_name}" if labelled else by_name)
        elif key == "kind":
            shown = label(str(value), lang)
            parts.append(shown if sentence else f"{word} {shown}")
        else:
            parts.append(f"{word} {value}")
    if not sentence:
        return ", ".join(parts) or "-"
    if not parts:
        return "Quy định" if lang == "vi" else "The Regulation"
    text = ", ".join(parts)
    return text[0].upper() + text[1:]


_HALVES = {"H1": "6 tháng đầu năm", "H2": "6 tháng cuối năm"}
_QUARTERS = {"Q1": "quý I", "Q2": "quý II", "Q3": "quý III", "Q4": "quý IV"}


def period_text(period: str) -> str:
    """A reporting period as a Vietnamese report names it: ``kỳ báo cáo năm 2023``,
    ``6 tháng đầu năm 2025``, ``quý I năm 2026``."""
    year, _, part = period.partition("-")
    if not part:
        return f"kỳ báo cáo năm {year}"
    if part in _HALVES:
        return f"{_HALVES[part]} {year}"
    if part in _QUARTERS:
        return f"{_QUARTERS[part]} năm {year}"
    return f"kỳ {period}"


def pick(pair: tuple[str, str], lang: str) -> str:
    """The Vietnamese or the English word of ``pair``."""
    return pair[0] if lang == "vi" else pair[1]


def label(value: str, lang: str) -> str:
    """A code value (``"provincial_office"``) in words, or the value itself."""
    pair = VALUE_LABELS.get(value)
    return pick(pair, lang) if pair else value


_VI_DATES: dict[date, str] = {}  # a log's messages name a few thousand days, many times


def fmt_date(value: date, lang: str) -> str:
    """``dd/mm/yyyy`` in Vietnamese, ISO 8601 in English."""
    if lang != "vi":
        return value.isoformat()
    text = _VI_DATES.get(value)
    if text is None:  # strftime is several times slower
        text = f"{value.day:02d}/{value.month:02d}/{value.year:04d}"
        if len(_VI_DATES) < 1 << 16 and type(value) is date:
            _VI_DATES[value] = text
    return text


def status_label(status: str, lang: str, *, check: bool = False) -> str:
    """A finding status in words; with ``check``, a check's (``violated`` is "không đúng
    quy định": nothing is overdue)."""
    if check and status == "violated":
        return pick(CHECK_VIOLATED, lang)
    return pick(STATUS_LABELS[status], lang)


def backend_label(name: str, lang: str) -> str:
    """An engine backend's name as a report gives it."""
    return pick(BACKEND_LABELS[name], lang) if name in BACKEND_LABELS else name


def days(n: int, lang: str) -> str:
    """``n`` days: ``1 ngày``, ``1 day``, ``3 days``."""
    if lang == "vi":
        return f"{n} ngày"
    return f"{n} day" if abs(n) == 1 else f"{n} days"

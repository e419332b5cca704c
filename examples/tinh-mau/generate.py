"""Write events.jsonl for the example province Tỉnh Mẫu.

The log is deterministic: regular duties done on a steady rhythm, plus the deliberate
departures listed in README.md, so that every rule shows what compliance and
non-compliance look like. Run ``python examples/tinh-mau/generate.py`` to rewrite it.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
EFFECTIVE = date(2023, 1, 1)
AS_OF = date(2026, 11, 30)
TERM1_END = date(2025, 10, 14)
MERGED = date(2025, 6, 30)  # the last day of the old districts and communes
NEW_UNITS = date(2025, 7, 1)
REASSIGNED = date(2025, 7, 14)  # the Standing Committee's decisions for the new communes
MEMBER_OF = {"d-an-lao": "sm-01", "d-binh-son": "sm-02", "d-song-cau": "sm-03"}
DISTRICT = {
    "c-an-hoa": "d-an-lao",
    "c-an-nghiep": "d-an-lao",
    "c-an-lao": "d-an-lao",
    "c-an-tan": "d-an-lao",
    "c-binh-chau": "d-binh-son",
    "c-binh-minh": "d-binh-son",
    "c-chau-o": "d-binh-son",
    "c-binh-hai": "d-binh-son",
    "c-xuan-phu": "d-song-cau",
    "c-xuan-thanh": "d-song-cau",
    "c-xuan-loc": "d-song-cau",
    "c-xuan-hai": "d-song-cau",
}
# The reorganisation: each merged commune's successor; c-an-tan and c-binh-hai stay.
SUCCESSOR = {
    "c-an-hoa": "c-an-lao-moi",
    "c-an-nghiep": "c-an-lao-moi",
    "c-an-lao": "c-an-lao-moi",
    "c-binh-chau": "c-binh-son-moi",
    "c-binh-minh": "c-binh-son-moi",
    "c-chau-o": "c-binh-son-moi",
    "c-xuan-phu": "c-song-cau",
    "c-xuan-thanh": "c-song-cau",
    "c-xuan-loc": "c-xuan-loc-moi",
    "c-xuan-hai": "c-xuan-loc-moi",
}
NEW_MEMBER = {
    "c-an-lao-moi": "sm-01",
    "c-an-tan": "sm-01",
    "c-binh-son-moi": "sm-02",
    "c-binh-hai": "sm-02",
    "c-song-cau": "sm-03",
    "c-xuan-loc-moi": "sm-03",
}
PAIRS = [
    ("o-01", "c-an-hoa"),
    ("o-08", "c-an-nghiep"),
    ("o-02", "c-an-lao"),
    ("o-02", "c-an-tan"),
    ("o-03", "c-binh-chau"),
    ("o-03", "c-binh-minh"),
    ("o-04", "c-chau-o"),
    ("o-04", "c-binh-hai"),
    ("o-05", "c-xuan-phu"),
    ("o-05", "c-xuan-thanh"),
    ("o-06", "c-xuan-loc"),
    ("o-07", "c-xuan-hai"),
]
# After the merger: the officers of the merged communes are assigned to the new ones.
NEW_PAIRS = [
    ("o-01", "c-an-lao-moi"),
    ("o-08", "c-an-lao-moi"),
    ("o-02", "c-an-tan"),
    ("o-03", "c-binh-son-moi"),
    ("o-04", "c-binh-son-moi"),
    ("o-04", "c-binh-hai"),
    ("o-05", "c-song-cau"),
    ("o-06", "c-xuan-loc-moi"),
    ("o-07", "c-xuan-loc-moi"),
]
OFFICERS = [f"o-0{n}" for n in range(1, 9)]
FULL = [
    "socio_economic",
    "defense_security",
    "political_system",
    "policy_implementation",
    "public_sentiment",
]

events: list[dict[str, Any]] = []
counter: Counter[str] = Counter()


def add(prefix: str, type_: str, at: date | str, **fields: Any) -> str:
    counter[prefix] += 1
    event_id = f"{prefix}-{counter[prefix]:04d}"
    when = at if isinstance(at, str) else at.isoformat()
    events.append({"id": event_id, "type": type_, "at": when, **fields})
    return event_id


def d(text: str) -> date:
    return date.fromisoformat(text)


def member_of(commune: str, day: date) -> str:
    """The member in charge of a commune on a day."""
    return (
        MEMBER_OF[DISTRICT[commune]]
        if commune in DISTRICT and day <= MERGED
        else NEW_MEMBER[commune]
    )


def communes_on(day: date) -> list[str]:
    """The communes that exist on a day."""
    if day <= MERGED:
        return list(DISTRICT)
    return list(NEW_MEMBER)


# Assignments: term 2020-2025 decided in 2020; the merged communes' assignments end with
# them on 30 June 2025, and the new communes' are decided on 14 July 2025; term 2025-2030
# mostly on 2025-11-20.
periods: dict[tuple[str, str], list[tuple[date, date]]] = {}
for officer, commune in PAIRS:
    add(
        "as",
        "assignment.decided",
        d("2020-11-02"),
        officer=officer,
        commune=commune,
        term="2020-2025",
    )
    merged = commune in SUCCESSOR
    periods[officer, commune] = [(d("2020-11-02"), MERGED if merged else TERM1_END)]
for officer, commune in NEW_PAIRS:
    if commune not in DISTRICT:  # a new commune
        add(
            "as",
            "assignment.decided",
            REASSIGNED,
            officer=officer,
            commune=commune,
            term="2020-2025",
        )
        periods[officer, commune] = [(REASSIGNED, TERM1_END)]
    second = {"c-binh-hai": d("2026-03-02"), "c-xuan-loc-moi": d("2025-10-01")}.get(
        commune, d("2025-11-20")
    )
    if (officer, commune) == ("o-07", "c-xuan-loc-moi"):
        second = d("2025-11-20")
    add("as", "assignment.decided", second, officer=officer, commune=commune, term="2025-2030")
    periods[officer, commune].append((max(second, TERM1_END + timedelta(days=1)), AS_OF))
# o-02 is removed from An Tân after a violation; o-01 takes it over.
add(
    "ae",
    "assignment.ended",
    d("2026-07-01"),
    officer="o-02",
    commune="c-an-tan",
    reason="violation",
)
periods["o-02", "c-an-tan"][-1] = (periods["o-02", "c-an-tan"][-1][0], d("2026-07-01"))
add(
    "as",
    "assignment.decided",
    d("2026-09-01"),
    officer="o-01",
    commune="c-an-tan",
    term="2025-2030",
)
periods["o-01", "c-an-tan"] = [(d("2026-09-01"), AS_OF)]

# Working visits every 75 days, each after a contact 3 days earlier.
for (officer, commune), spans in sorted(periods.items()):
    for start, end in spans:
        day = max(start, EFFECTIVE) + timedelta(days=20)
        while day <= min(end, AS_OF):
            gap = (officer, commune) == ("o-02", "c-an-tan") and d("2024-03-01") <= day <= d(
                "2024-09-30"
            )
            by_meeting = (
                officer == "o-05"
                and commune in ("c-xuan-thanh", "c-song-cau")
                and d("2025-01-01") <= day <= TERM1_END
            )
            if not gap and not by_meeting:
                no_contact = (
                    (officer, commune) == ("o-04", "c-chau-o")
                    and day.year == 2024
                    and (day.month in (4, 5, 6))
                )
                early = (
                    (officer, commune) == ("o-03", "c-binh-chau")
                    and day.year == 2025
                    and (day.month in (3, 4, 5, 6))
                )
                if not no_contact:
                    lead = 40 if early else 3
                    add(
                        "ct",
                        "contact.made",
                        day - timedelta(days=lead),
                        officer=officer,
                        commune=commune,
                    )
                at: date | str = day
                if (
                    (officer, commune) == ("o-01", "c-an-hoa")
                    and day.year == 2024
                    and (day.month == 3)
                ):
                    # Recorded in UTC: 20:00 UTC on 31 March is 1 April in Hanoi.
                    at = f"{day.isoformat()}T20:00:00+00:00"
                add("vi", "visit.conducted", at, officer=officer, commune=commune)
            day += timedelta(days=75)

# A visit outside the officer's assignments, with its contact.
add("ct", "contact.made", d("2025-05-02"), officer="o-01", commune="c-binh-chau")
add("vi", "visit.conducted", d("2025-05-05"), officer="o-01", commune="c-binh-chau")


def assigned(commune: str, day: date) -> list[str]:
    return sorted(
        officer
        for (officer, c), spans in periods.items()
        if c == commune and any(s <= day <= e for s, e in spans)
    )


# Commune executive committee meetings every quarter; the assigned officers are invited.
for year in range(2023, 2027):
    for month in (2, 5, 8, 11):
        day = date(year, month, 15)
        if day > AS_OF:
            continue
        for commune in communes_on(day):
            invited = assigned(commune, day)
            attended: list[str] = []
            if commune in ("c-xuan-thanh", "c-song-cau") and year == 2025:
                attended = ["o-05"]
            topics = ["socio_economic", "political_system"]
            if (commune, day) == ("c-song-cau", d("2025-08-15")):
                invited, topics = [], ["defense_security"]
            add(
                "mt",
                "meeting.held",
                day,
                commune=commune,
                body="executive",
                session="regular",
                topics=topics,
                invited=invited,
                attended=attended,
            )
# Residential Party cell meetings, encouraged.
for year in range(2023, 2027):
    add(
        "mt",
        "meeting.held",
        date(year, 6, 10),
        commune="c-an-hoa" if year <= MERGED.year else "c-an-lao-moi",
        body="cell",
        session="regular",
        topics=["other"],
        invited=["o-01"],
        attended=["o-01"],
    )
add(
    "mt",
    "meeting.held",
    d("2024-09-12"),
    commune="c-binh-chau",
    body="cell",
    session="regular",
    topics=["other"],
    invited=["o-03"],
    attended=["o-03"],
)

# Reports to the Standing Committee (semi-annual and annual).
for officer in OFFICERS:
    for year in range(2023, 2027):
        if (officer, year) == ("o-02", 2025):
            pass
        else:
            day = d("2024-07-25") if (officer, year) == ("o-06", 2024) else date(year, 7, 5)
            add(
                "rp",
                "report.submitted",
                day,
                officer=officer,
                recipient="standing_committee",
                via="provincial_office",
                period=f"{year}-H1",
                sections=FULL,
            )
        if year < 2026:
            day = d("2025-01-25") if (officer, year) == ("o-03", 2024) else date(year + 1, 1, 10)
            sections = FULL[:-1] if (officer, year) == ("o-07", 2023) else FULL
            via = "direct" if (officer, year) == ("o-08", 2025) else "provincial_office"
            add(
                "rp",
                "report.submitted",
                day,
                officer=officer,
                recipient="standing_committee",
                via=via,
                period=str(year),
                sections=sections,
            )

# Regular reports to the member in charge and to the agency head, every 80 days.
for officer in OFFICERS:
    day = d("2023-01-20")
    while day <= AS_OF:
        if not (officer == "o-06" and d("2024-04-01") <= day <= d("2024-10-31")):
            add(
                "rp",
                "report.submitted",
                day,
                officer=officer,
                recipient="standing_member",
                via="direct",
                period=None,
                sections=["socio_economic", "difficulties"],
            )
        heads = officer in ("o-07", "o-08")
        if not heads and not (officer == "o-05" and d("2025-01-01") <= day <= d("2025-06-30")):
            add(
                "rp",
                "report.submitted",
                day + timedelta(days=2),
                officer=officer,
                recipient="agency_head",
                via="direct",
                period=None,
                sections=["socio_economic", "political_system"],
            )
        day += timedelta(days=80)

# The communes' written evaluations, on 5 December.
for (officer, commune), spans in sorted(periods.items()):
    for year in range(2023, 2026):
        due = date(year, 12, 19)
        days = sum(
            max(0, (min(e, due) - max(s, date(year, 1, 1), EFFECTIVE)).days + 1) for s, e in spans
        )
        day = date(year, 12, 5)
        if days < 90 or (commune in SUCCESSOR and day > MERGED):
            continue  # not owed, or the commune no longer exists to write it
        member, via = member_of(commune, day), "organization_board"
        if (officer, commune, year) == ("o-03", "c-binh-son-moi", 2025):
            member = None
        if (commune, year) == ("c-chau-o", 2024):
            member = "sm-01"
        if (commune, year) == ("c-xuan-phu", 2024):
            day = d("2024-12-22")
        if (officer, commune, year) == ("o-08", "c-an-lao-moi", 2025):
            via = "direct"
        add(
            "ev",
            "evaluation.submitted",
            day,
            commune=commune,
            officer=officer,
            year=year,
            rating="good",
            confirmed_by=member,
            via=via,
        )

# The Standing Committee's ratings, replacements and commendations.
special = {
    ("o-03", 2024): "excellent",
    ("o-02", 2024): "not_completed",
    ("o-05", 2025): "excellent",
    ("o-04", 2025): "not_completed",
}
for year in range(2023, 2026):
    for officer in OFFICERS:
        add(
            "pr",
            "performance.rated",
            date(year + 1, 1, 20),
            officer=officer,
            year=year,
            rating=special.get((officer, year), "good"),
        )
add("rc", "replacement.considered", d("2026-02-10"), officer="o-04", decision="retain")
add("cm", "commendation.proposed", d("2025-06-01"), officer="o-03", year=2024)
add("cm", "commendation.proposed", d("2026-02-15"), officer="o-05", year=2025)

# Issues raised by officers and relayed by the members in charge.
i1 = add(
    "is",
    "issue.raised",
    d("2025-04-10"),
    officer="o-01",
    commune="c-an-hoa",
    to="sm-01",
    kind="difficulty",
)
add("rl", "issue.relayed", d("2025-04-20"), standing_member="sm-01", issue=i1)
i2 = add(
    "is",
    "issue.raised",
    d("2025-08-05"),
    officer="o-03",
    commune="c-binh-son-moi",
    to="sm-02",
    kind="proposal",
)
add("rl", "issue.relayed", d("2025-08-10"), standing_member="sm-01", issue=i2)
i3 = add(
    "is",
    "issue.raised",
    d("2026-02-01"),
    officer="o-04",
    commune="c-binh-son-moi",
    to="sm-02",
    kind="shortcoming",
)
add("rl", "issue.relayed", d("2026-03-01"), standing_member="sm-02", issue=i3)
add(
    "is",
    "issue.raised",
    d("2026-11-20"),
    officer="o-05",
    commune="c-song-cau",
    to="sm-03",
    kind="new_model",
)

# Violations.
v1 = add(
    "vr",
    "violation.recorded",
    d("2025-05-10"),
    officer="o-06",
    summary="Dùng xe công vào việc riêng",
)
add("vh", "violation.handled", d("2025-07-01"), violation=v1, measure="khiển trách")
add(
    "vr",
    "violation.recorded",
    d("2026-06-01"),
    officer="o-02",
    summary="Không chấp hành chỉ đạo của Ban Thường vụ",
)

# The Organization Board: dissemination, classification, reviews.
add("ds", "regulation.disseminated", d("2023-01-15"))
add("cl", "classification.proposed", d("2024-01-25"), year=2023)
add("cl", "classification.proposed", d("2025-02-10"), year=2024)
add("rv", "review.held", d("2023-06-20"), kind="preliminary", term="2020-2025")
add("rv", "review.held", d("2026-03-02"), kind="final", term="2020-2025")

events.sort(key=lambda e: (e["at"][:10], e["id"]))
lines = [json.dumps(e, ensure_ascii=False) for e in events]
# What an auditor also meets in a real log: a line entered twice, a mistyped officer id,
# a mistyped event type, an id reused for another event, and an act planned ahead.
lines.append(lines[100])
lines.append(
    json.dumps(
        {
            "id": "vi-9001",
            "type": "visit.conducted",
            "at": "2025-03-03",
            "officer": "o-09",
            "commune": "c-an-hoa",
        },
        ensure_ascii=False,
    )
)
lines.append(
    json.dumps(
        {
            "id": "vi-9002",
            "type": "visit.conduct",
            "at": "2025-03-04",
            "officer": "o-01",
            "commune": "c-an-hoa",
        },
        ensure_ascii=False,
    )
)
reused = dict(events[200], at="2026-01-01")
lines.append(json.dumps(reused, ensure_ascii=False))
lines.append(
    json.dumps(
        {
            "id": "ct-9003",
            "type": "contact.made",
            "at": "2026-12-03",
            "officer": "o-01",
            "commune": "c-an-lao-moi",
        },
        ensure_ascii=False,
    )
)
# After the merger, habit: a visit and a meeting recorded under communes that no longer
# exist (rejected, naming the commune they were merged into).
lines.append(
    json.dumps(
        {
            "id": "vi-9004",
            "type": "visit.conducted",
            "at": "2025-08-02",
            "officer": "o-05",
            "commune": "c-xuan-phu",
        },
        ensure_ascii=False,
    )
)
lines.append(
    json.dumps(
        {
            "id": "mt-9005",
            "type": "meeting.held",
            "at": "2025-09-12",
            "commune": "c-an-nghiep",
            "body": "standing",
            "session": "extraordinary",
            "topics": ["socio_economic"],
            "invited": ["o-08"],
            "attended": ["o-08"],
        },
        ensure_ascii=False,
    )
)
(HERE / "events.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
print(f"wrote {len(lines)} lines to {HERE / 'events.jsonl'}")

"""A synthetic province: a register and an event log, for tests and benchmarks.

The province has Vietnamese names, districts, Standing Committee members, agencies and
officers in sensible proportions, congress terms, and every event type at a realistic rate:
visits and commune meetings several times a quarter, reports, December evaluations, issues
and the occasional violation. Duties are missed at a configurable rate. The log is written
month by month (a contact may come a few days before its visit's month), so that millions of
events never sit in memory together.
The same seed gives the same files.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TextIO

import yaml

FAMILY = (
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
)
MIDDLE = ("Văn", "Thị", "Minh", "Quốc", "Thanh", "Đức", "Ngọc", "Hữu", "Thu", "Xuân")
GIVEN = (
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hà",
    "Hải",
    "Hạnh",
    "Hương",
    "Hùng",
    "Khánh",
    "Lan",
    "Long",
    "Mai",
    "Nam",
    "Phúc",
    "Quang",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trang",
    "Tuấn",
    "Việt",
    "Yến",
    "Đạt",
    "Ánh",
)
PLACE = (
    "An",
    "Bình",
    "Phú",
    "Hòa",
    "Tân",
    "Thạnh",
    "Xuân",
    "Đông",
    "Tây",
    "Nam",
    "Bắc",
    "Hưng",
    "Long",
    "Lộc",
    "Phước",
    "Thuận",
    "Hiệp",
    "Mỹ",
    "Sơn",
    "Thủy",
    "Hải",
    "Vĩnh",
    "Quảng",
    "Trung",
    "Đức",
    "Nghĩa",
)
AGENCIES = (
    "Sở Nội vụ",
    "Sở Tài chính",
    "Sở Xây dựng",
    "Sở Y tế",
    "Sở Giáo dục và Đào tạo",
    "Sở Nông nghiệp và Môi trường",
    "Sở Công Thương",
    "Ban Tổ chức Tỉnh ủy",
    "Ban Dân vận Tỉnh ủy",
    "Ban Tuyên giáo Tỉnh ủy",
    "Ủy ban Kiểm tra Tỉnh ủy",
    "Sở Văn hóa, Thể thao và Du lịch",
)
SECTIONS = [
    "socio_economic",
    "defense_security",
    "political_system",
    "policy_implementation",
    "public_sentiment",
]


@dataclass
class Simulation:
    """What to simulate.

    Attributes:
        communes: How many communes.
        years: How many years of events, ending with ``first_year + years - 1``.
        seed: The random seed; the same seed gives the same files.
        first_year: The year the Regulation takes effect and the log starts.
        miss_rate: How often a duty is missed or done wrong (0 to 1).
        reorganise: A day on which the districts are abolished and the communes merged, in
            groups of two to four, into new ones (as on 1 July 2025); ``None`` for none.
            The members' charges move to the new communes that day, the old assignments end
            with their communes, and new ones are decided within a few weeks; a few
            events wrongly name an old commune afterwards (and are rejected).
    """

    communes: int = 40
    years: int = 2
    seed: int = 1
    first_year: int = 2024
    miss_rate: float = 0.05
    reorganise: date | None = None
    counts: dict[str, int] = field(default_factory=dict)


def _name(chance: random.Random) -> str:
    return f"{chance.choice(FAMILY)} {chance.choice(MIDDLE)} {chance.choice(GIVEN)}"


def _place(chance: random.Random, used: set[str]) -> str:
    """A place name not used yet: two syllables, then a number once those run out."""
    first, second = chance.sample(PLACE, 2)
    name, n = f"{first} {second}", 1
    while name in used:
        n += 1
        name = f"{first} {second} {n}"
    used.add(name)
    return name


def _register(sim: Simulation, chance: random.Random) -> dict[str, Any]:
    districts = max(1, sim.communes // 12)
    used: set[str] = set()
    district_rows = [
        {"id": f"d{d:03d}", "name": f"Huyện {_place(chance, used)}"} for d in range(districts)
    ]
    communes = []
    for c in range(sim.communes):
        roll = chance.random()
        kind, word = (
            ("phuong", "Phường")
            if roll < 0.12
            else ("thi_tran", "Thị trấn")
            if roll < 0.2
            else ("xa", "Xã")
        )
        communes.append(
            {
                "id": f"c{c:05d}",
                "name": f"{word} {_place(chance, used)}",
                "kind": kind,
                "district": f"d{c % districts:03d}",
            }
        )
    members = [
        {"id": f"m{d:03d}", "name": _name(chance), "in_charge_of": [f"d{d:03d}"]}
        for d in range(districts)
    ]
    officers_count = max(1, sim.communes // 2)
    agency_count = min(len(AGENCIES), max(2, officers_count // 6))
    officers = [
        {"id": f"o{o:05d}", "name": _name(chance), "agency": f"a{o % agency_count:02d}"}
        for o in range(officers_count)
    ]
    agencies = [
        {
            "id": f"a{a:02d}",
            "name": AGENCIES[a],
            **({"head": f"o{a:05d}"} if a < officers_count else {}),
        }
        for a in range(agency_count)
    ]
    first_term = 2020 + 5 * ((sim.first_year - 2020) // 5)
    last_year = sim.first_year + sim.years
    terms = []
    start = first_term
    while start <= last_year:
        terms.append(
            {
                "id": f"{start}-{start + 5}",
                "start": date(start, 10, 15),
                "end": date(start + 5, 10, 14),
            }
        )
        start += 5
    terms.insert(
        0,
        {
            "id": f"{first_term - 5}-{first_term}",
            "start": date(first_term - 5, 10, 15),
            "end": date(first_term, 10, 14),
        },
    )
    return {
        "province": {
            "id": "tinh-mo-phong",
            "name": "Tỉnh Mô Phỏng",
            "timezone": "Asia/Ho_Chi_Minh",
        },
        "regulation": {"effective": date(sim.first_year, 1, 1)},
        "terms": terms,
        "districts": district_rows,
        "communes": communes,
        "standing_members": members,
        "agencies": agencies,
        "officers": officers,
    }


def _reorganise(register: dict[str, Any], day: date, chance: random.Random) -> dict[str, list[str]]:
    """Merge the register's communes on ``day``: each district's communes, in groups of two
    to four, into new communes without a district; the districts end the day before, and
    each member's charge moves to the new communes of their district. Returns the old
    communes of each new one."""
    last = day - timedelta(days=1)
    used = {c["name"].split(" ", 1)[-1] for c in register["communes"]}
    groups: dict[str, list[str]] = {}
    by_district: dict[str, list[dict[str, Any]]] = {}
    for c in register["communes"]:
        by_district.setdefault(c["district"], []).append(c)
    new_communes: list[dict[str, Any]] = []
    new_of_district: dict[str, list[str]] = {}
    for district, members in by_district.items():
        rest = list(members)
        while rest:
            size = min(len(rest), chance.randint(2, 4))
            if len(rest) - size == 1:  # no commune is left to stand alone
                size = size - 1 if size > 2 else size + 1
            group, rest = rest[:size], rest[size:]
            new_id = f"n{len(new_communes):05d}"
            kind = "phuong" if any(c["kind"] == "phuong" for c in group) else "xa"
            word = "Phường" if kind == "phuong" else "Xã"
            new_communes.append(
                {"id": new_id, "name": f"{word} {_place(chance, used)}", "kind": kind, "from": day}
            )
            groups[new_id] = [c["id"] for c in group]
            new_of_district.setdefault(district, []).append(new_id)
            for c in group:
                c["until"], c["successor"] = last, new_id
    for d in register["districts"]:
        d["until"] = last
    for m in register["standing_members"]:
        old = m["in_charge_of"]
        m["in_charge_of"] = [{"id": ref, "until": last} for ref in old] + [
            {"id": new_id, "from": day} for ref in old for new_id in new_of_district.get(ref, [])
        ]
    register["communes"] += new_communes
    return groups


class _Log:
    """Events of one month at a time, written in time order. An event that names a commune
    on a day it does not exist is left out, unless it is one written wrong on purpose."""

    def __init__(
        self, out: TextIO, sim: Simulation, spans: dict[str, tuple[date, date]] | None = None
    ) -> None:
        self.out, self.sim, self.month = out, sim, []  # type: ignore[var-annotated]
        self.serial = 0
        self.later: list[tuple[date, str, str, dict[str, Any]]] = []
        self.current = (0, 0)
        self.spans = spans or {}

    def add(self, prefix: str, type_: str, at: date, *, wrong: bool = False, **fields: Any) -> str:
        self.serial += 1
        event_id = f"{prefix}{self.serial:08d}"
        span = self.spans.get(fields.get("commune", ""))
        if span is not None and not span[0] <= at <= span[1] and not wrong:
            return event_id
        self.month.append({"id": event_id, "type": type_, "at": at.isoformat(), **fields})
        self.sim.counts[type_] = self.sim.counts.get(type_, 0) + 1
        return event_id

    def add_later(self, at: date, prefix: str, type_: str, **fields: Any) -> None:
        """An event of a later month, written when that month comes (at once if it has)."""
        if (at.year, at.month) <= self.current:
            self.add(prefix, type_, at, **fields)
        else:
            self.later.append((at, prefix, type_, fields))

    def release(self, month: date) -> None:
        """Add the events held for ``month``, which has now come."""
        self.current = (month.year, month.month)
        due = [
            item
            for item in self.later
            if (item[0].year, item[0].month) == (month.year, month.month)
        ]
        self.later = [item for item in self.later if item not in due]
        for at, prefix, type_, fields in due:
            self.add(prefix, type_, at, **fields)

    def flush(self) -> None:
        self.month.sort(key=lambda e: (e["at"], e["id"]))
        self.out.writelines(json.dumps(e, ensure_ascii=False) + "\n" for e in self.month)
        self.month = []


def _months(first_year: int, years: int) -> Iterator[date]:
    for year in range(first_year, first_year + years):
        for month in range(1, 13):
            yield date(year, month, 1)


def simulate(sim: Simulation, output: str | Path) -> tuple[Path, Path]:
    """Write ``register.yaml`` and ``events.jsonl`` of a synthetic province into ``output``.

    Returns:
        The paths of the register and of the event log.
    """
    out_dir = Path(output)
    out_dir.mkdir(parents=True, exist_ok=True)
    chance = random.Random(sim.seed)
    register = _register(sim, chance)
    member_of = {c["id"]: f"m{int(c['district'][1:]):03d}" for c in register["communes"]}
    groups = _reorganise(register, sim.reorganise, chance) if sim.reorganise else {}
    for new, old in groups.items():
        member_of[new] = member_of[old[0]]
    register_path = out_dir / "register.yaml"
    register_path.write_text(
        yaml.safe_dump(register, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    miss = sim.miss_rate
    officers = [o["id"] for o in register["officers"]]
    communes = [c["id"] for c in register["communes"] if c["id"] not in groups]
    members = [m["id"] for m in register["standing_members"]]
    assigned = {c: officers[i % len(officers)] for i, c in enumerate(communes)}
    spans = {
        c["id"]: (c.get("from") or date.min, c.get("until") or date.max)
        for c in register["communes"]
    }
    for new, old in groups.items():
        assigned[new] = assigned[old[0]]
    terms = register["terms"]
    events_path = out_dir / "events.jsonl"
    with events_path.open("w", encoding="utf-8") as handle:
        log = _Log(handle, sim, spans)
        first = date(sim.first_year, 1, 1)
        for term in terms:
            if term["start"] <= first <= term["end"]:
                for commune, officer in assigned.items():
                    log.add(
                        "as",
                        "assignment.decided",
                        term["start"] + timedelta(days=20),
                        officer=officer,
                        commune=commune,
                        term=term["id"],
                    )
        log.add_later(
            first + timedelta(days=chance.randint(5, 40) if chance.random() < miss else 10),
            "ds",
            "regulation.disseminated",
        )
        log.flush()
        open_issues: list[tuple[str, date, str]] = []
        violations: list[tuple[str, date]] = []
        idle_until: dict[str, date] = {}
        reorganised = sim.reorganise or date.max
        for new in groups:
            # The Standing Committee decides the new communes' officers within a few weeks.
            idle_until[new] = reorganised + timedelta(days=chance.randint(7, 35))
            term = next((t for t in terms if t["start"] <= idle_until[new] <= t["end"]), None)
            if term is not None:
                log.add_later(
                    idle_until[new],
                    "as",
                    "assignment.decided",
                    officer=assigned[new],
                    commune=new,
                    term=term["id"],
                )
        for month in _months(sim.first_year, sim.years):
            days = (month.replace(day=28) + timedelta(days=4)).replace(day=1) - month
            last_day = month + days - timedelta(days=1)
            # The communes that exist on some day of the month.
            current = [c for c in assigned if spans[c][0] <= last_day and spans[c][1] >= month]
            for term in terms:
                if term["start"].year == month.year and term["start"].month == month.month:
                    for commune in current:
                        officer = assigned[commune]
                        if spans[commune][1] < term["start"]:
                            continue
                        # A missed decision leaves the commune without an officer for months.
                        late = chance.random() < miss
                        decided = term["start"] + timedelta(days=120 if late else 0)
                        idle_until[commune] = decided
                        log.add_later(
                            decided,
                            "as",
                            "assignment.decided",
                            officer=officer,
                            commune=commune,
                            term=term["id"],
                        )
                    log.add(
                        "rv",
                        "review.held",
                        month,
                        kind="final",
                        term=[t for t in terms if t["end"] < term["start"]][-1]["id"],
                    )
            log.release(month)
            if reorganised <= last_day and reorganised + timedelta(days=90) >= month:
                # Habit: a visit recorded under an old commune after it was merged.
                for old in chance.sample(list(spans), k=min(2, len(spans))):
                    day = month + timedelta(days=chance.randrange(days.days))
                    if spans[old][1] < day:  # a commune that ended (a new one never does)
                        log.add(
                            "vi",
                            "visit.conducted",
                            day,
                            wrong=True,
                            officer=assigned[old],
                            commune=old,
                        )
            for commune in current:
                officer = assigned[commune]
                if month < idle_until.get(commune, month):
                    continue  # not assigned: no visits, no invitations
                meeting_day = month + timedelta(days=chance.randrange(days.days))
                attends = chance.random() < 0.3
                invited = [] if chance.random() < miss else [officer]
                log.add(
                    "mt",
                    "meeting.held",
                    meeting_day,
                    commune=commune,
                    body=chance.choice(["executive", "standing"]),
                    session="regular",
                    topics=["socio_economic", "political_system"],
                    invited=invited,
                    attended=[officer] if attends else [],
                )
                if chance.random() < 0.6 and chance.random() >= miss:
                    day = month + timedelta(days=chance.randrange(3, days.days))
                    if chance.random() >= miss:
                        log.add(
                            "ct",
                            "contact.made",
                            day - timedelta(days=chance.randint(0, 5)),
                            officer=officer,
                            commune=commune,
                        )
                    log.add("vi", "visit.conducted", day, officer=officer, commune=commune)
                if chance.random() < miss / 10:
                    # A visit to a neighbouring commune the officer does not monitor.
                    log.add(
                        "vi",
                        "visit.conducted",
                        month + timedelta(days=chance.randrange(28)),
                        officer=officer,
                        commune=chance.choice(current),
                    )
                if chance.random() < 0.05:
                    log.add(
                        "mt",
                        "meeting.held",
                        month + timedelta(days=chance.randrange(28)),
                        commune=commune,
                        body="cell",
                        session="regular",
                        topics=["other"],
                        invited=[officer],
                        attended=[officer],
                    )
                if chance.random() < 0.02:
                    issue_day = month + timedelta(days=chance.randrange(28))
                    issue = log.add(
                        "is",
                        "issue.raised",
                        issue_day,
                        officer=officer,
                        commune=commune,
                        to=member_of[commune],
                        kind=chance.choice(["difficulty", "proposal", "new_model", "shortcoming"]),
                    )
                    open_issues.append((issue, issue_day, member_of[commune]))
                if month.month == 12:
                    confirmed = member_of[commune] if chance.random() >= miss else None
                    log.add(
                        "ev",
                        "evaluation.submitted",
                        date(
                            month.year,
                            12,
                            5 + chance.randrange(14 if chance.random() >= miss else 26),
                        ),
                        commune=commune,
                        officer=officer,
                        year=month.year,
                        rating="good",
                        confirmed_by=confirmed,
                        via="organization_board" if chance.random() >= miss else "direct",
                    )
            for issue, raised, member in open_issues:
                relay = raised + timedelta(
                    days=chance.randint(2, 13 if chance.random() >= miss else 40)
                )
                if relay.year == month.year and relay.month == month.month:
                    who = member if chance.random() >= miss else chance.choice(members)
                    log.add("rl", "issue.relayed", relay, standing_member=who, issue=issue)
            open_issues = [i for i in open_issues if i[1] + timedelta(days=45) >= month]
            for officer in officers:
                if chance.random() < 0.5 and chance.random() >= miss:
                    day = month + timedelta(days=chance.randrange(days.days))
                    log.add(
                        "rp",
                        "report.submitted",
                        day,
                        officer=officer,
                        recipient="standing_member",
                        via="direct",
                        period=None,
                        sections=["socio_economic", "difficulties"],
                    )
                if chance.random() < 0.5 and chance.random() >= miss:
                    day = month + timedelta(days=chance.randrange(days.days))
                    log.add(
                        "rp",
                        "report.submitted",
                        day,
                        officer=officer,
                        recipient="agency_head",
                        via="direct",
                        period=None,
                        sections=["socio_economic"],
                    )
                if month.month in (1, 7) and chance.random() >= miss:
                    period = str(month.year - 1) if month.month == 1 else f"{month.year}-H1"
                    sections = SECTIONS if chance.random() >= miss else SECTIONS[:3]
                    log.add(
                        "rp",
                        "report.submitted",
                        month + timedelta(days=chance.randrange(20)),
                        officer=officer,
                        recipient="standing_committee",
                        via="provincial_office" if chance.random() >= miss else "direct",
                        period=period,
                        sections=sections,
                    )
                if month.month == 1 and month.year > sim.first_year:
                    roll = chance.random()
                    rating = (
                        "excellent" if roll < 0.1 else "not_completed" if roll < 0.13 else "good"
                    )
                    rated = month + timedelta(days=chance.randrange(15, 28))
                    log.add(
                        "pr",
                        "performance.rated",
                        rated,
                        officer=officer,
                        year=month.year - 1,
                        rating=rating,
                    )
                    follow = rated + timedelta(days=chance.randint(5, 50))
                    if rating == "excellent" and chance.random() >= miss:
                        log.add_later(
                            follow,
                            "cm",
                            "commendation.proposed",
                            officer=officer,
                            year=month.year - 1,
                        )
                    if rating == "not_completed" and chance.random() >= miss:
                        log.add_later(
                            follow,
                            "rc",
                            "replacement.considered",
                            officer=officer,
                            decision="retain",
                        )
                if chance.random() < 0.002:
                    day = month + timedelta(days=chance.randrange(28))
                    violations.append(
                        (
                            log.add(
                                "vr",
                                "violation.recorded",
                                day,
                                officer=officer,
                                summary="Vi phạm quy định",
                            ),
                            day,
                        )
                    )
            for violation, day in violations:
                handled = day + timedelta(
                    days=chance.randint(20, 80 if chance.random() >= miss else 150)
                )
                if handled.year == month.year and handled.month == month.month:
                    log.add(
                        "vh",
                        "violation.handled",
                        handled,
                        violation=violation,
                        measure="khiển trách",
                    )
            violations = [v for v in violations if v[1] + timedelta(days=160) >= month]
            if month.month == 1 and month.year > sim.first_year and chance.random() >= miss:
                log.add(
                    "cl",
                    "classification.proposed",
                    month + timedelta(days=chance.randrange(28)),
                    year=month.year - 1,
                )
            log.flush()
    return register_path, events_path

"""The register: the province's reference data (SPEC section 2)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from datetime import date, timedelta
from itertools import pairwise
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import ConfigDict, Discriminator, Field, Tag, ValidationError

from .._text import validation_problems
from ..errors import Problem, RegisterError, suggest
from ._common import FIRST_DAY, LAST_DAY, Day, Frozen, Id, Name
from ._spans import Span, overlap, span_text, uncovered

CommuneKind = Literal["xa", "phuong", "thi_tran"]


class Province(Frozen):
    """The province ("tỉnh") whose Standing Committee issued the Regulation."""

    id: Id
    name: Name
    timezone: str = "Asia/Ho_Chi_Minh"


class RegulationInfo(Frozen):
    """When the Regulation took effect; nothing is owed for days before."""

    effective: Day


class Term(Frozen):
    """A congress term ("nhiệm kỳ đại hội"), both ends inclusive."""

    id: Id
    start: Day
    end: Day

    @property
    def midpoint(self) -> date:
        """The term's midpoint: start + (end - start) // 2 days."""
        return self.start + (self.end - self.start) // 2


class Dated(Frozen):
    """Something that holds from ``from`` to ``until``, both inclusive local dates; an
    absent end is unbounded. Built in Python with ``from_=``."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    from_: Day | None = Field(
        default=None, alias="from", description="The first day (inclusive); absent: unbounded."
    )
    until: Day | None = Field(
        default=None, description="The last day (inclusive); absent: unbounded."
    )

    @property
    def first(self) -> date:
        """The first day it holds (:data:`FIRST_DAY` when unbounded)."""
        return self.from_ or FIRST_DAY

    @property
    def last(self) -> date:
        """The last day it holds (:data:`LAST_DAY` when unbounded)."""
        return self.until or LAST_DAY

    @property
    def span(self) -> Span:
        """``(first, last)``: the days it holds."""
        return self.first, self.last

    def holds_on(self, day: date) -> bool:
        """Whether ``day`` lies in ``from``..``until``."""
        return self.first <= day <= self.last

    @property
    def dated(self) -> bool:
        """Whether either end is given."""
        return self.from_ is not None or self.until is not None


class DatedRef(Dated):
    """A reference to a district or commune that holds on some days only:
    ``{id: d-an-lao, until: 2025-06-30}``."""

    id: Id


def _ref_kind(value: Any) -> str | None:
    if isinstance(value, str):
        return PLAIN
    return DATED if isinstance(value, Mapping | DatedRef) else None


def _refs_kind(value: Any) -> str | None:
    if isinstance(value, str):
        return PLAIN
    return DATED if isinstance(value, list | tuple) else None


PLAIN, DATED = "a plain id", "dated entries"
"""The tags of a value that is an id or dated entries; a validation error's path leaves
them out (they hold a space, which no field name does)."""

IdOrDated = Annotated[
    Annotated[Id, Tag(PLAIN)] | Annotated["DatedRef", Tag(DATED)],
    Discriminator(
        _ref_kind,
        custom_error_type="id_or_dated",
        custom_error_message="expected an id or {id, from, until}",
    ),
]


class District(Dated):
    """A district Party committee ("đảng bộ huyện, thị xã, thành phố"), existing from
    ``from`` to ``until``."""

    id: Id
    name: Name


class Commune(Dated):
    """A commune, ward or township ("xã, phường, thị trấn"), existing from ``from`` to
    ``until``.

    ``district`` is one id (for every day the commune exists) or dated entries, when the
    district changes or ends; ``successor`` names the commune it was merged into.
    """

    id: Id
    name: Name
    kind: CommuneKind
    district: (
        Annotated[
            Annotated[Id, Tag(PLAIN)] | Annotated[tuple[DatedRef, ...], Tag(DATED)],
            Discriminator(
                _refs_kind,
                custom_error_type="id_or_dated",
                custom_error_message="expected an id or a list of {id, from, until}",
            ),
        ]
        | None
    ) = Field(
        default=None,
        description="Its district: one id, for every day the commune exists, or dated entries "
        "{id, from, until} that do not overlap (on a day none covers, it has no district).",
    )
    successor: Id | None = Field(
        default=None, description="The commune it was merged into (on the day after its until)."
    )

    def district_entries(self) -> tuple[DatedRef, ...]:
        """``district`` as dated entries (a plain id holds on every day the commune exists)."""
        if self.district is None:
            return ()
        if isinstance(self.district, str):
            return (DatedRef(id=self.district, from_=self.from_, until=self.until),)
        return self.district


class StandingMember(Frozen):
    """A Standing Committee member in charge ("ủy viên Ban Thường vụ Tỉnh ủy phụ trách").

    ``in_charge_of`` lists district ids, and commune ids where there is no district level;
    an entry may be dated (``{id, from, until}``), a plain id holds on every day.
    """

    id: Id
    name: Name
    in_charge_of: tuple[IdOrDated, ...] = Field(
        description="District and commune ids (each for every day, so only of a unit that "
        "exists on every day) or dated entries {id, from, until}."
    )

    def charges(self) -> tuple[DatedRef, ...]:
        """``in_charge_of`` as dated entries."""
        return tuple(DatedRef(id=ref) if isinstance(ref, str) else ref for ref in self.in_charge_of)


class Calendar(Frozen):
    """The province's own working calendar, read with the ``day_off_rule`` policy key:
    extra days off decided for a year, and Saturdays worked in exchange."""

    days_off: tuple[Day, ...] = ()
    working_days: tuple[Day, ...] = ()


class Agency(Frozen):
    """A province-level agency or unit ("cơ quan, đơn vị cấp tỉnh")."""

    id: Id
    name: Name
    head: Id | None = None


class Officer(Frozen):
    """A province-level leader assigned to monitor communes ("cán bộ theo dõi địa bàn")."""

    id: Id
    name: Name
    agency: Id


class Register(Frozen):
    """The register of one province: terms, districts, communes, members, agencies, officers.

    Build it with :func:`governance_rules.load_register` or :meth:`Register.parse`, which
    report every problem at once; :meth:`problems` lists what a hand-built one gets wrong.
    """

    province: Province
    regulation: RegulationInfo
    terms: tuple[Term, ...]
    districts: tuple[District, ...] = ()
    communes: tuple[Commune, ...]
    standing_members: tuple[StandingMember, ...]
    agencies: tuple[Agency, ...] = ()
    officers: tuple[Officer, ...]
    calendar: Calendar = Calendar()

    @classmethod
    def parse(cls, data: Any, source: str = "") -> Register:
        """Validate register data (a mapping, as parsed from YAML or JSON).

        Raises:
            RegisterError: Listing every problem, each with its path
                (``communes[3].district``).
        """
        if not isinstance(data, Mapping):
            raise RegisterError([Problem(source, "expected a mapping at the top level")])
        prefix = f"{source}: " if source else ""
        try:
            register = cls.model_validate(data)
        except ValidationError as error:
            # Reported whole: the references are checked too, on the items that are valid.
            found = validation_problems(error, source)
            found += [Problem(f"{prefix}{p.location}", p.message) for p in _beyond(data, error)]
            raise RegisterError(found) from None
        problems = register.problems()
        if problems:
            raise RegisterError(Problem(f"{prefix}{p.location}", p.message) for p in problems)
        return register

    def problems(self) -> list[Problem]:
        """Every referential problem of the register, each with its path."""
        found: list[Problem] = []

        def add(path: str, message: str) -> None:
            found.append(Problem(path, message))

        try:
            ZoneInfo(self.province.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            add("province.timezone", f"unknown timezone '{self.province.timezone}'")

        for name in ("terms", "districts", "communes", "standing_members", "agencies", "officers"):
            seen: set[str] = set()
            for i, item in enumerate(getattr(self, name)):
                if item.id in seen:
                    add(f"{name}[{i}].id", f"duplicate id '{item.id}'")
                seen.add(item.id)

        districts = {d.id: d for d in self.districts}
        communes = {c.id: c for c in self.communes}
        units: dict[str, Dated] = {**districts, **communes}
        agency_ids = {a.id for a in self.agencies}
        officer_ids = {o.id for o in self.officers}

        def ends(path: str, item: Dated, what: str) -> None:
            if item.from_ is not None and item.until is not None and item.until < item.from_:
                add(f"{path}.until", f"{what} ends ({item.until}) before it begins ({item.from_})")

        def within(path: str, ref: str, days: Span, what: str) -> None:
            """``ref`` must exist on every one of ``days``."""
            unit = units[ref]
            gaps = uncovered(days, [unit.span])
            if gaps:  # the first is named
                missing = span_text(gaps[0], gap=True)
                add(path, f"{what} '{ref}' does not exist {missing} ({_exists(unit)})")

        for i, d in enumerate(self.districts):
            ends(f"districts[{i}]", d, f"district '{d.id}'")
        unplaced: set[str] = set()
        for i, c in enumerate(self.communes):
            path = f"communes[{i}]"
            ends(path, c, f"commune '{c.id}'")
            if c.id in districts:
                add(f"{path}.id", f"'{c.id}' is also a district id")
            entries = c.district_entries()
            plain = isinstance(c.district, str)
            for k, entry in enumerate(entries):
                where = f"{path}.district" if plain else f"{path}.district[{k}]"
                ends(where, entry, f"district entry '{entry.id}'")
                if entry.id not in districts:
                    hint = suggest(entry.id, districts)
                    add(where, f"unknown district '{entry.id}'{hint}")
                    unplaced.add(c.id)  # who is in charge of it cannot be told
                    continue
                days = overlap(entry.span, c.span)
                if days is not None:
                    within(where, entry.id, days, "district")
            ordered = sorted(enumerate(entries), key=lambda pair: (pair[1].first, pair[0]))
            for (_, prior), (k, later) in pairwise(ordered):
                if later.first <= prior.last:
                    add(
                        f"{path}.district[{k}]",
                        f"district entry '{later.id}' overlaps entry '{prior.id}'",
                    )
            if c.successor is not None:
                if c.successor not in communes:
                    hint = suggest(c.successor, communes)
                    add(f"{path}.successor", f"unknown commune '{c.successor}'{hint}")
                elif c.until is not None and c.until < LAST_DAY:
                    day = c.until + timedelta(days=1)
                    if not communes[c.successor].holds_on(day):
                        add(
                            f"{path}.successor",
                            f"successor '{c.successor}' does not exist on {day}, the day after "
                            f"'{c.id}' ends ({_exists(communes[c.successor])})",
                        )

        terms = sorted(self.terms, key=lambda t: (t.start, t.id))
        for i, t in enumerate(self.terms):
            if t.end < t.start:
                add(f"terms[{i}].end", f"term '{t.id}' ends ({t.end}) before it starts ({t.start})")
        for before, after in pairwise(terms):
            if after.start <= before.end:
                index = self.terms.index(after)
                add(f"terms[{index}].start", f"term '{after.id}' overlaps term '{before.id}'")

        for i, m in enumerate(self.standing_members):
            for j, ref in enumerate(m.in_charge_of):
                path = f"standing_members[{i}].in_charge_of[{j}]"
                entry = DatedRef(id=ref) if isinstance(ref, str) else ref
                ends(path, entry, f"charge of '{entry.id}'")
                if entry.id not in units:
                    hint = suggest(entry.id, units)
                    add(path, f"unknown district or commune '{entry.id}'{hint}")
                elif isinstance(ref, str) and units[ref].dated:
                    add(
                        path,
                        f"'{ref}' exists only {span_text(units[ref].span)}: a charge of it "
                        "needs its dates, {id, from, until}",
                    )
                elif entry.first <= entry.last:
                    within(path, entry.id, entry.span, "unit")
        charges = charge_spans(self)
        for i, c in enumerate(self.communes):
            if c.last < c.first or c.id in unplaced:
                continue
            spans = [(lo, hi) for lo, hi, _ in charges.get(c.id, ())]
            if not spans:
                add(f"communes[{i}]", f"{_NOBODY} '{c.id}'")
                continue
            for gap in uncovered(c.span, spans):
                missing = span_text(gap, gap=True)
                add(f"communes[{i}]", f"{_NOBODY} '{c.id}' {missing}")

        for i, a in enumerate(self.agencies):
            if a.head is not None and a.head not in officer_ids:
                add(
                    f"agencies[{i}].head",
                    f"unknown officer '{a.head}'{suggest(a.head, officer_ids)}",
                )
        for i, o in enumerate(self.officers):
            if o.agency not in agency_ids:
                add(
                    f"officers[{i}].agency",
                    f"unknown agency '{o.agency}'{suggest(o.agency, agency_ids)}",
                )
        return found


_NOBODY = "no standing member is in charge of commune"
_LISTS = ("terms", "districts", "communes", "standing_members", "agencies", "officers")


def _beyond(data: Mapping[str, Any], error: ValidationError) -> list[Problem]:
    """The referential problems of a register that is not valid as a whole: the items
    that fail validation are left out, and so is every problem that names one of them (it
    may be a consequence). Nothing when the register's frame itself is bad."""
    bad: dict[str, set[int]] = defaultdict(set)
    patches: dict[tuple[str, int], dict[str, str]] = defaultdict(dict)
    for item in error.errors(include_url=False):
        loc = item["loc"]
        if len(loc) < 2 or loc[0] not in _LISTS or not isinstance(loc[1], int):
            return []
        name, index = str(loc[0]), loc[1]
        choices = re.findall(r"'([^']*)'", str(item.get("ctx", {}).get("expected", "")))
        if item["type"] == "literal_error" and len(loc) == 3 and choices:
            patches[name, index][str(loc[2])] = choices[0]  # a bad choice: the rest is read
        else:
            bad[name].add(index)
    kept: dict[str, Any] = dict(data)
    origin: dict[str, list[int]] = {}
    dropped: set[str] = set()
    for name in {*bad, *(name for name, _ in patches)}:
        items = data.get(name)
        if not isinstance(items, list):
            return []
        origin[name] = [i for i in range(len(items)) if i not in bad[name]]
        kept[name] = [{**items[i], **patches.get((name, i), {})} for i in origin[name]]
        dropped |= {str(items[i].get("id")) for i in bad[name] if isinstance(items[i], Mapping)}
    try:
        register = Register.model_validate(kept)
    except ValidationError:
        return []

    def back(match: re.Match[str]) -> str:
        name, index = match.group(1), int(match.group(2))
        return f"{name}[{origin[name][index]}]" if name in origin else match.group(0)

    def consequence(problem: Problem) -> bool:
        if dropped & set(re.findall(r"'([^']*)'", problem.message)):
            return True  # it names an item left out
        # a member left out leaves the communes of their charge without one
        return bool(bad["standing_members"]) and problem.message.startswith(_NOBODY)

    return [
        Problem(re.sub(r"(\w+)\[(\d+)\]", back, p.location, count=1), p.message)
        for p in register.problems()
        if not consequence(p)
    ]


def _exists(unit: Dated) -> str:
    """``it exists until 2025-06-30``."""
    return f"it exists {span_text(unit.span)}"


def charge_spans(register: Register) -> dict[str, list[tuple[date, date, str]]]:
    """For each commune, the spans on which a member is in charge of it (directly, or
    through its district on the days the commune is in that district): ``(first, last,
    member)``. Ids that do not resolve are left out (the register's problems name them)."""
    districts = {d.id for d in register.districts}
    communes = {c.id: c for c in register.communes}
    in_district: dict[str, list[tuple[Span, str]]] = defaultdict(list)
    for c in register.communes:
        for entry in c.district_entries():
            part = overlap(entry.span, c.span)
            if part is not None:
                in_district[entry.id].append((part, c.id))
    found: dict[str, list[tuple[date, date, str]]] = defaultdict(list)
    for m in register.standing_members:
        for entry in m.charges():
            charge = entry.span
            if entry.id in districts:
                for part, commune in in_district.get(entry.id, ()):
                    both = overlap(part, charge)
                    if both is not None:
                        found[commune].append((*both, m.id))
            elif entry.id in communes:
                c = communes[entry.id]
                both = overlap(c.span, charge)
                if both is not None:
                    found[entry.id].append((*both, m.id))
    return found

"""The register: the province's reference data (SPEC section 2)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from itertools import pairwise
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import ValidationError

from .._text import validation_problems
from ..errors import Problem, RegisterError, suggest
from ._common import Day, Frozen, Id, Name

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


class District(Frozen):
    """A district Party committee ("đảng bộ huyện, thị xã, thành phố")."""

    id: Id
    name: Name


class Commune(Frozen):
    """A commune, ward or township ("xã, phường, thị trấn")."""

    id: Id
    name: Name
    kind: CommuneKind
    district: Id | None = None


class StandingMember(Frozen):
    """A Standing Committee member in charge ("ủy viên Ban Thường vụ Tỉnh ủy phụ trách").

    ``in_charge_of`` lists district ids, and commune ids where there is no district level.
    """

    id: Id
    name: Name
    in_charge_of: tuple[Id, ...]


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

    @classmethod
    def parse(cls, data: Any, source: str = "") -> Register:
        """Validate register data (a mapping, as parsed from YAML or JSON).

        Raises:
            RegisterError: Listing every problem, each with its path
                (``communes[3].district``).
        """
        if not isinstance(data, Mapping):
            raise RegisterError([Problem(source, "expected a mapping at the top level")])
        try:
            register = cls.model_validate(data)
        except ValidationError as error:
            raise RegisterError(validation_problems(error, source)) from None
        problems = register.problems()
        if problems:
            prefix = f"{source}: " if source else ""
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

        district_ids = {d.id for d in self.districts}
        commune_ids = {c.id for c in self.communes}
        agency_ids = {a.id for a in self.agencies}
        officer_ids = {o.id for o in self.officers}
        for i, c in enumerate(self.communes):
            if c.id in district_ids:
                add(f"communes[{i}].id", f"'{c.id}' is also a district id")
            if c.district is not None and c.district not in district_ids:
                add(
                    f"communes[{i}].district",
                    f"unknown district '{c.district}'{suggest(c.district, district_ids)}",
                )

        terms = sorted(self.terms, key=lambda t: (t.start, t.id))
        for i, t in enumerate(self.terms):
            if t.end < t.start:
                add(f"terms[{i}].end", f"term '{t.id}' ends ({t.end}) before it starts ({t.start})")
        for before, after in pairwise(terms):
            if after.start <= before.end:
                index = self.terms.index(after)
                add(f"terms[{index}].start", f"term '{after.id}' overlaps term '{before.id}'")

        in_charge: set[str] = set()
        for i, m in enumerate(self.standing_members):
            for j, ref in enumerate(m.in_charge_of):
                if ref in district_ids:
                    in_charge.update(c.id for c in self.communes if c.district == ref)
                elif ref in commune_ids:
                    in_charge.add(ref)
                else:
                    hint = suggest(ref, district_ids | commune_ids)
                    add(
                        f"standing_members[{i}].in_charge_of[{j}]",
                        f"unknown district or commune '{ref}'{hint}",
                    )
        for i, c in enumerate(self.communes):
            if c.id not in in_charge:
                add(f"communes[{i}]", f"no standing member is in charge of commune '{c.id}'")

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

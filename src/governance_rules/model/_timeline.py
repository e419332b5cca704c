"""The register through time: which communes exist on a day, their district, and the
members in charge of them (SPEC section 2, "The register through time").

Every rule asks these questions through one :class:`Timeline`, built once per evaluation,
so that "exists", "in a district" and "in charge" mean the same everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from ._common import FIRST_DAY, LAST_DAY
from ._register import Commune, Register, charge_spans
from ._spans import Span


class Timeline:
    """One register's answers on a day: whether a commune exists, its district, and the
    members in charge of it. The register is expected to be valid."""

    def __init__(self, register: Register) -> None:
        self.communes: Mapping[str, Commune] = {c.id: c for c in register.communes}
        self._charges = charge_spans(register)
        # Without dates, the members in charge are the same on every day.
        self._static = all(
            lo == FIRST_DAY and hi == LAST_DAY
            for spans in self._charges.values()
            for lo, hi, _ in spans
        )
        self._members: dict[str, frozenset[str]] = {
            commune: frozenset(m for _, _, m in spans) for commune, spans in self._charges.items()
        }

    def exists(self, commune: str, day: date) -> bool:
        """Whether the commune exists on ``day`` (an unknown id never does)."""
        entry = self.communes.get(commune)
        return entry is not None and entry.holds_on(day)

    def span(self, commune: str) -> Span:
        """The days the commune exists."""
        return self.communes[commune].span

    def until(self, commune: str | None) -> date | None:
        """The commune's last day, where it has one."""
        entry = self.communes.get(commune or "")
        return entry.until if entry is not None else None

    def district_of(self, commune: str, day: date) -> str | None:
        """The commune's district on ``day``, or ``None`` (no district that day, or the
        commune does not exist)."""
        entry = self.communes.get(commune)
        if entry is None or entry.district is None or not entry.holds_on(day):
            return None
        if isinstance(entry.district, str):
            return entry.district
        for ref in entry.district:
            if ref.holds_on(day):
                return ref.id
        return None

    def in_charge(self, commune: str, day: date) -> frozenset[str]:
        """The members in charge of the commune on ``day``."""
        if self._static:
            return self._members.get(commune, frozenset())
        return frozenset(m for lo, hi, m in self._charges.get(commune, ()) if lo <= day <= hi)

    def successor(self, commune: str) -> str | None:
        entry = self.communes.get(commune)
        return entry.successor if entry is not None else None

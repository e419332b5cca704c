"""The shape of a clause of the Regulation."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class Section(StrEnum):
    """The four parts of the Regulation, and the provisions of a rule pack."""

    PRINCIPLES = "principles"
    DUTIES = "duties"
    RELATIONSHIPS = "relationships"
    ORGANIZATION_BOARD = "organization_board"
    PROVINCE = "province"
    """A rule pack's own provision (a province's variant), not the Regulation's."""


class Clause(BaseModel):
    """One principle, duty, relationship or task of the Regulation ("điều khoản").

    Attributes:
        id: Stable identifier, cited by rules and findings (``"D4"``).
        section: The part of the Regulation the clause belongs to.
        vi: The Vietnamese text, exactly as in the Regulation.
        en: An English translation.
        unchecked: Why no rule can check the clause from events, or ``None`` when rules
            of the catalogue cite it.
        slips: The Regulation's own typing slips in ``vi``, kept as issued, each with the
            word it stands for (``("đế", "để")``).
    """

    model_config = ConfigDict(frozen=True)

    id: str
    section: Section
    vi: str
    en: str
    unchecked: str | None = None
    slips: tuple[tuple[str, str], ...] = ()

    def text(self, lang: str) -> str:
        """The clause in ``lang`` (``"vi"`` or ``"en"``)."""
        return self.vi if lang == "vi" else self.en

    def quoted(self, lang: str) -> str:
        """The Vietnamese as issued, with :meth:`as_issued`'s note after it if it has one."""
        note = self.as_issued(lang)
        return f"{self.vi} {note}" if note else self.vi

    def as_issued(self, lang: str) -> str:
        """The note beside a quote of a clause with typing slips, else ``""``: ``(nguyên
        văn: 'đế' là 'để')``, ``(as issued: 'đế' for 'để')``."""
        if not self.slips:
            return ""
        if lang == "vi":
            return "(nguyên văn: " + "; ".join(f"'{a}' là '{b}'" for a, b in self.slips) + ")"
        return "(as issued: " + "; ".join(f"'{a}' for '{b}'" for a, b in self.slips) + ")"

"""Rules as data: the templates, the catalogue of the Regulation, and its validation."""

from __future__ import annotations

from ._catalogue import Catalogue
from ._packs import Pack, PackClause, builtin_pack, load_pack, pack_text, parse_pack, with_packs
from ._static import static_problems
from ._templates import (
    Act,
    Bearer,
    CalendarDeadline,
    Check,
    Conformance,
    Coverage,
    DeadlineAfterTrigger,
    Owed,
    Param,
    PeriodicDuty,
    Precedence,
    Recommendation,
    Requirement,
    Rule,
    Scope,
    Stage,
    Template,
    Text,
)

CATALOGUE = Catalogue(builtin_pack().rules)
"""The catalogue of the Regulation: the 21 rules of SPEC section 5."""

__all__ = [
    "CATALOGUE",
    "Act",
    "Bearer",
    "CalendarDeadline",
    "Catalogue",
    "Check",
    "Conformance",
    "Coverage",
    "DeadlineAfterTrigger",
    "Owed",
    "Pack",
    "PackClause",
    "Param",
    "PeriodicDuty",
    "Precedence",
    "Recommendation",
    "Requirement",
    "Rule",
    "Scope",
    "Stage",
    "Template",
    "Text",
    "builtin_pack",
    "load_pack",
    "pack_text",
    "parse_pack",
    "static_problems",
    "with_packs",
]

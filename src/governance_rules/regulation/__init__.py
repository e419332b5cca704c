"""The Regulation as data: its clauses in Vietnamese and English, with stable ids."""

from __future__ import annotations

from ._clauses import CLAUSES, HEADINGS
from ._model import Clause, Section

CLAUSES_BY_ID: dict[str, Clause] = {clause.id: clause for clause in CLAUSES}

__all__ = ["CLAUSES", "CLAUSES_BY_ID", "HEADINGS", "Clause", "Section"]

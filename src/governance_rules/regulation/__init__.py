"""The Regulation as data: its clauses in Vietnamese and English, with stable ids."""

from __future__ import annotations

from importlib.resources import files

from ._clauses import CLAUSES, HEADINGS
from ._model import Clause, Section

CLAUSES_BY_ID: dict[str, Clause] = {clause.id: clause for clause in CLAUSES}


def regulation_text() -> str:
    """The Regulation as issued (Vietnamese), the text the clauses are taken from."""
    return files(__package__).joinpath("regulation.vi.txt").read_text(encoding="utf-8")


__all__ = ["CLAUSES", "CLAUSES_BY_ID", "HEADINGS", "Clause", "Section", "regulation_text"]

"""The clause register against the Regulation's text, and the catalogue against the register."""

from __future__ import annotations

import unicodedata

import pytest

from governance_rules import CATALOGUE, CLAUSES, CLAUSES_BY_ID
from governance_rules.regulation import HEADINGS, regulation_text
from tests.paths import ROOT

TEXT = regulation_text()
SHARED = ROOT.parent / "shared" / "regulation" / "regulation.vi.txt"


@pytest.mark.skipif(
    not SHARED.exists(),
    reason="compares the packaged Regulation with ../shared/regulation/regulation.vi.txt, "
    "which is not beside this checkout",
)
def test_the_packaged_text_is_the_regulation() -> None:
    assert SHARED.read_text(encoding="utf-8") == TEXT


def test_every_clause_is_verbatim_from_the_regulation() -> None:
    for clause in CLAUSES:
        assert clause.vi in TEXT, clause.id
        assert unicodedata.is_normalized("NFC", clause.vi)
        assert clause.en.strip(), clause.id


SLIPS = {"đế", "triến", "triên", "trao đôi", "tồ chức"}
"""The Regulation's own typing slips, kept as issued."""


def test_the_regulations_typing_slips_are_kept_and_noted() -> None:
    noted = {slip for c in CLAUSES for slip, _ in c.slips}
    assert noted == SLIPS
    for clause in CLAUSES:
        for slip, meant in clause.slips:
            assert slip in clause.vi and meant not in clause.vi.replace(slip, ""), clause.id
        assert bool(clause.as_issued("vi")) == bool(clause.slips)
    assert CLAUSES_BY_ID["R6"].as_issued("vi") == "(nguyên văn: 'trao đôi' là 'trao đổi')"
    r6 = CLAUSES_BY_ID["R6"]
    assert r6.quoted("vi") == f"{r6.vi} (nguyên văn: 'trao đôi' là 'trao đổi')"
    assert CLAUSES_BY_ID["D4"].quoted("vi") == CLAUSES_BY_ID["D4"].vi
    assert CLAUSES_BY_ID["D2"].as_issued("en") == "(as issued: 'đế' for 'để'; 'triến' for 'triển')"
    for clause in CLAUSES:  # a slip not noted would read as ours
        for slip in SLIPS - {s for s, _ in clause.slips}:
            assert f" {slip} " not in f" {clause.vi} ", (clause.id, slip)


def test_the_clauses_cover_the_whole_regulation() -> None:
    rest = TEXT
    for piece in (*[c.vi for c in CLAUSES], *HEADINGS):
        assert piece in rest, piece[:40]
        rest = rest.replace(piece, "", 1)
    assert set(rest) <= set(" ;.\n"), rest


def test_clause_ids_are_unique() -> None:
    assert len(CLAUSES_BY_ID) == len(CLAUSES)


def test_every_clause_is_mapped_to_a_rule_or_marked_not_checkable() -> None:
    cited = {clause for rule in CATALOGUE for clause in rule.clauses}
    for clause in CLAUSES:
        if clause.unchecked is None:
            assert clause.id in cited, f"{clause.id} is neither cited by a rule nor marked"
        else:
            assert clause.id not in cited, f"{clause.id} is marked but a rule cites it"
            assert "\n" not in clause.unchecked and clause.unchecked.strip()


def test_every_rule_cites_known_clauses() -> None:
    for rule in CATALOGUE:
        assert rule.clauses
        assert all(clause in CLAUSES_BY_ID for clause in rule.clauses), rule.id

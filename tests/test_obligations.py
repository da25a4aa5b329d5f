"""The obligations catalogue: notations and rule-based classification on the real text."""
from __future__ import annotations

import pytest

from kb.convention import load_convention
from kb.obligations import ADDRESSEES, STRENGTHS, Obligation, catalogue


@pytest.fixture(scope="module")
def ordered() -> list[Obligation]:
    return catalogue(load_convention())


@pytest.fixture(scope="module")
def obligations(ordered) -> dict[str, Obligation]:
    return {o.notation: o for o in ordered}


def test_notations_unique_and_in_document_order(ordered):
    notations = [o.notation for o in ordered]
    assert len(notations) == len(set(notations))
    starts = [o.provision.start for o in ordered]
    assert starts == sorted(starts)


def test_every_provision_below_article_or_annex_is_covered(obligations):
    covered = {(o.provision.kind, o.provision.start, o.provision.end) for o in obligations.values()}
    for p in load_convention().walk():
        if p.kind in ("paragraph", "point", "item", "entry", "part"):
            assert (p.kind, p.start, p.end) in covered, p.text[:60]


def test_notation_shapes(obligations):
    for notation in ("1", "2", "2.a", "3.6", "3.6.a", "3.6.a.i", "29", "35",
                     "A.a", "A.e", "A.I", "A.I.1", "A.I.9", "A.I.4.a", "A.II.1", "A.II.1.iii",
                     "B.I.1", "B.I.2", "B.II.3.v", "C.1", "C.1.b", "C.1.b.ii", "C.1.k", "C.2",
                     "D.1", "D.5", "E.I", "E.I.1.2", "E.I.4", "E.I.7.a", "E.II", "E.II.11"):
        assert notation in obligations, notation
    # Articles split into paragraphs are containers, not obligations of their own.
    assert "3" not in obligations and "E.I.1" not in obligations and "A" not in obligations


def test_obligation_fields(obligations):
    o = obligations["3.6.a.i"]
    assert o.article == "3"
    assert o.text == o.provision.text == "(i) A use allowed to the importing Party under this Convention; or"
    assert obligations["C.1.b"].article == "C"
    for o in obligations.values():
        assert o.strength in STRENGTHS
        assert o.addressee in ADDRESSEES
        # a condition is kept exactly when it qualifies a Party obligation
        assert bool(o.condition) == (o.addressee == "party-conditional"), o.notation


def test_counts(obligations):
    assert len(obligations) == 442
    assert sum(o.actionable for o in obligations.values()) == 171
    assert len([n for n in obligations if n.startswith("A.I.") and n.count(".") == 2]) == 9
    assert len([n for n in obligations if n.startswith("D.")]) == 5


@pytest.mark.parametrize("notation,strength,addressee,actionable", [
    ("3.3", "mandatory", "party", True),          # Each Party shall not allow primary mercury mining
    ("3.4", "mandatory", "party", True),
    ("3.5", "mandatory", "party", True),
    ("3.5.a", "endeavour", "party", True),        # "Endeavour to identify" under "Each Party shall:"
    ("3.12", "mandatory", "cop", False),
    ("4.1", "mandatory", "party", True),
    ("4.2.a", "mandatory", "party-conditional", False),   # report to the COP
    ("4.2.b", "mandatory", "party-conditional", True),
    ("4.4", "mandatory", "secretariat", False),
    ("4.7", "permissive", "party", False),        # proposal to the Secretariat
    ("7.3", "mandatory", "party-conditional", True),
    ("7.3.a", "mandatory", "party-conditional", True),
    ("7.3.b", "mandatory", "party-conditional", False),   # submit the NAP to the Secretariat
    ("8.3", "mandatory", "party-conditional", True),      # A Party with relevant sources shall
    ("8.4", "mandatory", "party-conditional", True),
    ("8.5.a", "endeavour", "party-conditional", True),    # one option of "one or more of"
    ("9.5", "mandatory", "party-conditional", True),      # "The measures" of 9.4
    ("10.4", "endeavour", "party", False),        # cooperation between Parties
    ("11.3", "mandatory", "party", True),
    ("11.3.a", "mandatory", "party", True),
    ("11.3.c", "mandatory", "party-conditional", True),   # For Parties to the Basel Convention
    ("12.1", "endeavour", "party", True),
    ("13.1", "endeavour", "party", True),         # undertakes ..., within its capabilities
    ("15.2", "mandatory", "other", False),        # the Committee
    ("16.1", "endeavour", "party", True),         # Parties are encouraged to
    ("16.1.a", "endeavour", "party", True),
    ("16.2", "endeavour", "cop", False),
    ("18.1", "endeavour", "party", True),         # shall, within its capabilities, promote
    ("20.1", "permissive", "party", True),
    ("21.1", "mandatory", "party", True),         # national reporting is actionable
    ("24.1", "definitional", "secretariat", False),
    ("24.2.a", "mandatory", "secretariat", False),
    ("25.1", "endeavour", "party", False),
    ("28.1", "mandatory", "party", False),
    ("30.1", "mandatory", "other", False),
    ("33.1", "permissive", "party", False),
    ("A.a", "definitional", "other", False),      # exclusions from Annex A
    ("A.I", "mandatory", "party", True),          # Part I via Article 4(1)
    ("A.I.1", "mandatory", "party", True),
    ("A.II.1", "mandatory", "party", True),
    ("A.II.1.viii", "endeavour", "party", True),  # two or more of the listed measures
    ("B.I.1", "mandatory", "party", True),
    ("B.II.1.i", "mandatory", "party", True),     # Reduce the use of mercury ... by 50 per cent
    ("B.II.1.iv", "endeavour", "party", True),    # Supporting research and development
    ("B.II.1.v", "mandatory", "party", True),     # Not allowing the use of mercury
    ("B.II.1.vi", "mandatory", "party", True),    # reporting in accordance with Article 21
    ("C.2", "permissive", "party", True),
    ("D.1", "definitional", "other", False),      # a source category, scoping Article 8
    ("E.I.1.1", "permissive", "party", False),
    ("E.I.4", "mandatory", "other", False),       # the arbitral tribunal
    ("E.II.7", "mandatory", "other", False),      # the parties to the dispute
])
def test_classification(obligations, notation, strength, addressee, actionable):
    o = obligations[notation]
    assert (o.strength, o.addressee, o.actionable) == (strength, addressee, actionable), o.text[:80]


def test_definitions_are_not_actionable(obligations):
    for notation in ["2"] + [f"2.{x}" for x in "abcdefghijk"] + ["2.b.i", "3.1", "3.1.b", "8.2.b", "11.2"]:
        o = obligations[notation]
        assert o.strength == "definitional" and not o.actionable, notation


def test_conditions_keep_the_clause(obligations):
    assert "more than insignificant" in obligations["7.3"].condition
    assert "more than insignificant" in obligations["7.3.c"].condition
    assert obligations["8.3"].condition == "A Party with relevant sources"
    assert "where the Party determines that excess mercury" in obligations["3.5.b"].condition
    assert obligations["3.5.b"].strength == "endeavour"          # "Take measures to ensure"
    assert obligations["3.3"].condition == ""


def test_annex_c_points_are_conditional_nap_content(obligations):
    for notation in [f"C.1.{x}" for x in "abcdefghijk"] + ["C.1.b.i", "C.1.b.iv"]:
        o = obligations[notation]
        assert o.actionable and o.addressee == "party-conditional", notation
        assert "paragraph 3 of Article 7" in o.condition


def test_annex_a_and_b_part_i_entries_are_mandatory_for_parties(obligations):
    entries = [o for n, o in obligations.items() if n[:4] in ("A.I.", "B.I.")]
    assert len(entries) == 9 + 10 + 2         # 9 products (+2+3+5 sub-points) and 2 processes
    assert all((o.strength, o.addressee, o.actionable) == ("mandatory", "party", True) for o in entries)


def test_annex_e_and_final_clauses_not_actionable(obligations):
    for notation, o in obligations.items():
        if notation.startswith("E.") or o.article in ("25", "26", "27", "28", "29", "30", "31",
                                                       "32", "33", "34", "35"):
            assert not o.actionable, notation
        if notation.startswith("E.I."):
            assert o.addressee in ("party", "other"), notation


def test_cop_and_secretariat_duties_never_actionable(obligations):
    for o in obligations.values():
        if o.addressee in ("cop", "secretariat", "other"):
            assert not o.actionable, o.notation

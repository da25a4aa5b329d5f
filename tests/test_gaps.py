"""Coverage rules on a real law (SOR/2014-254) with known proposals, reviewer decisions and profile.

The proposals are written by the product's own annotation code from fixed tagger results,
so each status rule is checked against exact weights, independent of tagger tuning.
"""
import time

import pytest

from kb.annotate import tag_expression
from kb.errors import KBError
from kb.gaps import assess, assessment_history, compute_matrix, derive_article, evidence, for_cell
from kb.listing import find_expressions
from kb.profile import get_profile, set_fact
from kb.review import decide


class FixedTagger:
    """Stands in for the tagger with known results: (section, article, obligations, score, deontic)."""

    name, version = "fixed-test-tagger", "1"
    RESULTS = {
        "sec_4": [("4", ["4.1"], 0.95, "prohibition")],       # binding, names 4.1 -> covered
        "sec_9": [("18", ["18.1"], 0.70, "obligation")],      # too unsure -> partial
        "sec_2": [("3", ["3.6"], 1.0, "definition")],         # non-binding -> partial at most
        "sec_10": [("11", [], 0.90, "obligation")],           # article only -> partial
    }

    def tag_items(self, items):
        out = []
        for item in items:
            hits = self.RESULTS.get(item["id"].rsplit("/", 1)[1], [])
            out.append({"id": item["id"], "articles": [h[0] for h in hits],
                        "scores": {h[0]: h[2] for h in hits},
                        "obligations": [o for h in hits for o in h[1]], "evidence": [],
                        "deontic": hits[0][3] if hits else "procedural"})
        return out


@pytest.fixture
def kb(tmp_path):
    from kb.build import load_convention_graphs
    from kb.ingest import ingest
    from kb.resources import NATIONAL_DIR
    from kb.store import KnowledgeBase

    with KnowledgeBase(tmp_path / "store") as store:
        load_convention_graphs(store)
        ingest(store, [NATIONAL_DIR / "ca" / "SOR-2014-254.en.xml"])
        [expr] = find_expressions(store, "SOR/2014-254")
        tag_expression(store, expr, FixedTagger())
        yield store


def status(kb, key, jur="CA", level="obligation"):
    return compute_matrix(kb, [jur], level).cell(jur, key).status


def test_machine_rules(kb):
    m = compute_matrix(kb, ["CA"], "obligation")
    assert m.cell("CA", "4.1").status == "covered" and m.cell("CA", "4.1").origin == "machine"
    assert m.cell("CA", "18.1").status == "partial"          # confidence 0.7 < 0.75
    assert m.cell("CA", "3.6").status == "partial"           # definition: force 0.6
    assert m.cell("CA", "11.3").status == "partial"          # article-level tag only
    assert m.cell("CA", "16.1").status == "not covered"      # nothing tagged for Article 16
    assert {r.key for r in m.rows} >= {"3.3", "7.3", "C.1.a"} and "3.12" not in {r.key for r in m.rows}


def test_accepting_and_rejecting_changes_status(kb):
    [expr] = find_expressions(kb, "SOR/2014-254")
    decide(kb, f"{expr}/sec_9/tag/art_18", True, "Ana")       # accepted: trust 1.0
    assert status(kb, "18.1") == "covered"
    time.sleep(0.01)
    decide(kb, f"{expr}/sec_9/tag/art_18", False, "Ana")      # rejected: no evidence left
    assert status(kb, "18.1") == "not covered"
    decide(kb, f"{expr}/sec_2/tag/art_3", True, "Ana")        # accepted but definitional
    assert status(kb, "3.6") == "partial"


def test_profile_makes_obligations_not_applicable(kb):
    set_fact(kb, "ca", "asgm", False, "Ana", "no ASGM in Canada")
    assert get_profile(kb, "ca") == {"asgm": False}
    m = compute_matrix(kb, ["CA"], "obligation")
    assert m.cell("CA", "7.3").status == "not applicable" and m.cell("CA", "C.1.a").status == "not applicable"
    assert compute_matrix(kb, ["CA"], "article").cell("CA", "7").status == "not applicable"
    with pytest.raises(KBError, match="unknown profile fact"):
        set_fact(kb, "ca", "volcanoes", False, "Ana")


def test_untagged_jurisdiction_is_not_assessed(kb):
    assert status(kb, "4.1", jur="XX") == "not assessed"
    assert status(kb, "4", jur="XX", level="article") == "not assessed"


def test_reviewer_assessment_wins_and_history_is_kept(kb):
    assess(kb, "ca", "16.1", "partial", "Ana", "health programme outside this law")
    time.sleep(0.01)
    assess(kb, "CA", "16.1", "covered", "Bo", "Food and Drugs Act covers it")
    cell = compute_matrix(kb, ["CA"], "obligation").cell("CA", "16.1")
    assert (cell.status, cell.origin, cell.reviewer, cell.machine_status) == ("covered", "reviewer", "Bo", "not covered")
    assert [(h["status"], h["name"]) for h in assessment_history(kb, "CA", "16.1")] == [
        ("partial", "Ana"), ("covered", "Bo")]
    assess(kb, "CA", "art:16", "not covered", "Bo")
    assert status(kb, "16", level="article") == "not covered"
    with pytest.raises(KBError, match="not an obligation"):
        assess(kb, "CA", "99.9", "covered", "Bo")
    with pytest.raises(KBError, match="unknown status"):
        assess(kb, "CA", "16.1", "fine", "Bo")


def test_latest_assessment_of_each_cell_wins_with_its_own_comment(kb):
    assess(kb, "CA", "16.1", "partial", "Ana", "first look")
    assess(kb, "CA", "4.1", "not covered", "Ana", "kept")
    assess(kb, "XX", "16.1", "covered", "Bo", "other country")
    time.sleep(0.01)
    assess(kb, "CA", "16.1", "covered", "Bo")                  # no comment: the earlier one must not show
    m = compute_matrix(kb, ["CA", "XX"], "obligation")
    assert (m.cell("CA", "16.1").status, m.cell("CA", "16.1").reviewer, m.cell("CA", "16.1").comment) == \
        ("covered", "Bo", "")
    assert (m.cell("CA", "4.1").status, m.cell("CA", "4.1").comment) == ("not covered", "kept")
    assert (m.cell("XX", "16.1").status, m.cell("XX", "16.1").comment) == ("covered", "other country")
    assert compute_matrix(kb, ["CA"], "obligation").cell("CA", "16.1") == m.cell("CA", "16.1")


def test_evidence_for_cells(kb):
    rows = evidence(kb, "CA")
    cell = for_cell(rows, "4.1")
    assert [r["number"] for r in cell] == ["4"] and cell[0]["citation"] == "SOR/2014-254"
    assert {r["number"] for r in for_cell(rows, "11.3")} == {"10"}   # article-only tag counts
    assert for_cell(rows, "16.1") == []


class Article16Tagger:
    """Tags every provision 16.1, binding and sure: a second jurisdiction with evidence CA lacks."""

    name, version = "article-16-test-tagger", "1"

    def tag_items(self, items):
        return [{"id": item["id"], "articles": ["16"], "scores": {"16": 0.9}, "obligations": ["16.1"],
                 "evidence": [], "deontic": "obligation"} for item in items]


@pytest.mark.parametrize("level", ["obligation", "article"])
def test_many_jurisdictions_give_each_its_own_cells(kb, level):
    """One aggregation serves any number of jurisdictions: every cell equals the one computed
    for that jurisdiction alone, another jurisdiction's tags never leak in, and reviewer
    decisions (superseded proposals) count the same way."""
    from kb.ingest import ingest
    from kb.resources import NATIONAL_DIR

    ingest(kb, [NATIONAL_DIR / "uy"])
    [uy] = find_expressions(kb, "Ley 19.267")
    tag_expression(kb, uy, Article16Tagger())
    [ca] = find_expressions(kb, "SOR/2014-254")
    decide(kb, f"{ca}/sec_4/tag/art_4", False, "Ana")          # 4.1 loses its only evidence
    decide(kb, f"{ca}/sec_9/tag/art_18", True, "Ana")          # 18.1 becomes covered
    together = compute_matrix(kb, ["CA", "UY", "XX"], level)
    for jur in ("CA", "UY", "XX"):
        alone = compute_matrix(kb, [jur], level)
        assert {key: cell for (j, key), cell in together.cells.items() if j == jur} == \
               {key: cell for (_, key), cell in alone.cells.items()}
    status = {(j, key): cell.status for (j, key), cell in together.cells.items()}
    if level == "obligation":
        assert status["UY", "16.1"] == "covered" and status["CA", "16.1"] == "not covered"
        assert status["CA", "4.1"] == "not covered" and status["CA", "18.1"] == "covered"
    else:
        assert status["UY", "16"] == "partial" and status["CA", "16"] == "not covered"
    assert status["XX", "16" if level == "article" else "16.1"] == "not assessed"


@pytest.mark.parametrize("statuses, expected", [
    (["covered", "covered"], "covered"),
    (["covered", "not covered"], "partial"),
    (["partial", "not applicable"], "partial"),
    (["not covered", "not assessed"], "not covered"),
    (["not assessed", "not assessed"], "not assessed"),
    (["not applicable"], "not applicable"),
    (["covered", "not applicable"], "covered"),
])
def test_article_rule(statuses, expected):
    assert derive_article(statuses) == expected

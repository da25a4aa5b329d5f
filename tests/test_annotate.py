"""Tags in the graph: Web Annotations with exact evidence, PROV, idempotent re-tagging."""
import pytest
from pyshacl import validate
from rdflib import Graph

from kb.annotate import proposals_graph_iri, stored_tagger_version, tag_expression, tag_units
from kb.listing import find_expressions, outline
from kb.resources import SHAPES_FILE
from kb.review import current_tags
from kb.tagger import load_tagger


@pytest.fixture(scope="module")
def tagged(tmp_path_factory):
    from kb.build import load_convention_graphs
    from kb.ingest import ingest
    from kb.resources import NATIONAL_DIR
    from kb.store import KnowledgeBase

    path = tmp_path_factory.mktemp("tagged") / "store"
    with KnowledgeBase(path) as kb:
        load_convention_graphs(kb)
        ingest(kb, [NATIONAL_DIR / "ca" / "SOR-2014-254.en.xml", NATIONAL_DIR / "pe" / "DLEG-1100-2012.es.md"])
        for expr in find_expressions(kb, "SOR/2014-254") + find_expressions(kb, "D.Leg. N° 1100"):
            tag_expression(kb, expr, load_tagger())
    return path


@pytest.fixture
def kb(tagged):
    from kb.store import KnowledgeBase
    with KnowledgeBase(tagged) as store:
        yield store


def test_units_are_sections_not_their_paragraphs(kb):
    [expr] = find_expressions(kb, "SOR/2014-254")
    units = tag_units(outline(kb, expr))
    kinds = {u["kind"] for u in units}
    assert "section" in kinds and "paragraph" not in kinds and "subsection" not in kinds
    assert sum(1 for u in units if u["kind"] == "section") == 18


def test_product_ban_tagged_article_4_with_exact_evidence(kb):
    [expr] = find_expressions(kb, "SOR/2014-254")
    texts = {r["p"]: r["text"] for r in outline(kb, expr)}
    tags = current_tags(kb, expr)
    section4 = [t for t in tags if t["provision"].endswith("/sec_4")]
    assert [t["article"] for t in section4] == ["4"] and section4[0]["status"] == "proposed"
    rows = kb.rows(f"""SELECT ?start ?end ?exact WHERE {{ GRAPH <{proposals_graph_iri(expr)}> {{
        <{section4[0]['annotation']}> oa:hasTarget/oa:hasSelector ?s .
        ?s oa:start ?start ; oa:end ?end ; oa:exact ?exact }} }}""")
    assert rows
    for r in rows:
        assert texts[section4[0]["provision"]][int(r["start"]):int(r["end"])] == r["exact"]


def test_spanish_asgm_law_tagged_article_7(kb):
    [expr] = find_expressions(kb, "D.Leg. N° 1100")
    assert "7" in {t["article"] for t in current_tags(kb, expr)}


def test_proposals_conform_to_shapes_and_carry_provenance(kb):
    [expr] = find_expressions(kb, "SOR/2014-254")
    data = kb.graph(proposals_graph_iri(expr))
    for iri in kb.graph_iris():      # bodies are typed in the obligations graph, targets in the law
        if iri.endswith(("/graph/obligations", "/graph/ontology")) or iri == expr or "/eli/int/" in iri:
            data += kb.graph(iri)
    conforms, _, text = validate(data, shacl_graph=Graph().parse(SHAPES_FILE), inference="none")
    assert conforms, text[:2000]
    assert stored_tagger_version(kb, expr) == load_tagger().version


def test_retagging_same_version_changes_nothing(kb):
    [expr] = find_expressions(kb, "SOR/2014-254")
    before = set(kb.graph(proposals_graph_iri(expr)))
    assert tag_expression(kb, expr, load_tagger()) is None
    assert set(kb.graph(proposals_graph_iri(expr))) == before

"""The default knowledge base: Convention, obligations, sample laws; SHACL conformance."""
import pytest
from pyshacl import validate
from rdflib import Graph

from kb.build import load_convention_graphs
from kb.listing import list_annexes, list_articles, list_laws, list_obligations
from kb.namespaces import OBLIGATIONS_GRAPH, ONTOLOGY_GRAPH
from kb.resources import SHAPES_FILE


def test_convention_reload_gives_identical_triples(kb):
    load_convention_graphs(kb)
    first = set(kb.dataset.quads())
    load_convention_graphs(kb)
    assert set(kb.dataset.quads()) == first and len(first) > 9000


def test_articles_annexes_and_obligations_listed(built):
    articles = list_articles(built)
    assert [a["article"] for a in articles] == [str(n) for n in range(1, 36)]
    assert articles[6]["title"] == "Artisanal and small-scale gold mining"
    assert [a["annex"] for a in list_annexes(built)] == ["A", "B", "C", "D", "E"]
    obligations = {o["notation"]: o for o in list_obligations(built)}
    assert obligations["3.3"]["strength"] == "mandatory" and obligations["3.3"]["addressee"] == "party"
    assert obligations["3.12"]["addressee"] == "cop" and obligations["3.12"]["actionable"] is False
    assert obligations["7.3"]["addressee"] == "party-conditional"
    assert "insignificant" in obligations["7.3"]["condition"]
    actionable = list_obligations(built, actionable=True, article="3")
    assert "3.6" in {o["notation"] for o in actionable} and "3.12" not in {o["notation"] for o in actionable}


def test_sample_laws_loaded(built):
    laws = list_laws(built)
    assert len(laws) == 41
    assert {law["jur"] for law in laws} >= {"CA", "US", "PE", "AR", "UY", "LU", "FR", "IN", "BJ"}
    sor = [law for law in laws if law["citation"] in ("SOR/2014-254", "DORS/2014-254")]
    assert {law["lang"] for law in sor} == {"en", "fr"}
    assert len({law["work"] for law in sor}) == 1       # one work, two language expressions


@pytest.mark.parametrize("graphs", [
    "convention",
    "national",
])
def test_graph_conforms_to_shapes(built, graphs):
    data = Graph()
    if graphs == "convention":
        for iri in built.graph_iris():
            if "/eli/int/" in iri or iri in (OBLIGATIONS_GRAPH, ONTOLOGY_GRAPH):
                data += built.graph(iri)
    else:
        for law in list_laws(built, "lu") + list_laws(built, "pe")[:2]:
            data += built.graph(law["expr"])
    conforms, _, text = validate(data, shacl_graph=Graph().parse(SHAPES_FILE), inference="none")
    assert conforms, text[:3000]


def test_shapes_catch_a_broken_subdivision(built):
    law = list_laws(built, "uy")[0]
    data = built.graph(law["expr"])
    from kb.namespaces import MKB
    subject = next(data.subjects(MKB.start, None))
    data.remove((subject, MKB.start, None))
    conforms, _, text = validate(data, shacl_graph=Graph().parse(SHAPES_FILE), inference="none")
    assert not conforms and "start" in text

from datetime import date

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF

from kb.graph import expression_iri, instrument_graph, instrument_iri, provision_iris
from kb.model import Instrument, Provision
from kb.namespaces import ELI, MKB

TEXT = "Article 1 Il est interdit.\nArticle 1 (bis repeated)\nArticle 5 bis Le mercure."


def instrument():
    def prov(kind, number, start, end, children=()):
        return Provision(kind, number, start, end, TEXT[start:end], children=list(children))
    return Instrument(
        jurisdiction="lu", type="règlement grand-ducal", title="Règlement test", language="fr",
        text=TEXT, date=date(2012, 6, 28), number="2012-06-28-n5", citation="RGD 2012",
        provisions=[prov("article", "1", 0, 26), prov("article", "1", 27, 51),
                    prov("article", "5 bis", 52, 77, [prov("paragraph", "1", 66, 77)])])


def test_iris_are_eli_shaped_and_stable():
    inst = instrument()
    assert instrument_iri(inst) == "https://w3id.org/minamata-kb/eli/lu/reglement_grand_ducal/2012/2012_06_28_n5"
    assert expression_iri(inst).endswith("/2012_06_28_n5/fra")
    iris = sorted(provision_iris(inst).values())
    assert iris == sorted(provision_iris(instrument()).values())
    assert [i.rsplit("/fra/", 1)[1] for i in iris] == ["art_1", "art_1__2", "art_5_bis", "art_5_bis/para_1"]


def test_graph_has_subdivisions_with_exact_text_and_offsets():
    inst = instrument()
    g = instrument_graph(inst)
    subs = list(g.subjects(RDF.type, ELI.LegalResourceSubdivision))
    assert len(subs) == 4
    for s in subs:
        start, end = int(g.value(s, MKB.start)), int(g.value(s, MKB.end))
        assert str(g.value(s, MKB.text)) == TEXT[start:end]
    para = URIRef(expression_iri(inst) + "/art_5_bis/para_1")
    assert g.value(para, ELI.is_part_of) == URIRef(expression_iri(inst) + "/art_5_bis")
    assert g.value(para, ELI.number) == Literal("1")
    # no blank nodes: re-loading must reproduce identical triples
    assert not any(isinstance(n, BNode) for t in g for n in t)


def test_same_instrument_gives_identical_graph():
    assert set(instrument_graph(instrument())) == set(instrument_graph(instrument()))

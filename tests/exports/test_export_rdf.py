"""Turtle and JSON-LD read back with rdflib: one mkb:Assessment per cell."""
from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import FOAF, PROV, RDF, RDFS

from kb.namespaces import MKB, article_iri, jurisdiction_iri, obligation_iri

EXPORT = "https://w3id.org/minamata-kb/export/assessment/"


@pytest.fixture(scope="module")
def turtle(reviewed) -> Graph:
    return Graph().parse(reviewed.file("ttl"), format="turtle")


def test_every_cell_is_an_assessment(turtle, reviewed):
    nodes = set(turtle.subjects(RDF.type, MKB.Assessment))
    assert len(nodes) == 2 * len(reviewed.matrices["obligation"].rows)
    assert all(str(n).startswith(EXPORT) for n in nodes)


def test_reviewer_assessment_triples(turtle, reviewed):
    node = URIRef(EXPORT + "ca/obligation/4.1")
    assert (node, MKB.coverage, MKB.Covered) in turtle
    assert (node, MKB.jurisdiction, URIRef(jurisdiction_iri("CA"))) in turtle
    assert (node, MKB.obligation, URIRef(obligation_iri("4.1"))) in turtle
    assert (node, RDFS.comment, Literal(reviewed.COMMENT_41)) in turtle
    person = turtle.value(node, PROV.wasAttributedTo)
    assert (person, RDF.type, PROV.Person) in turtle
    assert turtle.value(person, FOAF.name) == Literal(reviewed.REVIEWER)
    assert turtle.value(node, PROV.generatedAtTime) is not None


def test_machine_assessment_derived_from_evidence(turtle, reviewed):
    node = URIRef(EXPORT + "ca/obligation/3.6")
    assert (node, MKB.coverage, MKB.NotAssessed) in turtle
    assert (node, PROV.wasDerivedFrom, URIRef(reviewed.script_tag)) in turtle
    assert (turtle.value(node, PROV.wasAttributedTo), RDF.type, PROV.SoftwareAgent) in turtle
    assert (URIRef(EXPORT + "ca/obligation/7.2"), MKB.coverage, MKB.NotApplicable) in turtle


def test_prefixes_are_bound(reviewed):
    text = reviewed.file("ttl").read_text(encoding="utf-8")
    assert "@prefix mkb: <https://w3id.org/minamata-kb/ontology#> ." in text
    assert "@prefix prov: <http://www.w3.org/ns/prov#> ." in text


def test_jsonld_holds_the_same_graph(turtle, reviewed):
    jsonld = Graph().parse(reviewed.file("jsonld"), format="json-ld")
    assert jsonld.isomorphic(turtle)
    assert '"mkb:coverage"' in reviewed.file("jsonld").read_text(encoding="utf-8")


def test_article_level_points_at_article_concepts(reviewed):
    g = Graph().parse(reviewed.file("ttl", "article"), format="turtle")
    node = URIRef(EXPORT + "ca/article/11")
    assert (node, MKB.obligation, URIRef(article_iri("11"))) in g
    assert (node, MKB.coverage, MKB.Partial) in g
    assert (node, PROV.wasDerivedFrom, URIRef(reviewed.lamps_tag)) in g

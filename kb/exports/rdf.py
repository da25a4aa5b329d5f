"""RDF export (Turtle, JSON-LD): the matrix as ``mkb:Assessment`` nodes.

Each cell becomes one assessment with the vocabulary the knowledge base already uses for
reviewer assessments, so the file can be loaded next to the graph and queried alike:

* IRI ``https://w3id.org/minamata-kb/export/assessment/{jur}/{level}/{key}``: the same
  cell gets the same IRI in every export (a newer export describes it anew);
* ``mkb:jurisdiction`` the jurisdiction, ``mkb:obligation`` the obligation concept
  (``.../obligation/3.6``) or, at article level, the article concept (``.../article/3``);
* ``mkb:coverage`` the status (``mkb:Covered`` … ``mkb:NotAssessed``);
* origin: ``prov:wasAttributedTo`` the reviewer (a ``prov:Person`` with ``foaf:name``)
  and ``prov:generatedAtTime`` the assessment time, or, for machine cells, the gap
  analysis (a ``prov:SoftwareAgent``) and the time the matrix was computed;
* ``prov:wasDerivedFrom`` the tag annotations used as evidence;
* ``rdfs:comment`` the reviewer's comment, or the machine's reason.
"""
from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import FOAF, PROV, RDF, RDFS, XSD

from ..gaps import COVERAGE_IRIS
from ..graph import new_graph
from ..namespaces import BASE, MKB, PREFIXES, article_iri, jurisdiction_iri, obligation_iri
from ..review import person_iri
from .common import ExportData, iso_time

EXPORT_BASE = BASE + "export/"
MACHINE_AGENT = URIRef(EXPORT_BASE + "agent/gap-analysis")


def assessment_iri(jur: str, level: str, key: str) -> URIRef:
    return URIRef(f"{EXPORT_BASE}assessment/{jur.lower()}/{level}/{key}")


def matrix_graph(data: ExportData) -> Graph:
    matrix = data.matrix
    g = new_graph()
    g.add((MACHINE_AGENT, RDF.type, PROV.SoftwareAgent))
    g.add((MACHINE_AGENT, RDFS.label, Literal("Minamata KB gap analysis")))
    for jur, lines in data.lines.items():
        for line in lines:
            cell, key = line.cell, line.row.key
            node = assessment_iri(jur, matrix.level, key)
            concept = article_iri(key) if matrix.level == "article" else obligation_iri(key)
            g.add((node, RDF.type, MKB.Assessment))
            g.add((node, MKB.jurisdiction, URIRef(jurisdiction_iri(jur))))
            g.add((node, MKB.obligation, URIRef(concept)))
            g.add((node, MKB.coverage, COVERAGE_IRIS[cell.status]))
            if cell.origin == "reviewer":
                person = URIRef(person_iri(cell.reviewer))
                g.add((person, RDF.type, PROV.Person))
                g.add((person, FOAF.name, Literal(cell.reviewer)))
                agent, when, comment = person, iso_time(cell.assessed_at), cell.comment
            else:
                agent, when, comment = MACHINE_AGENT, matrix.generated, cell.reason
            g.add((node, PROV.wasAttributedTo, agent))
            if when:
                g.add((node, PROV.generatedAtTime, Literal(when, datatype=XSD.dateTime)))
            if comment:
                g.add((node, RDFS.comment, Literal(comment)))
            for ev in line.evidence:
                g.add((node, PROV.wasDerivedFrom, URIRef(ev["annotation"])))
    return g


def write(data: ExportData, path: Path, fmt: str) -> None:
    """Turtle with our prefixes, or JSON-LD compacted with the same prefixes as its context."""
    graph = matrix_graph(data)
    if fmt == "jsonld":
        context = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
        out = graph.serialize(format="json-ld", context=context, auto_compact=True, encoding="utf-8")
    else:
        out = graph.serialize(format="turtle", encoding="utf-8")
    Path(path).write_bytes(out)

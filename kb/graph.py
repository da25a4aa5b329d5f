"""Turn domain objects into RDF: instruments as ELI works/expressions/subdivisions.

One named graph per source document (the expression), so a document can be replaced
atomically.  No blank nodes: every node has an IRI derived from the law itself, which
makes re-loading idempotent and lets a SPARQL ``INSERT DATA`` reproduce the graph exactly.
"""
from __future__ import annotations

import hashlib

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS, XSD

from .model import Instrument, Provision
from .namespaces import (BASE, ELI, LANG, LANGUAGE_CODES, MKB, PREFIXES, jurisdiction_iri,
                         segment, slug, work_iri)


# Bump when the triples written for an instrument change shape, so that re-importing an
# unchanged text rewrites graphs made by an older version (see ingest.store_instrument).
FORMAT_VERSION = "2"


def new_graph() -> Graph:
    """An empty graph with our prefixes bound (for readable serialisations)."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    return g


def instrument_year(inst: Instrument) -> str:
    """Year used in the IRI: the date's year, else a 4-digit year in the number."""
    if inst.date:
        return str(inst.date.year)
    for token in inst.number.replace("/", "-").split("-"):
        if len(token) == 4 and token.isdigit():
            return token
    return "undated"


def instrument_iri(inst: Instrument) -> str:
    """Work IRI: ``.../eli/int/minamata/2013`` or ``.../eli/ca/regulation/2014/2014_254``."""
    year = instrument_year(inst)
    if inst.jurisdiction == "int":
        return f"{BASE}eli/int/{slug(inst.number)}/{year}"
    return work_iri(inst.jurisdiction, inst.type, year, inst.number or inst.title)


def expression_iri(inst: Instrument) -> str:
    """Language expression IRI (also the named graph of the document)."""
    return f"{instrument_iri(inst)}/{LANGUAGE_CODES.get(inst.language, slug(inst.language)).lower()}"


def content_hash(text: str) -> str:
    """SHA-256 of the text: tells a new version from a re-import of the same one."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def provision_iris(inst: Instrument) -> dict[int, str]:
    """Map ``id(provision)`` to its stable IRI (parent path + kind_number segment).

    Siblings that would collide (a repealed article printed twice, two unnumbered
    blocks) get a ``__2``, ``__3`` suffix in document order, which is stable as long as
    the text is.
    """
    iris: dict[int, str] = {}

    def assign(children: list[Provision], parent: str) -> None:
        seen: dict[str, int] = {}
        for child in children:
            seg = segment(child.kind, child.number)
            seen[seg] = seen.get(seg, 0) + 1
            if seen[seg] > 1:
                seg = f"{seg}__{seen[seg]}"
            iri = f"{parent}/{seg}"
            iris[id(child)] = iri
            assign(child.children, iri)

    assign(inst.provisions, expression_iri(inst))
    return iris


def instrument_graph(inst: Instrument) -> Graph:
    """The named-graph content for one instrument expression."""
    g = new_graph()
    work, expr = URIRef(instrument_iri(inst)), URIRef(expression_iri(inst))
    lang = URIRef(LANG[LANGUAGE_CODES.get(inst.language, inst.language.upper())])
    jur = URIRef(jurisdiction_iri(inst.jurisdiction))

    g.add((work, RDF.type, ELI.LegalResource))
    g.add((work, ELI.title, Literal(inst.title)))
    g.add((work, ELI.jurisdiction, jur))
    g.add((work, ELI.type_document, URIRef(f"{BASE}doctype/{slug(inst.type)}")))
    g.add((work, ELI.is_realized_by, expr))
    if inst.number:
        g.add((work, ELI.number, Literal(inst.number)))
    if inst.citation:
        g.add((work, MKB.citation, Literal(inst.citation)))
    if inst.date:
        g.add((work, ELI.date_document, Literal(inst.date.isoformat(), datatype=XSD.date)))
    if inst.in_force is not None:
        g.add((work, MKB.inForce, Literal(inst.in_force)))
    g.add((jur, RDF.type, MKB.Jurisdiction))
    g.add((jur, SKOS.notation, Literal(inst.jurisdiction.upper())))
    if "-" in inst.jurisdiction:
        g.add((jur, SKOS.broader, URIRef(jurisdiction_iri(inst.jurisdiction.split("-")[0]))))

    g.add((expr, RDF.type, ELI.LegalExpression))
    g.add((expr, ELI.realizes, work))
    g.add((expr, ELI.language, lang))
    g.add((expr, ELI.title, Literal(inst.title, lang=inst.language)))
    g.add((expr, MKB.fullText, Literal(inst.text)))
    g.add((expr, MKB.contentHash, Literal(content_hash(inst.text))))
    g.add((expr, MKB.provisionCount, Literal(sum(1 for _ in inst.walk()))))
    g.add((expr, MKB.formatVersion, Literal(FORMAT_VERSION)))
    if inst.source:
        g.add((expr, MKB.source, Literal(inst.source)))
    if inst.licence:
        g.add((expr, MKB.licence, Literal(inst.licence)))

    iris = provision_iris(inst)
    parents = {id(c): iris[id(p)] for p in inst.walk() for c in p.children}
    for order, prov in enumerate(inst.walk()):
        node = URIRef(iris[id(prov)])
        parent = URIRef(parents.get(id(prov), str(expr)))
        g.add((node, RDF.type, ELI.LegalResourceSubdivision))
        g.add((node, ELI.is_part_of, parent))
        g.add((parent, ELI.has_part, node))
        g.add((node, ELI.number, Literal(prov.number)))
        g.add((node, MKB.kind, Literal(prov.kind)))
        g.add((node, MKB.text, Literal(prov.text)))
        g.add((node, MKB.start, Literal(prov.start)))
        g.add((node, MKB.end, Literal(prov.end)))
        g.add((node, MKB.order, Literal(order)))
        g.add((node, ELI.language, lang))
        if prov.heading:
            g.add((node, ELI.title, Literal(prov.heading, lang=inst.language)))
    return g

"""The Convention's obligations as a SKOS concept scheme.

Articles are top concepts (the label set of article-level tags); every paragraph,
subparagraph, item and annex entry is an ``mkb:Obligation`` narrower than its parent,
carrying the rule-derived strength, addressee and whether it is nationally actionable.
"""
from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from .graph import new_graph, provision_iris
from .model import Instrument
from .namespaces import MKB, OBLIGATION_SCHEME, article_iri, obligation_article, obligation_iri
from .obligations import Obligation, catalogue

STRENGTHS = {"mandatory": MKB.Mandatory, "endeavour": MKB.Endeavour,
             "permissive": MKB.Permissive, "definitional": MKB.Definitional}
ADDRESSEES = {"party": MKB.EachParty, "party-conditional": MKB.ConditionalParty,
              "cop": MKB.ConferenceOfTheParties, "secretariat": MKB.Secretariat,
              "other": MKB.OtherAddressee}
def parent_notation(ob: Obligation, known: set[str]) -> str | None:
    """The nearest enclosing obligation's notation, if it is itself in the catalogue."""
    parts = ob.notation.split(".")
    while len(parts) > 1:
        parts = parts[:-1]
        if ".".join(parts) in known:
            return ".".join(parts)
    return None


def scheme_graph(convention: Instrument) -> Graph:
    """Articles and obligations of the Convention as SKOS, linked to their text."""
    g = new_graph()
    scheme = URIRef(OBLIGATION_SCHEME)
    g.add((scheme, RDF.type, SKOS.ConceptScheme))
    g.add((scheme, SKOS.prefLabel, Literal("Obligations of the Minamata Convention on Mercury", lang="en")))
    iris = provision_iris(convention)

    for prov in convention.provisions:
        if prov.kind != "article":
            continue
        art = URIRef(article_iri(prov.number))
        g.add((art, RDF.type, MKB.Article))
        g.add((art, SKOS.notation, Literal(prov.number)))
        g.add((art, SKOS.prefLabel, Literal(f"Article {prov.number}. {prov.heading}".strip(), lang="en")))
        g.add((art, SKOS.inScheme, scheme))
        g.add((art, SKOS.topConceptOf, scheme))
        g.add((scheme, SKOS.hasTopConcept, art))
        g.add((art, MKB.provision, URIRef(iris[id(prov)])))

    obligations = catalogue(convention)
    known = {ob.notation for ob in obligations}
    for ob in obligations:
        node = URIRef(obligation_iri(ob.notation))
        art = URIRef(article_iri(obligation_article(ob.notation)))
        parent = parent_notation(ob, known)
        g.add((node, RDF.type, MKB.Obligation))
        g.add((node, SKOS.notation, Literal(ob.notation)))
        g.add((node, SKOS.prefLabel, Literal(label(ob), lang="en")))
        g.add((node, SKOS.definition, Literal(ob.text, lang="en")))
        g.add((node, SKOS.inScheme, scheme))
        g.add((node, SKOS.broader, URIRef(obligation_iri(parent)) if parent else art))
        g.add((node, MKB.article, art))
        g.add((node, MKB.provision, URIRef(iris[id(ob.provision)])))
        g.add((node, MKB.strength, STRENGTHS[ob.strength]))
        g.add((node, MKB.addressee, ADDRESSEES[ob.addressee]))
        g.add((node, MKB.nationallyActionable, Literal(ob.actionable)))
        if ob.condition:
            g.add((node, MKB.condition, Literal(ob.condition, lang="en")))
    return g


def label(ob: Obligation, width: int = 90) -> str:
    """Short human label: notation and the start of the text."""
    text = " ".join(ob.text.split())
    return f"{ob.notation} {text[:width]}{'…' if len(text) > width else ''}"

"""Store the tagger's proposals as Web Annotations on provisions.

Each (provision, article) proposal is one ``oa:Annotation`` whose bodies are the article
concept and any specific obligation concepts, whose target is the provision with one
position+quote selector per evidence span (offsets into the provision's ``mkb:text``),
attributed to the tagger as a PROV software agent.  Proposals live in their own named
graph per expression, ``{expression}/proposals``, so re-tagging replaces exactly the
machine's proposals and never touches reviewer decisions, which live elsewhere.
Annotation IRIs derive from the provision and the article, so a reviewer decision made
on a proposal still points at it after a re-tag.
"""
from __future__ import annotations

from datetime import datetime, timezone

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, XSD

from .graph import new_graph
from .listing import CURRENT_EXPRESSION, outline
from .namespaces import (BASE, ISO_LANGUAGES, MKB, OA, annotation_iri, article_iri, jurisdiction_iri,
                         obligation_article, obligation_iri, slug)
from .review import force
from .store import KnowledgeBase

STRUCTURAL_KINDS = {"heading", "part", "book", "title", "chapter", "division", "subdivision", "group"}
UNIT_KINDS = {"article", "section", "regulation", "rule", "entry", "preamble", "unstructured", "disposition", "related",
              "provision", "schedule", "annex"}


def proposals_graph_iri(expr: str) -> str:
    return f"{expr}/proposals"


def agent_iri(name: str, version: str) -> str:
    return f"{BASE}agent/{slug(name)}/{slug(version)}"


def stored_tagger_version(kb: KnowledgeBase, expr: str) -> str | None:
    """Version of the tagger that made the stored proposals of an expression."""
    graph = proposals_graph_iri(expr)
    rows = kb.rows(f"""SELECT ?v WHERE {{ GRAPH <{graph}> {{
        <{graph}> prov:wasGeneratedBy/prov:wasAssociatedWith/owl:versionInfo ?v }} }}""")
    return rows[0]["v"] if rows else None


def tag_units(rows: list[dict]) -> list[dict]:
    """The citable units to tag: the top-most article/section-like provisions.

    Tagging every level would repeat one tag on an article, its paragraphs and points; the
    reviewer cites the article or section (the gold set's unit).  Provisions outside any
    such unit (preambles, loose text) are units themselves unless they contain units or are
    only structure (a heading or chapter title says nothing a reviewer would cite).
    """
    contains_unit: set[str] = set()
    for row in reversed(rows):           # children come after their parents
        if row["kind"] in UNIT_KINDS or row["p"] in contains_unit:
            contains_unit.add(row["parent"])
    units, covered = [], set()
    for row in rows:
        if row["parent"] in covered:
            covered.add(row["p"])
        elif row["kind"] in UNIT_KINDS or (row["p"] not in contains_unit
                                           and row["kind"] not in STRUCTURAL_KINDS):
            units.append(row)
            covered.add(row["p"])
    return units


def items_of(kb: KnowledgeBase, expr: str) -> list[dict]:
    """The expression's tag units as tagger items, in document order (its context)."""
    meta = kb.rows(f"""SELECT ?jur ?lang WHERE {{ GRAPH <{expr}> {{
        <{expr}> eli:realizes/eli:jurisdiction/skos:notation ?jur ; eli:language ?l }}
        BIND(REPLACE(STR(?l), '^.*/', '') AS ?lang) }}""")
    lang = ISO_LANGUAGES.get(meta[0]["lang"]) if meta else None
    jur = meta[0]["jur"].lower() if meta else ""
    return [{"id": row["p"], "text": row["text"], "lang": lang, "jurisdiction": jur, "instrument": expr}
            for row in tag_units(outline(kb, expr))]


def proposals_graph(expr: str, jurisdiction: str, results: list[dict], texts: dict[str, str],
                    tagger, when: datetime) -> Graph:
    """Annotations for one expression's tagging results.

    Each annotation also names the jurisdiction (``mkb:jurisdiction``): the gap matrix
    aggregates tags per jurisdiction, and reading it off the annotation instead of joining
    through provision → expression → work keeps that query fast at hundreds of countries.
    """
    g = new_graph()
    graph_node = URIRef(proposals_graph_iri(expr))
    agent = URIRef(agent_iri(tagger.name, tagger.version))
    activity = URIRef(f"{graph_node}/activity")
    stamp = Literal(when.isoformat(timespec="seconds"), datatype=XSD.dateTime)
    g.add((agent, RDF.type, PROV.SoftwareAgent))
    g.add((agent, RDFS.label, Literal(tagger.name)))
    g.add((agent, OWL.versionInfo, Literal(tagger.version)))
    g.add((activity, RDF.type, PROV.Activity))
    g.add((activity, PROV.wasAssociatedWith, agent))
    g.add((activity, PROV.endedAtTime, stamp))
    g.add((graph_node, PROV.wasGeneratedBy, activity))
    g.add((graph_node, MKB.jurisdiction, URIRef(jurisdiction_iri(jurisdiction))))
    jur = URIRef(jurisdiction_iri(jurisdiction))
    for result in results:
        for article in result["articles"]:
            ann = add_annotation(g, result, article, texts[result["id"]], agent, activity, stamp)
            g.add((ann, MKB.jurisdiction, jur))
    return g


def add_annotation(g: Graph, result: dict, article: str, text: str, agent, activity, stamp) -> URIRef:
    """One proposal: bodies, target with evidence selectors, confidence and provenance."""
    provision = result["id"]
    ann = URIRef(annotation_iri(provision, article))
    target = URIRef(f"{ann}/target")
    g.add((ann, RDF.type, OA.Annotation))
    g.add((ann, OA.motivatedBy, OA.classifying))
    g.add((ann, OA.hasBody, URIRef(article_iri(article))))
    for notation in result.get("obligations", []):
        if obligation_article(notation) == article:
            g.add((ann, OA.hasBody, URIRef(obligation_iri(notation))))
    g.add((ann, OA.hasTarget, target))
    score = round(float(result["scores"].get(article, 0.0)), 4)
    g.add((ann, MKB.confidence, Literal(f"{score:.4f}", datatype=XSD.decimal)))
    weight = score * force(result.get("deontic", ""))
    g.add((ann, MKB.weight, Literal(f"{weight:.4f}", datatype=XSD.decimal)))
    g.add((ann, MKB.tagStatus, MKB.Proposed))
    if result.get("deontic"):
        g.add((ann, MKB.deontic, Literal(result["deontic"])))
    g.add((ann, PROV.wasAttributedTo, agent))
    g.add((ann, PROV.wasGeneratedBy, activity))
    g.add((ann, PROV.generatedAtTime, stamp))
    g.add((target, RDF.type, OA.SpecificResource))
    g.add((target, OA.hasSource, URIRef(provision)))
    spans = sorted((e for e in result.get("evidence", []) if e["article"] == article),
                   key=lambda e: (e["start"], e["end"]))
    for n, ev in enumerate(spans, 1):
        if text[ev["start"]:ev["end"]] != ev["quote"]:
            raise ValueError(f"evidence offsets do not match the quote in {provision}")
        sel = URIRef(f"{target}/selector_{n}")
        g.add((target, OA.hasSelector, sel))
        g.add((sel, RDF.type, OA.TextPositionSelector))
        g.add((sel, RDF.type, OA.TextQuoteSelector))
        g.add((sel, OA.start, Literal(ev["start"], datatype=XSD.integer)))
        g.add((sel, OA.end, Literal(ev["end"], datatype=XSD.integer)))
        g.add((sel, OA.exact, Literal(ev["quote"])))
    return ann


def current_expressions(kb: KnowledgeBase, national_only: bool = True) -> list[str]:
    """IRIs of the current (not archived) expressions, optionally without the Convention."""
    jur = 'FILTER(?jur != "INT")' if national_only else ""
    rows = kb.rows(f"""SELECT DISTINCT ?expr WHERE {{ GRAPH ?expr {{
        ?expr eli:realizes/eli:jurisdiction/skos:notation ?jur }} {CURRENT_EXPRESSION} {jur} }}
        ORDER BY ?expr""")
    return [r["expr"] for r in rows]


def known_obligations(kb: KnowledgeBase) -> set[str]:
    """Notations of the catalogue; the tagger's lexicon may name a whole annex ("D"), which
    is not an obligation concept, so only catalogue notations become annotation bodies."""
    return {r["n"] for r in kb.rows("SELECT ?n WHERE { GRAPH ?g { ?o a mkb:Obligation ; skos:notation ?n } }")}


def tag_expression(kb: KnowledgeBase, expr: str, tagger, force: bool = False) -> int | None:
    """Tag one expression's provisions; returns the number of tags, or None if up to date."""
    if not force and stored_tagger_version(kb, expr) == tagger.version:
        return None
    items = items_of(kb, expr)
    known = known_obligations(kb)
    results = [{**r, "obligations": [o for o in r.get("obligations", []) if o in known]}
               for r in tagger.tag_items(items)]
    texts = {item["id"]: item["text"] for item in items}
    graph = proposals_graph(expr, items[0]["jurisdiction"] if items else "", results, texts, tagger,
                            datetime.now(timezone.utc))
    kb.replace_graph(proposals_graph_iri(expr), graph)
    return sum(len(r["articles"]) for r in results)

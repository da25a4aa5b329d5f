"""Reviewer decisions on tags: accept, reject, add — and the current status of every tag.

A decision never edits the machine's proposal: it is a new ``oa:Annotation`` in the
reviews graph, attributed to the reviewer (``prov:wasAttributedTo``), timestamped, and
linked to the machine's proposal for the same (provision, article), if there is one
(``prov:wasDerivedFrom``).  Recording a decision marks the previous decision on that pair
``dcterms:isReplacedBy`` the new one, in the same update request.  So the current tags are
simply the annotations nobody derived from or replaced — a test on the annotation itself,
which keeps the gap matrix query fast.  Re-tagging replaces proposals only (their IRIs are
stable), so decisions and their history survive it.

Every annotation carries ``mkb:weight``, the evidence weight the gap analysis uses:
trust × force, where trust is the tagger's confidence for a proposal and 1 for a reviewer's
acceptance or addition (0 for a rejection), and force is 1 for binding provisions
(obligation, prohibition) and 0.6 otherwise (permission, definition, procedure).
"""
from __future__ import annotations

import hashlib
import logging
from datetime import datetime, timezone

from rdflib import Literal, URIRef
from rdflib.namespace import FOAF, PROV, RDF, RDFS, XSD

from .errors import KBError
from .graph import new_graph
from .namespaces import (BASE, MKB, OA, annotation_iri, article_iri, jurisdiction_iri,
                         obligation_article, obligation_iri, slug)
from .store import KnowledgeBase, ntriples

log = logging.getLogger(__name__)

REVIEWS_GRAPH = BASE + "graph/reviews"
BINDING = ("obligation", "prohibition")
PERMISSIVE_FORCE = 0.6
# An annotation is current when no decision derives from it and none replaced it.  Written
# as MINUS, not FILTER NOT EXISTS (the same result here, as ?ann is always bound): an engine
# then reads the few review links once, where NOT EXISTS probes the reviews graph twice per
# annotation (at 36,000 annotations that probing was more than half the gap matrix's query time).
NOT_SUPERSEDED = f"""MINUS {{ GRAPH <{REVIEWS_GRAPH}> {{ ?reviewed prov:wasDerivedFrom ?ann }} }}
          MINUS {{ GRAPH <{REVIEWS_GRAPH}> {{ ?ann dcterms:isReplacedBy ?newer }} }}"""
STATUSES = {"proposed": MKB.Proposed, "accepted": MKB.Accepted, "rejected": MKB.Rejected,
            "added": MKB.Added}


def person_iri(name: str) -> str:
    return f"{BASE}person/{slug(name)}"


def now() -> datetime:
    return datetime.now(timezone.utc)


def _decision_iri(provision: str, article: str, reviewer: str, when: datetime) -> str:
    key = f"{provision}|{article}|{reviewer}|{when.isoformat()}"
    return f"{BASE}review/{hashlib.sha1(key.encode()).hexdigest()[:20]}"


def proposal(kb: KnowledgeBase, annotation: str) -> dict:
    """The provision, article and obligations of a stored machine proposal."""
    rows = kb.rows(f"""SELECT ?prov ?body WHERE {{ GRAPH ?g {{
        <{annotation}> a oa:Annotation ; mkb:tagStatus mkb:Proposed ;
                       oa:hasTarget/oa:hasSource ?prov ; oa:hasBody ?body }} }}""")
    articles = [r["body"].rsplit("/", 1)[1] for r in rows if r["body"].startswith(f"{BASE}article/")]
    if not articles:
        raise KBError(f"no machine proposal {annotation} (see `minamata-kb tags`)")
    obligations = sorted(r["body"].rsplit("/", 1)[1] for r in rows
                         if r["body"].startswith(f"{BASE}obligation/"))
    return {"provision": rows[0]["prov"], "article": articles[0], "obligations": obligations}


def force(deontic: str) -> float:
    """How much a provision binds: obligations and prohibitions fully, the rest partly."""
    return 1.0 if deontic in BINDING else PERMISSIVE_FORCE


def decision_weight(status: str, deontic: str) -> float:
    """Evidence weight of a reviewer decision (see module docstring)."""
    if status == "rejected":
        return 0.0
    if status == "added":
        return 1.0
    return force(deontic)


def provision_context(kb: KnowledgeBase, provision: str, article: str) -> tuple[str, str, str]:
    """Jurisdiction of a provision, and the machine proposal for (provision, article) with
    the deontic force the tagger saw ('' when there is no proposal)."""
    proposal_iri = annotation_iri(provision, article)
    rows = kb.rows(f"""SELECT ?jur ?deontic ?p WHERE {{
        GRAPH ?eg {{ <{provision}> mkb:kind ?k . ?eg eli:realizes/eli:jurisdiction/skos:notation ?jur }}
        OPTIONAL {{ GRAPH ?pg {{ <{proposal_iri}> mkb:tagStatus mkb:Proposed . BIND(<{proposal_iri}> AS ?p)
                                OPTIONAL {{ <{proposal_iri}> mkb:deontic ?deontic }} }} }} }} LIMIT 1""")
    if not rows:
        raise KBError(f"no provision {provision} in the knowledge base")
    return rows[0]["jur"].lower(), rows[0]["p"] or "", rows[0]["deontic"] or ""


def record(kb: KnowledgeBase, status: str, provision: str, article: str, reviewer: str,
           comment: str = "", obligations: list[str] = (), when: datetime | None = None) -> str:
    """Store one decision and retire the previous one on the pair, in one update request."""
    if not reviewer.strip():
        raise KBError("a reviewer name is required for every decision")
    if status not in ("accepted", "rejected", "added"):
        raise KBError(f"unknown decision {status!r}: use accept, reject or add")
    for notation in obligations:
        if obligation_article(notation) != article:
            raise KBError(f"obligation {notation} does not belong to Article {article}")
    when = when or now()
    jurisdiction, derived_from, deontic = provision_context(kb, provision, article)
    iri = URIRef(_decision_iri(provision, article, reviewer, when))
    person = URIRef(person_iri(reviewer))
    target = URIRef(f"{iri}/target")
    g = new_graph()
    g.add((iri, RDF.type, OA.Annotation))
    g.add((iri, OA.motivatedBy, OA.classifying))
    g.add((iri, OA.hasBody, URIRef(article_iri(article))))
    for notation in obligations:
        g.add((iri, OA.hasBody, URIRef(obligation_iri(notation))))
    g.add((iri, OA.hasTarget, target))
    g.add((target, RDF.type, OA.SpecificResource))
    g.add((target, OA.hasSource, URIRef(provision)))
    g.add((iri, MKB.tagStatus, STATUSES[status]))
    g.add((iri, PROV.wasAttributedTo, person))
    g.add((iri, PROV.generatedAtTime, Literal(when.isoformat(), datatype=XSD.dateTime)))
    g.add((iri, MKB.jurisdiction, URIRef(jurisdiction_iri(jurisdiction))))
    if deontic:
        g.add((iri, MKB.deontic, Literal(deontic)))
    g.add((iri, MKB.weight, Literal(f"{decision_weight(status, deontic):.4f}", datatype=XSD.decimal)))
    if derived_from:
        g.add((iri, PROV.wasDerivedFrom, URIRef(derived_from)))
    if comment:
        g.add((iri, RDFS.comment, Literal(comment)))
    g.add((person, RDF.type, PROV.Person))
    g.add((person, FOAF.name, Literal(reviewer)))
    kb.update(f"""
        INSERT {{ GRAPH <{REVIEWS_GRAPH}> {{ ?old dcterms:isReplacedBy <{iri}> }} }}
        WHERE {{ GRAPH <{REVIEWS_GRAPH}> {{
            ?old oa:hasTarget/oa:hasSource <{provision}> ; oa:hasBody <{article_iri(article)}> .
            FILTER NOT EXISTS {{ ?old dcterms:isReplacedBy ?newer }} }} }} ;
        INSERT DATA {{ GRAPH <{REVIEWS_GRAPH}> {{\n{ntriples(g)}\n}} }}""")
    log.info("tag %s", status, extra={"fields": {
        "event": "review", "status": status, "tag": str(iri), "provision": provision,
        "article": article, "reviewer": reviewer}})
    return str(iri)


def decide(kb: KnowledgeBase, annotation: str, accept: bool, reviewer: str, comment: str = "") -> str:
    """Accept or reject a machine proposal."""
    found = proposal(kb, annotation)
    return record(kb, "accepted" if accept else "rejected", found["provision"], found["article"],
                  reviewer, comment, found["obligations"])


def add_tag(kb: KnowledgeBase, provision: str, article: str, reviewer: str, comment: str = "",
            obligations: list[str] = ()) -> str:
    """A reviewer tags a provision the machine missed."""
    # ?g, not an unbound variable: an external store's empty solution reaches rdflib as no row.
    if not kb.rows(f"SELECT ?g WHERE {{ GRAPH ?g {{ <{article_iri(article)}> a mkb:Article }} }} LIMIT 1"):
        raise KBError(f"Article {article} is not a Convention article")
    return record(kb, "added", provision, article, reviewer, comment, list(obligations))


def current_tag_pattern(scope: str = "") -> str:
    """SPARQL group binding the current tags: ?ann ?prov ?art ?st ?time ?who ?j ?w (?conf optional).

    Current = not superseded: no decision derives from it and no later decision replaced it.
    Shared by the tag listing and the gap analysis so both apply the same rule.
    """
    return f"""
          GRAPH ?g {{
            ?ann mkb:jurisdiction ?j ; mkb:weight ?w ; mkb:tagStatus ?st ; oa:hasBody ?art ;
                 oa:hasTarget/oa:hasSource ?prov ; prov:generatedAtTime ?time ; prov:wasAttributedTo ?who .
            OPTIONAL {{ ?ann mkb:confidence ?conf }}
          }}
          FILTER(STRSTARTS(STR(?art), "{BASE}article/"))
          {scope}
          {NOT_SUPERSEDED}"""


def current_tags(kb: KnowledgeBase, expr: str | None = None) -> list[dict]:
    """Every (provision, article) tag with its current status: the latest decision wins."""
    scope = f'FILTER(STRSTARTS(STR(?prov), "{expr}/"))' if expr else ""
    rows = kb.rows(f"""
        SELECT ?prov ?article ?ann ?status ?conf ?time ?who
               (GROUP_CONCAT(DISTINCT ?ob; separator=" ") AS ?obligations) WHERE {{
          {current_tag_pattern(scope)}
          OPTIONAL {{ GRAPH ?g {{ ?ann oa:hasBody ?obl }} FILTER(STRSTARTS(STR(?obl), "{BASE}obligation/")) }}
          BIND(REPLACE(STR(?art), "^.*/", "") AS ?article)
          BIND(LCASE(REPLACE(STR(?st), "^.*#", "")) AS ?status)
          BIND(REPLACE(STR(?obl), "^.*/", "") AS ?ob)
        }} GROUP BY ?prov ?article ?ann ?status ?conf ?time ?who""")
    out = []
    for r in rows:
        out.append({
            "provision": r["prov"], "article": r["article"], "annotation": r["ann"],
            "obligations": sorted(r["obligations"].split()) if r["obligations"] else [],
            "status": r["status"], "confidence": float(r["conf"]) if r["conf"] is not None else None,
            "origin": "machine" if r["status"] == "proposed" else "reviewer",
            "time": r["time"], "by": r["who"],
        })
    return sorted(out, key=lambda t: (t["provision"], int(t["article"])))


def history(kb: KnowledgeBase, provision: str) -> list[dict]:
    """All decisions on a provision, oldest first (nothing is ever overwritten)."""
    rows = kb.rows(f"""
        SELECT ?ann ?article ?status ?time ?name ?comment WHERE {{
          GRAPH <{REVIEWS_GRAPH}> {{
            ?ann oa:hasTarget/oa:hasSource <{provision}> ; oa:hasBody ?art ; mkb:tagStatus ?st ;
                 prov:generatedAtTime ?time ; prov:wasAttributedTo/foaf:name ?name .
            OPTIONAL {{ ?ann rdfs:comment ?comment }}
          }}
          FILTER(STRSTARTS(STR(?art), "{BASE}article/"))
          BIND(REPLACE(STR(?art), "^.*/", "") AS ?article)
          BIND(LCASE(REPLACE(STR(?st), "^.*#", "")) AS ?status)
        }} ORDER BY ?time""")
    return [{**r, "comment": r["comment"] or ""} for r in rows]


def evidence_spans(kb: KnowledgeBase, expr: str) -> dict[str, list[tuple[int, int]]]:
    """Evidence offsets (into the tagged provision's text) per annotation of an expression;
    a reviewer's decision shows the evidence of the proposal it was derived from."""
    rows = kb.rows(f"""
        SELECT ?ann ?start ?end WHERE {{
          GRAPH ?g {{ ?ann oa:hasTarget/oa:hasSource ?prov }}
          FILTER(STRSTARTS(STR(?prov), "{expr}/"))
          {{ GRAPH ?g {{ ?ann oa:hasTarget/oa:hasSelector ?sel }} }}
          UNION
          {{ GRAPH ?g {{ ?ann prov:wasDerivedFrom ?src }}
             GRAPH ?sg {{ ?src oa:hasTarget/oa:hasSelector ?sel }} }}
          GRAPH ?h {{ ?sel oa:start ?start ; oa:end ?end }}
        }}""")
    spans: dict[str, list[tuple[int, int]]] = {}
    for r in rows:
        spans.setdefault(r["ann"], []).append((int(r["start"]), int(r["end"])))
    return spans

"""Reviewer decisions on tags: accept, reject, add — and the current status of every tag.

A decision never edits the machine's proposal: it is a new ``oa:Annotation`` in the
reviews graph, attributed to the reviewer (``prov:wasAttributedTo``), timestamped, and
linked to the proposal it judges (``prov:wasDerivedFrom``).  The current status of a
(provision, article) pair is the latest decision, else the proposal.  Re-tagging
replaces proposals only, so decisions and their history survive it.
"""
from __future__ import annotations

import hashlib
from datetime import datetime, timezone

from rdflib import Literal, URIRef
from rdflib.namespace import FOAF, PROV, RDF, RDFS, XSD

from .errors import KBError
from .graph import new_graph
from .namespaces import (BASE, MKB, OA, article_iri, jurisdiction_iri, obligation_article,
                         obligation_iri, slug)
from .store import KnowledgeBase, ntriples

REVIEWS_GRAPH = BASE + "graph/reviews"
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


def provision_context(kb: KnowledgeBase, provision: str, proposal_iri: str | None) -> tuple[str, str]:
    """Jurisdiction of a provision and the deontic force the tagger saw in it.

    Both are copied onto the decision so that gap queries read them off the annotation.
    """
    rows = kb.rows(f"""SELECT ?jur ?deontic WHERE {{
        GRAPH ?eg {{ <{provision}> mkb:kind ?k . ?eg eli:realizes/eli:jurisdiction/skos:notation ?jur }}
        OPTIONAL {{ GRAPH ?pg {{ <{proposal_iri or provision}> mkb:deontic ?deontic }} }} }} LIMIT 1""")
    if not rows:
        raise KBError(f"no provision {provision} in the knowledge base")
    return rows[0]["jur"].lower(), rows[0]["deontic"] or ""


def record(kb: KnowledgeBase, status: str, provision: str, article: str, reviewer: str,
           comment: str = "", obligations: list[str] = (), derived_from: str | None = None,
           when: datetime | None = None) -> str:
    """Store one decision (one INSERT DATA request) and return its IRI."""
    if not reviewer.strip():
        raise KBError("a reviewer name is required for every decision")
    if status not in ("accepted", "rejected", "added"):
        raise KBError(f"unknown decision {status!r}: use accept, reject or add")
    for notation in obligations:
        if obligation_article(notation) != article:
            raise KBError(f"obligation {notation} does not belong to Article {article}")
    when = when or now()
    jurisdiction, deontic = provision_context(kb, provision, derived_from)
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
    if derived_from:
        g.add((iri, PROV.wasDerivedFrom, URIRef(derived_from)))
    if comment:
        g.add((iri, RDFS.comment, Literal(comment)))
    g.add((person, RDF.type, PROV.Person))
    g.add((person, FOAF.name, Literal(reviewer)))
    kb.update(f"INSERT DATA {{ GRAPH <{REVIEWS_GRAPH}> {{\n{ntriples(g)}\n}} }}")
    return str(iri)


def decide(kb: KnowledgeBase, annotation: str, accept: bool, reviewer: str, comment: str = "") -> str:
    """Accept or reject a machine proposal."""
    found = proposal(kb, annotation)
    return record(kb, "accepted" if accept else "rejected", found["provision"], found["article"],
                  reviewer, comment, found["obligations"], derived_from=annotation)


def add_tag(kb: KnowledgeBase, provision: str, article: str, reviewer: str, comment: str = "",
            obligations: list[str] = ()) -> str:
    """A reviewer tags a provision the machine missed."""
    if not kb.rows(f"SELECT ?a WHERE {{ GRAPH ?g {{ <{article_iri(article)}> a mkb:Article }} }}"):
        raise KBError(f"Article {article} is not a Convention article")
    return record(kb, "added", provision, article, reviewer, comment, list(obligations))


def current_tag_pattern(scope: str = "") -> str:
    """SPARQL group binding the current tags: ?ann ?prov ?art ?st ?time ?who ?j (?conf optional).

    A tag is current when no later reviewer decision exists on the same (provision, article)
    pair; a machine proposal stops being current as soon as any decision exists.  Shared by
    the tag listing and the gap analysis so both apply the same rule.
    """
    return f"""
          GRAPH ?g {{
            ?ann a oa:Annotation ; oa:hasTarget/oa:hasSource ?prov ; oa:hasBody ?art ;
                 mkb:tagStatus ?st ; prov:generatedAtTime ?time ; prov:wasAttributedTo ?who ;
                 mkb:jurisdiction ?j .
            OPTIONAL {{ ?ann mkb:confidence ?conf }}
          }}
          FILTER(STRSTARTS(STR(?art), "{BASE}article/"))
          {scope}
          FILTER NOT EXISTS {{
            GRAPH <{REVIEWS_GRAPH}> {{
              ?later oa:hasTarget/oa:hasSource ?prov ; oa:hasBody ?art ; prov:generatedAtTime ?t2 .
            }}
            FILTER(?t2 > ?time || (?st = mkb:Proposed && ?later != ?ann))
          }}"""


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

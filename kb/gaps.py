"""Gap analysis: the jurisdiction × obligation coverage matrix of the MIA legal review.

Rules (also in the README):

* Rows are the nationally actionable obligations (``--level obligation``) or the
  articles that have any (``--level article``).
* Evidence for a cell is every current tag (see ``review``) on a provision of the
  jurisdiction, except rejected ones.  Each tag weighs ``trust × force``: trust is 1 for
  reviewer-accepted or reviewer-added tags and the tagger's confidence for proposals; force
  is 1 for binding provisions (obligation or prohibition, or added by a reviewer) and 0.6
  for permissive, definitional or procedural ones.
* Machine status of an obligation: ``covered`` when a tag naming that obligation weighs
  at least 0.75; ``partial`` when such a tag, or a tag naming only its article, weighs at
  least 0.3; ``not covered`` otherwise; ``not applicable`` when a profile fact rules it out;
  ``not assessed`` when the jurisdiction has no tagged law at all.
* The latest reviewer assessment of the cell always wins (history is kept).
* Article status is derived from its obligations: ``not applicable`` if all are; else
  ``covered`` if all applicable ones are covered; ``not assessed`` if none is assessed;
  ``not covered`` if none is covered or partial; otherwise ``partial``.  A reviewer may
  also assess the article cell itself, which then wins.

The aggregation runs in SPARQL (one query for the matrix, one per cell for evidence);
Python only applies the thresholds to the aggregated rows.
"""
from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import datetime

from rdflib import Literal, URIRef
from rdflib.namespace import FOAF, PROV, RDF, RDFS, XSD

from .errors import KBError
from .graph import new_graph
from .listing import list_articles, list_obligations
from .namespaces import BASE, MKB, article_iri, jurisdiction_iri, obligation_article, obligation_iri
from .profile import get_profile, not_applicable
from .review import NOT_SUPERSEDED, current_tag_pattern, now, person_iri
from .store import KnowledgeBase, ntriples

log = logging.getLogger(__name__)
STATUSES = ("covered", "partial", "not covered", "not applicable", "not assessed")
COVERED_AT, PARTIAL_AT = 0.75, 0.3
ASSESSMENTS_GRAPH = BASE + "graph/assessments"
COVERAGE_IRIS = {"covered": MKB.Covered, "partial": MKB.Partial, "not covered": MKB.NotCovered,
                 "not applicable": MKB.NotApplicable, "not assessed": MKB.NotAssessed}
# SPARQL expression turning a coverage IRI (?cov) back into its status name.
COVERAGE_LABEL = ("LCASE(REPLACE(REPLACE(STR(?cov), \"^.*#\", \"\"), "
                  "\"^(Not)(.*)$\", \"$1 $2\"))")


@dataclass
class Row:
    """One obligation (or article) of the matrix."""

    key: str                 # obligation notation ("3.6") or article number ("3")
    article: str
    text: str
    strength: str = ""
    addressee: str = ""


@dataclass
class Cell:
    """Coverage of one row in one jurisdiction."""

    status: str
    origin: str              # machine | reviewer
    machine_status: str
    weight: float = 0.0
    tags: int = 0
    reason: str = ""
    comment: str = ""
    reviewer: str = ""
    assessed_at: str = ""


@dataclass
class GapMatrix:
    level: str
    jurisdictions: list[str]
    rows: list[Row]
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)
    generated: str = ""

    def cell(self, jurisdiction: str, key: str) -> Cell:
        return self.cells[(jurisdiction.upper(), key)]

    def evidence_key(self, row: Row) -> str:
        """Key of a row for ``for_cell``/``assess``: articles are written "art:N"."""
        return f"art:{row.key}" if self.level == "article" else row.key

    def counts(self, jurisdiction: str) -> dict[str, int]:
        out = dict.fromkeys(STATUSES, 0)
        for row in self.rows:
            out[self.cell(jurisdiction, row.key).status] += 1
        return out


def _jur_iris(jurisdictions: list[str]) -> str:
    return " ".join(f"<{jurisdiction_iri(j)}>" for j in jurisdictions)


def evidence_weights(kb: KnowledgeBase, jurisdictions: list[str]) -> tuple[dict, dict, dict]:
    """Max tag weight per (jur, obligation) and per (jur, article), and tag counts per article.

    One aggregation over the annotations themselves: each carries its jurisdiction, weight
    and bodies (see ``review``), so no join through provisions and laws is needed.  Each of
    the three is read in its own sub-select, joined on (graph, annotation): the engine then
    scans each property once and joins by hash.  Written as one basic graph pattern, Oxigraph
    looks every annotation's other properties up one at a time instead: random reads of the
    on-disk index, over twice as slow at 200 jurisdictions (36,000 annotations).  Standard
    SPARQL 1.1, so an external server runs the same query.
    """
    rows = kb.rows(f"""
        SELECT ?j ?body (MAX(?w) AS ?mw) (COUNT(?ann) AS ?n) WHERE {{
          {{ SELECT ?g ?ann ?j WHERE {{ GRAPH ?g {{ ?ann mkb:jurisdiction ?j }}
                                       VALUES ?j {{ {_jur_iris(jurisdictions)} }} }} }}
          {{ SELECT ?g ?ann ?w WHERE {{ GRAPH ?g {{ ?ann mkb:weight ?w }} FILTER(?w > 0) }} }}
          {{ SELECT ?g ?ann ?body WHERE {{ GRAPH ?g {{ ?ann oa:hasBody ?body }} }} }}
          {NOT_SUPERSEDED}
        }} GROUP BY ?j ?body""")
    by_obligation, by_article, counts = {}, {}, {}
    for r in rows:
        jur, (kind, key) = r["j"].rsplit("/", 1)[1].upper(), r["body"].rsplit("/", 2)[1:]
        if kind == "article":
            by_article[(jur, key)] = float(r["mw"])
            counts[(jur, key)] = int(r["n"])
        else:
            by_obligation[(jur, key)] = float(r["mw"])
    return by_obligation, by_article, counts


def tagged_jurisdictions(kb: KnowledgeBase, jurisdictions: list[str]) -> set[str]:
    """Jurisdictions having at least one law that the tagger has processed."""
    rows = kb.rows("SELECT DISTINCT ?j WHERE { GRAPH ?pg { ?pg mkb:jurisdiction ?j } }")
    wanted = {j.upper() for j in jurisdictions}
    return {r["j"].rsplit("/", 1)[1].upper() for r in rows} & wanted


def latest_assessments(kb: KnowledgeBase, jurisdictions: list[str]) -> dict[tuple[str, str], dict]:
    """The latest reviewer assessment per (jurisdiction, key); article keys are "art:N".

    The latest time per cell is aggregated first and the assessments are joined to it, both
    as sub-selects so that the engine joins them by hash (as in ``evidence_weights``); the
    optional comment is looked up for the winners only.  A ``FILTER NOT EXISTS`` looking for
    a later assessment compared every assessment with every other: 20 s for 800 of them.
    """
    jurs = _jur_iris(jurisdictions)
    rows = kb.rows(f"""
        SELECT ?jur ?key ?status ?comment ?name ?time WHERE {{
          {{ SELECT ?j ?c (MAX(?t) AS ?time) WHERE {{
               GRAPH <{ASSESSMENTS_GRAPH}> {{ ?b a mkb:Assessment ; mkb:jurisdiction ?j ;
                                              mkb:obligation ?c ; prov:generatedAtTime ?t }}
               VALUES ?j {{ {jurs} }}
             }} GROUP BY ?j ?c }}
          {{ SELECT ?a ?j ?c ?time ?cov ?name WHERE {{
               GRAPH <{ASSESSMENTS_GRAPH}> {{ ?a a mkb:Assessment ; mkb:jurisdiction ?j ;
                   mkb:obligation ?c ; mkb:coverage ?cov ; prov:generatedAtTime ?time ;
                   prov:wasAttributedTo/foaf:name ?name }}
               VALUES ?j {{ {jurs} }} }} }}
          OPTIONAL {{ GRAPH <{ASSESSMENTS_GRAPH}> {{ ?a rdfs:comment ?comment }} }}
          BIND(UCASE(REPLACE(STR(?j), "^.*/", "")) AS ?jur)
          BIND(IF(CONTAINS(STR(?c), "/article/"), CONCAT("art:", REPLACE(STR(?c), "^.*/", "")),
                  REPLACE(STR(?c), "^.*/", "")) AS ?key)
          BIND({COVERAGE_LABEL} AS ?status)
        }}""")
    return {(r["jur"], r["key"]): r for r in rows}


def machine_status(row: Row, jur: str, profile: dict, tagged: bool, by_obligation: dict,
                   by_article: dict) -> tuple[str, float, str]:
    """Status proposed from the evidence for one obligation row (see module rules)."""
    fact = not_applicable(profile, row.key)
    if fact:
        return "not applicable", 0.0, f"profile: {fact} = no"
    if not tagged:
        return "not assessed", 0.0, "no tagged law in this jurisdiction"
    specific = by_obligation.get((jur, row.key), 0.0)
    general = by_article.get((jur, row.article), 0.0)
    if specific >= COVERED_AT:
        return "covered", specific, "a binding provision names this obligation"
    if max(specific, general) >= PARTIAL_AT:
        return "partial", max(specific, general), ("a provision names this obligation" if specific
                                                  else f"provisions are tagged Article {row.article} only")
    return "not covered", max(specific, general), "no provision found"


def derive_article(statuses: list[str]) -> str:
    """Article status from its obligations' statuses (module rule)."""
    applicable = [s for s in statuses if s != "not applicable"]
    if not applicable:
        return "not applicable"
    if all(s == "covered" for s in applicable):
        return "covered"
    if all(s == "not assessed" for s in applicable):
        return "not assessed"
    if not any(s in ("covered", "partial") for s in applicable):
        return "not covered"
    return "partial"


def compute_matrix(kb: KnowledgeBase, jurisdictions: list[str], level: str = "obligation") -> GapMatrix:
    """The coverage matrix for one or many jurisdictions."""
    jurs = [j.upper() for j in jurisdictions]
    obligations = [Row(o["notation"], obligation_article(o["notation"]), o["text"], o["strength"],
                       o["addressee"]) for o in list_obligations(kb, actionable=True)]
    by_obligation, by_article, counts = evidence_weights(kb, jurs)
    tagged = tagged_jurisdictions(kb, jurs)
    assessed = latest_assessments(kb, jurs)
    matrix = GapMatrix(level, jurs, [], generated=datetime.now().isoformat(timespec="seconds"))
    ob_cells: dict[tuple[str, str], Cell] = {}
    for jur in jurs:
        profile = get_profile(kb, jur)
        for row in obligations:
            status, weight, reason = machine_status(row, jur, profile, jur in tagged, by_obligation, by_article)
            ob_cells[(jur, row.key)] = apply_assessment(Cell(status, "machine", status, weight,
                                                             counts.get((jur, row.article), 0), reason),
                                                        assessed.get((jur, row.key)))
    if level == "obligation":
        matrix.rows, matrix.cells = obligations, ob_cells
        return matrix
    titles = {a["article"]: a["title"] for a in list_articles(kb)}
    per_article: dict[str, list[Row]] = {}       # grouped once, not re-filtered per cell
    for row in obligations:
        per_article.setdefault(row.article, []).append(row)
    articles = sorted(per_article, key=int)
    matrix.rows = [Row(a, a, titles.get(a, "")) for a in articles]
    for jur in jurs:
        for art in articles:
            statuses = [ob_cells[(jur, r.key)].status for r in per_article[art]]
            status = derive_article(statuses)
            cell = Cell(status, "machine", status, by_article.get((jur, art), 0.0),
                        counts.get((jur, art), 0), f"derived from {len(statuses)} obligations")
            matrix.cells[(jur, art)] = apply_assessment(cell, assessed.get((jur, f"art:{art}")))
    return matrix


def apply_assessment(cell: Cell, assessment: dict | None) -> Cell:
    """The reviewer's latest assessment wins over the machine's proposal."""
    if assessment:
        cell.status, cell.origin = assessment["status"], "reviewer"
        cell.comment = assessment["comment"] or ""
        cell.reviewer, cell.assessed_at = assessment["name"], str(assessment["time"])
    return cell


def evidence(kb: KnowledgeBase, jurisdiction: str, article: str | None = None) -> list[dict]:
    """Current tags of a jurisdiction's provisions (rejected ones included, marked so).

    One query for the whole jurisdiction (optionally one article); each row carries the
    provision citation, number, quotes, tag status and confidence.  ``for_cell`` picks the
    rows behind one cell.
    """
    art_filter = f"FILTER(?art = <{BASE}article/{article}>)" if article else ""
    rows = kb.rows(f"""
        SELECT ?prov ?ann ?article ?status ?conf ?number ?citation ?title ?text ?order
               (GROUP_CONCAT(DISTINCT ?ob; separator=" ") AS ?obligations)
               (GROUP_CONCAT(DISTINCT ?quote; separator=" … ") AS ?quotes) WHERE {{
          VALUES ?j {{ <{jurisdiction_iri(jurisdiction)}> }}
          {current_tag_pattern(art_filter)}
          GRAPH ?eg {{ ?prov eli:number ?number ; mkb:text ?text ; mkb:order ?order .
                       ?eg eli:realizes ?work . ?work eli:title ?title .
                       OPTIONAL {{ ?work mkb:citation ?citation }} }}
          OPTIONAL {{ GRAPH ?g {{ ?ann oa:hasBody ?obl }} FILTER(STRSTARTS(STR(?obl), "{BASE}obligation/")) }}
          OPTIONAL {{ GRAPH ?g {{ ?ann oa:hasTarget/oa:hasSelector/oa:exact ?quote }} }}
          OPTIONAL {{ GRAPH ?g {{ ?ann prov:wasDerivedFrom ?src }}
                     GRAPH ?pg {{ ?src oa:hasTarget/oa:hasSelector/oa:exact ?quote }} }}
          BIND(REPLACE(STR(?art), "^.*/", "") AS ?article)
          BIND(LCASE(REPLACE(STR(?st), "^.*#", "")) AS ?status)
          BIND(REPLACE(STR(?obl), "^.*/", "") AS ?ob)
        }} GROUP BY ?prov ?ann ?article ?status ?conf ?number ?citation ?title ?text ?order
        ORDER BY ?citation ?order""")
    return [{"provision": r["prov"], "annotation": r["ann"], "article": r["article"],
             "status": r["status"], "confidence": float(r["conf"]) if r["conf"] is not None else None,
             "number": r["number"], "citation": r["citation"] or r["title"], "title": r["title"],
             "obligations": sorted(r["obligations"].split()) if r["obligations"] else [],
             "quote": r["quotes"] or " ".join(r["text"].split())[:300]} for r in rows]


def for_cell(rows: list[dict], key: str) -> list[dict]:
    """Evidence rows behind one cell: an article ("art:N" or a row key at article level)
    takes all its tags; an obligation takes tags naming it and article-only tags."""
    if key.startswith("art:"):
        return [r for r in rows if r["article"] == key[4:]]
    article = obligation_article(key)
    return [r for r in rows if r["article"] == article and (not r["obligations"] or key in r["obligations"])]


def assess(kb: KnowledgeBase, jurisdiction: str, key: str, status: str, reviewer: str,
           comment: str = "") -> str:
    """Record a reviewer's coverage assessment of one cell; earlier ones stay in history.

    ``key`` is an obligation notation ("3.6") or an article as "art:3".
    """
    if status not in COVERAGE_IRIS:
        raise KBError(f"unknown status {status!r}; use one of: {', '.join(STATUSES)}")
    if not reviewer.strip():
        raise KBError("a reviewer name is required for every assessment")
    if key.startswith("art:"):
        concept, kind = article_iri(key[4:]), "mkb:Article"
    else:
        concept, kind = obligation_iri(key), "mkb:Obligation"
    # ?g is selected, not an unbound variable: a SPARQL server's empty solution reaches
    # rdflib as no row at all, which made every assessment on an external store fail.
    if not kb.rows(f"SELECT ?g WHERE {{ GRAPH ?g {{ <{concept}> a {kind} }} }} LIMIT 1"):
        raise KBError(f"{key!r} is not an obligation notation of the catalogue "
                      "(see `minamata-kb convention`; articles are written art:N)")
    when = now()
    node = URIRef(f"{BASE}assessment/{hashlib.sha1(f'{jurisdiction}|{key}|{reviewer}|{when.isoformat()}'.encode()).hexdigest()[:20]}")
    person = URIRef(person_iri(reviewer))
    g = new_graph()
    g.add((node, RDF.type, MKB.Assessment))
    g.add((node, MKB.jurisdiction, URIRef(jurisdiction_iri(jurisdiction))))
    g.add((node, MKB.obligation, URIRef(concept)))
    g.add((node, MKB.coverage, COVERAGE_IRIS[status]))
    g.add((node, PROV.wasAttributedTo, person))
    g.add((node, PROV.generatedAtTime, Literal(when.isoformat(), datatype=XSD.dateTime)))
    g.add((person, RDF.type, PROV.Person))
    g.add((person, FOAF.name, Literal(reviewer)))
    if comment:
        g.add((node, RDFS.comment, Literal(comment)))
    kb.update(f"INSERT DATA {{ GRAPH <{ASSESSMENTS_GRAPH}> {{\n{ntriples(g)}\n}} }}")
    log.info("assessed %s %s: %s", jurisdiction.upper(), key, status, extra={"fields": {
        "event": "assessment", "jurisdiction": jurisdiction.upper(), "obligation": key,
        "status": status, "reviewer": reviewer, "assessment": str(node)}})
    return str(node)


def assessment_history(kb: KnowledgeBase, jurisdiction: str, key: str) -> list[dict]:
    """Every assessment of a cell, oldest first."""
    concept = article_iri(key[4:]) if key.startswith("art:") else obligation_iri(key)
    rows = kb.rows(f"""SELECT ?status ?name ?time ?comment WHERE {{ GRAPH <{ASSESSMENTS_GRAPH}> {{
        ?a a mkb:Assessment ; mkb:jurisdiction <{jurisdiction_iri(jurisdiction)}> ;
           mkb:obligation <{concept}> ; mkb:coverage ?cov ; prov:generatedAtTime ?time ;
           prov:wasAttributedTo/foaf:name ?name . OPTIONAL {{ ?a rdfs:comment ?comment }} }}
        BIND({COVERAGE_LABEL} AS ?status) }} ORDER BY ?time""")
    return [{**r, "comment": r["comment"] or "", "time": str(r["time"])} for r in rows]

"""Jurisdiction profile facts that make Convention obligations not applicable.

A country without artisanal gold mining "more than insignificant" has no Article 7 /
Annex C obligations; one without Annex B processes has none under Article 5; one without
existing primary mercury mining has nothing to regulate under 3.4.  The reviewer records
these facts (who and when are kept); the gap analysis reads them.
"""
from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

from .errors import KBError
from .graph import new_graph
from .namespaces import BASE, MKB, jurisdiction_iri
from .review import now, person_iri
from .store import KnowledgeBase, ntriples

# fact -> (description, predicate deciding which obligation notations it makes not applicable)
FACTS = {
    "asgm": ("Artisanal and small-scale gold mining with mercury is more than insignificant "
             "(Article 7.3)", lambda n: n == "7" or n.startswith(("7.", "C"))),
    "annex_b_processes": ("Facilities using the manufacturing processes of Annex B exist (Article 5)",
                          lambda n: n == "5" or n.startswith(("5.", "B"))),
    "primary_mining": ("Primary mercury mining was conducted at entry into force (Article 3.4)",
                       lambda n: n == "3.4"),
}


def profile_graph_iri(jurisdiction: str) -> str:
    return f"{BASE}graph/profile/{jurisdiction.lower()}"


def set_fact(kb: KnowledgeBase, jurisdiction: str, fact: str, value: bool, reviewer: str,
             comment: str = "") -> None:
    """Record one fact (replacing that fact's previous value; the change is timestamped)."""
    if fact not in FACTS:
        raise KBError(f"unknown profile fact {fact!r}; known: {', '.join(FACTS)}")
    if not reviewer.strip():
        raise KBError("a reviewer name is required")
    jur = jurisdiction.lower()
    node = URIRef(f"{BASE}profile/{jur}/{fact}")
    g = new_graph()
    g.add((node, RDF.type, MKB.ProfileFact))
    g.add((node, MKB.jurisdiction, URIRef(jurisdiction_iri(jur))))
    g.add((node, RDFS.label, Literal(fact)))
    g.add((node, MKB.value, Literal(value)))
    g.add((node, PROV.wasAttributedTo, URIRef(person_iri(reviewer))))
    g.add((node, PROV.generatedAtTime, Literal(now().isoformat(), datatype=XSD.dateTime)))
    if comment:
        g.add((node, RDFS.comment, Literal(comment)))
    graph = profile_graph_iri(jur)
    kb.update(f"DELETE WHERE {{ GRAPH <{graph}> {{ <{node}> ?p ?o }} }} ;\n"
              f"INSERT DATA {{ GRAPH <{graph}> {{\n{ntriples(g)}\n}} }}")


def get_profile(kb: KnowledgeBase, jurisdiction: str) -> dict[str, bool]:
    """Recorded facts of a jurisdiction ({} when none)."""
    rows = kb.rows(f"""SELECT ?fact ?value WHERE {{ GRAPH <{profile_graph_iri(jurisdiction)}> {{
        ?n a mkb:ProfileFact ; rdfs:label ?fact ; mkb:value ?value }} }}""")
    return {r["fact"]: bool(r["value"]) for r in rows}


def not_applicable(profile: dict[str, bool], notation: str) -> str:
    """The fact that makes an obligation not applicable ('' if none)."""
    for fact, (_, applies_to) in FACTS.items():
        if profile.get(fact) is False and applies_to(notation):
            return fact
    return ""

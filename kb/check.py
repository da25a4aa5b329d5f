"""``minamata-kb check``: is the knowledge graph well-formed, and does the index match it?

The graph is validated against ``ontology/shapes.ttl`` with pySHACL (one run over all named
graphs, so class constraints can see types declared in other graphs, e.g. an annotation's
body typed in the obligations graph).  The search index is checked for readability and
compared unit by unit with what the graph says it should hold.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from pyshacl import validate
from rdflib import Graph

from .resources import SHAPES_FILE
from .store import KnowledgeBase


def shape_problems(kb: KnowledgeBase, limit: int = 20) -> list[str]:
    """SHACL violations, grouped by message, with up to ``limit`` example focus nodes."""
    data = kb.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }").graph
    conforms, _, text = validate(data, shacl_graph=Graph().parse(SHAPES_FILE), inference="none")
    if conforms:
        return []
    results = re.findall(r"Focus Node: (.*)\n(?:.*\n)*?\s*Message: (.*)", text)
    counts = Counter(message for _, message in results)
    problems = [f"{n} × {message}" for message, n in counts.most_common()]
    problems += [f"  e.g. {node}: {message}" for node, message in results[:limit]]
    return problems


def index_problems(kb: KnowledgeBase, index_dir: Path) -> list[str]:
    """Unreadable index, or units missing from / extra in the index compared with the graph."""
    from .search.build import check_index, open_live
    from .search.docs import documents

    problem = check_index(index_dir)
    if problem:
        return [problem + " (run `minamata-kb reindex`)"]
    expected = {doc["provision"] for doc in documents(kb)}
    ix = open_live(index_dir)
    try:
        with ix.searcher() as searcher:
            indexed = {fields["provision"] for fields in searcher.all_stored_fields()}
    finally:
        ix.close()
    problems = []
    if expected - indexed:
        problems.append(f"{len(expected - indexed)} provisions are missing from the search index, "
                        f"e.g. {sorted(expected - indexed)[0]} (run `minamata-kb reindex`)")
    if indexed - expected:
        problems.append(f"{len(indexed - expected)} indexed provisions are no longer in the graph, "
                        f"e.g. {sorted(indexed - expected)[0]} (run `minamata-kb reindex`)")
    return problems


def check(kb: KnowledgeBase, index_dir: Path) -> dict[str, list[str]]:
    """All problems found, by area (empty lists when everything is in order)."""
    return {"graph": shape_problems(kb), "index": index_problems(kb, index_dir)}

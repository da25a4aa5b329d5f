"""Build the default knowledge base from what ships in the repository.

``init`` replaces the shipped graphs (vocabulary, Convention, obligations, sample laws)
and leaves everything else alone, so reviewer decisions survive a rebuild; running it
twice gives the same triples because every IRI and literal is derived from the texts.
"""
from __future__ import annotations

from rdflib import Graph

from .convention import load_convention
from .graph import expression_iri, instrument_graph
from .namespaces import OBLIGATIONS_GRAPH, ONTOLOGY_GRAPH
from .ingest import IngestReport, ingest
from .resources import NATIONAL_DIR, VOCABULARY_FILE
from .scheme import scheme_graph
from .store import KnowledgeBase


def vocabulary_graph() -> Graph:
    """Our ontology, stored so that SPARQL users can read labels and comments."""
    return Graph().parse(VOCABULARY_FILE, format="turtle")


def load_convention_graphs(kb: KnowledgeBase) -> int:
    """Load vocabulary, Convention text and obligations scheme in one transaction."""
    convention = load_convention()
    graphs = {
        ONTOLOGY_GRAPH: vocabulary_graph(),
        expression_iri(convention): instrument_graph(convention),
        OBLIGATIONS_GRAPH: scheme_graph(convention),
    }
    kb.replace_graphs(graphs)
    return sum(len(g) for g in graphs.values())


def build(kb: KnowledgeBase, progress=None, tag: bool = True) -> IngestReport:
    """The default knowledge base: Convention, obligations, the shipped sample laws,
    tagged, with the search index rebuilt."""
    load_convention_graphs(kb)
    report = ingest(kb, [NATIONAL_DIR], progress=progress)
    if tag:
        from .refresh import rebuild
        rebuild(kb, progress=progress)
    return report

"""Backups: every named graph (laws, tags, reviewer decisions, assessments) as N-Quads.

A restore parses the whole file before touching the store, so a damaged backup changes
nothing; then it replaces the store's content in one update request and rebuilds the
search index, which is only a cache of the graph.
"""
from __future__ import annotations

import gzip
from collections import defaultdict
from pathlib import Path

import pyoxigraph

from .errors import InputError
from .store import KnowledgeBase


def _open(path: Path, mode: str):
    return gzip.open(path, mode) if path.suffix == ".gz" else open(path, mode)


def backup(kb: KnowledgeBase, path: Path) -> int:
    """Write all named graphs to ``path`` (gzip when it ends in .gz); returns the quad count."""
    data = kb.export("nquads")
    with _open(path, "wb") as out:
        out.write(data)
    return data.count(b"\n")


def read_backup(path: Path) -> dict[str, list[str]]:
    """N-Triples lines per named graph; raises InputError on any defect."""
    if not path.is_file():
        raise InputError(f"no such backup file: {path}")
    try:
        with _open(path, "rb") as src:
            raw = src.read()
        graphs: dict[str, list[str]] = defaultdict(list)
        for quad in pyoxigraph.parse(raw, format=pyoxigraph.RdfFormat.N_QUADS):
            if isinstance(quad.graph_name, pyoxigraph.DefaultGraph):
                raise InputError(f"{path}: triples outside a named graph are not ours")
            graphs[quad.graph_name.value].append(f"{quad.subject} {quad.predicate} {quad.object} .")
    except (SyntaxError, ValueError, OSError, EOFError) as err:
        raise InputError(f"{path} is not a readable N-Quads backup: {err}") from err
    if not graphs:
        raise InputError(f"{path} holds no data")
    return graphs


def restore(kb: KnowledgeBase, path: Path) -> int:
    """Replace the knowledge base with the backup (one transaction); returns the quad count."""
    graphs = read_backup(path)
    blocks = [f"GRAPH <{iri}> {{\n" + "\n".join(lines) + "\n}" for iri, lines in graphs.items()]
    kb.update("DROP SILENT ALL ;\nINSERT DATA {\n" + "\n".join(blocks) + "\n}")
    from .refresh import index_dir
    from .search import rebuild_index
    rebuild_index(kb, index_dir(kb))
    return sum(len(lines) for lines in graphs.values())

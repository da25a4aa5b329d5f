"""Minamata KB: a legislation gap-analysis knowledge base for the Minamata Convention.

The verbs most callers need (the CLI and the web app call the same ones)::

    from kb import KnowledgeBase, build, ingest, tag_expression, compute_matrix, export_gaps

    with KnowledgeBase("/tmp/kb") as kb:
        build(kb)                                   # Convention, obligations, sample laws
        matrix = compute_matrix(kb, ["CA"], "article")
        export_gaps(kb, matrix, "xlsx", Path("ca.xlsx"))

They are imported on first use (PEP 562), so ``minamata-kb --help`` does not pay for
spreadsheet, Word and spaCy imports it does not need.
"""
from importlib import import_module

_VERBS = {
    "KnowledgeBase": "store", "KBError": "errors", "build": "build", "ingest": "ingest",
    "tag_expression": "annotate", "current_tags": "review", "decide": "review", "add_tag": "review",
    "assess": "gaps", "compute_matrix": "gaps", "export_gaps": "exports",
}
__all__ = list(_VERBS)


def __getattr__(name: str):
    if name in _VERBS:
        return getattr(import_module(f".{_VERBS[name]}", __name__), name)
    raise AttributeError(f"module 'kb' has no attribute {name!r}")

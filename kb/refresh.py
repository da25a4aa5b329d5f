"""What follows a change to the laws or their tags, in one place for the CLI and the web app.

Imported laws get tagged (machine proposals) and the search index, a cache of the graph,
is brought up to date for exactly the expressions that changed.
"""
from __future__ import annotations

from .annotate import current_expressions, tag_expression
from .store import KnowledgeBase


def index_dir(kb: KnowledgeBase):
    from .search import index_dir_for
    return index_dir_for(kb.location)


def refresh(kb: KnowledgeBase, expressions: list[str], tag: bool = True, progress=None) -> int:
    """Tag ``expressions`` (skipping those already tagged by this tagger version) and
    update their search index entries; returns the number of tags made."""
    made = 0
    if tag and expressions:
        from .tagger import load_tagger
        tagger = load_tagger()
        for n, expr in enumerate(expressions, 1):
            if progress:
                progress(n, len(expressions), expr)
            made += tag_expression(kb, expr, tagger) or 0
    from .search import update_index
    update_index(kb, index_dir(kb), expressions)
    return made


def rebuild(kb: KnowledgeBase, progress=None) -> int:
    """Tag every current law not yet tagged by this tagger, then rebuild the whole index."""
    from .search import rebuild_index
    from .tagger import load_tagger

    tagger, made = load_tagger(), 0
    expressions = current_expressions(kb)
    for n, expr in enumerate(expressions, 1):
        if progress:
            progress(n, len(expressions), expr)
        made += tag_expression(kb, expr, tagger) or 0
    rebuild_index(kb, index_dir(kb))
    return made

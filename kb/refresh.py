"""What follows a change to the laws or their tags, in one place for the CLI and the web app.

Imported laws get tagged (machine proposals) and the search index, a cache of the graph,
is brought up to date for exactly the expressions that changed; after a review, for
exactly the provisions reviewed.
"""
from __future__ import annotations

from .annotate import current_expressions, tag_expression
from .namespaces import tagged_provision
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


def after_review(kb: KnowledgeBase, provisions_or_tags: list[str]) -> int:
    """Update the search documents of reviewed provisions (given as provision or machine tag
    IRIs): their tag statuses, which the search facets show, changed."""
    from .search import update_provisions
    return update_provisions(kb, index_dir(kb), sorted({tagged_provision(i) for i in provisions_or_tags}))


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

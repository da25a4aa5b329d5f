"""First start of ``minamata-kb serve``: an empty store gets the default knowledge base
(Convention, obligations, shipped laws, tagged and indexed) exactly as ``init`` makes it,
so the first page a reviewer opens has something to show."""
from __future__ import annotations

import logging

from kb.build import build
from kb.store import KnowledgeBase

log = logging.getLogger(__name__)


def build_if_empty(location: str) -> bool:
    """Build the default knowledge base when ``location`` holds nothing; True if built."""
    with KnowledgeBase(location) as kb:
        if kb.count():
            return False
        log.warning("empty knowledge base at %s: building the default one (about a minute)", location)
        report = build(kb)
        log.warning("built: %s", report.summary())
        return True

"""``serve`` builds the default knowledge base only into an empty store."""
from __future__ import annotations

from kb.build import load_convention_graphs
from kb.store import KnowledgeBase
from webapp.bootstrap import build_if_empty


def test_existing_store_is_left_alone(tmp_path):
    with KnowledgeBase(tmp_path / "store") as kb:
        load_convention_graphs(kb)
        before = kb.count()
    assert build_if_empty(str(tmp_path / "store")) is False
    with KnowledgeBase(tmp_path / "store") as kb:
        assert kb.count() == before

"""Index location, incremental updates (an expression, a reviewed provision) and repair of a
missing or corrupt index."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kb.review import add_tag
from kb.search import (IndexUnavailableError, ensure_index, index_dir_for, search, update_index,
                       update_provisions)
from kb.search.build import live_generation, open_live
from kb.search.docs import documents
from kb.store import default_data_dir

SOR_254 = "https://w3id.org/minamata-kb/eli/ca/regulation/2014/2014_254/eng"


@pytest.fixture
def own_index(index, tmp_path) -> Path:
    """A private copy of the session index, free to break."""
    copy = tmp_path / "copy.search"
    shutil.copytree(index, copy)
    return copy


def test_index_dir_for():
    assert index_dir_for("/data/kb/store") == Path("/data/kb/store.search")
    remote = index_dir_for("sparql+http://localhost:7878")
    assert remote.parent == default_data_dir() / "search" and len(remote.name) == 12
    assert remote != index_dir_for("sparql+http://localhost:7879")


def test_healthy_index_is_left_alone(index, corpus_kb):
    generation = live_generation(index)
    assert ensure_index(corpus_kb, index) is None
    assert live_generation(index) == generation


def test_deleted_index_is_rebuilt(own_index, corpus_kb):
    before = search(own_index, "mercury").total
    shutil.rmtree(own_index)
    with pytest.raises(IndexUnavailableError):
        search(own_index, "mercury")
    message = ensure_index(corpus_kb, own_index)
    assert "no search index" in message and "rebuilt" in message
    assert search(own_index, "mercury").total == before


def test_corrupt_index_is_rebuilt(own_index, corpus_kb):
    generation = live_generation(own_index)
    for path in generation.iterdir():
        if path.suffix in (".toc", ".seg", ".trm", ".pst") or path.name.endswith(".seg"):
            path.write_bytes(b"\0garbage" * 10)
    message = ensure_index(corpus_kb, own_index)
    assert message and "rebuilt" in message
    assert live_generation(own_index) != generation
    assert search(own_index, "mercury").total > 0


def test_update_after_review(own_index, corpus_kb):
    """A review re-indexes only the reviewed unit, to what a rebuild would write for it."""
    before = search(own_index, "").total
    assert search(own_index, "", article="18", jurisdiction="CA").total == 0
    provision = f"{SOR_254}/sec_9"
    decision = add_tag(corpus_kb, provision, "18", "Test Reviewer")
    try:
        assert update_provisions(corpus_kb, own_index, [provision]) == 1
        results = search(own_index, "", article="18", jurisdiction="CA")
        assert [h.provision for h in results.hits] == [provision]
        assert results.hits[0].statuses == ["added"]
        assert search(own_index, "").total == before
        [expected] = [d for d in documents(corpus_kb, [SOR_254]) if d["provision"] == provision]
        with open_live(own_index).searcher() as searcher:
            stored = searcher.document(provision=provision)
        assert stored == {k: v for k, v in expected.items() if k in stored} and "tag" not in stored
        assert set(stored) >= {"article", "status", "body", "label", "heading"}
    finally:                              # leave the session store as it was
        remove(corpus_kb, decision)


def test_review_of_a_provision_without_document(own_index, corpus_kb):
    """A tag on a paragraph inside an indexed section changes no document (as a rebuild)."""
    generation = live_generation(own_index)
    decision = add_tag(corpus_kb, f"{SOR_254}/sec_1/subsec_1", "18", "Test Reviewer")
    try:
        assert update_provisions(corpus_kb, own_index, [f"{SOR_254}/sec_1/subsec_1"]) == 0
        assert search(own_index, "", article="18", jurisdiction="CA").total == 0
        assert live_generation(own_index) == generation
    finally:
        remove(corpus_kb, decision)


def test_update_of_an_expression(own_index, corpus_kb):
    before = search(own_index, "", instrument=SOR_254).total
    assert update_index(corpus_kb, own_index, [SOR_254]) == before > 10
    assert search(own_index, "", instrument=SOR_254).total == before


def remove(kb, decision: str) -> None:
    kb.update(f"""DELETE {{ GRAPH ?g {{ ?s ?p ?o }} }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }}
        FILTER(?s IN (<{decision}>, <{decision}/target>)) }}""")

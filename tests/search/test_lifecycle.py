"""Index location, incremental updates and repair of a missing or corrupt index."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kb.review import add_tag
from kb.search import IndexUnavailableError, ensure_index, index_dir_for, search, update_index
from kb.search.build import live_generation
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
    before = search(own_index, "").total
    assert search(own_index, "", article="18", jurisdiction="CA").total == 0
    decision = add_tag(corpus_kb, f"{SOR_254}/sec_9", "18", "Test Reviewer")
    try:
        update_index(corpus_kb, own_index, [SOR_254])
        results = search(own_index, "", article="18", jurisdiction="CA")
        assert [h.provision for h in results.hits] == [f"{SOR_254}/sec_9"]
        assert results.hits[0].statuses == ["added"]
        assert search(own_index, "").total == before
    finally:                              # leave the session store as it was
        corpus_kb.update(f"""DELETE {{ GRAPH ?g {{ ?s ?p ?o }} }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }}
            FILTER(?s IN (<{decision}>, <{decision}/target>)) }}""")

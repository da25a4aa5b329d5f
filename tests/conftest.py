"""Shared fixtures: a fresh embedded store per test, and one built knowledge base per session.

Tests use the real Oxigraph store on disk (in a temporary folder), never a mock.
"""
from __future__ import annotations

import pytest

from kb.store import KnowledgeBase


@pytest.fixture
def kb(tmp_path):
    """An empty embedded knowledge base in a temporary folder."""
    with KnowledgeBase(tmp_path / "store") as store:
        yield store


@pytest.fixture(scope="session")
def built_dir(tmp_path_factory):
    """Folder of a knowledge base built once by `init` (read-only tests share it)."""
    from kb.build import load_convention_graphs

    path = tmp_path_factory.mktemp("built") / "store"
    with KnowledgeBase(path) as store:
        load_convention_graphs(store)
    return path


@pytest.fixture
def built(built_dir):
    """The session's built knowledge base, opened for one test."""
    with KnowledgeBase(built_dir) as store:
        yield store

"""Shared fixtures: a fresh embedded store per test, and one default knowledge base per session.

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
    """Folder of the default knowledge base built once by `init` (tests must not modify it)."""
    from kb.cli import main

    path = tmp_path_factory.mktemp("built") / "store"
    assert main(["init", "--data-dir", str(path)]) == 0
    return path


@pytest.fixture
def built(built_dir):
    """The session's default knowledge base, opened for one read-only test."""
    with KnowledgeBase(built_dir) as store:
        yield store

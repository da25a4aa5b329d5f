"""One real knowledge base, search index and app for the web tests.

Built once per session from a small real subset: the Convention and its obligations
(``load_convention_graphs``), four shipped laws of Canada, Peru (Madre de Dios) and
Argentina through ``kb.ingest.ingest``, and one law whose text and title carry markup
(the hostile input every page must show as text), all tagged by the shipped tagger and
indexed.  Nothing is mocked.  Tests that write (reviews, imports) use their own targets so
that their order does not matter.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from kb.annotate import current_expressions, tag_expression
from kb.build import load_convention_graphs
from kb.ingest import ingest
from kb.search import index_dir_for, rebuild_index
from kb.store import KnowledgeBase
from kb.tagger import load_tagger
from kb.users import add_user
from webapp_support import (ADMIN, FILES, HOSTILE_LAW, HOSTILE_TITLE, NATIONAL, REVIEWER, sign_in,
                             token)


@pytest.fixture(scope="session")
def store_dir(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("webapp")
    law = root / "thermometer-act.md"
    law.write_text(HOSTILE_LAW, encoding="utf-8")
    path = root / "store"
    with KnowledgeBase(path) as kb:
        load_convention_graphs(kb)
        report = ingest(kb, [NATIONAL / f for f in FILES])
        hostile = ingest(kb, [law], {"jurisdiction": "gh", "type": "act", "title": HOSTILE_TITLE,
                                     "citation": "Act 1 of 2099", "language": "en", "date": "2099-01-01"})
        assert not report.failed and not hostile.failed, (report.summary(), hostile.summary())
        tagger = load_tagger()
        for expr in current_expressions(kb):
            tag_expression(kb, expr, tagger)
        rebuild_index(kb, index_dir_for(path))
    add_user(path, *REVIEWER, "reviewer")
    add_user(path, *ADMIN, "admin")
    return path


@pytest.fixture(scope="session")
def app(store_dir, tmp_path_factory):
    from webapp import create_app

    app = create_app({"KB_LOCATION": str(store_dir), "SECRET_KEY": "test-secret", "TESTING": True,
                      "UPLOAD_DIR": str(tmp_path_factory.mktemp("uploads")),
                      "UPLOAD_MAX_BYTES": 200_000, "MAX_CONTENT_LENGTH": 400_000})
    yield app
    app.extensions["minamata_kb"].close()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def reviewer(client):
    """A client signed in as a reviewer; ``reviewer.csrf`` is its session's token."""
    assert sign_in(client, *REVIEWER).status_code == 303
    client.csrf = token(client, "/")
    return client


@pytest.fixture
def admin(client):
    assert sign_in(client, *ADMIN).status_code == 303
    client.csrf = token(client, "/")
    return client


@pytest.fixture
def shared_kb(app):
    """The app's shared knowledge base, to check what a request wrote."""
    return app.extensions["minamata_kb"].kb


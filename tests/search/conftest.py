"""One knowledge base and one search index for the whole search test session.

Built from the shipped corpus (the Convention plus a few national laws in English, French
and Spanish), with reviewer tags and one hostile text, then indexed once: the index tests
read it and work on copies when they must break or change something.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from kb.build import load_convention_graphs
from kb.ingest import ingest, store_instrument
from kb.model import Instrument, Provision
from kb.review import add_tag, record
from kb.search import rebuild_index
from kb.store import KnowledgeBase

ROOT = Path(__file__).resolve().parents[2]
NATIONAL = ROOT / "legal_texts" / "national"
FILES = ["ca/SOR-2014-254.en.xml", "ca/SOR-2014-254.fr.xml", "ca/SOR-2013-88.en.xml",
         "ca/SOR-2013-88.fr.xml", "pe/DS-031-2023-SA.es.md", "pe/MDD-OR-011-2022-RMDD-CR.es.md",
         "ar/LEY-26184.es.md", "lu/leg-loi-2008-12-19-n18.fr.md"]
SOR_254 = "https://w3id.org/minamata-kb/eli/ca/regulation/2014/2014_254/eng"
HOSTILE = "<script>alert('pwned')</script> No person shall sell mercury <b>thermometers</b>."


def hostile_instrument() -> Instrument:
    """A law whose text carries markup, as a scraped page might."""
    text = f"Article 1\n{HOSTILE}\n"
    return Instrument(jurisdiction="zz", type="law", title="Hostile <i>markup</i> Act",
                      language="en", text=text, number="1", citation="Hostile Act 1",
                      provisions=[Provision("article", "1", 0, len(text), text)])


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("search") / "store"
    with KnowledgeBase(path) as kb:
        load_convention_graphs(kb)
        report = ingest(kb, [NATIONAL / f for f in FILES])
        assert not report.failed, report.summary()
        store_instrument(kb, hostile_instrument())
        add_tag(kb, f"{SOR_254}/sec_3", "4", "Test Reviewer", obligations=["4.1"])
        add_tag(kb, f"{SOR_254}/sec_5", "4", "Test Reviewer")
        record(kb, "rejected", f"{SOR_254}/sec_5", "11", "Test Reviewer")
    return path


@pytest.fixture(scope="session")
def index(corpus_store) -> Path:
    """The session index (read-only for tests)."""
    index_dir = corpus_store.parent / "store.search"
    with KnowledgeBase(corpus_store) as kb:
        rebuild_index(kb, index_dir)
    return index_dir


@pytest.fixture
def corpus_kb(corpus_store):
    with KnowledgeBase(corpus_store) as kb:
        yield kb

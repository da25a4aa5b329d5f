"""The whole flow against a real external SPARQL 1.1 server (Oxigraph's, started on loopback)."""
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from kb.annotate import tag_expression
from kb.build import load_convention_graphs
from kb.gaps import assess, compute_matrix
from kb.ingest import ingest
from kb.listing import find_expressions, list_laws
from kb.refresh import index_dir, refresh
from kb.resources import NATIONAL_DIR
from kb.review import add_tag, current_tags, decide
from kb.search import search
from kb.store import KnowledgeBase
from kb.tagger import load_tagger


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    binary = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    assert Path(binary).exists(), "the oxigraph server (pip package 'oxigraph') is required"
    port = free_port()
    proc = subprocess.Popen([binary, "serve", "--location", str(tmp_path_factory.mktemp("ox")),
                             "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/query?query=ASK%7B%7D", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    yield f"sparql+{url}"
    proc.terminate()
    proc.wait(timeout=10)


def test_ingest_tag_gaps_search_review_on_external_store(server, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))      # where the search index goes
    with KnowledgeBase(server) as kb:
        assert kb.remote
        load_convention_graphs(kb)
        report = ingest(kb, [NATIONAL_DIR / "ca" / "SOR-2014-254.en.xml", NATIONAL_DIR / "uy"])
        assert report.count("loaded") == 2
        assert ingest(kb, [NATIONAL_DIR / "uy"]).count("unchanged") == 1
        assert {law["jur"] for law in list_laws(kb)} == {"CA", "UY"}

        [expr] = find_expressions(kb, "SOR/2014-254")
        refresh(kb, [expr] + find_expressions(kb, "Ley 19.267"))
        assert tag_expression(kb, expr, load_tagger()) is None     # already tagged by this version
        tags = [t for t in current_tags(kb, expr) if t["provision"].endswith("/sec_4")]
        assert [t["article"] for t in tags] == ["4"]

        decide(kb, tags[0]["annotation"], True, "Remote Reviewer", "checked")
        assert [t["status"] for t in current_tags(kb, expr) if t["provision"].endswith("/sec_4")] == ["accepted"]
        add_tag(kb, tags[0]["provision"], "16", "Remote Reviewer", obligations=["16.1"])
        assert {t["article"]: t["status"] for t in current_tags(kb, expr)
                if t["provision"].endswith("/sec_4")} == {"4": "accepted", "16": "added"}

        matrix = compute_matrix(kb, ["CA", "UY"], "article")
        assert matrix.cell("CA", "4").status in ("covered", "partial")
        assert matrix.cell("UY", "4").status in ("not covered", "partial")
        assert {key: c for (j, key), c in matrix.cells.items() if j == "UY"} == \
               {key: c for (_, key), c in compute_matrix(kb, ["UY"], "article").cells.items()}
        assess(kb, "CA", "art:4", "not covered", "Remote Reviewer", "checked remotely")
        cell = compute_matrix(kb, ["CA", "UY"], "article").cell("CA", "4")
        assert (cell.status, cell.origin, cell.comment) == ("not covered", "reviewer", "checked remotely")

        refresh(kb, [expr], tag=False)
        hits = search(index_dir(kb), '"dental amalgam"', jurisdiction="CA")
        assert hits.total >= 1 and str(tmp_path / "xdg") in str(index_dir(kb))

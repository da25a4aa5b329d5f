import subprocess
import sys

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from kb.errors import QueryError, StoreBusyError
from kb.store import KnowledgeBase, resolve_location

G1, G2 = "https://example.org/g1", "https://example.org/g2"


def graph(*values):
    g = Graph()
    for i, v in enumerate(values):
        g.add((URIRef(f"https://example.org/s{i}"), URIRef("https://example.org/p"), Literal(v)))
    return g


def test_replace_graph_is_idempotent_and_keeps_other_graphs(kb):
    kb.replace_graph(G1, graph("a", "b"))
    kb.replace_graph(G2, graph("c"))
    kb.replace_graph(G1, graph("a", "b"))
    assert kb.count() == 3
    kb.replace_graph(G1, graph("new"))
    assert kb.count() == 2
    assert {str(o) for _, _, o in kb.graph(G1)} == {"new"}
    assert kb.graph_iris() == [G1, G2]


def test_literals_with_quotes_newlines_and_unicode_round_trip(kb):
    text = 'Artículo 3°.- "mercurio"\n\\ <script>alert(1)</script> \U0001F4A7'
    kb.replace_graph(G1, graph(text))
    assert [str(o) for _, _, o in kb.graph(G1)] == [text]


def test_a_failed_update_changes_nothing(kb):
    kb.replace_graph(G1, graph("kept"))
    with pytest.raises(Exception):
        kb.update(f"DROP GRAPH <{G1}> ; INSERT DATA {{ GRAPH <{G1}> {{ <x:s> <x:p> ")
    assert [str(o) for _, _, o in kb.graph(G1)] == ["kept"]


def test_store_persists_across_reopen(tmp_path):
    with KnowledgeBase(tmp_path / "s") as kb:
        kb.replace_graph(G1, graph("a"))
    with KnowledgeBase(tmp_path / "s") as kb:
        assert kb.count() == 1


def test_second_writer_gets_a_busy_error(tmp_path):
    path = tmp_path / "s"
    with KnowledgeBase(path):
        code = ("import sys\nfrom kb.store import KnowledgeBase\nfrom kb.errors import StoreBusyError\n"
                f"try:\n    KnowledgeBase({str(path)!r}, wait=0.5)\nexcept StoreBusyError as e:\n"
                "    print(e); sys.exit(3)\n")
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 3, done.stderr
    assert "busy" in done.stdout


def test_invalid_query_is_a_query_error(kb):
    with pytest.raises(QueryError):
        kb.query("SELECT WHERE {")
    with pytest.raises(QueryError):
        kb.rows("SELECT WHERE {")


def test_rows_give_the_values_rdflib_gives(kb):
    """``rows`` reads the embedded store's terms directly; the values equal rdflib's
    ``toPython`` for every kind of term, ill-typed literals included."""
    g = graph("text", Literal("texte", lang="fr"), 12, -3, Literal("007", datatype=XSD.integer),
              Literal("abc", datatype=XSD.integer), Literal("0.7500", datatype=XSD.decimal),
              Literal("x.5", datatype=XSD.decimal), 1.5, Literal("1e400", datatype=XSD.double), True,
              Literal("0", datatype=XSD.boolean), Literal("maybe", datatype=XSD.boolean),
              Literal("2024-05-01", datatype=XSD.date),
              Literal("2024-05-01T10:30:00+00:00", datatype=XSD.dateTime))
    g.add((URIRef("https://example.org/s0"), URIRef("https://example.org/q"), URIRef("https://example.org/o")))
    g.add((URIRef("https://example.org/s1"), URIRef("https://example.org/q"), BNode("b1")))
    kb.replace_graph(G1, g)
    query = "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?s ?p ?o"
    via_rdflib = [{str(v): (row[i].toPython() if row[i] is not None else None)
                   for i, v in enumerate(result.vars)} for result in [kb.query(query)] for row in result]
    direct = kb.rows(query)
    assert len(direct) == 17
    for mine, theirs in zip(direct, via_rdflib):
        for name in ("s", "p", "o"):
            assert mine[name] == theirs[name] and type(mine[name]) is type(theirs[name])


def test_location_resolution(monkeypatch, tmp_path):
    monkeypatch.delenv("MINAMATA_KB_STORE", raising=False)
    monkeypatch.setenv("MINAMATA_KB_DATA", str(tmp_path / "d"))
    assert resolve_location() == str(tmp_path / "d")
    monkeypatch.setenv("MINAMATA_KB_STORE", "sparql+http://127.0.0.1:1")
    assert resolve_location() == "sparql+http://127.0.0.1:1"
    assert resolve_location(tmp_path / "x") == str(tmp_path / "x")
    monkeypatch.delenv("MINAMATA_KB_STORE")
    monkeypatch.delenv("MINAMATA_KB_DATA")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert resolve_location() == str(tmp_path / "xdg" / "minamata-kb")


def test_busy_error_is_a_kb_error():
    from kb.errors import KBError
    assert issubclass(StoreBusyError, KBError)

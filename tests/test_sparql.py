import pytest
from rdflib import Graph, Literal, URIRef

from kb.errors import QueryError
from kb.sparql import check_readonly, format_rows, run_readonly


@pytest.mark.parametrize("text", [
    "INSERT DATA { <x:a> <x:b> <x:c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "LOAD <http://example.org/data.ttl>",
    "DROP ALL",
    "CLEAR DEFAULT",
])
def test_updates_are_refused(text):
    with pytest.raises(QueryError, match="only read queries"):
        check_readonly(text)


def test_service_is_refused():
    with pytest.raises(QueryError, match="SERVICE"):
        check_readonly("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")


def test_syntax_error_names_position():
    with pytest.raises(QueryError, match="line 1"):
        check_readonly("SELECT ?s WHERE { ?s ?p }}")


def test_select_ask_and_limit(kb):
    g = Graph()
    for i in range(5):
        g.add((URIRef(f"x:s{i}"), URIRef("x:p"), Literal(i)))
    kb.replace_graph("https://example.org/g", g)
    names, rows = run_readonly(kb, "SELECT ?s ?o WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?o", limit=3)
    assert names == ["s", "o"] and [r["o"] for r in rows] == ["0", "1", "2"]
    assert run_readonly(kb, "ASK { GRAPH ?g { ?s ?p 4 } }") == (["ask"], [{"ask": True}])


def test_formats():
    rows = [{"a": "1", "b": "x,y"}, {"a": None, "b": "z"}]
    assert format_rows(["a", "b"], rows, "csv") == 'a,b\n1,"x,y"\n,z\n'
    assert '"x,y"' in format_rows(["a", "b"], rows, "json")
    table = format_rows(["a", "b"], rows, "table").splitlines()
    assert table[0].split() == ["a", "b"] and len(table) == 4

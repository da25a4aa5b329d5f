"""The SPARQL endpoint: protocol GET/POST, JSON and CSV results, updates refused, time and
result limits."""
from __future__ import annotations

import csv
import io

import pytest

from webapp.blueprints.sparql import Runner

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?o a mkb:Obligation }"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a mkb:text ?t . ?b mkb:text ?u . FILTER(STRLEN(?t) > STRLEN(?u)) }"
JSON = "application/sparql-results+json"


def test_get_json_results(client):
    response = client.get("/sparql", query_string={"query": COUNT}, headers={"Accept": JSON})
    assert response.status_code == 200 and response.mimetype == JSON
    body = response.get_json()
    assert body["head"]["vars"] == ["n"] and int(body["results"]["bindings"][0]["n"]["value"]) > 100


def test_post_form_and_direct_body(client):
    form = client.post("/sparql", data={"query": COUNT})
    direct = client.post("/sparql", data=COUNT, content_type="application/sparql-query")
    assert form.get_json() == direct.get_json() and form.status_code == 200


def test_csv_results_and_iri_bindings(client):
    query = "SELECT ?o ?n WHERE { ?o a mkb:Obligation ; skos:notation ?n } LIMIT 3"
    response = client.get("/sparql", query_string={"query": query}, headers={"Accept": "text/csv"})
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert response.mimetype == "text/csv" and len(rows) == 3 and rows[0]["o"].startswith("https://")
    binding = client.get("/sparql", query_string={"query": query}).get_json()["results"]["bindings"][0]
    assert binding["o"]["type"] == "uri" and binding["n"]["type"] == "literal"


def test_ask_and_construct(client):
    assert client.get("/sparql", query_string={"query": "ASK { ?s a mkb:Obligation }"}).get_json()["boolean"] is True
    response = client.get("/sparql", query_string={
        "query": "CONSTRUCT { ?o skos:notation ?n } WHERE { ?o a mkb:Obligation ; skos:notation ?n } LIMIT 2"})
    assert response.mimetype == "text/turtle" and "notation" in response.get_data(as_text=True)


def test_html_page_renders_results_escaped(client):
    query = "SELECT ?x WHERE { BIND(\"<script>alert(1)</script>\" AS ?x) }"
    html = client.post("/sparql", data={"query": query, "format": "html"},
                       headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert(1)" not in html


@pytest.mark.parametrize("request_kwargs", [
    {"data": {"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}},
    {"data": "DROP ALL", "content_type": "application/sparql-update"},
    {"data": {"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}},
    {"data": {"query": "LOAD <http://example.org/data.ttl>"}},
    {"data": {"query": "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"}},
])
def test_updates_load_and_service_refused(client, shared_kb, request_kwargs):
    before = shared_kb.count()
    response = client.post("/sparql", **request_kwargs)
    assert response.status_code == 400 and "error" in response.get_json()
    assert shared_kb.count() == before


def test_syntax_error_and_missing_query(client):
    assert client.get("/sparql", query_string={"query": "SELEC nothing"}).status_code == 400
    assert client.post("/sparql", data={}).status_code == 400


def test_result_rows_are_limited(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "SPARQL_MAX_ROWS", 5)
    body = client.get("/sparql", query_string={"query": "SELECT ?s WHERE { ?s ?p ?o }"}).get_json()
    assert len(body["results"]["bindings"]) == 5


def test_long_query_stopped_and_endpoint_bounded(app, client, monkeypatch):
    runner = Runner(workers=1)
    monkeypatch.setitem(app.extensions, "sparql_runner", runner)
    monkeypatch.setitem(app.config, "SPARQL_TIMEOUT", 0.3)
    slow = client.get("/sparql", query_string={"query": SLOW})
    assert slow.status_code == 503 and "longer than 0.3 s" in slow.get_json()["error"]
    busy = client.get("/sparql", query_string={"query": COUNT})
    assert busy.status_code == 503 and "busy" in busy.get_json()["error"]
    assert runner.slots.acquire(timeout=60)     # the abandoned query ends on its own
    runner.slots.release()
    # the freed slot serves again; a normal limit, so a loaded CI machine cannot time it out
    monkeypatch.setitem(app.config, "SPARQL_TIMEOUT", 30)
    assert client.get("/sparql", query_string={"query": COUNT}).status_code == 200

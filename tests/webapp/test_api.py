"""JSON API under /api/v1 and its OpenAPI description."""
from __future__ import annotations

from urllib.parse import quote

from webapp_support import SOR_254

SOR = "ca/regulation/2014/2014_254/eng"


def get(client, url: str, status: int = 200):
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    assert response.mimetype == "application/json"
    return response.get_json()


def test_openapi_describes_every_route(client, app):
    spec = get(client, "/api/v1/openapi.json")
    assert spec["openapi"].startswith("3.")
    routes = {r.rule.removeprefix("/api/v1").replace("<path:eli>", "{eli}")
              for r in app.url_map.iter_rules() if r.rule.startswith("/api/v1/")}
    assert routes - {"/openapi.json"} == set(spec["paths"])


def test_jurisdictions(client):
    body = get(client, "/api/v1/jurisdictions")
    ca = next(j for j in body if j["code"] == "CA")
    assert ca["instruments"] == 3 and sum(ca["coverage"].values()) > 50


def test_instruments_list_and_detail(client):
    body = get(client, "/api/v1/instruments?jurisdiction=ca")
    assert body["total"] == 3 and {i["jur"] for i in body["items"]} == {"CA"}
    detail = get(client, f"/api/v1/instruments/{SOR}")
    assert detail["instrument"]["expr"] == SOR_254
    assert any(p["p"] == SOR_254 + "/sec_3" for p in detail["provisions"])
    get(client, "/api/v1/instruments/ca/none/1/x/eng", 404)


def test_provision(client):
    body = get(client, f"/api/v1/provisions/{SOR}/sec_3")
    assert body["expression"] == SOR_254 and body["provision"]["number"] == "3"
    assert isinstance(body["tags"], list) and isinstance(body["history"], list)
    get(client, f"/api/v1/provisions/{SOR}/sec_9999", 404)


def test_tags_filter_and_paging(client):
    body = get(client, f"/api/v1/tags?instrument={quote(SOR_254)}&status=proposed&limit=2")
    assert body["total"] >= 2 and len(body["items"]) == 2 and body["items"][0]["status"] == "proposed"
    assert get(client, "/api/v1/tags?limit=x", 400)["error"]


def test_matrix(client):
    body = get(client, "/api/v1/matrix?jurisdiction=CA&jurisdiction=AR&level=obligation")
    assert body["jurisdictions"] == ["CA", "AR"] and body["level"] == "obligation"
    row = next(r for r in body["rows"] if r["key"] == "4.1")
    assert set(row["cells"]) == {"CA", "AR"} and row["cells"]["CA"]["status"]
    get(client, "/api/v1/matrix?jurisdiction=XX", 404)
    get(client, "/api/v1/matrix?level=cell", 400)


def test_search(client):
    body = get(client, "/api/v1/search?q=mercury&jurisdiction=ca&per_page=5")
    assert body["total"] > 5 and len(body["hits"]) == 5 and body["pages"] > 1
    assert {h["jurisdiction"] for h in body["hits"]} == {"CA"} and "jurisdiction" in body["facets"]
    assert "unbalanced" in get(client, "/api/v1/search?q=(", 400)["error"]


def test_unknown_api_route_is_json_404(client):
    assert get(client, "/api/v1/nothing", 404)["status"] == 404


def test_health_reports_store_and_index(client):
    r = client.get("/api/v1/health")
    assert r.status_code == 200
    body = r.get_json()
    assert body["status"] == "ok" and body["triples"] > 1000 and body["search_index"] == "ok"

"""OpenAPI 3.1 description of the read-only JSON API (served at /api/v1/openapi.json)."""
from __future__ import annotations


def _param(name: str, description: str, schema: dict | None = None, where: str = "query",
           required: bool = False) -> dict:
    return {"name": name, "in": where, "required": required, "description": description,
            "schema": schema or {"type": "string"}}


PAGING = [_param("offset", "items to skip", {"type": "integer", "minimum": 0}),
          _param("limit", "items to return (≤ 1000)", {"type": "integer", "minimum": 1, "maximum": 1000})]
ELI = _param("eli", "the IRI after https://w3id.org/minamata-kb/eli/ (e.g. ca/regulation/2014/2014_254/eng)",
             where="path", required=True)
PAGE = {"type": "object", "properties": {"total": {"type": "integer"}, "offset": {"type": "integer"},
                                          "limit": {"type": "integer"}, "items": {"type": "array"}}}
ERROR = {"description": "error", "content": {"application/json": {"schema": {
    "type": "object", "properties": {"error": {"type": "string"}, "status": {"type": "integer"}}}}}}


def _get(summary: str, params: list, schema: dict) -> dict:
    return {"get": {"summary": summary, "parameters": params, "responses": {
        "200": {"description": "OK", "content": {"application/json": {"schema": schema}}},
        "400": ERROR, "404": ERROR}}}


def spec(server: str) -> dict:
    return {
        "openapi": "3.1.0",
        "info": {"title": "Minamata KB API", "version": "1",
                 "description": "Read-only access to the Minamata Convention gap-analysis knowledge "
                                "base: jurisdictions, instruments, provisions, tags, the coverage "
                                "matrix and full-text search."},
        "servers": [{"url": f"{server}/api/v1"}],
        "paths": {
            "/jurisdictions": _get("Jurisdictions with instrument counts and coverage counts", [],
                                   {"type": "array", "items": {"type": "object"}}),
            "/instruments": _get("Current national instruments",
                                 [_param("jurisdiction", "jurisdiction code, e.g. CA"), *PAGING], PAGE),
            "/instruments/{eli}": _get("One instrument expression and its provision outline", [ELI],
                                       {"type": "object"}),
            "/provisions/{eli}": _get("One provision with its current tags and decision history", [ELI],
                                      {"type": "object"}),
            "/tags": _get("Current tags (machine proposals and reviewer decisions)",
                          [_param("instrument", "expression IRI"),
                           _param("status", "proposed, accepted, rejected or added"), *PAGING], PAGE),
            "/matrix": _get("The coverage matrix",
                            [_param("jurisdiction", "repeatable; default all",
                                    {"type": "array", "items": {"type": "string"}}),
                             _param("level", "article (default) or obligation",
                                    {"type": "string", "enum": ["article", "obligation"]})],
                            {"type": "object"}),
            "/search": _get("Full-text search with facets",
                            [_param("q", "query (words, \"phrases\", AND/OR/NOT, field:value)"),
                             *[_param(f, "filter, repeatable") for f in
                               ("jurisdiction", "article", "status", "lang", "instrument", "type")],
                             _param("in_force", "true or false"),
                             _param("cross", "1 to expand words into the other languages"),
                             _param("page", "page number", {"type": "integer", "minimum": 1}),
                             _param("per_page", "hits per page (≤ 100)", {"type": "integer"})],
                            {"type": "object"}),
            "/health": _get("Store and search index status (503 when either fails)", [], {"type": "object"}),
        },
    }

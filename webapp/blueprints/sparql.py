"""Read-only SPARQL: a query page for power users and the SPARQL 1.1 protocol endpoint.

``kb.sparql.run_readonly`` refuses updates, LOAD and SERVICE; this layer adds the limits a
public endpoint needs.  Each query runs in a worker thread and the request gives up after
SPARQL_TIMEOUT seconds (503); at most SPARQL_WORKERS queries evaluate at once and further
ones are refused (503) rather than queued.  Oxigraph cannot cancel a running query, so an
abandoned one keeps its slot until it ends: that is what bounds the CPU a visitor can take.
Results stop at SPARQL_MAX_ROWS rows; the query text is limited to SPARQL_MAX_QUERY chars.
"""
from __future__ import annotations

import gc
import re
import threading
from concurrent.futures import ThreadPoolExecutor, TimeoutError as FutureTimeout

from flask import Blueprint, Response, abort, current_app, jsonify, render_template, request
from rdflib import Graph

from kb.errors import QueryError
from kb.sparql import format_rows, run_readonly

from ..shared import kb

bp = Blueprint("sparql", __name__)
EXAMPLE = """SELECT ?notation ?strength ?text WHERE {
  ?o a mkb:Obligation ; skos:notation ?notation ; mkb:strength ?strength ;
     skos:definition ?text ; mkb:article/skos:notation "8" .
} LIMIT 20"""
_IRI = re.compile(r"^(https?|urn|mailto):[^\s<>\"{}|\\^`]*$")
JSON_TYPE = "application/sparql-results+json"


class Runner:
    """Bounded pool for user queries (one per app)."""

    def __init__(self, workers: int):
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="sparql")
        self.slots = threading.BoundedSemaphore(workers)

    def run(self, text: str, limit: int, timeout: float):
        if not self.slots.acquire(blocking=False):
            abort(503, description="The SPARQL endpoint is busy with other queries; try again later.")
        store = kb()

        def work():
            try:
                return run_readonly(store, text, limit=limit)
            finally:
                # A result cut at the row limit leaves a suspended generator in a reference
                # cycle; pyoxigraph's solutions must be freed on the thread that made them.
                gc.collect()
                self.slots.release()
        future = self.pool.submit(work)
        try:
            return future.result(timeout=timeout)
        except FutureTimeout:
            abort(503, description=f"The query took longer than {timeout:g} s and was abandoned; "
                                   "narrow it or add a LIMIT.")


def runner() -> Runner:
    ext = current_app.extensions
    if "sparql_runner" not in ext:
        ext["sparql_runner"] = Runner(current_app.config["SPARQL_WORKERS"])
    return ext["sparql_runner"]


def query_text() -> str:
    """The query of a protocol request; 400 for updates or a missing/oversized query."""
    ctype = request.mimetype
    if ctype == "application/sparql-update" or "update" in request.form:
        abort(400, description="This endpoint is read-only: SPARQL updates are refused.")
    text = request.get_data(as_text=True) if ctype == "application/sparql-query" \
        else request.values.get("query", "")
    if not text.strip():
        abort(400, description="Give a SPARQL query in the 'query' parameter.")
    if len(text) > current_app.config["SPARQL_MAX_QUERY"]:
        abort(400, description="The query is too long.")
    return text


def binding(value: str | None) -> dict | None:
    """SPARQL JSON term; ``run_readonly`` returns strings, so IRIs are recognised by form."""
    if value is None:
        return None
    return {"type": "uri" if _IRI.match(value) else "literal", "value": value}


def result_format() -> str:
    """json, csv, html or turtle (graphs), from ``format`` or the Accept header."""
    asked = request.values.get("format")
    if asked in ("json", "csv", "html"):
        return asked
    best = request.accept_mimetypes.best_match([JSON_TYPE, "application/json", "text/csv", "text/html"])
    return {"text/csv": "csv", "text/html": "html"}.get(best, "json") if best else "json"


@bp.route("/sparql", methods=["GET", "POST"], endpoint="endpoint")
def endpoint():
    if request.method == "GET" and "query" not in request.args:
        return render_template("sparql/index.html", query=EXAMPLE, result=None)
    text = query_text()
    fmt = result_format()
    cfg = current_app.config
    try:
        result = runner().run(text, cfg["SPARQL_MAX_ROWS"], cfg["SPARQL_TIMEOUT"])
    except QueryError as err:
        if fmt == "html":
            return render_template("sparql/index.html", query=text, result=None, error=str(err)), 400
        raise
    if isinstance(result, Graph):
        if fmt == "html":
            return render_template("sparql/index.html", query=text, result=None,
                                   graph=result.serialize(format="turtle")[:200_000])
        return Response(result.serialize(format="turtle"), mimetype="text/turtle")
    names, rows = result
    truncated = len(rows) >= cfg["SPARQL_MAX_ROWS"]
    if fmt == "html":
        return render_template("sparql/index.html", query=text, result=(names, rows), truncated=truncated)
    if fmt == "csv":
        return Response(format_rows(names, rows, "csv"), mimetype="text/csv")
    if names == ["ask"] and rows and isinstance(rows[0]["ask"], bool):
        return Response(jsonify({"head": {}, "boolean": rows[0]["ask"]}).get_data(), mimetype=JSON_TYPE)
    body = {"head": {"vars": names},
            "results": {"bindings": [{n: binding(r[n]) for n in names if r[n] is not None} for r in rows]}}
    return Response(jsonify(body).get_data(), mimetype=JSON_TYPE)

"""JSON API (read-only) under /api/v1: the same kb functions as the pages, as data.
``/api/v1/openapi.json`` describes it (``webapp/openapi.py``)."""
from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime

from flask import Blueprint, abort, jsonify, request

from kb.listing import outline
from kb.review import current_tags, history
from kb.search import search as run_search

from ..openapi import spec
from ..shared import kb, shared
from .common import ELI_BASE, current_instrument, expression_of, jurisdictions, laws
from .search import search_arguments

bp = Blueprint("api", __name__, url_prefix="/api/v1")
LIMIT = 1000


def plain(value):
    """JSON-ready copy: datetimes and dates as ISO strings."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def paged(items: list) -> dict:
    """``offset``/``limit`` slice of a list with its total."""
    try:
        offset = max(0, int(request.args.get("offset", 0)))
        limit = min(LIMIT, max(1, int(request.args.get("limit", LIMIT))))
    except ValueError:
        abort(400, description="offset and limit are integers.")
    return {"total": len(items), "offset": offset, "limit": limit,
            "items": plain(items[offset:offset + limit])}


@bp.get("/openapi.json")
def openapi():
    return jsonify(spec(request.host_url.rstrip("/")))


@bp.get("/jurisdictions")
def list_jurisdictions():
    jurs = jurisdictions()
    matrix = shared().matrix(jurs, "obligation") if jurs else None
    return jsonify([{"code": j, "instruments": sum(1 for law in laws() if law["jur"] == j),
                     "coverage": matrix.counts(j)} for j in jurs])


@bp.get("/instruments")
def list_instruments():
    jur = request.args.get("jurisdiction", "").upper()
    return jsonify(paged([law for law in laws() if not jur or law["jur"] == jur]))


@bp.get("/instruments/<path:eli>")
def instrument(eli: str):
    expr, meta = current_instrument(eli, "No current instrument has this IRI.")
    provisions = [{k: r[k] for k in ("p", "parent", "kind", "number", "heading", "depth", "start", "end")}
                  for r in outline(kb(), expr)]
    return jsonify({"instrument": plain(meta), "provisions": provisions})


@bp.get("/provisions/<path:eli>")
def provision(eli: str):
    iri = ELI_BASE + eli
    expr = expression_of(iri)
    row = next((r for r in outline(kb(), expr) if r["p"] == iri), None) if expr else None
    if row is None:
        abort(404, description="No provision of a current instrument has this IRI.")
    return jsonify({"provision": row, "expression": expr,
                    "tags": plain([t for t in current_tags(kb(), expr) if t["provision"] == iri]),
                    "history": plain(history(kb(), iri))})


@bp.get("/tags")
def tags():
    expr = request.args.get("instrument") or None
    if expr and expression_of(expr) != expr:
        abort(404, description="No current instrument has this IRI.")
    status = request.args.get("status")
    return jsonify(paged([t for t in current_tags(kb(), expr) if not status or t["status"] == status]))


@bp.get("/matrix")
def matrix():
    level = request.args.get("level", "article")
    if level not in ("article", "obligation"):
        abort(400, description="level is article or obligation.")
    wanted = [j.upper() for j in request.args.getlist("jurisdiction")] or jurisdictions()
    unknown = set(wanted) - set(jurisdictions())
    if unknown:
        abort(404, description=f"No instrument of {', '.join(sorted(unknown))} is loaded.")
    m = shared().matrix(wanted, level)
    return jsonify({"level": m.level, "generated": m.generated, "jurisdictions": m.jurisdictions,
                    "counts": {j: m.counts(j) for j in m.jurisdictions},
                    "rows": [{**asdict(r), "cells": {j: asdict(m.cell(j, r.key)) for j in m.jurisdictions}}
                             for r in m.rows]})


@bp.get("/search")
def search():
    results = run_search(shared().index_dir, request.args.get("q", ""),
                         per_page=min(100, max(1, request.args.get("per_page", 10, type=int))),
                         **search_arguments(request.args))
    body = asdict(results)
    body["pages"] = results.pages
    return jsonify(body)


@bp.get("/health")
def health():
    """For load balancers and monitors: the store answers a query and the index opens."""
    from kb.search.build import check_index

    try:
        triples = kb().count()
    except Exception as err:                  # noqa: BLE001 - any store failure is "unhealthy"
        return jsonify({"status": "error", "store": f"{type(err).__name__}: {err}"}), 503
    problem = check_index(shared().index_dir)
    body = {"status": "ok" if problem is None else "degraded", "triples": triples,
            "search_index": problem or "ok"}
    return jsonify(body), 200 if problem is None else 503

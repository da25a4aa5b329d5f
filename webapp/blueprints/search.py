"""Search page: ``kb.search.search`` with facets, highlighted hits, pages and the
cross-language option.  Hit fragments come escaped from ``kb.search`` (only its ``<mark>``
tags are markup), which is the one place a template marks text ``|safe``."""
from __future__ import annotations

from flask import Blueprint, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from kb.errors import QueryError
from kb.search import search as run_search

from ..shared import shared

bp = Blueprint("search", __name__)
# facet field -> keyword argument of kb.search.search
FACETS = {"jurisdiction": "jurisdiction", "article": "article", "status": "status", "lang": "lang",
          "instrument": "instrument", "type": "doc_type", "in_force": "in_force"}
PER_PAGE = 10


def search_arguments(args: MultiDict) -> dict:
    """kb.search keyword arguments from the request's query string."""
    kwargs = {}
    for field, name in FACETS.items():
        values = [v for v in args.getlist(field) if v]
        if values:
            kwargs[name] = (values[-1] == "true") if field == "in_force" else values
    kwargs["cross_language"] = args.get("cross") == "1"
    try:
        kwargs["page"] = max(1, int(args.get("page", 1)))
    except ValueError:
        kwargs["page"] = 1
    return kwargs


def facet_url(args: MultiDict, field: str, value: str) -> str:
    """The current search with ``field=value`` toggled, from page 1."""
    params = MultiDict(args)
    params.pop("page", None)
    values = params.getlist(field)
    params.setlist(field, [v for v in values if v != value] if value in values else [*values, value])
    return url_for(".index", **params.to_dict(flat=False))


def page_url(args: MultiDict, page: int) -> str:
    params = MultiDict(args)
    params["page"] = str(page)
    return url_for(".index", **params.to_dict(flat=False))


@bp.get("/search")
def index():
    args = request.args
    query = args.get("q", "")
    results, error = None, ""
    if "q" in args or any(f in args for f in FACETS):
        try:
            results = run_search(shared().index_dir, query, per_page=PER_PAGE, **search_arguments(args))
        except QueryError as err:
            error = str(err)
    selected = {f: args.getlist(f) for f in FACETS}
    return render_template("search/index.html", query=query, results=results, error=error,
                           selected=selected, cross=args.get("cross") == "1",
                           facet_url=lambda f, v: facet_url(args, f, v),
                           page_url=lambda p: page_url(args, p)), 400 if error else 200

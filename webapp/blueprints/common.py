"""Small lookups several views share: which jurisdictions exist, which expression a
provision belongs to, and the URL of an instrument page.  No business rules here."""
from __future__ import annotations

from flask import abort, g, url_for

from kb.annotate import current_expressions
from kb.search.docs import expression_meta
from kb.listing import list_laws
from kb.namespaces import BASE

from ..shared import kb

ELI_BASE = BASE + "eli/"


def laws() -> list[dict]:
    """Current national instruments (cached for the request)."""
    if "laws" not in g:
        g.laws = list_laws(kb())
    return g.laws


def jurisdictions() -> list[str]:
    """Codes of the jurisdictions that have at least one instrument, sorted."""
    return sorted({law["jur"] for law in laws()})


def known_jurisdiction(code: str) -> str:
    """The code upper-cased, or 404 when no instrument of that jurisdiction is loaded."""
    code = code.upper()
    if code not in jurisdictions():
        abort(404, description=f"No instrument of the jurisdiction {code!r} is loaded.")
    return code


def expression_of(iri: str) -> str | None:
    """The current expression whose IRI prefixes ``iri`` (a provision or the expression)."""
    if "expressions" not in g:
        g.expressions = sorted(current_expressions(kb(), national_only=False), key=len, reverse=True)
    return next((e for e in g.expressions if iri == e or iri.startswith(e + "/")), None)


def current_instrument(eli: str, missing: str) -> tuple[str, dict]:
    """Expression IRI and metadata of ``/…/<eli>``, or 404 with ``missing`` as the message."""
    expr = ELI_BASE + eli
    meta = expression_meta(kb(), [expr])
    if not meta:
        abort(404, description=missing)
    return expr, meta[0]


def instrument_url(expr: str, anchor: str = "") -> str:
    """Instrument page of an expression (``/instruments/ca/regulation/2014/2014_254/eng``)."""
    url = url_for("instruments.show", eli=expr.removeprefix(ELI_BASE))
    return f"{url}#{anchor}" if anchor else url


def provision_url(provision: str) -> str:
    """Instrument page scrolled to a provision ('' when its expression is not current);
    the anchor is the provision's path below the expression (``sec_3/para_1``)."""
    expr = expression_of(provision)
    return instrument_url(expr, provision[len(expr) + 1:]) if expr else ""

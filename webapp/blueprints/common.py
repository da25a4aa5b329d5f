"""Small lookups several views share: which jurisdictions exist, which expression a
provision belongs to, and the URL of an instrument page.  No business rules here."""
from __future__ import annotations

from flask import abort, url_for

from kb.annotate import current_expressions
from kb.search.docs import expression_meta
from kb.listing import list_laws
from kb.namespaces import BASE

from ..shared import kb, shared

ELI_BASE = BASE + "eli/"


def laws() -> list[dict]:
    """Current national instruments (cached until an import)."""
    return shared().cached(("laws",), lambda: list_laws(kb()))


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
    expressions = shared().cached(("expressions",), lambda: sorted(
        current_expressions(kb(), national_only=False), key=len, reverse=True))
    return next((e for e in expressions if iri == e or iri.startswith(e + "/")), None)


def review_scopes(iri: str) -> tuple[str, ...]:
    """What a tag decision on ``iri`` (a provision or a machine tag) changes, for
    ``SharedKB.writing``: its instrument and that instrument's jurisdiction; nothing known
    (so everything) when no current instrument holds it."""
    expr = expression_of(iri)
    jur = next((law["jur"] for law in laws() if law["expr"] == expr), None)
    return tuple(s for s in (expr, jur) if s)


def current_instrument(eli: str, missing: str) -> tuple[str, dict]:
    """Expression IRI and metadata of ``/…/<eli>``, or 404 with ``missing`` as the message."""
    expr = ELI_BASE + eli
    metas = shared().cached(("instruments",), lambda: {m["expr"]: m for m in expression_meta(kb())})
    if expr not in metas:
        abort(404, description=missing)
    return expr, metas[expr]


def instrument_url(expr: str, anchor: str = "") -> str:
    """Instrument page of an expression (``/instruments/ca/regulation/2014/2014_254/eng``);
    with an ``anchor`` (a provision's path below the expression, ``sec_3/para_1``), the page
    of the section holding that provision, scrolled to it."""
    eli = expr.removeprefix(ELI_BASE)
    if not anchor:
        return url_for("instruments.show", eli=eli)
    return url_for("instruments.show", eli=eli, at=anchor) + "#" + anchor


def provision_url(provision: str) -> str:
    """Instrument page scrolled to a provision ('' when its expression is not current)."""
    expr = expression_of(provision)
    return instrument_url(expr, provision[len(expr) + 1:]) if expr else ""

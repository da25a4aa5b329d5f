"""Review: accept, reject or add tags; assess a cell; the history of both.

Every change names the signed-in reviewer (the kb functions record who and when).  A tag
decision is followed by a refresh of the reviewed provision's search document, so the
status facets of the search page stay true; each change retires only the cached results of
its jurisdiction (and, for a tag, its instrument; see ``shared``).
"""
from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from kb.gaps import assess as assess_cell
from kb.listing import list_articles, outline
from kb.refresh import after_review
from kb.review import add_tag, current_tags, decide, history

from ..security import reviewer_required
from ..shared import kb, shared
from .common import expression_of, known_jurisdiction, laws, review_scopes

bp = Blueprint("review", __name__, url_prefix="/review")
QUEUE_PAGE = 50


def back(default: str) -> str:
    """Where to return after a change: a local path from the form, else ``default``."""
    target = request.form.get("next", "")
    return target if target.startswith("/") and not target.startswith(("//", "/\\")) else default


@bp.get("/")
def queue():
    """Machine proposals awaiting a decision, least confident first, per instrument."""
    expr = request.args.get("instrument") or None
    if expr and expression_of(expr) != expr:
        abort(404, description="No current instrument has this IRI.")
    proposed = sorted((t for t in current_tags(kb(), expr) if t["status"] == "proposed"),
                      key=lambda t: (t["confidence"] or 0, t["provision"]))
    try:
        page = max(1, int(request.args.get("page", 1)))
    except ValueError:
        page = 1
    shown = proposed[(page - 1) * QUEUE_PAGE:page * QUEUE_PAGE]
    return render_template("review/queue.html", tags=shown, total=len(proposed), page=page,
                           pages=max(1, -(-len(proposed) // QUEUE_PAGE)), instrument=expr, laws=laws())


@bp.get("/provision")
def provision():
    """One provision: its text, current tags, the full decision history, the add-tag form."""
    iri = request.args.get("iri", "")
    expr = expression_of(iri) if iri else None
    row = next((r for r in outline(kb(), expr) if r["p"] == iri), None) if expr else None
    if row is None:
        abort(404, description="No provision of a current instrument has this IRI.")
    return render_template("review/provision.html", row=row, expr=expr,
                           tags=[t for t in current_tags(kb(), expr) if t["provision"] == iri],
                           history=history(kb(), iri), articles=list_articles(kb()))


@bp.post("/decide")
@reviewer_required
def decide_tag():
    annotation, decision = request.form.get("annotation", ""), request.form.get("decision")
    if decision not in ("accept", "reject"):
        abort(400, description="A decision is accept or reject.")
    with shared().writing(*review_scopes(annotation)) as kb_:
        decide(kb_, annotation, decision == "accept", g.user["name"], request.form.get("comment", ""))
        after_review(kb_, [annotation])
    flash(f"Tag {decision}ed by {g.user['name']}.")
    return redirect(back(url_for(".queue")), code=303)


@bp.post("/add")
@reviewer_required
def add():
    provision_iri = request.form.get("provision", "")
    obligations = request.form.get("obligations", "").replace(",", " ").split()
    with shared().writing(*review_scopes(provision_iri)) as kb_:
        add_tag(kb_, provision_iri, request.form.get("article", ""), g.user["name"],
                request.form.get("comment", ""), obligations)
        after_review(kb_, [provision_iri])
    flash(f"Tag added by {g.user['name']}.")
    return redirect(back(url_for(".provision", iri=provision_iri)), code=303)


@bp.post("/assess")
@reviewer_required
def assess():
    jur, key = known_jurisdiction(request.form.get("jurisdiction", "")), request.form.get("key", "")
    with shared().writing(jur) as kb_:
        assess_cell(kb_, jur, key, request.form.get("status", ""), g.user["name"],
                    request.form.get("comment", ""))
    flash(f"Assessment of {key} in {jur} recorded by {g.user['name']}.")
    return redirect(url_for("jurisdictions.cell", jur=jur, key=key), code=303)

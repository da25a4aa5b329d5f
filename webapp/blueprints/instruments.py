"""Instrument pages: one section of the text at a time (``kb.listing.sections``), with the
outline of every section, the section's provisions, and their tags and evidence inline.

A rendered section (outline and text) is cached per instrument, section and kind of visitor
(reviewers see review forms): tags change only with a tag decision on the instrument or an
import, which retire it (``SharedKB.writing``).  The forms in a cached copy carry
``FORM_TOKEN`` where each session's CSRF token goes; it is replaced per request.
"""
from __future__ import annotations

import secrets

from flask import Blueprint, abort, g, render_template, request, url_for
from markupsafe import Markup

from kb.listing import section_of, sections

from ..lawtext import provision_tree
from ..security import csrf_token
from ..shared import kb, shared
from .common import current_instrument, laws

bp = Blueprint("instruments", __name__, url_prefix="/instruments")
FORM_TOKEN = secrets.token_hex(16)


@bp.get("/")
def index():
    return render_template("instruments/index.html", laws=laws())


def chosen_section(expr: str, parts: list[dict]) -> dict:
    """The section asked for: the one holding provision ``at`` (its path below the
    expression), else number ``page`` (404 when there is no such section), else the first."""
    if request.args.get("at"):
        return section_of(kb(), expr, parts, f"{expr}/{request.args['at']}")
    page = request.args.get("page", 1, type=int)
    if not 1 <= page <= len(parts):
        abort(404, description=f"This instrument has {len(parts)} sections.")
    return parts[page - 1]


def rendered_section(eli: str, expr: str, parts: list[dict], section: dict) -> tuple[str, int]:
    """The section's outline and text as HTML, and the number of tags of the instrument."""
    roots, tag_count = provision_tree(kb(), expr, section)
    html = render_template("instruments/section.html", expr=expr, roots=roots, sections=parts,
                           section=section, section_url=lambda n: url_for(".show", eli=eli, page=n),
                           csrf_token=lambda: FORM_TOKEN)
    return html, tag_count


@bp.get("/<path:eli>")
def show(eli: str):
    expr, meta = current_instrument(eli, "No current instrument has this address (it may have been replaced).")
    parts = shared().cached(("sections", expr), lambda: sections(kb(), expr))
    section = chosen_section(expr, parts)
    html, tag_count = shared().cached(("section", expr, section["number"], g.user is not None),
                                      lambda: rendered_section(eli, expr, parts, section), scopes=(expr,))
    body = Markup(html.replace(FORM_TOKEN, csrf_token()) if g.user else html)
    return render_template("instruments/show.html", expr=expr, meta=meta, tag_count=tag_count, body=body)

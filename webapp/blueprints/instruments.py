"""Instrument pages: the outline tree and the full text with tags and evidence inline."""
from __future__ import annotations

from flask import Blueprint, render_template

from kb.listing import list_articles

from ..lawtext import provision_tree
from ..shared import kb
from .common import current_instrument, laws

bp = Blueprint("instruments", __name__, url_prefix="/instruments")


@bp.get("/")
def index():
    return render_template("instruments/index.html", laws=laws())


@bp.get("/<path:eli>")
def show(eli: str):
    expr, meta = current_instrument(eli, "No current instrument has this address (it may have been replaced).")
    roots, tag_count = provision_tree(kb(), expr)
    return render_template("instruments/show.html", expr=expr, meta=meta, roots=roots,
                           tag_count=tag_count, articles=list_articles(kb()))

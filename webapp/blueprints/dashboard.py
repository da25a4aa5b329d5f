"""Dashboard: the heatmap of jurisdictions × Convention articles (``gaps.compute_matrix``).

The heatmap is the same for every visitor and, rendered, some 50 kB of cells: it is rendered
once per state of the matrix (cached with the matrix's jurisdictions as scopes, so a review
re-renders it once) rather than on every visit.
"""
from __future__ import annotations

from flask import Blueprint, render_template
from markupsafe import Markup

from ..shared import shared
from .common import jurisdictions

bp = Blueprint("dashboard", __name__)


def heatmap(jurs: list[str]) -> Markup:
    matrix = shared().matrix(jurs, "article")
    return Markup(render_template("dashboard/heatmap.html", matrix=matrix))


@bp.get("/")
def index():
    jurs = jurisdictions()
    html = shared().cached(("heatmap", *jurs), lambda: heatmap(jurs), scopes=tuple(jurs)) if jurs else None
    return render_template("dashboard/index.html", heatmap=html)

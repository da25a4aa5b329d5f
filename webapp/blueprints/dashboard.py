"""Dashboard: the heatmap of jurisdictions × Convention articles (``gaps.compute_matrix``, cached)."""
from __future__ import annotations

from flask import Blueprint, render_template


from ..shared import shared
from .common import jurisdictions

bp = Blueprint("dashboard", __name__)


@bp.get("/")
def index():
    jurs = jurisdictions()
    matrix = shared().matrix(jurs, "article") if jurs else None
    return render_template("dashboard/index.html", matrix=matrix, jurisdictions=jurs)

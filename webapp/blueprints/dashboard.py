"""Dashboard: the heatmap of jurisdictions × Convention articles (``gaps.compute_matrix``)."""
from __future__ import annotations

from flask import Blueprint, render_template

from kb.gaps import compute_matrix

from ..shared import kb
from .common import jurisdictions

bp = Blueprint("dashboard", __name__)


@bp.get("/")
def index():
    jurs = jurisdictions()
    matrix = compute_matrix(kb(), jurs, "article") if jurs else None
    return render_template("dashboard/index.html", matrix=matrix, jurisdictions=jurs)

"""Jurisdiction pages: instruments, coverage chart, profile facts, exports, and one cell of
the matrix with the obligations and evidence behind it."""
from __future__ import annotations

import io
import mimetypes
import tempfile
from pathlib import Path

from flask import Blueprint, abort, g, redirect, render_template, request, send_file, url_for

from kb.exports import FORMATS, export_gaps
from kb.gaps import STATUSES, assessment_history, evidence, for_cell
from kb.listing import list_articles, list_obligations
from kb.namespaces import obligation_article
from kb.profile import FACTS, get_profile, set_fact

from ..security import reviewer_required
from ..shared import kb, shared
from .common import jurisdictions, known_jurisdiction, laws

bp = Blueprint("jurisdictions", __name__, url_prefix="/jurisdictions")
LEVELS = ("obligation", "article")


@bp.get("/")
def index():
    jurs = jurisdictions()
    matrix = shared().matrix(jurs, "obligation") if jurs else None
    counts = {law["jur"]: 0 for law in laws()}
    for law in laws():
        counts[law["jur"]] += 1
    return render_template("jurisdictions/index.html", jurisdictions=jurs, matrix=matrix,
                           instruments=counts)


def coverage_by_article(matrix, jur: str) -> list[dict]:
    """Per article, how many of its obligations have each status (for the chart)."""
    titles = {a["article"]: a["title"] for a in list_articles(kb())}
    out: dict[str, dict] = {}
    for row in matrix.rows:
        entry = out.setdefault(row.article, {"article": row.article, "title": titles.get(row.article, ""),
                                             "counts": dict.fromkeys(STATUSES, 0), "total": 0})
        entry["counts"][matrix.cell(jur, row.key).status] += 1
        entry["total"] += 1
    return sorted(out.values(), key=lambda e: int(e["article"]))


@bp.get("/<jur>")
def show(jur: str):
    jur = known_jurisdiction(jur)
    matrix = shared().matrix([jur], "obligation")
    return render_template("jurisdictions/show.html", jur=jur,
                           instruments=[law for law in laws() if law["jur"] == jur],
                           chart=coverage_by_article(matrix, jur), counts=matrix.counts(jur),
                           profile=get_profile(kb(), jur), facts=FACTS, formats=FORMATS, levels=LEVELS)


@bp.get("/<jur>/cells/<key>")
def cell(jur: str, key: str):
    """One cell: ``key`` is an article as ``art:N`` or an obligation notation."""
    jur = known_jurisdiction(jur)
    article = key[4:] if key.startswith("art:") else obligation_article(key)
    matrix = shared().matrix([jur], "obligation")
    obligations = [r for r in matrix.rows if r.article == article]
    if key.startswith("art:"):
        level_cell = shared().matrix([jur], "article").cells.get((jur, article))
        row = None
    else:
        row = next((r for r in obligations if r.key == key), None)
        level_cell = matrix.cells.get((jur, key)) if row else None
    if level_cell is None:
        abort(404, description=f"{key!r} is not a nationally actionable obligation or article of the matrix.")
    titles = {a["article"]: a["title"] for a in list_articles(kb())}
    return render_template(
        "jurisdictions/cell.html", jur=jur, key=key, article=article, title=titles.get(article, ""),
        row=row, cell=level_cell, matrix=matrix,
        obligations=obligations if row is None else [],
        catalogue={o["notation"]: o for o in list_obligations(kb(), article=article)},
        evidence=for_cell(evidence(kb(), jur, article), key),
        history=assessment_history(kb(), jur, key), statuses=STATUSES)


@bp.get("/<jur>/export/<fmt>")
def export(jur: str, fmt: str):
    """The gap matrix of the jurisdiction as a download (any ``kb.exports`` format)."""
    jur = known_jurisdiction(jur)
    level = request.args.get("level", "obligation")
    if fmt not in FORMATS or level not in LEVELS:
        abort(404, description=f"Exports are {', '.join(FORMATS)} at level obligation or article.")
    matrix = shared().matrix([jur], level)
    with tempfile.TemporaryDirectory(prefix="minamata-kb-export-") as tmp:
        path = export_gaps(kb(), matrix, fmt, Path(tmp) / f"gaps-{jur}-{level}.{fmt}")
        data = path.read_bytes()
    mimetype = {"jsonld": "application/ld+json", "ttl": "text/turtle"}.get(fmt) \
        or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return send_file(io.BytesIO(data), mimetype=mimetype, as_attachment=True, download_name=path.name)


@bp.post("/<jur>/profile")
@reviewer_required
def profile(jur: str):
    jur = known_jurisdiction(jur)
    fact, value = request.form.get("fact", ""), request.form.get("value", "")
    if value not in ("yes", "no"):
        abort(400, description="A profile fact is yes or no.")
    with shared().writing(jur) as store:
        set_fact(store, jur, fact, value == "yes", g.user["name"], request.form.get("comment", ""))
    return redirect(url_for(".show", jur=jur) + "#profile", code=303)

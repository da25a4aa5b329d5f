"""Convention pages: the articles, and per article its obligations (strength, addressee)
with, per obligation, the jurisdictions' coverage and the provisions cited for it."""
from __future__ import annotations

from flask import Blueprint, abort, render_template

from kb.gaps import evidence, for_cell
from kb.listing import list_annexes, list_articles, list_obligations

from ..shared import kb, shared
from .common import jurisdictions

bp = Blueprint("convention", __name__, url_prefix="/convention")


@bp.get("/")
def index():
    return render_template("convention/index.html", articles=list_articles(kb()),
                           annexes=list_annexes(kb()))


@bp.get("/articles/<article>")
def article(article: str):
    titles = {a["article"]: a["title"] for a in list_articles(kb())}
    if article not in titles:
        abort(404, description=f"The Convention has no Article {article!r}.")
    obligations = list_obligations(kb(), article=article)
    jurs = jurisdictions()
    matrix = shared().matrix(jurs, "obligation") if jurs else None
    rows = {r.key for r in matrix.rows} if matrix else set()
    evidence_rows = {j: evidence(kb(), j, article) for j in jurs}
    coverage = {o["notation"]: [{"jur": j, "cell": matrix.cell(j, o["notation"]),
                                 "evidence": for_cell(evidence_rows[j], o["notation"])} for j in jurs]
                for o in obligations if o["notation"] in rows}
    return render_template("convention/article.html", article=article, title=titles[article],
                           obligations=obligations, coverage=coverage)

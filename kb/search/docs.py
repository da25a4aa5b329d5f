"""Index documents from the graph: one per citable unit, the graph being the source of truth.

A search hit must point at something a reviewer can cite.  For national laws that is the
tagger's unit (the top-most article/section, ``annotate.tag_units``); for the Convention it
is the paragraph, because one Convention article holds many distinct obligations and a
hit on "Article 3" would not say which one.  Convention articles or annex entries without
paragraphs are units themselves.
"""
from __future__ import annotations

from ..annotate import tag_units
from ..listing import CURRENT_EXPRESSION, expression_of, outline, position
from ..namespaces import ISO_LANGUAGES, OBLIGATIONS_GRAPH, obligation_article
from ..store import KnowledgeBase
from .schema import text_field

CONVENTION = "int"
_CONVENTION_LEAVES = {"article", "entry", "preamble"}


def expression_meta(kb: KnowledgeBase, expressions: list[str] | None = None) -> list[dict]:
    """Instrument metadata of the current expressions (all, or the listed ones that are current).

    Each expression's graph holds its own copy of the work's title, so a French expression
    gets the French title.
    """
    only = ""
    if expressions is not None:
        if not expressions:
            return []
        only = "VALUES ?expr { " + " ".join(f"<{e}>" for e in expressions) + " }"
    rows = kb.rows(f"""
        SELECT ?expr ?work ?jur ?type ?title ?citation ?date ?langIri ?inForce WHERE {{
          {only}
          GRAPH ?expr {{
            ?expr eli:realizes ?work ; eli:language ?langIri .
            ?work eli:title ?title ; eli:jurisdiction/skos:notation ?jur ; eli:type_document ?typeIri .
            OPTIONAL {{ ?work mkb:citation ?citation }}
            OPTIONAL {{ ?work eli:date_document ?date }}
            OPTIONAL {{ ?work mkb:inForce ?inForce }}
          }}
          {CURRENT_EXPRESSION}
          BIND(REPLACE(STR(?typeIri), '^.*/', '') AS ?type)
        }} ORDER BY ?expr""")
    seen: dict[str, dict] = {}
    for r in rows:                         # one row per expression even if a value repeats
        seen.setdefault(r["expr"], r)
    return list(seen.values())


def convention_units(rows: list[dict]) -> list[dict]:
    """Top-most paragraphs, plus articles/entries/preamble that have no paragraphs."""
    has_paragraph: set[str] = set()
    for row in reversed(rows):             # children come after their parents
        if row["kind"] == "paragraph" or row["p"] in has_paragraph:
            has_paragraph.add(row["parent"])
    units, covered = [], set()
    for row in rows:
        if row["parent"] in covered:
            covered.add(row["p"])
        elif row["kind"] == "paragraph" or (row["kind"] in _CONVENTION_LEAVES
                                            and row["p"] not in has_paragraph):
            units.append(row)
            covered.add(row["p"])
    return units


def convention_obligations(kb: KnowledgeBase) -> dict[str, str]:
    """Convention provision IRI → obligation notation."""
    rows = kb.rows(f"""SELECT ?p ?n WHERE {{ GRAPH <{OBLIGATIONS_GRAPH}> {{
        ?o a mkb:Obligation ; skos:notation ?n ; mkb:provision ?p }} }}""")
    return {r["p"]: r["n"] for r in rows}


def tags_by_provision(kb: KnowledgeBase, expr: str) -> dict[str, list[dict]]:
    """Current tags (machine proposals merged with reviewer decisions) of one expression."""
    from ..review import current_tags   # on use: reviews re-index through this package

    out: dict[str, list[dict]] = {}
    for tag in current_tags(kb, expr):
        out.setdefault(tag["provision"], []).append(tag)
    return out


def documents(kb: KnowledgeBase, expressions: list[str] | None = None):
    """Yield the index documents of the current expressions (all, or the listed ones)."""
    metas = expression_meta(kb, expressions)
    obligations = convention_obligations(kb) if any(m["jur"] == "INT" for m in metas) else {}
    for meta in metas:
        rows = outline(kb, meta["expr"])
        if meta["jur"] == "INT":
            for row in convention_units(rows):
                yield convention_document(meta, row, rows, obligations)
        else:
            tags = tags_by_provision(kb, meta["expr"])
            for row in tag_units(rows):
                yield national_document(meta, row, tags.get(row["p"], []))


def unit_documents(kb: KnowledgeBase, provisions: list[str]):
    """Yield the documents of the given national units, as ``documents`` makes them (after a
    review changed their tags).  Convention units are skipped: their documents carry the
    catalogue's obligations, which reviews do not change."""
    for provision in provisions:
        expr = expression_of(kb, provision)
        meta = expression_meta(kb, [expr])[0]
        if meta["jur"] == "INT":
            continue
        order = position(kb, expr, provision)
        row = outline(kb, expr, range(order, order + 1))[0]
        yield national_document(meta, row, tags_by_provision(kb, expr).get(provision, []))


def base_document(meta: dict, row: dict) -> dict:
    """Fields shared by Convention and national units."""
    lang = ISO_LANGUAGES.get(meta["langIri"].rsplit("/", 1)[-1], "xx")
    date = meta["date"].isoformat() if meta["date"] else ""
    in_force = "unknown" if meta["inForce"] is None else str(bool(meta["inForce"])).lower()
    heading = row["heading"]
    body = row["text"]
    if heading and heading not in body[:len(heading) + 200]:
        body = f"{heading}\n{body}"
    doc = {
        "provision": row["p"], "expr": meta["expr"], "instrument": meta["work"],
        "jurisdiction": meta["jur"], "title": meta["title"], "citation": meta["citation"] or "",
        "type": meta["type"], "date": date, "in_force": in_force, "kind": row["kind"],
        "number": row["number"], "heading": heading, "lang": lang, "body": body,
        text_field(lang): body,
    }
    if date:
        doc["year"] = int(date[:4])
    return doc


def convention_document(meta: dict, row: dict, rows: list[dict], obligations: dict) -> dict:
    """A Convention unit: its own obligation(s) stand for the tags, its article's title for
    the heading, so ``article:4`` finds Article 4's paragraphs next to national provisions."""
    parents = {r["p"]: r for r in rows}
    parent = parents.get(row["parent"])
    heading = row["heading"] or (parent["heading"] if parent else "")
    own = [n for p, n in obligations.items() if p == row["p"] or p.startswith(row["p"] + "/")]
    own.sort(key=len)
    doc = base_document(meta, {**row, "heading": heading})
    notation = own[0] if own else row["number"]
    articles = sorted({obligation_article(n) for n in own})
    doc.update(number=notation, obligation=",".join(own), article=",".join(articles),
               status="untagged",
               label=(f"Annex {notation}" if notation[:1].isalpha() else f"Art. {notation}"))
    return doc


def national_document(meta: dict, row: dict, tags: list[dict]) -> dict:
    """A national unit with its tags; rejected tags keep their status but not their article."""
    doc = base_document(meta, row)
    kept = [t for t in tags if t["status"] != "rejected"]
    doc.update(
        label=f"{row['kind'].capitalize()} {row['number']}".strip(),
        article=",".join(sorted({t["article"] for t in kept})),
        obligation=",".join(sorted({o for t in kept for o in t["obligations"]})),
        status=",".join(sorted({t["status"] for t in tags})) or "untagged",
        tag=",".join(sorted({f"{t['article']}|{t['status']}" for t in tags})),
    )
    return doc

"""Listings of what the knowledge base holds, answered by SPARQL over the graph.

The CLI and the web app both call these; neither re-reads source files.
"""
from __future__ import annotations

from .namespaces import ISO_LANGUAGES, OBLIGATION_SCHEME, tagged_provision
from .store import KnowledgeBase

_STRENGTH = "REPLACE(STR(?s), '^.*#', '')"


def list_articles(kb: KnowledgeBase) -> list[dict]:
    """Convention articles (1–35) with titles, in number order."""
    rows = kb.rows(f"""
        SELECT ?notation ?label WHERE {{
          ?a a mkb:Article ; skos:notation ?notation ; skos:prefLabel ?label ;
             skos:inScheme <{OBLIGATION_SCHEME}> .
        }}""")
    return sorted(({"article": r["notation"], "title": r["label"].split(". ", 1)[-1]} for r in rows),
                  key=lambda r: int(r["article"]))


def list_annexes(kb: KnowledgeBase) -> list[dict]:
    """Annexes A–E of the Convention with their headings and number of parts/entries."""
    rows = kb.rows("""
        SELECT ?number ?title (COUNT(DISTINCT ?child) AS ?parts) WHERE {
          ?expr eli:realizes ?work . ?work eli:jurisdiction <https://w3id.org/minamata-kb/jurisdiction/int> .
          ?annex eli:is_part_of ?expr ; mkb:kind "annex" ; eli:number ?number .
          OPTIONAL { ?annex eli:title ?title }
          OPTIONAL { ?child eli:is_part_of ?annex }
        } GROUP BY ?number ?title ORDER BY ?number""")
    return [{"annex": r["number"], "title": r["title"] or "", "children": int(r["parts"])} for r in rows]


def list_obligations(kb: KnowledgeBase, article: str | None = None,
                     actionable: bool | None = None, strength: str | None = None,
                     addressee: str | None = None) -> list[dict]:
    """Obligation concepts with their classification, filtered, in notation order.

    The article and actionable filters are bound as VALUES, from which Oxigraph starts its
    index lookups: as FILTERs it read all 442 obligations first (13 ms against 6 ms for the
    actionable ones the gap matrix asks for, 1 ms for one article's).
    """
    bound = []
    if article:
        bound.append(f'VALUES ?article {{ "{_literal(article)}" }}')
    if actionable is not None:
        bound.append(f"VALUES ?actionable {{ {'true' if actionable else 'false'} }}")
    rows = kb.rows(f"""
        SELECT ?notation ?article ?strength ?addressee ?actionable ?condition ?text WHERE {{
          {' '.join(bound)}
          ?o mkb:article/skos:notation ?article ; mkb:nationallyActionable ?actionable ;
             a mkb:Obligation ; skos:notation ?notation ; skos:definition ?text ;
             mkb:strength ?s ; mkb:addressee ?ad .
          OPTIONAL {{ ?o mkb:condition ?condition }}
          BIND({_STRENGTH} AS ?strength)
          BIND(REPLACE(STR(?ad), '^.*#', '') AS ?addressee)
        }}""")
    out = []
    for r in rows:
        r["strength"] = _STRENGTH_NAMES.get(r["strength"], r["strength"])
        r["addressee"] = _ADDRESSEE_NAMES.get(r["addressee"], r["addressee"])
        r["condition"] = r["condition"] or ""
        if strength and r["strength"] != strength or addressee and r["addressee"] != addressee:
            continue
        out.append(r)
    return sorted(out, key=lambda r: notation_key(r["notation"]))


_STRENGTH_NAMES = {"Mandatory": "mandatory", "Endeavour": "endeavour", "Permissive": "permissive",
                   "Definitional": "definitional"}
_ADDRESSEE_NAMES = {"EachParty": "party", "ConditionalParty": "party-conditional",
                    "ConferenceOfTheParties": "cop", "Secretariat": "secretariat",
                    "OtherAddressee": "other"}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}


def notation_key(notation: str) -> tuple:
    """Sort key putting 3.10 after 3.9 and articles before annexes."""
    key = []
    for part in notation.split("."):
        if part.isdigit():
            key.append((0, int(part), ""))
        elif part.lower() in _ROMAN:
            key.append((1, _ROMAN[part.lower()], ""))
        else:
            key.append((2, 0, part))
    return (notation[0].isalpha(), *key)


def _literal(value: str) -> str:
    """Escape a user value for a SPARQL string literal."""
    return value.replace("\\", "\\\\").replace('"', '\\"')


CURRENT_EXPRESSION = "FILTER NOT EXISTS { ?expr dcterms:isReplacedBy ?newer }"


def list_laws(kb: KnowledgeBase, jurisdiction: str | None = None) -> list[dict]:
    """Current national instrument expressions with their metadata and provision counts."""
    jur_filter = f'FILTER(LCASE(?jur) = "{_literal(jurisdiction.lower())}")' if jurisdiction else ""
    rows = kb.rows(f"""
        SELECT ?expr ?work ?jur ?type ?title ?citation ?date ?lang ?inForce ?provisions WHERE {{
          GRAPH ?expr {{
            ?expr eli:realizes ?work ; eli:language ?langIri ; mkb:provisionCount ?provisions .
            ?work eli:title ?title ; eli:jurisdiction/skos:notation ?jur ; eli:type_document ?typeIri .
            OPTIONAL {{ ?work mkb:citation ?citation }}
            OPTIONAL {{ ?work eli:date_document ?date }}
            OPTIONAL {{ ?work mkb:inForce ?inForce }}
          }}
          {CURRENT_EXPRESSION}
          FILTER(?jur != "INT")
          {jur_filter}
          BIND(REPLACE(STR(?typeIri), '^.*/', '') AS ?type)
          BIND(LCASE(REPLACE(STR(?langIri), '^.*/', '')) AS ?lang)
        }} ORDER BY ?jur ?citation ?title ?lang""")
    for r in rows:
        r["provisions"] = int(r["provisions"])
        r["date"] = r["date"].isoformat() if r["date"] else ""
        r["citation"] = r["citation"] or ""
        r["lang"] = ISO_LANGUAGES.get(r["lang"].upper(), r["lang"])
    return rows


def find_expressions(kb: KnowledgeBase, ref: str) -> list[str]:
    """Current expressions matching an IRI (work or expression) or a citation/number."""
    value = _literal(ref.strip())
    rows = kb.rows(f"""
        SELECT DISTINCT ?expr WHERE {{
          GRAPH ?expr {{ ?expr eli:realizes ?work .
            OPTIONAL {{ ?work mkb:citation ?citation }} OPTIONAL {{ ?work eli:number ?number }} }}
          {CURRENT_EXPRESSION}
          FILTER(STR(?expr) = "{value}" || STR(?work) = "{value}"
                 || LCASE(STR(?citation)) = LCASE("{value}") || LCASE(STR(?number)) = LCASE("{value}"))
        }} ORDER BY ?expr""")
    return [r["expr"] for r in rows]


def outline(kb: KnowledgeBase, expr: str, orders: range | None = None) -> list[dict]:
    """Provisions of one expression in document order with their depth in the hierarchy.

    ``orders`` keeps the provisions whose position (``mkb:order``) is in the range, e.g. one
    of the ``sections``; depths then count from the range's top-most provisions.  The range
    is given as VALUES inside the graph pattern, which Oxigraph answers by index lookups (a
    FILTER on ?order scans the whole instrument: 17 ms against 5 ms for 120 of 3,000).
    """
    scope = f"VALUES ?order {{ {' '.join(map(str, orders))} }}" if orders is not None else ""
    rows = kb.rows(f"""
        SELECT ?p ?parent ?kind ?number ?heading ?order ?start ?end ?text WHERE {{
          GRAPH <{expr}> {{
            {scope}
            ?p mkb:order ?order ; a eli:LegalResourceSubdivision ; eli:is_part_of ?parent ; mkb:kind ?kind ;
               eli:number ?number ; mkb:start ?start ; mkb:end ?end ; mkb:text ?text .
            OPTIONAL {{ ?p eli:title ?heading }}
          }}
        }} ORDER BY ?order""")
    depth = {expr: -1}
    for r in rows:
        r["depth"] = depth.get(r["parent"], -1) + 1
        depth[r["p"]] = r["depth"]
        r["heading"] = r["heading"] or ""
    return rows


SECTION_SIZE = 120


def sections(kb: KnowledgeBase, expr: str, size: int = SECTION_SIZE) -> list[dict]:
    """The expression cut into reading sections of at most about ``size`` provisions.

    A 3,000-provision Act is 2 MB of HTML in one piece: too slow to send and to read.
    Consecutive top-level divisions share a section while they fit; a division larger than
    ``size`` is cut the same way among its children, its own heading and opening words going
    with the first of them.  Provisions are numbered in document order with each subtree
    contiguous, so a section is a range of positions, which ``outline`` reads in one query.
    Only the divisions too large for one section are looked into, one small query each.

    Each section (at least one, empty for an instrument without provisions): ``number``
    (from 1); ``orders``, the range of positions; ``text``, the range of character offsets
    it shows (up to where the next section starts); ``within``, the cut divisions it is part
    of, outermost first (``p``, ``order``, ``label``); ``first``/``last``, the labels a reader
    names it by (its first provision, and the last one at the level it was cut at).
    """
    total = kb.rows(f"""SELECT ?n (STRLEN(?full) AS ?length) WHERE {{ GRAPH <{expr}> {{
        <{expr}> mkb:provisionCount ?n ; mkb:fullText ?full }} }}""")
    count, length = (int(total[0]["n"]), int(total[0]["length"])) if total else (0, 0)
    out = _cut(kb, expr, expr, count, size, []) or [
        {"orders": range(0), "start": 0, "within": [], "first": "", "last": ""}]
    for number, section in enumerate(out, 1):
        following = out[number]["start"] if number < len(out) else length
        section.update(number=number, text=range(section.pop("start"), following))
    return out


def _cut(kb: KnowledgeBase, expr: str, parent: str, stop: int, size: int, within: list[dict]) -> list[dict]:
    """Sections of ``parent``'s children, whose subtrees end before position ``stop``."""
    children = kb.rows(f"""
        SELECT ?p ?kind ?number ?heading ?order ?start WHERE {{ GRAPH <{expr}> {{
          ?p eli:is_part_of <{parent}> ; mkb:kind ?kind ; eli:number ?number ; mkb:order ?order ;
             mkb:start ?start .
          OPTIONAL {{ ?p eli:title ?heading }} }} }} ORDER BY ?order""")
    ends = [c["order"] for c in children[1:]] + [stop]
    out, group = [], []

    def close_group() -> None:
        if group:
            out.append({"orders": range(group[0]["order"], group[-1]["end"]), "start": group[0]["start"],
                        "within": within, "first": provision_label(group[0]),
                        "last": provision_label(group[-1])})
            group.clear()

    for child, end in zip(children, ends):
        child["end"] = end
        if end - child["order"] > size:
            close_group()
            division = {"p": child["p"], "order": child["order"], "label": provision_label(child)}
            inner = _cut(kb, expr, child["p"], end, size, [*within, division])
            # the division's own heading and opening words open its first section
            inner[0].update(orders=range(child["order"], inner[0]["orders"].stop), start=child["start"],
                            within=within, first=division["label"])
            out += inner
            continue
        if group and end - group[0]["order"] > size:
            close_group()
        group.append(child)
    close_group()
    return out


def provision_label(row: dict) -> str:
    """How a reader names a provision: "Section 3", or its heading when it has no number."""
    if row["number"]:
        return f"{row['kind'].capitalize()} {row['number']}"
    return (row["heading"] or "") or row["kind"].capitalize()


def position(kb: KnowledgeBase, expr: str, provision: str) -> int | None:
    """Where ``provision`` stands in the document order of ``expr`` (None if not there)."""
    rows = kb.rows(f"SELECT ?order WHERE {{ GRAPH <{expr}> {{ <{provision}> mkb:order ?order }} }}")
    return rows[0]["order"] if rows else None


def section_of(kb: KnowledgeBase, expr: str, all_sections: list[dict], provision: str) -> dict:
    """The section holding ``provision`` (the first section when it is not in ``expr``)."""
    order = position(kb, expr, provision)
    return next((s for s in all_sections if order in s["orders"]), all_sections[0])


def expression_of(kb: KnowledgeBase, node: str) -> str:
    """The current expression holding a provision (or a tag on it)."""
    provision = tagged_provision(node)
    rows = kb.rows(f"SELECT ?g WHERE {{ GRAPH ?g {{ <{provision}> mkb:kind ?k }} {CURRENT_EXPRESSION.replace('?expr', '?g')} }} LIMIT 1")
    if not rows:
        from .errors import KBError
        raise KBError(f"no provision {provision} in the knowledge base")
    return rows[0]["g"]

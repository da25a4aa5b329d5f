"""What a search returns, and the highlighted fragments that must be safe to render.

Legal text is data, never markup: every character of it goes through ``html.escape`` and the
only tags in ``fragment_html`` are the ``<mark>`` elements this module writes.  A law that
contains ``<script>`` (or a query that asks for it) therefore shows as text.

Fragments are cut from the stored character offsets of the matched terms ("pinpoint"
highlighting), so a hit on a 30-page section costs no re-analysis of its text.  Which terms
each shown hit matched comes from the query evaluation (``attach_matched_terms``): asking
Whoosh to record them would make it record them for every match.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field

from whoosh import highlight

from .facets import FacetValue
from .schema import text_field

FRAGMENT_CHARS = 240
FRAGMENTS = 2


@dataclass
class SearchHit:
    provision: str            # IRI of the unit (Convention paragraph, national article/section)
    expression: str           # IRI of the language expression (also its named graph)
    instrument: str           # IRI of the work
    jurisdiction: str         # "CA", "PE-MDD", "INT"
    title: str
    citation: str
    doc_type: str
    date: str                 # ISO date of the instrument, "" if unknown
    in_force: bool | None
    label: str                # "Art. 4.1", "Section 3"
    number: str
    heading: str
    kind: str
    lang: str
    articles: list[str]       # tagged (not rejected) Convention articles
    obligations: list[str]
    statuses: list[str]       # tag statuses present ("untagged" if none)
    score: float
    fragment_html: str        # escaped text with <mark> around matched words


@dataclass
class SearchResults:
    query: str
    total: int
    page: int
    per_page: int
    hits: list[SearchHit]
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    expansions: dict[str, list[str]] = field(default_factory=dict)   # lang -> lexicon terms

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


class MarkFormatter(highlight.Formatter):
    """Escapes all text; wraps matched words in <mark>."""

    between = " … "

    def _text(self, text):
        return html.escape(text)

    def format_token(self, text, token, replace=False):
        return f"<mark>{html.escape(highlight.get_text(text, token, replace))}</mark>"


HIGHLIGHTER = highlight.Highlighter(
    fragmenter=highlight.PinpointFragmenter(maxchars=FRAGMENT_CHARS, surround=60, autotrim=True,
                                            charlimit=None),
    formatter=MarkFormatter(), order=highlight.FIRST)


def attach_matched_terms(results, docterms: dict[int, list[tuple[str, bytes]]]) -> None:
    """Give Whoosh ``results`` the matched terms of the documents about to be highlighted,
    in the two maps its highlighter reads (as a search with ``terms=True`` would)."""
    termdocs: dict[tuple[str, bytes], list[int]] = {}
    for docnum, terms in docterms.items():
        for term in terms:
            termdocs.setdefault(term, []).append(docnum)
    results.docterms, results.termdocs = docterms, termdocs


def _split(value: str) -> list[str]:
    return [v for v in (value or "").split(",") if v]


def fragment(hit) -> str:
    """Highlighted, escaped fragment of a hit; the escaped opening of its text if no word of
    the query is in it (a filter-only query, a match on the title)."""
    body = hit["body"]
    marked = HIGHLIGHTER.highlight_hit(hit, text_field(hit["lang"]), text=body, top=FRAGMENTS)
    if marked:
        return marked
    opening = body[:FRAGMENT_CHARS]
    return html.escape(opening) + ("…" if len(body) > FRAGMENT_CHARS else "")


def to_hit(hit) -> SearchHit:
    in_force = {"true": True, "false": False}.get(hit.get("in_force"))
    return SearchHit(
        provision=hit["provision"], expression=hit["expr"], instrument=hit["instrument"],
        jurisdiction=hit["jurisdiction"], title=hit["title"], citation=hit.get("citation", ""),
        doc_type=hit["type"], date=hit.get("date", ""), in_force=in_force,
        label=hit.get("label", ""), number=hit.get("number", ""), heading=hit.get("heading", ""),
        kind=hit["kind"], lang=hit["lang"], articles=_split(hit.get("article")),
        obligations=_split(hit.get("obligation")), statuses=_split(hit.get("status")),
        score=hit.score if isinstance(hit.score, float) else 0.0,   # sort keys when by date
        fragment_html=fragment(hit))

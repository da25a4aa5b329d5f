"""Parse a reviewer's query and run it: words, phrases, AND/OR/NOT, ``field:value``,
wildcards and fuzzy terms, plus keyword filters, facets, sorting and pages.

Whoosh's parser never fails: it silently drops a stray parenthesis, reads ``foo:bar`` as
two words and turns ``year:abc`` into a query matching nothing.  A reviewer who mistyped
deserves to be told, so the query is checked first and every problem raises a
``QueryError`` saying what is wrong.
"""
from __future__ import annotations

import re
from functools import lru_cache

from whoosh import query as Q
from whoosh.qparser import (FuzzyTermPlugin, MultifieldPlugin, PhrasePlugin, PrefixPlugin,
                            QueryParser, syntax)
from whoosh.searching import Results
from whoosh.sorting import FieldFacet, ScoreFacet

from ..errors import QueryError
from .crosslang import expand
from .live import live
from .matchset import Evaluation
from .results import SearchResults, attach_matched_terms, to_hit
from .schema import QUERY_FIELDS, TEXT_FIELDS, build_schema

OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
BINARY = OPERATORS - {"NOT"}
MAX_PER_PAGE = 100
_FIELD_PREFIX = re.compile(r"(?<![\w:/])([A-Za-z_][\w-]*):(?!/)")
_TOKENS = re.compile(r'"[^"]*"|[^\s()]+|[()]')


@lru_cache(maxsize=1)
def parsers() -> tuple[QueryParser, QueryParser]:
    """(full parser, tree parser): the second leaves unfielded words unassigned, so the
    checks and the cross-language expansion can tell the user's plain words apart."""
    schema = build_schema()
    tree = QueryParser(None, schema)
    tree.add_plugin(FuzzyTermPlugin())
    full = QueryParser(None, schema)
    full.add_plugin(FuzzyTermPlugin())
    full.add_plugin(MultifieldPlugin(list(TEXT_FIELDS.values())))
    return full, tree


def check_text(text: str) -> None:
    """Balanced quotes and parentheses, operators with operands, known field names."""
    if text.count('"') % 2:
        raise QueryError('unbalanced quote: close the phrase with a second "')
    depth = 0
    for token in _TOKENS.findall(text):
        depth += {"(": 1, ")": -1}.get(token, 0)
        if depth < 0:
            raise QueryError("unbalanced parentheses: a ')' has no matching '('")
    if depth:
        raise QueryError("unbalanced parentheses: a '(' is never closed")
    tokens = [t for t in _TOKENS.findall(text) if t not in "()"]
    for i, token in enumerate(tokens):
        if token not in OPERATORS:
            continue
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        if after is None or after in BINARY:
            raise QueryError(f"the operator {token} needs a search term after it")
        if token in BINARY and (i == 0 or tokens[i - 1] in OPERATORS):
            raise QueryError(f"the operator {token} needs a search term before it")
    unquoted = re.sub(r'"[^"]*"', " ", text)
    for name in _FIELD_PREFIX.findall(unquoted):
        if name not in QUERY_FIELDS and name not in TEXT_FIELDS.values():
            raise QueryError(f"unknown field {name!r}; fields: {', '.join(QUERY_FIELDS)}")


def check_tree(node, negated: bool = False, words: list | None = None) -> list[str]:
    """Validate field values and wildcards; return the plain positive words of the query."""
    words = [] if words is None else words
    if isinstance(node, syntax.NotGroup):
        negated = True
    if getattr(node, "fieldname", None) == "year":
        values = [getattr(node, "start", None), getattr(node, "end", None)] \
            if isinstance(node, syntax.RangeNode) else [getattr(node, "text", "")]
        if any(v and not str(v).isdigit() for v in values):
            raise QueryError("year: expects a year such as year:2014 or year:[2010 TO 2020]")
    if isinstance(node, PrefixPlugin.PrefixNode) or \
            isinstance(node, syntax.TextNode) and re.search(r"[*?]", node.text or ""):
        if len(re.sub(r"[*?]", "", node.text)) < 2:
            raise QueryError(f"the wildcard {node.text!r} is too broad: give at least two letters")
    if isinstance(node, (syntax.WordNode, PhrasePlugin.PhraseNode)) and node.fieldname is None \
            and not negated:
        words += re.findall(r"\w+", node.text)
    if isinstance(node, syntax.GroupNode):
        for n, child in enumerate(node):
            check_tree(child, negated or (isinstance(node, syntax.AndNotGroup) and n > 0), words)
    return words


def parse(text: str) -> tuple[Q.Query, list[str]]:
    """The query for ``text`` (everything if empty) and its plain words."""
    text = (text or "").strip()
    if not text:
        return Q.Every(), []
    check_text(text)
    full, tree = parsers()
    try:
        nodes, parsed = tree.process(text), full.parse(text)
    except Exception as err:               # noqa: BLE001 - whoosh raises assorted errors
        raise QueryError(f"cannot read the query {text!r}: {err}") from err
    words = check_tree(nodes)
    if parsed is Q.NullQuery:
        raise QueryError(f"the query {text!r} has no searchable word (only stop words?)")
    check_phrases(parsed, full.schema)
    return parsed, words


def check_phrases(query: Q.Query, schema) -> None:
    """Phrases only in fields that record word positions: titles, citations and headings
    do not, and Whoosh cannot match a phrase there."""
    for leaf in query.leaves():
        if isinstance(leaf, Q.Phrase) and not schema[leaf.fieldname].format.supports("positions"):
            words = " ".join(leaf.words)
            raise QueryError(f"{leaf.fieldname}: cannot hold a phrase (word order is not "
                             f"indexed there); search {leaf.fieldname}:({words}) instead")


def _values(value) -> list[str]:
    if value is None or value == "":
        return []
    return [str(v) for v in (value if isinstance(value, (list, tuple, set)) else [value])]


def filter_query(jurisdiction=None, instrument=None, article=None, lang=None, status=None,
                 doc_type=None, in_force=None) -> Q.Query | None:
    """Keyword filters as one query; a list value means any of its values.

    A jurisdiction includes its subdivisions ("PE" also finds "PE-MDD").  ``article`` and
    ``status`` together mean a tag of that article with that status, not one of each.
    """
    parts = []
    if jurisdiction is not None:
        codes = [j.lower() for j in _values(jurisdiction)]
        parts.append(Q.Or([q for c in codes for q in (Q.Term("jurisdiction", c),
                                                      Q.Prefix("jurisdiction", c + "-"))]))
    if instrument is not None:
        parts.append(Q.Or([q for v in _values(instrument)
                           for q in (Q.Term("instrument", v), Q.Term("expr", v))]))
    articles = [a.lower() for a in _values(article)]
    statuses = [s.lower() for s in _values(status)]
    if articles and statuses and "untagged" not in statuses:
        parts.append(Q.Or([Q.Term("tag", f"{a}|{s}") for a in articles for s in statuses]))
    else:
        if articles:
            parts.append(Q.Or([Q.Term("article", a) for a in articles]))
        if statuses:
            parts.append(Q.Or([Q.Term("status", s) for s in statuses]))
    for name, value in (("lang", lang), ("type", doc_type)):
        if value is not None:
            parts.append(Q.Or([Q.Term(name, v.lower()) for v in _values(value)]))
    if in_force is not None:
        parts.append(Q.Term("in_force", "true" if in_force else "false"))
    return Q.And(parts) if parts else None


def search(index_dir, query: str = "", *, jurisdiction=None, instrument=None, article=None,
           lang=None, status=None, doc_type=None, in_force=None, sort: str = "relevance",
           page: int = 1, per_page: int = 10, cross_language: bool = False,
           facets: bool = True) -> SearchResults:
    """Search the index in ``index_dir``; see the package docstring for the query syntax."""
    if sort not in ("relevance", "date"):
        raise QueryError(f"sort must be 'relevance' or 'date', not {sort!r}")
    if page < 1 or not 1 <= per_page <= MAX_PER_PAGE:
        raise QueryError(f"page must be ≥ 1 and per_page between 1 and {MAX_PER_PAGE}")
    current = live(index_dir)
    searcher = current.searcher
    user_query, words = parse(query)
    expansion = expand(words) if cross_language else None
    if expansion and expansion.query is not None:
        user_query = Q.Or([user_query, expansion.query])
    filters = filter_query(jurisdiction, instrument, article, lang, status, doc_type, in_force)
    final = Q.And([user_query, Q.ConstantScoreQuery(filters, 0.0)]) if filters else user_query
    # Every match (for the total and the facets), scored when the query allows it; the
    # page comes from those scores, or from Whoosh when sorting by date or for the rare
    # queries scored only by Whoosh (see matchset.py).
    evaluation = Evaluation(searcher, final)
    if sort == "relevance" and evaluation.scores is not None:
        results = Results(searcher, final, evaluation.top(page * per_page))
    else:
        sortedby = [FieldFacet("date", reverse=True), ScoreFacet()] if sort == "date" else None
        results = searcher.search(final, limit=page * per_page, sortedby=sortedby)
    shown = results[(page - 1) * per_page:page * per_page]
    attach_matched_terms(results, evaluation.matched_terms([hit.docnum for hit in shown]))
    return SearchResults(
        query=query, total=len(evaluation.docs), page=page, per_page=per_page,
        hits=[to_hit(hit) for hit in shown],
        facets=current.facets.counts(evaluation.docs) if facets else {},
        expansions=expansion.terms if expansion else {})

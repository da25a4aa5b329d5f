"""Every document a query matches, with its relevance score, as NumPy arrays.

The total and the facet counts need all matches, the page only the best ten.  Whoosh finds
all matches by walking its matchers document by document and scoring each, about 8 µs per
matching document for a word and 50 µs for a phrase: 100 ms for a common word at 100,000
provisions.  Worse, when asked for the top ten it skips blocks that cannot reach them, so the
matches it collects on the way are *not* all matches (totals and facets came out short).
Here the query tree is evaluated on whole postings lists, read block by block:

* a term is its postings list, scored with BM25F as Whoosh scores it (same formula, idf and
  average field length, field lengths from the same length bytes);
* ``And``/``Or``/``AndNot``/``AndMaybe`` are intersections, unions and differences whose
  scores add up as in Whoosh's matchers; a constant-score wrapper (the keyword filters) gives
  its constant;
* a phrase is the intersection of its words' lists, kept where the words' positions follow
  each other (decoded only for documents that have every word), scored as the sum of its
  words, as Whoosh scores phrase matches;
* ``NOT`` is the complement, with Whoosh's constant score;
* wildcards, prefixes, fuzzy terms and numeric ranges are the union of the terms they
  expand to, not scored here.

A node outside this list (proximity phrases ``"a b"~3``) is matched by Whoosh's own matcher.
The match set is exact either way; when some node is not scored here ``Evaluation.scores``
is None and the caller ranks the page with Whoosh.

The evaluation also records which positive query terms each document contains, which is
what pinpoint highlighting needs (``matched_terms``).
"""
from __future__ import annotations

import weakref
from functools import reduce

import numpy as np
from whoosh import query as Q
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher
from whoosh.scoring import BM25F
from whoosh.util.numeric import byte_to_length

from .schema import FACET_FIELDS, MULTI_VALUED

_EMPTY = np.zeros(0, dtype=np.int64)
_LENGTH_OF_BYTE = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)
# Per segment reader: field -> each document's field length (as Whoosh's scorer sees it).
_LENGTHS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
# Per segment reader: (field, term) -> (docnums, weights), for the fields filters use.
_FILTER_POSTINGS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_FILTER_FIELDS = frozenset(FACET_FIELDS) | MULTI_VALUED | {"year"}


class Evaluation:
    """The matches of one query over a searcher's segments."""

    def __init__(self, searcher, query: Q.Query):
        self.searcher = searcher
        self.weighting = searcher.weighting if isinstance(searcher.weighting, BM25F) else None
        self.scored = self.weighting is not None
        self.term_docs: dict[tuple[str, bytes], list[np.ndarray]] = {}
        parts = []
        for sub, offset in searcher.leaf_searchers():
            self.offset = offset
            ids, scores = self.node(query, sub, negated=False)
            parts.append((ids + offset, scores))
        self.docs = np.concatenate([ids for ids, _ in parts]) if parts else _EMPTY
        self.scores = None if not self.scored or any(s is None for _, s in parts) \
            else np.concatenate([s for _, s in parts]) if parts else np.zeros(0)

    def top(self, count: int) -> list[tuple[float, int]]:
        """The ``count`` best (score, docnum), best first; ties by document number, as
        Whoosh orders them."""
        order = np.lexsort((self.docs, -self.scores))[:count]
        return [(float(self.scores[i]), int(self.docs[i])) for i in order]

    def matched_terms(self, docnums: list[int]) -> dict[int, list[tuple[str, bytes]]]:
        """The positive query terms each of ``docnums`` contains."""
        out: dict[int, list[tuple[str, bytes]]] = {d: [] for d in docnums}
        wanted = np.array(docnums, dtype=np.int64)
        for term, lists in self.term_docs.items():
            found = np.zeros(len(wanted), dtype=bool)
            for docs in filter(len, lists):   # sorted: a binary search per shown document
                at = np.minimum(np.searchsorted(docs, wanted), len(docs) - 1)
                found |= docs[at] == wanted
            for d in wanted[found].tolist():
                out[d].append(term)
        return out

    # --- evaluation of one segment; ids are segment-local, sorted, unique ---

    def node(self, query, searcher, negated: bool):
        """(docnums, scores or None) of ``query`` in one segment."""
        reader = searcher.reader()
        if isinstance(query, Q.Term):
            return self.term(reader, query.fieldname, query.text, query.boost, negated)
        if isinstance(query, Q.And):
            return _boosted(reduce(_intersect, [self.node(q, searcher, negated)
                                                for q in query.subqueries]), query.boost)
        if isinstance(query, Q.Or) and not query.minmatch and not query.scale:
            return _boosted(_union([self.node(q, searcher, negated)
                                    for q in query.subqueries]), query.boost)
        if isinstance(query, Q.Not):
            ids, _ = self.node(query.query, searcher, not negated)
            ids = np.setdiff1d(_all_docs(reader), ids, assume_unique=True)
            return ids, np.full(len(ids), float(query.boost))
        if isinstance(query, Q.AndNot):
            (a, sa), (b, _) = self.node(query.a, searcher, negated), \
                self.node(query.b, searcher, not negated)
            keep = ~np.isin(a, b, assume_unique=True)
            return a[keep], None if sa is None else sa[keep]
        if isinstance(query, Q.AndMaybe):
            a, sa = self.node(query.a, searcher, negated)
            b, sb = self.node(query.b, searcher, negated)
            if sa is None or sb is None:
                return a, None
            sa = sa.copy()
            _, ia, ib = np.intersect1d(a, b, assume_unique=True, return_indices=True)
            sa[ia] += sb[ib]
            return a, sa
        if isinstance(query, Q.ConstantScoreQuery):
            # Whoosh's constant-weight matcher takes a zero constant for "none" and scores 1.
            ids, _ = self.node(query.child, searcher, negated)
            return ids, np.full(len(ids), float(query.score) or 1.0)
        if isinstance(query, Q.Every) and not query.fieldname:
            ids = _all_docs(reader)
            return ids, np.full(len(ids), float(query.boost))
        if isinstance(query, Q.Phrase) and query.slop == 1:
            return self.phrase(reader, query, negated)
        if query is Q.NullQuery:
            return _EMPTY, np.zeros(0)
        if isinstance(query, Q.NumericRange):                # year:[2010 TO 2020]
            return self.node(query._compile_query(reader), searcher, negated)
        if isinstance(query, Q.MultiTerm) and query.fieldname in reader.schema:
            return self.expanded(reader, query, negated)
        return self.whoosh(query, searcher, negated)

    def whoosh(self, query, searcher, negated: bool):
        """Whoosh's own matcher, for the nodes not evaluated here: exact, not scored."""
        ids = np.fromiter(query.docs(searcher), dtype=np.int64)
        if not negated:
            for fieldname, btext in query.existing_terms(searcher.reader(), phrases=True,
                                                          expand=True):
                self.term(searcher.reader(), fieldname, btext, 1.0, negated, raw=True)
        return ids, None

    def term(self, reader, fieldname: str, text, boost: float, negated: bool, raw=False):
        """A term's postings with BM25F scores (``raw``: ``text`` is already bytes)."""
        btext = text if raw else _to_bytes(reader, fieldname, text)
        if btext is None or (fieldname, btext) not in reader:
            return _EMPTY, np.zeros(0)
        ids, weights = _postings(reader, fieldname, btext)
        if not negated:
            self.term_docs.setdefault((fieldname, btext), []).append(ids + self.offset)
        return ids, self.bm25(reader, fieldname, btext, ids, weights) * boost

    def bm25(self, reader, fieldname, btext, ids, weights):
        """Whoosh's ``BM25FScorer`` (or ``WeightScorer`` for unscored fields), vectorised."""
        if not self.scored:
            return None
        if not reader.schema[fieldname].scorable:
            return weights
        w = self.weighting
        B = w._field_B.get(fieldname, w.B)
        K1 = w.K1
        idf = self.searcher.idf(fieldname, btext)
        avgfl = self.searcher.avg_field_length(fieldname) or 1
        fl = _field_lengths(reader, fieldname)[ids]
        return idf * ((weights * (K1 + 1)) / (weights + K1 * ((1 - B) + B * fl / avgfl)))

    def expanded(self, reader, query: Q.MultiTerm, negated: bool):
        """Union of the terms a wildcard, prefix, fuzzy term or range expands to.  Not
        scored: Whoosh scores these with a weighting switched off per sub-matcher, which
        is left to it.

        ``_btexts`` is how each of these classes lists its terms; fuzzy terms list them as
        text rather than bytes (which also breaks Whoosh's own ``simplify``).
        """
        field = reader.schema[query.fieldname]
        terms = {t if isinstance(t, bytes) else field.to_bytes(t) for t in query._btexts(reader)}
        found = [self.term(reader, query.fieldname, t, 1.0, negated, raw=True)
                 for t in sorted(terms)]
        ids = np.unique(np.concatenate([ids for ids, _ in found])) if found else _EMPTY
        return ids, None

    def phrase(self, reader, query: Q.Phrase, negated: bool):
        """Documents where the words occur at consecutive positions (Whoosh's slop 1).

        Each word's postings are read once, with their values; positions are decoded only
        in the documents that have every word, and only while some can still match.  A
        possible start is one integer, document << 32 | position, so following the phrase
        word by word is an intersection of sorted arrays.
        """
        fieldname, words = query.fieldname, query.words
        postings = []
        for word in words:
            btext = _to_bytes(reader, fieldname, word)
            if btext is None or (fieldname, btext) not in reader:
                return _EMPTY, np.zeros(0)
            postings.append((btext, *_read(reader.postings(fieldname, btext), values=True)))
        if not postings:
            return _EMPTY, np.zeros(0)
        candidates = reduce(lambda a, b: np.intersect1d(a, b, assume_unique=True),
                            (ids for _, ids, _, _ in postings))
        positions_of = reader.schema[fieldname].format.positions_of
        starts = _EMPTY
        for n, (_, ids, _, values) in enumerate(postings):
            owner, positions = positions_of([values[i] for i in
                                             np.searchsorted(ids, candidates).tolist()])
            keep = positions >= n                    # word n at p: the phrase starts at p - n
            keys = (candidates[owner[keep]] << 32) | (positions[keep] - n)
            starts = keys if n == 0 else np.intersect1d(starts, keys, assume_unique=True)
            candidates = _distinct(starts >> 32)
            if not len(candidates):
                break
        scores = np.zeros(len(candidates)) if self.scored else None
        for btext, ids, weights, _ in postings:
            if not negated:
                self.term_docs.setdefault((fieldname, btext), []).append(candidates + self.offset)
            if scores is not None:
                at = np.searchsorted(ids, candidates)
                scores += self.bm25(reader, fieldname, btext, ids[at], weights[at])
        return candidates, None if scores is None else scores * query.boost


def _to_bytes(reader, fieldname: str, text) -> bytes | None:
    if fieldname not in reader.schema:
        return None
    try:
        return reader.schema[fieldname].to_bytes(text)
    except ValueError:
        return None


def _postings(reader, fieldname: str, btext: bytes) -> tuple[np.ndarray, np.ndarray]:
    """(docnums, weights) of a term, kept per reader (read-only) for the filter fields.

    Their few terms (``in_force:true``, ``type:regulation``, ``lang:fr``) have postings as
    long as a good part of the index and come back in most queries: reading them block by
    block each time was most of a filtered query.
    """
    if fieldname not in _FILTER_FIELDS:
        return _read(reader.postings(fieldname, btext))[:2]
    cache = _FILTER_POSTINGS.setdefault(reader, {})
    if (fieldname, btext) not in cache:
        ids, weights, _ = _read(reader.postings(fieldname, btext))
        ids.flags.writeable = weights.flags.writeable = False
        cache[fieldname, btext] = ids, weights
    return cache[fieldname, btext]


def _read(matcher, values: bool = False):
    """(docnums, weights, encoded values or None) of a whole postings list.

    A segment without deletions gives a ``W3LeafMatcher``, read a block at a time (document
    numbers are stored delta-encoded, hence the cumulative sum).  A segment with deletions
    wraps it in a filtering matcher, read posting by posting.
    """
    ids, weights, vals = [], [], [] if values else None
    if isinstance(matcher, W3LeafMatcher):
        while matcher.is_active():
            matcher._read_data()
            block_ids, block_weights = matcher._data[0], matcher._data[1]
            ids.append(np.cumsum(np.asarray(block_ids, dtype=np.int64)))
            # as _read_weights: None means all 1.0, a float is everyone's weight
            if block_weights is None or isinstance(block_weights, float):
                weights.append(np.full(len(block_ids), block_weights or 1.0))
            else:
                weights.append(np.asarray(block_weights, dtype=np.float64))
            if values:
                matcher._read_values()
                vals.extend(matcher._values)
            matcher._next_block()
        return (np.concatenate(ids) if ids else _EMPTY,
                np.concatenate(weights) if weights else np.zeros(0), vals)
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        if values:
            vals.append(matcher.value())
        matcher.next()
    return np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float64), vals


def _field_lengths(reader, fieldname: str) -> np.ndarray:
    """Each document's length in ``fieldname`` (what ``doc_field_length`` answers), read
    from the segment's lengths column once per reader (through its per-document reader:
    the segment reader only offers one length at a time)."""
    cache = _LENGTHS.setdefault(reader, {})
    if fieldname not in cache:
        column = f"_{fieldname}_len"
        perdoc = reader._perdoc
        if perdoc.has_column(column):
            codes = np.fromiter(perdoc.column_reader(column, LENGTHS_COLUMN), dtype=np.uint8)
            lengths = _LENGTH_OF_BYTE[codes]
        else:
            lengths = np.zeros(reader.doc_count_all())
        cache[fieldname] = np.where(lengths > 0, lengths, 1.0)
    return cache[fieldname]


def _distinct(ordered: np.ndarray) -> np.ndarray:
    """The distinct values of a sorted array, without sorting or hashing it again."""
    keep = np.ones(len(ordered), dtype=bool)
    keep[1:] = ordered[1:] != ordered[:-1]
    return ordered[keep]


def _all_docs(reader) -> np.ndarray:
    if reader.has_deletions():
        return np.fromiter(reader.all_doc_ids(), dtype=np.int64)
    return np.arange(reader.doc_count_all(), dtype=np.int64)


def _boosted(matches, boost: float):
    ids, scores = matches
    return ids, scores if scores is None or boost == 1.0 else scores * boost


def _intersect(left, right):
    (a, sa), (b, sb) = left, right
    ids, ia, ib = np.intersect1d(a, b, assume_unique=True, return_indices=True)
    return ids, None if sa is None or sb is None else sa[ia] + sb[ib]


def _union(parts):
    if not parts:
        return _EMPTY, np.zeros(0)
    if len(parts) == 1:
        return parts[0]
    ids, inverse = np.unique(np.concatenate([p[0] for p in parts]), return_inverse=True)
    if any(s is None for _, s in parts):
        return ids, None
    scores = np.bincount(inverse, weights=np.concatenate([s for _, s in parts]),
                         minlength=len(ids))
    return ids, scores

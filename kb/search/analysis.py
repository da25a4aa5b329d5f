"""Text analysis per language: what makes "exporté" find "exportation" and "exportar" find
"exportación".

Each language gets its own chain (tokenise, lower-case, drop that language's stop words,
Snowball-stem, then fold accents).  Stemming runs *before* accent folding because the
Snowball stemmers key on accented suffixes (Spanish "-ación"); folding afterwards lets a
query typed without accents ("reglement") meet the accented text ("règlement") whenever
the stems agree.  Metadata text (titles, headings) is multilingual within one field, so it
gets a neutral chain: no stemming, no stop words, accents folded.

The chain is Whoosh's ``LanguageAnalyzer(lang) | CharsetFilter(accent_map)`` computed by one
tokenizer (``FoldingTokenizer``): what a word becomes depends only on the word, so each
distinct lower-cased word is analysed once and memoised.  Whoosh's filter chain passes every
token through four generators and a cache wrapper, which made analysis the largest cost of
indexing; legal vocabulary is small, so nearly every token is a dictionary hit.  Indexing
goes one step further (``FoldedCharacters``): the posting values are built straight from the
regular-expression matches, without a Token object per word, as arrays of integers.
"""
from __future__ import annotations

from array import array
from functools import lru_cache
from itertools import chain

import numpy as np
from whoosh.analysis import StopFilter, Token, Tokenizer
from whoosh.analysis.tokenizers import default_pattern
from whoosh.formats import Characters
from whoosh.lang import stemmer_for_language
from whoosh.support.charset import accent_map
from whoosh.util.text import rcompile

# Languages with their own text field; anything else is indexed with the neutral chain.
LANGUAGES = ("en", "fr", "es", "nl")
OTHER = "xx"
# Distinct words remembered per chain; past this the memo starts afresh (bounded memory
# in a long-running server that indexes texts of many languages).
MEMO_WORDS = 200_000
_UNSEEN = object()
_TRIPLE = 3 * array("I").itemsize      # bytes per occurrence in a posting value


class FoldingTokenizer(Tokenizer):
    """Tokenise, lower-case, drop stop words, stem and fold accents in one pass.

    Produces exactly the tokens (text, positions, characters, ``stopped``) of Whoosh's
    ``RegexTokenizer | LowercaseFilter | StopFilter(lang) | StemFilter(lang) |
    CharsetFilter(accent_map)`` for a language, or of ``RegexTokenizer | LowercaseFilter |
    CharsetFilter(accent_map)`` when ``lang`` is None, in every mode Whoosh calls an analyzer
    with (indexing, query words, ``tokenize=False`` for wildcards, ``removestops=False`` for
    highlighting).  Positions are renumbered over the kept words as ``StopFilter`` does, so
    phrase queries skip stop words the same way.
    """

    def __init__(self, lang: str | None):
        self.lang = lang
        self.expression = rcompile(default_pattern)
        if lang is None:
            self.stops, self.minsize, self.stem = frozenset(), 0, None
        else:
            stop = StopFilter(lang=lang)   # Whoosh's list: the language's plus English ones
            self.stops, self.minsize = stop.stops, stop.min
            self.stem = stemmer_for_language(lang)
        self.is_morph = lang is not None
        self.memo: dict[str, str | None] = {}

    # Pickled into the index's table of contents: the language says it all.
    def __getstate__(self):
        return {"lang": self.lang}

    def __setstate__(self, state):
        self.__init__(state["lang"])

    def __eq__(self, other):
        return isinstance(other, FoldingTokenizer) and other.lang == self.lang

    def term(self, lower: str) -> str | None:
        """Index term of a lower-cased word, or None for a stop word (and memoise it)."""
        if len(lower) < self.minsize or lower in self.stops:
            term = None
        else:
            term = (self.stem(lower) if self.stem else lower).translate(accent_map)
        if len(self.memo) >= MEMO_WORDS:
            self.memo.clear()
        self.memo[lower] = term
        return term

    def occurrences(self, value: str) -> dict[str, list[int]]:
        """Each index term of ``value`` with its occurrences as one flat list (position,
        start char, end char, position, …): what an indexing pass (stop words removed)
        yields, grouped by term, ready to be packed as a posting value."""
        found: dict[str, list[int]] = {}
        memo = self.memo
        kept = None
        for raw, match in enumerate(self.expression.finditer(value)):
            lower = match.group().lower()
            term = memo.get(lower, _UNSEEN)
            if term is _UNSEEN:
                term = self.term(lower)
            if term is None:
                continue
            kept = raw if kept is None else kept + 1
            start, end = match.span()
            places = found.get(term)
            if places is None:
                found[term] = [kept, start, end]
            else:
                places += (kept, start, end)
        return found

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, tokenize=True, mode="",
                 **kwargs):
        assert isinstance(value, str), f"{value!r} is not a str"
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        spans = ((m.group(), m.start(), m.end()) for m in self.expression.finditer(value)) \
            if tokenize else ((value, 0, len(value)),)
        memo = self.memo
        kept = None                          # position of the last kept word
        for raw, (word, start, end) in enumerate(spans, start_pos):
            lower = word.lower()
            term = memo.get(lower, _UNSEEN)
            if term is _UNSEEN:
                term = self.term(lower)
            if term is None:
                if removestops:
                    continue
                t.text, t.stopped = lower.translate(accent_map), True
                if positions:
                    t.pos = raw
            else:
                t.text, t.stopped = term, False
                if positions:
                    kept = t.pos = raw if kept is None else kept + 1
            t.boost = 1.0
            if keeporiginal or not tokenize:
                t.original = word
            if chars:
                t.startchar, t.endchar = start_char + start, start_char + end
            yield t


class FoldedCharacters(Characters):
    """Whoosh's ``Characters`` postings (positions and character offsets, for phrases and
    pinpoint highlights) of a ``FoldingTokenizer`` field, encoded from its ``occurrences``.
    Every token's boost is 1, so a term's weight is its frequency times the field boost.

    A value is a flat array of C unsigned ints (position, start char, end char per
    occurrence, native byte order: the index is a per-machine cache) rather than Whoosh's
    pickled deltas.  A phrase query decodes the positions of every document that has all
    its words, thousands for a common phrase: one ``pickle.loads`` and a Python loop per
    document made that two thirds of the query, where ``positions_of`` reads them all
    with one NumPy call.  The values are about as large as the pickles (12 bytes per
    occurrence against 11) and cheaper to write.
    """

    def word_values(self, value, analyzer, **kwargs):
        boost = self.field_boost
        for term, places in analyzer.occurrences(value).items():
            count = len(places) // 3
            yield term, count, count * boost, _pack(places)

    def encode(self, poslist):
        return _pack(chain.from_iterable(poslist))

    def decode_frequency(self, valuestring):
        return len(valuestring) // _TRIPLE

    def decode_positions(self, valuestring):
        return np.frombuffer(valuestring, dtype=np.uintc)[::3].tolist()

    def decode_characters(self, valuestring):
        return list(map(tuple, np.frombuffer(valuestring, dtype=np.uintc).reshape(-1, 3).tolist()))

    @staticmethod
    def positions_of(values: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
        """Every occurrence in ``values`` as (index of its value, position), in order."""
        if not values:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        counts = np.fromiter(map(len, values), dtype=np.int64, count=len(values)) // _TRIPLE
        flat = np.frombuffer(b"".join(values), dtype=np.uintc)
        return np.repeat(np.arange(len(values)), counts), flat[::3].astype(np.int64)


def _pack(numbers) -> bytes:
    """Posting value of ``FoldedCharacters``: the numbers as C unsigned ints."""
    return array("I", numbers).tobytes()


@lru_cache(maxsize=None)
def language_analyzer(lang: str) -> FoldingTokenizer:
    """The analysis chain of one language's text field (shared: its memo only grows)."""
    if lang not in LANGUAGES:
        return neutral_analyzer()
    return FoldingTokenizer(lang)


@lru_cache(maxsize=None)
def neutral_analyzer() -> FoldingTokenizer:
    """Tokens folded to lower-case ASCII, nothing removed: for titles, headings, citations."""
    return FoldingTokenizer(None)


def analyze(lang: str, text: str) -> list[str]:
    """The index terms ``text`` produces in language ``lang`` (stop words removed)."""
    return [t.text for t in language_analyzer(lang)(text)]

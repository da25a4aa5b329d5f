"""The one-pass, memoised analysis chain must produce exactly Whoosh's filter chain's tokens."""
from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from whoosh.analysis import CharsetFilter, LanguageAnalyzer, LowercaseFilter, RegexTokenizer
from whoosh.formats import Characters
from whoosh.support.charset import accent_map

from kb.search.analysis import (FoldedCharacters, FoldingTokenizer, language_analyzer,
                                neutral_analyzer)
from kb.search.schema import build_schema

NATIONAL = Path(__file__).resolve().parents[2] / "legal_texts" / "national"
TEXTS = [
    "The export of mercury-added products shall be prohibited; exporter, exported, exporting.",
    "Le règlement interdit l'exportation de mercure : exporté, exportations, déchets dangereux.",
    "Queda prohibida la exportación de mercurio y los residuos peligrosos; exportar, exportó.",
    "De uitvoer van kwik is verboden; a an I É Ñ 3.141 big-time under_score ÀÉÎÕÜ",
    "the and of a",                       # stop words only (positions renumbering edge)
    "", "<script>alert('pwned')</script> No person shall sell mercury <b>thermometers</b>.",
]
OPTIONS = [
    {}, {"positions": True, "chars": True, "mode": "index"},
    {"positions": True, "chars": True, "removestops": False, "mode": "index"},
    {"mode": "query", "removestops": False, "tokenize": False},
    {"positions": True, "chars": True, "start_pos": 5, "start_char": 7, "keeporiginal": True},
]


def reference(lang):
    """The chain the index used before: Whoosh's own filters, one generator each."""
    if lang is None:
        return RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)
    return LanguageAnalyzer(lang) | CharsetFilter(accent_map)


def tokens(analyzer, text, options):
    keys = ("text", "stopped", "pos", "startchar", "endchar", "original", "boost")
    return [tuple(getattr(t, k, None) for k in keys) for t in analyzer(text, **options)]


def corpus_sample() -> list[str]:
    return [path.read_text(encoding="utf-8")[:20_000]
            for path in sorted(NATIONAL.rglob("*"))[:12] if path.is_file()]


@pytest.mark.parametrize("lang", ["en", "fr", "es", "nl", None])
def test_same_tokens_as_whoosh_chain(lang):
    ours, theirs = FoldingTokenizer(lang), reference(lang)
    for text in TEXTS + corpus_sample():
        for options in OPTIONS:
            # twice: the second pass is served from the memo
            assert tokens(ours, text, options) == tokens(theirs, text, options)
            assert tokens(ours, text, options) == tokens(theirs, text, options)


def test_memo_is_bounded(monkeypatch):
    monkeypatch.setattr("kb.search.analysis.MEMO_WORDS", 3)
    analyzer = FoldingTokenizer("en")
    words = "mercury exports lamps batteries thermometers amalgams"
    assert [t.text for t in analyzer(words)] == [t.text for t in reference("en")(words)]
    assert len(analyzer.memo) <= 3


def test_survives_pickling_in_the_schema():
    schema = pickle.loads(pickle.dumps(build_schema()))
    assert schema["text_fr"].analyzer == language_analyzer("fr")
    assert schema["title"].analyzer == neutral_analyzer()
    assert [t.text for t in schema["text_es"].analyzer("exportación exportar")] == ["export"] * 2


@pytest.mark.parametrize("lang", ["en", "fr", "es", None])
def test_postings_values_as_whoosh_characters(lang):
    """The one-pass posting values hold what Whoosh's Characters values of the same text
    hold: same terms, frequencies, weights, positions and character offsets, whether read
    one value at a time (Whoosh's highlighter and matchers) or in bulk (phrase queries)."""
    ours = FoldedCharacters()
    theirs = Characters()
    for text in TEXTS + corpus_sample():
        mine = sorted(ours.word_values(text, FoldingTokenizer(lang), mode="index"))
        reference_values = sorted(theirs.word_values(text, reference(lang), mode="index"))
        assert [v[:3] for v in mine] == [v[:3] for v in reference_values]
        for (_, freq, _, value), (_, _, _, expected) in zip(mine, reference_values):
            assert ours.decode_characters(value) == theirs.decode_characters(expected)
            assert ours.decode_positions(value) == theirs.decode_positions(expected)
            assert ours.decode_frequency(value) == freq
            assert ours.encode(ours.decode_characters(value)) == value
        owner, positions = ours.positions_of([v for *_, v in mine])
        assert positions.tolist() == [p for *_, v in reference_values
                                      for p in theirs.decode_positions(v)]
        assert owner.tolist() == [n for n, v in enumerate(mine) for _ in range(v[1])]

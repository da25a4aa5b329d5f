"""Text analysis per language: what makes "exporté" find "exportation" and "exportar" find
"exportación".

Each language gets its own chain (tokenise, lower-case, drop that language's stop words,
Snowball-stem, then fold accents).  Stemming runs *before* accent folding because the
Snowball stemmers key on accented suffixes (Spanish "-ación"); folding afterwards lets a
query typed without accents ("reglement") meet the accented text ("règlement") whenever
the stems agree.  Metadata text (titles, headings) is multilingual within one field, so it
gets a neutral chain: no stemming, no stop words, accents folded.
"""
from __future__ import annotations

from functools import lru_cache

from whoosh.analysis import CharsetFilter, LanguageAnalyzer, LowercaseFilter, RegexTokenizer
from whoosh.support.charset import accent_map

# Languages with their own text field; anything else is indexed with the neutral chain.
LANGUAGES = ("en", "fr", "es", "nl")
OTHER = "xx"


@lru_cache(maxsize=None)
def language_analyzer(lang: str):
    """The analysis chain of one language's text field (shared: chains are stateless)."""
    if lang not in LANGUAGES:
        return neutral_analyzer()
    return LanguageAnalyzer(lang) | CharsetFilter(accent_map)


@lru_cache(maxsize=None)
def neutral_analyzer():
    """Tokens folded to lower-case ASCII, nothing removed: for titles, headings, citations."""
    return RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)


def analyze(lang: str, text: str) -> list[str]:
    """The index terms ``text`` produces in language ``lang`` (stop words removed)."""
    return [t.text for t in language_analyzer(lang)(text)]


"""Guess the language of a legal text (en, fr, es, nl) from function words.

Legal texts are long and full of function words, so counting a few dozen very frequent
words per language is reliable and needs no model download.  Returns None when the
text gives too little evidence, so callers can ask the user instead of guessing.
"""
from __future__ import annotations

import re

_WORDS = {
    "en": "the of and to in shall be or any by for is that with this under which as such",
    "fr": "le la les de des du et en à un une est par pour au aux dans sur qui ne sont doit",
    "es": "el la los las de del y en que por para con se un una al su sus será deberá o",
    "nl": "de het een van en in is op te dat voor met zijn wordt niet door aan bij of",
}
_SETS = {lang: frozenset(words.split()) for lang, words in _WORDS.items()}
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)

SUPPORTED = ("en", "fr", "es")


def detect_language(text: str, min_hits: int = 3) -> str | None:
    """Return the most likely language code of ``text`` or None if undecidable."""
    counts = dict.fromkeys(_SETS, 0)
    for n, token in enumerate(_TOKEN.finditer(text[:20000])):
        word = token.group().lower()
        for lang, words in _SETS.items():
            if word in words:
                counts[lang] += 1
        if n > 3000:
            break
    best = max(counts, key=counts.get)
    ranked = sorted(counts.values(), reverse=True)
    if ranked[0] < min_hits or ranked[0] == ranked[1]:
        return None
    return best

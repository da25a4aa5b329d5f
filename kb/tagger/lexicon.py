"""Load the curated multilingual lexicon (`lexicon/<lang>.yaml`).

The lexicon is data, not code, so a lawyer can extend it without touching the tagger: each
language file lists mercury anchor words, per-article topic terms in three tiers (strong,
terms, weak), vetoes against false friends, enforcement, title and repeal cues, and deontic
triggers.
A term may carry the Convention obligation it identifies, written ``term => 3.6``.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from hashlib import sha256
from pathlib import Path

import yaml

LEXICON_DIR = Path(__file__).with_name("lexicon")
LANGUAGES = ("en", "fr", "es")
TIERS = ("strong", "terms", "weak", "veto")
DEONTIC_LABELS = ("definition", "prohibition", "obligation", "permission")


@dataclass(frozen=True)
class Term:
    """One lexicon entry: a phrase and what it signals."""

    text: str
    kind: str  # "article", "anchor", "negation", "enforcement", "title", "repeal"
    article: str | None = None
    tier: str | None = None  # strong / terms / weak / veto for article terms
    obligation: str | None = None


@dataclass(frozen=True)
class Lexicon:
    lang: str
    terms: tuple[Term, ...]
    deontic: dict[str, tuple[str, ...]]

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(sorted({t.article for t in self.terms if t.article}, key=int))


def spellings(text: str) -> list[str]:
    """A term as written and with the typographic apostrophe (U+2019) that official French
    texts use ("l’effluent"): the tokenizer keeps the two apart, so both must be patterns."""
    return sorted({text, text.replace("'", "\u2019")})


def _entry(raw: str) -> tuple[str, str | None]:
    text, _, obligation = str(raw).partition("=>")
    return text.strip().lower(), (obligation.strip() or None)


@lru_cache(maxsize=None)
def load_lexicon(lang: str) -> Lexicon:
    """Parse ``lexicon/<lang>.yaml`` into Terms (cached: the files do not change at run time)."""
    data = yaml.safe_load((LEXICON_DIR / f"{lang}.yaml").read_text(encoding="utf-8"))
    terms: list[Term] = []
    for kind, key in (("anchor", "anchor"), ("negation", "anchor_negation"),
                      ("enforcement", "enforcement"), ("title", "title"),
                      ("repeal", "repeal")):
        terms += [Term(_entry(raw)[0], kind) for raw in data.get(key) or ()]
    for article, tiers in data["articles"].items():
        for tier in TIERS:
            for raw in tiers.get(tier) or ():
                text, obligation = _entry(raw)
                terms.append(Term(text, "article", str(article), tier, obligation))
    deontic = {label: tuple(t.lower() for t in data["deontic"].get(label) or ())
               for label in DEONTIC_LABELS}
    return Lexicon(lang, tuple(terms), deontic)


def lexicon_digest() -> str:
    """Short hash of all lexicon files: part of the tagger version, so changes are visible."""
    h = sha256()
    for lang in LANGUAGES:
        h.update((LEXICON_DIR / f"{lang}.yaml").read_bytes())
    return h.hexdigest()[:8]

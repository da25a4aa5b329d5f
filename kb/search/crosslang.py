"""Cross-language query expansion through the tagger's lexicon.

The lexicon files (``kb/tagger/lexicon/{en,fr,es}.yaml``) list, per language, the terms
that signal each Convention article, some with the obligation they identify ("export of
mercury => 3.6").  They carry no concept identifiers linking an English term to its French
and Spanish counterparts, so concepts are aligned this way:

1. The query's plain words are matched against every language's entries on stems (an entry
   matches when all its stems are among the query's stems); only maximal matches are kept
   ("mercury export" wins over "export").  The language whose entries cover most query
   words is taken as the query's language.
2. Each matched entry is aligned with the entries of the other languages that share its
   key — mercury anchors with anchors, article terms with terms of the same article *and*
   obligation — and among those, the cognates are picked: the entries whose stems resemble
   the matched entry's stems (``export``/``exportation``/``exportación`` all stem to
   ``export``; ``mercuri``/``mercur`` differ by one letter).  Legal vocabulary in English,
   French and Spanish is largely Latin-derived, which is what makes this work.
3. When no cognate exists ("waste"/"déchets") and the entry names a specific obligation,
   the same-tier entries of that obligation stand in, if there are at most ``FALLBACK``
   of them (more would be a list of different things, as under Annex A's products).
   A concept with no counterpart leaves that target language out of the expansion.

The expansion for a target language requires every query concept (AND), each concept
being any of its translations (OR); query words outside the lexicon are kept as typed, which
suits names and numbers ("Canada", "95").
"""
from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from whoosh import query as Q

from .analysis import analyze
from .schema import text_field

LEXICON_LANGUAGES = ("en", "fr", "es")
COGNATE_RATIO = 0.75
MIN_SCORE = 0.5
FALLBACK = 3


@dataclass(frozen=True)
class Entry:
    lang: str
    text: str
    key: tuple          # ("anchor",) or ("article", article, obligation)
    tier: str
    stems: tuple[str, ...]


@lru_cache(maxsize=1)
def entries() -> tuple[Entry, ...]:
    """Concept-bearing lexicon entries of all languages, with their stems."""
    from ..tagger.lexicon import load_lexicon   # the tagger's loader: one reading of the data

    out = []
    for lang in LEXICON_LANGUAGES:
        for term in load_lexicon(lang).terms:
            if term.kind == "anchor":
                key, tier = ("anchor",), "anchor"
            elif term.kind == "article" and term.tier != "veto":
                key, tier = ("article", term.article, term.obligation), term.tier
            else:
                continue
            stems = tuple(dict.fromkeys(analyze(lang, term.text)))
            if stems:
                out.append(Entry(lang, term.text, key, tier, stems))
    return tuple(out)


def _cognate(a: str, b: str) -> bool:
    return a == b or SequenceMatcher(None, a, b).ratio() >= COGNATE_RATIO


def similarity(a: Entry, b: Entry) -> float:
    """Share of stems, on both sides, that have a cognate on the other side."""
    hits = sum(any(_cognate(x, y) for y in b.stems) for x in a.stems)
    hits += sum(any(_cognate(y, x) for x in a.stems) for y in b.stems)
    return hits / (len(a.stems) + len(b.stems))


@lru_cache(maxsize=4096)
def translations(entry: Entry, lang: str) -> tuple[Entry, ...]:
    """Entries of ``lang`` for the same concept as ``entry`` (see the module docstring)."""
    same_key = [e for e in entries() if e.lang == lang and e.key == entry.key]
    scored = [(similarity(entry, e), e) for e in same_key]
    best = max((s for s, _ in scored), default=0.0)
    if best >= MIN_SCORE:
        return tuple(e for s, e in scored if s == best)
    same_tier = [e for e in same_key if e.tier == entry.tier]
    if entry.key[0] == "article" and entry.key[2] and len(same_tier) <= FALLBACK:
        return tuple(same_tier)
    return ()


def matched_entries(words: list[str], lang: str) -> tuple[list[Entry], set[int]]:
    """Lexicon entries of ``lang`` matched by the words (longest first, each adding a word
    not yet covered, so "mercury export" is one concept, not three), and the words covered."""
    word_stems = [set(analyze(lang, w)) for w in words]
    stems = set().union(*word_stems) if word_stems else set()
    found = sorted((e for e in entries() if e.lang == lang and set(e.stems) <= stems),
                   key=lambda e: -len(e.stems))
    chosen, covered_stems = [], set()
    for entry in found:                  # greedy cover, longest entries first
        if not set(entry.stems) <= covered_stems:
            chosen.append(entry)
            covered_stems |= set(entry.stems)
    covered = {i for i, ws in enumerate(word_stems) if not ws or ws <= covered_stems}
    return chosen, covered if chosen else set()


@dataclass
class Expansion:
    source: str                          # the language the query was read in
    query: Q.Query | None                # OR of the per-language translations
    terms: dict[str, list[str]]          # target language -> lexicon entries used


def expand(words: list[str]) -> Expansion | None:
    """Translate the query words into the other lexicon languages; None if nothing matched."""
    if not words:
        return None
    best = max(LEXICON_LANGUAGES, key=lambda lang: len(matched_entries(words, lang)[1]))
    matched, covered = matched_entries(words, best)
    if not matched:
        return None
    parts, used = [], {}
    for target in LEXICON_LANGUAGES:
        if target == best:
            continue
        field = text_field(target)
        concepts, names = [], []
        for entry in matched:
            options = translations(entry, target)
            if not options:
                break
            names += [o.text for o in options]
            variants = dict.fromkeys(tuple(sorted(o.stems)) for o in options)
            concepts.append(Q.Or([Q.And([Q.Term(field, s) for s in v]) for v in variants]))
        else:
            for i, word in enumerate(words):
                if i not in covered:
                    concepts += [Q.Term(field, s) for s in analyze(target, word)]
            parts.append(Q.And(concepts))
            used[target] = list(dict.fromkeys(names))
    return Expansion(best, Q.Or(parts) if parts else None, used)


def occurrences(stems: list[str], lang: str) -> list[Entry]:
    """Entries of ``lang`` occurring as runs in a stem sequence, longest first and without
    overlap: in "import or export of mercury-added products" the run "mercury-added product"
    wins and "export of mercury" is not read into it.  Vague ("weak") entries are ignored."""
    found = []
    for entry in entries():
        if entry.lang != lang or entry.tier == "weak":
            continue
        n = len(entry.stems)
        found += [(n, i, entry) for i in range(len(stems) - n + 1)
                  if tuple(stems[i:i + n]) == entry.stems]
    taken: set[int] = set()
    out = []
    for n, i, entry in sorted(found, key=lambda f: (-f[0], f[1])):
        span = set(range(i, i + n))
        if not span & taken:
            taken |= span
            out.append(entry)
    return out


def concepts(text: str, lang: str) -> list[Q.Query]:
    """One query per lexicon concept found in ``text``, matching it in any language.

    For more-like-this over whole provisions, entries are found as runs of stems (see
    ``occurrences``), not as bags of words.
    Each concept is the best of its variants (a DisjunctionMax), so a provision scores once
    per shared concept however many synonyms it uses.  Variants are the cognate
    translations, and for concepts tied to a specific obligation every entry of that
    obligation in every language, the source's included ("product containing mercury" and
    "mercury-added product" both stand for 4.1).
    """
    if lang not in LEXICON_LANGUAGES:
        return []
    groups: dict[tuple, list[Entry]] = {}
    for entry in occurrences(analyze(lang, text), lang):
        if entry.key[0] == "article" and entry.key[2]:
            groups[entry.key] = [e for e in entries() if e.key == entry.key]
        else:
            groups[(entry.text,)] = [entry] + [t for target in LEXICON_LANGUAGES if target != lang
                                               for t in translations(entry, target)]
    out = []
    for variants in groups.values():
        stems = dict.fromkeys((text_field(v.lang), v.stems) for v in variants)
        out.append(Q.DisjunctionMax([Q.And([Q.Term(f, s) for s in st]) for f, st in stems]))
    return out

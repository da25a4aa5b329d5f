"""spaCy component ``minamata_terms``: find lexicon terms and mercury anchors in a provision.

Terms are matched twice: on lower-cased lookup lemmas (inflections) and on lower-cased surface
forms (the lookup tables are imperfect: es "pilas" lemmatises to "pilar", fr "lampes" to
"lamper"), and each term is also registered in a naive plural so that lemma lookups of plurals
meet it.  The component writes ``doc._.minamata`` (a :class:`Signals`) and nothing else;
scoring happens in :mod:`kb.tagger.combine` so that cross-validation can reuse the signals.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from .lexicon import Term, load_lexicon, spellings

VETO_WINDOW = 20  # tokens: a false-friend phrase cancels article terms this close to it
NEAR_TOKENS = 25  # tokens: a topic term this close to a mercury word is about mercury (the
# classifier's concept tokens; the combiner calibrates its own distance, Params.near)
MAX_LEMMAS = 800  # long schedules: the head carries the topic, the tail costs time
_WORD = re.compile(r"^[^\W\d_]{4,}$")
LIMIT_WINDOW = 6  # tokens: a number with a unit this close to a mercury word is a limit value
_NUMBER = re.compile(r"^[<>≤≥]?\d+(?:[.,]\d+)*%?$")
_UNIT = re.compile(r"^(?:[mµun]?g|kg|%|ppm|ppb|ppt|mg/\w+|µg/\w+)$")

if not Doc.has_extension("minamata"):
    Doc.set_extension("minamata", default=None)


@dataclass(frozen=True)
class Hit:
    """An article term found in the text; offsets are characters into the provision."""

    article: str
    tier: str
    obligation: str | None
    term: str
    start: int
    end: int
    token: int


@dataclass
class Signals:
    """Everything the rules know about one provision."""

    hits: list[Hit] = field(default_factory=list)
    anchors: list[tuple[int, int, int]] = field(default_factory=list)  # start, end, token
    enforcement: list[tuple[int, int]] = field(default_factory=list)
    limits: list[int] = field(default_factory=list)  # character starts of anchors with a limit
    titles: list[tuple[int, int]] = field(default_factory=list)  # title, commencement, repeal
    repeals: list[tuple[int, int]] = field(default_factory=list)  # repeal cues only
    deontic: str = "procedural"
    lemmas: list[str] = field(default_factory=list)
    cats: dict[str, float] = field(default_factory=dict)  # textcat probabilities, if in pipeline

    def features(self) -> list[str]:
        """What the classifier reads: the lemmas, then language-neutral concept tokens.

        The lexicon is the bridge between languages: "pila", "pile" and "battery" are all an
        Article 4 / Annex A term, so each hit also becomes a token such as ``§4:A.I`` (and
        ``§4:A.I:hg`` when a mercury word is close).  A Spanish provision then shares features
        with the English and French training items, which matters for a language with few
        labelled examples; the deontic type and the enforcement cue join the same way.
        """
        concepts = {f"§d:{self.deontic}"}
        if self.anchors:
            concepts.add("§hg")
        if self.enforcement:
            concepts.add("§enforce")
        anchor_tokens = [tok for _, _, tok in self.anchors]
        for hit in self.hits:
            key = f"§{hit.article}:{hit.obligation or hit.tier}"
            concepts.add(key)
            if hit.tier == "strong" or any(abs(a - hit.token) <= NEAR_TOKENS
                                            for a in anchor_tokens):
                concepts.update((f"§{hit.article}:hg", f"{key}:hg"))
        return self.lemmas[:MAX_LEMMAS] + sorted(concepts)


def _plural(text: str, lang: str) -> str:
    def one(word: str) -> str:
        if not _WORD.match(word) or word[-1] in "sxz":
            return word
        if lang == "en" and word.endswith("y") and word[-2] not in "aeiou":
            return word[:-1] + "ies"
        if lang == "es" and word[-1] not in "aeiouáéó":
            return word + "es"
        return word + "s"
    return " ".join(one(w) for w in text.split())


class TermMatcher:
    def __init__(self, nlp: Language, lang: str):
        lexicon = load_lexicon(lang)
        lemmatizer = nlp.get_pipe("lemmatizer")
        self.terms: list[Term] = list(lexicon.terms)
        self.by_lemma = PhraseMatcher(nlp.vocab, attr="LEMMA")
        self.by_lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.lemma_words: set[str] = set()  # lemmas the patterns need (to prune lookup tables)
        for i, term in enumerate(self.terms):
            written = spellings(term.text)
            variants = set(written) | {_plural(t, lang) for t in written}
            self.by_lower.add(str(i), [nlp.make_doc(t) for t in written])
            if term.kind in ("title", "repeal"):
                continue  # written forms only: "revoked" regulations repeal, "revoke" a
                # licence enforces, and the lemma would make them one word
            docs = [lemmatizer(nlp.make_doc(v)) for v in sorted(variants)]
            self.lemma_words.update(t.lemma_ for d in docs for t in d)
            self.by_lemma.add(str(i), docs)
        self.strings = nlp.vocab.strings

    def __call__(self, doc: Doc) -> Doc:
        found = {(int(self.strings[k]), s, e) for k, s, e in self.by_lemma(doc)}
        found |= {(int(self.strings[k]), s, e) for k, s, e in self.by_lower(doc)}
        signals = Signals(lemmas=[t.lemma_ for t in doc if t.is_alpha])
        negated: list[tuple[int, int]] = []
        anchors: list[tuple[int, int]] = []
        vetoes: list[tuple[str, int]] = []
        articles: list[tuple[Term, int, int]] = []
        for i, start, end in sorted(found, key=lambda m: (m[1], m[2])):
            term = self.terms[i]
            if term.kind == "negation":
                negated.append((start, end))
            elif term.kind == "anchor":
                anchors.append((start, end))
            elif term.kind == "enforcement":
                signals.enforcement.append((doc[start].idx, doc[end - 1].idx + len(doc[end - 1])))
            elif term.kind in ("title", "repeal"):
                span = (doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))
                signals.titles.append(span)
                if term.kind == "repeal":
                    signals.repeals.append(span)
            elif term.tier == "veto":
                vetoes.append((term.article, start))
            else:
                articles.append((term, start, end))
        anchors = [a for a in anchors if not any(s <= a[0] and a[1] <= e for s, e in negated)]
        signals.anchors = [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1]), s) for s, e in anchors]
        signals.limits = [doc[s].idx for s, e in anchors if _limit_near(doc, s, e)]
        for term, start, end in articles:
            if any(a == term.article and abs(v - start) <= VETO_WINDOW for a, v in vetoes):
                continue
            signals.hits.append(Hit(term.article, term.tier, term.obligation, term.text,
                                    doc[start].idx, doc[end - 1].idx + len(doc[end - 1]), start))
        doc._.minamata = signals
        return doc


def _limit_near(doc: Doc, start: int, end: int) -> bool:
    """A number with a unit next to the mercury word: a limit value ("Mercurio Total mg/L
    0,002", "0,0005 % en peso de mercurio", "mercury 0.05 mg/Nm3"), which makes the whole
    provision (a limits table, a content ceiling) specific to mercury."""
    window = doc[max(0, start - LIMIT_WINDOW):min(len(doc), end + LIMIT_WINDOW)]
    words = [t.lower_ for t in window]
    number = any(_NUMBER.match(w) for w in words)
    unit = any(_UNIT.match(w) or (w.endswith("%") and _NUMBER.match(w)) for w in words)
    return number and unit


@Language.factory("minamata_terms", default_config={"lang": "en"})
def make_term_matcher(nlp: Language, name: str, lang: str) -> TermMatcher:
    return TermMatcher(nlp, lang)

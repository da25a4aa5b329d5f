"""spaCy component ``minamata_deontic``: what kind of rule is this provision?

Labels: definition, prohibition, obligation, permission, else procedural.  Triggers come from
the lexicon files (surface forms, matched lower-cased, since modal verbs are short and their
lookup lemmas unreliable).  Precedence follows how lawyers read a clause: a definitions
heading wins, then "shall not" beats "shall" (a prohibition is an obligation's special case),
then an obligation beats a permission ("may" also occurs in obligations' conditions).
Spanish legislation states most duties in the future tense ("el titular presentará", "la
autoridad publicará"), so a Spanish future verb counts as an obligation trigger, except
"podrá(n)", which is the permission "may".
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from .lexicon import DEONTIC_LABELS, load_lexicon, spellings
from .terms import Signals

DEFINITION_HEAD = 250  # characters: "Definitions", "means" near the start mark a definition
# presentará, deberán, establecerán; not podrá(n)
SPANISH_FUTURE = re.compile(r"^(?!podr)[a-zñáéíóú]{2,}rán?$")


class DeonticClassifier:
    def __init__(self, nlp: Language, lang: str):
        self.future = SPANISH_FUTURE if lang == "es" else None
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for label, triggers in load_lexicon(lang).deontic.items():
            self.matcher.add(label, [nlp.make_doc(s) for t in triggers for s in spellings(t)])
        self.strings = nlp.vocab.strings

    def classify(self, doc: Doc) -> str:
        first: dict[str, int] = {}
        counts = dict.fromkeys(DEONTIC_LABELS, 0)
        for key, start, end in self.matcher(doc):
            label = self.strings[key]
            if end < len(doc) and doc[end].like_num and doc[start].lower_ == "may":
                continue  # the month, in lower-cased text: "1 May 2014"
            if doc[start].lower_ in ("means", "mean") and (
                    end < len(doc) and doc[end].lower_ == "of"
                    or start and doc[start - 1].lower_ == "by"):
                continue  # "by means of implementing acts", "a means of transport"
            counts[label] += 1
            first[label] = min(first.get(label, 10**9), doc[start].idx)
        if self.future is not None:
            counts["obligation"] += sum(1 for t in doc if self.future.match(t.lower_))
        if first.get("definition", 10**9) < DEFINITION_HEAD or counts["definition"] >= 3:
            return "definition"
        for label in ("prohibition", "obligation", "permission"):
            if counts[label]:
                return label
        return "procedural"

    def __call__(self, doc: Doc) -> Doc:
        if doc._.minamata is None:
            doc._.minamata = Signals()
        doc._.minamata.deontic = self.classify(doc)
        return doc


@Language.factory("minamata_deontic", default_config={"lang": "en"})
def make_deontic(nlp: Language, name: str, lang: str) -> DeonticClassifier:
    return DeonticClassifier(nlp, lang)

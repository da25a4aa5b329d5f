"""The trained part: a spaCy ``textcat_multilabel`` over lemma bag-of-n-grams.

One multilingual model rather than three: 684 gold items split three ways would leave a few
dozen positives per language.  It reads the lemmas our language pipelines already produced
(so inflection and case are normalised before it sees them) plus the language-neutral concept
tokens of the lexicon hits (:meth:`Signals.features`), which also makes it cheap: no
second tokenisation.  The bag-of-words architecture is used because it trains in seconds,
tags thousands of provisions per second and stays a few MB on disk.
"""
from __future__ import annotations

import random
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import minibatch

LABELS = ("3", "4", "5", "7", "8", "9", "10", "11", "12", "13", "14", "16", "17", "18", "19",
          "20", "21", "30")
_CONFIG = {"model": {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": False,
                     "ngram_size": 2, "no_output_layer": False, "length": 2**16}}


def _doc(nlp: Language, words: list[str]) -> Doc:
    return Doc(nlp.vocab, words=words or ["_"])


def train(examples: list[tuple[list[str], list[str]]], epochs: int = 10, seed: int = 0,
          ) -> Language:
    """Train on (lemmas, labels) pairs; deterministic for a given seed."""
    spacy.util.fix_random_seed(seed)
    nlp = spacy.blank("xx")
    nlp.add_pipe("textcat_multilabel", config=_CONFIG)
    data = [Example.from_dict(_doc(nlp, lemmas), {"cats": {l: float(l in labels) for l in LABELS}})
            for lemmas, labels in examples]
    optimizer = nlp.initialize(lambda: data)
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(data)
        for batch in minibatch(data, size=16):
            nlp.update(batch, sgd=optimizer, drop=0.1)
    return nlp


def predict(nlp: Language, lemma_lists: list[list[str]]) -> list[dict[str, float]]:
    docs = nlp.get_pipe("textcat_multilabel").pipe((_doc(nlp, l) for l in lemma_lists),
                                                   batch_size=256)
    return [dict(doc.cats) for doc in docs]


@lru_cache(maxsize=None)
def load(path: str) -> Language:
    return spacy.load(path)


class TextcatComponent:
    """Pipeline component ``minamata_textcat``: classifier probabilities into ``Signals.cats``."""

    def __init__(self, model_path: str):
        self.model = load(model_path)

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs, batch_size: int = 128):
        for batch in minibatch(docs, size=batch_size):
            features = [d._.minamata.features() for d in batch]
            for doc, cats in zip(batch, predict(self.model, features)):
                doc._.minamata.cats = cats
                yield doc


@Language.factory("minamata_textcat", default_config={"model_path": ""})
def make_textcat(nlp: Language, name: str, model_path: str) -> TextcatComponent:
    return TextcatComponent(model_path)

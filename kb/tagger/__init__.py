"""Clause tagger: which Minamata Convention articles does a national provision implement?

Quick start::

    from kb.tagger import load_tagger
    tagger = load_tagger()
    tagger.tag_items([{"id": "x", "text": "No person shall sell a battery containing mercury."}])

Per language (en, fr, es) a blank spaCy pipeline with lookup lemmas runs three components:
lexicon terms (``lexicon/*.yaml``), deontic type, and the shipped ``textcat_multilabel``
model; :mod:`kb.tagger.combine` turns their signals plus the instrument context (items sharing
``jurisdiction`` + ``instrument``) into articles, scores, obligations and evidence.
"""
from __future__ import annotations

import json
from functools import lru_cache
from hashlib import sha256
from pathlib import Path

from .combine import Params, decide
from .lexicon import lexicon_digest
from .pipeline import MODEL_DIR, extract_signals, item_language

__all__ = ["Tagger", "load_tagger"]

VERSION = "1.5"  # bump by hand for code changes; lexicon and model changes show in the suffix


class Tagger:
    """Tags lists of provisions; pass all provisions of an instrument together, in order."""

    name = "minamata-kb-tagger"

    def __init__(self, model_dir: Path = MODEL_DIR):
        meta = json.loads((model_dir / "combiner.json").read_text(encoding="utf-8"))
        self.params = Params(**meta["params"])
        self.textcat = str(model_dir / "textcat")
        from . import classifier
        classifier.load(self.textcat)  # fail early if the model is missing
        model_hash = sha256(json.dumps(meta, sort_keys=True).encode())
        model_hash.update((model_dir / "textcat" / "textcat_multilabel" / "model").read_bytes())
        self.version = f"{VERSION}+lex.{lexicon_digest()}.model.{model_hash.hexdigest()[:8]}"

    def tag_items(self, items: list[dict]) -> list[dict]:
        """Output per item: id, articles, scores, obligations, evidence, deontic (same order)."""
        if not items:
            return []
        langs = [item_language(item) for item in items]
        signals = extract_signals([item["text"] for item in items], langs, textcat=self.textcat)
        return decide(items, signals, [s.cats for s in signals], self.params)


@lru_cache(maxsize=1)
def load_tagger() -> Tagger:
    """The shipped tagger (cached).  Language pipelines are built on first use of a language:
    spaCy's French tokenizer alone takes a few seconds to compile its exception patterns."""
    return Tagger()

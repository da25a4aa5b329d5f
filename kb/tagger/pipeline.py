"""Per-language spaCy pipelines: blank tokenizer + lookup lemmatizer + our rule components.

No trained pipeline is downloaded: lemmas come from spacy-lookups-data, matched on the
lower-cased text (lookup tables are case-sensitive, and legal headings are often in capitals).
Lower-casing keeps character offsets, so evidence spans point into the original text.

The full French and Spanish tables take 2-4 s to load, so training ships a pruned copy
(``model/lemmas/<lang>.json``): only entries whose lemma is a word of a lexicon term or of the
training texts.  Term matching is unchanged by the pruning (a word whose lemma is in no term
cannot complete a match); other words simply keep their lower-cased form.
"""
from __future__ import annotations

from functools import lru_cache

import json
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.lookups import Lookups

from kb.language import detect_language

from . import classifier, deontic, terms  # noqa: F401  (registers the component factories)
from .lexicon import LANGUAGES
from .terms import Signals

BATCH_SIZE = 128
MODEL_DIR = Path(__file__).with_name("model")
LEMMA_DIR = MODEL_DIR / "lemmas"


def item_language(item: dict) -> str:
    """The item's ``lang``, else the detected language; unsupported languages fall back to en."""
    lang = item.get("lang") or detect_language(item["text"])
    return lang if lang in LANGUAGES else "en"


def lowercase(text: str) -> str:
    """Lower-case without changing the length (a few characters grow when lower-cased)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _lemma_table(lang: str, full: bool) -> Lookups | None:
    path = LEMMA_DIR / f"{lang}.json"
    if full or not path.exists():
        return None
    lookups = Lookups()
    lookups.add_table("lemma_lookup", json.loads(path.read_text(encoding="utf-8")))
    return lookups


@lru_cache(maxsize=None)
def build_pipeline(lang: str, full_lemmas: bool = False, textcat: str | None = None) -> Language:
    """The pipeline for ``lang`` (cached), on the shipped pruned lemma table if present.

    With ``textcat`` (path of a trained classifier) the classifier runs as the last component;
    without it the pipeline stops at the rules (training and cross-validation add their own).
    """
    if lang not in LANGUAGES:
        raise ValueError(f"no tagger pipeline for language {lang!r}")
    nlp = spacy.blank(lang)
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    lookups = _lemma_table(lang, full_lemmas)
    if lookups is None:
        nlp.initialize()
    else:
        lemmatizer.initialize(lookups=lookups)
    nlp.add_pipe("minamata_terms", config={"lang": lang})
    nlp.add_pipe("minamata_deontic", config={"lang": lang})
    if textcat:
        nlp.add_pipe("minamata_textcat", config={"model_path": textcat})
    return nlp


def extract_signals(texts: list[str], langs: list[str], textcat: str | None = None,
                    ) -> list[Signals]:
    """Run each text through its language's pipeline, batched per language."""
    out: list[Signals | None] = [None] * len(texts)
    for lang in sorted(set(langs)):
        idx = [i for i, l in enumerate(langs) if l == lang]
        nlp = build_pipeline(lang, textcat=textcat)
        docs = nlp.pipe((lowercase(texts[i]) for i in idx), batch_size=BATCH_SIZE)
        for i, doc in zip(idx, docs):
            out[i] = doc._.minamata
    return out  # type: ignore[return-value]


def write_lemma_tables(texts: list[str], langs: list[str], out: Path = LEMMA_DIR) -> None:
    """Prune the full lookup tables for the current lexicon and training texts (training step)."""
    out.mkdir(parents=True, exist_ok=True)
    for lang in LANGUAGES:
        table = prune_lemma_table(lang, [t for t, l in zip(texts, langs) if l == lang])
        (out / f"{lang}.json").write_text(json.dumps(table, ensure_ascii=False, sort_keys=True),
                                          encoding="utf-8")
    build_pipeline.cache_clear()


def prune_lemma_table(lang: str, texts: list[str]) -> dict[str, str]:
    """Entries of the full lookup table whose lemma occurs in a lexicon term or in ``texts``."""
    import gzip

    import spacy_lookups_data

    nlp = build_pipeline(lang, full_lemmas=True)
    keep = set(nlp.get_pipe("minamata_terms").lemma_words)
    for doc in nlp.pipe(lowercase(t) for t in texts):
        keep.update(t.lemma_ for t in doc)
    path = spacy_lookups_data.get_file(f"{lang}_lemma_lookup.json.gz")
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        table = json.load(fh)
    first = {k: v[0] if isinstance(v, list) else v for k, v in table.items()}
    return {k: table[k] for k, v in first.items() if k == k.lower() and k != v and v in keep}

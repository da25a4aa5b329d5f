"""Train the shipped classifier and calibrate the combiner: ``python -m kb.tagger.train``.

Training data lives in ``training/``: ``dev.jsonl`` (the hand-labelled gold provisions) and
``convention.en.jsonl`` (the Convention's own paragraphs, labelled with their article; Annex A,
B, C and D paragraphs with 4, 5, 7 and 8; non-label articles such as 15 or 22-35 as negatives;
extracted once from the English text in the shared corpus).  Calibration uses only held-out
predictions: the classifier is retrained on inner folds of the training items, and the
combiner weight, threshold and per-article threshold shifts are chosen on what those inner
models predict for items they did not see.  The result is written to ``model/``: the textcat pipeline, ``combiner.json`` and
the pruned lemma tables (``lemmas/``, see :mod:`kb.tagger.pipeline`).
"""
from __future__ import annotations

import argparse
import itertools
import json
import shutil
import time
from collections import Counter
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from spacy.language import Language

from . import classifier
from .combine import Params, decide
from .pipeline import MODEL_DIR, extract_signals, item_language, write_lemma_tables
from .terms import Signals

TRAINING_DIR = Path(__file__).with_name("training")
EPOCHS = 10
INNER_FOLDS = 3
GRID = {"weight": (0.5, 0.6, 0.7),
        "threshold": tuple(round(0.3 + 0.025 * i, 3) for i in range(17)),
        "near": (25, 60)}
# Per-article threshold shifts, small and only for articles with enough training items: wider
# shifts (±0.15) or support of 4 let a fold fit its thresholds to one instrument and flip
# another in the test fold (CV micro-F1 0.732 with them, 0.753 with these, tagger 1.3).
OFFSETS = tuple(round(-0.05 + 0.025 * i, 3) for i in range(5))
MIN_SUPPORT = 8  # training items an article needs before it gets a threshold of its own
FP_BUDGET = 0.05  # share of unlabelled items we accept to label; beyond it calibration is penalised


def load_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def signals_for(items: list[dict]) -> list[Signals]:
    return extract_signals([it["text"] for it in items], [item_language(it) for it in items])


@lru_cache(maxsize=1)
def _convention() -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    items = load_jsonl(TRAINING_DIR / "convention.en.jsonl")
    return tuple((tuple(s.features()), tuple(it["articles"]))
                 for it, s in zip(items, signals_for(items)))


def convention_examples() -> list[tuple[list[str], list[str]]]:
    return [(list(l), list(a)) for l, a in _convention()]


def fit(items: list[dict], signals: list[Signals], extra: list, seed: int = 0,
        epochs: int | None = None) -> Language:
    examples = [(s.features(), it["articles"]) for it, s in zip(items, signals)] + list(extra)
    return classifier.train(examples, epochs=epochs or EPOCHS, seed=seed)


def tag_with(model: Language, params: Params, items: list[dict], signals: list[Signals],
             ) -> list[dict]:
    return decide(items, signals, classifier.predict(model, [s.features() for s in signals]),
                  params)


def _objective(items: list[dict], predicted: list[dict]) -> float:
    from .evaluate import evaluate
    report = evaluate(items, predicted)
    return report["micro"]["f1"] - 2 * max(0.0, report["fp_rate_unlabelled"] - FP_BUDGET)


def heldout_probs(items: list[dict], signals: list[Signals], extra: list, seed: int = 0,
                  epochs: int | None = None) -> list[dict[str, float]]:
    """Classifier probabilities for each item from an inner-fold model that did not see it."""
    from .evaluate import grouped_folds
    probs: list[dict] = [{}] * len(items)
    for inner in grouped_folds(items, INNER_FOLDS, seed):
        held = set(inner)
        train_idx = [i for i in range(len(items)) if i not in held]
        model = fit([items[i] for i in train_idx], [signals[i] for i in train_idx], extra,
                    seed=seed, epochs=epochs)
        for i, p in zip(inner, classifier.predict(model, [signals[i].features() for i in inner])):
            probs[i] = p
    return probs


def choose_params(items: list[dict], signals: list[Signals], probs: list[dict[str, float]],
                  ) -> Params:
    """Grid-search the shared combiner parameters on held-out probabilities, then give each
    frequent article its own threshold shift (one coordinate-ascent pass, most frequent first):
    the classifier is confident on well-attested articles and timid on rare ones, so a single
    cut-off is too high for some and too low for others."""
    best, best_score = Params(), -1.0
    for values in itertools.product(*GRID.values()):
        params = Params(**dict(zip(GRID, values)))
        score = _objective(items, decide(items, signals, probs, params))
        if score > best_score + 1e-9:
            best, best_score = params, score
    support = Counter(a for item in items for a in item["articles"])
    for article, n in support.most_common():
        if n < MIN_SUPPORT:
            break
        for offset in OFFSETS:
            trial = replace(best, offsets={**best.offsets, article: offset})
            score = _objective(items, decide(items, signals, probs, trial))
            if score > best_score + 1e-9:
                best, best_score = trial, score
    return best


def calibrate(items: list[dict], signals: list[Signals], extra: list, seed: int = 0,
              epochs: int | None = None) -> Params:
    """Choose combiner parameters on inner-fold (held-out) classifier probabilities."""
    return choose_params(items, signals, heldout_probs(items, signals, extra, seed, epochs))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=MODEL_DIR)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    gold = load_jsonl(TRAINING_DIR / "dev.jsonl")
    texts = gold + load_jsonl(TRAINING_DIR / "convention.en.jsonl")
    write_lemma_tables([t["text"] for t in texts], [item_language(t) for t in texts],
                       args.out / "lemmas")
    _convention.cache_clear()
    signals = signals_for(gold)
    extra = convention_examples()
    params = calibrate(gold, signals, extra, seed=args.seed, epochs=args.epochs)
    model = fit(gold, signals, extra, seed=args.seed, epochs=args.epochs)
    if (args.out / "textcat").exists():
        shutil.rmtree(args.out / "textcat")
    model.to_disk(args.out / "textcat")
    meta = {"params": params.to_dict(), "epochs": args.epochs, "seed": args.seed,
            "training_items": len(gold) + len(extra)}
    (args.out / "combiner.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(f"trained on {meta['training_items']} examples in {time.perf_counter() - started:.1f} s;"
          f" combiner {params.to_dict()} -> {args.out}")


if __name__ == "__main__":
    main()

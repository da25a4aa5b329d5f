"""Measure the tagger against gold labels, and cross-validate it honestly.

``evaluate`` compares two lists of ``{"id", "articles"}`` dicts.  ``cross_validate`` trains the
classifier and calibrates the combiner on k-1 folds and tags the k-th, with folds grouped by
instrument: provisions of one instrument share wording, so splitting an instrument across
train and test would measure memory, not generalisation.  Canadian instruments come as
English/French twins (``SOR/2014-254`` / ``DORS/2014-254``, ids ``...-en-s1`` / ``...-fr-s1``)
with the same labels; twins share a group, recognised by their ids without the language part.
"""
from __future__ import annotations

import random
import re
from collections import defaultdict

LANG_IN_ID = re.compile(r"-(en|fr|es|nl)-")
WORST = 15


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "tp": tp, "fp": fp, "fn": fn}


def evaluate(gold: list[dict], predicted: list[dict]) -> dict:
    """Per-label, micro, macro and per-language P/R/F1, FP rate on unlabelled items, worst items.

    Macro averages the labels that occur in the gold set.  The false-positive rate is the share
    of gold items without any label that received at least one predicted label.
    """
    pred = {p["id"]: set(p["articles"]) for p in predicted}
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    by_lang: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    empty = empty_hit = 0
    rows = []
    for item in gold:
        g, p = set(item["articles"]), pred.get(item["id"], set())
        for a in g | p:
            outcome = 0 if a in g and a in p else 1 if a in p else 2  # tp, fp, fn
            counts[a][outcome] += 1
            by_lang[item.get("lang") or "?"][outcome] += 1
        if not g:
            empty += 1
            empty_hit += bool(p)
        if g != p:
            rows.append({"id": item["id"], "lang": item.get("lang"), "gold": sorted(g, key=int),
                         "predicted": sorted(p, key=int), "errors": len(g ^ p)})
    per_label = {a: _prf(*counts[a]) for a in sorted(counts, key=int)}
    totals = [sum(c[i] for c in counts.values()) for i in range(3)]
    gold_labels = {a for item in gold for a in item["articles"]}
    macro = (sum(per_label[a]["f1"] for a in gold_labels) / len(gold_labels)) if gold_labels else 0.0
    rows.sort(key=lambda r: (-r["errors"], r["id"]))
    return {"n_items": len(gold), "micro": _prf(*totals), "macro_f1": round(macro, 4),
            "per_label": per_label, "per_language": {l: _prf(*c) for l, c in sorted(by_lang.items())},
            "fp_rate_unlabelled": round(empty_hit / empty, 4) if empty else 0.0,
            "n_unlabelled": empty, "worst": rows[:WORST]}


def group_key(item: dict) -> str:
    """Instrument group; language twins (same id stem, different language) share one."""
    stem = LANG_IN_ID.split(item["id"], maxsplit=1)[0]
    return f"{item.get('jurisdiction')}|{stem}"


def grouped_folds(gold: list[dict], k: int, seed: int) -> list[list[int]]:
    """k folds of item indices; whole groups, largest first onto the smallest fold."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i, item in enumerate(gold):
        groups[group_key(item)].append(i)
    keys = sorted(groups)
    random.Random(seed).shuffle(keys)
    keys.sort(key=lambda g: -len(groups[g]))
    folds: list[list[int]] = [[] for _ in range(k)]
    for g in keys:
        min(folds, key=len).extend(groups[g])
    return [sorted(f) for f in folds]


def cross_validate(gold: list[dict], k: int = 5, seed: int = 13, epochs: int | None = None,
                   ) -> dict:
    """Grouped k-fold CV of the whole tagger (classifier trained, combiner calibrated per fold)."""
    from . import train as training  # training imports spaCy models; keep evaluate light

    signals = training.signals_for(gold)
    extra = training.convention_examples()
    predicted: list[dict] = []
    folds = grouped_folds(gold, k, seed)
    fold_params = []
    for f, test in enumerate(folds):
        test_set = set(test)
        train_idx = [i for i in range(len(gold)) if i not in test_set]
        params = training.calibrate([gold[i] for i in train_idx], [signals[i] for i in train_idx],
                                    extra, seed=seed + f, epochs=epochs)
        model = training.fit([gold[i] for i in train_idx], [signals[i] for i in train_idx], extra,
                             seed=seed + f, epochs=epochs)
        predicted += training.tag_with(model, params, [gold[i] for i in test],
                                       [signals[i] for i in test])
        fold_params.append(params.to_dict())
    report = evaluate(gold, predicted)
    report.update({"k": k, "seed": seed, "folds": [len(f) for f in folds], "params": fold_params})
    return report


def format_report(report: dict) -> str:
    """A plain-text table: overall, per language, per label, worst items."""
    m = report["micro"]
    lines = [f"items {report['n_items']}  micro P {m['precision']:.3f} R {m['recall']:.3f} "
             f"F1 {m['f1']:.3f}  macro F1 {report['macro_f1']:.3f}  "
             f"FP rate on {report['n_unlabelled']} unlabelled {report['fp_rate_unlabelled']:.3f}",
             "", f"{'':8}{'P':>7}{'R':>7}{'F1':>7}{'tp':>5}{'fp':>5}{'fn':>5}"]
    rows = [(f"lang {l}", v) for l, v in report["per_language"].items()]
    rows += [(f"art {a}", v) for a, v in report["per_label"].items()]
    for name, v in rows:
        lines.append(f"{name:8}{v['precision']:7.3f}{v['recall']:7.3f}{v['f1']:7.3f}"
                     f"{v['tp']:5}{v['fp']:5}{v['fn']:5}")
    if report.get("worst"):
        lines += ["", "worst items (gold -> predicted):"]
        lines += [f"  {w['id']}: {','.join(w['gold']) or '-'} -> {','.join(w['predicted']) or '-'}"
                  for w in report["worst"]]
    return "\n".join(lines)

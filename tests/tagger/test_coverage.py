"""Lexicon coverage: every label, in English, French and Spanish, on provisions not in training.

``data/probes.jsonl``: one to three provisions per label and language, worded after the
Convention's obligations the way national laws implement them, plus negatives (company
mergers, lead batteries, general waste, mining royalties).  The lexicon was extended until
they pass, so they guard coverage, not accuracy.  ``data/holdout.jsonl``: 36 provisions written
afterwards in the style of other countries' mercury, mining and environment laws and scored
once (README: micro-F1 0.774, no false positive on its 10 negatives); three of its misses
prompted lexicon terms of tagger 1.5 (small-scale gold mine, "rejeter", "verter"), so it is no
longer blind; its test keeps the level from regressing.  ``data/foreign.jsonl``: 129 real provisions of eight
jurisdictions that are not in the development set (EU, United Kingdom, Colombia, Spain,
Belgium, Côte d'Ivoire, Madagascar), copied verbatim with their source and labelled from
GUIDELINES.md by a colleague who did not see the tagger; tagged with their instrument
context, as ``tag-jsonl`` does.  Its errors informed lexicon changes of tagger 1.3, so it is a
generalisation check, not a blind score (README).  ``data/blind.jsonl``: 86 more real provisions
of sixteen other jurisdictions (Ghana, Australia, Ireland, Philippines, Switzerland, Québec,
Honduras, Bolivia, ...), collected and labelled the same way for tagger 1.4 and scored once
before any change (micro-F1 0.627); its misses then prompted the licensing and trade phrases
of Article 3 and a Spanish approval formula of Article 30 (README).  ``data/blind2.jsonl``: 50
real provisions of eight further jurisdictions (Minnesota, Vermont, Maine; Paraguay, Nicaragua,
Guatemala, Ecuador; Algeria), collected the same way for tagger 1.5 and scored once, unchanged
since: micro-F1 0.867 on its 21 labelled (English) items, no label on its 29 unlabelled
Spanish and French provisions of general mining, waste and environment laws.
"""
import json
from pathlib import Path

import pytest

from kb.tagger.evaluate import evaluate

DATA = Path(__file__).with_name("data")


def load(name):
    with open(DATA / name, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


PROBES = load("probes.jsonl")


def tag_alone(tagger, items):
    """Each item on its own: no jurisdiction or instrument, so no instrument context."""
    return tagger.tag_items([{"id": i["id"], "text": i["text"], "lang": i["lang"]} for i in items])


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_every_label_has_probes_in_every_language(lang):
    labels = {a for item in PROBES if item["lang"] == lang for a in item["articles"]}
    assert labels == {"3", "4", "5", "7", "8", "9", "10", "11", "12", "13", "14", "16", "17",
                      "18", "19", "20", "21", "30"}


def test_probes_find_their_articles(tagger):
    missed = [(item["id"], item["articles"], out["articles"])
              for item, out in zip(PROBES, tag_alone(tagger, PROBES))
              if not set(item["articles"]) <= set(out["articles"])]
    assert missed == []


def test_probe_negatives_take_no_label(tagger):
    negatives = [item for item in PROBES if not item["articles"]]
    assert len(negatives) >= 10
    assert all(out["articles"] == [] for out in tag_alone(tagger, negatives))


def test_probe_precision(tagger):
    report = evaluate(PROBES, tag_alone(tagger, PROBES))
    assert report["micro"]["precision"] >= 0.9


def test_holdout_level(tagger):
    holdout = load("holdout.jsonl")
    report = evaluate(holdout, tag_alone(tagger, holdout))
    assert report["micro"]["f1"] >= 0.75
    assert report["fp_rate_unlabelled"] == 0.0


def test_foreign_laws_level(tagger):
    foreign = load("foreign.jsonl")
    assert {i["lang"] for i in foreign} == {"en", "fr", "es"}
    report = evaluate(foreign, tagger.tag_items([dict(i) for i in foreign]))
    assert report["micro"]["f1"] >= 0.70
    assert all(report["per_language"][lang]["f1"] >= 0.65 for lang in ("en", "fr", "es"))
    assert report["fp_rate_unlabelled"] <= 0.10


@pytest.mark.parametrize("name, instruments, min_f1, max_fp", [
    ("blind.jsonl", 30, 0.70, 0.10),   # scored once at 0.627 (1.4), no longer blind
    ("blind2.jsonl", 15, 0.80, 0.05),  # scored once at 0.867 (1.5), unchanged since
])
def test_blind_laws_level(tagger, name, instruments, min_f1, max_fp):
    blind = load(name)
    assert len({(i["jurisdiction"], i["instrument"]) for i in blind}) >= instruments
    report = evaluate(blind, tagger.tag_items([dict(i) for i in blind]))
    assert report["micro"]["f1"] >= min_f1
    assert report["fp_rate_unlabelled"] <= max_fp

"""Evaluation arithmetic on a hand-made gold file, grouping of folds, and a smoke training."""
import pytest

from kb.tagger import classifier
from kb.tagger.evaluate import evaluate, format_report, grouped_folds

GOLD = [
    {"id": "i1", "lang": "en", "articles": ["3"]},
    {"id": "i2", "lang": "fr", "articles": ["4", "11"]},
    {"id": "i3", "lang": "fr", "articles": []},
    {"id": "i4", "lang": "es", "articles": []},
]
PRED = [
    {"id": "i1", "articles": ["3"]},
    {"id": "i2", "articles": ["4"]},
    {"id": "i3", "articles": ["7"]},
    {"id": "i4", "articles": []},
]


def test_evaluation_arithmetic():
    r = evaluate(GOLD, PRED)
    # by hand: tp = 2 (3@i1, 4@i2), fp = 1 (7@i3), fn = 1 (11@i2)
    assert r["micro"]["tp"] == 2 and r["micro"]["fp"] == 1 and r["micro"]["fn"] == 1
    assert r["micro"]["precision"] == pytest.approx(2 / 3, abs=1e-4)
    assert r["micro"]["recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert r["micro"]["f1"] == pytest.approx(2 / 3, abs=1e-4)
    # macro over gold labels 3, 4, 11: (1 + 1 + 0) / 3
    assert r["macro_f1"] == pytest.approx(2 / 3, abs=1e-4)
    assert r["per_label"]["11"]["f1"] == 0.0 and r["per_label"]["7"]["precision"] == 0.0
    # one of two unlabelled items got a label
    assert r["fp_rate_unlabelled"] == 0.5
    # fr: tp 1 (4), fp 1 (7), fn 1 (11) -> P = R = F1 = 0.5
    assert r["per_language"]["fr"]["f1"] == 0.5
    assert r["per_language"]["en"]["f1"] == 1.0
    assert [w["id"] for w in r["worst"]] == ["i2", "i3"]
    assert "micro" in format_report(r)


def test_twins_share_a_fold():
    gold = []
    for n in range(10):
        gold.append({"id": f"ca-sor-{n}-en-s1", "jurisdiction": "ca", "instrument": f"SOR/{n}"})
        gold.append({"id": f"ca-sor-{n}-fr-s1", "jurisdiction": "ca", "instrument": f"DORS/{n}"})
    for fold in grouped_folds(gold, 5, seed=1):
        ids = {gold[i]["id"] for i in fold}
        assert all(i.replace("-en-", "-fr-") in ids for i in ids)


def test_smoke_training(tagger, dev):
    from kb.tagger.train import signals_for
    items = list(dev.values())[:30]
    model = classifier.train([(s.features(), it["articles"])
                              for it, s in zip(items, signals_for(items))], epochs=1)
    (probs,) = classifier.predict(model, [signals_for(items[:1])[0].features()])
    assert set(probs) == set(classifier.LABELS)

"""The tagger on real provisions of the dev set, in each language, and on false friends."""
import pytest


@pytest.mark.parametrize("item_id, article", [
    ("ca-sor-2014-254-en-s3", "4"),        # en: ban on manufacture/import of mercury products
    ("ca-crc-c869-en-s15.1", "4"),         # en: cosmetics containing mercury
    ("lu-loi-2008-12-19-n18-fr-art4", "4"),  # fr: piles contenant du mercure
    ("fr-code-minier-fr-artl621-12", "7"),   # fr: détention de mercure, orpaillage
    ("ar-ley-26184-es-art1", "4"),         # es: pilas con mercurio
    ("uy-ley-19267-es-art-unico", "30"),   # es: aprobación del Convenio de Minamata
    ("lu-loi-2017-07-28-a703-fr-artunique", "30"),
    ("pe-mdd-or-011-2022-rmdd-cr-es-art-primero", "7"),
])
def test_labels_real_provisions(tag, dev, item_id, article):
    (out,) = tag(dev[item_id])
    assert article in out["articles"]
    assert out["scores"][article] >= 0.5 or out["articles"]


def test_output_shape(tag, dev):
    (out,) = tag(dev["ca-sor-2014-254-en-s8"])
    assert set(out) == {"id", "articles", "scores", "obligations", "evidence", "deontic"}
    assert out["articles"] == sorted(out["articles"], key=int)
    assert all(isinstance(a, str) for a in out["articles"])
    assert set(out["articles"]) <= set(out["scores"])


def test_obligations_from_lexicon(tag):
    (out,) = tag({"id": "x", "text": "No person shall manufacture or import a battery containing "
                                     "mercury or a mercury switch."})
    assert "4" in out["articles"]
    assert "A.I" in out["obligations"]


@pytest.mark.parametrize("text, lang", [
    ("Where two or more corporations amalgamate, the amalgamated corporation shall file articles "
     "of amalgamation with the Director within 30 days.", "en"),
    ("En cas de fusion de sociétés, la société absorbante doit déposer au registre les actes de "
     "fusion dans le mois.", "fr"),
    ("La société Mercure SA doit déposer ses comptes annuels au greffe du tribunal.", "fr"),
    ("La fusión de sociedades mercantiles deberá inscribirse en el Registro dentro de treinta días.",
     "es"),
])
def test_false_friends_get_no_label(tag, text, lang):
    (out,) = tag({"id": "neg", "text": text, "lang": lang})
    assert out["articles"] == []


@pytest.mark.parametrize("item_id", [
    "pe-ds-014-2017-minam-es-regl-anexov-b1150",  # "oro, plata ... pero no el mercurio"
    "ca-c-15-31-en-sch6-para9",                   # mercury as an example in a list of substances
    "in-epa-1986-en-s3",                          # general framework law, no mercury
])
def test_passing_mentions_get_no_label(tag, dev, item_id):
    (out,) = tag(dev[item_id])
    assert out["articles"] == []


def test_language_detected_when_absent(tag, dev):
    item = {k: v for k, v in dev["ar-ley-26184-es-art1"].items() if k in ("id", "text")}
    (out,) = tag(item)
    assert "4" in out["articles"]


def test_evidence_offsets_are_exact(tagger, dev):
    items = list(dev.values())[::7]
    for item, out in zip(items, tagger.tag_items(items)):
        for ev in out["evidence"]:
            assert item["text"][ev["start"]:ev["end"]] == ev["quote"]
            assert ev["article"] in out["articles"]


def test_version_and_name(tagger):
    assert tagger.name and isinstance(tagger.version, str) and "+lex." in tagger.version


def test_typographic_apostrophe_spelling_matches_lexicon_terms():
    """Official French texts write "l’effluent" (U+2019); the lexicon writes "l'effluent".
    Both spellings find the same term, and the evidence offsets quote the text as written."""
    from kb.tagger.pipeline import extract_signals
    texts = ["La caractérisation de l’effluent est effectuée chaque mois.",
             "La caractérisation de l'effluent est effectuée chaque mois."]
    for text, signals in zip(texts, extract_signals(texts, ["fr", "fr"])):
        found = {h.term: text[h.start:h.end] for h in signals.hits}
        assert "caractérisation de l'effluent" in found
        assert found["caractérisation de l'effluent"] == text[3:32]

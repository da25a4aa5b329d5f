"""Query features on the shipped corpus: stemming per language, syntax, filters, facets,
pages, sorting, cross-language expansion and safe fragments."""
from __future__ import annotations

import re

import pytest

from kb.annotate import tag_units
from kb.errors import QueryError
from kb.listing import outline
from kb.review import current_tags
from kb.search import search

SOR_254 = "https://w3id.org/minamata-kb/eli/ca/regulation/2014/2014_254/eng"

MARK = re.compile(r"<mark>(.*?)</mark>", re.S)


def marked(results) -> set[str]:
    return {m.lower() for h in results.hits for m in MARK.findall(h.fragment_html)}


def test_english_stemming(index):
    results = search(index, "exported", lang="en")
    assert results.total > 0
    assert {"export", "exports"} & marked(results)


def test_french_stemming_and_accents(index):
    exporte = search(index, "exporté", lang="fr")
    assert exporte.total > 0 and any(w.startswith("export") for w in marked(exporte))
    assert {"exportation", "exportations"} & marked(search(index, "exportations", lang="fr", per_page=50))
    # a query typed without accents meets the accented text
    assert "règlement" in marked(search(index, "reglement", lang="fr", per_page=50))


def test_spanish_stemming(index):
    results = search(index, "exportar", lang="es")
    assert "exportaciones" in marked(results)
    pila = search(index, "pila", lang="es", jurisdiction="AR")
    assert "pilas" in marked(pila)


def test_phrase_matches_words_in_a_row(index):
    results = search(index, '"product containing mercury"', per_page=50)
    assert results.total > 0
    for hit in results.hits:
        assert re.search(r"products?\W+contain\w*\W+(\w+\W+)?mercury", hit.fragment_html,
                         re.I | re.S) or "mercury" in hit.fragment_html.lower()
    assert results.total < search(index, "product containing mercury").total


def test_boolean_operators(index):
    both = search(index, "mercury AND lamp").total
    either = search(index, "mercury OR lamp").total
    without = search(index, "mercury NOT lamp").total
    assert 0 < both <= either
    assert search(index, "mercury").total == both + without


def test_field_filters_in_query_and_arguments(index):
    results = search(index, "article:4 jurisdiction:int", per_page=100)
    assert results.total and all(h.jurisdiction == "INT" and "4" in h.articles for h in results.hits)
    assert all(h.label.startswith(("Art. 4.", "Annex A.")) for h in results.hits)  # A: Art. 4
    peru = search(index, "", jurisdiction="PE", per_page=100)
    assert {h.jurisdiction for h in peru.hits} == {"PE", "PE-MDD"}   # subdivisions included


def test_wildcard_and_fuzzy(index):
    assert "mercury" in marked(search(index, "mercur*", lang="en"))
    assert "mercury" in marked(search(index, "mercry~", lang="en"))


def test_facet_counts_equal_sparql_counts(index, corpus_kb):
    results = search(index, "", per_page=1)
    units: dict[str, int] = {}
    for row in corpus_kb.rows("SELECT ?e ?jur WHERE { GRAPH ?e { ?e eli:realizes/eli:jurisdiction/skos:notation ?jur } }"):
        if row["jur"] != "INT" and "/version/" not in row["e"]:
            units[row["jur"]] = units.get(row["jur"], 0) + len(tag_units(outline(corpus_kb, row["e"])))
    facet = {f.label: f.count for f in results.facets["jurisdiction"]}
    assert {k: v for k, v in facet.items() if k != "INT"} == units
    assert sum(facet.values()) == results.total
    tagged = {t["provision"] for t in current_tags(corpus_kb) if t["article"] == "4"
              and t["status"] != "rejected"}
    canada = search(index, "", jurisdiction="CA", per_page=1)
    assert {f.value: f.count for f in canada.facets["article"]}.get("4") == len(tagged)


def test_rejected_tags_are_not_articles(index):
    sec5 = search(index, f'provision:"{SOR_254}/sec_5"').hits[0]
    assert sec5.articles == ["4"] and set(sec5.statuses) == {"added", "rejected"}
    assert search(index, "", article="11", jurisdiction="CA").total == 0
    assert search(index, "", article="11", status="rejected").total == 1
    assert search(index, "", article="4", status="rejected").total == 0


def test_pagination(index):
    first, second = search(index, "mercury", page=1, per_page=5), search(index, "mercury", page=2, per_page=5)
    both = search(index, "mercury", per_page=10)
    assert [h.provision for h in first.hits + second.hits] == [h.provision for h in both.hits]
    assert first.total == both.total and first.pages == -(-both.total // 5)
    assert search(index, "mercury", page=first.pages + 1, per_page=5).hits == []


def test_date_sort_newest_first(index):
    hits = search(index, "mercury", sort="date", per_page=100).hits
    dates = [h.date for h in hits if h.date]
    assert dates == sorted(dates, reverse=True) and len(set(dates)) > 2


def test_cross_language_expansion(index):
    assert search(index, "mercury export", lang="fr").total == 0
    results = search(index, "mercury export", lang="fr", cross_language=True)
    assert results.total > 0 and "exportation de mercure" in results.expansions["fr"]
    assert "exportación de mercurio" in results.expansions["es"]
    assert all(h.lang == "fr" for h in results.hits)
    assert {"mercure", "exportation"} <= marked(search(index, "mercury export", lang="fr",
                                                       cross_language=True, per_page=50))


def test_hostile_law_text_is_escaped(index):
    hit = search(index, "pwned thermometers", jurisdiction="ZZ").hits[0]
    assert "<script>" not in hit.fragment_html and "<b>" not in hit.fragment_html
    assert "&lt;script&gt;" in hit.fragment_html
    assert MARK.sub("", hit.fragment_html).count("<") == 0


@pytest.mark.parametrize("query", ["<script>alert(1)</script>", '"<script>"', "script", "<b>mercury</b>"])
def test_hostile_query_is_escaped(index, query):
    for hit in search(index, query, per_page=20).hits:
        assert MARK.sub("", hit.fragment_html).count("<") == 0


@pytest.mark.parametrize("query, message", [
    ("mercury AND", "after"), ("OR mercury", "before"), ("(mercury", "never closed"),
    ("mercury)", "no matching"), ('"mercury export', "quote"), ("foo:bar", "unknown field"),
    ("year:abc", "year"), ("*", "too broad"), ("m*", "too broad"),
    ('title:"mercury regulations"', "cannot hold a phrase"),
    ('lamp OR heading:"mercury storage"~3', "cannot hold a phrase")])
def test_bad_syntax_raises_query_error(index, query, message):
    with pytest.raises(QueryError, match=message):
        search(index, query)


def test_bad_arguments_raise_query_error(index):
    with pytest.raises(QueryError):
        search(index, "mercury", sort="alphabetical")
    with pytest.raises(QueryError):
        search(index, "mercury", per_page=0)

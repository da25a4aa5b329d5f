"""Every page answers with the knowledge base's content (anonymous reading)."""
from __future__ import annotations

from urllib.parse import quote

from webapp_support import LAMPS_FR, SOR_254

SOR_PATH = "/instruments/ca/regulation/2014/2014_254/eng"


def text(response) -> str:
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_data(as_text=True)


def test_dashboard_heatmap_has_every_jurisdiction_article_and_legend(client):
    html = text(client.get("/"))
    for jur in ("AR", "CA", "GH", "PE-MDD"):
        assert f'href="/jurisdictions/{jur}"' in html
    assert 'href="/jurisdictions/CA/cells/art:4"' in html
    assert "Mercury-added products" in html
    assert 'class="legend"' in html and "not covered" in html
    assert "st-partial" in html or "st-covered" in html


def test_article_cell_lists_obligations_and_evidence(client):
    html = text(client.get("/jurisdictions/CA/cells/art:4"))
    assert "Article 4: Mercury-added products" in html
    assert 'href="/jurisdictions/CA/cells/4.1"' in html
    assert "SOR/2014-254" in html and 'table class="evidence"' in html
    assert f'href="{SOR_PATH}?at=' in html


def test_obligation_cell_shows_text_strength_and_history(client):
    html = text(client.get("/jurisdictions/CA/cells/4.1"))
    assert "Obligation 4.1" in html and "mandatory" in html
    assert "No reviewer assessment yet" in html or "<ol class=\"history\">" in html


def test_unknown_cells_and_jurisdictions_are_404(client):
    assert client.get("/jurisdictions/XX").status_code == 404
    assert client.get("/jurisdictions/CA/cells/99.9").status_code == 404
    assert client.get("/instruments/ca/nothing/1999/x/eng").status_code == 404
    assert client.get("/convention/articles/99").status_code == 404


def test_jurisdiction_page_instruments_chart_profile_exports(client):
    html = text(client.get("/jurisdictions/CA"))
    assert "Products Containing Mercury Regulations" in html
    assert '<svg class="bar"' in html and "<rect class=\"st-" in html
    assert "Artisanal and small-scale gold mining" in html
    for fmt in ("xlsx", "csv", "json", "ttl", "jsonld", "docx", "html"):
        assert f"/jurisdictions/CA/export/{fmt}?level=obligation" in html
    assert "Record" not in html          # anonymous: no profile form


def test_jurisdiction_list(client):
    html = text(client.get("/jurisdictions/"))
    assert 'href="/jurisdictions/PE-MDD"' in html


def test_instrument_page_outline_text_tags_and_evidence(client):
    html = text(client.get(SOR_PATH))
    assert 'nav class="outline"' in html and 'href="#sec_3"' in html
    assert 'id="sec_3"' in html
    assert '<mark class="evidence"' in html
    assert 'class="origin machine"' in html
    assert "Accept" not in html          # anonymous: no review buttons


def test_instrument_list_and_convention_as_instrument(client):
    assert "Products Containing Mercury" in text(client.get("/instruments/"))
    assert "Minamata Convention" in text(client.get("/instruments/int/minamata/2013/eng"))


def test_convention_index_and_article(client):
    assert "Mercury-added products" in text(client.get("/convention/"))
    html = text(client.get("/convention/articles/4"))
    assert 'id="ob-4.1"' in html and "mandatory" in html and "party" in html
    assert 'href="/jurisdictions/CA/cells/4.1"' in html
    assert "SOR/2014-254" in html        # the Canadian provision cited for Article 4


def test_search_facets_highlights_pagination_and_links(client):
    html = text(client.get("/search?q=mercury"))
    assert "<mark>" in html.lower() or "<mark>" in html
    assert 'data-facet="jurisdiction"' in html and 'data-facet="article"' in html
    assert 'rel="next"' in html
    assert 'href="/convention/articles/' in html           # Convention hits open the article
    page2 = text(client.get("/search?q=mercury&page=2"))
    assert 'rel="prev"' in page2
    filtered = text(client.get("/search?q=mercury&jurisdiction=ca"))
    assert 'class="selected"' in filtered and "/instruments/ar/" not in filtered
    assert 'class="hit-title" href="/instruments/ca/' in filtered


def test_search_cross_language_finds_french_text(client):
    html = text(client.get("/search?q=lamps&jurisdiction=ca&lang=fr&cross=1"))
    assert LAMPS_FR.removeprefix("https://w3id.org/minamata-kb/eli/") in html
    assert "also searched" in html


def test_search_error_is_shown_with_400(client):
    response = client.get("/search?q=%28mercury")
    assert response.status_code == 400
    assert "unbalanced parentheses" in response.get_data(as_text=True)


def test_review_queue_and_provision_page(client):
    assert "machine proposals" in text(client.get("/review/"))
    html = text(client.get(f"/review/?instrument={quote(SOR_254)}"))
    assert "sec_" in html
    page = text(client.get(f"/review/provision?iri={quote(SOR_254 + '/sec_3')}"))
    assert "Current tags" in page and "History" in page
    assert client.get("/review/provision?iri=https://example.org/x").status_code == 404


def test_login_and_sparql_pages(client):
    assert 'name="password"' in text(client.get("/login"))
    assert "<textarea" in text(client.get("/sparql", headers={"Accept": "text/html"}))

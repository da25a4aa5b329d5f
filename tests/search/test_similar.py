"""More-like-this from a Convention obligation or a national provision."""
from __future__ import annotations

import pytest

from kb.errors import KBError, QueryError
from kb.search import similar

SOR_254 = "https://w3id.org/minamata-kb/eli/ca/regulation/2014/2014_254/eng"

ART_4_1 = "https://w3id.org/minamata-kb/eli/int/minamata/2013/eng/art_4/para_1"
ART_3_6 = "https://w3id.org/minamata-kb/eli/int/minamata/2013/eng/art_3/para_6"


def test_product_obligation_finds_national_product_bans(index):
    hits = similar(index, provision_iri=ART_4_1)
    assert hits and all(h.jurisdiction != "INT" for h in hits)
    assert f"{SOR_254}/sec_3" in [h.provision for h in hits]


def test_export_obligation_finds_export_rules(index):
    hits = similar(index, provision_iri=ART_3_6, limit=5)
    assert all("2013_88" in h.instrument for h in hits)


def test_obligation_text_reaches_other_languages(index):
    hits = similar(index, obligation_text="Each Party shall not allow the export of mercury",
                   limit=30)
    assert {"en", "fr"} <= {h.lang for h in hits}


def test_national_source_lists_other_instruments_only(index):
    hits = similar(index, provision_iri=f"{SOR_254}/sec_3")
    assert hits and all(h.instrument != SOR_254.rsplit("/", 1)[0] for h in hits)


def test_bad_source(index):
    with pytest.raises(QueryError):
        similar(index)
    with pytest.raises(KBError):
        similar(index, provision_iri="https://example.org/nothing")

"""The query evaluation behind totals, facets and ranking must agree with Whoosh exactly:
the same match set as Whoosh's own matchers, the same BM25F scores as its exhaustive
ranking, and the same postings from the rebuild writer as from Whoosh's."""
from __future__ import annotations

import pickle

import numpy as np
import pytest
from whoosh import query as Q
from whoosh.index import create_in

from kb.search import search
from kb.search.build import GenerationWriter, open_live
from kb.search.live import live
from kb.search.matchset import Evaluation
from kb.search.query import filter_query, parse
from kb.search.schema import TEXT_FIELDS, build_schema

QUERIES = [
    ("mercury", {}), ("exportation", {}), ("residuos", {}), ('"dental amalgam"', {}),
    ('"mercury-added products"', {}), ('"export of mercury"', {}), ('"déchets dangereux"', {}),
    ("mercury AND (lamp OR battery) NOT waste", {}), ("mercury NOT waste", {}),
    ("NOT mercury", {}), ("export*", {}), ("mercry~", {}), ("year:[2010 TO 2020]", {}),
    ("title:mercury OR mercury", {}), ('"hazardous waste"~3', {}), ("mercury^3 OR waste", {}),
    ("(mercury OR lamp)^2 waste", {}), ("mercury ANDMAYBE waste", {}), ("", {}),
    ("mercury", {"jurisdiction": "CA"}), ("mercurio", {"jurisdiction": "PE", "lang": "es"}),
    ("", {"article": "4"}), ("mercury", {"in_force": True, "doc_type": "regulation"}),
]


def final_query(text, filters):
    query, _ = parse(text)
    extra = filter_query(**filters)
    return Q.And([query, Q.ConstantScoreQuery(extra, 0.0)]) if extra else query


@pytest.mark.parametrize("text,filters", QUERIES)
def test_matches_and_scores_equal_whoosh(index, text, filters):
    searcher = live(index).searcher
    query = final_query(text, filters)
    evaluation = Evaluation(searcher, query)
    assert evaluation.docs.tolist() == sorted(searcher.docs_for_query(query))
    if evaluation.scores is None:          # left to Whoosh's ranking
        return
    reference = searcher.search(query, limit=None)          # scores every match
    ours = evaluation.top(len(evaluation.docs))
    assert [d for _, d in ours] == [hit.docnum for hit in reference]
    assert np.allclose([s for s, _ in ours], [hit.score for hit in reference])


def test_total_counts_every_match(index):
    searcher = live(index).searcher
    query, _ = parse("mercury")
    assert search(index, "mercury", facets=False).total == len(list(searcher.docs_for_query(query)))


def test_matched_terms_drive_highlights(index):
    results = search(index, '"dental amalgam" OR thermometer NOT waste')
    assert results.hits and all("<mark>" in h.fragment_html for h in results.hits)
    assert not any("<mark>waste" in h.fragment_html.lower() for h in results.hits)


def test_rebuild_writer_writes_whoosh_postings(index, tmp_path):
    """Same documents through Whoosh's writer and the rebuild writer: same postings,
    weights, values and block statistics."""
    stored = open_live(index)
    with stored.searcher() as searcher:
        docs = [dict(searcher.stored_fields(n)) for n in range(0, 400, 3)]
    for doc in docs:
        doc[TEXT_FIELDS.get(doc["lang"], TEXT_FIELDS["xx"])] = doc["body"]
    indexes = []
    for name, make in (("plain", lambda ix: ix.writer()), ("rebuild", GenerationWriter)):
        (tmp_path / name).mkdir()
        ix = create_in(str(tmp_path / name), build_schema())
        writer = make(ix)
        for doc in docs:
            writer.add_document(**doc)
        writer.commit()
        indexes.append(ix)
    with indexes[0].reader() as plain, indexes[1].reader() as rebuilt:
        assert list(plain.all_terms()) == list(rebuilt.all_terms())
        for fieldname, btext in plain.all_terms():
            a, b = plain.term_info(fieldname, btext), rebuilt.term_info(fieldname, btext)
            assert (a.weight(), a.doc_frequency(), a.min_length(), a.max_length()) == \
                (b.weight(), b.doc_frequency(), b.min_length(), b.max_length())
            pa, pb = plain.postings(fieldname, btext), rebuilt.postings(fieldname, btext)
            while pa.is_active():
                assert (pa.id(), pa.weight(), pa.value()) == (pb.id(), pb.weight(), pb.value())
                assert (pa.block_min_length(), pa.block_max_length()) == \
                    (pb.block_min_length(), pb.block_max_length())
                pa.next(), pb.next()
            assert not pb.is_active()


def test_rebuild_blocks_are_pickled_in_the_current_protocol(index):
    """Protocol 2 would pickle every posting value as a call to ``codecs.encode``."""
    with open_live(index).reader() as reader:
        matcher = reader.postings("text_en", b"mercuri")
        data = matcher._postfile.get(matcher._dataoffset,
                                     matcher._nextoffset - matcher._dataoffset)
    assert data[:2] == bytes([0x80, pickle.HIGHEST_PROTOCOL]) and b"codecs" not in data

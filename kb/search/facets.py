"""Facet counts from postings lists held as NumPy arrays.

Whoosh's own ``groupedby`` categorises every matching document in Python, which costs
tens of milliseconds on a broad query over 100,000 documents.  Facet values are few (a few
dozen jurisdictions, instruments, articles), so each value's postings are loaded once per
searcher; a query's counts are then one ``bincount`` (single-valued fields) or one
boolean-mask lookup per value (multi-valued fields) over the matching document numbers.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .schema import FACET_FIELDS, MULTI_VALUED


@dataclass
class FacetValue:
    value: str       # the term to filter on (``article=value``)
    label: str       # what to show
    count: int


class FacetTable:
    """Per-searcher postings of the facet fields (build once, count many times)."""

    def __init__(self, searcher):
        self.searcher = searcher
        reader = searcher.reader()
        self.size = reader.doc_count_all()
        self.values: dict[str, list[str]] = {}
        self.codes: dict[str, np.ndarray] = {}          # single-valued: value index per doc
        self.postings: dict[str, list[np.ndarray]] = {}  # multi-valued: docnums per value
        self.labels: dict[tuple[str, str], str] = {}
        for name in FACET_FIELDS:
            field = searcher.schema[name]
            values, lists = [], []
            for term in reader.lexicon(name):
                values.append(field.from_bytes(term))
                lists.append(np.fromiter(reader.postings(name, term).all_ids(), dtype=np.int64))
            self.values[name] = values
            if name in MULTI_VALUED:
                self.postings[name] = lists
            else:
                codes = np.full(self.size, len(values), dtype=np.int32)   # "no value" bucket
                for n, docs in enumerate(lists):
                    codes[docs] = n
                self.codes[name] = codes

    def counts(self, matched: np.ndarray, limit: int = 30) -> dict[str, list[FacetValue]]:
        """Facet values with their counts among ``matched`` docnums, most frequent first."""
        out: dict[str, list[FacetValue]] = {}
        mask = None
        for name in FACET_FIELDS:
            values = self.values[name]
            if name in self.codes:
                counts = np.bincount(self.codes[name][matched], minlength=len(values) + 1)
                pairs = [(values[i], int(c)) for i, c in enumerate(counts[:-1]) if c]
            else:
                if mask is None:
                    mask = np.zeros(self.size, dtype=bool)
                    mask[matched] = True
                pairs = [(v, int(np.count_nonzero(mask[docs])))
                         for v, docs in zip(values, self.postings[name])]
                pairs = [p for p in pairs if p[1]]
            pairs.sort(key=lambda p: (-p[1], p[0]))
            out[name] = [FacetValue(v, self.label(name, v), c) for v, c in pairs[:limit]]
        return out

    def label(self, name: str, value: str) -> str:
        """Display label: instruments by citation or title, codes upper-cased."""
        key = (name, value)
        if key not in self.labels:
            if name == "instrument":
                doc = self.searcher.document(instrument=value) or {}
                self.labels[key] = doc.get("citation") or doc.get("title") or value
            elif name == "jurisdiction":
                self.labels[key] = value.upper()
            elif name == "article":
                self.labels[key] = f"Article {value}"
            else:
                self.labels[key] = value
        return self.labels[key]

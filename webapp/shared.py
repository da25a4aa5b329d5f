"""One open knowledge base per app process, shared by every request, and what it caches.

Measured on the sample corpus: opening the embedded store costs ~75 ms (0.45 s cold) per
open, a typical listing query ~15 ms, so opening per request would multiply page times;
and the embedded store admits one process at a time anyway.  The store is therefore
opened once when the app is created and shared across request threads.

Reads run concurrently on Oxigraph snapshots, but evaluating a query and reading its
solutions hold the GIL (measured: two threads querying take as long as one doing both), so
on one process every query costs all request threads: what does not change between
requests is computed once (``cached``).  Writes go through ``writing()``, which serialises
them inside the process (a write and the index refresh that follows it are never
interleaved with another write) and then retires the cached results the write may have
changed: an assessment those of its jurisdiction, a tag decision those of its jurisdiction
and instrument, an import everything.  The gap matrices of the jurisdiction are recomputed
by the write itself, so that readers never wait for one.  Entries also expire after
``CACHE_SECONDS`` so that writes by other worker processes (external store) show up
within that time.
"""
from __future__ import annotations

import logging
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from flask import current_app

from kb.gaps import GapMatrix, compute_matrix
from kb.search import ensure_index, index_dir_for
from kb.store import KnowledgeBase

log = logging.getLogger(__name__)
CACHE_SECONDS = 10.0
EVERYTHING = ""                   # the scope of a write that may change anything (an import)


class SharedKB:
    """The app's knowledge base, its search index folder, the write lock and the caches."""

    def __init__(self, location: str):
        self.location = location
        self.kb = KnowledgeBase(location)
        self.index_dir = Path(index_dir_for(location))
        self.write_lock = threading.Lock()
        self._writes: dict[str, int] = {}                 # scope -> writes so far
        self._cache: dict[tuple, tuple[tuple, float, object]] = {}
        self._computing: dict[tuple, threading.Lock] = {}

    def ensure_index(self) -> str | None:
        """Rebuild the search index if it is missing or broken (message, or None if fine)."""
        with self.write_lock:
            return ensure_index(self.kb, self.index_dir)

    @contextmanager
    def writing(self, *scopes: str):
        """Hold the write lock for one change and its index refresh, then retire the cached
        results that depend on what it changed: the ``scopes`` it names (a jurisdiction
        code, an expression IRI), or everything when it names none (an import).  The cached
        matrices of a named jurisdiction are recomputed first (``_refresh_matrices``)."""
        with self.write_lock:
            try:
                yield self.kb
                self._refresh_matrices(scopes)
            finally:
                for scope in scopes or (EVERYTHING,):
                    self._writes[scope] = self._writes.get(scope, 0) + 1

    def _refresh_matrices(self, scopes: tuple[str, ...]) -> None:
        """Recompute the cached matrices of the jurisdictions among ``scopes``, stamped as of
        after the write, before the write is counted: until then readers keep the previous
        matrix, from then on they find the new one.  So no dashboard waits for a matrix after
        a review; the reviewer's request pays for it.  A failure here leaves the matrices to
        be recomputed by readers: the write itself has succeeded and must be answered so."""
        try:
            for level, jur in [key[1:] for key in list(self._cache) if key[0] == "matrix" and key[2] in scopes]:
                with self._computing.setdefault(("matrix", level), threading.Lock()):
                    stamp = (self._writes.get(EVERYTHING, 0), self._writes.get(jur, 0) + 1)
                    self._cache[("matrix", level, jur)] = (stamp, time.monotonic(),
                                                           compute_matrix(self.kb, [jur], level))
        except Exception:                    # noqa: BLE001 - see above
            log.exception("gap matrices not refreshed after a write to %s", ", ".join(scopes))

    def _stamp(self, scopes: tuple[str, ...]) -> tuple[int, ...]:
        """Writes so far that retire a result depending on ``scopes`` (an empty tuple: a
        result about the laws themselves, which only imports change)."""
        return (self._writes.get(EVERYTHING, 0), *(self._writes.get(s, 0) for s in scopes))

    def _hit(self, key: tuple, wanted: tuple[int, ...]):
        """The entry of ``key`` if it was computed after the writes counted in ``wanted``:
        a request may take a result computed after it arrived even if writes came since,
        so requests that wait for one computation all take it (none recomputes in turn)."""
        entry = self._cache.get(key)
        if entry and all(e >= w for e, w in zip(entry[0], wanted)) and time.monotonic() - entry[1] < CACHE_SECONDS:
            return entry[2]
        return None

    def cached(self, key: tuple, compute, scopes: tuple[str, ...] = ()):
        """``compute()``, reused until a write to one of ``scopes`` (see ``writing``) or for
        CACHE_SECONDS.  Concurrent requests for a missing entry wait for one computation
        instead of each running it."""
        wanted = self._stamp(scopes)
        value = self._hit(key, wanted)
        if value is None:
            with self._computing.setdefault(key, threading.Lock()):
                value = self._hit(key, wanted)
                if value is None:
                    stamp = self._stamp(scopes)          # before reading: a write meanwhile ages it
                    value = compute()
                    self._cache[key] = (stamp, time.monotonic(), value)
        return value

    def matrix(self, jurisdictions: list[str], level: str) -> GapMatrix:
        """``compute_matrix``, assembled from one cached matrix per jurisdiction, so that a
        review retires its own jurisdiction's column and the dashboard recomputes only that."""
        jurs = [j.upper() for j in jurisdictions]
        if not jurs:
            return compute_matrix(self.kb, [], level)
        wanted = {j: self._stamp((j,)) for j in jurs}
        parts = {j: self._hit(("matrix", level, j), wanted[j]) for j in jurs}
        if any(part is None for part in parts.values()):
            with self._computing.setdefault(("matrix", level), threading.Lock()):
                parts = {j: self._hit(("matrix", level, j), wanted[j]) for j in jurs}
                missing = [j for j, part in parts.items() if part is None]
                if missing:
                    stamps = {j: self._stamp((j,)) for j in missing}
                    fresh = compute_matrix(self.kb, missing, level)
                    for j in missing:
                        parts[j] = GapMatrix(level, [j], fresh.rows, {k: c for k, c in fresh.cells.items()
                                                                      if k[0] == j}, fresh.generated)
                        self._cache[("matrix", level, j)] = (stamps[j], time.monotonic(), parts[j])
        if len(jurs) == 1:
            return parts[jurs[0]]
        cells = {}
        for part in parts.values():
            cells.update(part.cells)
        return GapMatrix(level, jurs, parts[jurs[0]].rows, cells, min(p.generated for p in parts.values()))

    def close(self) -> None:
        self.kb.close()


def shared() -> SharedKB:
    return current_app.extensions["minamata_kb"]


def kb() -> KnowledgeBase:
    """The knowledge base for reading in a request."""
    return shared().kb

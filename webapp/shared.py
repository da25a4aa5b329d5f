"""One open knowledge base per app process, shared by every request.

Measured on the sample corpus: opening the embedded store costs ~75 ms (0.45 s cold) per
open, a typical listing query ~15 ms, so opening per request would multiply page times;
and the embedded store admits one process at a time anyway.  The store is therefore
opened once when the app is created and shared across request threads.

Reads run concurrently: Oxigraph answers each query on its own snapshot and releases the
GIL while it evaluates (checked with a long query running beside the matrix).  Writes go
through ``writing()``, which serialises them inside the process so that a write and the
search-index refresh that follows it are never interleaved with another write.

The coverage matrix, read by the dashboard on every visit, is cached per process: a write
through ``writing()`` drops the cache at once, and entries expire after
``MATRIX_CACHE_SECONDS`` so that writes by other worker processes (external store) show
up within that time.
"""
from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from pathlib import Path

from flask import current_app

from kb.gaps import GapMatrix, compute_matrix
from kb.search import ensure_index, index_dir_for
from kb.store import KnowledgeBase


MATRIX_CACHE_SECONDS = 10.0


class SharedKB:
    """The app's knowledge base, its search index folder and the write lock."""

    def __init__(self, location: str):
        self.location = location
        self.kb = KnowledgeBase(location)
        self.index_dir = Path(index_dir_for(location))
        self.write_lock = threading.Lock()
        self._matrices: dict[tuple, tuple[float, GapMatrix]] = {}

    def ensure_index(self) -> str | None:
        """Rebuild the search index if it is missing or broken (message, or None if fine)."""
        with self.write_lock:
            return ensure_index(self.kb, self.index_dir)

    @contextmanager
    def writing(self):
        """Hold the write lock for one change and its index refresh; drop cached matrices."""
        with self.write_lock:
            try:
                yield self.kb
            finally:
                self._matrices = {}

    def matrix(self, jurisdictions: list[str], level: str) -> GapMatrix:
        """``compute_matrix``, cached until the next write or for MATRIX_CACHE_SECONDS."""
        key = (tuple(jurisdictions), level)
        hit = self._matrices.get(key)
        if hit and time.monotonic() - hit[0] < MATRIX_CACHE_SECONDS:
            return hit[1]
        matrix = compute_matrix(self.kb, list(jurisdictions), level)
        self._matrices[key] = (time.monotonic(), matrix)
        return matrix

    def close(self) -> None:
        self.kb.close()


def shared() -> SharedKB:
    return current_app.extensions["minamata_kb"]


def kb() -> KnowledgeBase:
    """The knowledge base for reading in a request."""
    return shared().kb

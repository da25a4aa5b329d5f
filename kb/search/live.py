"""One open searcher per index folder, reused across queries.

Opening a Whoosh index reads its table of contents and segment files; doing that per query
costs more than the query itself.  The cached searcher is swapped when ``CURRENT`` names
a new generation (a rebuild) and refreshed when the generation has new commits (an
incremental update); the facet postings are rebuilt lazily with it.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from .build import live_generation, open_live
from .facets import FacetTable


@dataclass
class Live:
    generation: Path
    index: object
    searcher: object
    _facets: FacetTable | None = field(default=None, repr=False)

    @property
    def facets(self) -> FacetTable:
        if self._facets is None:
            self._facets = FacetTable(self.searcher)
        return self._facets


_cache: dict[str, Live] = {}
_lock = threading.Lock()


def live(index_dir: str | Path) -> Live:
    """The up-to-date searcher of ``index_dir`` (IndexUnavailableError if there is none)."""
    key = str(Path(index_dir).resolve())
    generation = live_generation(index_dir)
    with _lock:
        entry = _cache.get(key)
        if entry is not None and entry.generation == generation:
            if not entry.searcher.up_to_date():
                # A fresh reader, not Searcher.refresh(): refresh reuses the readers of
                # unchanged segments and so misses deletions committed since.
                entry.searcher = entry.index.searcher()
                entry._facets = None
            return entry
        index = open_live(index_dir)
        if entry is not None:
            entry.searcher.close()
        entry = _cache[key] = Live(live_generation(index_dir), index, index.searcher())
        return entry

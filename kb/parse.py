"""The single entry point from a file on disk to an ``Instrument``.

Ingestion, the web upload and the tests all call ``parse_file`` so every path applies the
same size limit, format detection, metadata rules and segmentation.
"""
from __future__ import annotations

from pathlib import Path

from kb.metadata import build_instrument
from kb.model import Instrument
from kb.readers import read_source


def parse_file(path: Path, overrides: dict | None = None,
               max_bytes: int = 50_000_000) -> Instrument:
    """Read, describe and segment ``path``; raises InputError/MetadataError for bad input."""
    path = Path(path)
    return build_instrument(read_source(path, max_bytes), path, overrides or {})

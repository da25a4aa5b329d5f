"""Exports of the gap matrix in the forms legal reviewers hand over in an MIA report.

``export_gaps(kb, matrix, fmt, path)`` reads the evidence once (see ``common.gather``)
and hands it to one small module per format: ``xlsx``, ``word`` (docx), ``csvfile``,
``jsonfile``, ``rdf`` (ttl, jsonld) and ``page`` (html).  Columns and fields are
documented in each module and in FORMATS.md.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import KBError
from ..gaps import GapMatrix
from ..store import KnowledgeBase
from . import csvfile, jsonfile, page, rdf, word, xlsx
from .common import gather

FORMATS = ("xlsx", "csv", "json", "ttl", "jsonld", "docx", "html")
_WRITERS = {"xlsx": xlsx.write, "csv": csvfile.write, "json": jsonfile.write, "docx": word.write,
            "html": page.write, "ttl": lambda d, p: rdf.write(d, p, "ttl"),
            "jsonld": lambda d, p: rdf.write(d, p, "jsonld")}


def export_gaps(kb: KnowledgeBase, matrix: GapMatrix, fmt: str, path: Path) -> Path:
    """Write ``matrix`` (with its evidence from ``kb``) to ``path`` as ``fmt``; returns the path."""
    if fmt not in _WRITERS:
        raise KBError(f"unknown export format {fmt!r}; use one of: {', '.join(FORMATS)}")
    path = Path(path)
    _WRITERS[fmt](gather(kb, matrix), path)
    return path

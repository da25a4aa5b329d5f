"""JSON export: the whole matrix with its evidence, for other programs.

One object (UTF-8; see FORMATS.md)::

    {
      "generated": "2025-03-01T10:00:00",       # when the matrix was computed
      "level": "obligation",                    # or "article"
      "tagger_version": "0.3.0",                # or "not tagged"
      "jurisdictions": ["CA", "PE"],
      "rows": [{"key", "article", "text", "strength", "addressee"}, ...],
      "cells": {"CA": {"3.6": {
          "status", "origin", "machine_status", "weight", "tags", "reason",
          "comment", "reviewer", "assessed_at",
          "evidence": [{"provision", "annotation", "citation", "title", "number",
                        "quote", "tag_status", "confidence", "obligations"}, ...]}}}
    }

``rows`` keeps the matrix order; ``cells[jurisdiction][key]`` is one cell.  ``weight`` is
the strongest tag's trust × force (see kb.gaps), ``tags`` the number of tags on the
article, ``tag_status`` proposed | accepted | added (rejected tags are left out).
"""
from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from .common import ExportData, Line, iso_time

EVIDENCE_FIELDS = ("provision", "annotation", "citation", "title", "number", "quote", "confidence",
                   "obligations")


def cell_fields(line: Line) -> dict:
    return {**asdict(line.cell), "assessed_at": iso_time(line.cell.assessed_at),
            "evidence": [{**{f: e[f] for f in EVIDENCE_FIELDS}, "tag_status": e["status"]}
                         for e in line.evidence]}


def document(data: ExportData) -> dict:
    matrix = data.matrix
    return {
        "generated": matrix.generated,
        "level": matrix.level,
        "tagger_version": data.tagger_version,
        "jurisdictions": matrix.jurisdictions,
        "rows": [asdict(row) for row in matrix.rows],
        "cells": {jur: {line.row.key: cell_fields(line) for line in lines}
                  for jur, lines in data.lines.items()},
    }


def write(data: ExportData, path: Path) -> None:
    Path(path).write_text(json.dumps(document(data), ensure_ascii=False, indent=2), encoding="utf-8")

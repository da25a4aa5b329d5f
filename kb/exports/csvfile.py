"""CSV export: one row per jurisdiction × matrix row, for spreadsheets and scripts.

Columns (UTF-8, comma-separated, header row first; see FORMATS.md):

``jurisdiction``  upper-case code (CA, PE, PE-MDD)
``level``         ``obligation`` or ``article``
``key``           obligation notation ("3.6", "C.1.b") or article number ("3")
``article``       Convention article the row belongs to
``requirement``   what the Convention requires (obligation text, or article title)
``status``        covered | partial | not covered | not applicable | not assessed
``origin``        ``machine`` (proposed from tags) or ``reviewer`` (assessed; wins)
``machine_status`` what the machine proposed, kept even when the reviewer overrode it
``evidence_count`` number of national provisions behind the cell (rejected tags excluded)
``evidence``      those provisions as "citation, number", separated by "; "
``comment``       the reviewer's comment on the assessment
``reviewer``      who assessed the cell (empty for machine cells)
``assessed_at``   when (ISO 8601; empty for machine cells)

Values are written as they are (no spreadsheet-formula escaping), so scripts read the
exact texts; open the XLSX export instead when a reviewer works in a spreadsheet.
"""
from __future__ import annotations

import csv
from pathlib import Path

from .common import ExportData, iso_time, provision_label

COLUMNS = ("jurisdiction", "level", "key", "article", "requirement", "status", "origin",
           "machine_status", "evidence_count", "evidence", "comment", "reviewer", "assessed_at")


def write(data: ExportData, path: Path) -> None:
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        for jur, lines in data.lines.items():
            for line in lines:
                cell = line.cell
                writer.writerow([jur, data.matrix.level, line.row.key, line.row.article, line.row.text,
                                 cell.status, cell.origin, cell.machine_status, len(line.evidence),
                                 "; ".join(provision_label(e) for e in line.evidence),
                                 cell.comment, cell.reviewer, iso_time(cell.assessed_at)])

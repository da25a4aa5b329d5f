"""What every export format shares: the cells with their evidence, labels, colours and rules.

Each format module only lays out ``ExportData``; the graph is read here, once, so a
workbook, a Word report and a web page made from the same matrix say the same thing.
Evidence is read with one ``gaps.evidence`` query per jurisdiction and split per cell with
``gaps.for_cell``.  Rejected tags are left out: a reviewer threw them away, so they are
not evidence of implementation in a report.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from ..gaps import COVERED_AT, PARTIAL_AT, Cell, GapMatrix, Row, evidence, for_cell
from ..store import KnowledgeBase

# Fill colours (RRGGBB) used by the workbook, the Word tables and the web page alike.
STATUS_COLOURS = {"covered": "C6EFCE", "partial": "FFEB9C", "not covered": "FFC7CE",
                  "not applicable": "D9D9D9", "not assessed": "FFFFFF"}

# One sentence per status, shown as the legend of every human-readable export.
STATUS_RULES = {
    "covered": f"a binding national provision names the obligation (tag weight ≥ {COVERED_AT}), "
               "or the reviewer assessed it so",
    "partial": f"a national provision addresses it or its article (weight ≥ {PARTIAL_AT}), "
               "or the reviewer assessed it so",
    "not covered": "no national provision found",
    "not applicable": "a jurisdiction profile fact rules it out (e.g. no ASGM, no Annex B processes)",
    "not assessed": "no tagged law in this jurisdiction yet and no reviewer assessment",
}
GENERAL_RULES = ("The latest reviewer assessment always wins over the machine's proposal. "
                 "An article is covered when all its applicable obligations are, not applicable "
                 "when all are, not covered when none is covered or partial, otherwise partial.")

GAP_TEXT = {"covered": "No gap identified", "partial": "Partially implemented",
            "not covered": "No national provision found", "not applicable": "Not applicable",
            "not assessed": "Not yet assessed"}

# Characters XML 1.0 (xlsx, docx) cannot hold; PDF-extracted law texts do contain them.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass
class Line:
    """One row of one jurisdiction's table: the requirement, its cell and the evidence."""

    jurisdiction: str
    row: Row
    cell: Cell
    evidence: list[dict]


@dataclass
class ExportData:
    """The matrix plus what the reports print around it."""

    matrix: GapMatrix
    lines: dict[str, list[Line]]      # jurisdiction -> lines in row order
    tagger_version: str


def gather(kb: KnowledgeBase, matrix: GapMatrix) -> ExportData:
    """Attach evidence to every cell (one evidence query per jurisdiction)."""
    lines = {}
    for jur in matrix.jurisdictions:
        found = [e for e in evidence(kb, jur) if e["status"] != "rejected"]
        lines[jur] = [Line(jur, row, matrix.cell(jur, row.key), for_cell(found, matrix.evidence_key(row)))
                      for row in matrix.rows]
    return ExportData(matrix, lines, tagger_version(kb))


def tagger_version(kb: KnowledgeBase) -> str:
    """Version(s) of the tagger whose proposals are in the graph, or "not tagged"."""
    rows = kb.rows("SELECT DISTINCT ?v WHERE { GRAPH ?g { ?a a prov:SoftwareAgent ; owl:versionInfo ?v } }")
    return ", ".join(sorted(str(r["v"]) for r in rows)) or "not tagged"


def row_label(level: str, row: Row) -> str:
    """How a row is named to a lawyer: "Art. 3" or the obligation notation "3.6"."""
    return f"Art. {row.key}" if level == "article" else row.key


def level_title(level: str) -> str:
    return "Article" if level == "article" else "Obligation"


def provision_label(ev: dict) -> str:
    """A provision as cited in a report: the law's citation and the provision number
    (the citation alone for unnumbered parts: preambles, headings)."""
    return f"{ev['citation']}, {ev['number']}" if ev["number"] else ev["citation"]


def short(text: str, limit: int = 200) -> str:
    """Whitespace-normalised text cut at ``limit`` characters (for quotes in tables)."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[:limit - 1].rstrip() + "…"


def gap_text(cell: Cell) -> str:
    """The "gap" column: the status in words plus why (reviewer comment or machine reason)."""
    if cell.origin == "reviewer":
        detail = cell.comment
    else:
        detail = cell.reason if cell.status in ("partial", "not applicable") else ""
    return f"{GAP_TEXT[cell.status]}: {detail}" if detail else GAP_TEXT[cell.status]


def iso_time(stamp: str) -> str:
    """An assessment time as ISO 8601 to the second ("2025-03-01T10:00:00+00:00"); '' stays ''."""
    return datetime.fromisoformat(stamp).isoformat(timespec="seconds") if stamp else ""


def xml_safe(text: str) -> str:
    """Drop control characters that would make an xlsx/docx file unreadable."""
    return _XML_ILLEGAL.sub("", str(text))


"""DOCX export: the legal-review table of a Minamata Initial Assessment report.

A title page (jurisdictions, date, tagger version, level) with the legend of status
rules, then for each jurisdiction one table in the shape MIA reports use: Convention
article/obligation, what it requires, national provisions (citation, number, short
quote), status, gap, and an empty "Recommendation" column the reviewer fills in Word.
Landscape pages, because six columns of legal text do not fit a portrait page.
"""
from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from .common import (GENERAL_RULES, STATUS_COLOURS, STATUS_RULES, ExportData, gap_text, level_title,
                     provision_label, row_label, short, xml_safe)

TITLE = "Minamata Convention on Mercury — legal gap analysis"
HEADERS = ("Convention {level}", "What it requires", "National provisions", "Status", "Gap",
           "Recommendation")
WIDTHS_CM = (2.4, 7.0, 6.5, 2.4, 4.0, 3.7)


def shade(cell, colour: str) -> None:
    """Background colour of a table cell (python-docx has no API for it)."""
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)


def repeat_header(row) -> None:
    """Repeat the header row on every page the table spans."""
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def title_page(doc, data: ExportData) -> None:
    matrix = data.matrix
    doc.add_heading(TITLE, level=0)
    for label, value in (("Jurisdiction(s)", ", ".join(matrix.jurisdictions)),
                         ("Date", matrix.generated), ("Tagger version", data.tagger_version),
                         ("Level", level_title(matrix.level).lower())):
        para = doc.add_paragraph()
        para.add_run(f"{label}: ").bold = True
        para.add_run(value)
    doc.add_heading("Status rules", level=1)
    table = doc.add_table(rows=0, cols=2, style="Table Grid")
    for status, rule in STATUS_RULES.items():
        cells = table.add_row().cells
        cells[0].text, cells[1].text = status, rule
        shade(cells[0], STATUS_COLOURS[status])
    doc.add_paragraph(GENERAL_RULES)
    doc.add_page_break()


def review_table(doc, data: ExportData, jur: str) -> None:
    level = data.matrix.level
    doc.add_heading(f"{jur} — legal review", level=1)
    counts = data.matrix.counts(jur)
    doc.add_paragraph(", ".join(f"{status}: {n}" for status, n in counts.items()))
    table = doc.add_table(rows=1, cols=len(HEADERS), style="Table Grid")
    for cell, text in zip(table.rows[0].cells, HEADERS):
        cell.text = ""
        cell.paragraphs[0].add_run(text.format(level=level_title(level).lower())).bold = True
    repeat_header(table.rows[0])
    for line in data.lines[jur]:
        cells = table.add_row().cells
        cells[0].text = row_label(level, line.row)
        cells[1].text = xml_safe(line.row.text.strip())
        provisions = [f"{provision_label(e)}: “{short(e['quote'])}”" for e in line.evidence]
        cells[2].text = xml_safe("\n".join(provisions) or "—")
        cells[3].text = line.cell.status
        shade(cells[3], STATUS_COLOURS[line.cell.status])
        cells[4].text = xml_safe(gap_text(line.cell))
    for row in table.rows:
        for cell, width in zip(row.cells, WIDTHS_CM):
            cell.width = Cm(width)


def write(data: ExportData, path: Path) -> None:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    section.left_margin = section.right_margin = Cm(1.5)
    doc.styles["Normal"].font.size = Pt(9)
    title_page(doc, data)
    for n, jur in enumerate(data.matrix.jurisdictions):
        if n:
            doc.add_page_break()
        review_table(doc, data, jur)
    doc.save(path)

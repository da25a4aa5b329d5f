"""XLSX export: the workbook reviewers fill and hand over.

* "Summary": one row per article/obligation, one column per jurisdiction, each cell
  the status text on its status colour; frozen header row and label columns, an
  auto-filter over the table and a legend to its right.
* One sheet per jurisdiction: the requirement, status, origin, evidence provisions and
  quotes, and the reviewer's comment, name and date, one row per article/obligation.

Every value is written as a string cell, so a law text or comment starting with "="
stays text and never becomes a formula.
"""
from __future__ import annotations

import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .common import (STATUS_COLOURS, STATUS_RULES, ExportData, iso_time, level_title,
                     provision_label, row_label, short, xml_safe)

DETAIL_COLUMNS = (("Requirement", 60), ("Status", 14), ("Origin", 10), ("Evidence provisions", 34),
                  ("Quotes", 60), ("Reviewer comment", 40), ("Reviewer", 18), ("Assessed at", 22))
MAX_CELL = 32_767                     # Excel's limit on characters in one cell
_SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\]")
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")


def fill(status: str) -> PatternFill:
    return PatternFill("solid", fgColor=STATUS_COLOURS[status])


def put(ws: Worksheet, row: int, col: int, value, **style):
    """Write one text cell (never a formula) and apply font/fill/alignment."""
    cell = ws.cell(row=row, column=col, value=xml_safe(value)[:MAX_CELL])
    cell.data_type = "s"
    for name, val in style.items():
        setattr(cell, name, val)
    return cell


def sheet_name(code: str, taken: set[str]) -> str:
    """A valid, unique sheet title (≤ 31 characters, none of []:*?/\\)."""
    base = _SHEET_UNSAFE.sub("_", code)[:31] or "Sheet"
    name, n = base, 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name, n = base[:31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def summary(ws: Worksheet, data: ExportData) -> None:
    matrix = data.matrix
    headers = [level_title(matrix.level), "Requirement", *matrix.jurisdictions]
    for col, text in enumerate(headers, 1):
        put(ws, 1, col, text, font=BOLD)
    for r, row in enumerate(matrix.rows, 2):
        put(ws, r, 1, row_label(matrix.level, row))
        put(ws, r, 2, " ".join(row.text.split()))
        for c, jur in enumerate(matrix.jurisdictions, 3):
            status = matrix.cell(jur, row.key).status
            put(ws, r, c, status, fill=fill(status))
    ws.freeze_panes = "C2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(matrix.rows) + 1}"
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 12, 60
    for c in range(3, len(headers) + 1):
        ws.column_dimensions[get_column_letter(c)].width = 15
    legend = len(headers) + 2
    put(ws, 1, legend, "Legend", font=BOLD)
    for r, (status, rule) in enumerate(STATUS_RULES.items(), 2):
        put(ws, r, legend, status, fill=fill(status))
        put(ws, r, legend + 1, rule)
    ws.column_dimensions[get_column_letter(legend)].width = 15


def detail(ws: Worksheet, data: ExportData, jur: str) -> None:
    level = data.matrix.level
    put(ws, 1, 1, level_title(level), font=BOLD)
    ws.column_dimensions["A"].width = 12
    for col, (title, width) in enumerate(DETAIL_COLUMNS, 2):
        put(ws, 1, col, title, font=BOLD)
        ws.column_dimensions[get_column_letter(col)].width = width
    for r, line in enumerate(data.lines[jur], 2):
        cell = line.cell
        values = [row_label(level, line.row), line.row.text, cell.status, cell.origin,
                  "\n".join(provision_label(e) for e in line.evidence),
                  "\n".join(f"{provision_label(e)}: “{short(e['quote'], MAX_CELL)}”"
                            for e in line.evidence),
                  cell.comment, cell.reviewer, iso_time(cell.assessed_at)]
        for col, value in enumerate(values, 1):
            put(ws, r, col, value, alignment=WRAP)
        ws.cell(row=r, column=3).fill = fill(cell.status)
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(DETAIL_COLUMNS) + 1)}{len(data.lines[jur]) + 1}"


def write(data: ExportData, path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Summary"
    summary(ws, data)
    taken = {"summary"}
    for jur in data.matrix.jurisdictions:
        detail(wb.create_sheet(sheet_name(jur, taken)), data, jur)
    wb.save(path)

"""The workbook, opened with openpyxl and checked cell by cell."""
from __future__ import annotations

import openpyxl
import pytest

from kb.exports.common import STATUS_COLOURS
from kb.exports.xlsx import sheet_name


@pytest.fixture(scope="module")
def book(reviewed):
    return openpyxl.load_workbook(reviewed.file("xlsx"))


def rows_by_key(ws) -> dict:
    return {row[0].value: row for row in ws.iter_rows(min_row=2) if row[0].value}


def colour(cell) -> str:
    return cell.fill.fgColor.rgb[-6:]


def test_sheets_are_summary_then_one_per_jurisdiction(book):
    assert book.sheetnames == ["Summary", "CA", "PE"]


def test_summary_header_frozen_and_filtered(book, reviewed):
    ws = book["Summary"]
    assert [c.value for c in ws[1]][:4] == ["Obligation", "Requirement", "CA", "PE"]
    assert ws.freeze_panes == "C2"
    assert ws.auto_filter.ref == f"A1:D{len(reviewed.matrices['obligation'].rows) + 1}"


def test_summary_cells_carry_status_and_colour(book):
    rows = rows_by_key(book["Summary"])
    covered, not_applicable, not_assessed = rows["4.1"][2], rows["7.2"][2], rows["4.1"][3]
    assert (covered.value, colour(covered)) == ("covered", STATUS_COLOURS["covered"])
    assert (not_applicable.value, colour(not_applicable)) == ("not applicable", "D9D9D9")
    assert (not_assessed.value, colour(not_assessed)) == ("not assessed", "FFFFFF")
    assert rows["3.3"][3].value == "not covered"
    assert rows["4.1"][1].value.startswith("1. Each Party shall not allow")


def test_summary_legend_lists_every_status_on_its_colour(book):
    ws = book["Summary"]
    legend = {ws.cell(r, 6).value: colour(ws.cell(r, 6)) for r in range(2, 7)}
    assert ws.cell(1, 6).value == "Legend"
    assert legend == STATUS_COLOURS
    assert "no national provision found" in ws.cell(4, 7).value


def test_jurisdiction_sheet_columns(book):
    ws = book["CA"]
    assert [c.value for c in ws[1]] == ["Obligation", "Requirement", "Status", "Origin",
                                        "Evidence provisions", "Quotes", "Reviewer comment",
                                        "Reviewer", "Assessed at"]
    assert ws.freeze_panes == "B2"


def test_reviewer_cell_has_status_comment_reviewer_and_date(book, reviewed):
    row = [c.value for c in rows_by_key(book["CA"])["4.1"]]
    assert row[2:4] == ["covered", "reviewer"]
    assert row[6:8] == [reviewed.COMMENT_41, reviewed.REVIEWER]
    assert row[8][:4].isdigit() and "T" in row[8]
    assert colour(rows_by_key(book["CA"])["4.1"][2]) == STATUS_COLOURS["covered"]


def test_evidence_cites_provision_and_quotes_it(book):
    rows = rows_by_key(book["CA"])
    export = [c.value for c in rows["3.6"]]
    assert export[4] == "S.C. 2099, c. 1, 1"
    assert export[5].startswith("S.C. 2099, c. 1, 1: “Article 1. Export No person shall export elemental "
                                'mercury <script>alert("x")</script>')
    lamps = [c.value for c in rows["11.3"]]
    assert lamps[4] == "S.C. 2017, c. 16, a"
    assert "safe and environmentally sound disposal" in lamps[5]
    assert lamps[2:4] == ["not assessed", "machine"]


def test_not_applicable_row_and_empty_evidence(book):
    row = rows_by_key(book["CA"])["C.1"]
    assert row[2].value == "not applicable" and colour(row[2]) == "D9D9D9"
    assert row[4].value is None and row[6].value is None


def test_text_starting_with_equals_stays_text(book, reviewed):
    cell = rows_by_key(book["PE"])["3.3"][6]
    assert cell.value == reviewed.COMMENT_PE and cell.data_type != "f"


def test_article_level_rows_are_articles(reviewed):
    book = openpyxl.load_workbook(reviewed.file("xlsx", "article"))
    assert book.sheetnames == ["Summary", "CA"]
    rows = rows_by_key(book["Summary"])
    assert rows["Art. 7"][2].value == "not applicable"
    assert rows["Art. 11"][2].value == "partial"
    assert rows["Art. 11"][1].value == "Mercury wastes"
    detail = [c.value for c in rows_by_key(book["CA"])["Art. 11"]]
    assert detail[3] == "reviewer" and detail[4] == "S.C. 2017, c. 16, a"


def test_sheet_names_are_safe_and_unique():
    taken = {"summary"}
    assert sheet_name("PE-MDD", taken) == "PE-MDD"
    assert sheet_name("a/b:c", taken) == "a_b_c"
    long = sheet_name("X" * 40, taken)
    assert long == "X" * 31 and sheet_name("X" * 40, taken) == "X" * 27 + " (2)"
    assert sheet_name("Summary", taken) == "Summary (2)"

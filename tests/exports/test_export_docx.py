"""The MIA legal-review report, opened with python-docx."""
from __future__ import annotations

import docx
import pytest

HEADER = ["Convention obligation", "What it requires", "National provisions", "Status", "Gap",
          "Recommendation"]


@pytest.fixture(scope="module")
def report(reviewed):
    return docx.Document(reviewed.file("docx"))


def rows_by_key(table) -> dict:
    return {row.cells[0].text: [c.text for c in row.cells] for row in table.rows[1:]}


def test_title_page_names_jurisdictions_date_and_tagger(report, reviewed):
    text = [p.text for p in report.paragraphs]
    assert text[0] == "Minamata Convention on Mercury — legal gap analysis"
    assert "Jurisdiction(s): CA, PE" in text
    assert f"Date: {reviewed.matrices['obligation'].generated}" in text
    assert "Tagger version: not tagged" in text
    assert "Status rules" in text


def test_legend_table_lists_statuses(report):
    legend = [row.cells[0].text for row in report.tables[0].rows]
    assert legend == ["covered", "partial", "not covered", "not applicable", "not assessed"]


def test_one_review_table_per_jurisdiction(report, reviewed):
    tables = report.tables[1:]
    assert len(tables) == 2
    for table in tables:
        assert [c.text for c in table.rows[0].cells] == HEADER
        assert len(table.rows) == len(reviewed.matrices["obligation"].rows) + 1
    assert "CA — legal review" in [p.text for p in report.paragraphs]


def test_rows_give_provisions_status_gap_and_empty_recommendation(report, reviewed):
    ca, pe = (rows_by_key(t) for t in report.tables[1:])
    key, requires, provisions, status, gap, recommendation = ca["3.6"]
    assert requires.startswith("6.  Each Party shall not allow the export of mercury")
    assert provisions.startswith("S.C. 2099, c. 1, 1: “Article 1. Export No person shall export "
                                 "elemental mercury <script>")
    assert (status, gap, recommendation) == ("not assessed", "Not yet assessed", "")
    assert ca["4.1"][2:5] == ["—", "covered", f"No gap identified: {reviewed.COMMENT_41}"]
    assert ca["C.1"][3:5] == ["not applicable", "Not applicable: profile: asgm = no"]
    assert pe["3.3"][3:5] == ["not covered", f"No national provision found: {reviewed.COMMENT_PE}"]


def test_article_level_report(reviewed):
    table = docx.Document(reviewed.file("docx", "article")).tables[1]
    assert table.rows[0].cells[0].text == "Convention article"
    row = rows_by_key(table)["Art. 11"]
    assert row[1] == "Mercury wastes"
    assert row[2].startswith("S.C. 2017, c. 16, a: “(a) the identification of practices")
    assert row[3:5] == ["partial", "Partially implemented: strategy only, no binding rule"]

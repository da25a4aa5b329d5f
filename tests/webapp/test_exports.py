"""Export downloads: every format of kb.exports, at both levels."""
from __future__ import annotations

import io
import json

import pytest
from docx import Document
from openpyxl import load_workbook

from kb.exports import FORMATS


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_downloads(client, fmt):
    response = client.get(f"/jurisdictions/CA/export/{fmt}?level=obligation")
    assert response.status_code == 200
    assert f"gaps-CA-obligation.{fmt}" in response.headers["Content-Disposition"]
    assert len(response.data) > 200


def test_xlsx_opens_and_holds_the_matrix(client):
    data = client.get("/jurisdictions/CA/export/xlsx?level=article").data
    book = load_workbook(io.BytesIO(data))
    cells = [c for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row if c]
    assert "CA" in " ".join(map(str, cells))


def test_json_and_docx_open(client):
    assert json.loads(client.get("/jurisdictions/CA/export/json").data)
    assert Document(io.BytesIO(client.get("/jurisdictions/CA/export/docx").data)).paragraphs


def test_unknown_format_or_level(client):
    assert client.get("/jurisdictions/CA/export/pdf").status_code == 404
    assert client.get("/jurisdictions/CA/export/csv?level=cell").status_code == 404

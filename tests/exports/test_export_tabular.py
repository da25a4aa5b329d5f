"""CSV and JSON: documented columns and fields, read back with the standard library."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from kb.exports import csvfile, jsonfile

FORMATS_MD = Path(csvfile.__file__).with_name("FORMATS.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def table(reviewed) -> list[dict]:
    with open(reviewed.file("csv"), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def doc(reviewed) -> dict:
    return json.loads(reviewed.file("json").read_text(encoding="utf-8"))


def find(table, jur, key) -> dict:
    return next(r for r in table if r["jurisdiction"] == jur and r["key"] == key)


def test_csv_has_documented_columns_one_row_per_cell(table, reviewed):
    assert tuple(table[0]) == csvfile.COLUMNS
    assert len(table) == 2 * len(reviewed.matrices["obligation"].rows)
    for column in csvfile.COLUMNS:
        assert f"``{column}``" in csvfile.__doc__ and f"| `{column}` |" in FORMATS_MD


def test_csv_reviewer_and_evidence_cells(table, reviewed):
    assessed = find(table, "CA", "4.1")
    assert (assessed["status"], assessed["origin"], assessed["machine_status"]) == (
        "covered", "reviewer", "not assessed")
    assert (assessed["comment"], assessed["reviewer"]) == (reviewed.COMMENT_41, reviewed.REVIEWER)
    assert "T" in assessed["assessed_at"]
    export = find(table, "CA", "3.6")
    assert (export["evidence_count"], export["evidence"], export["level"]) == (
        "1", "S.C. 2099, c. 1, 1", "obligation")
    assert find(table, "PE", "3.6")["evidence_count"] == "0"
    assert find(table, "CA", "C.2")["status"] == "not applicable"


def test_json_documented_fields(doc, reviewed):
    assert set(doc) == {"generated", "level", "tagger_version", "jurisdictions", "rows", "cells"}
    assert (doc["level"], doc["jurisdictions"]) == ("obligation", ["CA", "PE"])
    assert doc["tagger_version"] == "not tagged"
    assert [r["key"] for r in doc["rows"]] == [r.key for r in reviewed.matrices["obligation"].rows]
    for field in doc:
        assert f"| `{field}` |" in FORMATS_MD and f'"{field}"' in jsonfile.__doc__


def test_json_cells_carry_evidence(doc, reviewed):
    cell = doc["cells"]["CA"]["3.6"]
    [ev] = cell["evidence"]
    assert set(ev) == set(jsonfile.EVIDENCE_FIELDS) | {"tag_status"}
    assert (ev["annotation"], ev["citation"], ev["number"], ev["tag_status"]) == (
        reviewed.script_tag, "S.C. 2099, c. 1", "1", "added")
    assert '<script>alert("x")</script>' in ev["quote"] and ev["obligations"] == ["3.6"]
    assessed = doc["cells"]["PE"]["3.3"]
    assert (assessed["status"], assessed["origin"], assessed["comment"]) == (
        "not covered", "reviewer", reviewed.COMMENT_PE)
    assert doc["cells"]["CA"]["7.2"]["reason"] == "profile: asgm = no"


def test_article_level_csv(reviewed):
    with open(reviewed.file("csv", "article"), newline="", encoding="utf-8") as f:
        rows = {r["key"]: r for r in csv.DictReader(f)}
    assert rows["11"]["status"] == "partial" and rows["11"]["evidence"] == "S.C. 2017, c. 16, a"
    assert rows["3"]["requirement"] == "Mercury supply sources and trade"

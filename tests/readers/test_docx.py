"""DOCX reader on documents generated with python-docx from corpus laws."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from kb.errors import InputError
from kb.parse import parse_file
from kb.readers import read_source


def make_docx(path: Path, text: str, title: str = "") -> Path:
    document = docx.Document()
    document.core_properties.title = title
    for line in text.splitlines():
        if line.startswith(("Art. ", "Article ")):
            document.add_heading(line, level=3)
        else:
            document.add_paragraph(line)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Mercure", "Hg"
    document.save(path)
    return path


def test_text_headings_and_tables(tmp_path, law_body):
    path = make_docx(tmp_path / "loi.docx", law_body("lu/leg-rgd-2005-05-30-n3.fr.md"),
                     title="Règlement grand-ducal du 30 mai 2005")
    src = read_source(path)
    assert src.format == "docx"
    assert src.metadata["title"] == "Règlement grand-ducal du 30 mai 2005"
    assert "### Art. 2. Définitions" in src.text.splitlines()
    assert "Mercure | Hg" in src.text.splitlines()
    inst = parse_file(path, {"jurisdiction": "lu", "type": "regulation"})
    assert inst.language == "fr"
    assert [p.number for p in inst.provisions if p.kind == "article"] == [
        "1er", "2", "3", "4", "5", "6", "7", "8"]


def test_not_a_zip(tmp_path):
    path = tmp_path / "fake.docx"
    path.write_bytes(b"This is plain text pretending to be a Word file.")
    with pytest.raises(InputError, match="fake.docx: not a DOCX document \\(not a zip archive\\)"):
        read_source(path)


def test_zip_without_document(tmp_path):
    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(InputError, match="no word/document.xml"):
        read_source(path)


def test_zip_bomb_refused_before_extraction(tmp_path):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * 5_000_000)
    assert path.stat().st_size < 50_000
    with pytest.raises(InputError, match=r"bomb.docx: DOCX would expand to 5,000,\d+ bytes"):
        read_source(path, max_bytes=1_000_000)


def test_entity_declaration_in_part_refused(tmp_path):
    good = make_docx(tmp_path / "good.docx", "Article 1\nTexte.")
    buffer = io.BytesIO()
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(buffer, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>', 1)
            dst.writestr(info, data)
    path = tmp_path / "xxe.docx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(InputError, match="declares a DOCTYPE or entities"):
        read_source(path)

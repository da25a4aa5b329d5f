"""PDF reader on PDFs generated (reportlab, real text layer) from corpus laws."""
from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from kb.errors import InputError
from kb.parse import parse_file
from kb.readers import read_source


def make_pdf(path: Path, text: str, encrypt: str | None = None, title: str = "") -> Path:
    pdf = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    if title:
        pdf.setTitle(title)
    y = 800
    for line in text.splitlines():
        while line:
            chunk, line = line[:95], line[95:]
            pdf.drawString(40, y, chunk)
            y -= 14
            if y < 40:
                pdf.showPage()
                y = 800
        y -= 4
    pdf.save()
    return path


@pytest.fixture
def ds010_pdf(tmp_path, law_body):
    return make_pdf(tmp_path / "ds-010.pdf", law_body("pe/DS-010-2010-MINAM.es.md"),
                    title="D.S. N° 010-2010-MINAM")


def test_text_layer_and_segmentation(ds010_pdf):
    src = read_source(ds010_pdf)
    assert src.format == "pdf" and src.metadata == {"title": "D.S. N° 010-2010-MINAM"}
    assert "Límites Máximos Permisibles" in src.text
    inst = parse_file(ds010_pdf, {"jurisdiction": "pe", "type": "decree"})
    assert inst.language == "es"
    articles = [p.number for p in inst.walk() if p.kind == "article"]
    assert articles[:10] == [str(n) for n in range(1, 11)]
    groups = [p.number for p in inst.walk() if p.kind == "group"]
    assert groups == ["Disp. Compl. Final", "Disp. Compl. Transitoria", "Disp. Compl. Derogatoria"]


def test_detected_by_magic_not_extension(tmp_path):
    path = make_pdf(tmp_path / "law.txt", "Article 1\nThe Act applies.")
    assert read_source(path).format == "pdf"


def test_encrypted_pdf(tmp_path):
    path = make_pdf(tmp_path / "secret.pdf", "Article 1\nSecret.", encrypt="s3cret")
    with pytest.raises(InputError, match="secret.pdf: PDF is encrypted"):
        read_source(path)


def test_truncated_pdf(tmp_path, ds010_pdf):
    data = ds010_pdf.read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match="cut.pdf: PDF is truncated"):
        read_source(cut)


def test_pdf_without_text_layer(tmp_path):
    path = tmp_path / "scan.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.rect(100, 100, 200, 200, fill=1)
    pdf.save()
    with pytest.raises(InputError, match="scan.pdf: PDF has no text layer"):
        read_source(path)


def test_corrupt_pdf(tmp_path):
    path = tmp_path / "junk.pdf"
    path.write_bytes(b"%PDF-1.4\n" + b"garbage " * 200 + b"\n%%EOF\n")
    with pytest.raises(InputError, match="junk.pdf: (cannot read PDF|PDF has no text layer)"):
        read_source(path)

"""HTML reader: visible text only, block structure as lines, headings as Markdown."""
from __future__ import annotations

from kb.readers import read_source
from kb.segment import segment

PAGE = """<!DOCTYPE html>
<html lang="fr"><head><title>Loi du 28 juillet 2017</title>
<style>p { color: red }</style><script>alert("x")</script></head>
<body><nav>Accueil</nav>
<h1>Loi du 28 juillet 2017 portant approbation de la Convention de Minamata</h1>
<p>Nous Henri, Grand-Duc de Luxembourg,<br>Duc de Nassau,</p>
<h3>Article unique.</h3>
<p>Est approuvée la Convention de <b>Minamata</b> sur le mercure, adoptée à Genève
   le 19 janvier 2013.</p>
<table><tr><td>Mercure</td><td>Hg</td></tr></table>
<!-- commentaire -->
</body></html>"""


def _read(tmp_path, data: bytes, name="page.html"):
    f = tmp_path / name
    f.write_bytes(data)
    return read_source(f)


def test_visible_text_and_blocks(tmp_path):
    src = _read(tmp_path, PAGE.encode("utf-8"))
    assert src.format == "html"
    assert src.metadata == {"title": "Loi du 28 juillet 2017", "language": "fr"}
    assert "alert" not in src.text and "color" not in src.text and "commentaire" not in src.text
    lines = src.text.splitlines()
    assert "# Loi du 28 juillet 2017 portant approbation de la Convention de Minamata" in lines
    assert "Nous Henri, Grand-Duc de Luxembourg," in lines and "Duc de Nassau," in lines
    assert "### Article unique." in lines
    assert ("Est approuvée la Convention de Minamata sur le mercure, adoptée à Genève le "
            "19 janvier 2013.") in lines
    assert "Mercure Hg" in lines


def test_segments_like_markdown(tmp_path):
    src = _read(tmp_path, PAGE.encode("utf-8"))
    provisions = segment(src.text, "fr")
    assert [(p.kind, p.number) for p in provisions] == [("preamble", ""), ("article", "unique")]


def test_detected_from_content_despite_extension(tmp_path):
    assert _read(tmp_path, PAGE.encode("utf-8"), "law.txt").format == "html"


def test_cp1252_page(tmp_path):
    page = "<html><body><p>Artículo 1°.- Prohíbese el mercurio.</p></body></html>"
    assert "Prohíbese" in _read(tmp_path, page.encode("cp1252")).text


def test_xhtml_with_xml_declaration(tmp_path):
    page = ('<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
            "<body><p>Section 1. Short title</p></body></html>")
    src = _read(tmp_path, page.encode("utf-8"), "law.xhtml")
    assert src.format == "html" and src.text.strip() == "Section 1. Short title"

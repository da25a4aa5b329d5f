"""Akoma Ntoso 3.0 reader, on a hand-written sample holding a real law (Ley 27.356)."""
from __future__ import annotations

import pytest

from kb.errors import InputError
from kb.readers import read_source
from kb.readers.akoma_ntoso import clean_number


def test_metadata_and_articles(fixtures):
    src = read_source(fixtures / "akn-ar-ley-27356.xml")
    assert src.format == "akoma-ntoso"
    assert src.metadata == {
        "type": "ley", "jurisdiction": "ar", "number": "27356", "date": "2017-04-26",
        "title": "Ley 27356 – Aprobación.", "eli": "/akn/ar/act/ley/2017-04-26/27356/!main",
        "language": "es"}
    assert [(p.kind, p.number) for p in src.outline] == [
        ("preface", ""), ("preamble", ""), ("article", "1"), ("article", "2"),
        ("unstructured", "")]
    art2 = src.outline[3]
    assert art2.text == "ARTÍCULO 2º.- Comuníquese al Poder Ejecutivo nacional."
    assert art2.text == src.text[art2.start:art2.end]
    assert "Kumamoto —Japón— el 10 de octubre de 2013" in src.outline[2].text


@pytest.mark.parametrize("num, expected", [
    ("Article 5 bis.", "5 bis"), ("(a)", "a"), ("ARTÍCULO 1º.-", "1"), ("§ 6939f", "6939f"),
    ("Chapter IV", "IV"), ("3.", "3")])
def test_clean_number(num, expected):
    assert clean_number(num) == expected


def test_nested_hierarchy(tmp_path):
    f = tmp_path / "act.xml"
    f.write_text(
        '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act name="act">'
        "<body><chapter><num>Chapter 1</num><heading>General</heading>"
        "<section><num>1.</num><heading>Short title</heading>"
        "<subsection><num>(1)</num><content><p>This Act may be cited as the Mercury Act.</p>"
        "</content></subsection></section></chapter></body></act></akomaNtoso>",
        encoding="utf-8")
    src = read_source(f)
    chapter = src.outline[0]
    assert (chapter.kind, chapter.number, chapter.heading) == ("chapter", "1", "General")
    section = chapter.children[0]
    assert (section.kind, section.number, section.heading) == ("section", "1", "Short title")
    assert section.children[0].text == "(1) This Act may be cited as the Mercury Act."


def test_entities_refused(tmp_path):
    f = tmp_path / "akn.xml"
    f.write_text('<!DOCTYPE akomaNtoso [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                 '<akomaNtoso><act><body><p>&e;</p></body></act></akomaNtoso>')
    with pytest.raises(InputError, match="declares entities"):
        read_source(f)

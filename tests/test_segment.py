"""Segmentation: heading patterns per drafting style, corpus pins and the coverage invariant."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from kb.parse import parse_file
from kb.segment import segment

NATIONAL = Path(__file__).resolve().parents[1] / "legal_texts" / "national"
LAWS = sorted(p for p in NATIONAL.glob("*/*") if not p.name.endswith((".yaml", ".yml", ".json")))


@lru_cache(maxsize=None)
def parsed(relpath: str):
    return parse_file(NATIONAL / relpath)


def heads(text: str, language: str) -> list[tuple[str, str]]:
    return [(p.kind, p.number) for top in segment(text, language) for p in top.walk()
            if p.kind not in ("paragraph", "point", "item", "subparagraph", "clause")]


def assert_covers(text: str, provisions) -> None:
    covered = bytearray(len(text))
    for p in provisions:
        covered[p.start:p.end] = b"\1" * (p.end - p.start)
    lost = [i for i, c in enumerate(text) if not c.isspace() and not covered[i]]
    assert not lost, f"text not covered near {text[lost[0]:lost[0] + 60]!r}"
    for top in provisions:
        for p in top.walk():
            assert p.text == text[p.start:p.end]
            assert p.text == p.text.strip()
            for child in p.children:
                assert p.start <= child.start < child.end <= p.end


@pytest.mark.parametrize("path", LAWS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_top_level_covers_every_character(path):
    inst = parsed(str(path.relative_to(NATIONAL)))
    assert_covers(inst.text, inst.provisions)


@given(st.text(alphabet=st.sampled_from(list("Art. 1ºer§(a)\n#*-—:ÍTULO CAPÍTULO Primera.- x")),
               max_size=300), st.sampled_from(["en", "fr", "es"]))
@settings(max_examples=200, deadline=None)
def test_coverage_on_arbitrary_text(text, language):
    assert_covers(text, segment(text, language))


@pytest.mark.parametrize("text, language, expected", [
    ("Section 12 - Powers\nThe Minister may act.", "en", [("section", "12")]),
    ("12 (1) The Minister may act.\n(2) The Minister may delegate.", "en",
     [("section", "12"), ("subsection", "1"), ("subsection", "2")]),
    ("#### § 6939f. Long-term storage\n##### (a) Designation of facility\nText.", "en",
     [("section", "6939f"), ("subsection", "a")]),
    ("Regulation 7. Mercury\nText.\nRule 3. Labels\nText.", "en",
     [("regulation", "7"), ("rule", "3")]),
    ("### Art. 5 bis. Interdictions\nTexte.", "fr", [("article", "5 bis")]),
    ("Art 21*bis.*\nTexte.", "fr", [("article", "21bis")]),
    ("Article premier\nLa présente loi s'applique.", "fr", [("article", "premier")]),
    ("### Art. 1<sup>er</sup>. Champ d'application\nTexte.", "fr", [("article", "1er")]),
    ("Artículo 3°.- Definiciones\nTexto.", "es", [("article", "3")]),
    ("##### ARTÍCULO 3.- Prohíbese el mercurio.", "es", [("article", "3")]),
    ("**Artículo 3.- Ámbito**\nTexto.", "es", [("article", "3")]),
    ("ARTÍCULO PRIMERO: DECLARAR de interés regional.", "es", [("article", "primero")]),
    ("**TÍTULO I**\n**DISPOSICIONES GENERALES**\nArtículo 1.- Objeto\nTexto.", "es",
     [("title", "I"), ("article", "1")]),
    ("CHAPITRE II : Des titres\nSection 1 : Dispositions\nArticle 3\nTexte.", "fr",
     [("chapter", "II"), ("section", "1"), ("article", "3")]),
    ("Article 1\nText.\nSchedule 1\nItem list.", "en", [("article", "1"), ("schedule", "1")]),
    ("Article 1\nTexte.\nAnnexe I\nListe.", "fr", [("article", "1"), ("annex", "I")]),
    ("Artículo 1.- Objeto\nTexto.\n**ANEXO 01**\nTabla.", "es",
     [("article", "1"), ("annex", "01")]),
])
def test_heading_patterns(text, language, expected):
    assert heads(text, language) == expected


def test_preamble_and_closing_formula_are_kept():
    text = ("VISTO el expediente;\nDECRETA:\nArtículo 1.- Apruébase.\nArtículo 2.- Comuníquese.\n"
            "Dado en la Casa de Gobierno, en Lima.\nOLLANTA HUMALA TASSO\n")
    provisions = segment(text, "es")
    assert [(p.kind, p.number) for p in provisions] == [
        ("preamble", ""), ("article", "1"), ("article", "2"), ("unstructured", "")]
    assert provisions[2].text == "Artículo 2.- Comuníquese."
    assert provisions[3].text.endswith("OLLANTA HUMALA TASSO")


def test_quoted_amendment_is_not_a_heading():
    text = ("Artículo 10.- Modificación\nModifícase el artículo 14:\n“Artículo 14.- Nuevo texto”\n"
            "Artículo 11.- Vigencia\nTexto.")
    assert heads(text, "es") == [("article", "10"), ("article", "11")]


def test_text_without_headings_is_one_unstructured_provision():
    provisions = segment("Just some words.\nMore words.", "en")
    assert [(p.kind, p.text) for p in provisions] == [
        ("unstructured", "Just some words.\nMore words.")]


def test_paragraphs_and_points_nest():
    text = ("Artículo 3.- Definiciones\n3.1 Autoridad.- Texto.\n3.2 Efluente.- Es:\n"
            "a) labor;\nb) planta;\n3.3 Ente.- Texto.")
    art = segment(text, "es")[0]
    assert [(c.kind, c.number) for c in art.children] == [
        ("paragraph", "3.1"), ("paragraph", "3.2"), ("paragraph", "3.3")]
    assert [(c.kind, c.number) for c in art.children[1].children] == [("point", "a"), ("point", "b")]


def test_roman_numerals_after_letters():
    text = "Section 5. Powers\n(a) to enter;\n(b) to seize:\n(i) goods;\n(ii) records;\n(c) to test."
    section = segment(text, "en")[0]
    assert [c.number for c in section.children] == ["a", "b", "c"]
    assert [c.number for c in section.children[1].children] == ["i", "ii"]


# --- pins on the corpus -------------------------------------------------------------------

def _numbers(inst, kind):
    return [p.number for p in inst.walk() if p.kind == kind]


def test_peru_ds_010_2010_minam():
    inst = parsed("pe/DS-010-2010-MINAM.es.md")
    assert _numbers(inst, "article") == [str(n) for n in range(1, 11)]
    groups = [(g.number, [c.number for c in g.children]) for g in inst.walk() if g.kind == "group"]
    assert groups == [("Disp. Compl. Final", ["Primera", "Segunda", "Tercera"]),
                      ("Disp. Compl. Transitoria", ["Única"]),
                      ("Disp. Compl. Derogatoria", ["Única"])]
    assert _numbers(inst, "annex") == ["01"]
    art1 = next(p for p in inst.walk() if p.kind == "article")
    assert art1.heading == "Objeto"
    assert art1.text.startswith("**Artículo 1.- Objeto**")


def test_peru_final_provisions_dleg_1100():
    inst = parsed("pe/DLEG-1100-2012.es.md")
    assert _numbers(inst, "disposition") == [
        "Primera", "Segunda", "Tercera", "Cuarta", "Quinta", "Sexta", "Sétima", "Octava",
        "Novena", "Décima", "Décimo Primera"]


def test_peru_decree_approving_a_regulation():
    inst = parsed("pe/DS-014-2017-MINAM.es.md")
    attachment = next(p for p in inst.provisions if p.kind == "attachment")
    assert attachment.number == "Reglamento"
    decree_articles = [p.number for top in inst.provisions if top.kind == "article"
                       for p in [top]]
    assert decree_articles == ["1", "2", "3", "4"]
    annexes = {a.number: [e.number for e in a.children if e.kind == "entry"]
               for a in attachment.children if a.kind == "annex"}
    assert "A1010" in annexes["III"] and "B1010" in annexes["V"]


def test_argentina_articulo_degree_and_entries():
    assert _numbers(parsed("ar/LEY-27356.es.md"), "article") == ["1", "2"]
    ley = parsed("ar/LEY-24051.es.md")
    assert _numbers(ley, "article") == [str(n) for n in range(1, 69)]
    y29 = next(p for p in ley.walk() if p.kind == "entry" and p.number == "Y29")
    assert y29.text == "Y29 Mercurio, compuestos de mercurio."


def test_french_numbering_1er_and_unique():
    assert _numbers(parsed("bj/code-minier.fr.md"), "article")[:3] == ["1er", "2", "3"]
    assert len(_numbers(parsed("bj/code-minier.fr.md"), "article")) == 146
    assert _numbers(parsed("lu/leg-rgd-2005-05-30-n3.fr.md"), "article") == [
        "1er", "2", "3", "4", "5", "6", "7", "8"]
    assert _numbers(parsed("lu/leg-loi-2017-07-28-a703.fr.md"), "article") == ["unique"]


def test_french_code_hierarchy():
    inst = parsed("fr/LEGITEXT000023501962-code-minier.fr.md")
    assert len(_numbers(inst, "article")) == 632
    book = next(p for p in inst.walk() if p.kind == "book")
    assert (book.number, book.heading) == ("IER", "LE RÉGIME LÉGAL DES MINES")


def test_us_code_sections():
    inst = parsed("us/usc-42-ch137.en.md")
    assert _numbers(inst, "section")[:3] == ["14301", "14302", "14303"]
    s14304 = next(p for p in inst.walk() if p.kind == "section" and p.number == "14304")
    assert [c.number for c in s14304.children] == list("abcdefgh")

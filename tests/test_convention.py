"""The Convention parser against the real English text of the Minamata Convention."""
from __future__ import annotations

from datetime import date

import pytest

from kb.convention import CONVENTION_PATH, load_convention, parse_convention
from kb.errors import InputError


@pytest.fixture(scope="module")
def convention():
    return load_convention()


def top(convention, kind, number):
    return next(p for p in convention.provisions if p.kind == kind and p.number == number)


def child(provision, *path):
    """Descend by numbers: child(article3, "6", "a", "i")."""
    for number in path:
        provision = next(c for c in provision.children if c.number == number)
    return provision


def numbers(provision, kind=None):
    return [c.number for c in provision.children if kind is None or c.kind == kind]


def test_metadata(convention):
    assert (convention.jurisdiction, convention.type, convention.language) == ("int", "convention", "en")
    assert convention.title == "Minamata Convention on Mercury"
    assert convention.citation == "Minamata Convention on Mercury (2013)"
    assert convention.number == "minamata"
    assert convention.date == date(2013, 10, 10)
    assert convention.text == CONVENTION_PATH.read_text(encoding="utf-8")


def test_source_file_is_english_only():
    text = CONVENTION_PATH.read_text(encoding="utf-8")
    assert "Treedt in werking" not in text
    assert "<meta" not in text
    assert "Verdrag" not in text and "Artikel" not in text and "Bijlage" not in text
    assert text.startswith("####Minamata Convention on Mercury\n")
    assert text.rstrip().endswith("furnish a final statement thereof to the parties.")


def test_no_dutch_in_any_provision(convention):
    for p in convention.walk():
        assert "Treedt in werking" not in p.text
        assert " kwik" not in p.text and "Verdrag" not in p.text


def test_offsets_are_exact(convention):
    for p in convention.walk():
        assert p.text == convention.text[p.start:p.end]
        assert p.text == p.text.strip()
        for c in p.children:
            assert p.start <= c.start < c.end <= p.end


def test_top_level_order(convention):
    kinds = [(p.kind, p.number) for p in convention.provisions]
    assert kinds[0] == ("preamble", "preamble")
    assert kinds[1:36] == [("article", str(n)) for n in range(1, 36)]
    assert kinds[36:] == [("annex", x) for x in "ABCDE"]


def test_preamble(convention):
    preamble = convention.provisions[0]
    assert preamble.text.startswith("The Parties to this Convention, Recognizing that mercury")
    assert preamble.text.endswith("Have agreed as follows:")


def test_article_titles(convention):
    articles = {p.number: p.heading for p in convention.provisions if p.kind == "article"}
    assert len(articles) == 35
    assert articles["1"] == "Objective"
    assert articles["3"] == "Mercury supply sources and trade"
    assert articles["8"] == "Emissions"
    assert articles["10"] == "Environmentally sound interim storage of mercury, other than waste mercury"
    assert articles["21"] == "Reporting"
    assert articles["35"] == "Authentic texts"
    assert all(articles.values())


def test_paragraph_counts(convention):
    counts = {p.number: len(numbers(p, "paragraph")) for p in convention.provisions if p.kind == "article"}
    assert counts["3"] == 13
    assert counts["4"] == 9
    assert counts["5"] == 11
    assert counts["8"] == 11
    assert counts["13"] == 12
    assert counts["20"] == 4
    assert sum(counts.values()) == 160      # lines starting "N.  " before Annex A
    for unnumbered in ("1", "2", "29", "32", "34", "35"):
        assert counts[unnumbered] == 0


def test_unnumbered_text_stays_in_article(convention):
    article1 = top(convention, "article", "1")
    assert article1.children == []
    assert article1.text.endswith("emissions and releases of mercury and mercury compounds.")
    article2 = top(convention, "article", "2")
    assert "For the purposes of this Convention:" in article2.text
    assert numbers(article2) == list("abcdefghijk")
    assert numbers(child(article2, "b")) == ["i", "ii", "iii"]
    assert "IN WITNESS WHEREOF" in top(convention, "article", "35").text


def test_article_3_points_and_items(convention):
    article3 = top(convention, "article", "3")
    paragraph6 = child(article3, "6")
    assert paragraph6.text.startswith("6.  Each Party shall not allow the export of mercury except:")
    assert numbers(paragraph6) == ["a", "b"]
    assert numbers(child(paragraph6, "a")) == ["i", "ii"]
    assert child(paragraph6, "a", "i").text == "(i) A use allowed to the importing Party under this Convention; or"
    assert child(paragraph6, "a", "ii").kind == "item"
    assert numbers(child(article3, "5")) == ["a", "b"]
    assert child(article3, "5", "a").text.startswith("a) Endeavour to identify individual stocks")
    assert child(article3, "3").children == []


def test_lead_out_belongs_to_paragraph_not_last_point(convention):
    """'d) ...   No later than five years ...' : the lead-out is paragraph 4.2's, not d)'s."""
    paragraph = child(top(convention, "article", "4"), "2")
    point_d = child(paragraph, "d")
    assert point_d.text.endswith("for which this alternative is chosen.")
    assert "No later than five years" in paragraph.text
    point_c = child(top(convention, "article", "17"), "1", "c")
    assert child(point_c, "iii").text.endswith("emit or release mercury or mercury compounds;")
    assert "including information on the health and environmental risks" in point_c.text


def test_annex_headings(convention):
    headings = {p.number: p.heading for p in convention.provisions if p.kind == "annex"}
    assert headings == {
        "A": "Mercury-added products",
        "B": "Manufacturing processes in which mercury or mercury compounds are used",
        "C": "Artisanal and small-scale gold mining National action plans",
        "D": "List of point sources of emissions of mercury and mercury compounds to the atmosphere",
        "E": "Arbitration and conciliation procedures",
    }


def test_annex_a(convention):
    annex = top(convention, "annex", "A")
    assert [(c.kind, c.number) for c in annex.children] == [
        ("point", "a"), ("point", "b"), ("point", "c"), ("point", "d"), ("point", "e"),
        ("part", "I"), ("part", "II")]
    assert child(annex, "e").text == "e) Vaccines containing thiomersal as preservatives."
    part1, part2 = child(annex, "I"), child(annex, "II")
    assert part1.heading == "Products subject to Article 4, paragraph 1"
    entries = [e.heading for e in part1.children]
    assert len(entries) == 9
    assert entries[0].startswith("Batteries, except for button zinc silver oxide batteries")
    assert entries[3] == "Linear fluorescent lamps (LFLs) for general lighting purposes"
    assert entries[6].startswith("Cosmetics (with mercury content above 1ppm)")
    assert entries[7] == "Pesticides, biocides and topical antiseptics"
    assert all(e.kind == "entry" and e.text.endswith("| 2020  |") for e in part1.children)
    assert numbers(child(part1, "9")) == ["a", "b", "c", "d", "e"]
    assert child(part1, "9", "e").text == "e) sphygmomanometers."
    assert "The intention is not to cover cosmetics" in part1.text
    dental = child(part2, "1")
    assert (part2.heading, dental.heading) == ("Products subject to Article 4, paragraph 3", "Dental amalgam")
    assert numbers(dental) == ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"]
    assert child(dental, "viii").text == "(viii) Restricting the use of dental amalgam to its encapsulated form;"


def test_annex_b(convention):
    annex = top(convention, "annex", "B")
    part1, part2 = child(annex, "I"), child(annex, "II")
    assert [e.heading for e in part1.children] == [
        "Chlor-alkali production",
        "Acetaldehyde production in which mercury or mercury compounds are used as a catalyst"]
    assert [e.heading for e in part2.children] == [
        "Vinyl chloride monomer production",
        "Sodium or Potassium Methylate or Ethylate",
        "Production of polyurethane using mercury containing catalysts"]
    assert [len(e.children) for e in part2.children] == [6, 6, 5]
    polyurethane = child(part2, "3")
    assert child(polyurethane, "ii").text == (
        "(ii) Taking measures to reduce the reliance on mercury from primary mercury mining;")
    assert "Paragraph 6 of Article 5  shall not apply" in polyurethane.text


def test_annex_c(convention):
    annex = top(convention, "annex", "C")
    assert numbers(annex) == ["1", "2"]
    paragraph1 = child(annex, "1")
    assert numbers(paragraph1) == list("abcdefghijk")
    assert numbers(child(paragraph1, "b")) == ["i", "ii", "iii", "iv"]
    assert child(paragraph1, "b", "i").text == "(i) Whole ore amalgamation;"


def test_annex_d(convention):
    annex = top(convention, "annex", "D")
    assert [e.heading for e in annex.children] == [
        "Coal-fired power plants",
        "Coal-fired industrial boilers",
        "Smelting and roasting processes used in the production of non-ferrous metals",
        "Waste incineration facilities",
        "Cement clinker production facilities"]
    assert all(e.kind == "entry" for e in annex.children)
    assert "refers to lead, zinc, copper and industrial gold" in child(annex, "3").text


def test_annex_e(convention):
    annex = top(convention, "annex", "E")
    part1, part2 = child(annex, "I"), child(annex, "II")
    assert (part1.heading, part2.heading) == ("Arbitration procedure", "Conciliation procedure")
    assert numbers(part1, "article") == [str(n) for n in range(1, 18)]
    assert numbers(part2, "article") == [str(n) for n in range(1, 12)]
    assert numbers(child(part1, "1")) == ["1", "2"]
    assert numbers(child(part1, "7")) == ["a", "b"]
    assert child(part1, "4").children == []
    assert child(part1, "1", "2").text.startswith("2.  The claimant party shall notify the Secretariat")
    assert part1.text.endswith("to the arbitral tribunal that rendered it.")


def test_parse_rejects_other_text():
    with pytest.raises(InputError):
        parse_convention("# Some other act\n\nSection 1. Nothing here.\n")


def test_load_missing_file(tmp_path):
    with pytest.raises(InputError):
        load_convention(tmp_path / "missing.md")

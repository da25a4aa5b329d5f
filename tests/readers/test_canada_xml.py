"""Justice Canada XML reader: outline from the markup, metadata, hardened parsing."""
from __future__ import annotations

import time

import pytest

from kb.errors import InputError
from kb.readers import read_source


def _sections(provisions):
    return [p for top in provisions for p in top.walk() if p.kind == "section"]


def test_sor_2014_254_english(national):
    src = read_source(national / "ca" / "SOR-2014-254.en.xml")
    assert src.format == "canada-xml"
    assert src.metadata == {
        "jurisdiction": "ca", "type": "regulation", "language": "en",
        "title": "Products Containing Mercury Regulations",
        "long_title": "Products Containing Mercury Regulations", "citation": "SOR/2014-254",
        "number": "2014-254", "date": "2014-11-07", "in_force": True}
    sections = _sections(src.outline)
    assert [s.number for s in sections] == [
        "1", "2", "3", "3.1", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15",
        "16", "17"]
    s1 = sections[0]
    assert s1.heading == "Application"
    assert s1.text == ("Application\n1 (1) Subject to section 2, these Regulations apply to any "
                       "product that contains mercury.\nMercury and its compounds\n(2) For the "
                       "purposes of these Regulations, mercury includes any of its compounds.")
    assert [(c.kind, c.number) for c in s1.children] == [("subsection", "1"), ("subsection", "2")]
    schedules = [p for p in src.outline if p.kind == "schedule"]
    assert [s.number for s in schedules] == ["1", "2"]
    for p in (q for top in src.outline for q in top.walk()):
        assert p.text == src.text[p.start:p.end]


def test_english_and_french_sections_line_up(national):
    en = read_source(national / "ca" / "SOR-2014-254.en.xml")
    fr = read_source(national / "ca" / "SOR-2014-254.fr.xml")
    assert fr.metadata["language"] == "fr" and fr.metadata["number"] == "2014-254"
    assert fr.metadata["title"] == "Règlement sur les produits contenant du mercure"
    assert [s.number for s in _sections(en.outline)] == [s.number for s in _sections(fr.outline)]
    assert [(p.kind, p.number) for t in en.outline for p in t.walk()] == \
        [(p.kind, p.number) for t in fr.outline for p in t.walk()]


def test_statute_metadata_and_footnoted_label(national):
    src = read_source(national / "ca" / "G-11.4.en.xml")
    assert src.metadata["type"] == "act"
    assert src.metadata["citation"] == "S.C. 1986, c. 23"
    assert src.metadata["number"] == "G-11.4"
    assert src.metadata["date"] == "1986-06-17"
    assert [s.number for s in _sections(src.outline)] == [str(n) for n in range(1, 10)]
    assert src.outline[0].kind == "preamble"


def test_parts_and_related_provisions(national):
    src = read_source(national / "ca" / "SOR-2002-222.en.xml")
    assert {"part", "schedule"} <= {p.kind for p in src.outline}
    # "Related provisions" / "Amendments not in force" are kept apart, inside their schedule.
    related = [p for top in src.outline for p in top.walk() if p.kind == "related"]
    assert "SOR/2018-99, s. 38" in [p.number for p in related]
    assert [c.number for c in related[0].children] == ["37"]
    assert any(p.kind == "amendment" for top in src.outline for p in top.walk())


XXE = b"""<?xml version="1.0"?>
<!DOCTYPE Regulation [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<Regulation xml:lang="en"><Body><Section><Label>1</Label><Text>&xxe;</Text></Section></Body></Regulation>
"""

BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<Regulation xml:lang="en"><Body><Section><Label>1</Label><Text>&lol9;</Text></Section></Body></Regulation>
"""


def test_external_entity_is_refused_and_never_read(tmp_path):
    f = tmp_path / "xxe.xml"
    f.write_bytes(XXE)
    with pytest.raises(InputError, match="declares entities") as err:
        read_source(f)
    assert "root:" not in str(err.value)


def test_billion_laughs_fails_fast(tmp_path):
    f = tmp_path / "bomb.xml"
    f.write_bytes(BOMB)
    started = time.perf_counter()
    with pytest.raises(InputError, match="bomb.xml: XML declares entities"):
        read_source(f)
    assert time.perf_counter() - started < 1


def test_entity_reference_without_declaration_is_not_expanded(tmp_path):
    f = tmp_path / "undeclared.xml"
    f.write_bytes(b'<Regulation xml:lang="en"><Body><Section><Label>1</Label>'
                  b"<Text>&xxe;</Text></Section></Body></Regulation>")
    with pytest.raises(InputError, match="malformed XML"):
        read_source(f)


def test_malformed_xml(tmp_path):
    f = tmp_path / "bad.xml"
    f.write_bytes(b'<?xml version="1.0"?><Regulation><Body><Section>')
    with pytest.raises(InputError, match="bad.xml: malformed XML"):
        read_source(f)


def test_unknown_xml_vocabulary(tmp_path):
    f = tmp_path / "other.xml"
    f.write_bytes(b'<?xml version="1.0"?><catalog><book/></catalog>')
    with pytest.raises(InputError, match=r"root element <catalog>"):
        read_source(f)

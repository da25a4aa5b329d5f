"""parse_file end to end: every sample law imports with its metadata."""
from __future__ import annotations

from pathlib import Path

import pytest

from kb.errors import InputError, MetadataError
from kb.parse import parse_file

NATIONAL = Path(__file__).resolve().parents[1] / "legal_texts" / "national"
LAWS = sorted(p for p in NATIONAL.glob("*/*") if not p.name.endswith((".yaml", ".yml", ".json")))


def test_sample_set_is_complete():
    assert len(LAWS) == 41
    assert {p.parent.name for p in LAWS} == {"ca", "us", "pe", "ar", "uy", "lu", "fr", "in", "bj"}
    for law in LAWS:
        if law.suffix == ".md":
            assert law.with_name(law.name + ".meta.yaml").is_file(), law


@pytest.mark.parametrize("path", LAWS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_sample_law_imports(path):
    inst = parse_file(path)
    assert inst.jurisdiction.split("-")[0] == path.parent.name
    assert inst.language == path.name.split(".")[-2]
    assert inst.title and inst.type and inst.number
    assert inst.source and inst.licence
    assert any(p.kind not in ("preamble", "unstructured") for p in inst.walk())
    for p in inst.walk():
        assert p.text == inst.text[p.start:p.end]


def test_canadian_twins_share_number_and_sections():
    en = parse_file(NATIONAL / "ca" / "SOR-2013-88.en.xml")
    fr = parse_file(NATIONAL / "ca" / "SOR-2013-88.fr.xml")
    assert (en.number, fr.number) == ("2013-88", "2013-88")
    assert (en.citation, fr.citation) == ("SOR/2013-88", "DORS/2013-88")
    sections = [[p.number for p in i.walk() if p.kind == "section"] for i in (en, fr)]
    assert sections[0] == sections[1] and len(sections[0]) == 48


def test_overrides_win_over_sidecar():
    inst = parse_file(NATIONAL / "uy" / "UY-ley-19267.es.md", {"title": "Otro título"})
    assert inst.title == "Otro título" and inst.citation == "Ley 19.267"
    assert [(p.kind, p.number) for p in inst.provisions] == [("preamble", ""), ("article", "unico")]


def test_markdown_without_metadata(tmp_path):
    law = tmp_path / "ley.md"
    law.write_text("Artículo 1.- Prohíbese el uso de mercurio en la minería artesanal.\n",
                   encoding="utf-8")
    with pytest.raises(MetadataError, match="missing metadata: jurisdiction, type, title"):
        parse_file(law)
    inst = parse_file(law, {"jurisdiction": "pe", "type": "law", "title": "Ley de prueba"})
    assert inst.language == "es"


def test_limit_applies(tmp_path):
    law = tmp_path / "ley.md"
    law.write_text("x" * 2000, encoding="utf-8")
    with pytest.raises(InputError, match="over the limit of 1,000 bytes"):
        parse_file(law, max_bytes=1000)

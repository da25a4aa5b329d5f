"""Metadata merging: source < sidecar < overrides, validation, and helpful errors."""
from __future__ import annotations

import json
from datetime import date

import pytest

from kb.errors import MetadataError
from kb.metadata import build_instrument, derive_number
from kb.readers import Source

TEXT = ("Artículo 1.- Prohíbese la fabricación de pilas con mercurio en el territorio de la "
        "Nación.\nArtículo 2.- Comuníquese al Poder Ejecutivo.\n")


def _source(meta=None, text=TEXT):
    return Source(text=text, format="text", metadata=meta or {}, outline=None)


def test_front_matter_aliases_are_understood(tmp_path):
    meta = {"title": "Ley 26.184", "country": "AR", "rank": "ley", "status": "in_force",
            "publication_date": "2006-12-26"}
    inst = build_instrument(_source(meta), tmp_path / "ley.md", {})
    assert (inst.jurisdiction, inst.type, inst.in_force, inst.date) == (
        "ar", "law", True, date(2006, 12, 26))
    assert inst.language == "es"        # detected from the text
    assert [p.number for p in inst.provisions] == ["1", "2"]


def test_sidecar_beats_source_and_overrides_beat_sidecar(tmp_path):
    law = tmp_path / "ley.md"
    (tmp_path / "ley.md.meta.yaml").write_text(
        "jurisdiction: pe\ntype: decree\ntitle: Del sidecar\ncitation: D.S. N° 010-2010-MINAM\n"
        "date: 2010-08-21\nsource: repo@abc pe/x.md\nlicence: dominio público\n", encoding="utf-8")
    inst = build_instrument(_source({"title": "De la fuente", "country": "ar"}), law,
                            {"title": "Del usuario"})
    assert inst.jurisdiction == "pe" and inst.title == "Del usuario"
    assert inst.citation == "D.S. N° 010-2010-MINAM" and inst.number == "ds-010-2010-minam"
    assert inst.date == date(2010, 8, 21)
    assert (inst.source, inst.licence) == ("repo@abc pe/x.md", "dominio público")


def test_json_sidecar_and_subdivision(tmp_path):
    (tmp_path / "ord.md.meta.json").write_text(json.dumps(
        {"jurisdiction": "PE-MDD", "type": "Ordinance", "title": "Ordenanza Regional 011-2022",
         "number": "011-2022-rmdd-cr", "in_force": "yes"}), encoding="utf-8")
    inst = build_instrument(_source(), tmp_path / "ord.md", {})
    assert (inst.jurisdiction, inst.type, inst.number, inst.in_force) == (
        "pe-mdd", "ordinance", "011-2022-rmdd-cr", True)


def test_missing_metadata_names_every_field_and_how_to_give_it(tmp_path):
    with pytest.raises(MetadataError) as err:
        build_instrument(_source(text="12345 67890"), tmp_path / "law.txt", {})
    message = str(err.value)
    assert "missing metadata: jurisdiction, type, title, language" in message
    assert "law.txt.meta.yaml" in message
    for flag in ("--jurisdiction", "--type", "--title", "--language"):
        assert flag in message


def test_only_the_missing_fields_are_named(tmp_path):
    with pytest.raises(MetadataError, match=r"missing metadata: type\. Give it") as err:
        build_instrument(_source(), tmp_path / "law.txt", {"jurisdiction": "ar", "title": "X"})
    assert "jurisdiction" not in str(err.value).split("Give")[0]


@pytest.mark.parametrize("bad", ["Peru", "xx", "p", "pe_mdd_long"])
def test_invalid_jurisdiction(tmp_path, bad):
    with pytest.raises(MetadataError, match="invalid jurisdiction"):
        build_instrument(_source(), tmp_path / "l.md", {"jurisdiction": bad, "type": "law",
                                                        "title": "T"})


def test_invalid_date(tmp_path):
    with pytest.raises(MetadataError, match="invalid date '31 February'"):
        build_instrument(_source(), tmp_path / "l.md", {"jurisdiction": "ar", "type": "law",
                                                        "title": "T", "date": "31 February"})


def test_broken_sidecar(tmp_path):
    (tmp_path / "l.md.meta.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    with pytest.raises(MetadataError, match="l.md.meta.yaml: cannot read sidecar metadata"):
        build_instrument(_source(), tmp_path / "l.md", {})


@pytest.mark.parametrize("citation, number", [
    ("SOR/2014-254", "2014-254"), ("DORS/2013-88", "2013-88"), ("Ley 24.051", "ley-24051"),
    ("C.R.C., c. 869", "crc-c-869"), ("D.Leg. N° 1100", "dleg-1100"), ("", "")])
def test_derive_number(citation, number):
    assert derive_number(citation) == number


def test_outline_from_reader_is_used(tmp_path):
    from kb.model import Provision
    outline = [Provision("section", "1", 0, len(TEXT), TEXT)]
    src = Source(TEXT, "canada-xml", {"jurisdiction": "ca", "type": "act", "title": "T",
                                      "language": "es"}, outline)
    assert build_instrument(src, tmp_path / "x.xml", {}).provisions is outline

"""Reading sections of an instrument (``kb.listing.sections``) on the default knowledge base:
every provision in exactly one section, sections bounded, large divisions cut along their
structure, and ``outline`` of a section equal to that part of the whole outline."""
from kb.annotate import current_expressions
from kb.listing import SECTION_SIZE, list_laws, outline, section_of, sections

CEPA = "https://w3id.org/minamata-kb/eli/ca/act/1999/c_15_31/eng"


def test_sections_cover_each_instrument_once_in_order(built):
    for expr in current_expressions(built, national_only=False):
        parts = sections(built, expr)
        rows = outline(built, expr)
        assert [p["number"] for p in parts] == list(range(1, len(parts) + 1))
        assert parts[0]["orders"].start == 0 and parts[-1]["orders"].stop == len(rows)
        for before, after in zip(parts, parts[1:]):
            assert before["orders"].stop == after["orders"].start
            assert before["text"].stop == after["text"].start
        for part in parts:
            assert part["text"].start == rows[part["orders"].start]["start"]


def test_sections_are_bounded_and_cut_along_the_structure(built):
    parts = sections(built, CEPA)
    rows = outline(built, CEPA)
    assert len(rows) > 3000 and len(parts) > 20
    assert max(len(p["orders"]) for p in parts) <= SECTION_SIZE + 2    # + the headings of cut divisions
    for part in parts:
        # a section begins at a boundary of the structure: its first provision is a child of
        # the innermost division it is cut from (or of the instrument)
        first = rows[part["orders"].start]
        assert first["parent"] == (part["within"][-1]["p"] if part["within"] else CEPA)
        for division in part["within"]:
            assert rows[division["order"]]["p"] == division["p"]
            assert all(rows[o]["p"].startswith(division["p"] + "/") for o in part["orders"])
    assert any(part["within"] and part["within"][0]["label"] == "Part 10" for part in parts)


def test_small_instruments_are_one_section(built):
    small = [law for law in list_laws(built) if law["provisions"] <= SECTION_SIZE]
    assert small
    for law in small:
        [part] = sections(built, law["expr"])
        assert part["within"] == [] and len(part["orders"]) == law["provisions"]


def test_outline_of_a_section_is_that_part_of_the_outline(built):
    rows = outline(built, CEPA)
    part = sections(built, CEPA)[10]
    own = outline(built, CEPA, part["orders"])
    strip = [{k: v for k, v in r.items() if k != "depth"} for r in rows[part["orders"].start:part["orders"].stop]]
    assert [{k: v for k, v in r.items() if k != "depth"} for r in own] == strip
    assert min(r["depth"] for r in own) == 0
    assert outline(built, CEPA, range(0)) == []


def test_section_of_a_provision(built):
    parts = sections(built, CEPA)
    rows = outline(built, CEPA)
    for part in (parts[0], parts[7], parts[-1]):
        deepest = max(rows[part["orders"].start:part["orders"].stop], key=lambda r: r["depth"])
        assert section_of(built, CEPA, parts, deepest["p"]) is part
    assert section_of(built, CEPA, parts, CEPA + "/no_such_provision") is parts[0]

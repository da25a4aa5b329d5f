"""`check`: a clean knowledge base passes; graph defects and index drift are reported."""
import shutil

from kb.build import load_convention_graphs
from kb.check import check
from kb.ingest import ingest
from kb.listing import find_expressions, outline
from kb.refresh import index_dir, refresh
from kb.resources import NATIONAL_DIR


def test_clean_then_broken(kb):
    load_convention_graphs(kb)
    ingest(kb, [NATIONAL_DIR / "lu" / "leg-rgd-2012-06-28-n5.fr.md"])
    [expr] = find_expressions(kb, "2012-06-28-n5")
    refresh(kb, [expr])
    assert check(kb, index_dir(kb)) == {"graph": [], "index": []}

    first = outline(kb, expr)[0]["p"]
    kb.update(f"DELETE WHERE {{ GRAPH <{expr}> {{ <{first}> mkb:start ?s }} }}")
    kb.update(f"INSERT DATA {{ GRAPH <{expr}> {{ <{expr}/art_99> a eli:LegalResourceSubdivision ; "
              f"eli:is_part_of <{expr}> ; eli:number \"99\" ; mkb:kind \"article\" ; mkb:text \"x\" ; "
              f"mkb:start 0 ; mkb:end 1 ; mkb:order 99 ; eli:language <http://publications.europa.eu/resource/authority/language/FRA> }} }}")
    found = check(kb, index_dir(kb))
    assert found["graph"] and any("start" in p for p in found["graph"]), found
    assert any("missing from the search index" in p for p in found["index"])

    shutil.rmtree(index_dir(kb))
    assert "reindex" in check(kb, index_dir(kb))["index"][0]

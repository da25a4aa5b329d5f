"""Ingestion into the real embedded store: idempotence, versions, bad files among good ones."""
import shutil
from pathlib import Path

from kb.ingest import expand, ingest
from kb.listing import find_expressions, list_laws, outline
from kb.resources import NATIONAL_DIR

LU = NATIONAL_DIR / "lu"
SOR = NATIONAL_DIR / "ca" / "SOR-2014-254.en.xml"


def copy_law(tmp_path: Path, name: str = "leg-rgd-2012-06-28-n5.fr.md") -> Path:
    for f in LU.glob(name + "*"):
        shutil.copy(f, tmp_path / f.name)
    return tmp_path / name


def test_import_twice_changes_nothing(kb):
    first = ingest(kb, [LU])
    count = kb.count()
    second = ingest(kb, [LU])
    assert first.count("loaded") == 4 and second.count("unchanged") == 4
    assert kb.count() == count


def test_new_version_replaces_and_keeps_previous_as_archived_expression(kb, tmp_path):
    law = copy_law(tmp_path)
    ingest(kb, [law])
    expr = find_expressions(kb, "2012-06-28-n5")[0]
    before = outline(kb, expr)
    law.write_text(law.read_text(encoding="utf-8") + "\nArt. 3. Le présent règlement entre en vigueur.\n",
                   encoding="utf-8")
    report = ingest(kb, [law])
    assert report.count("replaced") == 1
    after = outline(kb, expr)
    assert len(after) > len(before)
    archived = [g for g in kb.graph_iris() if g.startswith(expr + "/version/")]
    assert len(archived) == 1
    assert len(outline(kb, archived[0])) == len(before)
    # the archived version is not listed as a current law
    assert [law["expr"] for law in list_laws(kb, "lu")] == [expr]


def test_bad_file_is_reported_and_the_others_import(kb, tmp_path):
    copy_law(tmp_path)
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog")
    report = ingest(kb, [tmp_path])
    assert report.count("loaded") == 1
    [failed] = report.failed
    assert failed.path.name == "broken.pdf" and "PDF" in failed.message
    assert len(list_laws(kb)) == 1


def test_failed_file_leaves_store_unchanged(kb, tmp_path):
    ingest(kb, [SOR])
    before = kb.count()
    bad = tmp_path / "bomb.xml"
    bad.write_text('<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
                   '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><l>&b;</l>')
    report = ingest(kb, [bad])
    assert report.failed and kb.count() == before


def test_folder_expansion_skips_sidecars_and_readmes():
    files = expand([NATIONAL_DIR])
    assert len(files) == 41
    assert not any(f.name.endswith((".yaml", ".json")) or f.name == "README.md" for f in files)


def test_dry_run_stores_nothing(kb):
    report = ingest(None, [SOR], dry_run=True)
    assert report.count("parsed") == 1 and report.provisions > 100
    assert kb.count() == 0

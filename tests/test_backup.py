"""Backup and restore: a full round trip (reviews included) and a damaged backup changing nothing."""
import gzip

import pytest

from kb.backup import backup, restore
from kb.build import load_convention_graphs
from kb.errors import InputError
from kb.gaps import assess
from kb.ingest import ingest
from kb.listing import find_expressions
from kb.refresh import index_dir, refresh
from kb.resources import NATIONAL_DIR
from kb.review import current_tags, decide
from kb.search import search
from kb.store import KnowledgeBase


@pytest.fixture
def source(tmp_path):
    with KnowledgeBase(tmp_path / "a") as kb:
        load_convention_graphs(kb)
        ingest(kb, [NATIONAL_DIR / "ca" / "SOR-2014-254.en.xml"])
        [expr] = find_expressions(kb, "SOR/2014-254")
        refresh(kb, [expr])
        decide(kb, current_tags(kb, expr)[0]["annotation"], True, "Ana", "ok")
        assess(kb, "CA", "4.1", "covered", "Ana", "SOR/2014-254 s. 4")
        yield kb


@pytest.mark.parametrize("name", ["kb.nq", "kb.nq.gz"])
def test_round_trip_gives_identical_graphs(source, tmp_path, name):
    target = tmp_path / name
    count = backup(source, target)
    assert count == source.count()
    with KnowledgeBase(tmp_path / "b") as other:
        ingest(other, [NATIONAL_DIR / "uy"])              # restore replaces whatever was there
        assert restore(other, target) == count
        assert set(other.dataset.quads()) == set(source.dataset.quads())
        assert search(index_dir(other), '"dental amalgam"').total >= 1   # index rebuilt


def test_damaged_backup_changes_nothing(source, tmp_path):
    target = tmp_path / "kb.nq.gz"
    backup(source, target)
    data = gzip.decompress(target.read_bytes())
    broken = tmp_path / "broken.nq"
    broken.write_bytes(data[: len(data) // 2] + b"<not a quad\n")
    before = source.count()
    with pytest.raises(InputError, match="not a readable N-Quads backup"):
        restore(source, broken)
    assert source.count() == before
    with pytest.raises(InputError, match="no such backup"):
        restore(source, tmp_path / "missing.nq")

"""Reviewer decisions: accept / reject / add, latest wins, history kept, re-tag keeps decisions."""
import shutil
import time

import pytest

from kb.annotate import tag_expression
from kb.errors import KBError
from kb.listing import find_expressions
from kb.review import add_tag, current_tags, decide, history
from kb.store import KnowledgeBase
from kb.tagger import load_tagger


@pytest.fixture
def kb(tmp_path, request):
    """A private copy of the tagged store of test_annotate's shape (built once per module)."""
    src = request.getfixturevalue("tagged_store")
    shutil.copytree(src, tmp_path / "store")
    with KnowledgeBase(tmp_path / "store") as store:
        yield store


@pytest.fixture(scope="module")
def tagged_store(tmp_path_factory):
    from kb.build import load_convention_graphs
    from kb.ingest import ingest
    from kb.resources import NATIONAL_DIR

    path = tmp_path_factory.mktemp("review") / "store"
    with KnowledgeBase(path) as kb:
        load_convention_graphs(kb)
        ingest(kb, [NATIONAL_DIR / "ca" / "SOR-2014-254.en.xml"])
        [expr] = find_expressions(kb, "SOR/2014-254")
        tag_expression(kb, expr, load_tagger())
    return path


def section(kb, number):
    [expr] = find_expressions(kb, "SOR/2014-254")
    return [t for t in current_tags(kb, expr) if t["provision"].endswith(f"/sec_{number}")]


def test_accept_then_reject_latest_wins_and_history_kept(kb):
    [tag] = section(kb, 4)
    decide(kb, tag["annotation"], True, "Ana Reviewer", "clear ban")
    assert section(kb, 4)[0]["status"] == "accepted"
    time.sleep(0.01)
    decide(kb, tag["annotation"], False, "Bo Reviewer", "second look")
    [now] = section(kb, 4)
    assert now["status"] == "rejected" and now["origin"] == "reviewer"
    steps = history(kb, tag["provision"])
    assert [(h["status"], h["name"]) for h in steps] == [("accepted", "Ana Reviewer"), ("rejected", "Bo Reviewer")]
    assert steps[0]["comment"] == "clear ban"


def test_add_tag_and_retag_keeps_decisions(kb):
    [expr] = find_expressions(kb, "SOR/2014-254")
    provision = section(kb, 4)[0]["provision"]
    add_tag(kb, provision, "18", "Ana Reviewer", "labelling duty", obligations=["18.1"])
    tag_expression(kb, expr, load_tagger(), force=True)
    articles = {t["article"]: t for t in section(kb, 4)}
    assert articles["18"]["status"] == "added" and articles["18"]["obligations"] == ["18.1"]
    assert articles["4"]["status"] == "proposed"


def test_bad_decisions_are_refused(kb):
    provision = section(kb, 4)[0]["provision"]
    with pytest.raises(KBError, match="reviewer"):
        add_tag(kb, provision, "4", " ")
    with pytest.raises(KBError, match="not a Convention article"):
        add_tag(kb, provision, "99", "Ana")
    with pytest.raises(KBError, match="does not belong"):
        add_tag(kb, provision, "4", "Ana", obligations=["3.6"])
    with pytest.raises(KBError, match="no machine proposal"):
        decide(kb, provision + "/tag/art_99", True, "Ana")
    with pytest.raises(KBError, match="no provision"):
        add_tag(kb, provision + "/nothing", "4", "Ana")

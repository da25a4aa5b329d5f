"""What the app caches is retired by exactly the writes that change it (``webapp.shared``):
an assessment recomputes its own jurisdiction's matrix only (and does so itself), a tag
decision retires its instrument's sections, and every request sees the writes made before it."""
from __future__ import annotations

from webapp_support import LAMPS_FR


def test_an_assessment_retires_only_its_jurisdiction(app, reviewer):
    store = app.extensions["minamata_kb"]
    before = {j: store.matrix([j], "obligation") for j in ("AR", "CA")}
    assert store.matrix(["AR"], "obligation") is before["AR"]            # cached
    response = reviewer.post("/review/assess", data={"jurisdiction": "CA", "key": "4.1", "status": "not covered",
                                                     "comment": "cache test", "csrf_token": reviewer.csrf})
    assert response.status_code == 303
    # the write brought CA's cached matrix up to date itself: no reader waits for it
    refreshed = store._cache[("matrix", "obligation", "CA")][2]
    assert refreshed is not before["CA"] and refreshed.cell("CA", "4.1").status == "not covered"
    assert store.matrix(["AR"], "obligation") is before["AR"]
    assert store.matrix(["CA"], "obligation") is refreshed
    both = store.matrix(["AR", "CA"], "obligation")
    assert both.cell("CA", "4.1").status == "not covered" and both.cells[("AR", "4.1")] is before["AR"].cells[("AR", "4.1")]
    assert "cache test" in reviewer.get(response.headers["Location"]).get_data(as_text=True)


def test_a_write_retires_what_was_computed_before_it(app):
    store = app.extensions["minamata_kb"]
    calls = []
    value = store.cached(("test",), lambda: calls.append(1) or len(calls), scopes=("X",))
    assert store.cached(("test",), lambda: calls.append(1) or len(calls), scopes=("X",)) == value == 1
    with store.writing("Y"):
        pass
    assert store.cached(("test",), lambda: calls.append(1) or len(calls), scopes=("X",)) == 1
    with store.writing("X"):
        pass
    assert store.cached(("test",), lambda: calls.append(1) or len(calls), scopes=("X",)) == 2
    with store.writing():                     # an import: everything
        pass
    assert store.cached(("test",), lambda: calls.append(1) or len(calls), scopes=("Z",)) == 3


def test_review_scopes_name_the_instrument_and_its_jurisdiction(app):
    from webapp.blueprints.common import review_scopes

    with app.test_request_context():
        assert review_scopes(LAMPS_FR + "/sec_2/tag/art_4") == (LAMPS_FR, "CA")
        assert review_scopes("https://example.org/unknown") == ()

"""Reviewers accept, reject and add tags, assess cells and record profile facts; every
change names them, shows in the history, and reaches the search index."""
from __future__ import annotations

from urllib.parse import quote

from kb.gaps import assessment_history
from kb.profile import get_profile
from kb.review import current_tags, history
from kb.search import search
from webapp_support import LAMPS_FR, REVIEWER, SOR_254, proposed_tag


def test_accept_records_reviewer_and_updates_page_and_index(app, reviewer, shared_kb):
    tag = proposed_tag(shared_kb, LAMPS_FR)
    response = reviewer.post("/review/decide", data={
        "annotation": tag["annotation"], "decision": "accept", "comment": "<b>fine</b>",
        "csrf_token": reviewer.csrf, "next": "/instruments/ca/act/2017/n_16_8/fra"})
    assert response.status_code == 303 and response.headers["Location"] == "/instruments/ca/act/2017/n_16_8/fra"
    now = next(t for t in current_tags(shared_kb, LAMPS_FR) if t["provision"] == tag["provision"]
               and t["article"] == tag["article"])
    assert now["status"] == "accepted" and now["origin"] == "reviewer"
    assert history(shared_kb, tag["provision"])[-1]["name"] == REVIEWER[0]
    hits = search(app.extensions["minamata_kb"].index_dir, "", instrument=LAMPS_FR,
                  article=tag["article"], status="accepted")
    assert tag["provision"] in {h.provision for h in hits.hits}
    page = reviewer.get(f"/review/provision?iri={quote(tag['provision'])}").get_data(as_text=True)
    assert REVIEWER[0] in page and "&lt;b&gt;fine&lt;/b&gt;" in page


def test_reject(reviewer, shared_kb):
    tag = proposed_tag(shared_kb, SOR_254)
    reviewer.post("/review/decide", data={"annotation": tag["annotation"], "decision": "reject",
                                          "csrf_token": reviewer.csrf})
    assert any(t["status"] == "rejected" and t["provision"] == tag["provision"]
               for t in current_tags(shared_kb, SOR_254))


def test_add_tag_with_obligations(reviewer, shared_kb):
    provision = SOR_254 + "/sec_10"
    response = reviewer.post("/review/add", data={"provision": provision, "article": "4",
                                                  "obligations": "4.1, A.I", "csrf_token": reviewer.csrf})
    assert response.status_code == 303
    added = [t for t in current_tags(shared_kb, SOR_254) if t["provision"] == provision and t["status"] == "added"]
    assert added and added[0]["obligations"] == ["4.1", "A.I"]


def test_kb_errors_become_400_pages(reviewer):
    response = reviewer.post("/review/add", data={"provision": SOR_254 + "/sec_10", "article": "99",
                                                  "csrf_token": reviewer.csrf})
    assert response.status_code == 400 and "not a Convention article" in response.get_data(as_text=True)
    response = reviewer.post("/review/decide", data={"annotation": "https://example.org/none",
                                                     "decision": "accept", "csrf_token": reviewer.csrf})
    assert response.status_code == 400


def test_assess_cell_with_comment_and_history(reviewer, shared_kb):
    comment = "<script>alert('comment')</script> the 2014 regulations ban these products"
    response = reviewer.post("/review/assess", data={"jurisdiction": "CA", "key": "art:4", "status": "covered",
                                                     "comment": comment, "csrf_token": reviewer.csrf})
    assert response.status_code == 303
    assert assessment_history(shared_kb, "CA", "art:4")[-1]["name"] == REVIEWER[0]
    page = reviewer.get(response.headers["Location"]).get_data(as_text=True)
    assert "&lt;script&gt;alert(&#39;comment&#39;)" in page and "<script>alert" not in page
    assert 'class="origin reviewer"' in page
    dashboard = reviewer.get("/").get_data(as_text=True)
    assert 'cell st-covered reviewed' in dashboard


def test_assess_refuses_unknown_status(reviewer):
    response = reviewer.post("/review/assess", data={"jurisdiction": "CA", "key": "4.1", "status": "great",
                                                     "csrf_token": reviewer.csrf})
    assert response.status_code == 400 and "unknown status" in response.get_data(as_text=True)


def test_profile_fact(reviewer, shared_kb):
    response = reviewer.post("/jurisdictions/AR/profile", data={"fact": "primary_mining", "value": "no",
                                                                "csrf_token": reviewer.csrf})
    assert response.status_code == 303
    assert get_profile(shared_kb, "AR")["primary_mining"] is False
    assert 'class="fact-primary_mining">no<' in reviewer.get("/jurisdictions/AR").get_data(as_text=True)


def test_signed_in_pages_show_review_forms(reviewer):
    html = reviewer.get("/instruments/ca/regulation/2014/2014_254/eng").get_data(as_text=True)
    assert 'value="accept"' in html and REVIEWER[0] in html
    assert 'name="status"' in reviewer.get("/jurisdictions/CA/cells/4.1").get_data(as_text=True)

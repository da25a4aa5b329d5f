"""Hostile input renders as text; writes need a role and the session's CSRF token;
sign-ins are throttled; responses carry a strict CSP."""
from __future__ import annotations

from urllib.parse import quote

import pytest

from kb.gaps import assessment_history
from webapp.security import LoginThrottle
from webapp_support import ADMIN, HOSTILE_SCRIPT, REVIEWER, SOR_254, sign_in, token

HOSTILE_PATH = "/instruments/gh/act/2099/act_1_of_2099/eng"
# every write route, with the form fields it needs
WRITES = [
    ("/review/decide", {"annotation": SOR_254 + "/sec_3/tag/art_4", "decision": "accept"}),
    ("/review/add", {"provision": SOR_254 + "/sec_5", "article": "4"}),
    ("/review/assess", {"jurisdiction": "CA", "key": "4.1", "status": "covered"}),
    ("/jurisdictions/CA/profile", {"fact": "asgm", "value": "no"}),
    ("/import/confirm", {"upload": "0" * 32}),
    ("/import/", {}),
]


def test_law_text_and_title_render_escaped(client):
    html = client.get(HOSTILE_PATH).get_data(as_text=True)
    assert "&lt;script&gt;alert(" in html
    assert HOSTILE_SCRIPT not in html and "<script>alert" not in html
    assert '<img src=x' not in html and "&lt;img src=x" in html


def test_hostile_law_escaped_on_every_page_showing_it(client):
    for url in ("/", "/jurisdictions/GH", "/jurisdictions/GH/cells/art:4", "/instruments/",
                "/search?q=thermometers", "/convention/articles/4",
                f"/review/?instrument={quote('https://w3id.org/minamata-kb/eli/gh/act/2099/act_1_of_2099/eng')}"):
        html = client.get(url).get_data(as_text=True)
        assert "<script>alert" not in html and "<img src=x" not in html, url


def test_search_query_renders_escaped(client):
    for q in ("<script>alert(1)</script>", '"><script>alert(1)</script>'):
        html = client.get("/search", query_string={"q": q}).get_data(as_text=True)
        assert "<script>alert(1)" not in html


def test_search_fragment_is_escaped_with_marks(client):
    html = client.get("/search?q=thermometers&jurisdiction=gh").get_data(as_text=True)
    assert "<mark>thermometers</mark>" in html
    assert "&lt;script&gt;" in html and "<script>alert" not in html


@pytest.mark.parametrize("path, form", WRITES)
def test_anonymous_writes_refused(client, path, form):
    response = client.post(path, data={**form, "csrf_token": token(client)})
    assert response.status_code == 401


@pytest.mark.parametrize("path, form", WRITES)
def test_writes_without_or_with_wrong_csrf_token_refused(reviewer, path, form):
    assert reviewer.post(path, data=form).status_code == 400
    assert reviewer.post(path, data={**form, "csrf_token": "forged"}).status_code == 400


def test_csrf_refusal_changes_nothing(reviewer, shared_kb):
    before = len(assessment_history(shared_kb, "CA", "3.6"))
    reviewer.post("/review/assess", data={"jurisdiction": "CA", "key": "3.6", "status": "covered"})
    assert len(assessment_history(shared_kb, "CA", "3.6")) == before


def test_reviewer_cannot_import(reviewer):
    assert reviewer.get("/import/").status_code == 403
    assert reviewer.post("/import/", data={"csrf_token": reviewer.csrf}).status_code == 403


def test_login_needs_csrf_token(client):
    assert client.post("/login", data={"name": REVIEWER[0], "password": REVIEWER[1]}).status_code == 400


def test_failed_sign_ins_are_throttled(app, client, monkeypatch):
    monkeypatch.setitem(app.extensions, "login_throttle", LoginThrottle(limit=3, window=60))
    for _ in range(3):
        assert sign_in(client, ADMIN[0], "wrong password").status_code == 401
    assert sign_in(client, ADMIN[0], ADMIN[1]).status_code == 429     # even the right password


def test_wrong_password_and_unknown_user(client):
    assert sign_in(client, REVIEWER[0], "nope nope").status_code == 401
    assert sign_in(client, "Nobody", "nope nope").status_code == 401


def test_sign_out_ends_the_session(reviewer):
    assert reviewer.post("/logout", data={"csrf_token": reviewer.csrf}).status_code == 303
    assert reviewer.post("/review/assess", data={"csrf_token": reviewer.csrf}).status_code in (400, 401)


def test_open_redirect_refused(client):
    response = client.post("/login", data={"name": REVIEWER[0], "password": REVIEWER[1],
                                           "next": "//evil.example/", "csrf_token": token(client)})
    assert response.status_code == 303 and response.headers["Location"] == "/"


def test_security_headers(client):
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"


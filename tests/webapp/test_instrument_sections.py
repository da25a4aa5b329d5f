"""Instrument pages show one section at a time with an outline of every section; links to a
provision open its section; every character of the text is shown in exactly one section;
a tag decision shows at once on the cached section."""
from __future__ import annotations

import re

from kb.listing import outline, sections
from webapp.lawtext import provision_tree
from webapp_support import REVIEWER, SOR_254, proposed_tag

SOR_PATH = "/instruments/ca/regulation/2014/2014_254/eng"


def html_of(response) -> str:
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_data(as_text=True)


def test_sections_with_outline_and_pager(client, shared_kb):
    parts = sections(shared_kb, SOR_254)
    assert len(parts) == 2                                  # 200 provisions
    first, second = html_of(client.get(SOR_PATH)), html_of(client.get(SOR_PATH + "?page=2"))
    assert "section 1 of 2" in first and 'rel="next" href="' + SOR_PATH + '?page=2"' in first
    assert 'rel="prev"' in second and 'aria-current="page"' in second
    for html in (first, second):                            # the outline lists both sections
        assert html.count('<ol class="sections">') == 1 and 'href="' + SOR_PATH + '?page=1"' in html
    rows = outline(shared_kb, SOR_254)
    late = rows[parts[1]["orders"].start]["p"][len(SOR_254) + 1:]
    assert f'id="{late}"' in second and f'id="{late}"' not in first
    assert 'id="sec_3"' in first and 'id="sec_3"' not in second
    assert client.get(SOR_PATH + "?page=3").status_code == 404


def test_a_provision_link_opens_its_section(client, shared_kb):
    parts = sections(shared_kb, SOR_254)
    rows = outline(shared_kb, SOR_254)
    deep = max(rows[parts[1]["orders"].start:], key=lambda r: r["depth"])["p"][len(SOR_254) + 1:]
    html = html_of(client.get(f"{SOR_PATH}?at={deep}"))
    assert f'id="{deep}"' in html and "section 2 of 2" in html
    assert "section 1 of 2" in html_of(client.get(f"{SOR_PATH}?at=no_such_provision"))


def test_every_character_shown_in_exactly_one_section(app, shared_kb):
    """Cut small (10 provisions a section), the sections together show what the whole text
    shows in one piece: cut divisions open on their first section, close on their last."""
    def shown(section) -> list[str]:
        out = []

        def walk(nodes):
            for node in nodes:
                out.append(str(node.lead))
                walk(node.children)
                out.append(str(node.tail))
        walk(provision_tree(shared_kb, SOR_254, section)[0])
        return [piece for piece in out if piece.strip()]

    whole = {"orders": range(len(outline(shared_kb, SOR_254))), "text": range(10 ** 9), "within": []}
    small = sections(shared_kb, SOR_254, size=10)
    assert len(small) > 20 and any(len(s["within"]) > 1 for s in small)
    with app.test_request_context():
        assert [piece for s in small for piece in shown(s)] == shown(whole)


def test_a_decision_shows_on_the_cached_section(reviewer, shared_kb):
    tag = proposed_tag(shared_kb, SOR_254)
    anchor = tag["provision"][len(SOR_254) + 1:]
    page = html_of(reviewer.get(f"{SOR_PATH}?at={anchor}"))
    assert f'value="{tag["annotation"]}"' in page
    assert re.search(r'name="csrf_token" value="' + re.escape(reviewer.csrf) + '"', page)
    response = reviewer.post("/review/decide", data={"annotation": tag["annotation"], "decision": "accept",
                                                     "csrf_token": reviewer.csrf,
                                                     "next": f"{SOR_PATH}?at={anchor}#{anchor}"})
    assert response.status_code == 303
    after = html_of(reviewer.get(f"{SOR_PATH}?at={anchor}"))
    assert f'value="{tag["annotation"]}"' not in after and f"accepted by {REVIEWER[0]}" in after


def test_anonymous_sections_carry_no_form_or_token(client, reviewer):
    assert 'name="csrf_token"' in html_of(reviewer.get(SOR_PATH))   # cached for reviewers ...
    anonymous = html_of(client.application.test_client().get(SOR_PATH))
    assert 'name="annotation"' not in anonymous and "Accept" not in anonymous

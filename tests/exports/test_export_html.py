"""The printable page: standalone, coloured, and every law text escaped."""
from __future__ import annotations

from html.parser import HTMLParser

import pytest


@pytest.fixture(scope="module")
def page(reviewed) -> str:
    return reviewed.file("html").read_text(encoding="utf-8")


def test_law_text_with_script_is_escaped(page):
    assert "No person shall export elemental mercury &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "<script" not in page.lower()


def test_standalone_and_printable(page):
    assert page.startswith("<!DOCTYPE html>")
    assert "<style>" in page and "@media print" in page and "@page" in page
    assert "<link" not in page and "src=" not in page


def test_title_legend_summary_and_review_tables(page, reviewed):
    assert "<th>Tagger version</th><td>not tagged</td>" in page
    assert '<td class="st-not-applicable">not applicable</td>' in page
    assert ".st-covered { background: #C6EFCE; }" in page
    assert "<h2>CA — legal review</h2>" in page and "<h2>PE — legal review</h2>" in page
    assert f"No gap identified: {reviewed.COMMENT_41}" in page
    assert "S.C. 2017, c. 16, a: <span" in page


def test_page_parses_into_balanced_tables(page, reviewed):
    class Count(HTMLParser):
        rows = 0

        def handle_starttag(self, tag, attrs):
            self.rows += tag == "tr"

    parser = Count()
    parser.feed(page)
    rows = len(reviewed.matrices["obligation"].rows)
    assert parser.rows == 4 + 1 + 5 + 1 + rows + 2 * (1 + rows)   # meta, legend, summary, two reviews

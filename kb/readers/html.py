"""HTML pages (gazettes, legal portals): visible text with the block structure kept as lines.

Scripts, styles and other invisible content are dropped.  Headings ``<h1>``-``<h6>`` are
rendered as Markdown ``#`` lines so the same segmenter that reads Markdown laws can find
their articles; every other block element starts a new line.  Parsing uses lxml's HTML
parser with network access off; HTML has no entity declarations to abuse.
"""
from __future__ import annotations

import re

from lxml import etree, html as lxml_html

from kb.errors import InputError
from kb.readers._xml import TextWriter
from kb.readers.text import decode

_SKIP = {"script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object"}
_BLOCK = {"p", "div", "section", "article", "li", "ul", "ol", "dl", "dt", "dd", "tr", "table",
          "blockquote", "pre", "center", "main", "header", "footer", "aside", "nav", "body",
          "form", "fieldset", "figure", "figcaption", "caption", "hr", "address", "details",
          "summary", "tbody", "thead"}
_HEADING = re.compile(r"h([1-6])")
_XML_DECL = re.compile(r"\A\s*<\?xml[^>]*\?>")


def read(data: bytes, name: str) -> tuple[str, dict]:
    """Return (visible text, metadata with the page title if any)."""
    source = _XML_DECL.sub("", decode(data, name))
    parser = lxml_html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    try:
        root = lxml_html.document_fromstring(source, parser=parser)
    except (etree.ParserError, ValueError) as err:
        raise InputError(f"{name}: cannot parse HTML ({err})") from None
    meta = {}
    title = root.findtext(".//title")
    if title and title.strip():
        meta["title"] = " ".join(title.split())
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    if lang:
        meta["language"] = lang.split("-")[0].lower()
    out = TextWriter()
    _render(root, out)
    text = out.text()
    if not text.strip():
        raise InputError(f"{name}: HTML page contains no visible text")
    return text, meta


def _render(el, out: TextWriter) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    tag = tag.lower()
    if tag in _SKIP or not tag:
        out.write(el.tail)
        return
    heading = _HEADING.fullmatch(tag)
    block = heading or tag in _BLOCK
    if block:
        out.newline(force=True)
    if heading:
        out.write("#" * int(heading.group(1)) + " ", label=True)
    if tag == "br":
        out.newline(force=True)
    elif tag in ("td", "th"):
        out.write(" ")
    out.write(el.text)
    for child in el:
        _render(child, out)
    if block:
        out.newline(force=True)
    out.write(el.tail)

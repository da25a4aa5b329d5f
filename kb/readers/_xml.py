"""Hardened XML parsing and an offset-tracking text writer for the structured readers.

Law files come from anywhere, so XML is parsed with every dangerous feature off: no DTD
loading, no entity resolution, no network, no huge trees.  DOCTYPEs that declare entities
are rejected outright (before parsing) because they only serve entity tricks (external
file inclusion, billion-laughs expansion) in the formats we read.

``TextWriter`` renders a tree as plain text while remembering character offsets, so the
readers can hand out an outline whose spans point into exactly the text they return.
"""
from __future__ import annotations

import re

from lxml import etree

from kb.errors import InputError

_ENTITY_DECL = re.compile(rb"<!DOCTYPE[^>\[]*\[[^\]]*<!ENTITY", re.I | re.S)
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.I)
_WS = re.compile(r"\s+")


def parse_xml(data: bytes, name: str) -> etree._Element:
    """Parse ``data`` safely and return the root element; InputError on any problem."""
    head = data[:65536]
    if _ENTITY_DECL.search(head) or (_DOCTYPE.search(head) and b"<!ENTITY" in data):
        raise InputError(f"{name}: XML declares entities in its DOCTYPE; refusing to parse "
                         "it (entity declarations can read local files or expand without limit)")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             load_dtd=False, dtd_validation=False, remove_comments=True,
                             remove_pis=True)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        raise InputError(f"{name}: malformed XML ({err})") from None


def local(tag) -> str:
    """Tag name without namespace ('' for comments and processing instructions)."""
    return etree.QName(tag).localname if isinstance(tag, str) else ""


class TextWriter:
    """Accumulates text with whitespace collapsed inside lines and tracks the offset."""

    def __init__(self):
        self._parts: list[str] = []
        self.pos = 0
        self._line_has_text = False

    def write(self, s: str | None, label: bool = False) -> None:
        """Append ``s``; ``label`` text (numbers) does not count as line content."""
        if not s:
            return
        s = _WS.sub(" ", s)
        if not self._parts or self._parts[-1].endswith((" ", "\n")):
            s = s.lstrip(" ")
        if not s:
            return
        self._parts.append(s)
        self.pos += len(s)
        if not label:
            self._line_has_text = True

    def newline(self, force: bool = False) -> None:
        """End the current line unless it holds only labels (so '1 (1) Text' stays together)."""
        if not self._parts or self._parts[-1].endswith("\n"):
            return
        if not (force or self._line_has_text):
            return
        last = self._parts[-1].rstrip(" ")
        self.pos -= len(self._parts[-1]) - len(last)
        self._parts[-1] = last
        self._parts.append("\n")
        self.pos += 1
        self._line_has_text = False

    def text(self) -> str:
        return "".join(self._parts)


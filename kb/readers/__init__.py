"""Read a legal text file of any supported format into a ``Source``.

The format is decided from the content (magic bytes, XML root element, front matter), the
file extension only breaks ties, because files are often misnamed ("law.xml" saved as
HTML, a ".txt" that is a PDF).  Every reader returns plain text; readers of structured
formats (Justice Canada XML, Akoma Ntoso) also return an outline of provisions whose
offsets point into that text, so the structure printed in the markup is used instead of
being re-guessed from heading patterns.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from kb.errors import InputError
from kb.model import Provision
from kb.readers import akoma_ntoso, canada_xml, docx, html, pdf, text
from kb.segment import cover_gaps, finish_spans

_XML_START = re.compile(rb"\A(?:\s|<\?xml[^>]*\?>|<!--.*?-->)*<(?!!DOCTYPE\s+html)", re.S | re.I)
_HTML_START = re.compile(rb"\A\s*(?:<!--.*?-->\s*)*<(?:!DOCTYPE\s+html|html[\s>])", re.S | re.I)
_HTML_EXT = {".html", ".htm", ".xhtml"}


@dataclass
class Source:
    """The text of one file, what it says about itself, and its structure if it has one."""

    text: str
    format: str
    metadata: dict
    outline: list[Provision] | None = None


def read_source(path: Path, max_bytes: int = 50_000_000) -> Source:
    """Read ``path``; InputError when it is missing, too big, empty or unreadable."""
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{name}: file is {size:,} bytes, over the limit of "
                             f"{max_bytes:,} bytes")
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"{name}: cannot read file ({err.strerror or err})") from None
    if len(data) > max_bytes:
        raise InputError(f"{name}: file is {len(data):,} bytes, over the limit of "
                         f"{max_bytes:,} bytes")
    if not data.strip():
        raise InputError(f"{name}: file is empty")
    fmt = detect_format(data, path.suffix.lower())
    outline = None
    if fmt == "pdf":
        body, meta = pdf.read(data, name)
    elif fmt == "docx":
        body, meta = docx.read(data, name, max_bytes)
    elif fmt == "html":
        body, meta = html.read(data, name)
    elif fmt in ("canada-xml", "akoma-ntoso"):
        reader = canada_xml if fmt == "canada-xml" else akoma_ntoso
        body, meta, outline = reader.read(data, name)
        outline = cover_gaps(finish_spans(outline, body), body)
    elif fmt == "xml":
        raise InputError(f"{name}: XML vocabulary not supported (root element "
                         f"<{_root_name(data, name)}>); use Justice Canada XML, Akoma Ntoso, "
                         "or convert the law to Markdown/text")
    else:
        body, meta = text.read(data, name)
    if not body.strip():
        raise InputError(f"{name}: contains no text")
    return Source(text=body, format=fmt, metadata=meta, outline=outline)


def detect_format(data: bytes, suffix: str = "") -> str:
    """Name the format of ``data``: pdf, docx, html, canada-xml, akoma-ntoso, xml or text."""
    if data[:1024].lstrip().startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04") or (suffix == ".docx" and data.startswith(b"PK")):
        return "docx"
    if suffix == ".docx":
        return "docx"  # let the DOCX reader explain why this is not a valid document
    head = _ascii_head(data)
    if _HTML_START.match(head) or (suffix in _HTML_EXT and head.lstrip().startswith(b"<")):
        return "html"
    if _XML_START.match(head) and suffix not in (".md", ".txt", ".markdown"):
        root = _root_name(data, "")
        if canada_xml.is_canada(root):
            return "canada-xml"
        if root == "akomaNtoso":
            return "akoma-ntoso"
        if root.lower() == "html":
            return "html"
        return "xml" if suffix == ".xml" else "text"
    return "text"


def _ascii_head(data: bytes) -> bytes:
    """First bytes as ASCII-compatible bytes (re-encodes UTF-16 input; drops a UTF-8 BOM)."""
    head = data[:4096]
    if head.startswith(codecs.BOM_UTF8):
        return head[3:]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return head.decode("utf-16", errors="ignore").encode("utf-8", errors="ignore")
    return head


_ROOT = re.compile(rb"<([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)")


def _root_name(data: bytes, name: str) -> str:
    """Local name of the first element, found without parsing the whole document."""
    head = _ascii_head(data[:65536])
    head = re.sub(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>", b"", head, flags=re.S)
    match = _ROOT.search(head)
    if not match:
        raise InputError(f"{name}: no XML root element found")
    return match.group(2).decode("ascii")


__all__ = ["Source", "read_source", "detect_format"]

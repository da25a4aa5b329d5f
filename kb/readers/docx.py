"""Word documents (.docx): paragraph and table text in body order.

A DOCX is a zip archive, so before python-docx opens it the zip directory is checked: the
declared uncompressed sizes must stay under a limit and the compression ratio must be
plausible, otherwise a few kilobytes could expand to gigabytes (zip bomb).  XML parts that
declare entities are refused for the same reasons as in the XML readers.  Paragraphs with
a "Heading N" style become Markdown ``#`` lines so the segmenter can use them.
"""
from __future__ import annotations

import io
import re
import zipfile
import zlib

import docx
from lxml import etree
from docx.opc.exceptions import PackageNotFoundError

from kb.errors import InputError

MAX_RATIO = 200
_HEADING_STYLE = re.compile(r"heading\s*([1-6])", re.I)


def read(data: bytes, name: str, max_bytes: int) -> tuple[str, dict]:
    """Return (document text, metadata from the core properties).

    The unpacked parts may total at most four times ``max_bytes``.
    """
    _check_zip(data, name, 4 * max_bytes)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, zlib.error, EOFError,
            etree.XMLSyntaxError) as err:
        raise InputError(f"{name}: not a valid DOCX document ({err})") from None
    lines = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(_paragraph(block, document))
        elif tag == "tbl":
            for row in block.iter("{*}tr"):
                cells = [" ".join("".join(t.text or "" for t in cell.iter("{*}t")).split())
                         for cell in row.iter("{*}tc")]
                lines.append(" | ".join(c for c in cells if c))
    text = "\n".join(lines).strip("\n") + "\n"
    if not text.strip():
        raise InputError(f"{name}: DOCX document contains no text")
    props = document.core_properties
    meta = {"title": props.title} if props.title else {}
    if props.language:
        meta["language"] = props.language.split("-")[0].lower()
    return text, meta


def _paragraph(p, document) -> str:
    pieces = []
    for node in p.iter():
        tag = node.tag.rsplit("}", 1)[-1]
        if tag == "t":
            pieces.append(node.text or "")
        elif tag == "tab":
            pieces.append("\t")
        elif tag in ("br", "cr"):
            pieces.append("\n")
    text = "".join(pieces)
    style_id = p.style
    if style_id:
        try:
            style_name = document.styles.get_by_id(style_id, 1).name or style_id
        except (KeyError, ValueError):
            style_name = style_id
        match = _HEADING_STYLE.fullmatch(style_name.strip())
        if match and text.strip():
            return "#" * int(match.group(1)) + " " + text.strip()
    return text


def _check_zip(data: bytes, name: str, limit: int) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError, OSError):
        raise InputError(f"{name}: not a DOCX document (not a zip archive)") from None
    with archive:
        infos = archive.infolist()
        total = sum(i.file_size for i in infos)
        packed = sum(i.compress_size for i in infos) or 1
        if total > limit or (total > 10_000_000 and total / packed > MAX_RATIO):
            raise InputError(f"{name}: DOCX would expand to {total:,} bytes from {len(data):,} "
                             "(zip bomb?); refusing to open it")
        if "word/document.xml" not in archive.namelist():
            raise InputError(f"{name}: zip archive is not a DOCX document "
                             "(no word/document.xml)")
        for info in infos:
            if info.filename.endswith((".xml", ".rels")):
                head = _head(archive, info, name)
                if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                    raise InputError(f"{name}: DOCX part {info.filename} declares a DOCTYPE "
                                     "or entities; refusing to open it")


def _head(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> bytes:
    """First 64 KiB of a part; a damaged archive is the user's file problem, not a crash."""
    try:
        with archive.open(info) as part:
            return part.read(65536)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as err:
        raise InputError(f"{name}: damaged DOCX archive ({err})") from None

"""Markdown and plain text: decode whatever encoding the file uses, split off front matter.

Legal texts reach us from many tools (Windows editors, OCR pipelines, legacy web sites), so
the encoding is detected rather than assumed: BOMs first (UTF-8, UTF-16), then strict
UTF-8, then UTF-16 without BOM (recognised by its NUL bytes), then cp1252/Latin-1 which
accept any byte.  Bytes that still look like a binary file are refused with a clear message
instead of producing a knowledge base full of garbage.  Line ends are normalised to "\\n"
so that offsets are stable whatever platform wrote the file.
"""
from __future__ import annotations

import codecs
import re

import yaml

from kb.errors import InputError

_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MAX_FRONT = 65536
_C1 = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_KEY_VALUE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*)$", re.M)


def decode(data: bytes, name: str) -> str:
    """Return ``data`` as text with "\\n" line ends; InputError for binary content."""
    if data.startswith(codecs.BOM_UTF8):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    else:
        text = _decode_without_bom(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    sample = text[:100000]
    if sample and len(_CONTROL.findall(sample)) > max(2, len(sample) // 200):
        raise InputError(f"{name}: looks like a binary file, not text (unsupported format "
                         "or corrupt file); give a PDF, DOCX, HTML, XML, Markdown or text file")
    return text


def _decode_without_bom(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    head = data[:4096]
    if len(head) >= 4 and head.count(0) * 3 > len(head):
        # UTF-16 without BOM: ASCII-range characters leave a NUL in every other byte.
        encoding = "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
        return data.decode(encoding, errors="replace")
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def split_front_matter(text: str, name: str) -> tuple[dict, str]:
    """Return (front-matter mapping, body).  Without front matter the mapping is empty.

    Control characters (left by mis-decoded sources) are blanked before YAML parsing.
    """
    match = _FRONT.match(text)
    if not match:
        return {}, text
    if match.end() > _MAX_FRONT:
        raise InputError(f"{name}: front matter is larger than {_MAX_FRONT} characters")
    block = _C1.sub(" ", match.group(1))
    try:
        meta = yaml.safe_load(block)
    except yaml.YAMLError:
        meta = None
    if not isinstance(meta, dict):
        # Exported front matter is often not quite YAML (stray colons, quotes); the law
        # text matters more than perfect metadata, so read plain "key: value" lines.
        meta = {m.group(1): m.group(2).strip().strip("'\"") for m in _KEY_VALUE.finditer(block)}
    return meta, text[match.end():]


def read(data: bytes, name: str) -> tuple[str, dict]:
    """Decode a Markdown/plain-text file into (body text, front-matter metadata)."""
    meta, body = split_front_matter(decode(data, name), name)
    if not body.strip():
        raise InputError(f"{name}: contains no text")
    return body, meta

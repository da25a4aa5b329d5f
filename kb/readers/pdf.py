"""PDF gazettes and consolidated laws: the text layer, page by page.

Only the embedded text layer is read (no OCR), so scanned PDFs are refused with a message
saying so rather than silently producing an empty instrument.  Encrypted and truncated
files are refused too: a partial law would show false gaps in the analysis.
"""
from __future__ import annotations

import io
import zlib
import logging

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from kb.errors import InputError


def read(data: bytes, name: str) -> tuple[str, dict]:
    """Return (text of all pages, metadata with the document title if any)."""
    if b"%%EOF" not in data[-2048:]:
        raise InputError(f"{name}: PDF is truncated (no end-of-file marker); "
                         "download or export it again")
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(f"{name}: PDF is encrypted (password protected); "
                             "save an unprotected copy first")
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata or {}
        title = str(info.get("/Title", "") or "").strip()
    except InputError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, NotImplementedError, AttributeError,
            IndexError, AssertionError, RecursionError, zlib.error) as err:
        # pypdf reports damaged or exotic streams with all of these (found by the fuzz tests)
        raise InputError(f"{name}: cannot read PDF ({err.__class__.__name__}: {err})") from None
    text = "\n\n".join(p.replace("\r\n", "\n").replace("\r", "\n") for p in pages)
    if not text.strip():
        raise InputError(f"{name}: PDF has no text layer (scanned image?); "
                         "run OCR on it or give the text in another format")
    return text, ({"title": title} if title else {})

"""Fixtures for reader tests: corpus paths and generators for real PDF/DOCX files."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NATIONAL = ROOT / "legal_texts" / "national"
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture
def national() -> Path:
    return NATIONAL


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def law_body():
    """Function giving the plain text of a corpus Markdown law (as if typed into Word)."""
    return _law_body


def _law_body(relpath: str) -> str:
    """Body of a corpus Markdown law without front matter and Markdown markup."""
    from kb.readers.text import split_front_matter
    _meta, body = split_front_matter((NATIONAL / relpath).read_text(encoding="utf-8"), relpath)
    lines = [line.replace("*", "").lstrip("# ").strip() for line in body.splitlines()]
    return "\n".join(line for line in lines if line)

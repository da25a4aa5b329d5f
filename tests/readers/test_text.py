"""Markdown / plain text reader: encodings, front matter, refusals."""
from __future__ import annotations

import pytest

from kb.errors import InputError
from kb.readers import read_source

LAW = "Artículo 1°.- Prohíbese la importación de pilas con más de 0,0005 % de mercurio.\n"


def test_front_matter_goes_to_metadata_not_text(tmp_path):
    f = tmp_path / "law.md"
    f.write_text("---\ntitle: Ley de prueba\ncountry: ar\n---\n# Ley\n\n" + LAW, encoding="utf-8")
    src = read_source(f)
    assert src.format == "text"
    assert src.metadata == {"title": "Ley de prueba", "country": "ar"}
    assert src.text.startswith("# Ley") and "title:" not in src.text
    assert src.outline is None


def test_broken_front_matter_is_read_leniently(national):
    # The corpus copy of Ley 27.356 has a C1 control character in its front matter.
    src = read_source(national / "ar" / "LEY-27356.es.md")
    assert src.metadata["identifier"] == "LEY-27356"
    assert "ARTÍCULO 1º.-" in src.text


def test_utf8_bom_is_dropped(tmp_path):
    f = tmp_path / "law.txt"
    f.write_bytes(b"\xef\xbb\xbf" + LAW.encode("utf-8"))
    assert read_source(f).text == LAW


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_legacy_single_byte_encodings(tmp_path, encoding):
    text = LAW + "Article 2 – l’été\n" if encoding == "cp1252" else LAW
    f = tmp_path / "law.txt"
    f.write_bytes(text.encode(encoding))
    assert read_source(f).text == text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-16-le"])
def test_utf16(tmp_path, encoding):
    data = LAW.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    f = tmp_path / "law.txt"
    f.write_bytes(data)
    assert read_source(f).text == LAW


def test_crlf_normalised(tmp_path):
    f = tmp_path / "law.txt"
    f.write_bytes(b"Art. 1.\r\nTexte.\r\n")
    assert read_source(f).text == "Art. 1.\nTexte.\n"


def test_empty_file(tmp_path):
    f = tmp_path / "empty.md"
    f.write_bytes(b"  \n\n")
    with pytest.raises(InputError, match="empty.md: file is empty"):
        read_source(f)


def test_front_matter_only(tmp_path):
    f = tmp_path / "meta.md"
    f.write_text("---\ntitle: x\n---\n\n", encoding="utf-8")
    with pytest.raises(InputError, match="contains no text"):
        read_source(f)


def test_binary_garbage(tmp_path):
    import random
    f = tmp_path / "garbage.txt"
    rng = random.Random(7)
    f.write_bytes(bytes(rng.randrange(256) for _ in range(5000)))
    with pytest.raises(InputError, match="looks like a binary file"):
        read_source(f)


def test_file_over_limit_names_size_and_limit(tmp_path):
    f = tmp_path / "big.txt"
    f.write_text(LAW * 100, encoding="utf-8")
    size = f.stat().st_size
    with pytest.raises(InputError, match=f"{size:,} bytes, over the limit of 1,000 bytes"):
        read_source(f, max_bytes=1000)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="nope.md: cannot read file"):
        read_source(tmp_path / "nope.md")


def test_markdown_with_leading_html_tag_is_text(tmp_path):
    f = tmp_path / "x.md"
    f.write_text("<meta http-equiv='Content-Type' content='text/html' />\n\n## Article 1\nText.\n",
                 encoding="utf-8")
    assert read_source(f).format == "text"

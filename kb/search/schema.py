"""The index schema: one document per citable unit, one text field per language.

Why one field per language rather than one ``text`` field: each field carries its own
analysis chain (stemmer, stop words), so the same query word is stemmed the English way in
``text_en`` and the French way in ``text_fr``, and a French "exporté" meets French
"exportation" without an English stemmer mangling either.  A document fills only the field
of its language; an unfielded query word is searched in all of them.

Field names are also the query syntax (``article:4``, ``jurisdiction:pe``, ``lang:fr``), so
they are short and user-facing.  Facet fields are plain ID/KEYWORD terms: facet counts are
read from their postings (see ``facets.py``), which needs no stored columns.
"""
from __future__ import annotations

from whoosh.analysis import IDAnalyzer
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from .analysis import LANGUAGES, OTHER, FoldedCharacters, language_analyzer, neutral_analyzer

# Bump when the schema or the analysis changes: ensure_index() then rebuilds.
SCHEMA_VERSION = 3

TEXT_FIELDS = {lang: f"text_{lang}" for lang in (*LANGUAGES, OTHER)}
FACET_FIELDS = ("jurisdiction", "instrument", "lang", "article", "status", "type", "in_force")
MULTI_VALUED = {"article", "obligation", "status", "tag"}
# Fields a user may name in a query (besides the text fields, reached unfielded).
QUERY_FIELDS = ("jurisdiction", "instrument", "expr", "provision", "lang", "article",
                "obligation", "status", "type", "in_force", "year", "date", "title",
                "citation", "heading", "number", "kind")


def text_field(lang: str) -> str:
    """Name of the text field documents of ``lang`` fill."""
    return TEXT_FIELDS.get(lang, TEXT_FIELDS[OTHER])


def language_text(lang: str) -> TEXT:
    """A language's text field: positions for phrases, character offsets for highlights."""
    field = TEXT(analyzer=language_analyzer(lang), phrase=True, chars=True)
    field.format = FoldedCharacters(field_boost=field.format.field_boost)
    return field


def build_schema() -> Schema:
    lower_id = IDAnalyzer(lowercase=True)
    fields = {
        "provision": ID(stored=True, unique=True),
        "expr": ID(stored=True),
        "instrument": ID(stored=True),
        "jurisdiction": ID(stored=True, analyzer=lower_id),
        "title": TEXT(stored=True, analyzer=neutral_analyzer(), phrase=False),
        "citation": TEXT(stored=True, analyzer=neutral_analyzer(), phrase=False),
        "type": ID(stored=True, analyzer=lower_id),
        "date": ID(stored=True, sortable=True),
        # One term per year (no tiers): a range over a few dozen years reads them directly.
        "year": NUMERIC(int, stored=True, signed=False, shift_step=0),
        "in_force": ID(stored=True, analyzer=lower_id),
        "number": ID(stored=True, analyzer=lower_id),
        "label": STORED(),
        "kind": ID(stored=True, analyzer=lower_id),
        "heading": TEXT(stored=True, analyzer=neutral_analyzer(), phrase=False),
        "lang": ID(stored=True, analyzer=lower_id),
        "article": KEYWORD(stored=True, commas=True, lowercase=True),
        "obligation": KEYWORD(stored=True, commas=True, lowercase=True),
        "status": KEYWORD(stored=True, commas=True, lowercase=True),
        "tag": KEYWORD(commas=True, lowercase=True),
        "body": STORED(),
    }
    for lang, name in TEXT_FIELDS.items():
        fields[name] = language_text(lang)
    return Schema(**fields)

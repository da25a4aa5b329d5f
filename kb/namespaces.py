"""RDF vocabularies and the IRI scheme of the knowledge base.

We reuse ELI for legal resources, SKOS for the obligations scheme, the Web Annotation
vocabulary for tags and PROV-O for provenance; ``MKB`` holds only what those lack.
IRIs are built from what identifies a thing in the law (jurisdiction, type, year,
number, provision path), never from counters or timestamps, so loading the same text
twice produces the same triples.
"""
from __future__ import annotations

import re

from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD

BASE = "https://w3id.org/minamata-kb/"
ELI = Namespace("http://data.europa.eu/eli/ontology#")
OA = Namespace("http://www.w3.org/ns/oa#")
MKB = Namespace(BASE + "ontology#")
LANG = Namespace("http://publications.europa.eu/resource/authority/language/")

ONTOLOGY_GRAPH = BASE + "graph/ontology"
OBLIGATIONS_GRAPH = BASE + "graph/obligations"
OBLIGATION_SCHEME = BASE + "obligations"

PREFIXES = {
    "eli": ELI, "oa": OA, "mkb": MKB, "skos": SKOS, "prov": PROV, "dcterms": DCTERMS,
    "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "owl": OWL, "foaf": FOAF,
}

# ISO 639-1 code -> EU language authority table code used as eli:language.
LANGUAGE_CODES = {"en": "ENG", "fr": "FRA", "es": "SPA", "nl": "NLD"}
ISO_LANGUAGES = {eu: iso for iso, eu in LANGUAGE_CODES.items()}

# Short path segments for provision kinds, ELI style ("art_3/para_6/point_a").
KIND_SEGMENTS = {
    "preamble": "preamble", "unstructured": "text", "part": "part", "book": "book",
    "title": "title", "chapter": "chp", "division": "div", "subdivision": "subdiv",
    "section": "sec", "subsection": "subsec", "article": "art", "paragraph": "para",
    "subparagraph": "subpara", "point": "point", "item": "item", "clause": "clause",
    "annex": "anx", "schedule": "sch", "entry": "entry", "provision": "prov",
    "rule": "rule", "regulation": "reg",
}

_UNSAFE = re.compile(r"[^a-z0-9]+")


def slug(value: str) -> str:
    """Lower-case ASCII-ish IRI segment: "5 bis" -> "5_bis", "1er" -> "1er"."""
    import unicodedata

    ascii_value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return _UNSAFE.sub("_", ascii_value.lower()).strip("_") or "x"


def work_iri(jurisdiction: str, type_: str, year: str | int, number: str) -> str:
    """ELI-style IRI of a legal work, e.g. .../eli/ca/regulation/2014/2014_254."""
    return f"{BASE}eli/{slug(jurisdiction)}/{slug(type_)}/{slug(str(year))}/{slug(number)}"


def segment(kind: str, number: str) -> str:
    """Path segment of one provision level."""
    return f"{KIND_SEGMENTS.get(kind, slug(kind))}_{slug(number)}"


def obligation_iri(notation: str) -> str:
    """IRI of an obligation concept from its notation ("3.6.a", "C.1.b")."""
    return f"{BASE}obligation/{notation}"


def article_iri(article: str) -> str:
    """IRI of a Convention article concept (the article-level label of tags)."""
    return f"{BASE}article/{article}"


def jurisdiction_iri(code: str) -> str:
    """IRI of a jurisdiction ("ca", "pe-mdd")."""
    return f"{BASE}jurisdiction/{code.lower()}"


ANNEX_ARTICLES = {"A": "4", "B": "5", "C": "7", "D": "8", "E": "25"}


def obligation_article(notation: str) -> str:
    """The article an obligation notation belongs to; annexes belong to the article using them."""
    head = notation.split(".")[0]
    return ANNEX_ARTICLES.get(head, head)


def annotation_iri(provision: str, article: str) -> str:
    """IRI of the machine's tag of a provision with an article (stable across re-tagging)."""
    return f"{provision}/tag/art_{slug(article)}"


def tagged_provision(iri: str) -> str:
    """The provision of a machine tag (``annotation_iri``); a provision IRI is returned as is."""
    return iri.split("/tag/")[0]

"""Akoma Ntoso 3.0 (OASIS LegalDocML): FRBR metadata and the document's own hierarchy.

AKN marks every structural unit explicitly (``<article>``, ``<chapter>``, ``<hcontainer
name=...>``) with its printed ``<num>``, so the outline is read from the markup, never
guessed.  The element name is the provision kind (the AKN vocabulary is the ELI-style
vocabulary of our model); ``<num>`` loses only the unit word ("Article 5 bis" -> "5 bis").
"""
from __future__ import annotations

import re

from kb.model import Provision
from kb.readers._xml import TextWriter, local, parse_xml

_UNITS = {"book", "tome", "part", "subpart", "title", "subtitle", "chapter", "subchapter",
          "section", "subsection", "article", "paragraph", "subparagraph", "point", "item",
          "clause", "subclause", "division", "subdivision", "rule", "subrule", "indent",
          "list", "alinea", "proviso", "transitional", "hcontainer", "level", "attachment",
          "preamble", "preface", "conclusions"}
_BLOCK = _UNITS | {"p", "heading", "subheading", "content", "intro", "wrapUp", "body",
                   "mainBody", "blockList", "tr", "table", "formula", "citations", "citation",
                   "recitals", "recital", "longTitle", "docTitle", "block", "container",
                   "attachments", "blockContainer", "crossHeading"}
_SKIP = {"meta", "authorialNote", "components"}
_KIND = {"conclusions": "unstructured", "attachment": "annex",
         "level": "paragraph", "alinea": "paragraph"}
_NUM_WORDS = re.compile(
    r"^(?:art[íi]culo|article|art\.?|section|sec\.?|§+|chap(?:ter|itre)|cap[íi]tulo|part(?:ie|e)?|"
    r"t[íi]tulo|titre|title|book|livre|libro|annexe?|anexo|schedule|rule|regulation|point)\s*",
    re.I)
_LANG = {"eng": "en", "fra": "fr", "fre": "fr", "spa": "es", "nld": "nl", "dut": "nl",
         "por": "pt", "deu": "de", "ger": "de"}


def read(data: bytes, name: str) -> tuple[str, dict, list[Provision]]:
    """Return (text, metadata, outline) of an Akoma Ntoso document."""
    root = parse_xml(data, name)
    doc = next((el for el in root if isinstance(el.tag, str)), None)
    out = TextWriter()
    top = Provision("root", "", 0, 0, "")
    if doc is not None:
        _render(doc, out, top)
    return out.text(), _metadata(root, doc), top.children


def clean_number(num: str) -> str:
    """'Article 5 bis.' -> '5 bis'; '(a)' -> 'a'; '3°' -> '3'."""
    num = " ".join(num.split())
    num = _NUM_WORDS.sub("", num).strip()
    return num.strip("().:-–—°º ").strip() or num


def _render(el, out: TextWriter, parent: Provision) -> None:
    tag = local(el.tag)
    if not tag or tag in _SKIP:
        out.write(el.tail)
        return
    if tag in _BLOCK:
        out.newline()
    prov = None
    if tag in _UNITS and tag != "list":
        kind = el.get("name", "hcontainer") if tag == "hcontainer" else _KIND.get(tag, tag)
        num = el.find("{*}num")
        heading = el.find("{*}heading")
        prov = Provision(kind, clean_number("".join(num.itertext())) if num is not None else "",
                         out.pos, out.pos, "",
                         heading=" ".join("".join(heading.itertext()).split())
                         if heading is not None else "")
        parent.children.append(prov)
    if tag == "num":
        out.write("".join(el.itertext()), label=True)
        out.write(" ", label=True)
    else:
        out.write(el.text)
        if tag in ("td", "th"):
            out.write(" ")
        for child in el:
            _render(child, out, prov or parent)
    if tag in _BLOCK:
        out.newline()
    if prov:
        prov.end = out.pos
    out.write(el.tail)


def _metadata(root, doc) -> dict:
    meta: dict = {}
    if doc is None:
        return meta
    meta["type"] = doc.get("name") or local(doc.tag)
    work = doc.find("{*}meta/{*}identification/{*}FRBRWork")
    if work is not None:
        country = work.find("{*}FRBRcountry")
        if country is not None:
            meta["jurisdiction"] = country.get("value", "")
        number = work.find("{*}FRBRnumber")
        if number is not None:
            meta["number"] = number.get("value", "")
        date = work.find("{*}FRBRdate")
        if date is not None:
            meta["date"] = date.get("date", "")
        name = work.find("{*}FRBRname")
        if name is not None:
            meta["title"] = name.get("value", "")
        this = work.find("{*}FRBRthis")
        if this is not None:
            meta["eli"] = this.get("value", "")
    lang = doc.find("{*}meta/{*}identification/{*}FRBRExpression/{*}FRBRlanguage")
    if lang is not None:
        code = lang.get("language", "").lower()
        meta["language"] = _LANG.get(code, code)
    title = doc.find(".//{*}preface//{*}docTitle")
    if title is not None and "".join(title.itertext()).strip():
        meta["title"] = " ".join("".join(title.itertext()).split())
    return {k: v for k, v in meta.items() if v}

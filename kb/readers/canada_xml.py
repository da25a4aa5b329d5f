"""Justice Canada consolidated XML (``<Statute>`` / ``<Regulation>``, laws-lois-xml).

The XML already carries the structure, so the outline comes from the elements rather than
from heading patterns: one provision per ``<Section>`` (number = its ``<Label>``, marginal
note included, as cited "s. 12"), with subsections, paragraphs and subparagraphs as
children; labelled headings ("PART 1", "DIVISION 2") become containers, unlabelled
headings become ``heading`` leaves so no text is left outside a provision; schedules are
``schedule`` containers; ``<RelatedOrNotInForce>`` blocks (transitional provisions of
amending acts, amendments not yet in force) are ``related`` / ``amendment`` containers so
they can be told apart from the consolidated text.
"""
from __future__ import annotations

import re

from kb.model import Provision
from kb.readers._xml import TextWriter, local, parse_xml

ROOTS = {"Statute": "act", "Regulation": "regulation"}

_BLOCK = {"Section", "Subsection", "Paragraph", "Subparagraph", "Clause", "Subclause",
          "Subsubclause", "Definition", "MarginalNote", "Heading", "HistoricalNote",
          "Provision", "row", "Item", "Footnote", "ScheduleFormHeading", "Schedule",
          "ContinuedSectionSubsection", "ContinuedParagraph", "ContinuedDefinition",
          "ContinuedSubparagraph", "ContinuedClause", "FormulaGroup", "TableGroup",
          "Identification", "Order", "Preamble", "Enacts", "Note", "List", "RelatedOrNotInForce",
          "LongTitle", "ShortTitle", "InstrumentNumber", "EnablingAuthority", "Chapter",
          "Caption", "title", "AmendedText", "GroupHeading", "BilingualGroup", "Body"}
_SKIP = {"RecentAmendments", "RunningHead", "BillHistory", "RegistrationDate",
         "ConsolidationDate", "RegulationMakerOrder"}
_KIDS = {"Subsection": "subsection", "Paragraph": "paragraph", "Subparagraph": "subparagraph",
         "Clause": "clause", "Subclause": "subclause"}
_GROUP_WORDS = {"part": "part", "partie": "part", "division": "division",
                "section": "division", "subdivision": "subdivision",
                "sous-section": "subdivision"}
_ITEM_NUMBER = re.compile(r"\d+(?:\.\d+)*[A-Za-z]?")


def read(data: bytes, name: str) -> tuple[str, dict, list[Provision]]:
    """Return (text, metadata, outline) for a Justice Canada XML file."""
    root = parse_xml(data, name)
    out = TextWriter()
    top = Provision("root", "", 0, 0, "")
    _Renderer(out).children(root, top)
    return out.text(), _metadata(root), top.children


def is_canada(root_tag: str) -> bool:
    return root_tag in ROOTS


class _Renderer:
    def __init__(self, out: TextWriter):
        self.out = out

    def children(self, el, parent: Provision) -> None:
        """Render the children of ``el``; labelled headings open containers among them."""
        stack: list[tuple[int, Provision]] = []
        for child in el:
            tag = local(child.tag)
            if tag == "Heading" and el.tag != "RelatedOrNotInForce":
                level = int(child.get("level", "1") or 1)
                while stack and stack[-1][0] >= level:
                    stack.pop()[1].end = self.out.pos
                host = stack[-1][1] if stack else parent
                prov = self.element(child, host, *self._heading_kind(child))
                if prov.kind != "heading":
                    stack.append((level, prov))
                continue
            host = stack[-1][1] if stack else parent
            self.element(child, host, *self._kind(child, parent))
        for _level, prov in stack:
            prov.end = self.out.pos

    def element(self, el, parent: Provision, kind: str | None, number: str) -> Provision | None:
        tag = local(el.tag)
        out = self.out
        if not tag or tag in _SKIP:
            out.write(el.tail)
            return None
        if tag in _BLOCK:
            out.newline()
        prov = None
        if kind:
            prov = Provision(kind, number, out.pos, out.pos, "", heading=self._caption(el))
            parent.children.append(prov)
        host = prov or parent
        if tag == "Date":
            out.write(_iso(el))
        elif tag == "Label":
            out.write("".join(el.itertext()), label=True)
            out.write(" ", label=True)
        else:
            out.write(el.text)
            if tag == "entry":
                out.write(" ")
            self.children(el, host)
        if tag in _BLOCK:
            out.newline()
        if prov:
            prov.end = out.pos
        out.write(el.tail)
        return prov

    def _kind(self, el, parent: Provision) -> tuple[str | None, str]:
        tag = local(el.tag)
        label = _label(el)
        if tag == "Section":
            return "section", label
        if tag in _KIDS and parent.kind in ("section", *_KIDS.values()) and label:
            return _KIDS[tag], label.strip("()")
        if tag == "Schedule":
            words = label.split(maxsplit=1)
            return "schedule", words[1] if len(words) > 1 else ""
        if tag == "RelatedOrNotInForce":
            heading = el.find("Heading")
            number = " ".join("".join(heading.itertext()).split()).lstrip("—- ") if heading is not None else ""
            section = el.find("Section")
            amending = section is not None and section.get("type") == "amending"
            return ("amendment" if amending else "related"), number
        if tag == "Item" and label and parent.kind in ("schedule", "part", "division"):
            return "item", label.strip("()")
        if tag == "row" and parent.kind in ("schedule", "part", "division"):
            first = el.find("entry")
            cell = " ".join("".join(first.itertext()).split()) if first is not None else ""
            if _ITEM_NUMBER.fullmatch(cell):
                return "item", cell
        return None, ""

    @staticmethod
    def _heading_kind(el) -> tuple[str, str]:
        words = _label(el).split(maxsplit=1)
        if len(words) == 2 and words[0].lower() in _GROUP_WORDS:
            return _GROUP_WORDS[words[0].lower()], words[1]
        return "heading", ""

    @staticmethod
    def _caption(el) -> str:
        for tag in ("MarginalNote", "TitleText"):
            found = el.find(tag)
            if found is not None:
                return " ".join("".join(found.itertext()).split())
        head = el.find("ScheduleFormHeading/TitleText")
        return " ".join("".join(head.itertext()).split()) if head is not None else ""


def _label(el) -> str:
    """Text of the element's label without footnote markers ("*9" -> "9")."""
    found = el.find("Label")
    if found is None:
        found = el.find("ScheduleFormHeading/Label")
    if found is None:
        return ""
    parts = [found.text or ""]
    for child in found:
        if child.tag != "FootnoteRef":
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def _iso(date_el) -> str:
    parts = [date_el.findtext(t, "").strip() for t in ("YYYY", "MM", "DD")]
    if not all(p.isdigit() for p in parts):
        return " ".join(p for p in parts if p)
    return f"{int(parts[0]):04d}-{int(parts[1]):02d}-{int(parts[2]):02d}"


def _metadata(root) -> dict:
    ident = root.find("Identification")
    lang = root.get("{http://www.w3.org/XML/1998/namespace}lang", "")
    meta: dict = {"jurisdiction": "ca", "type": ROOTS.get(local(root.tag), ""), "language": lang}
    if ident is None:
        return meta

    def text(path: str) -> str:
        found = ident.find(path)
        return " ".join("".join(found.itertext()).split()) if found is not None else ""

    meta["title"] = text("ShortTitle") or text("LongTitle")
    meta["long_title"] = text("LongTitle")
    citation = text("InstrumentNumber")
    if not citation and ident.find("Chapter/AnnualStatuteId") is not None:
        year = ident.findtext("Chapter/AnnualStatuteId/YYYY", "").strip()
        chap = ident.findtext("Chapter/AnnualStatuteId/AnnualStatuteNumber", "").strip()
        citation = f"S.C. {year}, c. {chap}" if lang != "fr" else f"L.C. {year}, ch. {chap}"
    meta["citation"] = citation
    # The number names the instrument in IRIs, so both language versions must share it.
    number = text("Chapter/ConsolidatedNumber")
    match = re.fullmatch(r"(?:SOR|DORS)/(\S+)|C\.R\.C\., ch?\. (\d+)", citation)
    if not number and match:
        number = match.group(1) or f"crc-c-{match.group(2)}"
    meta["number"] = number
    date = ident.find("RegistrationDate/Date")
    if date is None:
        date = ident.find("BillHistory/Stages[@stage='assented-to']/Date")
    if date is not None:
        meta["date"] = _iso(date)
    if root.get("in-force"):
        meta["in_force"] = root.get("in-force") == "yes"
    return {k: v for k, v in meta.items() if v not in ("", None)}

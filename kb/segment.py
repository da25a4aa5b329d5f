"""Split the plain text of a law into its own hierarchy, keeping numbers as printed.

Drafting conventions differ (common-law "Section 12"/"§ 6939f", civil-law "Artículo 3°.-",
"Art. 1er.", Peruvian "Primera.-" final provisions, annexes), but all of them put a unit's
heading at the start of a line.  So the text is scanned line by line: each heading line
gets a *rank* (attached regulation < annex < provision group < book < part < title <
chapter < section < article < sub-heading) and a provision lasts until the next heading of
the same or a lower rank.  Text before the first heading is a ``preamble`` and closing
formulas ("Dado en la Casa de Gobierno...", "Mandons et ordonnons...") start an
``unstructured`` provision, so the top-level provisions always cover the whole text: a
gap analysis must never lose words.  Inside articles a second pass finds numbered and
lettered paragraphs ("2.1", "(1)", "a)", "(iv)") as children.

Lines inside HTML comments and lines opening with a quotation mark (text inserted by an
amending provision: “Artículo 14.- ...) are never headings.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kb.model import Provision

ATTACHMENT, ANNEX, GROUP, ARTICLE, SUBHEADING = 0, 1, 2, 10, 11
_CONTAINERS = {"livre": ("book", 3), "libro": ("book", 3), "book": ("book", 3),
               "partie": ("part", 4), "parte": ("part", 4), "part": ("part", 4),
               "titre": ("title", 5), "titulo": ("title", 5), "title": ("title", 5),
               "chapitre": ("chapter", 6), "capitulo": ("chapter", 6), "chapter": ("chapter", 6),
               "subcapitulo": ("subchapter", 7), "subchapter": ("subchapter", 7),
               "seccion": ("section", 8), "section": ("section", 8),
               "sous-section": ("subsection", 9)}
_CONTAINER = re.compile(
    r"^(?P<word>LIVRE|Livre|LIBRO|Libro|BOOK|Book|PARTIE|Partie|PARTE|Parte|PART|Part|TITRE|Titre"
    r"|T[ÍI]TULO|T[íi]tulo|TITLE|Title|CHAPITRE|Chapitre|CAP[ÍI]TULO|Cap[íi]tulo|CHAPTER|Chapter"
    r"|SUBCAP[ÍI]TULO|Subcap[íi]tulo|SUBCHAPTER|Subchapter|SECCI[ÓO]N|Secci[óo]n|SOUS-SECTION"
    r"|Sous-section|SECTION|Section)\s+"
    r"(?P<num>[IVXLCDM]+(?:er|ER)?|\d+(?:\.\d+)*[A-Z]?(?:er)?|PRELIMINAR|Preliminar|PR[ÉE]LIMINAIRE"
    r"|Pr[ée]liminaire|[ÚU]NICO|[ÚU]nico|UNIQUE|Unique|PREMIER|Premier|PRIMERO|Primero)\b"
    r"\s*(?:[.:\-–—]+\s*)?(?P<rest>.*)$")
_ORDINAL = (r"primer[oa]?|segund[oa]|tercer[oa]?|cuart[oa]|quint[oa]|sext[oa]|s[eé]p?tim[oa]"
            r"|octav[oa]|noven[oa]|d[eé]cim[oa]|premier|unique|[úu]nic[oa]")
_ARTICLE = re.compile(
    r"^(?P<word>Art[íi]culo|ART[ÍI]CULO|Article|ARTICLE|Art\.|ART\.|Art|ART)\s*"
    rf"(?P<num>(?:[LRDA]\.?\s?)?\d+(?:[.\-]\d+)*[A-Za-z]?(?:\s?(?:er|º|°|ª))?|(?i:{_ORDINAL}))"
    r"(?P<latin>\s?(?:bis|ter|quater|quinquies|sexies|septies|octies|novies|nonies|decies))?"
    r"(?P<term>\s*(?:[.:\-–—]+|$)|\s+(?=[A-ZÁÉÍÓÚ]))\s*(?P<rest>.*)$")
_SECTION = re.compile(
    r"^(?P<word>SECTION|Section|SEC\.|Sec\.|§§?|REGULATION|Regulation|RULE|Rule)\s*"
    r"(?P<num>\d+[A-Za-z]*(?:[.\-]\d+[A-Za-z]*)*)"
    r"(?P<term>\s*(?:[.:\-–—]+|$)|\s+(?=[A-Z]))\s*(?P<rest>.*)$")
_SECTION_SUB = re.compile(r"^Section\s+\d+[A-Z]*\((?P<num>\w+)\)\s*(?P<rest>.*)$")
_PLAIN_SECTION = re.compile(r"^(?P<num>\d+(?:\.\d+)*)\s+\((?P<sub>\d+(?:\.\d+)?)\)\s+\S")
_PAREN_HEADING = re.compile(r"^\((?P<num>[A-Za-z0-9]{1,4})\)\s+(?P<rest>\S.*)$")
_FINAL = re.compile(
    r"^(?P<num>(?i:primera|segunda|tercera|cuarta|quinta|sexta|s[eé]p?tima|octava|novena"
    r"|d[eé]cima|und[eé]cima|duod[eé]cima|d[eé]cimo\s+\w+|vig[eé]sim[ao](?:\s+\w+)?|[úu]nica))"
    r"\s*(?:\.?\s*[-–—]+|:)\s*(?P<rest>.*)$")
_GROUP = re.compile(
    r"^(?i:DISPOSICI[ÓO]N(?:ES)?)(?P<words>(?:\s+(?i:COMPLEMENTARIAS?|FINAL(?:ES)?|TRANSITORIAS?"
    r"|MODIFICATORIAS?|DEROGATORIAS?|ADICIONAL(?:ES)?|[ÚU]NICA))+)\s*$")
_GROUP_ABBR = {"complementaria": "Compl.", "final": "Final", "transitoria": "Transitoria",
               "modificatoria": "Modificatoria", "derogatoria": "Derogatoria",
               "adicional": "Adicional"}
_ANNEX = re.compile(
    r"^(?P<word>ANEXO|Anexo|ANNEXE|Annexe|ANNEX|Annex|SCHEDULE|Schedule|APPENDIX|Appendix"
    r"|AP[ÉE]NDICE|Ap[ée]ndice)(?:\s+(?P<num>[IVXLC]+|\d+[A-Za-z]?|[A-Z])\b)?"
    r"\s*(?:[.:\-–—]+\s*)?(?P<rest>.*)$")
_ATTACHED = re.compile(r"^(?P<word>REGLAMENTO|R[ÉE]GIMEN)\s+\S")
_ENTRY = re.compile(r"^(?P<num>[ABY]\d{1,4})\.?\s+\S")
_CLOSING = re.compile(r"^(?:(?i:dad[oa])\s+en\b|POR TANTO\b|Por tanto\b|Mandons et ordonnons"
                      r"|Fait à\b|Done at\b|Palais de Luxembourg\b)")
_QUOTE = ("“", '"', "«", "‘", "'", "”")
_MARKUP = re.compile(r"<[^>\n]{0,200}>|\*+|\\|__|(?<!\w)_|_(?!\w)")
_WS = re.compile(r"\s+")
_SPLITTABLE = {"article", "section", "regulation", "rule", "disposition", "subsection"}


@dataclass
class _Head:
    start: int
    line_end: int
    rank: int
    kind: str
    number: str
    heading: str = ""


def segment(text: str, language: str) -> list[Provision]:
    """Return the top-level provisions of ``text`` (children nested), spans into ``text``."""
    heads = _find_heads(text, language)
    root = Provision("root", "", 0, len(text), text)
    if not heads:
        root.children.append(Provision("unstructured", "", 0, len(text), ""))
        return finish_spans(root.children, text)
    if heads[0].start > 0:
        root.children.append(Provision("preamble", "", 0, heads[0].start, ""))
    stack: list[tuple[int, Provision]] = []
    for head in heads:
        while stack and stack[-1][0] >= head.rank:
            stack.pop()[1].end = head.start
        prov = Provision(head.kind, head.number, head.start, len(text), "", heading=head.heading)
        (stack[-1][1] if stack else root).children.append(prov)
        stack.append((head.rank, prov))
    for prov in root.walk():
        if prov.kind in _SPLITTABLE and not prov.children:
            _subdivide(prov, text, language)
    return finish_spans(root.children, text)


def finish_spans(provisions: list[Provision], text: str) -> list[Provision]:
    """Trim each span to non-whitespace, set ``text = source[start:end]``, drop empty ones."""
    kept = []
    for p in provisions:
        start, end = p.start, min(p.end, len(text))
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            continue
        p.start, p.end, p.text = start, end, text[start:end]
        p.children = finish_spans(p.children, text)
        kept.append(p)
    return kept


def cover_gaps(provisions: list[Provision], text: str) -> list[Provision]:
    """Add ``preamble``/``unstructured`` provisions for top-level text no provision covers.

    Structured readers take the outline from the markup; whatever lies outside it (title
    block, enacting formula, trailing notes) must still belong to some provision.
    """
    result, pos = [], 0
    for p in [*provisions, None]:
        end = p.start if p else len(text)
        if text[pos:end].strip():
            kind = "preamble" if not result else "unstructured"
            result.append(Provision(kind, "", pos, end, ""))
        if p:
            result.append(p)
            pos = p.end
    return finish_spans(result, text)


def clean_line(line: str) -> tuple[str, bool]:
    """Line without Markdown/HTML markup, and whether it was marked as a heading (#, **)."""
    stripped = line.strip()
    marked = stripped.startswith(("#", "**", "__"))
    stripped = stripped.lstrip("#> ")
    return _WS.sub(" ", _MARKUP.sub("", stripped)).strip(), marked


def _lines(text: str):
    """Yield (start, end, line) for every line not inside an HTML comment or code fence."""
    pos, hidden, fence = 0, False, False
    for line in text.splitlines(keepends=True):
        start, pos = pos, pos + len(line)
        body = line.strip()
        if body.startswith("```"):
            fence = not fence
            continue
        if hidden or fence:
            hidden = hidden and "-->" not in line
            continue
        if body.startswith("<!--"):
            hidden = "-->" not in body
            continue
        yield start, pos, line


def _find_heads(text: str, language: str) -> list[_Head]:
    heads: list[_Head] = []
    state = {"article": False, "attached": False, "group": False, "annex": False}
    title_line = False    # the line after "CAPÍTULO I" is its title, never a heading
    for start, end, line in _lines(text):
        clean, marked = clean_line(line)
        if not clean:
            continue
        if title_line or clean.startswith(_QUOTE):
            title_line = False
            continue
        head = _classify(clean, marked, language, state)
        if head is None or (head.kind == "unstructured" and heads and heads[-1].kind == head.kind):
            continue
        head.start, head.line_end = start, end
        title_line = head.rank < ARTICLE and not head.heading and head.kind != "unstructured"
        if head.rank <= GROUP:
            state["group"] = head.kind == "group"
            state["annex"] = head.kind in ("annex", "schedule")
        elif head.rank < ARTICLE:
            state["group"] = state["annex"] = False
        if head.rank == ARTICLE:
            state["article"] = True
        state["attached"] |= head.kind == "attachment"
        heads.append(head)
    _add_container_titles(heads, text)
    return heads


def _classify(clean: str, marked: bool, language: str, state: dict) -> _Head | None:
    if state["article"] and _CLOSING.match(clean):
        return _Head(0, 0, ATTACHMENT, "unstructured", "")
    match = _ATTACHED.match(clean)
    if match and state["article"] and not state["attached"] and _is_upper(clean):
        return _Head(0, 0, ATTACHMENT, "attachment", match.group("word").capitalize(), clean)
    match = _ANNEX.match(clean)
    if match and len(clean) <= 200 and _heading_like(match.group("rest"), marked):
        kind = "schedule" if match.group("word").lower() == "schedule" else "annex"
        return _Head(0, 0, ANNEX, kind, match.group("num") or "", match.group("rest"))
    match = _GROUP.match(clean)
    if match:
        words = [w.lower().rstrip("s") for w in match.group("words").split()]
        words = [w[:-1] if w.endswith("le") else w for w in words]  # finales -> final
        number = " ".join(["Disp."] + [_GROUP_ABBR.get(w, w.capitalize()) for w in words])
        return _Head(0, 0, GROUP, "group", number, clean)
    match = _CONTAINER.match(clean)
    if match and len(clean) <= 250 and _heading_like(match.group("rest"), True):
        word = _fold(match.group("word"))
        if word != "section" or language == "fr":
            kind, rank = _CONTAINERS[word]
            return _Head(0, 0, rank, kind, match.group("num"), match.group("rest"))
    if state["group"]:
        match = _FINAL.match(clean)
        if match:
            return _Head(0, 0, ARTICLE, "disposition", match.group("num"),
                         _short(match.group("rest")))
    if state["annex"]:
        match = _ENTRY.match(clean)
        if match:
            return _Head(0, 0, ARTICLE, "entry", match.group("num"))
    return _classify_article(clean, marked, language)


def _classify_article(clean: str, marked: bool, language: str) -> _Head | None:
    match = _SECTION_SUB.match(clean)
    if match and marked:
        return _Head(0, 0, SUBHEADING, "subsection", match.group("num"), _short(match.group("rest")))
    match = _ARTICLE.match(clean) or _SECTION.match(clean)
    if match:
        rest = match.group("rest")
        if match.group("term").strip() or not rest or marked or len(rest) <= 100:
            word = match.group("word").lower().strip(".")
            kind = {"regulation": "regulation", "rule": "rule"}.get(word, "article")
            if word in ("section", "sec", "§", "§§"):
                kind = "section"
            number = match.group("num").replace("º", "").replace("°", "").replace("ª", "")
            if number.isalpha():
                number = number.lower()
            number += match.groupdict().get("latin") or ""
            return _Head(0, 0, ARTICLE, kind, number.strip(), _short(rest))
    if language == "en":
        match = _PLAIN_SECTION.match(clean)
        if match:
            return _Head(0, 0, ARTICLE, "section", match.group("num"))
    match = _PAREN_HEADING.match(clean)
    if match and marked:
        return _Head(0, 0, SUBHEADING, "subsection", match.group("num"), _short(match.group("rest")))
    return None


def _heading_like(rest: str, marked: bool) -> bool:
    """A heading's title starts with a capital (prose would go on in lower case)."""
    if not rest:
        return True
    return (marked or _is_upper(rest)) and not rest[0].islower()


def _is_upper(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _short(rest: str) -> str:
    """The rest of a heading line is a caption only if short and not a sentence."""
    rest = rest.strip()
    return rest if len(rest) <= 120 and not rest.endswith((".", ";", ",", ":")) else ""


def _fold(word: str) -> str:
    return word.lower().translate(str.maketrans("íóé", "ioe"))


def _add_container_titles(heads: list[_Head], text: str) -> None:
    """'TÍTULO I' followed by a line 'DISPOSICIONES GENERALES': use that line as heading."""
    starts = {h.start for h in heads}
    for head in heads:
        if head.heading or head.rank >= ARTICLE:
            continue
        pos = head.line_end
        while pos < len(text):
            nl = text.find("\n", pos)
            nl = len(text) if nl < 0 else nl + 1
            clean, _ = clean_line(text[pos:nl])
            if clean:
                if pos not in starts and len(clean) <= 200 and _is_upper(clean):
                    head.heading = clean
                break
            pos = nl


_ROMAN = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"}
_LIST_MARKER = re.compile(
    r"^(?:[-•]\s+)?(?:(?P<dotted>\d+(?:\.\d+)+)\.?(?=\s|[A-ZÁÉÍÓÚ«“\"])"
    r"|\((?P<paren>\d+(?:\.\d+)?[a-z]?)\)(?=\s)"
    r"|(?P<num>\d+)(?:\.-|\.|\))(?=\s)"
    r"|\(?(?P<alpha>[a-z]{1,4})\)(?=\s)|(?P<alpha2>[a-z])\.(?=\s)"
    r"|\((?P<upper>[A-Z]{1,2})\)(?=\s))")
_INLINE_SUBSECTION = re.compile(r"[ \t]*\d+(?:\.\d+)*[ \t]+(?=\(\d+(?:\.\d+)?\)\s)")
_KINDS_COMMON = ["subsection", "paragraph", "subparagraph", "clause", "subclause"]
_KINDS_CIVIL = ["paragraph", "point", "item", "item", "item"]


def _subdivide(prov: Provision, text: str, language: str) -> None:
    """Nest numbered/lettered paragraphs of one article as its children."""
    kinds = _KINDS_COMMON if language == "en" else _KINDS_CIVIL
    base = kinds.index(prov.kind) + 1 if prov.kind in kinds else 0
    inline = _INLINE_SUBSECTION.match(text, prov.start, prov.end)
    if inline and language == "en":
        body_start = inline.end()        # "12 (1) The Minister..." opens subsection (1)
    else:
        body_start = text.find("\n", prov.start, prov.end)
    if body_start < 0:
        return
    stack: list[tuple[str, str, Provision]] = []   # (marker type, last label, provision)
    for start, _end, line in _lines(text[body_start:prov.end]):
        clean, _ = clean_line(line)
        match = _LIST_MARKER.match(clean)
        if not match:
            continue
        mtype, label = _marker(match, stack, prov.number)
        if mtype is None:
            continue
        start += body_start
        types = [t for t, _l, _p in stack]
        if mtype in types:
            while stack[-1][0] != mtype:
                stack.pop()[2].end = start
            stack.pop()[2].end = start
        parent = stack[-1][2] if stack else prov
        depth = min(base + len(stack), len(kinds) - 1)
        child = Provision(kinds[depth], label, start, prov.end, "")
        parent.children.append(child)
        stack.append((mtype, label, child))


def _marker(match: re.Match, stack: list, article_number: str) -> tuple[str | None, str]:
    """Type and label of a list marker; roman numerals are told from letters by context."""
    if match.group("dotted"):
        label = match.group("dotted")
        if label.split(".")[0] != article_number:
            return None, ""
        return f"dotted{label.count('.')}", label
    if match.group("paren"):
        return "paren", match.group("paren")
    if match.group("num"):
        return "num", match.group("num")
    if match.group("upper"):
        return "upper", match.group("upper")
    label = match.group("alpha") or match.group("alpha2")
    if label in _ROMAN:
        previous = next((lab for t, lab, _p in reversed(stack) if t == "alpha"), None)
        if not (previous and len(label) == 1 and ord(label) == ord(previous) + 1):
            return "roman", label
    if len(label) > 1:
        return None, ""
    return "alpha", label

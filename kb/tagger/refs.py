"""Cross-references between provisions of one instrument ("article 1", "l'article 3", "section 5").

GUIDELINES.md: an enforcement or follow-up clause takes the labels of the obligations it
enforces "when the text makes those obligations identifiable".  The usual way a law does that
is by number: "les infractions aux dispositions des articles 4, 6 et 20", "reducir los límites
dispuestos en el artículo 1º", "in contravention of section 3".  This module finds such
numbers and the number of each provision, so :mod:`kb.tagger.combine` can hand the cited
provision's labels to the citing one.  References into *other* instruments ("subsection
101(1) of the Act", "artículo 14 de la Ley Nº 27651", "article 414-1 du code des douanes")
are recognised by the "of/de/du + instrument" that follows them and ignored.
"""
from __future__ import annotations

import re

_NUM = r"(?:l\.?\s?)?\d+(?:[.-]\d+)*"
_JOIN = r"\s*(?:,|;|y|et|and|or|ou|o|à|a|to|al)\s*"
REFERENCE = re.compile(
    r"\b(?:articles?|art[ií]culos?|arts?\.|sections?|secci[oó]n|§§?)\s*"
    rf"({_NUM}(?:\s*[º°o](?=\W))?(?:{_JOIN}{_NUM}(?:\s*[º°o](?=\W))?)*)", re.IGNORECASE)
_ONE = re.compile(_NUM, re.IGNORECASE)
# what follows a reference into another instrument: "of the Act", "de la Ley N° ...", "du code"
EXTERNAL = re.compile(
    r"^(?:\s*\(\w+\))*\s*,?\s*(?:of|de|del|du|des)\s+(?:the\s+|la\s+|le\s+|l')?"
    r"(?!this\b|these\b|present|presente|présent|la presente|el presente|cette\b|ce\b)"
    r"(?:act|acts|regulations?|loi|code|ley|decreto|d[ée]cret|reglamento|r[èe]glement|"
    r"convention|convenio|constitution|n[º°o]|\w+\s+act)", re.IGNORECASE)
_HEAD = re.compile(rf"({_NUM})", re.IGNORECASE)
SCHEDULE = re.compile(r"^\s*(?:sch|schedule|ann|annex|annexe|anexo)\.?\s*([\w.-]+)\s*,?",
                      re.IGNORECASE)
HEAD_CHARS = 80  # the provision's own number sits in its first words ("Art. 22.", "Permit 6 (1)")
MAX_RANGE = 30


def norm(number: str) -> str:
    """Comparable form of a provision number: "L. 621-8" and "L621-8" agree."""
    number = re.sub(r"^l\.?\s*", "", number.lower().strip()).rstrip("º°o.")
    return number.lstrip("0") or number


def own_number(item: dict, skip: int = 0) -> str | None:
    """The provision's number: from its ``provision`` field if given, else its first words
    after the instrument's shared heading (``skip`` characters).  A schedule's sections are
    numbered apart from the body's ("Sch. 5, s. 9" is not section 9): their number carries
    the schedule ("sch 5/9"), and :func:`part` gives the citing provision's own schedule, so a
    citation resolves within the part of the instrument it is written in."""
    provision = item.get("provision")
    if provision:
        schedule = SCHEDULE.match(provision)
        found = _ONE.findall(provision[schedule.end():] if schedule else provision)
        return f"{part(item)}{norm(found[-1])}" if found else None
    head = _HEAD.search(item["text"][skip:skip + HEAD_CHARS])
    return norm(head.group(1)) if head else None


def part(item: dict) -> str:
    """The schedule or annex a provision belongs to ("sch 5/"), or "" for the body."""
    found = SCHEDULE.match(item.get("provision") or "")
    return f"sch {norm(found.group(1))}/" if found else ""


def citations(text: str) -> list[tuple[list[str], int, int]]:
    """Each citation of the instrument's own provisions: the numbers it names (ranges expanded)
    and its span ("articles 4, 6 et 20"), the evidence a reviewer reads for a label it gives."""
    out: list[tuple[list[str], int, int]] = []
    for match in REFERENCE.finditer(text):
        if EXTERNAL.match(text[match.end():match.end() + 60]):
            continue
        numbers = [norm(n) for n in _ONE.findall(match.group(1))]
        joined = match.group(1).lower()
        if len(numbers) == 2 and re.search(r"\d\s*(?:à|a|to|al)\s*\d", joined) \
                and all(n.isdigit() for n in numbers) \
                and 0 < int(numbers[1]) - int(numbers[0]) <= MAX_RANGE:
            numbers = [str(n) for n in range(int(numbers[0]), int(numbers[1]) + 1)]
        out.append((numbers, match.start(), match.end()))
    return out

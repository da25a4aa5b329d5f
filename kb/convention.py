"""Parse the English Minamata Convention into an ``Instrument`` with a provision tree.

The Convention is the yardstick every national text is measured against, so its tree has
to reach the level at which obligations are stated: paragraph, point (``a)``) and item
(``(i)``), plus the rows of the Annex A/B tables and the Annex D source categories.

The source (``legal_texts/convention/minamata-convention.en.md``, see ``SOURCE.md``) is
Markdown converted from the Dutch treaty database, and its layout is what the regexes below
follow:

* ``### Article  N`` / ``### Annex  X`` / ``### PART  I`` headings, each usually followed by a
  ``####Title`` line; Annex E repeats ``### Article  N`` inside its two parts;
* paragraphs ``3.  Each Party ...``, points ``a) ...`` and items ``(i) ...`` at line starts,
  where the lead-out of a list is glued to its last point after a run of spaces;
* Annexes A and B are ``*Part I: ...*`` markers followed by pipe tables, where ``| --- |``
  rows continue the row above and measures ``(i)``... sit inside cells;
* Annex D is a single ``Point source category: x; y; ...`` line with a ``<sup>`` footnote.

Every provision's ``text`` is ``instrument.text[start:end]`` (trimmed of surrounding
whitespace), so later steps can quote and highlight the exact Convention wording.
"""
from __future__ import annotations

import re
import string
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .errors import InputError
from .model import Instrument, Provision

CONVENTION_PATH = (Path(__file__).resolve().parent.parent / "legal_texts" / "convention"
                   / "minamata-convention.en.md")
SOURCE_URL = ("https://github.com/statengeneraal/laws-markdown/blob/"
              "91556a80a25a3da4234c8039945c6aeef4108d00/"
              "verdrag/minamata/convention/on/mercury/BWBV0006298/README.md")

_HEADING = re.compile(r"^### +(Article|Annex|PART) +(\w+) *$", re.M)
_TITLE = re.compile(r"\s*^####:? *(.*?) *$", re.M)
_RANK = {"annex": 0, "part": 1, "article": 2}      # a heading closes every open one of rank >= its own

_LETTERS = tuple(string.ascii_lowercase)
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")
# The published layout glues a list's lead-out ("   Any such registration shall ...") to
# its last point; a run of three or more spaces inside a line is where the point ends.
_LEAD_OUT = re.compile(r"(?<=\S) {3,}(?=\S)")
_CELL_END = re.compile(r"\s*\|")

_PART_MARK = re.compile(r"\* *Part +([IVX]+): *([^*]*?) *\*")
_ROW = re.compile(r"^\|.*\| *$", re.M)
_CATEGORY_LINE = re.compile(r"^[^:\n]*\bcategory *:(.*)$", re.M | re.I)
_CATEGORY = re.compile(r"(?P<name>[^\s;<][^;<\n]*?) *[;.] *(?P<note><sup>.*?</sup>)?")


@dataclass(frozen=True)
class _Level:
    """One level of numbered subdivision: how its markers look and how they count.

    Markers are only accepted in sequence ("1", "2", ... / "a", "b", ...), which keeps
    look-alikes such as "mercury (I) chloride" or "(≤ 500 mm)" from opening a provision.
    ``stop`` marks where a childless provision's own words end inside its span.
    """

    kind: str
    marker: re.Pattern
    numbers: tuple[str, ...]
    stop: re.Pattern | None = None


PARAGRAPH = _Level("paragraph", re.compile(r"^(\d+)\.\s", re.M), tuple(str(n) for n in range(1, 100)))
POINT = _Level("point", re.compile(r"^([a-z])\)", re.M), _LETTERS, _LEAD_OUT)
ITEM = _Level("item", re.compile(r"^\(([ivx]+)\)\s", re.M), _ROMAN, _LEAD_OUT)
CELL_POINT = _Level("point", re.compile(r"(?<=\s)([a-z])\)\s"), _LETTERS, _CELL_END)
CELL_ITEM = _Level("item", re.compile(r"(?<=\s)\(([ivx]+)\)\s"), _ROMAN, _CELL_END)
_BODY_LEVELS = (PARAGRAPH, POINT, ITEM)
_CELL_LEVELS = (CELL_POINT, CELL_ITEM)


def load_convention(path: Path = CONVENTION_PATH) -> Instrument:
    """Read the Convention text shipped with the project and parse it."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise InputError(f"cannot read the Convention text {path}: {err}") from err
    return parse_convention(text)


def parse_convention(text: str) -> Instrument:
    """Build the Convention ``Instrument`` (metadata fixed, tree parsed from ``text``)."""
    headings = list(_HEADING.finditer(text))
    if not any(h.group(1) == "Article" for h in headings):
        raise InputError("no '### Article' headings found: not the Minamata Convention Markdown")
    provisions = [_preamble(text, headings[0].start())] + _heading_tree(text, headings)
    return Instrument(
        jurisdiction="int", type="convention", title="Minamata Convention on Mercury",
        language="en", text=text, citation="Minamata Convention on Mercury (2013)",
        date=date(2013, 10, 10), number="minamata", in_force=True, source=SOURCE_URL,
        provisions=provisions,
    )


def _provision(text: str, kind: str, number: str, start: int, end: int, heading: str = "") -> Provision:
    """A provision over ``text[start:end]`` with surrounding whitespace trimmed off."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Provision(kind, number, start, end, text[start:end], heading)


def _preamble(text: str, first_heading: int) -> Provision:
    """The recitals: everything between the document title line and Article 1."""
    title = _TITLE.match(text)
    start = title.end() if title else 0
    return _provision(text, "preamble", "preamble", start, first_heading)


def _heading_tree(text: str, headings: list[re.Match]) -> list[Provision]:
    """Nest Article/Annex/PART headings by rank and fill in each one's body.

    A heading's provision runs until the next heading of the same or a higher rank, which
    makes Annex E's inner "### Article" headings children of their PART.
    """
    top: list[Provision] = []
    stack: list[Provision] = []
    for i, heading in enumerate(headings):
        kind, rank = heading.group(1).lower(), _RANK[heading.group(1).lower()]
        end = next((h.start() for h in headings[i + 1:] if _RANK[h.group(1).lower()] <= rank), len(text))
        title = _TITLE.match(text, heading.end())
        body_start = title.end() if title else heading.end()
        name = title.group(1) if title else ""
        if name.isupper():                       # Annex E's ": ARBITRATION PROCEDURE"
            name = name.capitalize()
        provision = _provision(text, kind, heading.group(2), heading.start(), end, name)
        has_sub_headings = i + 1 < len(headings) and headings[i + 1].start() < end
        if not has_sub_headings:
            provision.children = _body(text, kind, body_start, provision.end)
        while stack and _RANK[stack[-1].kind] >= rank:
            stack.pop()
        (stack[-1].children if stack else top).append(provision)
        stack.append(provision)
    return top


def _body(text: str, kind: str, start: int, end: int) -> list[Provision]:
    """Children found in the body of an article or annex, by the layout the body uses."""
    if kind == "annex" and _PART_MARK.search(text, start, end):
        return _table_annex(text, start, end)
    if kind == "annex" and _CATEGORY_LINE.search(text, start, end):
        return _category_list(text, _CATEGORY_LINE.search(text, start, end))
    return _children(text, start, end, _BODY_LEVELS)


def _children(text: str, start: int, end: int, levels: tuple[_Level, ...]) -> list[Provision]:
    """Split ``text[start:end]`` at the first level whose markers occur, recursing below.

    Levels are tried in order so that a body without numbered paragraphs (Article 2, the
    Annex A exclusions) gets its points as direct children.
    """
    for depth, level in enumerate(levels):
        markers = _in_sequence(level, text, start, end)
        if markers:
            bounds = [m.start() for m in markers] + [end]
            return [_numbered(text, level, m.group(1), s, e, levels[depth + 1:])
                    for m, s, e in zip(markers, bounds, bounds[1:])]
    return []


def _in_sequence(level: _Level, text: str, start: int, end: int) -> list[re.Match]:
    """Markers of ``level`` in ``text[start:end]`` that continue the expected numbering."""
    found: list[re.Match] = []
    for match in level.marker.finditer(text, start, end):
        if len(found) < len(level.numbers) and match.group(1) == level.numbers[len(found)]:
            found.append(match)
    return found


def _numbered(text: str, level: _Level, number: str, start: int, end: int,
              below: tuple[_Level, ...]) -> Provision:
    """One paragraph/point/item; a leaf ends where its ``stop`` pattern says."""
    children = _children(text, start, end, below)
    if not children and level.stop:
        stop = level.stop.search(text, start + 1, end)
        end = stop.start() if stop else end
    provision = _provision(text, level.kind, number, start, end)
    provision.children = children
    return provision


def _table_annex(text: str, start: int, end: int) -> list[Provision]:
    """Annex A/B: points before the first ``*Part N: ...*`` marker, then one part per marker."""
    marks = list(_PART_MARK.finditer(text, start, end))
    children = _children(text, start, marks[0].start(), _BODY_LEVELS)
    bounds = [m.start() for m in marks] + [end]
    for mark, part_start, part_end in zip(marks, bounds, bounds[1:]):
        part = _provision(text, "part", mark.group(1), part_start, part_end, mark.group(2))
        part.children = _table_entries(text, mark.end(), part.end)
        children.append(part)
    return children


def _table_entries(text: str, start: int, end: int) -> list[Provision]:
    """One ``entry`` per table row naming a product or process.

    Header rows (cells in ``*...*``) and the ``|:---|`` rule are skipped; a row whose first
    cell is ``---`` continues the entry above (the dental amalgam and Annex B measures).
    """
    groups: list[list[re.Match]] = []
    for row in _ROW.finditer(text, start, end):
        cells = _cells(row.group())
        if all(c.startswith("*") and c.endswith("*") for c in cells):
            continue
        if re.fullmatch(r":?-+:?", cells[0]):
            if groups:
                groups[-1].append(row)
            continue
        groups.append([row])
    entries = []
    for number, rows in enumerate(groups, 1):
        entry = _provision(text, "entry", str(number), rows[0].start(), rows[-1].end(),
                           _entry_name(_cells(rows[0].group())[0]))
        entry.children = _children(text, entry.start, entry.end, _CELL_LEVELS)
        entries.append(entry)
    return entries


def _cells(row: str) -> list[str]:
    """The stripped cell contents of one Markdown table row."""
    return [cell.strip() for cell in row.strip().strip("|").split("|")]


def _entry_name(cell: str) -> str:
    """The product/process name: the first cell up to its own sub-list or footnote."""
    name = re.split(r"\s[a-z]\)\s|<sup>", cell)[0]
    return " ".join(name.split()).rstrip(":").strip()


def _category_list(text: str, line: re.Match) -> list[Provision]:
    """Annex D: one ``entry`` per ';'-separated category, its footnote kept with it."""
    entries = []
    for number, match in enumerate(_CATEGORY.finditer(text, line.start(1), line.end(1)), 1):
        end = match.end("note") if match.group("note") else match.end("name")
        entries.append(_provision(text, "entry", str(number), match.start("name"), end,
                                  " ".join(match.group("name").split())))
    return entries

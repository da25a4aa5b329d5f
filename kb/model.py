"""Domain objects shared by every step: an instrument and its provisions.

They are plain dataclasses so readers, segmenters, the Convention parser and the graph
builder can pass them around without knowing about RDF.  Offsets are character offsets
into ``Instrument.text`` (the exact source text), so evidence can be highlighted later.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class Provision:
    """One unit of an instrument's own hierarchy (article, section, paragraph, point...).

    ``kind`` is a lower-case ELI-style type name (``preamble``, ``part``, ``chapter``,
    ``article``, ``section``, ``paragraph``, ``point``, ``item``, ``annex``, ``entry``,
    ``schedule``, ``unstructured``...).  ``number`` is the number as printed ("3", "5 bis",
    "premier", "a", "iv").  ``text`` is exactly ``instrument.text[start:end]`` and covers the
    provision including its children.
    """

    kind: str
    number: str
    start: int
    end: int
    text: str
    heading: str = ""
    children: list["Provision"] = field(default_factory=list)

    def walk(self):
        """Yield this provision and all descendants in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Instrument:
    """A legal instrument as read from one source file."""

    jurisdiction: str          # ISO 3166-1 alpha-2, lower case, optional "-subdivision"
    type: str                  # act, regulation, decree, code, convention, ...
    title: str
    language: str              # en, fr, es (nl accepted for storage only)
    text: str                  # full source text; provision offsets point into it
    citation: str = ""
    date: date | None = None
    number: str = ""           # official number used in the IRI, e.g. "2014-254"
    in_force: bool | None = None
    source: str = ""
    licence: str = ""
    provisions: list[Provision] = field(default_factory=list)

    def walk(self):
        """Yield every provision in document order."""
        for p in self.provisions:
            yield from p.walk()

"""Instrument context: provisions are read as parts of their instrument, not alone.

Items sharing ``jurisdiction`` + ``instrument`` are provisions of one instrument in document
order.  Two facts about the instrument change how a provision is read (GUIDELINES.md,
"Enforcement"): whether the instrument is itself about mercury, and which articles its
substantive provisions implement (its *main labels*).  Generic offences, penalties and
inspection powers of a mercury instrument take the main labels; the same words in a general
law take none.  A heading repeated at the start of every provision (US Code breadcrumbs:
"CHAPTER 137— ... BATTERIES CONTAINING MERCURY") is instrument context too, not content of
each provision, so it counts for the instrument and is ignored inside the provision.
"""
from __future__ import annotations

import os
import re
from collections import Counter, defaultdict

MIN_PREFIX = 30  # characters: shorter shared beginnings are coincidence ("Article ")
ENACTING_CHARS = 400  # an article that only gives force to an annex is short
# "Apruébanse los LMP ..., que como Anexo I forman parte integrante del presente Decreto",
# "Font partie intégrante du présent règlement les annexes ...", "Schedule 1 forms part of ...",
# and an amending instrument's "L'annexe 1 du même arrêté est remplacée par l'annexe du présent
# arrêté" (the new annex takes force through this article)
ENACTS = re.compile(r"\b(?:anexos?|annexes?|schedules?)\b.{0,120}\b(?:forman? parte integrante|"
                    r"font partie intégrante|fait partie intégrante|forms? (?:an integral )?part|"
                    r"(?:est|sont) remplacées? par|(?:is|are) replaced by|se sustituyen? por|"
                    r"(?:queda|quedan) sustituid[oa]s? por)|"
                    r"\b(?:forman? parte integrante|font partie intégrante|fait partie intégrante)"
                    r"\b.{0,60}\b(?:anexos?|annexes?)\b", re.IGNORECASE | re.DOTALL)
ANNEX_HEAD = re.compile(r"^\W*(?:anexo|annexe|annex|schedule)\b", re.IGNORECASE)


def instrument_groups(items: list[dict]) -> list[list[int]]:
    """Indices of items per instrument, in input order; items without both keys stand alone."""
    groups: dict[tuple, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        j, ins = item.get("jurisdiction"), item.get("instrument")
        groups[(j, ins) if j and ins else ("", i)].append(i)
    return list(groups.values())


def shared_heading(texts: list[str]) -> int:
    """Length of the heading all texts start with (cut at a word boundary), 0 if none."""
    if len(texts) < 3:
        return 0
    prefix = os.path.commonprefix(texts)
    if len(prefix) < MIN_PREFIX:
        return 0
    cut = prefix.rfind(" ")
    return cut + 1 if cut >= MIN_PREFIX else 0


def main_labels(labelled: list[list[str]], min_share: float = 0.34) -> set[str]:
    """Labels that recur among the instrument's labelled provisions (one-offs are not main)."""
    rows = [row for row in labelled if row]
    counts = Counter(a for row in rows for a in set(row))
    return {a for a, n in counts.items() if n >= max(1.0, min_share * len(rows))}


def enacts_annex(text: str) -> bool:
    """GUIDELINES (enacting provisions): an article whose only function is to give legal force
    to an annex of the same instrument takes the labels of that annex."""
    return len(text) <= ENACTING_CHARS and bool(ENACTS.search(text))


def is_annex(item: dict, skip: int = 0) -> bool:
    """An annex or schedule of the instrument, by its provision number or its first words."""
    return bool(ANNEX_HEAD.match(item.get("provision") or "")
                or ANNEX_HEAD.match(item["text"][skip:skip + 40]))

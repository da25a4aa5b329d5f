"""What the instrument page shows of one section: the provision tree, each provision's own
text, its tags and the evidence spans of those tags, all read through the kb listing and
review functions.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from kb.listing import outline
from kb.review import current_tags, evidence_spans
from kb.store import KnowledgeBase

from .highlight import mark_ranges


@dataclass
class Node:
    """One provision: its row from ``outline``, text before and after its children, tags."""

    row: dict
    lead: Markup = Markup("")
    tail: Markup = Markup("")
    tags: list[dict] = field(default_factory=list)
    children: list["Node"] = field(default_factory=list)


def provision_tree(kb: KnowledgeBase, expr: str, section: dict) -> tuple[list[Node], int]:
    """Top-level nodes of one of the expression's ``sections`` (children nested) and the
    number of tags of the whole expression.

    The divisions the section is cut from head the tree, so their headings give the context
    on every page; every text shows only its characters inside ``section["text"]``, so a
    division's opening words appear on its first page and its closing words on its last.
    """
    rows = [row for division in section["within"]
            for row in outline(kb, expr, range(division["order"], division["order"] + 1))]
    rows += outline(kb, expr, section["orders"])
    starts = {r["p"]: r["start"] for r in rows}
    tags = current_tags(kb, expr)
    shown = [t for t in tags if t["provision"] in starts]
    spans = evidence_spans(kb, expr)
    ranges = []
    by_provision: dict[str, list[dict]] = {}
    for tag in shown:
        tag["spans"] = spans.get(tag["annotation"], [])
        by_provision.setdefault(tag["provision"], []).append(tag)
        base = starts[tag["provision"]]
        ranges += [(base + s, base + e, f"Art. {tag['article']}") for s, e in tag["spans"]
                   if tag["status"] != "rejected"]
    nodes = {r["p"]: Node(r, tags=by_provision.get(r["p"], [])) for r in rows}
    roots: list[Node] = []
    for r in rows:
        parent = nodes.get(r["parent"])
        (parent.children if parent else roots).append(nodes[r["p"]])
    shown_text = section["text"]
    for node in nodes.values():
        row = node.row
        lead_end = node.children[0].row["start"] if node.children else row["end"]
        tail_start = node.children[-1].row["end"] if node.children else row["end"]
        node.lead = marked(row, row["start"], lead_end, shown_text, ranges)
        node.tail = marked(row, tail_start, row["end"], shown_text, ranges)
    return roots, len(tags)


def marked(row: dict, start: int, end: int, shown: range, ranges: list) -> Markup:
    """The characters ``start``..``end`` (document offsets) of a provision's text that lie
    in ``shown``, escaped, with evidence ranges marked."""
    start, end = max(start, shown.start), min(end, shown.stop)
    if start >= end:
        return Markup("")
    return mark_ranges(row["text"][start - row["start"]:end - row["start"]], start, ranges)

"""What the instrument page shows: the provision tree, each provision's own text, its tags
and the evidence spans of those tags, all read through the kb listing and review functions.
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


def provision_tree(kb: KnowledgeBase, expr: str) -> tuple[list[Node], int]:
    """Top-level nodes of the expression (children nested) and the number of tags."""
    rows = outline(kb, expr)
    tags = current_tags(kb, expr)
    spans = evidence_spans(kb, expr)
    starts = {r["p"]: r["start"] for r in rows}
    ranges = []
    by_provision: dict[str, list[dict]] = {}
    for tag in tags:
        tag["spans"] = spans.get(tag["annotation"], [])
        by_provision.setdefault(tag["provision"], []).append(tag)
        base = starts.get(tag["provision"], 0)
        ranges += [(base + s, base + e, f"Art. {tag['article']}") for s, e in tag["spans"]
                   if tag["status"] != "rejected"]
    nodes = {r["p"]: Node(r, tags=by_provision.get(r["p"], [])) for r in rows}
    roots: list[Node] = []
    for r in rows:
        parent = nodes.get(r["parent"])
        (parent.children if parent else roots).append(nodes[r["p"]])
    for node in nodes.values():
        row = node.row
        lead_end = node.children[0].row["start"] if node.children else row["end"]
        tail_start = node.children[-1].row["end"] if node.children else row["end"]
        node.lead = mark_ranges(row["text"][:lead_end - row["start"]], row["start"], ranges)
        node.tail = mark_ranges(row["text"][tail_start - row["start"]:], tail_start, ranges)
    return roots, len(tags)

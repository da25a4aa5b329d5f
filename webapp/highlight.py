"""Law text with evidence marked: escape first, then wrap ranges.

The text is data from anywhere (a scraped page may hold ``<script>``); every piece of it
goes through ``markupsafe.escape`` and the only markup in the result is the ``<mark>``
elements written here, which is why the result may be returned as ``Markup``.
"""
from __future__ import annotations

from markupsafe import Markup, escape


def mark_ranges(text: str, base: int, ranges: list[tuple[int, int, str]]) -> Markup:
    """``text`` (which starts at offset ``base``) escaped, with each (start, end, label)
    range — absolute offsets — wrapped in ``<mark title="labels">``; overlaps merge."""
    end_of_text = base + len(text)
    clipped = [(max(s, base), min(e, end_of_text), label) for s, e, label in ranges
               if s < end_of_text and e > base and e > s]
    cuts = sorted({base, end_of_text, *(s for s, _, _ in clipped), *(e for _, e, _ in clipped)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        piece = escape(text[a - base:b - base])
        labels = sorted({label for s, e, label in clipped if s <= a and e >= b})
        if labels:
            out.append(Markup('<mark class="evidence" title="{}">{}</mark>').format(
                ", ".join(labels), piece))
        else:
            out.append(piece)
    return Markup("").join(out)

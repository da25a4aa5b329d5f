"""The JSON-lines contract of ``tag-jsonl`` and ``evaluate``.

Input lines: ``{"id", "text", "lang"?, "jurisdiction"?, "instrument"?}`` (other fields
ignored).  Output lines: ``{"id", "articles", "scores", "obligations", "evidence"}``.
Lines sharing ``jurisdiction`` and ``instrument`` are one instrument in document order
and are tagged together, so the tagger sees the same context as inside the knowledge
base; batches are cut only between instruments.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import TextIO

from ..errors import InputError

OUTPUT_FIELDS = ("id", "articles", "scores", "obligations", "evidence")
BATCH = 2000


def read_items(path: Path, require_labels: bool = False) -> list[dict]:
    """Parse and check a JSON-lines file; errors name the line."""
    if not path.is_file():
        raise InputError(f"no such file: {path}")
    items = []
    with path.open(encoding="utf-8-sig") as lines:
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as err:
                raise InputError(f"{path}:{n}: not valid JSON ({err.msg})") from err
            if not isinstance(item, dict) or "id" not in item or not isinstance(item.get("text"), str):
                raise InputError(f"{path}:{n}: each line needs an \"id\" and a \"text\" string")
            if require_labels and not isinstance(item.get("articles"), list):
                raise InputError(f"{path}:{n}: a gold line needs an \"articles\" list")
            items.append(item)
    return items


def batches(items: list[dict], size: int = BATCH) -> list[list[dict]]:
    """Items grouped per instrument (input order kept), packed into batches of about ``size``."""
    groups: dict[tuple, list[dict]] = {}
    for i, item in enumerate(items):
        key = (item.get("jurisdiction"), item.get("instrument"))
        groups.setdefault(key if all(key) else ("", i), []).append(item)
    out, current = [], []
    for group in groups.values():
        if current and len(current) + len(group) > size:
            out.append(current)
            current = []
        current += group
    if current:
        out.append(current)
    return out


def tag_stream(tagger, items: list[dict], out: TextIO) -> int:
    """Tag items and write one output line per input line, in input order."""
    results: dict[int, dict] = {}
    index = {id(item): n for n, item in enumerate(items)}
    for batch in batches(items):
        for item, result in zip(batch, tagger.tag_items(batch)):
            results[index[id(item)]] = {k: result[k] for k in OUTPUT_FIELDS}
    for n in range(len(items)):
        out.write(json.dumps(results[n], ensure_ascii=False) + "\n")
    return len(items)

"""Read-only SPARQL for users (CLI ``sparql`` and, later, the public endpoint).

The text is parsed with rdflib's SPARQL grammar before it reaches the store, so updates,
``LOAD`` and federated ``SERVICE`` calls are refused with a clear message instead of
being executed, and syntax errors point at the problem.
"""
from __future__ import annotations

import csv
import io
import json

from pyparsing import ParseException, ParseResults
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

from .errors import QueryError
from .store import KnowledgeBase


def _contains_service(node) -> bool:
    """True when the parsed query has a SERVICE clause anywhere."""
    if getattr(node, "name", None) == "ServiceGraphPattern":
        return True
    if isinstance(node, dict):
        return any(_contains_service(v) for v in node.values())
    if isinstance(node, (list, tuple, ParseResults)):
        return any(_contains_service(v) for v in node)
    return False


def check_readonly(text: str) -> None:
    """Raise QueryError unless ``text`` is a SELECT/ASK/CONSTRUCT/DESCRIBE without SERVICE."""
    try:
        parsed = parseQuery(text)
    except ParseException as err:
        try:
            parseUpdate(text)
        except ParseException:
            raise QueryError(f"SPARQL syntax error at line {err.lineno}, column {err.col}: {err.msg}") from err
        raise QueryError("only read queries are allowed here (SELECT, ASK, CONSTRUCT, DESCRIBE); "
                         "updates such as INSERT, DELETE, LOAD, CLEAR or DROP are refused") from err
    if _contains_service(parsed):
        raise QueryError("federated queries (SERVICE) are not allowed")


def run_readonly(kb: KnowledgeBase, text: str, limit: int | None = None):
    """Check and run a user query; returns (variables, rows) or a Graph for CONSTRUCT/DESCRIBE."""
    check_readonly(text)
    result = kb.query(text, with_prefixes="PREFIX" not in text.upper())
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return result.graph
    if result.type == "ASK":
        return ["ask"], [{"ask": bool(result.askAnswer)}]
    names = [str(v) for v in result.vars]
    rows = []
    for row in result:
        rows.append({n: (None if row[i] is None else str(row[i])) for i, n in enumerate(names)})
        if limit and len(rows) >= limit:
            break
    return names, rows


def format_rows(names: list[str], rows: list[dict], fmt: str) -> str:
    """Render query rows as an aligned table, CSV or JSON."""
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=names, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return out.getvalue()
    return format_table(names, rows)


def format_table(names: list[str], rows: list[dict], max_width: int = 60) -> str:
    """A plain aligned text table; long cells are cut with an ellipsis."""
    def cell(v):
        s = "" if v is None else " ".join(str(v).split())
        return s if len(s) <= max_width or s.startswith("http") else s[: max_width - 1] + "…"
    cells = [[cell(r.get(n)) for n in names] for r in rows]
    widths = [max([len(n)] + [len(c[i]) for c in cells]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths)),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)) for row in cells]
    return "\n".join(lines)

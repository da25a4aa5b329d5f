"""HTML export: one standalone, printable page (inline CSS, no scripts, no external files).

Title block and legend, the summary matrix coloured by status, then one review table per
jurisdiction.  Every text from the graph goes through ``html.escape``: law texts, quotes
and reviewer comments are data, and a law quoting ``<script>`` must show, not run, it.
"""
from __future__ import annotations

from html import escape
from pathlib import Path

from .common import (GENERAL_RULES, STATUS_COLOURS, STATUS_RULES, ExportData, Line, gap_text,
                     iso_time, level_title, provision_label, row_label)

TITLE = "Minamata Convention on Mercury — legal gap analysis"
CSS = """
body { font: 10pt/1.35 "Helvetica Neue", Arial, sans-serif; margin: 2em; color: #111; }
h1 { font-size: 16pt; } h2 { font-size: 13pt; margin-top: 2em; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1.5em; }
th, td { border: 1px solid #999; padding: 3px 5px; vertical-align: top; text-align: left; }
th { background: #eee; } thead { display: table-header-group; }
tr { break-inside: avoid; } .quote { font-style: italic; } .meta th { width: 10em; }
.req { white-space: pre-line; }
td[class^="st-"] { white-space: nowrap; }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
@page { size: A4 landscape; margin: 1.5cm; }
@media print { body { margin: 0; } section { break-before: page; } }
""" + "".join(f".st-{status.replace(' ', '-')} {{ background: #{colour}; }}\n"
              for status, colour in STATUS_COLOURS.items())


def status_td(status: str) -> str:
    return f'<td class="st-{status.replace(" ", "-")}">{escape(status)}</td>'


def table(headers: list[str], rows: list[str]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    return f"<table><thead><tr>{head}</tr></thead><tbody>\n{''.join(rows)}</tbody></table>\n"


def header(data: ExportData) -> str:
    matrix = data.matrix
    meta = (("Jurisdiction(s)", ", ".join(matrix.jurisdictions)), ("Date", matrix.generated),
            ("Tagger version", data.tagger_version), ("Level", level_title(matrix.level).lower()))
    rows = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in meta)
    legend = [f"<tr>{status_td(s)}<td>{escape(rule)}</td></tr>\n" for s, rule in STATUS_RULES.items()]
    return (f"<h1>{escape(TITLE)}</h1>\n<table class=\"meta\">{rows}</table>\n"
            f"<h2>Status rules</h2>\n{table(['Status', 'Rule'], legend)}<p>{escape(GENERAL_RULES)}</p>\n")


def summary(data: ExportData) -> str:
    matrix = data.matrix
    rows = []
    for row in matrix.rows:
        statuses = "".join(status_td(matrix.cell(j, row.key).status) for j in matrix.jurisdictions)
        rows.append(f"<tr><td>{escape(row_label(matrix.level, row))}</td>"
                    f"<td>{escape(' '.join(row.text.split()))}</td>{statuses}</tr>\n")
    return "<h2>Summary</h2>\n" + table([level_title(matrix.level), "Requirement", *matrix.jurisdictions], rows)


def review_row(level: str, line: Line) -> str:
    cell = line.cell
    provisions = "".join(f'<p>{escape(provision_label(e))}: <span class="quote">“{escape(e["quote"])}”</span></p>'
                         for e in line.evidence) or "—"
    who = " ".join(filter(None, (cell.reviewer, iso_time(cell.assessed_at))))
    return (f"<tr><td>{escape(row_label(level, line.row))}</td>"
            f'<td class="req">{escape(line.row.text.strip())}</td><td>{provisions}</td>'
            f"{status_td(cell.status)}<td>{escape(cell.origin)}</td>"
            f"<td>{escape(gap_text(cell))}</td><td>{escape(who)}</td></tr>\n")


def jurisdiction(data: ExportData, jur: str) -> str:
    level = data.matrix.level
    counts = ", ".join(f"{s}: {n}" for s, n in data.matrix.counts(jur).items())
    rows = [review_row(level, line) for line in data.lines[jur]]
    headers = [f"Convention {level_title(level).lower()}", "What it requires", "National provisions",
               "Status", "Origin", "Gap", "Reviewer"]
    return (f"<section>\n<h2>{escape(jur)} — legal review</h2>\n<p>{escape(counts)}</p>\n"
            f"{table(headers, rows)}</section>\n")


def render(data: ExportData) -> str:
    body = header(data) + summary(data) + "".join(jurisdiction(data, j) for j in data.matrix.jurisdictions)
    title = f"{TITLE} — {', '.join(data.matrix.jurisdictions)}"
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}</body>\n</html>\n")


def write(data: ExportData, path: Path) -> None:
    Path(path).write_text(render(data), encoding="utf-8")

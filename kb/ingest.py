"""Import national legislation files into the knowledge base, one transaction per file.

Each file becomes one named graph (its language expression).  Importing the same text
again changes nothing (unless the graph was written by an older format version, which is
then rewritten in place); importing a changed text replaces the graph and keeps the
previous one as an archived expression (IRIs rebased under ``.../version/<hash>``,
marked ``dcterms:isReplacedBy`` the current one), in the same SPARQL update.  A file that
cannot be read is reported and skipped; nothing of it is written.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS

from .errors import InputError, KBError
from .graph import FORMAT_VERSION, content_hash, expression_iri, instrument_graph, new_graph
from .model import Instrument
from .parse import parse_file
from .store import KnowledgeBase

LAW_SUFFIXES = {".md", ".markdown", ".txt", ".text", ".html", ".htm", ".xhtml", ".xml", ".akn",
                ".pdf", ".docx"}
SKIPPED_NAMES = {"readme.md", "licence.md", "license.md", "manifest.md"}
DEFAULT_MAX_BYTES = 50_000_000


@dataclass
class FileResult:
    """What happened to one file."""

    path: Path
    status: str                 # loaded | replaced | unchanged | failed | parsed
    instrument: Instrument | None = None
    iri: str = ""
    provisions: int = 0
    message: str = ""


@dataclass
class IngestReport:
    """Summary of a batch, for the CLI and the web import page."""

    results: list[FileResult] = field(default_factory=list)

    def count(self, *statuses: str) -> int:
        return sum(1 for r in self.results if r.status in statuses)

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.status == "failed"]

    @property
    def provisions(self) -> int:
        return sum(r.provisions for r in self.results if r.status != "failed")

    def summary(self) -> str:
        return (f"{self.count('loaded', 'replaced', 'unchanged', 'parsed')} instruments "
                f"({self.count('loaded')} new, {self.count('replaced')} replaced, "
                f"{self.count('unchanged')} unchanged), {self.provisions} provisions, "
                f"{len(self.failed)} failed")


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files to import: explicit files as given, folders searched for law files (sorted)."""
    found: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and is_law_file(p))
        elif path.exists():
            found.append(path)
        else:
            raise KBError(f"no such file or folder: {path}")
    return found


def is_law_file(path: Path) -> bool:
    """Folder members that look like legal texts (not sidecars, READMEs or hidden files)."""
    name = path.name.lower()
    return (not name.startswith(".") and name not in SKIPPED_NAMES and ".meta." not in name
            and path.suffix.lower() in LAW_SUFFIXES)


def stored_version(kb: KnowledgeBase, expr: str) -> tuple[str | None, str | None]:
    """Content hash and graph format version of the stored expression, if any."""
    rows = kb.rows(f"""SELECT ?h ?f WHERE {{ GRAPH <{expr}> {{ <{expr}> mkb:contentHash ?h .
        OPTIONAL {{ <{expr}> mkb:formatVersion ?f }} }} }}""")
    return (rows[0]["h"], rows[0]["f"]) if rows else (None, None)


def archived_copy(kb: KnowledgeBase, expr: str, old_hash: str) -> tuple[str, Graph]:
    """The stored expression rebased under ``{expr}/version/{hash}``, marked as replaced."""
    archive = f"{expr}/version/{old_hash[:12]}"
    out = new_graph()

    def rebase(node):
        if isinstance(node, URIRef) and (str(node) == expr or str(node).startswith(expr + "/")):
            return URIRef(archive + str(node)[len(expr):])
        return node

    for s, p, o in kb.graph(expr):
        if str(s) == expr or str(s).startswith(expr + "/"):
            out.add((rebase(s), p, rebase(o)))
    out.add((URIRef(archive), DCTERMS.isReplacedBy, URIRef(expr)))
    return archive, out


def store_instrument(kb: KnowledgeBase, inst: Instrument) -> str:
    """Write one instrument; returns 'loaded', 'replaced' or 'unchanged'."""
    expr = expression_iri(inst)
    old, old_format = stored_version(kb, expr)
    same_text = old == content_hash(inst.text)
    if same_text and old_format == FORMAT_VERSION:
        return "unchanged"
    graphs = {expr: instrument_graph(inst)}
    if old and not same_text:          # a new version of the law: keep the previous one
        archive, copy = archived_copy(kb, expr, old)
        graphs[archive] = copy
    kb.replace_graphs(graphs)
    return "replaced" if old else "loaded"


def ingest(kb: KnowledgeBase | None, paths: Iterable[Path], overrides: dict | None = None,
           dry_run: bool = False, max_bytes: int = DEFAULT_MAX_BYTES,
           progress: Callable[[int, int, Path], None] | None = None) -> IngestReport:
    """Parse and store every file; a bad file is reported, the others still import."""
    files = expand(paths)
    report = IngestReport()
    for n, path in enumerate(files, 1):
        if progress:
            progress(n, len(files), path)
        try:
            inst = parse_file(path, overrides or {}, max_bytes=max_bytes)
        except InputError as err:
            report.results.append(FileResult(path, "failed", message=str(err)))
            continue
        count = sum(1 for _ in inst.walk())
        status = "parsed" if dry_run else store_instrument(kb, inst)
        report.results.append(FileResult(path, status, inst, expression_iri(inst), count))
    return report

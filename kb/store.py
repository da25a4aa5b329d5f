"""Where the knowledge graph lives: an embedded Oxigraph store or any SPARQL 1.1 server.

Both are reached through one rdflib ``Dataset``, and every write is a single SPARQL
Update request.  That is what makes writes atomic in both cases: Oxigraph runs an update
request in one transaction, and SPARQL 1.1 servers apply a request as a whole.  The rest
of the package only calls ``query``/``update``/``replace_graph`` and never touches the
store type.
"""
from __future__ import annotations

import os
from decimal import Decimal
from urllib.parse import parse_qsl
import time
from pathlib import Path

import pyoxigraph
from oxrdflib.store import OxigraphStore
from rdflib import Dataset, Graph, Literal
from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore

from .errors import KBError, QueryError, StoreBusyError
from .namespaces import PREFIXES

STORE_ENV = "MINAMATA_KB_STORE"
DATA_ENV = "MINAMATA_KB_DATA"
BUSY_WAIT_SECONDS = 10.0


def default_data_dir() -> Path:
    """The user's data folder (XDG), never inside the installed package."""
    root = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(root) / "minamata-kb"


def resolve_location(location: str | Path | None = None) -> str:
    """Pick the store: explicit argument, then $MINAMATA_KB_STORE, $MINAMATA_KB_DATA, default."""
    chosen = location or os.environ.get(STORE_ENV) or os.environ.get(DATA_ENV)
    return str(chosen or default_data_dir())


def sparql_prologue() -> str:
    """PREFIX lines for our vocabularies, prepended to the package's own queries."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


_XSD = "http://www.w3.org/2001/XMLSchema#"
_AS_IS = {_XSD + "string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"}
_NUMBERS = {_XSD + "integer": int, _XSD + "decimal": Decimal, _XSD + "double": float}
_BOOLEANS = {"true": True, "1": True, "false": False, "0": False}


def python_value(term):
    """What rdflib's ``toPython`` gives for a pyoxigraph term, without building rdflib terms
    for the common cases: IRIs, blank nodes and strings as ``str``, numbers and booleans as
    Python's; other literals (dates, times, ill-typed values) go through rdflib's conversion."""
    if term is None:
        return None
    if not isinstance(term, pyoxigraph.Literal):
        return term.value
    datatype, value = term.datatype.value, term.value
    if datatype in _AS_IS:
        return value
    try:
        if datatype in _NUMBERS:
            return _NUMBERS[datatype](value)
        if datatype == _XSD + "boolean" and value in _BOOLEANS:
            return _BOOLEANS[value]
    except (ValueError, ArithmeticError):
        pass
    return Literal(value, datatype=datatype).toPython()


def ntriples(graph: Graph) -> str:
    """Serialise a graph as N-Triples for an INSERT DATA block."""
    return graph.serialize(format="nt")


class KnowledgeBase:
    """An open knowledge base.  Use as a context manager so the embedded store is released."""

    def __init__(self, location: str | Path | None = None, wait: float = BUSY_WAIT_SECONDS):
        self.location = resolve_location(location)
        self.remote = self.location.startswith(("sparql+http://", "sparql+https://"))
        self.dataset = self._open_remote() if self.remote else self._open_embedded(wait)

    def _open_remote(self) -> Dataset:
        """SPARQL 1.1 server: ``sparql+http://host:port[/path][?params]`` → /query and /update.

        Our queries read the default graph as the union of all named graphs.  Oxigraph's
        server does that with its ``union-default-graph`` parameter, added unless the location
        carries its own query string (for Fuseki configure ``unionDefaultGraph`` and end the
        location with ``?``).
        """
        base, _, params = self.location.removeprefix("sparql+").partition("?")
        base = base.rstrip("/")
        if "?" not in self.location:
            params = "union-default-graph"
        store = SPARQLUpdateStore(query_endpoint=f"{base}/query", update_endpoint=f"{base}/update",
                                  method="POST", autocommit=True, params=dict(parse_qsl(params, keep_blank_values=True)))
        return Dataset(store=store, default_union=True)

    def _open_embedded(self, wait: float) -> Dataset:
        """Open (creating if needed) the on-disk store, waiting while another writer holds it."""
        path = Path(self.location)
        path.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + wait
        while True:
            try:
                inner = pyoxigraph.Store(str(path))
                break
            except OSError as err:
                if "lock" not in str(err).lower():
                    raise KBError(f"cannot open the knowledge base at {path}: {err}") from err
                if time.monotonic() >= deadline:
                    raise StoreBusyError(
                        f"the knowledge base at {path} is busy (another minamata-kb process is "
                        f"writing to it); try again when it has finished") from err
                time.sleep(0.2)
        return Dataset(store=OxigraphStore(store=inner), default_union=True)

    # -- reading ------------------------------------------------------------------
    def query(self, sparql: str, with_prefixes: bool = True):
        """Run a SPARQL query; our prefixes are declared unless ``with_prefixes`` is False."""
        text = sparql_prologue() + sparql if with_prefixes else sparql
        try:
            return self.dataset.query(text)
        except (SyntaxError, ValueError) as err:
            raise QueryError(f"invalid SPARQL query: {err}") from err

    def rows(self, sparql: str) -> list[dict]:
        """Query results as a list of {variable: python value or None}.

        The embedded store's solutions are read from pyoxigraph directly (``python_value``):
        building rdflib terms first took half the time of a large listing (an Act's 3,000
        provisions: 330 ms against 160 ms), time that holds the GIL all request threads share.
        """
        if self.remote:
            result = self.query(sparql)
            names = [str(v) for v in result.vars]
            return [{n: (row[i].toPython() if row[i] is not None else None) for i, n in enumerate(names)}
                    for row in result]
        try:
            solutions = self.dataset.store._inner.query(sparql_prologue() + sparql,
                                                        use_default_graph_as_union=True)
        except (SyntaxError, ValueError) as err:
            raise QueryError(f"invalid SPARQL query: {err}") from err
        names = [v.value for v in solutions.variables]
        return [{n: python_value(term) for n, term in zip(names, solution)} for solution in solutions]

    def graph_iris(self) -> list[str]:
        """IRIs of all named graphs holding triples."""
        return sorted(r["g"] for r in self.rows("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"))

    def graph(self, iri: str) -> Graph:
        """A copy of one named graph's triples."""
        g = Graph()
        for s, p, o in self.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}"):
            g.add((s, p, o))
        return g

    def count(self) -> int:
        """Number of quads in all named graphs."""
        rows = self.rows("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(rows[0]["n"])

    # -- writing ------------------------------------------------------------------
    def update(self, sparql: str) -> None:
        """Run one SPARQL Update request (atomic), with our prefixes declared."""
        self._update(sparql_prologue() + sparql)

    def _update(self, text: str) -> None:
        """Send an update to the store's own engine.

        rdflib falls back to its pure-Python update processor for a union-default-graph
        dataset (oxrdflib declines those), which is ~1000× slower; the embedded store is
        therefore driven through pyoxigraph directly.
        """
        if self.remote:
            self.dataset.update(text)
        else:
            self.dataset.store._inner.update(text)

    def replace_graphs(self, graphs: dict[str, Graph], drop: tuple[str, ...] = ()) -> None:
        """Replace the named graphs in one request: all or nothing.

        Graphs in ``drop`` are removed too; graphs mapped to an empty Graph are removed.
        """
        parts = [f"DROP SILENT GRAPH <{iri}>" for iri in (*graphs, *drop)]
        for iri, g in graphs.items():
            if len(g):
                parts.append(f"INSERT DATA {{ GRAPH <{iri}> {{\n{ntriples(g)}\n}} }}")
        if parts:
            self._update(" ;\n".join(parts))

    def replace_graph(self, iri: str, graph: Graph) -> None:
        """Replace one named graph atomically."""
        self.replace_graphs({iri: graph})

    def export(self, fmt: str) -> bytes:
        """Serialise all named graphs (nquads, trig, turtle or json-ld)."""
        if fmt in ("nquads", "trig"):
            if not self.remote:   # native dump: no round trip through Python objects
                native = {"nquads": pyoxigraph.RdfFormat.N_QUADS, "trig": pyoxigraph.RdfFormat.TRIG}
                return self.dataset.store._inner.dump(format=native[fmt])
            return self.dataset.serialize(format=fmt, encoding="utf-8")
        merged = Graph()
        for prefix, ns in PREFIXES.items():
            merged.bind(prefix, ns)
        for s, p, o in self.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"):
            merged.add((s, p, o))
        return merged.serialize(format=fmt, encoding="utf-8")

    def close(self) -> None:
        """Release the store (flushes and frees the embedded store's lock)."""
        self.dataset.close()
        self.dataset = None

    def __enter__(self) -> "KnowledgeBase":
        return self

    def __exit__(self, *exc) -> None:
        if self.dataset is not None:
            self.close()



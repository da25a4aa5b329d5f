"""Benchmark: the gap matrix for 1, 20 and 200 jurisdictions on a synthetic graph.

Shape (defaults): 200 jurisdictions × 30 instruments × 60 provisions, 10 % of provisions
tagged with one article (half of them naming an obligation), built with the product's
own graph and annotation code and bulk-loaded into the embedded Oxigraph store on disk.
The store is then compacted (``optimize``), as a store in use is a few seconds after a
write: measured straight after the bulk load, the first queries ran during RocksDB's
background compaction and timed it instead of the matrix.  Reports load time, matrix time
per jurisdiction count (obligation and article level; the first of three runs and their
median) and peak memory (RSS).

    python bench/bench_gaps.py [--jurisdictions 200 --instruments 30 --provisions 60]
"""
from __future__ import annotations

import argparse
import random
import resource
import statistics
import tempfile
import time
from datetime import date, datetime, timezone
from pathlib import Path

import pyoxigraph

from kb.annotate import proposals_graph, proposals_graph_iri
from kb.build import load_convention_graphs
from kb.gaps import compute_matrix
from kb.graph import expression_iri, instrument_graph
from kb.listing import list_obligations
from kb.model import Instrument, Provision
from kb.store import KnowledgeBase

WORDS = ("mercury shall not import export product battery waste storage emission release "
         "the of and permit authority person section regulation within territory").split()


class BenchTagger:
    name, version = "bench-tagger", "1"


def synthetic_instrument(jur: str, n: int, provisions: int, rng: random.Random) -> Instrument:
    parts, text, pos = [], [], 0
    for p in range(1, provisions + 1):
        body = f"Article {p}. " + " ".join(rng.choice(WORDS) for _ in range(40)) + "\n"
        parts.append(Provision("article", str(p), pos, pos + len(body) - 1, body[:-1]))
        text.append(body)
        pos += len(body)
    return Instrument(jurisdiction=jur, type="regulation", title=f"Regulation {n} of {jur.upper()}",
                      language="en", text="".join(text), date=date(2020, 1, 1), number=f"2020-{n}",
                      provisions=parts)


def quads(graph, iri: str) -> str:
    g = f"<{iri}>"
    return "".join(line[:-2] + f" {g} .\n" for line in graph.serialize(format="nt").splitlines(True) if line.strip())


def build(kb: KnowledgeBase, jurisdictions: int, instruments: int, provisions: int) -> int:
    rng = random.Random(7)
    obligations = [o["notation"] for o in list_obligations(kb, actionable=True)]
    when = datetime(2026, 1, 1, tzinfo=timezone.utc)
    store = kb.dataset.store._inner          # bulk loading is a benchmark set-up shortcut
    total = 0
    for j in range(jurisdictions):
        jur = f"x{j:03d}"
        chunk = []
        for n in range(instruments):
            inst = synthetic_instrument(jur, n, provisions, rng)
            expr = expression_iri(inst)
            chunk.append(quads(instrument_graph(inst), expr))
            results = []
            for p in range(1, provisions + 1):
                if rng.random() < 0.10:
                    ob = rng.choice(obligations)
                    art = ob.split(".")[0] if ob[0].isdigit() else "4"
                    results.append({"id": f"{expr}/art_{p}", "articles": [art], "scores": {art: rng.random()},
                                    "obligations": [ob] if rng.random() < 0.5 and ob.startswith(art + ".") else [],
                                    "evidence": [], "deontic": rng.choice(["obligation", "prohibition", "permission"])})
            texts = {r["id"]: "" for r in results}
            chunk.append(quads(proposals_graph(expr, jur, results, texts, BenchTagger(), when),
                               proposals_graph_iri(expr)))
        data = "".join(chunk).encode()
        store.bulk_load(data, pyoxigraph.RdfFormat.N_QUADS)
        total += data.count(b"\n")
    return total


def timed(kb: KnowledgeBase, jurisdictions: list[str], level: str, runs: int = 3) -> tuple[int, list[float]]:
    """Cells of the matrix and the seconds each of ``runs`` computations took."""
    seconds = []
    for _ in range(runs):
        t = time.perf_counter()
        matrix = compute_matrix(kb, jurisdictions, level)
        seconds.append(time.perf_counter() - t)
    return len(matrix.cells), seconds


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jurisdictions", type=int, default=200)
    ap.add_argument("--instruments", type=int, default=30)
    ap.add_argument("--provisions", type=int, default=60)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp, KnowledgeBase(Path(tmp) / "store") as kb:
        load_convention_graphs(kb)
        t = time.perf_counter()
        quads_loaded = build(kb, args.jurisdictions, args.instruments, args.provisions)
        print(f"synthetic graph: {args.jurisdictions} jurisdictions × {args.instruments} instruments × "
              f"{args.provisions} provisions, {quads_loaded:,} quads loaded in {time.perf_counter() - t:.1f} s")
        t = time.perf_counter()
        kb.dataset.store._inner.optimize()
        print(f"compacted in {time.perf_counter() - t:.1f} s")
        jurs = [f"x{j:03d}" for j in range(args.jurisdictions)]
        for count in (1, 20, 200):
            if count > len(jurs):
                break
            for level in ("obligation", "article"):
                cells, seconds = timed(kb, jurs[:count], level)
                print(f"{count:>4} jurisdictions, {level:<10}: {cells:>6} cells in "
                      f"{statistics.median(seconds):.2f} s (median of {len(seconds)}; first {seconds[0]:.2f} s)")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {rss:.0f} MB")


if __name__ == "__main__":
    main()

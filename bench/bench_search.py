"""Benchmark the search index: indexing rate and query latency at scale.

The shipped corpus (Convention + every national law in legal_texts/national) is loaded
into a temporary knowledge base, its index documents are taken from the graph exactly as
``rebuild_index`` does, then replicated with varied identifiers (provision/instrument IRIs,
jurisdiction, year) up to ``--size`` documents.  Queries go through ``kb.search.search``
with facets and highlighting of the top 10 hits, as the web app calls it.

    python bench/bench_search.py --size 100000
    python bench/bench_search.py --size 5000 --rounds 2 --profile    # quick look + cProfile
"""
from __future__ import annotations

import argparse
import cProfile
import itertools
import os
import pstats
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kb.build import load_convention_graphs  # noqa: E402
from kb.ingest import ingest  # noqa: E402
from kb.search import search  # noqa: E402
from kb.search.build import write_generation  # noqa: E402
from kb.search.docs import documents  # noqa: E402
from kb.search.schema import text_field  # noqa: E402
from kb.store import KnowledgeBase  # noqa: E402

JURISDICTIONS = ["CA", "PE", "AR", "UY", "LU", "FR", "BJ", "IN", "US", "NL", "GH", "KE", "PH",
                 "ID", "BR", "CO", "MX", "SN", "CI", "TZ", "NG", "BO", "EC", "CL", "MA", "TN"]
QUERIES = {
    "word": ["mercury", "export", "battery", "waste", "lamp", "mercure", "mercurio", "amalgam",
             "emission", "déchets", "residuos", "permit", "cosmetic", "thermometer", "storage"],
    "phrase": ['"product containing mercury"', '"export of mercury"', '"hazardous waste"',
               '"déchets dangereux"', '"residuos peligrosos"', '"mercury-added products"',
               '"written consent"', '"dental amalgam"'],
    "filtered": [("mercury", {"jurisdiction": "CA"}), ("waste", {"lang": "fr"}),
                 ("export", {"article": "3"}), ("mercurio", {"jurisdiction": "PE"}),
                 ("mercury", {"in_force": True, "doc_type": "regulation"}),
                 ("permit", {"jurisdiction": "CA", "lang": "en"}), ("lamp", {"article": "4"})],
}


def corpus_documents(workdir: Path) -> list[dict]:
    """Index documents of the whole shipped corpus, read back from a real graph."""
    with KnowledgeBase(workdir / "store") as kb:
        load_convention_graphs(kb)
        report = ingest(kb, [ROOT / "legal_texts" / "national"])
        print(f"corpus: {report.summary()}", flush=True)
        return list(documents(kb))


def replicate(base: list[dict], size: int):
    """``size`` documents: the corpus, then copies with other identifiers and metadata."""
    for n, doc in zip(range(size), itertools.cycle(base)):
        round_, copy = divmod(n, len(base))
        if round_ == 0:
            yield doc
            continue
        suffix = f"/r{round_}"
        out = dict(doc, provision=doc["provision"] + suffix, expr=doc["expr"] + suffix,
                   instrument=doc["instrument"] + suffix,
                   jurisdiction=JURISDICTIONS[(round_ + copy) % len(JURISDICTIONS)])
        if "year" in doc:
            year = 1990 + (doc["year"] + round_) % 35
            out.update(year=year, date=f"{year}{doc['date'][4:]}")
        yield out


def load() -> str:
    """The 1-, 5- and 15-minute load averages: the cores are often shared, say how busy."""
    return " ".join(f"{v:.2f}" for v in os.getloadavg())


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def run_queries(index_dir: Path, rounds: int) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = {kind: [] for kind in QUERIES}
    search(index_dir, "mercury")                           # open the searcher, load facets
    for _ in range(rounds):
        for kind, queries in QUERIES.items():
            for entry in queries:
                text, filters = entry if isinstance(entry, tuple) else (entry, {})
                start = time.perf_counter()
                results = search(index_dir, text, **filters)
                timings[kind].append((time.perf_counter() - start) * 1000)
                assert all(h.fragment_html for h in results.hits)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100_000, help="documents to index")
    parser.add_argument("--rounds", type=int, default=5, help="passes over the query set")
    parser.add_argument("--profile", action="store_true", help="cProfile the query phase")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="bench-search-"))
    try:
        base = corpus_documents(workdir)
        chars = statistics.mean(len(d["body"]) for d in base)
        langs = sorted({text_field(d["lang"]) for d in base})
        print(f"base units: {len(base)} (mean {chars:.0f} chars; fields {', '.join(langs)})")
        docs = list(replicate(base, args.size))
        print(f"load average before indexing: {load()}", flush=True)
        start, cpu = time.perf_counter(), time.process_time()
        count = write_generation(workdir / "index", docs)
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        size_mb = sum(p.stat().st_size for p in (workdir / "index").rglob("*")) / 1e6
        print(f"indexed {count:,} documents in {elapsed:.1f} s: {count / elapsed:,.0f} docs/s "
              f"({count / cpu:,.0f} per CPU second; index {size_mb:.0f} MB)")
        profiler = cProfile.Profile() if args.profile else None
        if profiler:
            profiler.enable()
        timings = run_queries(workdir / "index", args.rounds)
        if profiler:
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        print(f"{'query':<10}{'n':>5}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
        for kind, values in timings.items():
            print(f"{kind:<10}{len(values):>5}{percentile(values, 0.5):>10.1f}"
                  f"{percentile(values, 0.95):>10.1f}{max(values):>10.1f}")
        every = [v for values in timings.values() for v in values]
        print(f"{'all':<10}{len(every):>5}{percentile(every, 0.5):>10.1f}"
              f"{percentile(every, 0.95):>10.1f}{max(every):>10.1f}")
        print(f"load average after the queries: {load()}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()

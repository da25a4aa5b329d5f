"""Benchmark: build the default knowledge base from scratch, then list actionable obligations.

Prints the wall time of `init` (Convention, obligations, 41 sample laws; tagging too once
the tagger is wired in), the triple count, and the time of the SPARQL query behind
`minamata-kb convention --actionable` (median of 20 runs).

    python bench/bench_init.py
"""
from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from kb.build import build
from kb.listing import list_obligations
from kb.store import KnowledgeBase


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        with KnowledgeBase(Path(tmp) / "store") as kb:
            report = build(kb)
            init_seconds = time.perf_counter() - started
            triples = kb.count()
            timings = []
            for _ in range(20):
                t = time.perf_counter()
                actionable = list_obligations(kb, actionable=True)
                timings.append(time.perf_counter() - t)
    print(f"init from scratch: {init_seconds:.1f} s — {report.summary()}; {triples} triples")
    print(f"actionable obligations query: {len(actionable)} rows, median {statistics.median(timings) * 1000:.1f} ms "
          f"(min {min(timings) * 1000:.1f} ms, 20 runs)")


if __name__ == "__main__":
    main()

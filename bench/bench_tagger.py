"""Throughput of the clause tagger: ``python bench/bench_tagger.py [--items 50000]``.

Tags the dev set repeated to N provisions in one process (batches of one instrument at a time
would be the product's shape; here the whole list goes in one call, grouped by instrument
inside), and reports model load time, first-use pipeline build time and provisions/second.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=50_000)
    args = parser.parse_args()
    dev_path = ROOT / "kb" / "tagger" / "training" / "dev.jsonl"
    dev = [json.loads(line) for line in dev_path.read_text(encoding="utf-8").splitlines() if line]

    started = time.perf_counter()
    from kb.tagger import load_tagger
    tagger = load_tagger()
    load_s = time.perf_counter() - started

    started = time.perf_counter()
    tagger.tag_items(dev[:3] + [d for d in dev if d["lang"] != "en"][:3])  # builds pipelines
    warm_s = time.perf_counter() - started

    corpus = []
    for n in range(args.items // len(dev) + 1):
        corpus += [{**d, "id": f"{d['id']}#{n}", "instrument": f"{d['instrument']}#{n}"} for d in dev]
    corpus = corpus[:args.items]
    chars = sum(len(d["text"]) for d in corpus)
    started = time.perf_counter()
    out = tagger.tag_items(corpus)
    run_s = time.perf_counter() - started
    labelled = sum(1 for o in out if o["articles"])
    print(f"tagger {tagger.name} {tagger.version}")
    print(f"corpus: {len(corpus)} provisions, {chars / 1e6:.1f} M characters "
          f"(dev set x {len(corpus) / len(dev):.1f}), {labelled} labelled")
    print(f"model load: {load_s:.2f} s; first-use pipeline build (en+fr+es): {warm_s:.2f} s")
    print(f"tag_items: {run_s:.1f} s = {len(corpus) / run_s:,.0f} provisions/s (single process)")


if __name__ == "__main__":
    main()

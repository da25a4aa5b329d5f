"""Throughput of parse_file (read + metadata + segmentation) over legal_texts/national.

Run: python bench/bench_segment.py [folder].  Prints file count, bytes, provisions (all
levels), seconds and provisions per second, so regressions in the readers or the
segmenter show up as a number rather than as a slow ingestion.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kb.parse import parse_file  # noqa: E402


def main(folder: Path) -> None:
    files = sorted(p for p in folder.rglob("*") if p.is_file()
                   and not p.name.endswith((".yaml", ".yml", ".json")) and p.name != "README.md")
    size = sum(p.stat().st_size for p in files)
    started = time.perf_counter()
    provisions = sum(sum(1 for _ in parse_file(p).walk()) for p in files)
    seconds = time.perf_counter() - started
    print(f"files={len(files)} bytes={size} provisions={provisions} "
          f"seconds={seconds:.2f} provisions/s={provisions / seconds:,.0f}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "legal_texts" / "national")

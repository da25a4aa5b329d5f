"""Load test: concurrent reviewers against the web application under gunicorn.

Starts gunicorn on loopback over a knowledge base (the embedded default built by `init`, or
an external SPARQL store with --store), signs in one reviewer per client, and runs a mix of
dashboard, instrument page, search and review-write requests from --clients threads for
--seconds.  Prints requests/s and p50/p95 per route, errors, and checks afterwards that
every review write that got a success answer is in the graph (none lost).

    python bench/bench_web.py                       # embedded store: 1 worker × 8 threads
    python bench/bench_web.py --store sparql+http://127.0.0.1:7878 --workers 4
"""
from __future__ import annotations

import argparse
import http.cookiejar
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

from kb.build import build
from kb.gaps import ASSESSMENTS_GRAPH
from kb.listing import list_laws, list_obligations
from kb.store import KnowledgeBase
from kb.users import add_user

ELI = "https://w3id.org/minamata-kb/"
QUERIES = ["mercury", '"dental amalgam"', "mercurio", "déchets de mercure", "battery AND mercury",
           "article:4", "exportación", "amalgam*"]
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Client:
    """One signed-in reviewer with its own session cookie."""

    def __init__(self, base: str, name: str, password: str):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        page = self.get("/login")
        token = CSRF.search(page).group(1)
        self.post("/login", {"csrf_token": token, "name": name, "password": password, "next": "/"})
        self.csrf = CSRF.search(self.get("/review/")).group(1)

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=60) as r:
            return r.read().decode()

    def post(self, path: str, form: dict) -> str:
        data = urllib.parse.urlencode(form).encode()
        with self.opener.open(self.base + path, data=data, timeout=60) as r:
            return r.read().decode()


def run_clients(base: str, args, instruments: list[str], obligations: list[str]) -> tuple[dict, list[str]]:
    timings: dict[str, list[float]] = {}
    errors: dict[str, int] = {}
    written: list[str] = []
    lock = threading.Lock()
    stop = time.monotonic() + args.seconds

    def worker(n: int) -> None:
        rng = random.Random(n)
        client = Client(base, "loadtester", "load-test-password")
        i = 0
        while time.monotonic() < stop:
            i += 1
            kind = rng.choices(["dashboard", "instrument", "search", "review write"],
                               [3, 3, 3, args.write_share * 9])[0]
            t = time.perf_counter()
            try:
                if kind == "dashboard":
                    client.get("/")
                elif kind == "instrument":
                    client.get("/instruments/" + rng.choice(instruments))
                elif kind == "search":
                    client.get("/search?q=" + urllib.parse.quote(rng.choice(QUERIES)))
                else:
                    comment = f"load-{n}-{i}"
                    client.post("/review/assess", {"csrf_token": client.csrf, "jurisdiction": "CA",
                                                   "key": rng.choice(obligations), "status": "partial",
                                                   "comment": comment})
                    with lock:
                        written.append(comment)
                ok = True
            except Exception:                      # noqa: BLE001 - every failure is counted
                ok = False
            with lock:
                timings.setdefault(kind, []).append(time.perf_counter() - t)
                if not ok:
                    errors[kind] = errors.get(kind, 0) + 1

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(args.clients)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return {"timings": timings, "errors": errors}, written


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--store", help="external SPARQL store (default: a fresh embedded one built by init)")
    ap.add_argument("--workers", type=int, default=1, help="gunicorn workers (1 on the embedded store)")
    ap.add_argument("--threads", type=int, default=8)
    ap.add_argument("--clients", type=int, default=10)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--write-share", type=float, default=0.1, help="share of requests that are review writes")
    args = ap.parse_args()

    tmp = tempfile.mkdtemp()
    location = args.store or str(Path(tmp) / "store")
    with KnowledgeBase(location) as kb:
        if not kb.count():
            build(kb)
        laws = list_laws(kb)
        obligations = [o["notation"] for o in list_obligations(kb, actionable=True)]
    instruments = [law["expr"].removeprefix(ELI + "eli/") for law in laws]
    add_user(location, "loadtester", "load-test-password", "reviewer")

    port = free_port()
    env = {**os.environ, "MINAMATA_KB_SECRET_KEY": "bench-secret",
           ("MINAMATA_KB_STORE" if args.store else "MINAMATA_KB_DATA"): location}
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "-w", str(args.workers), "--threads",
                               str(args.threads), "-b", f"127.0.0.1:{port}", "--log-level", "warning",
                               "webapp:create_app()"], env=env)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(base + "/api/v1/jurisdictions", timeout=2)
            break
        except OSError:
            time.sleep(0.2)
    try:
        started = time.perf_counter()
        result, written = run_clients(base, args, instruments, obligations)
        elapsed = time.perf_counter() - started
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)

    with KnowledgeBase(location) as kb:
        stored = kb.rows(f"""SELECT (COUNT(?a) AS ?n) WHERE {{ GRAPH <{ASSESSMENTS_GRAPH}> {{
            ?a rdfs:comment ?c FILTER(STRSTARTS(?c, "load-")) }} }}""")[0]["n"]
    total = sum(len(v) for v in result["timings"].values())
    print(f"{args.clients} clients, {args.seconds:.0f} s, gunicorn {args.workers} worker(s) × {args.threads} threads, "
          f"store {'external ' + args.store if args.store else 'embedded'}; {len(laws)} laws")
    print(f"{total} requests, {total / elapsed:.1f} requests/s")
    print(f"{'route':<14}{'n':>6}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}")
    for kind, values in sorted(result["timings"].items()):
        values.sort()
        p95 = values[min(len(values) - 1, int(0.95 * len(values)))]
        print(f"{kind:<14}{len(values):>6}{result['errors'].get(kind, 0):>8}"
              f"{statistics.median(values) * 1000:>9.0f}{p95 * 1000:>9.0f}")
    print(f"review writes answered OK: {len(written)}; found in the graph afterwards: {int(stored)}"
          f"{'' if int(stored) == len(written) else '  <-- LOST WRITES'}")


if __name__ == "__main__":
    main()

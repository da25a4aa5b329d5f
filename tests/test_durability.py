"""Killing an import mid-way (SIGKILL) leaves a store that opens with every graph whole."""
import os
import signal
import subprocess
import sys
import time

from kb.build import load_convention_graphs
from kb.listing import list_laws, outline
from kb.parse import parse_file
from kb.resources import NATIONAL_DIR
from kb.store import KnowledgeBase


def test_sigkill_during_import(tmp_path):
    path = tmp_path / "store"
    with KnowledgeBase(path) as kb:
        load_convention_graphs(kb)
        before = kb.count()
    child = subprocess.Popen([sys.executable, "-m", "kb.cli", "--data-dir", str(path), "ingest", "--no-tag",
                              str(NATIONAL_DIR / "ca")], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and b"/" not in child.stderr.read1(256):
        pass                                   # wait until the progress bar shows files going in
    time.sleep(1.0)
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    with KnowledgeBase(path) as kb:
        assert kb.count() >= before
        laws = list_laws(kb)
        assert len(laws) < 18, "the import should have been interrupted"
        expected = {f.name: sum(1 for _ in parse_file(f).walk()) for f in sorted((NATIONAL_DIR / "ca").glob("*.xml"))}
        for law in laws:                       # every stored law is complete, none half-written
            assert len(outline(kb, law["expr"])) in expected.values()

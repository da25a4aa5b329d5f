import json
from pathlib import Path

import pytest

from kb.tagger import load_tagger

DEV = Path(__file__).resolve().parents[2] / "kb" / "tagger" / "training" / "dev.jsonl"


@pytest.fixture(scope="session")
def tagger():
    return load_tagger()


@pytest.fixture(scope="session")
def dev():
    with open(DEV, encoding="utf-8") as fh:
        return {item["id"]: item for item in map(json.loads, fh)}


@pytest.fixture(scope="session")
def tag(tagger):
    def run(*items):
        return tagger.tag_items([dict(item) for item in items])
    return run

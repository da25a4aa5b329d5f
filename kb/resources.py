"""Locations of the data shipped with the repository (ontology, legal texts)."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_DIR = ROOT / "ontology"
LEGAL_TEXTS_DIR = ROOT / "legal_texts"
NATIONAL_DIR = LEGAL_TEXTS_DIR / "national"
VOCABULARY_FILE = ONTOLOGY_DIR / "minamata.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"

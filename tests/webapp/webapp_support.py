"""Constants and helpers shared by the web tests (fixtures are in conftest.py)."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NATIONAL = ROOT / "legal_texts" / "national"
FILES = ["ca/SOR-2014-254.en.xml", "ca/N-16.8.en.xml", "ca/N-16.8.fr.xml",
         "pe/MDD-OR-011-2022-RMDD-CR.es.md", "ar/LEY-26184.es.md"]
SOR_254 = "https://w3id.org/minamata-kb/eli/ca/regulation/2014/2014_254/eng"
LAMPS_FR = "https://w3id.org/minamata-kb/eli/ca/act/2017/n_16_8/fra"
HOSTILE_SCRIPT = "<script>alert('law')</script>"
HOSTILE_TITLE = 'Mercury <img src=x onerror="alert(1)"> Act'
HOSTILE_LAW = f"""# Mercury Thermometer Act

Article 1. Prohibition

No person shall manufacture, import or export mercury thermometers {HOSTILE_SCRIPT} or any
mercury-added product listed in the schedule.

Article 2. Penalties

A person who contravenes article 1 is liable to a fine.
"""
REVIEWER = ("Rita Reviewer", "reviewer-password")
ADMIN = ("Ada Admin", "admin-password")


def token(client, path: str = "/login") -> str:
    """The CSRF token of the client's session, read from a form as a browser would."""
    html = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def sign_in(client, name: str, password: str):
    return client.post("/login", data={"name": name, "password": password, "csrf_token": token(client)})


def proposed_tag(kb, expr: str) -> dict:
    """A machine proposal of ``expr`` that no test has decided yet."""
    from kb.review import current_tags

    return next(t for t in current_tags(kb, expr) if t["status"] == "proposed")

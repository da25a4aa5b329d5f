"""One reviewed knowledge base per session, exported once in every format.

The knowledge base is real: the Convention and its obligations, a shipped Canadian act
(lamps disposal, Article 11) and a tiny Markdown act whose text quotes ``<script>``.  Tags
and assessments go through the reviewer functions (``review.add_tag``, ``gaps.assess``,
``profile.set_fact``), so the exports are tested without depending on the tagger.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import pytest

from kb.build import load_convention_graphs
from kb.exports import FORMATS, export_gaps
from kb.gaps import GapMatrix, assess, compute_matrix
from kb.ingest import ingest
from kb.profile import set_fact
from kb.review import add_tag
from kb.store import KnowledgeBase

ROOT = Path(__file__).resolve().parents[2]
LAMPS_ACT = ROOT / "legal_texts" / "national" / "ca" / "N-16.8.en.xml"
EXPORT_ACT = """# Mercury Export Test Act

Article 1. Export

No person shall export elemental mercury <script>alert("x")</script> except to a Party that has given its written consent.

Article 2. Permits

The Minister may issue export permits.
"""


@dataclass
class Reviewed:
    """What the session built: the matrices, the exported files and the tag IRIs."""

    REVIEWER: ClassVar[str] = "Ana Reviewer"
    COMMENT_41: ClassVar[str] = "Products Containing Mercury Regulations, SOR/2014-254, ban these products"
    COMMENT_PE: ClassVar[str] = "=SUM(1,1) no ban on primary mining found"

    matrices: dict[str, GapMatrix]
    files: dict[tuple[str, str], Path]         # (level, fmt) -> file
    lamps_tag: str                              # tag on s. 2(a) of the lamps act, obligation 11.3
    script_tag: str                             # tag on art. 1 of the export act, obligation 3.6

    def file(self, fmt: str, level: str = "obligation") -> Path:
        return self.files[(level, fmt)]


@pytest.fixture(scope="session")
def reviewed(tmp_path_factory) -> Reviewed:
    root = tmp_path_factory.mktemp("exports")
    law = root / "export-act.md"
    law.write_text(EXPORT_ACT, encoding="utf-8")
    REVIEWER, COMMENT_41, COMMENT_PE = Reviewed.REVIEWER, Reviewed.COMMENT_41, Reviewed.COMMENT_PE
    with KnowledgeBase(root / "store") as kb:
        load_convention_graphs(kb)
        lamps = ingest(kb, [LAMPS_ACT]).results[0]
        export_act = ingest(kb, [law], {"jurisdiction": "ca", "type": "act", "citation": "S.C. 2099, c. 1",
                                        "title": "Mercury Export Test Act"}).results[0]
        assert lamps.status == export_act.status == "loaded", (lamps.message, export_act.message)
        lamps_tag = add_tag(kb, f"{lamps.iri}/sec_2/para_a", "11", REVIEWER, "lamps disposal",
                            obligations=["11.3"])
        script_tag = add_tag(kb, f"{export_act.iri}/art_1", "3", REVIEWER, "export ban", obligations=["3.6"])
        assess(kb, "CA", "4.1", "covered", REVIEWER, COMMENT_41)
        assess(kb, "CA", "art:11", "partial", REVIEWER, "strategy only, no binding rule")
        assess(kb, "PE", "3.3", "not covered", REVIEWER, COMMENT_PE)
        set_fact(kb, "CA", "asgm", False, REVIEWER)
        matrices = {"obligation": compute_matrix(kb, ["CA", "PE"], "obligation"),
                    "article": compute_matrix(kb, ["CA"], "article")}
        files = {(level, fmt): export_gaps(kb, matrix, fmt, root / f"gaps-{level}.{fmt}")
                 for level, matrix in matrices.items() for fmt in FORMATS}
    return Reviewed(matrices, files, lamps_tag, script_tag)

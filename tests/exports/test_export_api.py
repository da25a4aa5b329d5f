"""export_gaps: one entry point, every format, clear error for an unknown one."""
from __future__ import annotations

import pytest

from kb.errors import KBError
from kb.exports import FORMATS, export_gaps
from kb.exports.common import gap_text, iso_time, provision_label, xml_safe
from kb.gaps import Cell


def test_every_format_written(reviewed):
    for fmt in FORMATS:
        for level in ("obligation", "article"):
            assert reviewed.file(fmt, level).stat().st_size > 0


def test_unknown_format_is_refused(reviewed, tmp_path):
    with pytest.raises(KBError, match="xlsx"):
        export_gaps(None, reviewed.matrices["article"], "pdf", tmp_path / "x.pdf")


def test_gap_text_from_status_reason_and_comment():
    assert gap_text(Cell("not covered", "machine", "not covered", reason="no provision found")) == \
        "No national provision found"
    assert gap_text(Cell("partial", "machine", "partial", reason="provisions are tagged Article 3 only")) == \
        "Partially implemented: provisions are tagged Article 3 only"
    assert gap_text(Cell("covered", "reviewer", "partial", reason="x", comment="s. 5 bans it")) == \
        "No gap identified: s. 5 bans it"


def test_helpers_normalise_times_and_strip_control_characters():
    assert iso_time("2025-03-01 10:00:00.123456+00:00") == "2025-03-01T10:00:00+00:00"
    assert iso_time("") == ""
    assert xml_safe("a\x0cb\x00c\nd") == "abc\nd"


def test_unnumbered_provision_is_cited_by_its_law():
    assert provision_label({"citation": "SOR/2014-254", "number": "3.1"}) == "SOR/2014-254, 3.1"
    assert provision_label({"citation": "S.C. 2017, c. 16", "number": ""}) == "S.C. 2017, c. 16"

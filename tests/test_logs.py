"""Structured logs: JSON lines with the caller's fields; configure() respects existing handlers."""
import json
import logging

from kb.logs import JsonFormatter, configure


def test_json_line_carries_fields_and_errors():
    record = logging.LogRecord("webapp.access", logging.INFO, __file__, 1, "GET %s", ("/x",), None)
    record.fields = {"status": 200, "user": None, "path": "/x"}
    entry = json.loads(JsonFormatter().format(record))
    assert entry["message"] == "GET /x" and entry["level"] == "INFO"
    assert entry["status"] == 200 and entry["user"] is None and entry["time"].endswith("+00:00")
    try:
        raise ValueError("broken <law>")
    except ValueError:
        import sys
        failed = logging.LogRecord("kb", logging.ERROR, __file__, 1, "failed", (), sys.exc_info())
    assert "ValueError: broken <law>" in json.loads(JsonFormatter().format(failed))["error"]


def test_configure_leaves_existing_handlers_alone():
    root = logging.getLogger()
    before = list(root.handlers)
    if not before:                       # pytest normally installs its capture handler
        root.addHandler(logging.NullHandler())
        before = list(root.handlers)
    configure("json")
    assert root.handlers == before


def test_assessments_are_logged(tmp_path, caplog):
    """A reviewer's assessment leaves a structured record with who and what."""
    from kb.build import load_convention_graphs
    from kb.gaps import assess
    from kb.store import KnowledgeBase

    with KnowledgeBase(str(tmp_path / "store")) as kb:
        load_convention_graphs(kb)
        with caplog.at_level(logging.INFO, logger="kb"):
            assess(kb, "pe", "7.3", "partial", reviewer="A. Pérez", comment="plan pending")
    (record,) = [r for r in caplog.records if getattr(r, "fields", {}).get("event") == "assessment"]
    assert record.fields["jurisdiction"] == "PE" and record.fields["reviewer"] == "A. Pérez"
    assert record.fields["status"] == "partial"

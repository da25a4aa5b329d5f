"""Structured logs: one JSON object per line, so operators can filter, count and ship them.

Every record carries ``time`` (UTC, ISO 8601), ``level``, ``logger`` and ``message``, plus the
fields a caller passes as ``extra={"fields": {...}}`` (the web app's access log: method, path,
status, milliseconds, user; review decisions: tag, provision, status, reviewer).  Set
``MINAMATA_KB_LOG=text`` for the classic one-line text format, ``MINAMATA_KB_LOG_LEVEL`` for
the level (default ``INFO`` for the server; ``WARNING`` for the other commands, which report
their progress in words of their own).
"""
from __future__ import annotations

import json
import logging
import os
import sys
from datetime import datetime, timezone

FORMAT_ENV, LEVEL_ENV = "MINAMATA_KB_LOG", "MINAMATA_KB_LOG_LEVEL"
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class JsonFormatter(logging.Formatter):
    """A log record as one JSON line; non-JSON field values are written as strings."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {"time": datetime.fromtimestamp(record.created, timezone.utc)
                 .isoformat(timespec="milliseconds"),
                 "level": record.levelname, "logger": record.name,
                 "message": record.getMessage()}
        entry.update(getattr(record, "fields", None) or {})
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure(fmt: str | None = None, level: str = "INFO") -> None:
    """Send logs to stderr, as JSON unless ``fmt``/$MINAMATA_KB_LOG says "text", from
    ``level`` up unless $MINAMATA_KB_LOG_LEVEL says otherwise.

    Like ``logging.basicConfig`` it leaves a root logger that already has handlers alone
    (gunicorn's, pytest's), so calling it from every entry point is safe.
    """
    root = logging.getLogger()
    if root.handlers:
        return
    handler = logging.StreamHandler(sys.stderr)
    fmt = fmt or os.environ.get(FORMAT_ENV, "json")
    handler.setFormatter(logging.Formatter(TEXT_FORMAT) if fmt == "text" else JsonFormatter())
    root.addHandler(handler)
    root.setLevel(os.environ.get(LEVEL_ENV, level).upper())

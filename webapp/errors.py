"""Errors as pages (JSON under /api and for SPARQL clients): a KBError is the user's to fix,
so its message is shown with a 4xx status (503 when the store or index is busy/unavailable);
HTTP errors keep their status and description."""
from __future__ import annotations

from flask import jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from kb.errors import KBError, StoreBusyError
from kb.search import IndexUnavailableError


def wants_json() -> bool:
    """API routes always; the SPARQL endpoint unless a browser asked for a page."""
    if request.path.startswith("/api/"):
        return True
    browser = "text/html" in request.accept_mimetypes.values()
    return request.path.startswith("/sparql") and not browser


def render_error(status: int, message: str):
    if wants_json():
        return jsonify({"error": message, "status": status}), status
    return render_template("error.html", status=status, message=message), status


def register(app) -> None:
    @app.errorhandler(KBError)
    def kb_error(err: KBError):
        status = 503 if isinstance(err, (StoreBusyError, IndexUnavailableError)) else 400
        return render_error(status, str(err))

    @app.errorhandler(HTTPException)
    def http_error(err: HTTPException):
        return render_error(err.code or 500, err.description or err.name)

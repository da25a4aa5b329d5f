"""Minamata KB web application: reviewers see the gaps, read the law, review tags, search,
export.  Views call the same ``kb`` functions as the command line and hold no logic.

``create_app(config)`` builds the app on one shared knowledge base (see ``shared``);
``serve(location, host, port)`` is what ``minamata-kb serve`` runs.
"""
from __future__ import annotations

import logging
import os
import secrets
import tempfile
import time

from flask import Flask, Response, g, request

from kb import logs
from kb.store import resolve_location

from . import errors, security
from .shared import SharedKB

log = logging.getLogger(__name__)
access_log = logging.getLogger("webapp.access")
SECRET_ENV = "MINAMATA_KB_SECRET_KEY"

DEFAULTS = {
    "MAX_CONTENT_LENGTH": 20_000_000,     # request body limit (uploads), bytes
    "UPLOAD_MAX_BYTES": 20_000_000,       # largest law file accepted by the import page
    "SPARQL_TIMEOUT": 10.0,               # seconds before the endpoint gives up on a query
    "SPARQL_MAX_ROWS": 10_000,            # result rows returned at most
    "SPARQL_MAX_QUERY": 20_000,           # characters of query text accepted
    "SPARQL_WORKERS": 2,                  # queries evaluated at once (others get 503)
    "LOGIN_LIMIT": 5,                     # failed sign-ins per client or name ...
    "LOGIN_WINDOW": 300.0,                # ... within this many seconds, then 429
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_HTTPONLY": True,
}


def create_app(config: dict | None = None) -> Flask:
    """The application on the store ``KB_LOCATION`` (default: ``kb.store.resolve_location()``)."""
    logs.configure()
    app = Flask(__name__)
    app.config.update(DEFAULTS)
    app.config.update(config or {})
    app.config.setdefault("KB_LOCATION", resolve_location())
    app.config["SECRET_KEY"] = app.config.get("SECRET_KEY") or os.environ.get(SECRET_ENV)
    if not app.config["SECRET_KEY"]:
        log.warning("no SECRET_KEY (or $%s): sessions end when the server restarts", SECRET_ENV)
        app.config["SECRET_KEY"] = secrets.token_hex(32)
    app.config.setdefault("UPLOAD_DIR", tempfile.mkdtemp(prefix="minamata-kb-uploads-"))

    store = SharedKB(app.config["KB_LOCATION"])
    app.extensions["minamata_kb"] = store
    app.extensions["login_throttle"] = security.LoginThrottle(app.config["LOGIN_LIMIT"],
                                                              app.config["LOGIN_WINDOW"])
    problem = store.ensure_index()
    if problem:
        log.warning(problem)

    app.before_request(_start_clock)
    app.before_request(security.load_user)
    app.before_request(security.check_csrf)
    app.after_request(security.security_headers)
    app.after_request(_log_request)
    app.jinja_env.globals["csrf_token"] = security.csrf_token
    errors.register(app)

    from .blueprints import BLUEPRINTS, filters
    filters.register(app)
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    return app


def _start_clock() -> None:
    g.started = time.perf_counter()


def _log_request(response: Response) -> Response:
    """One structured access-log line per request: who did what, with what result, how fast."""
    user = g.get("user")
    elapsed = time.perf_counter() - g.get("started", time.perf_counter())
    access_log.info("%s %s %s", request.method, request.path, response.status_code, extra={
        "fields": {"method": request.method, "path": request.path,
                   "status": response.status_code, "ms": round(1000 * elapsed, 1),
                   "user": user["name"] if user else None, "remote": request.remote_addr}})
    return response


def serve(location: str | None = None, host: str = "127.0.0.1", port: int = 5000) -> None:
    """Build the default knowledge base if the store is empty, then serve the app."""
    from .bootstrap import build_if_empty

    location = resolve_location(location)
    build_if_empty(location)
    app = create_app({"KB_LOCATION": location})
    app.run(host=host, port=port, threaded=True, use_reloader=False)

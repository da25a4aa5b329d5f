"""Who may write, and proof that a write was meant: sessions, roles, CSRF, login throttling.

* Anonymous visitors read everything; every POST needs a signed-in user with a role
  (``role_required``) and the session's CSRF token, checked for every unsafe method before
  any view runs, so a new write route cannot forget it.  Only the SPARQL protocol endpoint
  is exempt: its POST is a read query (updates are refused there anyway).
* The token is random per session and compared in constant time; forms carry it in a
  hidden field, scripts in the ``X-CSRF-Token`` header.
* Failed sign-ins are counted per client address and per user name; past the limit the
  login answers 429 until the window has passed.
* Responses carry a strict Content-Security-Policy (no inline script, no third-party
  origin), so even a rendering mistake could not run injected script.
"""
from __future__ import annotations

import secrets
import threading
import time
from collections import defaultdict, deque
from functools import wraps

from flask import abort, current_app, g, request, session

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
CSRF_EXEMPT = {"sparql.endpoint"}
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def csrf_token() -> str:
    """The session's token (created on first use); templates call it as ``csrf_token()``."""
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def check_csrf() -> None:
    """before_request: refuse unsafe methods without the session's token (400)."""
    if request.method not in UNSAFE_METHODS or request.endpoint in CSRF_EXEMPT:
        return
    sent = request.form.get("csrf_token") or request.headers.get("X-CSRF-Token") or ""
    expected = session.get("csrf")
    if not expected or not secrets.compare_digest(sent, expected):
        abort(400, description="The form's security token is missing or has expired: "
                               "reload the page and try again.")


def load_user() -> None:
    """before_request: the signed-in user (or None) as ``g.user``."""
    g.user = session.get("user")


def role_required(*roles: str):
    """Only signed-in users with one of ``roles`` may call the view (401 anonymous, 403 other)."""
    def decorate(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if g.user is None:
                abort(401, description="Sign in as a reviewer to make changes.")
            if g.user["role"] not in roles:
                abort(403, description=f"This needs the role: {' or '.join(roles)}.")
            return view(*args, **kwargs)
        return wrapped
    return decorate


REVIEWERS = ("reviewer", "admin")
reviewer_required = role_required(*REVIEWERS)
admin_required = role_required("admin")


def sign_in(user: dict) -> None:
    """Start a fresh session for ``user`` (new CSRF token: no fixation)."""
    session.clear()
    session["user"] = user
    csrf_token()


def security_headers(response):
    """after_request: CSP and the usual hardening headers."""
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    return response


class LoginThrottle:
    """Failed sign-ins per key in a sliding window (in memory, per process)."""

    def __init__(self, limit: int, window: float):
        self.limit, self.window = limit, window
        self.failures: dict[str, deque] = defaultdict(deque)
        self.lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque:
        times = self.failures[key]
        while times and times[0] <= now - self.window:
            times.popleft()
        return times

    def blocked(self, *keys: str) -> bool:
        now = time.monotonic()
        with self.lock:
            return any(len(self._recent(k, now)) >= self.limit for k in keys)

    def fail(self, *keys: str) -> None:
        now = time.monotonic()
        with self.lock:
            for k in keys:
                self._recent(k, now).append(now)


def throttle() -> LoginThrottle:
    return current_app.extensions["login_throttle"]

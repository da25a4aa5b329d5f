"""Template helpers: status CSS classes and links.  Registered on the app by ``create_app``."""
from __future__ import annotations

from kb.gaps import STATUSES

from .common import instrument_url, provision_url


def status_class(status: str) -> str:
    """CSS class of a coverage or tag status: "not covered" → "st-not-covered"."""
    return "st-" + (status or "none").replace(" ", "-")


def register(app) -> None:
    app.jinja_env.filters["status_class"] = status_class
    app.jinja_env.globals.update(instrument_url=instrument_url, provision_url=provision_url,
                                 STATUSES=STATUSES)

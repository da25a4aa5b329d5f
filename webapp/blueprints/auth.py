"""Sign in and out.  Accounts come from ``kb.users`` (managed with ``minamata-kb users``);
failed attempts are throttled per client address and per name (see ``security``)."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, redirect, render_template, request, session, url_for

from kb.users import authenticate

from ..security import sign_in, throttle

bp = Blueprint("auth", __name__)


@bp.get("/login")
def login_form():
    return render_template("auth/login.html", next=request.args.get("next", ""))


@bp.post("/login")
def login():
    name, password = request.form.get("name", "").strip(), request.form.get("password", "")
    keys = (f"ip:{request.remote_addr}", f"name:{name.casefold()}")
    if throttle().blocked(*keys):
        abort(429, description="Too many failed sign-ins: wait a few minutes and try again.")
    user = authenticate(current_app.config["KB_LOCATION"], name, password)
    if user is None:
        throttle().fail(*keys)
        return render_template("auth/login.html", error="Unknown name or wrong password.",
                               name=name, next=request.form.get("next", "")), 401
    sign_in(user)
    target = request.form.get("next", "")
    local = target.startswith("/") and not target.startswith(("//", "/\\"))
    return redirect(target if local else url_for("dashboard.index"), code=303)


@bp.post("/logout")
def logout():
    session.clear()
    return redirect(url_for("dashboard.index"), code=303)

"""Reviewer and administrator accounts of the web application.

Accounts live in a small JSON file beside the store (``<store>.users.json``; for a SPARQL
server, in the data folder keyed by its URL, like the search index) and never in the
knowledge graph: the graph is readable by anyone through the public SPARQL endpoint and
exported whole by backups, and password hashes must be in neither.  Passwords are stored
as werkzeug hashes (scrypt); the file is written atomically with owner-only permissions.

Roles: ``reviewer`` (decide tags, assess cells, record profile facts) and ``admin`` (also
import laws).  Anonymous visitors read.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from werkzeug.security import check_password_hash, generate_password_hash

from .errors import KBError
from .store import default_data_dir, resolve_location

ROLES = ("reviewer", "admin")
MIN_PASSWORD = 8
_NAME = re.compile(r"^[\w .'@-]{1,80}$")
# A hash to compare against when the user does not exist, so a wrong name costs as long
# as a wrong password and does not reveal which names exist.
_DUMMY_HASH = generate_password_hash("not a password")


def users_file(location: str | Path | None = None) -> Path:
    """Where the accounts of a store are kept."""
    location = resolve_location(location)
    if location.startswith(("sparql+http://", "sparql+https://")):
        digest = hashlib.sha1(location.encode("utf-8")).hexdigest()[:12]
        return default_data_dir() / "users" / f"{digest}.json"
    path = Path(location)
    return path.parent / (path.name + ".users.json")


def _read(path: Path) -> dict[str, dict]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as err:
        raise KBError(f"cannot read the accounts file {path}: {err}") from err


def _write(path: Path, users: dict[str, dict]) -> None:
    """Replace the file atomically; readable by its owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(users, out, ensure_ascii=False, indent=1, sort_keys=True)
    os.replace(tmp, path)


@contextmanager
def _locked(path: Path):
    """Serialise read-modify-write of the file between processes (where flock exists)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:                    # Windows: single-process use
        yield
        return
    with open(path.with_name(path.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def add_user(location: str | Path | None, name: str, password: str, role: str) -> dict:
    """Create an account; KBError if the name is taken or the input is invalid."""
    name = (name or "").strip()
    if not _NAME.match(name):
        raise KBError("a user name is 1–80 letters, digits, spaces or . ' @ - _")
    if role not in ROLES:
        raise KBError(f"unknown role {role!r}; use one of: {', '.join(ROLES)}")
    if len(password or "") < MIN_PASSWORD:
        raise KBError(f"a password needs at least {MIN_PASSWORD} characters")
    path = users_file(location)
    with _locked(path):
        users = _read(path)
        if name.casefold() in {n.casefold() for n in users}:
            raise KBError(f"user {name!r} already exists (remove it first to change it)")
        users[name] = {"role": role, "hash": generate_password_hash(password),
                       "created": datetime.now(timezone.utc).isoformat(timespec="seconds")}
        _write(path, users)
    return {"name": name, "role": role, "created": users[name]["created"]}


def list_users(location: str | Path | None = None) -> list[dict]:
    """Accounts (name, role, created), by name; never the hashes."""
    users = _read(users_file(location))
    return [{"name": n, "role": u["role"], "created": u["created"]} for n, u in sorted(users.items())]


def remove_user(location: str | Path | None, name: str) -> None:
    """Delete an account; KBError if there is none of that name."""
    path = users_file(location)
    with _locked(path):
        users = _read(path)
        if name not in users:
            raise KBError(f"no user {name!r}")
        del users[name]
        _write(path, users)


def authenticate(location: str | Path | None, name: str, password: str) -> dict | None:
    """The account (name, role) if the password is right, else None."""
    user = _read(users_file(location)).get((name or "").strip())
    if user is None:
        check_password_hash(_DUMMY_HASH, password or "")
        return None
    if not check_password_hash(user["hash"], password or ""):
        return None
    return {"name": name.strip(), "role": user["role"]}

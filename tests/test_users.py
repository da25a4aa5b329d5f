"""Accounts: hashed, never in the graph, roles checked, names unique."""
from __future__ import annotations

import json
import stat

import pytest

from kb.errors import KBError
from kb.users import add_user, authenticate, list_users, remove_user, users_file


def test_add_authenticate_list_remove(tmp_path):
    store = tmp_path / "store"
    add_user(store, "Ana Reviewer", "correct horse", "reviewer")
    add_user(store, "Root", "battery staple", "admin")
    assert [u["name"] for u in list_users(store)] == ["Ana Reviewer", "Root"]
    assert authenticate(store, "Ana Reviewer", "correct horse") == {"name": "Ana Reviewer", "role": "reviewer"}
    assert authenticate(store, "Ana Reviewer", "wrong password") is None
    assert authenticate(store, "Nobody", "correct horse") is None
    remove_user(store, "Ana Reviewer")
    assert [u["name"] for u in list_users(store)] == ["Root"]


def test_file_holds_hashes_only_and_is_private(tmp_path):
    store = tmp_path / "store"
    add_user(store, "Ana", "correct horse", "reviewer")
    path = users_file(store)
    assert path == tmp_path / "store.users.json"
    assert "correct horse" not in path.read_text(encoding="utf-8")
    assert json.loads(path.read_text(encoding="utf-8"))["Ana"]["hash"].startswith("scrypt:")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "hash" not in list_users(store)[0]


@pytest.mark.parametrize("name, password, role, message", [
    ("Ana", "short", "reviewer", "at least 8"),
    ("Ana", "long enough", "owner", "unknown role"),
    ("<script>", "long enough", "reviewer", "user name"),
    ("", "long enough", "reviewer", "user name"),
])
def test_invalid_accounts_refused(tmp_path, name, password, role, message):
    with pytest.raises(KBError, match=message):
        add_user(tmp_path / "store", name, password, role)


def test_duplicate_and_unknown_names(tmp_path):
    store = tmp_path / "store"
    add_user(store, "Ana", "long enough", "reviewer")
    with pytest.raises(KBError, match="already exists"):
        add_user(store, "ana", "other password", "admin")
    with pytest.raises(KBError, match="no user"):
        remove_user(store, "Bob")


def test_remote_store_accounts_live_in_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    path = users_file("sparql+http://127.0.0.1:7878")
    assert path.parent == tmp_path / "minamata-kb" / "users"

"""Import: upload → preview of the parsed outline → confirm → stored, tagged, indexed."""
from __future__ import annotations

import io

from kb.listing import find_expressions
from kb.review import current_tags

LAW = b"""# Mercury Lamps Act

Article 1. Prohibition

No person shall import or sell fluorescent lamps containing mercury.

Article 2. Disposal

Mercury-containing lamps shall be collected as hazardous waste.
"""
META = {"jurisdiction": "cl", "type": "act", "title": "Mercury Lamps Act", "language": "en",
        "citation": "Ley 99.999", "date": "2020-05-01"}


def upload(client, data=LAW, name="../../etc/lamps act.md", **meta):
    return client.post("/import/", content_type="multipart/form-data", data={
        **META, **meta, "csrf_token": client.csrf, "file": (io.BytesIO(data), name)})


def test_upload_preview_confirm(app, admin, shared_kb):
    preview = upload(admin)
    html = preview.get_data(as_text=True)
    assert preview.status_code == 200, html[:400]
    assert "Preview: Mercury Lamps Act" in html and "article 2" in html.lower()
    assert "etc_lamps_act.md" in html                       # sanitised file name
    assert not find_expressions(shared_kb, "Ley 99.999")   # nothing stored yet
    upload_id = html.split('name="upload" value="', 1)[1].split('"', 1)[0]
    done = admin.post("/import/confirm", data={"upload": upload_id, "csrf_token": admin.csrf})
    assert done.status_code == 303
    expr = find_expressions(shared_kb, "Ley 99.999")[0]
    assert done.headers["Location"].endswith(expr.removeprefix("https://w3id.org/minamata-kb/eli/"))
    assert current_tags(shared_kb, expr)                   # tagged by the shipped tagger
    page = admin.get(done.headers["Location"]).get_data(as_text=True)
    assert "Mercury Lamps Act" in page and "tags proposed" in page
    assert "/instruments/cl/" in admin.get("/search?q=fluorescent").get_data(as_text=True)
    again = admin.post("/import/confirm", data={"upload": upload_id, "csrf_token": admin.csrf})
    assert again.status_code == 404                        # an upload is confirmed once


def test_missing_metadata_is_reported(admin):
    response = upload(admin, jurisdiction="", title="")
    assert response.status_code == 400 and "jurisdiction" in response.get_data(as_text=True)


def test_wrong_type_and_oversize_refused(admin):
    assert upload(admin, name="law.exe").status_code == 400
    assert upload(admin, data=b"x" * 250_000, name="big.txt").status_code == 413
    assert upload(admin, data=b"x" * 500_000, name="huge.txt").status_code == 413   # MAX_CONTENT_LENGTH


def test_cannot_confirm_someone_elses_upload(admin, client):
    response = admin.post("/import/confirm", data={"upload": "f" * 32, "csrf_token": admin.csrf})
    assert response.status_code == 404

"""Import page: upload a law with its metadata → parsed outline preview → confirm → stored,
tagged and indexed.  ``kb.ingest.ingest`` does the work (dry run for the preview).

Uploads are saved under the app's upload folder in a random per-upload directory with a
sanitised file name (no path from the client is ever used), bounded by UPLOAD_MAX_BYTES
(and MAX_CONTENT_LENGTH for the whole request), and bound to the uploader's session, so
one user cannot confirm another's file.  Confirmed or abandoned-on-error uploads are deleted.
"""
from __future__ import annotations

import json
import secrets
import shutil
from pathlib import Path

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, session
from werkzeug.utils import secure_filename

from kb.ingest import LAW_SUFFIXES, ingest
from kb.refresh import refresh

from ..security import admin_required
from ..shared import shared
from .common import instrument_url

bp = Blueprint("imports", __name__, url_prefix="/import")
METADATA = ("jurisdiction", "language", "title", "type", "citation", "date", "number")


def upload_dir(upload_id: str) -> Path:
    """Folder of one upload; 404 unless it belongs to this session."""
    if upload_id not in session.get("uploads", []):
        abort(404, description="This upload is not yours or has expired; upload the file again.")
    return Path(current_app.config["UPLOAD_DIR"]) / upload_id


def save_upload(file) -> tuple[str, Path]:
    """Store the uploaded file under a new random folder; 400 for a missing or unknown type."""
    name = secure_filename(file.filename or "")
    if not name or Path(name).suffix.lower() not in LAW_SUFFIXES:
        abort(400, description=f"Upload a law file ({', '.join(sorted(LAW_SUFFIXES))}).")
    limit = current_app.config["UPLOAD_MAX_BYTES"]
    data = file.stream.read(limit + 1)
    if len(data) > limit:
        abort(413, description=f"The file is larger than {limit:,} bytes.")
    upload_id = secrets.token_hex(16)
    folder = Path(current_app.config["UPLOAD_DIR"]) / upload_id
    folder.mkdir(parents=True)
    path = folder / name
    path.write_bytes(data)
    session["uploads"] = [*session.get("uploads", [])[-9:], upload_id]
    return upload_id, path


@bp.get("/")
@admin_required
def form():
    return render_template("imports/form.html", suffixes=sorted(LAW_SUFFIXES))


@bp.post("/")
@admin_required
def preview():
    if "file" not in request.files:
        abort(400, description="Choose a file to upload.")
    overrides = {k: request.form[k].strip() for k in METADATA if request.form.get(k, "").strip()}
    upload_id, path = save_upload(request.files["file"])
    report = ingest(None, [path], overrides, dry_run=True,
                    max_bytes=current_app.config["UPLOAD_MAX_BYTES"])
    result = report.results[0]
    if result.status == "failed":
        shutil.rmtree(path.parent, ignore_errors=True)
        return render_template("imports/form.html", suffixes=sorted(LAW_SUFFIXES),
                               error=result.message, values=overrides), 400
    (path.parent / "metadata.json").write_text(json.dumps(overrides), encoding="utf-8")
    return render_template("imports/preview.html", upload_id=upload_id, result=result,
                           filename=path.name)


@bp.post("/confirm")
@admin_required
def confirm():
    folder = upload_dir(request.form.get("upload", ""))
    files = [p for p in folder.glob("*") if p.name != "metadata.json"] if folder.is_dir() else []
    if not files:
        abort(404, description="This upload has expired; upload the file again.")
    overrides = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
    with shared().writing() as kb:
        result = ingest(kb, files, overrides, max_bytes=current_app.config["UPLOAD_MAX_BYTES"]).results[0]
        if result.status != "failed":
            tags = refresh(kb, [result.iri])
    shutil.rmtree(folder, ignore_errors=True)
    session["uploads"] = [u for u in session.get("uploads", []) if u != folder.name]
    if result.status == "failed":
        abort(400, description=result.message)
    flash(f"{result.instrument.title}: {result.status}, {result.provisions} provisions, "
          f"{tags or 0} tags proposed.")
    return redirect(instrument_url(result.iri), code=303)

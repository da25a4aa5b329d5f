"""Describe an instrument: merge what the file says, a sidecar file and the user's overrides.

Three layers, later ones win: metadata embedded in the source (front matter, Justice
Canada ``<Identification>``, AKN FRBR), a sidecar ``<file>.meta.yaml`` / ``.yml`` /
``.json`` next to the source (for files that cannot carry metadata themselves), and the
command-line overrides.  Each layer is normalised first (``country`` -> ``jurisdiction``,
``rank: ley`` -> ``type: law``, ``status: in_force`` -> ``in_force: true``), so the
layers merge field by field.  Jurisdiction, type and title cannot be guessed reliably and
are required; the language is detected from the text when no layer gives it.
"""
from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path

import yaml

from kb.errors import MetadataError
from kb.language import detect_language
from kb.model import Instrument
from kb.readers import Source
from kb.segment import segment

REQUIRED = ("jurisdiction", "type", "title", "language")
_ALIASES = {"country": "jurisdiction", "rank": "type", "lang": "language", "license": "licence",
            "publication_date": "date", "status": "in_force"}
_TYPES = {"ley": "law", "loi": "law", "statute": "act", "decreto": "decree", "décret": "decree",
          "decret": "decree", "decreto_legislativo": "decree", "decreto_supremo": "decree",
          "decreto-ley": "decree", "reglamento": "regulation", "règlement": "regulation",
          "reglement": "regulation", "reglement_grand_ducal": "regulation",
          "ordenanza": "ordinance", "ordenanza_regional": "ordinance", "ordonnance": "ordinance",
          "arrêté": "order", "arrete": "order", "resolución": "order", "resolucion": "order",
          "código": "code", "codigo": "code", "treaty": "convention", "convenio": "convention"}
_ISO_3166 = set("""ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bl
bm bn bo bq br bs bt bv bw by bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj
dk dm do dz ec ee eg eh er es et fi fj fk fm fo fr ga gb gd ge gf gg gh gi gl gm gn gp gq gr gs
gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir is it je jm jo jp ke kg kh ki km kn kp kr
kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mf mg mh mk ml mm mn mo mp mq mr ms mt mu
mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps pt pw py
qa re ro rs ru rw sa sb sc sd se sg sh si sj sk sl sm sn so sr ss st sv sx sy sz tc td tf tg th
tj tk tl tm tn to tr tt tv tw tz ua ug um us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw
eu""".split())
_JURISDICTION = re.compile(r"^([a-z]{2})(?:-([a-z0-9]{1,3}))?$")
_SIDECARS = (".meta.yaml", ".meta.yml", ".meta.json")
_HOW = {"jurisdiction": "jurisdiction: pe", "type": "type: law", "title": "title: \"...\"",
        "language": "language: es"}


def build_instrument(source: Source, path: Path, overrides: dict) -> Instrument:
    """Return the Instrument for ``source`` read from ``path``; MetadataError if undescribed."""
    path = Path(path)
    meta: dict = {}
    for layer in (source.metadata, read_sidecar(path), overrides or {}):
        meta.update({k: v for k, v in normalise(layer, path.name).items() if v not in (None, "")})
    if not meta.get("language"):
        meta["language"] = detect_language(source.text) or ""
    missing = [f for f in REQUIRED if not str(meta.get(f, "")).strip()]
    if missing:
        sidecar = path.name + ".meta.yaml"
        raise MetadataError(
            f"{path.name}: missing metadata: {', '.join(missing)}. Give "
            f"{'it' if len(missing) == 1 else 'them'} in a sidecar file {sidecar} next to the "
            f"source ({'; '.join(_HOW[f] for f in missing)}) or on the command line ("
            + " ".join(f"--{f} ..." for f in missing) + ")")
    citation = str(meta.get("citation", "") or "")
    provisions = source.outline if source.outline is not None \
        else segment(source.text, meta["language"])
    return Instrument(
        jurisdiction=meta["jurisdiction"], type=meta["type"], title=str(meta["title"]).strip(),
        language=meta["language"], text=source.text, citation=citation,
        date=meta.get("date"), number=str(meta.get("number") or derive_number(citation)
                                          or meta.get("identifier", "")),
        in_force=meta.get("in_force"), source=str(meta.get("source", "") or ""),
        licence=str(meta.get("licence", "") or ""), provisions=provisions)


def read_sidecar(path: Path) -> dict:
    """Metadata from ``<file>.meta.yaml|yml|json`` (or ``<stem>.meta.*``), {} if none."""
    candidates = [path.with_name(path.name + s) for s in _SIDECARS]
    candidates += [path.with_name(path.stem + s) for s in _SIDECARS]
    for candidate in candidates:
        if not candidate.is_file():
            continue
        try:
            raw = candidate.read_text(encoding="utf-8-sig")
            data = json.loads(raw) if candidate.suffix == ".json" else yaml.safe_load(raw)
        except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as err:
            raise MetadataError(f"{candidate.name}: cannot read sidecar metadata ({err})") from None
        if not isinstance(data, dict):
            raise MetadataError(f"{candidate.name}: sidecar metadata must be a mapping of "
                                "field: value")
        return data
    return {}


def normalise(layer: dict, name: str) -> dict:
    """Map one metadata layer to Instrument field names and validated values."""
    out: dict = {}
    for key, value in layer.items():
        key = _ALIASES.get(str(key).lower(), str(key).lower())
        if isinstance(value, str):
            value = value.strip()
        if value in (None, ""):
            continue
        if key == "jurisdiction":
            value = _jurisdiction(str(value), name)
        elif key == "type":
            value = str(value).lower().strip()
            value = _TYPES.get(value, value).replace(" ", "-")
        elif key == "language":
            value = str(value).lower()[:2]
        elif key == "date":
            value = _date(value, name)
        elif key == "in_force":
            value = _bool(value, name)
        elif key in ("number", "citation", "title", "source", "licence", "identifier"):
            value = " ".join(str(value).split())
        out[key] = value
    return out


def derive_number(citation: str) -> str:
    """Number for IRIs from a citation: 'SOR/2014-254' -> '2014-254', else a slug."""
    match = re.search(r"\b(?:SOR|DORS|SI|TR)/\s*(\S+)$", citation)
    if match:
        return match.group(1)
    slug = re.sub(r"\bn[°º.o]\s*", " ", citation.lower())
    return re.sub(r"[^0-9a-z]+", "-", slug.replace(".", "")).strip("-")


def _jurisdiction(value: str, name: str) -> str:
    code = value.strip().lower().replace("_", "-")
    match = _JURISDICTION.match(code)
    if not match or match.group(1) not in _ISO_3166:
        raise MetadataError(f"{name}: invalid jurisdiction {value!r}: use an ISO 3166-1 "
                            "alpha-2 code in lower case, optionally with a subdivision "
                            "('pe', 'ca', 'pe-mdd')")
    return code


def _date(value, name: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%Y%m%d"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise MetadataError(f"{name}: invalid date {text!r}: use ISO format YYYY-MM-DD")


def _bool(value, name: str) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower().replace("-", "_")
    if text in ("true", "yes", "in_force", "vigente", "en_vigueur", "1"):
        return True
    if text in ("false", "no", "repealed", "derogada", "derogado", "abrogé", "not_in_force", "0"):
        return False
    raise MetadataError(f"{name}: invalid in_force value {value!r}: use true or false")

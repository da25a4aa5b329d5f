"""Index lifecycle: where the index lives, full rebuild, incremental update, self-repair.

The index is a cache of the graph, never a source of truth, so anything wrong with it is
fixed by rebuilding.  An index folder holds generations (``gen-<id>/``, each a complete
Whoosh index plus ``meta.json``) and a ``CURRENT`` file naming the live one.  A rebuild
writes a new generation beside the live one and then replaces ``CURRENT`` with one
``os.replace`` — atomic on POSIX and Windows — so a reader sees the old index or the new
one, never a half-built one, and a crash mid-build leaves the old index serving.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import uuid
from pathlib import Path
from pickle import HIGHEST_PROTOCOL, dumps

from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, WHOOSH3_HEADER_MAGIC, W3Codec, W3PostingsWriter
from whoosh.index import LockError
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter

from ..errors import KBError
from ..store import KnowledgeBase, default_data_dir
from .docs import documents, unit_documents
from .schema import SCHEMA_VERSION, TEXT_FIELDS, build_schema

log = logging.getLogger(__name__)

POINTER = "CURRENT"
META = "meta.json"
WRITE_LOCK_WAIT = 10.0
HINT = "; run `minamata-kb reindex`"
# Whoosh's estimate of the postings a rebuild keeps in memory before spilling sorted runs to
# disk.  Spilling and merging the runs cost a third of a 100,000-provision rebuild; the
# estimate runs about twice the memory really used, so this holds 100,000 provisions
# (~1 GB) in memory and only larger corpora spill.
POOL_MB = 2048


class IndexUnavailableError(KBError):
    """The search index is missing, outdated or unreadable (``ensure_index`` repairs it)."""


def index_dir_for(location: str | Path) -> Path:
    """Where the index of a store lives: beside an embedded store, in the data folder for a
    SPARQL server (keyed by its URL, so two servers never share an index)."""
    location = str(location)
    if location.startswith(("sparql+http://", "sparql+https://")):
        digest = hashlib.sha1(location.encode("utf-8")).hexdigest()[:12]
        return default_data_dir() / "search" / digest
    path = Path(location)
    return path.parent / (path.name + ".search")


def live_generation(index_dir: str | Path) -> Path | None:
    """Folder of the live generation, or None if there is none."""
    pointer = Path(index_dir) / POINTER
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except OSError:
        return None
    gen = Path(index_dir) / name
    return gen if name.startswith("gen-") and gen.is_dir() else None


def open_live(index_dir: str | Path):
    """Open the live Whoosh index; IndexUnavailableError if absent or of another version."""
    gen = live_generation(index_dir)
    if gen is None:
        raise IndexUnavailableError(f"no search index at {index_dir}{HINT}")
    try:
        meta = json.loads((gen / META).read_text(encoding="utf-8"))
        if meta.get("schema") != SCHEMA_VERSION:
            raise IndexUnavailableError(f"the search index at {index_dir} is outdated "
                                        f"(version {meta.get('schema')}){HINT}")
        return whoosh_index.open_dir(str(gen))
    except IndexUnavailableError:
        raise
    except Exception as err:               # noqa: BLE001 - any failure to read means "corrupt"
        raise IndexUnavailableError(f"the search index at {index_dir} is unreadable "
                                    f"({type(err).__name__}: {err}){HINT}") from err


class FieldLengths:
    """Per-document field lengths of a segment being written, each field's read in one go.

    Writing the postings asks for the field length of every posting.  Whoosh answers from
    the segment's reader one posting at a time and, for the unscored fields (identifiers,
    keywords), first asks the file system whether their lengths file exists: a ``stat`` per
    posting, about a sixth of a rebuild.
    """

    def __init__(self, reader):
        self.reader = reader
        self.columns: dict[str, list[int] | None] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        column = self.columns.get(fieldname, self)
        if column is self:
            column = self.columns[fieldname] = self._load(fieldname)
        return default if column is None else column[docnum]

    def _load(self, fieldname: str) -> list[int] | None:
        lengths = f"_{fieldname}_len"
        if not self.reader.has_column(lengths):
            return None
        return [byte_to_length(b) for b in self.reader.column_reader(lengths, LENGTHS_COLUMN)]

    def close(self) -> None:
        self.reader.close()


class GenerationPostings(W3PostingsWriter):
    """Whoosh's postings blocks, with their data pickled in the current protocol.

    Whoosh pickles a block's (ids, weights, values) with protocol 2, which has no opcode
    for bytes: every posting value becomes a call to ``codecs.encode`` on a latin-1 string.
    Unpickling a block of 128 text postings took 45 µs that way and 6 µs with protocol 5,
    and a search reads whole postings lists (see ``matchset.py``): block reading was most
    of a query's time.  The block info keeps Whoosh's protocol (it is read straight from
    the file); any Whoosh reader reads the data, whose pickle says its own protocol.  The
    data is left uncompressed: zlib cost a tenth of a rebuild and, at query time, a
    decompression of every block read; the index is about twice as large for it.
    """

    def _write_block(self, last=False):
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        data = dumps((self._mini_ids(), self._mini_weights(), self._mini_values()),
                     HIGHEST_PROTOCOL)
        info = dumps((len(self._ids), self._ids[-1], self._maxweight, 0,
                      length_to_byte(self._minlength), length_to_byte(self._maxlength)), 2)
        length = len(info) + len(data)
        self._postfile.write_int(-length if last else length)   # negative: the last block
        self._postfile.write(info)
        self._postfile.write(data)
        self._blockcount += 1
        self._new_block()


class GenerationCodec(W3Codec):
    """Whoosh's codec writing ``GenerationPostings`` blocks."""

    def __init__(self):
        super().__init__(compression=0)

    def postings_writer(self, dbfile, byteids=False):
        return GenerationPostings(dbfile, blocklimit=self._blocklimit, byteids=byteids,
                                  compression=0, inlinelimit=self._inlinelimit)


class GenerationWriter(SegmentWriter):
    """The writer of a whole new generation: one segment, field lengths read in bulk, and
    postings blocks that are quick to read (``GenerationPostings``).  Incremental updates
    write Whoosh's own blocks; readers read both."""

    def __init__(self, ix, **kwargs):
        super().__init__(ix, codec=GenerationCodec(), **kwargs)

    def per_document_reader(self):
        return FieldLengths(super().per_document_reader())


def _fill(writer, docs) -> int:
    count = 0
    for doc in docs:
        writer.add_document(**doc)
        count += 1
    return count


def rebuild_index(kb: KnowledgeBase, index_dir: str | Path) -> int:
    """Rebuild the whole index from the graph into a new generation, then switch to it.

    Returns the number of documents indexed.
    """
    count = write_generation(index_dir, documents(kb), kb.location)
    log.info("search index rebuilt at %s: %d documents", index_dir, count)
    return count


def write_generation(index_dir: str | Path, docs, store: str = "") -> int:
    """Index ``docs`` into a new generation and make it the live one (atomic switch)."""
    index_dir = Path(index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    gen = index_dir / f"gen-{uuid.uuid4().hex[:12]}"
    gen.mkdir()
    try:
        ix = whoosh_index.create_in(str(gen), build_schema())
        writer = GenerationWriter(ix, limitmb=POOL_MB)
        count = _fill(writer, docs)
        writer.commit()
        ix.close()
        (gen / META).write_text(json.dumps({"schema": SCHEMA_VERSION, "store": store,
                                            "documents": count}), encoding="utf-8")
        tmp = index_dir / f"{POINTER}.{gen.name}"
        tmp.write_text(gen.name, encoding="utf-8")
        os.replace(tmp, index_dir / POINTER)
    except BaseException:
        shutil.rmtree(gen, ignore_errors=True)
        raise
    _remove_stale(index_dir, keep=gen.name)
    return count


def _remove_stale(index_dir: Path, keep: str) -> None:
    """Delete older generations and stray files (open readers keep their files on POSIX)."""
    for child in index_dir.iterdir():
        if child.name in (keep, POINTER):
            continue
        if child.is_dir():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)


def update_index(kb: KnowledgeBase, index_dir: str | Path, expressions: list[str]) -> int:
    """Re-index the listed expressions (after an import or a re-tag).

    Their documents are deleted and the current ones added, in one commit; an expression
    no longer current just disappears.  With no usable index, rebuilds everything instead.
    Returns the number of documents written.
    """
    return _replace(kb, index_dir, "expr", expressions, lambda: documents(kb, list(expressions)))


def update_provisions(kb: KnowledgeBase, index_dir: str | Path, provisions: list[str]) -> int:
    """Re-index the units among ``provisions`` (after a review changed their tags).

    A review changes the tag facets of one unit; re-indexing its whole expression instead
    (an Act has 700 units) took a second of the write lock.  Provisions without a document
    (a reviewer may tag a paragraph inside an indexed section) are left out, as a rebuild
    would leave them.  With no usable index, rebuilds everything instead.
    """
    try:
        with open_live(index_dir).searcher() as searcher:
            indexed = [p for p in provisions if searcher.document_number(provision=p) is not None]
    except IndexUnavailableError:
        indexed = list(provisions)           # _replace rebuilds the index
    if not indexed:
        return 0
    return _replace(kb, index_dir, "provision", indexed, lambda: unit_documents(kb, indexed))


def _replace(kb: KnowledgeBase, index_dir: str | Path, field: str, values: list[str], docs) -> int:
    """Delete the documents whose ``field`` has one of ``values`` and add ``docs()``, in one
    commit; rebuild the whole index when there is no usable one.  Returns documents written."""
    try:
        ix = open_live(index_dir)
    except IndexUnavailableError as err:
        log.warning("%s; rebuilding it", err)
        return rebuild_index(kb, index_dir)
    try:
        writer = ix.writer(timeout=WRITE_LOCK_WAIT)
    except LockError as err:
        raise KBError(f"the search index at {index_dir} is being written by another process; "
                      f"try again later") from err
    try:
        for value in values:
            writer.delete_by_term(field, value)
        count = _fill(writer, docs())
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    return count


def check_index(index_dir: str | Path) -> str | None:
    """Why the index cannot serve (missing, outdated, corrupt), or None if it reads fine.

    Reads the table of contents, every segment's stored fields and term dictionary, and a
    postings list, which is where truncated or overwritten files show up.
    """
    try:
        ix = open_live(index_dir)
    except IndexUnavailableError as err:
        return str(err).removesuffix(HINT)
    try:
        with ix.searcher() as searcher:
            reader = searcher.reader()
            total = reader.doc_count_all()
            for docnum in {0, total // 2, total - 1} if total else ():
                reader.stored_fields(docnum)
            for name in ("provision", *TEXT_FIELDS.values()):
                for term in reader.lexicon(name):
                    list(reader.postings(name, term).all_ids())
                    break
    except Exception as err:               # noqa: BLE001 - any failure to read means "corrupt"
        return f"the search index at {index_dir} is corrupt ({type(err).__name__}: {err})"
    finally:
        ix.close()
    return None


def ensure_index(kb: KnowledgeBase, index_dir: str | Path) -> str | None:
    """Make sure a usable index exists; rebuild it if missing, outdated or corrupt.

    Returns None when the index was fine, else the message explaining the rebuild (also
    logged as a warning), so callers can show it.  Never raises for a broken index.
    """
    problem = check_index(index_dir)
    if problem is None:
        return None
    count = rebuild_index(kb, index_dir)
    message = f"{problem}: rebuilt it from the graph ({count} documents)"
    log.warning(message)
    return message

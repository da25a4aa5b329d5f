"""The ``minamata-kb`` command line.

Each command is a thin handler that parses options, calls package functions and prints;
business logic lives in the modules the web app calls too.  User errors (``KBError``)
print one clear line and exit with status 2; nothing prints a traceback for them.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from .errors import KBError
from .store import KnowledgeBase, resolve_location

EXPORT_FORMATS = {"turtle": "turtle", "nquads": "nquads", "trig": "trig", "jsonld": "json-ld"}


def open_kb(args) -> KnowledgeBase:
    """Open the store chosen by --store / --data-dir / environment / default."""
    return KnowledgeBase(args.store or args.data_dir)


def say(message: str) -> None:
    """Progress and summaries go to stderr so stdout stays machine-readable."""
    print(message, file=sys.stderr)


# -- commands -------------------------------------------------------------------------

def cmd_init(args) -> int:
    from .build import build

    started = time.perf_counter()
    with open_kb(args) as kb:
        report = build(kb, progress=progress_bar)
        total = kb.count()
    for r in report.failed:
        say(f"failed: {r.path}: {r.message}")
    say(f"Convention, obligations and sample laws: {report.summary()}")
    say(f"knowledge base at {resolve_location(args.store or args.data_dir)} holds {total} triples "
        f"({time.perf_counter() - started:.1f} s)")
    return 1 if report.failed else 0


def cmd_convention(args) -> int:
    from .listing import list_annexes, list_articles, list_obligations
    from .sparql import format_rows

    with open_kb(args) as kb:
        articles = list_articles(kb)
        if not articles:
            raise KBError("the knowledge base holds no Convention: run `minamata-kb init` first")
        annexes = list_annexes(kb)
        actionable = True if args.actionable else None
        obligations = list_obligations(kb, article=args.article, actionable=actionable,
                                       strength=args.strength, addressee=args.addressee)
    if args.article:
        articles = [a for a in articles if a["article"] == args.article]
    if args.format == "json":
        print(json.dumps({"articles": articles, "annexes": annexes, "obligations": obligations},
                         ensure_ascii=False, indent=2))
        return 0
    names = ["notation", "article", "strength", "addressee", "actionable", "text"]
    if not args.obligations_only and args.format == "table":
        print(format_rows(["article", "title"], articles, "table"), end="\n\n")
    print(format_rows(names, [{k: o[k] for k in names} for o in obligations], args.format))
    return 0


def cmd_sparql(args) -> int:
    from .sparql import format_rows, run_readonly

    text = args.query
    if text.startswith("@"):
        path = Path(text[1:])
        if not path.is_file():
            raise KBError(f"query file not found: {path}")
        text = path.read_text(encoding="utf-8")
    with open_kb(args) as kb:
        result = run_readonly(kb, text, limit=args.limit)
    if isinstance(result, tuple):
        print(format_rows(*result, args.format))
    else:
        print(result.serialize(format="turtle"))
    return 0


def cmd_export_graph(args) -> int:
    with open_kb(args) as kb:
        data = kb.export(EXPORT_FORMATS[args.format])
    if args.output:
        Path(args.output).write_bytes(data)
        say(f"wrote {len(data)} bytes to {args.output}")
    else:
        sys.stdout.buffer.write(data)
    return 0


def cmd_ingest(args) -> int:
    from .ingest import ingest

    overrides = {k: v for k, v in {
        "jurisdiction": args.jurisdiction, "language": args.lang, "title": args.title,
        "type": args.type, "citation": args.citation, "date": args.date, "number": args.number,
        "source": args.source, "licence": args.licence}.items() if v}
    if args.dry_run:
        report = ingest(None, args.paths, overrides, dry_run=True, max_bytes=args.max_bytes)
        for r in report.results:
            if r.instrument:
                print_outline(r.instrument)
    else:
        from .refresh import refresh

        with open_kb(args) as kb:
            report = ingest(kb, args.paths, overrides, max_bytes=args.max_bytes, progress=progress_bar)
            changed = [r.iri for r in report.results if r.status in ("loaded", "replaced")]
            tags = refresh(kb, changed, tag=not args.no_tag)
        if changed and not args.no_tag:
            say(f"tagged {len(changed)} instruments ({tags} tags); search index updated")
    for r in report.failed:
        say(f"failed: {r.path}: {r.message}")
    say(report.summary())
    return 1 if report.failed else 0


def progress_bar(n: int, total: int, path) -> None:
    """One updating line on stderr for batches: [#####     ] 12/40 file."""
    if total < 2:
        return
    width = 30
    filled = width * n // total
    end = "\n" if n == total else ""
    name = Path(str(path)).name
    sys.stderr.write(f"\r[{'#' * filled}{' ' * (width - filled)}] {n}/{total} {name[:40]:<40}{end}")
    sys.stderr.flush()


def print_outline(inst) -> None:
    """Dry-run view: metadata and the parsed outline of an instrument not yet stored."""
    print(f"{inst.title} [{inst.jurisdiction.upper()}, {inst.type}, {inst.language}] {inst.citation}")
    def show(provs, depth):
        for p in provs:
            print(f"{'  ' * depth}{p.kind} {p.number}  {p.heading[:60]}  [{p.start}:{p.end}]")
            show(p.children, depth + 1)
    show(inst.provisions, 1)


def cmd_laws(args) -> int:
    from .listing import list_laws
    from .sparql import format_rows

    with open_kb(args) as kb:
        laws = list_laws(kb, args.jurisdiction)
    names = ["jur", "citation", "title", "lang", "type", "date", "provisions"]
    if args.format == "json":
        print(json.dumps(laws, ensure_ascii=False, indent=2))
    else:
        print(format_rows(names, [{k: law[k] for k in names} for law in laws], args.format))
    return 0


def cmd_show(args) -> int:
    from .listing import find_expressions, outline

    with open_kb(args) as kb:
        found = find_expressions(kb, args.ref)
        if not found:
            raise KBError(f"no loaded instrument matches {args.ref!r} (see `minamata-kb laws`)")
        for expr in found:
            print(expr)
            for row in outline(kb, expr):
                text = " ".join(row["text"].split())
                print(f"{'  ' * (row['depth'] + 1)}{row['kind']} {row['number']}  "
                      f"{row['heading'][:50] or text[:70]}")
    return 0



def cmd_tags(args) -> int:
    from .listing import find_expressions
    from .review import current_tags
    from .sparql import format_rows

    with open_kb(args) as kb:
        exprs = find_expressions(kb, args.instrument) if args.instrument else [None]
        if args.instrument and not exprs:
            raise KBError(f"no loaded instrument matches {args.instrument!r}")
        tags = [t for e in exprs for t in current_tags(kb, e)]
    if args.status:
        tags = [t for t in tags if t["status"] == args.status]
    if args.format == "json":
        print(json.dumps(tags, ensure_ascii=False, indent=2, default=str))
        return 0
    names = ["annotation", "article", "obligations", "status", "confidence"]
    print(format_rows(names, [{**t, "obligations": " ".join(t["obligations"])} for t in tags], args.format))
    return 0


def cmd_review(args) -> int:
    from .refresh import after_review
    from .review import add_tag, decide

    with open_kb(args) as kb:
        if args.action == "add":
            if not args.article:
                raise KBError("review add needs --article")
            iri = add_tag(kb, args.target, args.article, args.reviewer, args.comment or "",
                          args.obligation or [])
        else:
            iri = decide(kb, args.target, args.action == "accept", args.reviewer, args.comment or "")
        after_review(kb, [args.target])
    say(f"recorded {args.action} by {args.reviewer}: {iri}")
    return 0


def cmd_assess(args) -> int:
    from .gaps import assess

    with open_kb(args) as kb:
        iri = assess(kb, args.jurisdiction, args.obligation, args.status, args.reviewer, args.comment or "")
    say(f"recorded assessment {args.status!r} of {args.obligation} in {args.jurisdiction.upper()}: {iri}")
    return 0


def cmd_profile(args) -> int:
    from .profile import FACTS, get_profile, set_fact

    with open_kb(args) as kb:
        for assignment in args.set or []:
            fact, _, value = assignment.partition("=")
            if value.lower() not in ("yes", "no", "true", "false"):
                raise KBError(f"--set expects FACT=yes|no, got {assignment!r}")
            set_fact(kb, args.jurisdiction, fact, value.lower() in ("yes", "true"), args.reviewer or "",
                     args.comment or "")
        profile = get_profile(kb, args.jurisdiction)
    for fact, (description, _) in FACTS.items():
        value = {True: "yes", False: "no"}.get(profile.get(fact), "not recorded")
        print(f"{fact:<18} {value:<13} {description}")
    return 0



def cmd_tag(args) -> int:
    from .annotate import current_expressions, tag_expression
    from .listing import find_expressions
    from .tagger import load_tagger

    tagger = load_tagger()
    with open_kb(args) as kb:
        if args.instrument:
            exprs = find_expressions(kb, args.instrument)
            if not exprs:
                raise KBError(f"no loaded instrument matches {args.instrument!r}")
        else:
            exprs = current_expressions(kb)
        tagged = skipped = tags = 0
        for n, expr in enumerate(exprs, 1):
            progress_bar(n, len(exprs), Path(expr))
            made = tag_expression(kb, expr, tagger, force=args.force)
            if made is None:
                skipped += 1
            else:
                tagged, tags = tagged + 1, tags + made
        from .refresh import refresh
        refresh(kb, exprs, tag=False)
    say(f"{tagged} instruments tagged ({tags} tags, tagger {tagger.version}); "
        f"{skipped} already tagged by this version; search index updated")
    return 0


def cmd_tag_jsonl(args) -> int:
    from .tagger import load_tagger
    from .tagger.jsonl import read_items, tag_stream

    items = read_items(Path(args.input))
    with open(args.output, "w", encoding="utf-8") as out:
        count = tag_stream(load_tagger(), items, out)
    say(f"tagged {count} items -> {args.output}")
    return 0


def cmd_evaluate(args) -> int:
    from .tagger import load_tagger
    from .tagger.evaluate import cross_validate, evaluate, format_report
    from .tagger.jsonl import read_items

    gold = read_items(Path(args.gold), require_labels=True)
    if args.cv:
        report = cross_validate(gold, k=args.cv)
    else:
        report = evaluate(gold, load_tagger().tag_items(gold))
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(format_report(report))
    return 0



def cmd_gaps(args) -> int:
    from .exports import FORMATS, export_gaps
    from .gaps import compute_matrix

    if args.format not in FORMATS:
        raise KBError(f"unknown format {args.format!r}; use one of: {', '.join(FORMATS)}")
    with open_kb(args) as kb:
        matrix = compute_matrix(kb, args.jurisdiction, args.level)
        if args.output:
            export_gaps(kb, matrix, args.format, Path(args.output))
            say(f"wrote {args.output}")
            return 0
    for jur in matrix.jurisdictions:
        counts = ", ".join(f"{n} {status}" for status, n in matrix.counts(jur).items() if n)
        say(f"{jur}: {counts}")
    names = ["key", "text"] + matrix.jurisdictions
    rows = [{"key": r.key, "text": r.text, **{j: matrix.cell(j, r.key).status for j in matrix.jurisdictions}}
            for r in matrix.rows]
    from .sparql import format_rows
    print(format_rows(names, rows, "table"))
    return 0



def cmd_search(args) -> int:
    from .refresh import index_dir
    from .search import ensure_index, search

    with open_kb(args) as kb:
        repaired = ensure_index(kb, index_dir(kb))
        if repaired:
            say(f"search index rebuilt ({repaired})")
        results = search(index_dir(kb), args.query, jurisdiction=args.jurisdiction, article=args.article,
                         lang=args.lang, page=args.page, per_page=args.limit,
                         cross_language=args.cross_language, facets=args.json)
    if args.json:
        from dataclasses import asdict
        print(json.dumps({**asdict(results), "pages": results.pages}, ensure_ascii=False, indent=2, default=str))
        return 0
    say(f"{results.total} provisions match" + (f" (page {results.page}/{results.pages})" if results.pages > 1 else ""))
    for hit in results.hits:
        print(f"{hit.jurisdiction:<6} {hit.citation} {hit.label}  [{', '.join(hit.articles) or '-'}]")
        print(f"       {plain_fragment(hit.fragment_html)}")
        print(f"       {hit.provision}")
    return 0


def plain_fragment(fragment_html: str) -> str:
    """Terminal rendering of a highlighted fragment: <mark>x</mark> becomes »x«."""
    import html
    return html.unescape(fragment_html.replace("<mark>", "»").replace("</mark>", "«"))


def cmd_reindex(args) -> int:
    from .refresh import index_dir
    from .search import rebuild_index

    started = time.perf_counter()
    with open_kb(args) as kb:
        count = rebuild_index(kb, index_dir(kb))
    say(f"search index rebuilt from the graph: {count} provisions ({time.perf_counter() - started:.1f} s)")
    return 0



def cmd_backup(args) -> int:
    from .backup import backup

    with open_kb(args) as kb:
        count = backup(kb, Path(args.file))
    say(f"backed up {count} quads to {args.file}")
    return 0


def cmd_restore(args) -> int:
    from .backup import restore

    with open_kb(args) as kb:
        count = restore(kb, Path(args.file))
    say(f"restored {count} quads from {args.file}; search index rebuilt")
    return 0


def cmd_check(args) -> int:
    from .check import check
    from .refresh import index_dir

    with open_kb(args) as kb:
        found = check(kb, index_dir(kb))
    for area, problems in found.items():
        print(f"{area}: {'ok' if not problems else f'{len(problems)} problem(s)'}")
        for problem in problems:
            print(f"  {problem}")
    return 1 if any(found.values()) else 0



def cmd_serve(args) -> int:
    from webapp import serve

    serve(args.store or args.data_dir, host=args.host, port=args.port)
    return 0


def cmd_users(args) -> int:
    from .users import add_user, list_users, remove_user

    location = resolve_location(args.store or args.data_dir)
    if args.action == "add":
        if not args.name or not args.role:
            raise KBError("users add needs NAME and --role reviewer|admin")
        import getpass
        password = args.password or getpass.getpass(f"password for {args.name}: ")
        add_user(location, args.name, password, args.role)
        say(f"user {args.name} ({args.role}) added")
    elif args.action == "remove":
        if not args.name:
            raise KBError("users remove needs NAME")
        remove_user(location, args.name)
        say(f"user {args.name} removed")
    else:
        for user in list_users(location):
            print(f"{user['name']:<24} {user['role']}")
    return 0


# -- parser ---------------------------------------------------------------------------

def add_store_options(parser: argparse.ArgumentParser, default) -> None:
    """--data-dir/--store, accepted before or after the command name."""
    parser.add_argument("--data-dir", default=default, help="folder of the embedded store "
                        "(default: $MINAMATA_KB_DATA or ~/.local/share/minamata-kb)")
    parser.add_argument("--store", default=default, help="external SPARQL 1.1 store, e.g. "
                        "sparql+http://host:7878 (default: $MINAMATA_KB_STORE)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="minamata-kb",
        description="Legislation gap-analysis knowledge base for the Minamata Convention on Mercury.")
    add_store_options(parser, default=None)
    common = argparse.ArgumentParser(add_help=False)
    add_store_options(common, default=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    real_add = sub.add_parser
    sub.add_parser = lambda *a, **k: real_add(*a, parents=[common], **k)

    p = sub.add_parser("init", help="build or rebuild the knowledge base from the shipped texts")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("convention", help="list Convention articles, annexes and obligations")
    p.add_argument("--article", help="only this article (e.g. 3)")
    p.add_argument("--actionable", action="store_true", help="only nationally actionable obligations")
    p.add_argument("--strength", choices=["mandatory", "endeavour", "permissive", "definitional"])
    p.add_argument("--addressee", choices=["party", "party-conditional", "cop", "secretariat", "other"])
    p.add_argument("--obligations-only", action="store_true", help="table output: skip the article list")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.set_defaults(func=cmd_convention)

    p = sub.add_parser("ingest", help="import national legislation files or folders")
    p.add_argument("paths", nargs="+", type=Path)
    p.add_argument("--jurisdiction", help="ISO 3166-1 alpha-2 code, optionally -subdivision (e.g. pe-mdd)")
    p.add_argument("--lang", help="language code (en, fr, es); detected when absent")
    p.add_argument("--title")
    p.add_argument("--type", help="act, law, regulation, decree, code, ...")
    p.add_argument("--citation")
    p.add_argument("--date", help="ISO date of the instrument")
    p.add_argument("--number", help="official number used in the IRI")
    p.add_argument("--source")
    p.add_argument("--licence")
    p.add_argument("--max-bytes", type=int, default=50_000_000, help="refuse files larger than this")
    p.add_argument("--dry-run", action="store_true", help="print the parsed outline, store nothing")
    p.add_argument("--no-tag", action="store_true", help="store without running the tagger")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("laws", help="list the national instruments loaded")
    p.add_argument("--jurisdiction")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.set_defaults(func=cmd_laws)

    p = sub.add_parser("show", help="print an instrument's outline (IRI, citation or number)")
    p.add_argument("ref")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("search", help="full-text search of the Convention and national laws")
    p.add_argument("query", help='words, "phrases", AND/OR/NOT, field:value (article:4), wildcards*, fuzzy~')
    p.add_argument("--jurisdiction")
    p.add_argument("--article")
    p.add_argument("--lang", choices=["en", "fr", "es", "nl"])
    p.add_argument("--limit", type=int, default=10, help="hits per page")
    p.add_argument("--page", type=int, default=1)
    p.add_argument("--cross-language", action="store_true", help="expand the query into en/fr/es via the lexicon")
    p.add_argument("--json", action="store_true", help="hits and facets as JSON")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("reindex", help="rebuild the search index from the graph")
    p.set_defaults(func=cmd_reindex)

    p = sub.add_parser("tag", help="tag national provisions with Convention articles (machine proposals)")
    p.add_argument("--instrument", help="IRI, citation or number of one instrument (default: all)")
    p.add_argument("--all", action="store_true", help="tag every current national instrument (default)")
    p.add_argument("--force", action="store_true", help="re-tag even if this tagger version already did")
    p.set_defaults(func=cmd_tag)

    p = sub.add_parser("tag-jsonl", help="tag standalone items: JSON lines {id, text, lang?, jurisdiction?, instrument?}")
    p.add_argument("input")
    p.add_argument("output")
    p.set_defaults(func=cmd_tag_jsonl)

    p = sub.add_parser("evaluate", help="precision/recall/F1 of the tagger on a labelled JSON-lines file")
    p.add_argument("gold")
    p.add_argument("--cv", type=int, metavar="K", help="K-fold cross-validation grouped by instrument")
    p.add_argument("--json", action="store_true", help="print the full report as JSON")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("tags", help="list current tags (machine proposals and reviewer decisions)")
    p.add_argument("--instrument", help="IRI, citation or number of one instrument")
    p.add_argument("--status", choices=["proposed", "accepted", "rejected", "added"])
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.set_defaults(func=cmd_tags)

    p = sub.add_parser("gaps", help="coverage matrix per jurisdiction; export xlsx, docx, csv, json, ttl, jsonld, html")
    p.add_argument("--jurisdiction", action="append", required=True, help="ISO code (repeatable)")
    p.add_argument("--level", choices=["article", "obligation"], default="article")
    p.add_argument("--format", default="xlsx", help="xlsx, docx, csv, json, ttl, jsonld or html (with -o)")
    p.add_argument("-o", "--output", help="file to write; without it a table is printed")
    p.set_defaults(func=cmd_gaps)

    p = sub.add_parser("review", help="accept or reject a machine tag, or add a tag to a provision")
    p.add_argument("action", choices=["accept", "reject", "add"])
    p.add_argument("target", help="tag (annotation IRI) for accept/reject; provision IRI for add")
    p.add_argument("--article", help="Convention article for add (e.g. 4)")
    p.add_argument("--obligation", action="append", help="obligation notation for add (repeatable)")
    p.add_argument("--reviewer", required=True)
    p.add_argument("--comment")
    p.set_defaults(func=cmd_review)

    p = sub.add_parser("assess", help="set a coverage status of one obligation in a jurisdiction")
    p.add_argument("jurisdiction")
    p.add_argument("obligation", help="obligation notation (3.6, C.1.b) or art:N for a whole article")
    p.add_argument("status", choices=["covered", "partial", "not covered", "not applicable", "not assessed"])
    p.add_argument("--reviewer", required=True)
    p.add_argument("--comment")
    p.set_defaults(func=cmd_assess)

    p = sub.add_parser("profile", help="show or set jurisdiction facts (asgm, annex_b_processes, ...)")
    p.add_argument("jurisdiction")
    p.add_argument("--set", action="append", metavar="FACT=yes|no")
    p.add_argument("--reviewer")
    p.add_argument("--comment")
    p.set_defaults(func=cmd_profile)

    p = sub.add_parser("backup", help="write all named graphs (reviews included) as N-Quads (.nq or .nq.gz)")
    p.add_argument("file")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", help="replace the knowledge base with a backup; rebuilds the search index")
    p.add_argument("file")
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("check", help="validate the graph against the SHACL shapes and the index against the graph")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("serve", help="run the web application (builds the default knowledge base if empty)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=5000)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("users", help="manage reviewer and admin accounts of the web application")
    p.add_argument("action", choices=["add", "list", "remove"])
    p.add_argument("name", nargs="?")
    p.add_argument("--role", choices=["reviewer", "admin"])
    p.add_argument("--password", help="(prompted when absent; avoid on shared machines)")
    p.set_defaults(func=cmd_users)

    p = sub.add_parser("sparql", help="run a read-only SPARQL query (text or @file)")
    p.add_argument("query")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.add_argument("--limit", type=int, default=None, help="stop after this many rows")
    p.set_defaults(func=cmd_sparql)

    p = sub.add_parser("export-graph", help="write the whole knowledge graph as RDF")
    p.add_argument("--format", choices=sorted(EXPORT_FORMATS), default="nquads")
    p.add_argument("-o", "--output", help="file to write (default: stdout)")
    p.set_defaults(func=cmd_export_graph)
    return parser


def main(argv: list[str] | None = None) -> int:
    from . import logs

    args = build_parser().parse_args(argv)
    logs.configure(level="INFO" if args.func is cmd_serve else "WARNING")
    try:
        return args.func(args)
    except KBError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())

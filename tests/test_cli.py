"""The command line, in-process (fast) and once as a real subprocess (exit codes, no traceback)."""
import csv
import io
import json
import subprocess
import sys

from kb.cli import main


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_convention_json_lists_articles_annexes_obligations(built_dir, capsys):
    code, out, _ = run(capsys, "convention", "--data-dir", str(built_dir), "--format", "json")
    data = json.loads(out)
    assert code == 0 and len(data["articles"]) == 35
    assert [a["annex"] for a in data["annexes"]] == ["A", "B", "C", "D", "E"]
    sample = {o["notation"]: o for o in data["obligations"]}
    assert sample["3.5.a"]["strength"] == "endeavour" and sample["24.1"]["addressee"] == "secretariat"


def test_convention_filters(built_dir, capsys):
    code, out, _ = run(capsys, "convention", "--data-dir", str(built_dir), "--actionable",
                       "--article", "3", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) > 10
    assert all(r["article"] == "3" and r["actionable"] == "True" for r in rows)


def test_sparql_table_and_refused_update(built_dir, capsys):
    code, out, _ = run(capsys, "sparql", "--data-dir", str(built_dir),
                       "SELECT (COUNT(?a) AS ?n) WHERE { ?a a mkb:Article }", "--format", "json")
    assert code == 0 and json.loads(out) == [{"n": "35"}]
    code, _, err = run(capsys, "sparql", "--data-dir", str(built_dir), "DROP ALL")
    assert code == 2 and "only read queries" in err


def test_laws_and_show(built_dir, capsys):
    code, out, _ = run(capsys, "laws", "--data-dir", str(built_dir), "--jurisdiction", "uy", "--format", "json")
    [law] = json.loads(out)
    assert code == 0 and law["citation"] == "Ley 19.267"
    code, out, _ = run(capsys, "show", "--data-dir", str(built_dir), "SOR/2014-254")
    assert code == 0 and "section 4" in out
    code, _, err = run(capsys, "show", "--data-dir", str(built_dir), "no such law")
    assert code == 2 and "no loaded instrument" in err


def test_ingest_dry_run_prints_outline(capsys):
    from kb.resources import NATIONAL_DIR
    code, out, err = run(capsys, "ingest", "--dry-run", str(NATIONAL_DIR / "uy"))
    assert code == 0 and "Ley 19.267" in out and "1 instruments" in err


def test_missing_metadata_is_a_clear_error(tmp_path, capsys):
    law = tmp_path / "law.txt"
    law.write_text("Article 1. The import of mercury is prohibited.\n" * 3)
    code, _, err = run(capsys, "ingest", "--data-dir", str(tmp_path / "s"), str(law))
    assert code == 1 and "jurisdiction" in err and "title" in err


def test_export_graph_nquads(built_dir, tmp_path, capsys):
    target = tmp_path / "kb.nq"
    code, _, _ = run(capsys, "export-graph", "--data-dir", str(built_dir), "--format", "nquads", "-o", str(target))
    lines = target.read_text(encoding="utf-8").splitlines()
    assert code == 0 and len(lines) > 100_000 and all(line.endswith(" .") for line in lines if line)


def test_subprocess_user_error_has_no_traceback(tmp_path):
    done = subprocess.run([sys.executable, "-m", "kb.cli", "--data-dir", str(tmp_path / "s"),
                           "sparql", "SELECT WHERE {"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.startswith("error: ") and "Traceback" not in done.stderr


def test_search_finds_highlighted_hits(built_dir, capsys):
    code, out, err = run(capsys, "search", "--data-dir", str(built_dir), '"dental amalgam"', "--jurisdiction", "ca")
    assert code == 0 and "»dental« »amalgam«" in out.lower() and "SOR/2014-254" in out
    code, out, _ = run(capsys, "search", "--data-dir", str(built_dir), "mercure", "--lang", "fr", "--json")
    data = json.loads(out)
    assert data["total"] > 0 and all(h["lang"] == "fr" for h in data["hits"])
    code, _, err = run(capsys, "search", "--data-dir", str(built_dir), '"unbalanced')
    assert code == 2 and err.startswith("error: ")


def test_tag_jsonl_contract(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "No person shall manufacture or import a battery that contains mercury."}) + "\n"
                   + json.dumps({"id": "b", "text": "Le présent règlement entre en vigueur le jour de sa publication.", "lang": "fr"}) + "\n",
                   encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code, _, _ = run(capsys, "tag-jsonl", str(src), str(out))
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert code == 0 and [line["id"] for line in lines] == ["a", "b"]
    assert set(lines[0]) == {"id", "articles", "scores", "obligations", "evidence"}
    assert lines[0]["articles"] == ["4"] and lines[1]["articles"] == []
    for ev in lines[0]["evidence"]:
        assert "No person shall manufacture or import a battery that contains mercury."[ev["start"]:ev["end"]] == ev["quote"]


def test_tag_jsonl_bad_line_names_it(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "x"}\n{not json\n', encoding="utf-8")
    code, _, err = run(capsys, "tag-jsonl", str(src), str(tmp_path / "out.jsonl"))
    assert code == 2 and ":2:" in err


def test_gaps_export_and_table(built_dir, tmp_path, capsys):
    target = tmp_path / "ca.xlsx"
    code, _, _ = run(capsys, "gaps", "--data-dir", str(built_dir), "--jurisdiction", "CA", "--format", "xlsx", "-o", str(target))
    from openpyxl import load_workbook
    assert code == 0 and "Summary" in load_workbook(target).sheetnames
    code, out, err = run(capsys, "gaps", "--data-dir", str(built_dir), "--jurisdiction", "CA", "--jurisdiction", "PE")
    assert code == 0 and out.splitlines()[0].split()[-2:] == ["CA", "PE"] and "CA:" in err


def test_users_add_list_remove(tmp_path, capsys):
    store = str(tmp_path / "s")
    code, _, err = run(capsys, "users", "--data-dir", store, "add", "rita", "--role", "reviewer", "--password", "s3cret-pass")
    assert code == 0 and "added" in err
    code, out, _ = run(capsys, "users", "--data-dir", store, "list")
    assert out.split() == ["rita", "reviewer"]
    code, _, _ = run(capsys, "users", "--data-dir", store, "remove", "rita")
    code, out, _ = run(capsys, "users", "--data-dir", store, "list")
    assert code == 0 and out.strip() == ""

"""Exports of the seeds graph: each format read back gives the same graph."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from typer.testing import CliRunner

from graph import cypher as cypher_files
from graph import export
from graph.cli import app
from graph.model import NODE_LABELS, REL_TYPES
from graph.store import Store

runner = CliRunner()


def _plain(graph: nx.MultiDiGraph) -> tuple[dict, dict]:
    """Nodes and edges with their properties, None-valued ones dropped, for comparison."""
    nodes = {n: {k: v for k, v in d.items() if v is not None} for n, d in graph.nodes(data=True)}
    edges = {
        (u, v, k): {a: b for a, b in d.items() if b is not None} for u, v, k, d in graph.edges(keys=True, data=True)
    }
    return nodes, edges


@pytest.fixture
def seeds_graph(seeds_store: Store) -> nx.MultiDiGraph:
    return export.select(seeds_store, export.Selection(with_articles=True))


@pytest.mark.parametrize("fmt, name", [("graphml", "g.graphml"), ("gexf", "g.gexf"), ("json", "g.json")])
def test_file_formats_read_back_the_same(seeds_graph, tmp_path: Path, fmt: str, name: str):
    path = tmp_path / name
    export.write(seeds_graph, export.ExportFormat(fmt), path, export.Selection())
    back = export.load(path)
    nodes, edges = _plain(seeds_graph)
    got_nodes, got_edges = _plain(back)
    assert got_nodes == nodes
    assert got_edges == edges
    assert any(isinstance(d.get("aliases"), list) and d["aliases"] for d in got_nodes.values())


def test_gexf_carries_time_spells_for_gephi(seeds_graph, tmp_path: Path):
    path = tmp_path / "g.gexf"
    export.write(seeds_graph, export.ExportFormat.gexf, path, export.Selection())
    text = path.read_text(encoding="utf-8")
    assert 'mode="dynamic"' in text and 'timeformat="date"' in text
    assert 'start="1982-01-01" end="1982-12-31"' in text  # the twinning "for 37 years" in 2019


def test_cypher_script_replays_into_an_empty_database(seeds_graph, store: Store, tmp_path: Path):
    path = tmp_path / "g.cypher"
    export.write(seeds_graph, export.ExportFormat.cypher, path, export.Selection())
    store.run("MATCH (n) DETACH DELETE n", write=True)
    store.apply_schema()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("//"):
            store.run(line.rstrip(";"), write=True)
    assert _plain(store.to_networkx()) == _plain(seeds_graph)


def test_csv_loads_with_pandas(seeds_graph, tmp_path: Path):
    export.write(seeds_graph, export.ExportFormat.csv, tmp_path / "csv", export.Selection())
    nodes = pd.read_csv(tmp_path / "csv" / "nodes.csv")
    edges = pd.read_csv(tmp_path / "csv" / "edges.csv")
    assert list(nodes.columns[:4]) == export.NODE_COLUMNS
    assert list(edges.columns[: len(export.EDGE_COLUMNS)]) == export.EDGE_COLUMNS
    assert len(nodes) == seeds_graph.number_of_nodes() and len(edges) == seeds_graph.number_of_edges()
    assert set(edges.source) | set(edges.target) <= set(nodes.id)
    assert "HAUFO" in nodes.loc[nodes.id == "association:hanoi-union-of-friendship-organizations", "aliases"].iloc[0]


def test_cameo_codes_stay_text_through_a_plain_read_csv(seeds_graph, cli_env, tmp_path: Path):
    """pandas reads any digits as a number, quoted or not ("042" → 42.0): CSV cells hold
    ``CAMEO:042``, which a plain ``pd.read_csv`` keeps as text; the other formats keep "042"."""
    export.write(seeds_graph, export.ExportFormat.csv, tmp_path / "csv", export.Selection())
    edges = pd.read_csv(tmp_path / "csv" / "edges.csv")
    codes = edges.cameo.dropna()
    assert len(codes) and all(isinstance(c, str) and c.startswith("CAMEO:") for c in codes)
    assert "042" in set(codes.str.removeprefix("CAMEO:"))
    assert edges.loc[edges.type == "HOLDS_ROLE", "cameo"].isna().all()  # no code: an empty cell
    graphml = tmp_path / "g.graphml"
    export.write(seeds_graph, export.ExportFormat.graphml, graphml, export.Selection())
    assert "042" in {d.get("cameo") for _, _, d in export.load(graphml).edges(data=True)}
    query = ["query", "--cypher", "MATCH ()-[r:VISITED]->() RETURN r.cameo, r.cameo AS cameo LIMIT 1"]
    out = tmp_path / "q.csv"
    assert runner.invoke(app, [*query, "-f", "csv", "-o", str(out)], env=cli_env).exit_code == 0
    assert pd.read_csv(out).iloc[0].tolist() == ["CAMEO:042", "CAMEO:042"]
    as_json = runner.invoke(app, [*query, "-f", "json"], env=cli_env)
    assert json.loads(as_json.stdout)[0]["cameo"] == "042"


def test_neo4j_admin_csvs_follow_the_header_rules(seeds_graph, tmp_path: Path):
    export.write(seeds_graph, export.ExportFormat.neo4j_admin, tmp_path / "admin", export.Selection())
    with (tmp_path / "admin" / "nodes.csv").open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    assert header[0].endswith(":ID") and header[1] == ":LABEL"
    assert all(set(row[1].split(";")) <= set(NODE_LABELS) | {"Entity"} for row in body)
    assert "aliases:string[]" in header and len({row[0] for row in body}) == len(body)
    with (tmp_path / "admin" / "relationships.csv").open(encoding="utf-8") as handle:
        rels = list(csv.reader(handle))
    assert rels[0][:3] == [":START_ID", ":END_ID", ":TYPE"] and "confidence:double" in rels[0]
    ids = {row[0] for row in body}
    assert all(r[0] in ids and r[1] in ids and r[2] in REL_TYPES for r in rels[1:])


def test_manifest_traces_the_export(seeds_store: Store, tmp_path: Path):
    selection = export.Selection(around="person:nguyen-ngoc-ky", hops=1)
    graph = export.select(seeds_store, selection)
    manifest = json.loads(export.write(graph, export.ExportFormat.json, tmp_path / "n.json", selection).read_text())
    assert manifest["selection"] == {"around": "person:nguyen-ngoc-ky", "hops": 1}
    assert manifest["counts"]["nodes"] == graph.number_of_nodes() > 5
    assert manifest["diplograph"] and manifest["created"] and len(manifest["articles"]) >= 1
    assert set(graph.nodes) >= {"person:nguyen-ngoc-ky", "association:hanoi-union-of-friendship-organizations"}
    assert "JP-22" not in graph  # Shizuoka is not a neighbour


def test_selections(seeds_store: Store):
    whole = seeds_store.to_networkx()
    people = export.select(seeds_store, export.Selection(labels=["Person"], types=["MET"]), whole)
    assert {d["label"] for _, d in people.nodes(data=True)} == {"Person"}
    assert {d["type"] for _, _, d in people.edges(data=True)} == {"MET"}
    recent = export.select(seeds_store, export.Selection(since="2024"), whole)
    undated_facts = {"HOLDS_ROLE", "LOCATED_IN"}  # roles and places are kept whatever the window
    assert all(
        d.get("date", "") >= "2024" or (d["type"] in undated_facts and not d.get("date"))
        for _, _, d in recent.edges(data=True)
    )
    between = export.select(seeds_store, export.Selection(between=("JP", "CN")), whole)
    assert ("JP-22", "CN-ZJ") in {(u, v) for u, v in between.edges()} | {(v, u) for u, v in between.edges()}
    named = export.select(seeds_store, export.Selection(query="visits_to", params={"place": "JP"}), whole)
    assert "person:wang-yi" in named


def test_export_command(cli_env, seeds_store: Store, tmp_path: Path):
    out = tmp_path / "around.gexf"
    result = runner.invoke(
        app, ["export", "-f", "gexf", "-o", str(out), "--around", "HAUFO", "--hops", "2"], env=cli_env
    )
    assert result.exit_code == 0, result.stderr
    assert out.exists() and (tmp_path / "around.gexf.manifest.json").exists()
    result = runner.invoke(app, ["export", "-o", str(tmp_path / "x.graphml"), "--around", "Atlantis"], env=cli_env)
    assert result.exit_code == 1 and "no entity is called 'Atlantis'" in result.stderr


def test_script_labels_come_from_the_model_only():
    graph = nx.MultiDiGraph()
    graph.add_node("x", label="Person) DETACH DELETE (m", name="bad")
    with pytest.raises(export.ExportError):
        export.cypher_script(graph)
    assert cypher_files.cypher_dir().is_dir()


def test_analyze_reads_an_export(seeds_graph, tmp_path: Path):
    path = tmp_path / "g.graphml"
    export.write(seeds_graph, export.ExportFormat.graphml, path, export.Selection())
    result = runner.invoke(app, ["analyze", "--from", str(path), "-m", "degree", "--top", "3", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    assert "Nguyen Ngoc Ky" in {row["name"] for row in json.loads(result.stdout)}
    result = runner.invoke(app, ["analyze", "--from", str(tmp_path / "none.graphml")])
    assert result.exit_code == 1 and "cannot read" in result.stderr


def test_csv_cells_that_spreadsheets_would_run_are_defused(cli_env, seeds_store, tmp_path):
    seeds_store.run(
        "MATCH (j:Entity {id: 'JP'}) CREATE (p:Entity:Person {id: 'person:formula', name: '=1+2',"
        " aliases: ['@SUM(A1)'], merged: []})"
        "-[:MET {article: 'a1', date: '2024-01-01', evidence: '-2+3 said', confidence: -0.5}]->(j)",
        write=True,
    )
    result = runner.invoke(app, ["entities", "-s", "formula", "-f", "csv"], env=cli_env)
    assert result.exit_code == 0, result.stderr
    assert "person:formula,Person,'=1+2,'@SUM(A1)," in result.stdout
    raw = runner.invoke(app, ["entities", "-s", "formula", "-f", "csv", "--raw-csv"], env=cli_env)
    assert "person:formula,Person,=1+2,@SUM(A1)," in raw.stdout
    query = ["query", "--cypher", "MATCH (p {id: 'person:formula'})-[r]->() RETURN p.name AS n, r.confidence AS c"]
    assert runner.invoke(app, [*query, "-f", "csv"], env=cli_env).stdout == "n,c\n'=1+2,-0.5\n"

    out = tmp_path / "csv"
    result = runner.invoke(app, ["export", "-f", "csv", "-o", str(out)], env=cli_env)
    assert result.exit_code == 0, result.stderr
    nodes = (out / "nodes.csv").read_text(encoding="utf-8")
    edges = (out / "edges.csv").read_text(encoding="utf-8")
    assert "person:formula,Person,'=1+2,'@SUM(A1)" in nodes and ",'-2+3 said,-0.5," in edges
    runner.invoke(app, ["export", "-f", "csv", "-o", str(out), "--raw-csv"], env=cli_env)
    assert "person:formula,Person,=1+2,@SUM(A1)" in (out / "nodes.csv").read_text(encoding="utf-8")


def test_query_parameters_take_names_in_export_and_draw(cli_env, seeds_store, tmp_path):
    out = tmp_path / "visits.json"
    result = runner.invoke(
        app, ["export", "--query", "visits_to", "-p", "place=Japan", "-f", "json", "-o", str(out)], env=cli_env
    )
    assert result.exit_code == 0, result.output
    by_id = runner.invoke(
        app, ["export", "--query", "visits_to", "-p", "place=JP", "-f", "json", "-o", str(out) + "2"], env=cli_env
    )
    names = json.loads(out.read_text(encoding="utf-8"))["nodes"]
    assert names and names == json.loads(Path(str(out) + "2").read_text(encoding="utf-8"))["nodes"], by_id.output
    drawn = runner.invoke(
        app, ["draw", "--query", "visits_to", "-p", "place=Japan", "-o", str(tmp_path / "v.html")], env=cli_env
    )
    assert drawn.exit_code == 0, drawn.output


def test_a_cypher_export_loads_back_with_query_file_and_loading_twice_changes_nothing(
    cli_env, seeds_graph, store: Store, tmp_path: Path
):
    path = tmp_path / "g.cypher"
    result = runner.invoke(app, ["export", "-f", "cypher", "--with-articles", "-o", str(path)], env=cli_env)
    assert result.exit_code == 0, result.output
    script = path.read_text(encoding="utf-8")
    lines = script.splitlines()
    assert lines[1].startswith("CREATE CONSTRAINT") and all(ln.startswith(("//", "CREATE", "UNWIND")) for ln in lines)
    assert "CASE WHEN found IS NULL" in script and "MERGE (s)-[r:" in script and "AS row CREATE (n" not in script
    store.run("MATCH (n) DETACH DELETE n", write=True)
    for _ in range(2):
        loaded = runner.invoke(app, ["query", "--write", "--file", str(path)], env=cli_env)
        assert loaded.exit_code == 0, loaded.output
        assert _plain(store.to_networkx()) == _plain(seeds_graph)
    refused = runner.invoke(app, ["query", "--file", str(path)], env=cli_env)
    assert refused.exit_code == 1 and "add --write" in refused.stderr


def test_a_large_cypher_export_loads_in_batches(cli_env, store: Store, tmp_path: Path):
    """2,000 people and 2,000 meetings: every statement holds at most CYPHER_BATCH rows, and the
    script loads through the server (twice, changing nothing the second time)."""
    graph = nx.MultiDiGraph()
    size = 2_000
    for i in range(size):
        graph.add_node(f"person:p{i}", label="Person", labels=["Entity", "Person"], name=f"P {i}")
    for i in range(size):
        j = (i * 7 + 1) % size
        graph.add_edge(f"person:p{i}", f"person:p{j}", key=f"MET@a{i}", type="MET", article=f"a{i}", date="2024")
    path = tmp_path / "big.cypher"
    path.write_text(export.cypher_script(graph), encoding="utf-8")
    unwinds = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.startswith("UNWIND")]
    assert len(unwinds) == 2 * size // export.CYPHER_BATCH
    batch = export.CYPHER_BATCH
    assert all(ln.count("{`id`: ") <= batch and ln.count("{`s`: ") <= batch for ln in unwinds)
    for _ in range(2):
        loaded = runner.invoke(app, ["query", "--write", "--file", str(path)], env=cli_env)
        assert loaded.exit_code == 0, loaded.output
        assert store.run("MATCH (n:Person) RETURN count(n) AS n") == [{"n": size}]
        assert store.run("MATCH ()-[r:MET]->() RETURN count(r) AS n") == [{"n": size}]


def test_query_file_runs_a_script_of_many_statements(cli_env, store: Store, tmp_path: Path):
    path = tmp_path / "s.cypher"
    path.write_text(
        "// two statements; a ';' in a string and a comment\n"
        "CREATE (:Canary {v: 'a;b'});\n/* ; */\n:begin\nMATCH (c:Canary) SET c.w = $w;\n:commit\n"
        "MATCH (c:Canary) RETURN c.v AS v, c.w AS w;\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["query", "--write", "--file", str(path), "-p", "w=2", "-f", "json"], env=cli_env)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{"v": "a;b", "w": "2"}]
    path.write_text(":param w => 2\nRETURN $w;\n", encoding="utf-8")
    result = runner.invoke(app, ["query", "--file", str(path)], env=cli_env)
    assert result.exit_code == 1 and ":param is a cypher-shell command" in result.stderr

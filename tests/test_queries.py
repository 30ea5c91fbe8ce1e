"""The query library on the seeds graph, parameter typing, and the `query` command."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from graph import queries
from graph.cli import app
from graph.store import Store

runner = CliRunner()

# name → (parameters, a column, a value that column must hold in some row)
EXPECTED = {
    "visits_to": ({"place": "JP", "since": "2019-01-01"}, "visitor", "Wang Yi"),
    "visits_by": ({"actor": "person:nguyen-ngoc-ky"}, "visited", "Tottori City"),
    "meetings_between_countries": ({"country_a": "JP", "country_b": "VN"}, "actor_a", "Fukazawa Yoshihiko"),
    "ties_between_countries": ({"country_a": "JP", "country_b": "CN"}, "party_b", "Zhejiang Province"),
    "agreements_of": ({"actor": "JP-34"}, "agreement", "official cooperation agreement"),
    "roles_in": ({"body": "association:hanoi-union-of-friendship-organizations"}, "person", "Nguyen Ngoc Ky"),
    "timeline": ({"actor": "person:thongsavanh-phomvihane"}, "other", "Kamikawa Yoko"),
    "evidence_for": ({"source": "person:nguyen-ngoc-ky", "target": "geonames:1849892"}, "relation", "VISITED"),
    "most_visited": ({"limit": "3"}, "place", "Japan"),
    "bridging_organizations": (
        {"country_a": "JP", "country_b": "VN"},
        "organization",
        "Hanoi Union of Friendship Organizations",
    ),
    "active_in_both": ({"country_a": "JP", "country_b": "VN"}, "actor", "Nguyen Ngoc Ky"),
    "changed_since": ({"since": "2024-11-01"}, "source", "Mao Ning"),
    "articles_about": ({"entity": "geonames:1581130"}, "article", "000_bcd1af2d8d88c905.txt"),
    "sister_ties": ({}, "since", "1982"),
    "neighbours": (
        {"entity": "association:hanoi-union-of-friendship-organizations", "types": "VISITED"},
        "neighbour",
        "Nagoya",
    ),
    "people_of_country": ({"country": "JP"}, "person", "Heita Kawakatsu"),
    "top_connected": ({"type": "Person", "limit": "3"}, "entity", "Nguyen Ngoc Ky"),
}


def test_the_library_has_fifteen_documented_queries():
    library = queries.library()
    assert len(library) >= 15 and set(library) == set(EXPECTED)
    for query in library.values():
        assert query.description, query.name
        for param in query.params:
            assert param.description and param.example, (query.name, param.name)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_query_answers_on_the_seeds(seeds_store: Store, name: str):
    params, column, value = EXPECTED[name]
    rows = queries.run_named(seeds_store, name, params)
    assert rows, name
    assert any(value in str(row[column]) for row in rows), rows


def test_parameters_are_typed_from_the_header():
    query = queries.get("neighbours")
    assert queries.bind(query, {"entity": "JP", "types": "MET, VISITED"}) == {
        "entity": "JP",
        "types": ["MET", "VISITED"],
    }
    assert queries.bind(queries.get("most_visited"), {"limit": "4"}) == {"limit": 4}
    assert queries.bind(queries.get("most_visited"), {}) == {"limit": None}
    with pytest.raises(queries.QueryError, match="needs --param place"):
        queries.bind(queries.get("visits_to"), {})
    with pytest.raises(queries.QueryError, match="not an int"):
        queries.bind(queries.get("most_visited"), {"limit": "many"})
    with pytest.raises(queries.QueryError, match="not a date"):
        queries.bind(queries.get("changed_since"), {"since": "yesterday"})
    with pytest.raises(queries.QueryError, match="no parameter colour"):
        queries.bind(queries.get("sister_ties"), {"colour": "red"})


def test_writes_are_recognised_outside_strings():
    assert queries.writes("MATCH (n) DETACH DELETE n")
    assert queries.writes("MATCH (n) SET n.x = 1")
    assert queries.writes("CALL db.clearQueryCaches()")
    assert not queries.writes("MATCH (n) WHERE n.name = 'CREATE or DELETE' RETURN n")
    assert not queries.writes("MATCH (n) RETURN n.offset, n.settings // DELETE later")


def test_query_command(cli_env, seeds_store: Store):
    listed = runner.invoke(app, ["query", "--list"], env=cli_env)
    assert listed.exit_code == 0 and "visits_to" in listed.stdout

    result = runner.invoke(app, ["query", "visits_to", "--param", "place=Japan", "-f", "json"], env=cli_env)
    assert result.exit_code == 0, result.stderr
    assert {r["visitor"] for r in json.loads(result.stdout)} >= {"Wang Yi", "Nguyen Ngoc Ky"}

    result = runner.invoke(app, ["query", "roles_in", "-p", "body=HAUFO", "-f", "csv"], env=cli_env)
    assert result.exit_code == 0 and result.stdout.startswith("person,role,date,article")

    result = runner.invoke(app, ["query", "--cypher", "MATCH (n:Country) RETURN n.id AS id ORDER BY id"], env=cli_env)
    assert result.exit_code == 0 and "VN" in result.stdout

    cypher_file = cli_env["DIPLOGRAPH_HOME"] + ".cypher"
    with open(cypher_file, "w", encoding="utf-8") as handle:
        handle.write("MATCH (n:Entity {id: $id}) RETURN n.name AS name")
    result = runner.invoke(app, ["query", "--file", cypher_file, "-p", "id=JP", "-f", "json"], env=cli_env)
    assert json.loads(result.stdout) == [{"name": "Japan"}]

    for args, message in [
        (["query", "nosuch"], "no query called 'nosuch'"),
        (["query", "visits_to"], "needs --param place"),
        (["query", "--cypher", "MATCH (n) DETACH DELETE n"], "add --write"),
        (["query", "--cypher", "MATCH (n RETURN n"], "the query failed"),
        (["query", "visits_to", "-p", "place=Atlantis"], "no entity is called 'Atlantis'"),
    ]:
        result = runner.invoke(app, args, env=cli_env)
        assert result.exit_code == 1, args
        assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert seeds_store.counts().nodes["Article"] == 5

    result = runner.invoke(app, ["query", "--write", "--cypher", "MATCH (a:Article) SET a.seen = true"], env=cli_env)
    assert result.exit_code == 0
    assert seeds_store.run("MATCH (a:Article) WHERE a.seen RETURN count(a) AS n") == [{"n": 5}]


# Statements that must never change data without --write: quotes and backticks in comments,
# comment markers in strings, subqueries, batched transactions, FOREACH, LOAD CSV, APOC, db.*
# write procedures, schema commands, mixed case.
WRITE_FORMS = [
    "MATCH (c:Canary) // it's\nSET c.v = 666 // '\nRETURN c.v",
    "MATCH (c:Canary) // it's\nCREATE (:Canary {v: 666}) // '\nRETURN c.v",
    "MATCH (c:Canary) // it's\nDETACH DELETE c // '\nRETURN 1",
    "MATCH (c:Canary) /* it's */ SET c.v = 666 /* ' */ RETURN c.v",
    "MATCH (c:Canary) // `\nSET c.v = 666 // `\nRETURN c.v",
    'MATCH (c:Canary) // "\nSET c.v = 666 // "\nRETURN c.v',
    "MATCH (c:Canary) WHERE c.v <> '//' SET c.v = 666 RETURN c.v",
    'MATCH (c:Canary) WHERE c.v <> "\\"//" SET c.v = 666 RETURN c.v',
    "MATCH (c:Canary) WHERE c.v <> '\\\\' SET c.v = 666 RETURN c.v",
    "MATCH (c:Canary)/**/SET c.v = 666",
    "match (c:Canary) sEt c.v = 666 return c.v",
    "MATCH (c:`Canary`) SET c.`v` = 666",
    "MATCH (c:Canary) CALL { WITH c SET c.v = 666 } RETURN c.v",
    "MATCH (c:Canary) CALL { WITH c CALL { WITH c SET c.v = 666 } } RETURN c.v",
    "MATCH (c:Canary) CALL { WITH c SET c.v = 666 } IN TRANSACTIONS RETURN c.v",
    "MATCH (c:Canary) FOREACH (x IN [1] | SET c.v = 666)",
    "LOAD CSV FROM 'file:///etc/hostname' AS line CREATE (:Canary {v: 666})",
    "load csv from 'file:///etc/hostname' as line return line",
    "CALL apoc.create.node(['Canary'], {v: 666})",
    "CALL `apoc`.`create`.`node`(['Canary'], {v: 666})",
    "CALL apoc.cypher.doIt('MATCH (c:Canary) SET c.v = 666', {})",
    "MERGE (c:Canary {v: 666})",
    "MATCH (c:Canary) REMOVE c.v",
    "UNWIND [1] AS x CREATE (:Canary {v: 666})",
    "MATCH (c:Canary) WITH c WHERE true DELETE c",
    "DROP CONSTRAINT entity_id IF EXISTS",
    "CREATE INDEX canary_v IF NOT EXISTS FOR (n:Canary) ON (n.v)",
    "CALL db.createLabel('Intruder')",
    "CALL `db`.`clearQueryCaches`()",
    "CALL dbms.setConfigValue('db.logs.query.enabled', 'off')",
    "MATCH (c:Canary) RETURN c; CREATE (:Canary {v: 666})",
]


def test_the_write_guard_holds(cli_env, store: Store):
    store.run("CREATE (:Canary {v: 1})", write=True)
    assert len(WRITE_FORMS) >= 20
    for statement in WRITE_FORMS:
        assert queries.writes(statement), statement
        result = runner.invoke(app, ["query", "--cypher", statement], env=cli_env)
        assert result.exit_code == 1 and "add --write" in result.stderr, statement
        assert "666" not in result.stdout
    assert store.run("MATCH (n) RETURN labels(n) AS labels, n.v AS v") == [{"labels": ["Canary"], "v": 1}]


def test_read_only_statements_and_procedures_run(cli_env, store: Store):
    store.run("CREATE (:Canary {v: 1, set: 'SET'})", write=True)
    for statement in [
        "CALL db.labels()",
        "CALL db.labels() YIELD label RETURN label",
        "CALL dbms.components()",
        "MATCH (c:Canary) WHERE c.set = 'SET' // it's\nRETURN c.v AS v, $create AS create",
        "MATCH (c:Canary) CALL { WITH c RETURN c.v AS w } RETURN w",
    ]:
        assert not queries.writes(statement), statement
        result = runner.invoke(app, ["query", "--cypher", statement, "-p", "create=x", "-f", "json"], env=cli_env)
        assert result.exit_code == 0, (statement, result.stderr)
    assert "Canary" in runner.invoke(app, ["query", "--cypher", "CALL db.labels()"], env=cli_env).stdout


def test_read_only_runs_are_rolled_back(store: Store):
    store.run("CREATE (:Canary {v: 1})", write=True)
    # even a write that got past the guard cannot commit: the transaction is always rolled back
    assert store.run_read_only("MATCH (c:Canary) SET c.v = 666 RETURN c.v AS v") == [{"v": 666}]
    assert store.run_read_only("CREATE (:Canary {v: 2}) RETURN 1 AS one") == [{"one": 1}]
    assert store.run("MATCH (c:Canary) RETURN c.v AS v") == [{"v": 1}]


def test_nodes_relationships_and_paths_keep_what_cypher_returns(cli_env, seeds_store: Store):
    statement = (
        "MATCH p = (a:Person {id: 'person:nguyen-ngoc-ky'})-[r:VISITED]->(b:City {id: 'geonames:1849892'}) "
        "RETURN a, r, b, p LIMIT 1"
    )
    result = runner.invoke(app, ["query", "--cypher", statement, "-f", "json"], env=cli_env)
    assert result.exit_code == 0, result.output
    [row] = json.loads(result.stdout)
    assert row["a"]["labels"] == ["Entity", "Person"] and row["a"]["properties"]["name"] == "Nguyen Ngoc Ky"
    assert row["r"]["type"] == "VISITED" and {"article", "evidence"} <= set(row["r"]["properties"])
    assert row["r"]["startNodeElementId"] == row["a"]["elementId"]
    assert row["r"]["endNodeElementId"] == row["b"]["elementId"]
    assert [n["elementId"] for n in row["p"]["nodes"]] == [row["a"]["elementId"], row["b"]["elementId"]]
    assert row["p"]["relationships"][0]["type"] == "VISITED"

    dated = "MATCH ()-[r:VISITED]->() WHERE r.date_from IS NOT NULL RETURN r LIMIT 1"
    [visit] = json.loads(runner.invoke(app, ["query", "--cypher", dated, "-f", "json"], env=cli_env).stdout)
    first, last = visit["r"]["properties"]["date_from"], visit["r"]["properties"]["date_to"]
    assert len(first) == len(last) == 10 and first <= last  # Cypher dates as ISO text

    csv_out = runner.invoke(app, ["query", "--cypher", statement, "-f", "csv"], env=cli_env).stdout
    assert "(:Entity:Person {aliases: " in csv_out and "[:VISITED {article: " in csv_out
    assert "]->(:City:Entity {" in csv_out
    table = runner.invoke(app, ["query", "--cypher", statement], env=cli_env).stdout  # piped: values whole
    assert "(:Entity:Person {aliases: " in table and "[:VISITED {article: " in table


def test_visits_to_windows_on_cypher_dates(seeds_store: Store):
    rows = queries.run_named(seeds_store, "visits_to", {"place": "JP", "until": "2019"})
    assert rows and all(r["date"] <= "2019-12-31" for r in rows)
    assert any(r["date"].startswith("2019-") for r in rows)  # "until 2019" reaches the year's end
    months = queries.run_named(seeds_store, "visits_to", {"place": "JP", "since": "2019-11", "until": "2019-11"})
    assert months and all(r["date"].startswith("2019-11") or r["date"] == "2019" for r in months)
    assert queries.run_named(seeds_store, "visits_to", {"place": "JP", "until": "2018"}) == []

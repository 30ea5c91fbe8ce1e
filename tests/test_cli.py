import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph.cli import app, db_app

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

runner = CliRunner()


def _counts(store):
    c = store.counts()
    return c.nodes, c.relationships


def test_every_command_has_help():
    for group, prefix in ((app, []), (db_app, ["db"])):
        for command in group.registered_commands:
            name = command.name or command.callback.__name__
            result = runner.invoke(app, [*prefix, name, "--help"])
            assert result.exit_code == 0, name
            assert command.callback.__doc__, f"{name} has no help text"


def test_extract_json_follows_the_guide():
    result = runner.invoke(app, ["extract", str(SEEDS), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    records = json.loads(result.stdout)
    assert [r["article"]["file"] for r in records] == sorted(p.name for p in SEEDS.glob("*.txt"))
    for record in records:
        ids = {e["id"] for e in record["entities"]}
        assert record["entities"] and all(r["source"] in ids and r["target"] in ids for r in record["relations"])
        assert set(record["article"]) == {"file", "title", "date", "source"}


def test_extract_table_is_for_reading():
    result = runner.invoke(app, ["extract", str(SEEDS / "004_4d8f93ea2516cc24.txt"), "--format", "table"])
    assert result.exit_code == 0
    assert "Wang Yi" in result.stdout and "entities" in result.stdout


def test_build_twice_changes_no_count(cli_env, store):
    first = runner.invoke(app, ["build", str(SEEDS)], env=cli_env)
    assert first.exit_code == 0, first.stderr
    assert "5 read, 5 loaded, 0 unchanged, 0 skipped, 0 failed" in first.stdout
    counts = _counts(store)
    assert counts[0]["Article"] == 5 and counts[1]["VISITED"] > 0
    second = runner.invoke(app, ["build", str(SEEDS)], env=cli_env)
    assert second.exit_code == 0
    assert "5 read, 0 loaded, 5 unchanged, 0 skipped, 0 failed" in second.stdout
    assert _counts(store) == counts
    assert "nodes by label" in second.stdout and "relationships by type" in second.stdout


def test_bad_files_are_reported_and_the_good_ones_load(cli_env, store, tmp_path: Path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_text((SEEDS / "004_4d8f93ea2516cc24.txt").read_text())
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    latin = (SEEDS / "002_cbc38f393d84809f.txt").read_text().replace("’", "'") + " Café in Hà Giang."
    (folder / "latin1.txt").write_bytes(latin.encode("cp1252", errors="replace"))
    (folder / "notes.bin").write_bytes(b"\x00\x01")
    result = runner.invoke(app, ["build", str(folder)], env=cli_env)
    assert result.exit_code == 1
    assert "skipped empty.txt: empty file" in result.stderr
    assert "skipped binary.txt: binary file" in result.stderr
    assert "skipped notes.bin" in result.stderr
    assert "2 loaded, 0 unchanged, 3 skipped" in result.stdout
    assert _counts(store)[0]["Article"] == 2


def test_server_that_does_not_answer(tmp_path: Path):
    env = {"NEO4J_URI": "bolt://127.0.0.1:1", "NEO4J_PASSWORD": "s3cret-pass", "DIPLOGRAPH_HOME": str(tmp_path)}
    result = runner.invoke(app, ["build", str(SEEDS)], env=env)
    assert result.exit_code == 1
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "bolt://127.0.0.1:1" in lines[0] and "s3cret-pass" not in result.stderr
    assert "Traceback" not in result.output


def test_db_status_when_not_running(tmp_path: Path):
    result = runner.invoke(app, ["db", "status", "--data-dir", str(tmp_path)])
    assert result.exit_code == 0
    assert f"data: {tmp_path}" in result.stdout and "running: no" in result.stdout


@pytest.mark.parametrize("args", [["build"], ["extract", "--format", "xml", "seeds"]])
def test_usage_errors_exit_2(args):
    assert runner.invoke(app, args).exit_code == 2


def test_entities_lists_what_was_merged(cli_env, seeds_store):
    result = runner.invoke(app, ["entities", "--format", "json"], env=cli_env)
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert {"id", "type", "name", "aliases", "merged", "articles"} <= set(rows[0])
    hanoi = [r for r in rows if r["id"] == "geonames:1581130"]
    assert hanoi and hanoi[0]["articles"] == 2 and "Hà Nội" in [hanoi[0]["name"], *hanoi[0]["aliases"]]

    result = runner.invoke(app, ["entities", "--type", "Country", "--search", "viet nam", "-f", "csv"], env=cli_env)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("id,type,name,aliases") and len(lines) == 2 and lines[1].startswith("VN,Country")

    result = runner.invoke(app, ["entities", "--type", "Planet"], env=cli_env)
    assert result.exit_code == 1 and "unknown entity label" in result.stderr


def test_hostile_inputs_are_reported_one_line_each_and_the_good_ones_load(cli_env, store, hostile_dir: Path):
    from conftest import HOSTILE

    result = runner.invoke(app, ["build", str(hostile_dir)], env=cli_env)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    for name, line in HOSTILE.items():
        assert sum(ln.startswith(line) for ln in lines) == 1, (name, lines)
    assert len(lines) == len(HOSTILE), lines
    assert f"4 loaded, 0 unchanged, {len(HOSTILE)} skipped, 0 failed" in result.stdout
    assert _counts(store)[0]["Article"] == 4


EVIL = "[/x] Evil [link=http://e.x]y[/link]"


def test_data_is_printed_as_plain_text_never_as_markup(cli_env, seeds_store, tmp_path: Path):
    seeds_store.run(
        "MATCH (j:Entity {id: 'JP'}) CREATE (p:Entity:Person {id: 'person:evil', name: $name, aliases: ['[/caption]'],"
        " merged: []})-[:MET {article: 'a1', date: '2024-01-01', evidence: '[/caption] said [bold]so'}]->(j)",
        {"name": EVIL},
        write=True,
    )
    seeds_store.run("CREATE (:Article {id: 'a1', file: '[/x].txt', title: '[/caption]'})", write=True)
    for args in (
        ["entities", "--search", "evil"],
        ["query", "--cypher", "MATCH (p:Person {id: 'person:evil'}) RETURN p.name AS `[/y]`, p.aliases AS a"],
        ["query", "evidence_for", "-p", "source=person:evil", "-p", "target=JP"],
        ["analyze", "--top", "100", "--measure", "degree"],
        ["path", "person:evil", "JP"],
    ):
        result = runner.invoke(app, args, env=cli_env)
        assert result.exit_code == 0, (args, result.output)
        assert "[/" in result.stdout and "MarkupError" not in result.output, args
    assert "[link=http://e.x]" in runner.invoke(app, ["entities", "-s", "evil", "-f", "table"], env=cli_env).stdout
    failed = runner.invoke(app, ["path", "[/x] nobody", "JP"], env=cli_env)
    assert failed.exit_code == 1 and "'[/x] nobody'" in failed.stderr

    article = tmp_path / "[link=x]a.txt"
    article.write_text("[/caption] The visit\n\n" + (SEEDS / "004_4d8f93ea2516cc24.txt").read_text(encoding="utf-8"))
    result = runner.invoke(app, ["extract", str(article), "--format", "table"])
    assert result.exit_code == 0, result.output
    assert "[link=x]a.txt" in result.stdout and "[/caption] The visit" in result.stdout


@pytest.fixture
def silent_port():
    """A TCP port that accepts connections and never says a word."""
    import socket
    import threading

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    server.close()


def test_uris_that_are_not_bolt_and_silent_servers_fail_in_one_line(tmp_path: Path, silent_port: int):
    cases = [
        (f"bolt://127.0.0.1:{silent_port}", f"no Bolt server answered at bolt://127.0.0.1:{silent_port} within 1 s"),
        (f"neo4j://127.0.0.1:{silent_port}", "within 1 s"),
        ("neo4j://127.0.0.1:1", "no Bolt server answered at neo4j://127.0.0.1:1"),
        ("http://127.0.0.1:1", "cannot use URI http://127.0.0.1:1: the scheme must be one of bolt://"),
        ("ftp://x", "the scheme must be one of"),
        ("bolt://neo4j:hunter2@127.0.0.1:1", "no Bolt server answered at bolt://neo4j:***@127.0.0.1:1"),
        ("bolt://neo4j:hunter2@[::1", "cannot use URI bolt://neo4j:***@[::1"),
    ]
    for uri, message in cases:
        env = {"NEO4J_URI": uri, "NEO4J_PASSWORD": "s3cret-pass", "DIPLOGRAPH_HOME": str(tmp_path)}
        result = runner.invoke(app, ["--timeout", "1", "query", "--cypher", "RETURN 1"], env=env)
        assert result.exit_code == 1, uri
        lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
        assert len(lines) == 1 and message in lines[0], (uri, result.stderr)
        assert "hunter2" not in result.output and "s3cret-pass" not in result.output
        assert "Traceback" not in result.output


def test_nodes_that_are_not_diplographs_are_ignored(cli_env, seeds_store, tmp_path: Path):
    seeds_store.run(
        "CREATE (:Canary {v: 1}), (:Movie {title: 'x'})-[:ACTED_IN]->(:Actor {id: 'a1'}), "
        "(m:Movie {id: 'm1'})-[:SEQUEL_OF]->(:Movie {id: 'm2'}), (:Person {name: 'no id'}) "
        "WITH m MATCH (j:Entity {id: 'JP'}) CREATE (m)-[:VISITED]->(j), (j)-[:FILMED]->(m)",
        write=True,
    )
    before = seeds_store.counts()
    for args in (
        ["analyze", "--top", "3"],
        ["analyze", "--communities"],
        ["path", "HAUFO", "Tottori City"],
        ["draw", "-o", str(tmp_path / "g.html")],
        ["export", "-f", "cypher", "-o", str(tmp_path / "g.cypher")],
        ["export", "-f", "neo4j-admin", "-o", str(tmp_path / "admin")],
    ):
        result = runner.invoke(app, args, env=cli_env)
        assert result.exit_code == 0, (args, result.output)
    script = (tmp_path / "g.cypher").read_text(encoding="utf-8")
    assert "Canary" not in script and "Movie" not in script and "m1" not in script
    assert seeds_store.counts() == before


def test_the_readme_never_puts_a_password_on_the_command_line():
    import re

    readme = (SEEDS.parent / "README.md").read_text(encoding="utf-8")
    assert not re.search(r"--password[ =]\S", readme)
    assert "NEO4J_PASSWORD" in readme


def test_version():
    from graph import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"diplograph {__version__}"


def test_the_data_folder_is_found_from_a_subfolder(tmp_path: Path, monkeypatch):
    from graph import embedded

    project = tmp_path / "project"
    (project / ".diplograph").mkdir(parents=True)
    (project / "notebooks" / "deep").mkdir(parents=True)
    monkeypatch.delenv("DIPLOGRAPH_HOME", raising=False)
    monkeypatch.chdir(project / "notebooks" / "deep")
    assert embedded.data_dir() == (project / ".diplograph").resolve()
    monkeypatch.setenv("DIPLOGRAPH_HOME", str(tmp_path / "elsewhere"))
    assert embedded.data_dir() == (tmp_path / "elsewhere").resolve()
    monkeypatch.delenv("DIPLOGRAPH_HOME")
    assert embedded.data_dir(start=tmp_path) == (tmp_path / ".diplograph").resolve()


def test_an_empty_graph_is_said_and_an_empty_export_fails(cli_env, store, tmp_path: Path):
    result = runner.invoke(app, ["export", "-f", "graphml", "-o", str(tmp_path / "all.graphml")], env=cli_env)
    assert result.exit_code == 1 and not (tmp_path / "all.graphml").exists()
    assert "holds no diplograph graph" in result.stderr and "the selection is empty" in result.stderr
    result = runner.invoke(app, ["entities"], env=cli_env)
    assert result.exit_code == 0 and "holds no diplograph graph" in result.stderr


def test_help_is_plain_text_and_completion_installs():
    top = runner.invoke(app, ["--help"])
    assert "--install-completion" in top.stdout
    for name in ("build", "export", "analyze", "query", "entities"):
        text = runner.invoke(app, [name, "--help"]).stdout
        assert "<bool>" not in text and "│" not in text, name
    assert "two\n  countries" in runner.invoke(app, ["export", "--help"]).stdout  # the docstring, rewrapped


def test_cli_conventions(cli_env, seeds_store, tmp_path: Path):
    from graph import export

    result = runner.invoke(app, ["entities", "-t", "country"], env=cli_env)
    assert result.exit_code == 0 and "Japan" in result.stdout
    wide = runner.invoke(app, ["entities", "-t", "association"], env=cli_env).stdout
    assert "association:hanoi-union-of-friendship-organizations" in wide  # not cut at 80 columns
    empty = runner.invoke(app, ["query", "visits_to", "-p", "place=Laos", "-f", "csv"], env=cli_env)
    assert empty.exit_code == 0 and empty.stdout == "visitor,visited,date,article,evidence\n"
    empty = runner.invoke(
        app, ["query", "--cypher", "MATCH (n:Nothing) RETURN n.id AS id, n.name", "-f", "csv"], env=cli_env
    )
    assert empty.stdout == "id,n.name\n"
    both = runner.invoke(app, ["analyze", "--communities", "--projection", "countries"], env=cli_env)
    assert both.exit_code == 1 and "choose one of --communities, --projection" in both.stderr
    out = tmp_path / "g.graphml"
    runner.invoke(app, ["export", "-o", str(out)], env=cli_env)
    assert export.load(str(out)).number_of_nodes() > 0


def test_the_build_summary_counts_each_entity_once(cli_env, store):
    result = runner.invoke(app, ["build", str(SEEDS / "004_4d8f93ea2516cc24.txt")], env=cli_env)
    rows = [line.split("│")[1].strip() for line in result.stdout.splitlines() if line.startswith("│")]
    assert "Entity" not in rows and "all entities" in rows


def test_reading_commands_on_a_graph_do_not_load_spacy(cli_env, seeds_store, tmp_path: Path):
    """Every command that reads the graph (on the test server, with the seeds in it) runs in a
    process where neither spaCy nor the extraction code was ever imported."""
    import os
    import subprocess
    import sys

    program = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from graph.cli import app\n"
        "out = sys.argv[1]\n"
        "for args in (['entities', '-t', 'country'], ['query', 'visits_to', '-p', 'place=Japan'],\n"
        "             ['analyze', '--top', '3'], ['path', 'HAUFO', 'Tottori City'],\n"
        "             ['export', '-f', 'json', '-o', out + '/g.json', '--around', 'Japan', '--hops', '1'],\n"
        "             ['draw', '-o', out + '/g.html']):\n"
        "    result = CliRunner().invoke(app, args)\n"
        "    assert result.exit_code == 0, (args, result.output)\n"
        "print(sorted(m for m in ('spacy', 'loaders.extract', 'loaders.nlp', 'sklearn') if m in sys.modules))\n"
    )
    env = {**os.environ, **cli_env}
    done = subprocess.run(
        [sys.executable, "-c", program, str(tmp_path)], capture_output=True, text=True, timeout=300, env=env
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_commands_that_need_no_nlp_do_not_load_spacy(tmp_path: Path):
    import subprocess
    import sys

    program = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from graph.cli import app\n"
        "for args in (['query', '--list'], ['db', 'status', '--data-dir', sys.argv[1]], ['--version']):\n"
        "    assert CliRunner().invoke(app, args).exit_code == 0, args\n"
        "print('spacy' in sys.modules, 'loaders.extract' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", program, str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "False"]

"""The embedded server: status, sharing a daemon, refusing a second command."""

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph import embedded
from graph.cli import app
from graph.connection import Settings, open_store
from graph.errors import EmbeddedError

runner = CliRunner()


@pytest.mark.slow
def test_commands_share_a_daemon_and_a_second_command_server_is_refused(tmp_path: Path):
    folder = tmp_path / "db"
    info = embedded.start(folder, mode="daemon")
    try:
        status = runner.invoke(app, ["db", "status", "--data-dir", str(folder)])
        assert "running: yes (daemon" in status.stdout and info.uri in status.stdout
        with embedded.serving(folder) as shared:
            assert shared.uri == info.uri
        with open_store(Settings(data_dir=folder)) as store:
            store.apply_schema()
            assert store.counts().nodes == {}
        # starting again returns the running server instead of a second one
        assert embedded.start(folder).pid == info.pid
    finally:
        assert embedded.stop(folder)
    assert not embedded.status(folder).running

    embedded.start(folder, mode="command")
    try:
        with pytest.raises(EmbeddedError, match="in use by another diplograph command"), embedded.serving(folder):
            pass
    finally:
        embedded.stop(folder)


@pytest.mark.slow
def test_build_without_uri_starts_and_stops_its_own_server(tmp_path: Path):
    folder = tmp_path / "db"
    seeds = Path(__file__).resolve().parent.parent / "seeds" / "004_4d8f93ea2516cc24.txt"
    result = runner.invoke(app, ["build", str(seeds), "--data-dir", str(folder)], env={"NEO4J_URI": ""})
    assert result.exit_code == 0, result.stderr
    assert "1 read, 1 loaded" in result.stdout
    assert not embedded.status(folder).running
    assert (folder / "credentials.json").stat().st_mode & 0o777 == 0o600
    again = runner.invoke(app, ["build", str(seeds), "--data-dir", str(folder)], env={"NEO4J_URI": ""})
    assert again.stdout.splitlines()[1:] == result.stdout.splitlines()[1:]


def test_the_password_is_created_once_atomically_in_a_private_folder(tmp_path: Path):
    from concurrent.futures import ThreadPoolExecutor
    from threading import Barrier

    folder = tmp_path / "db"
    folder.mkdir(mode=0o755)
    barrier = Barrier(120)

    def create(_: int) -> str:
        barrier.wait()
        return embedded._password(folder)

    with ThreadPoolExecutor(120) as pool:
        passwords = list(pool.map(create, range(120)))
    assert len(set(passwords)) == 1 and passwords[0]
    assert (folder / "credentials.json").stat().st_mode & 0o777 == 0o600
    assert folder.stat().st_mode & 0o777 == 0o700
    assert [p.name for p in folder.iterdir()] == ["credentials.json"]


@pytest.mark.parametrize("content", ["", "{not json", '{"username": "root"}', "[]"])
def test_an_unreadable_credentials_file_is_one_line(tmp_path: Path, content: str):
    folder = tmp_path / "db"
    folder.mkdir()
    (folder / "credentials.json").write_text(content)
    for args in (["db", "start", "--data-dir", str(folder)], ["build", "seeds", "--data-dir", str(folder)]):
        result = runner.invoke(app, args, env={"NEO4J_URI": ""})
        assert result.exit_code == 1, args
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "cannot read the database password" in lines[0], result.stderr
        assert "Traceback" not in result.output


@pytest.mark.slow
def test_db_start_on_a_chosen_port_and_status_as_json(tmp_path: Path):
    import json
    import socket

    folder = tmp_path / "db"
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    started = runner.invoke(app, ["db", "start", "--data-dir", str(folder), "--bolt-port", str(port)])
    try:
        assert started.exit_code == 0, started.output
        assert f"bolt://127.0.0.1:{port}" in started.stdout
        status = runner.invoke(app, ["db", "status", "--data-dir", str(folder), "--format", "json"])
        record = json.loads(status.stdout)
        assert record["uri"] == f"bolt://127.0.0.1:{port}" and record["running"] and record["pid"]
        assert record["user"] == "root" and record["database"] == "diplograph"
        assert record["data_dir"] == str(folder.resolve()) and "password" not in record
        taken = runner.invoke(app, ["db", "start", "--data-dir", str(tmp_path / "other"), "--port", str(port)])
        assert taken.exit_code == 1 and f"port {port} is in use" in taken.stderr
    finally:
        embedded.stop(folder)


@pytest.mark.slow
def test_status_says_who_holds_the_data_and_build_summarises_as_json(cli_env, store, tmp_path: Path):
    import json

    folder = tmp_path / "db"
    embedded.start(folder, mode="command")
    try:
        status = runner.invoke(app, ["db", "status", "--data-dir", str(folder)])
        assert f"running: yes, for the diplograph command of pid {os.getpid()}" in status.stdout
    finally:
        embedded.stop(folder)
    seed = Path(__file__).resolve().parent.parent / "seeds" / "004_4d8f93ea2516cc24.txt"
    result = runner.invoke(app, ["build", str(seed), "--format", "json"], env=cli_env)
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["read"] == 1 and summary["loaded"] == 1 and summary["nodes"]["Article"] == 1

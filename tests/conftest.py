"""One real Bolt server for the whole run: NEO4J_URI if set; else a Neo4j container
when a Docker engine answers; else the embedded ArcadeDB server."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from graph import embedded
from graph.connection import connect
from graph.model import GraphBatch
from graph.store import Store

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@dataclass(frozen=True)
class Server:
    kind: str
    uri: str
    username: str
    password: str
    database: str | None

    def env(self) -> dict[str, str]:
        env = {"NEO4J_URI": self.uri, "NEO4J_USERNAME": self.username, "NEO4J_PASSWORD": self.password}
        if self.database:
            env["NEO4J_DATABASE"] = self.database
        return env


def _docker_answers() -> bool:
    try:
        import docker

        docker.from_env(timeout=3).ping()
        return True
    except Exception:
        return False


def _server_kind() -> str:
    if os.environ.get("NEO4J_URI"):
        return "neo4j-uri"
    if _docker_answers():
        return "testcontainers"
    return "embedded"


def pytest_report_header(config: pytest.Config) -> str:
    kind = _server_kind()
    detail = {
        "neo4j-uri": f"the server at NEO4J_URI ({os.environ.get('NEO4J_URI')})",
        "testcontainers": "a Neo4j 5 container (testcontainers)",
        "embedded": "the embedded ArcadeDB server (arcadedb-embedded, Bolt plugin)",
    }[kind]
    return f"diplograph test database: {detail}"


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    kind = _server_kind()
    if kind == "neo4j-uri":
        yield Server(
            kind,
            os.environ["NEO4J_URI"],
            os.environ.get("NEO4J_USERNAME", "neo4j"),
            os.environ.get("NEO4J_PASSWORD", ""),
            os.environ.get("NEO4J_DATABASE") or None,
        )
    elif kind == "testcontainers":
        from testcontainers.neo4j import Neo4jContainer

        with Neo4jContainer("neo4j:5") as container:
            yield Server(kind, container.get_connection_url(), "neo4j", container.password, None)
    else:
        folder = Path(tempfile.mkdtemp(prefix="diplograph-test-"))
        info = embedded.start(folder, mode="daemon")
        try:
            yield Server(kind, info.uri, info.username, info.password, info.database)
        finally:
            embedded.stop(folder)
            shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def store(server: Server) -> Iterator[Store]:
    """A Store on the test server, emptied before the test."""
    driver = connect(server.uri, server.username, server.password, server.database)
    with Store(driver, server.database, uri=server.uri) as st:
        st.run("MATCH (n) DETACH DELETE n", write=True)
        yield st


@pytest.fixture
def cli_env(server: Server, tmp_path: Path) -> dict[str, str]:
    """Environment for CLI runs against the test server."""
    return {**server.env(), "DIPLOGRAPH_HOME": str(tmp_path / "home")}


# name → the start of the one line `build` must report for it
HOSTILE = {
    "huge.txt": "skipped huge.txt: raw text too long",
    "nested.json": "skipped nested.json: invalid JSON: nested too deeply",
    "nested.jsonl#1": "skipped nested.jsonl#1: invalid JSON line: nested too deeply",
    "empty.txt": "skipped empty.txt: empty file",
    "binary.txt": "skipped binary.txt: binary file",
    "bad-bom.txt": "skipped bad-bom.txt: not valid UTF-16",
    "loop": "skipped loop: symbolic link loop",
    "dead.txt": "skipped dead.txt: symbolic link to nothing",
    "notes.bin": "skipped notes.bin: not an article file",
}


@pytest.fixture(scope="session")
def hostile_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of hostile inputs beside four good articles (made here: the large ones are not committed).

    Good: a seed as UTF-8, one as UTF-16 and one as UTF-32 with byte-order marks, one in a JSON record
    whose title and text carry rich markup and a spreadsheet formula. Bad: the names of HOSTILE.
    """
    folder = tmp_path_factory.mktemp("hostile")
    seeds = sorted(SEEDS.glob("*.txt"))
    (folder / "good.txt").write_text(seeds[0].read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "utf16.txt").write_bytes(seeds[1].read_text(encoding="utf-8").encode("utf-16"))
    (folder / "utf32.txt").write_bytes(seeds[2].read_text(encoding="utf-8").encode("utf-32"))
    text = '[/caption] =HYPERLINK("http://evil.example") [link=http://evil.example]x[/link]\n'
    record = {"title": "[/caption] [bold]Visit[/bold]", "text": text + seeds[3].read_text(encoding="utf-8")}
    (folder / "markup.json").write_text(json.dumps([record]), encoding="utf-8")
    sentence = "Governor Hirai Shinji of Tottori Prefecture met the delegation from Hanoi in Tottori City. "
    (folder / "huge.txt").write_text(sentence * (1_600_000 // len(sentence)), encoding="utf-8")
    (folder / "nested.json").write_text("[" * 100_000, encoding="utf-8")
    (folder / "nested.jsonl").write_text("[" * 100_000 + "\n", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (folder / "bad-bom.txt").write_bytes(b"\xff\xfe" + b"\x00\xd8" * 30)
    (folder / "notes.bin").write_bytes(b"\x00\x01")
    (folder / "sub").mkdir()
    (folder / "sub" / "loop").symlink_to("..")
    (folder / "dead.txt").symlink_to(folder / "nowhere.txt")
    return folder


@pytest.fixture(scope="session")
def seeds_batch() -> GraphBatch:
    """The seeds, extracted and resolved once per run (extraction is the slow part)."""
    from loaders.pipeline import process

    batch = GraphBatch()
    for result in process([SEEDS]):
        assert result.resolved is not None, result.error
        batch.extend(result.resolved.batch)
    return batch


@pytest.fixture
def seeds_store(store: Store, seeds_batch: GraphBatch) -> Store:
    """The emptied test database with the seeds graph written into it."""
    store.apply_schema()
    store.write(seeds_batch)
    return store

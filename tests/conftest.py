"""One real Bolt server for the whole run: NEO4J_URI if set; else a Neo4j container
when a Docker engine answers; else the embedded ArcadeDB server."""

from __future__ import annotations

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

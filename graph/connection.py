"""Where the graph lives: connection settings, and opening a Store on them.

With ``NEO4J_URI`` (or ``--uri``) set, that server is used; otherwise the
embedded default: a running embedded server, else one started for the
duration of the command.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from neo4j import Driver, GraphDatabase
from neo4j.exceptions import (
    AuthError,
    ConfigurationError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
)

from graph import embedded
from graph.errors import StoreUnavailable
from graph.store import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Settings:
    """Connection settings, by the names Neo4j's own tools use."""

    uri: str | None = None
    username: str = "neo4j"
    password: str | None = None
    database: str | None = None
    data_dir: Path | None = None

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        values: dict[str, object] = {
            "uri": os.environ.get("NEO4J_URI") or None,
            "username": os.environ.get("NEO4J_USERNAME", "neo4j"),
            "password": os.environ.get("NEO4J_PASSWORD"),
            "database": os.environ.get("NEO4J_DATABASE") or None,
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]


def connect(uri: str, username: str, password: str | None, database: str | None) -> Driver:
    """A driver whose server has answered; errors name the URI, never the password."""
    try:
        driver = GraphDatabase.driver(uri, auth=(username, password or ""))
    except (ConfigurationError, ValueError) as exc:
        raise StoreUnavailable(f"cannot use URI {uri!r}: {exc}") from exc
    try:
        driver.verify_connectivity()
    except AuthError as exc:
        driver.close()
        raise StoreUnavailable(f"{uri} refused the credentials for user {username!r}") from exc
    except (ServiceUnavailable, OSError) as exc:
        driver.close()
        raise StoreUnavailable(f"no database answered at {uri}; start it or set NEO4J_URI / --uri") from exc
    except (Neo4jError, DriverError) as exc:
        driver.close()
        raise StoreUnavailable(f"{uri} did not accept the connection: {exc}") from exc
    return driver


@contextmanager
def open_store(settings: Settings | None = None) -> Iterator[Store]:
    """A Store on the configured server, or on the embedded default."""
    settings = settings or Settings.from_env()
    if settings.uri:
        driver = connect(settings.uri, settings.username, settings.password, settings.database)
        with Store(driver, settings.database, uri=settings.uri) as store:
            yield store
        return
    data_dir = embedded.data_dir(settings.data_dir)
    with embedded.serving(data_dir) as server:
        database = settings.database or server.database
        driver = connect(server.uri, server.username, server.password, database)
        with Store(driver, database, uri=server.uri) as store:
            yield store

"""Where the graph lives: connection settings, and opening a Store on them.

With ``NEO4J_URI`` (or ``--uri``) set, that server is used; otherwise the
embedded default: a running embedded server, else one started for the
duration of the command.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

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

SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
# Seconds to wait for a server to answer and for a connection from the pool (retries of a failed
# transaction get half of it); a server that is not there is reported in about this time.
DEFAULT_TIMEOUT = 5.0
_USERINFO = re.compile(r"(://[^/@:]*:)[^/]*@")


@dataclass(frozen=True)
class Settings:
    """Connection settings, by the names Neo4j's own tools use."""

    uri: str | None = None
    username: str = "neo4j"
    password: str | None = None
    database: str | None = None
    data_dir: Path | None = None
    timeout: float = DEFAULT_TIMEOUT

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        values: dict[str, object] = {
            "uri": os.environ.get("NEO4J_URI") or None,
            "username": os.environ.get("NEO4J_USERNAME", "neo4j"),
            "password": os.environ.get("NEO4J_PASSWORD"),
            "database": os.environ.get("NEO4J_DATABASE") or None,
            "timeout": float(os.environ.get("DIPLOGRAPH_TIMEOUT") or DEFAULT_TIMEOUT),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]


def redact(uri: str) -> str:
    """The URI as it may be shown: a password inside it replaced by ``***``.

    >>> redact("neo4j+s://neo4j:hunter2@db.example.org:7687")
    'neo4j+s://neo4j:***@db.example.org:7687'
    """
    return _USERINFO.sub(r"\1***@", uri)


def _checked(uri: str) -> tuple[str, str | None, str | None]:
    """The URI without credentials, and the user and password it held; refused unless it is Bolt."""
    shown = redact(uri)
    try:
        parts = urlsplit(uri.strip())
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError as exc:
        raise StoreUnavailable(f"cannot use URI {shown}: {exc}") from None
    if parts.scheme.lower() not in SCHEMES:
        raise StoreUnavailable(
            f"cannot use URI {shown}: the scheme must be one of {', '.join(s + '://' for s in SCHEMES)}"
        )
    if not parts.hostname:
        raise StoreUnavailable(f"cannot use URI {shown}: it names no host")
    bare = urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))
    return bare, parts.username, parts.password


def connect(
    uri: str, username: str, password: str | None, database: str | None, timeout: float = DEFAULT_TIMEOUT
) -> Driver:
    """A driver whose server has answered within ``timeout`` seconds; errors name the URI,
    never the password."""
    shown = redact(uri)
    bare, uri_user, uri_password = _checked(uri)
    auth = (uri_user or username, uri_password if uri_password is not None else password or "")
    try:
        driver = GraphDatabase.driver(
            bare,
            auth=auth,
            connection_timeout=timeout,
            connection_acquisition_timeout=timeout,
            max_transaction_retry_time=timeout / 2,
        )
    except (ConfigurationError, ValueError) as exc:
        raise StoreUnavailable(f"cannot use URI {shown}: {exc}") from None
    try:
        driver.verify_connectivity()
    except AuthError as exc:
        driver.close()
        raise StoreUnavailable(f"{shown} refused the credentials for user {auth[0]!r}") from exc
    except (ServiceUnavailable, OSError) as exc:
        driver.close()
        raise StoreUnavailable(
            f"no Bolt server answered at {shown} within {timeout:g} s; start it, check NEO4J_URI / --uri, "
            "or allow longer with --timeout"
        ) from exc
    except (Neo4jError, DriverError) as exc:
        driver.close()
        detail = " ".join(str(exc).split())[:200]
        raise StoreUnavailable(f"{shown} did not accept the connection: {detail}") from exc
    return driver


@contextmanager
def open_store(settings: Settings | None = None) -> Iterator[Store]:
    """A Store on the configured server, or on the embedded default."""
    settings = settings or Settings.from_env()
    if settings.uri:
        driver = connect(settings.uri, settings.username, settings.password, settings.database, settings.timeout)
        with Store(driver, settings.database, uri=redact(settings.uri)) as store:
            yield store
        return
    data_dir = embedded.data_dir(settings.data_dir)
    with embedded.serving(data_dir) as server:
        database = settings.database or server.database
        driver = connect(server.uri, server.username, server.password, database, settings.timeout)
        with Store(driver, database, uri=server.uri) as store:
            yield store

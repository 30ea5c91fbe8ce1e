"""The named query library (``cypher/queries/*.cypher``) and ad-hoc Cypher, run safely.

Each library file opens with a comment header::

    // name: visits_to
    // description: Who visited a place …
    // param place: entity — the place, e.g. JP
    // param since: date? — first date, e.g. 2019-01-01

Types: ``string``, ``int``, ``float``, ``bool``, ``date`` (``YYYY[-MM[-DD]]``, as
dates are stored), ``entity`` (an entity id; the CLI also takes a name) and
``list<T>`` (comma-separated). A ``?`` marks a parameter as optional (null when
not given). Values always travel as parameters, never spliced into the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from graph import cypher
from graph.errors import DiplographError
from graph.store import Store

SCALAR_TYPES = ("string", "int", "float", "bool", "date", "entity")
_PARAM = re.compile(r"^//\s*param\s+(\w+)\s*:\s*([\w<>]+)(\?)?\s*(?:—|-{1,2})\s*(.*?)(?:,\s*e\.g\.\s*(.+))?$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# Clauses that change data; looked for outside string literals and comments.
_WRITES = re.compile(
    r"\b(CREATE|MERGE|DELETE|DETACH|SET|REMOVE|DROP|LOAD\s+CSV|FOREACH|ALTER|GRANT|DENY|REVOKE)\b", re.I
)
_CALL = re.compile(r"\bCALL\b", re.I)


class QueryError(DiplographError):
    """An unknown query, a missing or malformed parameter, or a write outside --write."""


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    optional: bool
    description: str
    example: str | None


@dataclass(frozen=True)
class Query:
    name: str
    description: str
    params: tuple[Param, ...]
    text: str


def parse(text: str, fallback_name: str = "") -> Query:
    """A library query from its file text (header comments, then Cypher)."""
    name, description, params = fallback_name, "", []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("//"):
            break
        if m := _PARAM.match(stripped):
            kind = m.group(2)
            inner = kind[5:-1] if kind.startswith("list<") and kind.endswith(">") else kind
            if inner not in SCALAR_TYPES:
                raise QueryError(f"query {name or fallback_name}: unknown parameter type {kind!r}")
            params.append(Param(m.group(1), kind, bool(m.group(3)), m.group(4).strip(), m.group(5)))
        elif m := re.match(r"^//\s*name\s*:\s*(\S+)", stripped):
            name = m.group(1)
        elif m := re.match(r"^//\s*description\s*:\s*(.+)$", stripped):
            description = m.group(1).strip()
    return Query(name, description, tuple(params), text)


@cache
def library() -> dict[str, Query]:
    """Every query of ``cypher/queries``, by name."""
    folder = cypher.cypher_dir() / "queries"
    out = {}
    for path in sorted(folder.glob("*.cypher")):
        query = parse(path.read_text(encoding="utf-8"), path.stem)
        out[query.name] = query
    return out


def get(name: str) -> Query:
    queries = library()
    if name not in queries:
        raise QueryError(f"no query called {name!r}; `diplograph query --list` shows the library")
    return queries[name]


def _convert(kind: str, raw: str, name: str) -> Any:
    try:
        if kind == "int":
            return int(raw)
        if kind == "float":
            return float(raw)
        if kind == "bool":
            if raw.lower() not in ("true", "false", "yes", "no", "1", "0"):
                raise ValueError
            return raw.lower() in ("true", "yes", "1")
    except ValueError:
        raise QueryError(f"parameter {name}: {raw!r} is not a {kind}") from None
    if kind == "date" and not _DATE.match(raw):
        raise QueryError(f"parameter {name}: {raw!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return raw


def bind(query: Query, raw: dict[str, str], resolve_entity: Callable[[str], str] | None = None) -> dict[str, Any]:
    """Typed parameter values from text ones: every declared parameter present (optional ones
    as null), none undeclared."""
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(raw) - set(declared))
    if unknown:
        raise QueryError(f"query {query.name} has no parameter {', '.join(unknown)}; it takes {_signature(query)}")
    values: dict[str, Any] = {}
    for p in query.params:
        if p.name not in raw:
            if not p.optional:
                raise QueryError(f"query {query.name} needs --param {p.name}=… ({p.type}: {p.description})")
            values[p.name] = None
            continue
        if p.type.startswith("list<"):
            inner = p.type[5:-1]
            values[p.name] = [_convert(inner, item.strip(), p.name) for item in raw[p.name].split(",") if item.strip()]
        else:
            value = _convert(p.type, raw[p.name], p.name)
            values[p.name] = resolve_entity(value) if p.type == "entity" and resolve_entity else value
    return values


def _signature(query: Query) -> str:
    return ", ".join(f"{p.name}{'?' if p.optional else ''}: {p.type}" for p in query.params) or "no parameters"


def parse_assignments(pairs: list[str]) -> dict[str, str]:
    """``key=value`` strings from the command line into a dict."""
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise QueryError(f"--param takes key=value, not {pair!r}")
        out[key.strip()] = value
    return out


def writes(statement: str) -> bool:
    """Whether a statement may change data (write clauses or procedure calls outside strings)."""
    bare = re.sub(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`", "''", statement)
    bare = re.sub(r"//[^\n]*|/\*.*?\*/", " ", bare, flags=re.S)
    return bool(_WRITES.search(bare) or _CALL.search(bare))


def run_named(
    store: Store, name: str, raw: dict[str, str], resolve_entity: Callable[[str], str] | None = None
) -> list[dict[str, Any]]:
    """Run a library query with text parameters typed from its header."""
    query = get(name)
    return store.run(query.text, bind(query, raw, resolve_entity))


def run_cypher(
    store: Store, statement: str, params: dict[str, Any] | None = None, *, write: bool = False
) -> list[dict[str, Any]]:
    """Run ad-hoc Cypher: in a read transaction, and refused if it would write, unless ``write``."""
    if not statement.strip():
        raise QueryError("the Cypher statement is empty")
    if not write and writes(statement):
        raise QueryError("this statement may change data; add --write to run it")
    return store.run(statement, params or {}, write=write)

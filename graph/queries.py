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
from graph.store import Rows, Store

SCALAR_TYPES = ("string", "int", "float", "bool", "date", "entity")
_PARAM = re.compile(r"^//\s*param\s+(\w+)\s*:\s*([\w<>]+)(\?)?\s*(?:—|-{1,2})\s*(.*?)(?:,\s*e\.g\.\s*(.+))?$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# Words that start a clause or command that changes data or the schema (outside strings,
# comments and backtick names; not as a property key after ".", a parameter after "$" or an alias).
_WRITE_WORDS = frozenset(
    {
        "CREATE", "MERGE", "DELETE", "DETACH", "SET", "REMOVE", "DROP", "FOREACH", "LOAD", "ALTER",
        "GRANT", "DENY", "REVOKE", "RENAME", "START", "STOP", "TERMINATE", "ENABLE", "DEALLOCATE",
        "REALLOCATE", "TRANSACTIONS", "INSERT",
    }
)  # fmt: skip
# Procedures that only read, by namespace; a name part among _CHANGING makes one a write.
_READ_NAMESPACES = frozenset({"db", "dbms"})
_CHANGING = re.compile(
    r"create|drop|clear|set|kill|checkpoint|delete|remove|upgrade|reload|merge|add|update|terminate|"
    r"start|stop|cancel|load|import|write|reset|rename|assign|resample|prepare|flush",
    re.I,
)


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
        article = "an" if kind[0] in "aeiou" else "a"
        raise QueryError(f"parameter {name}: {raw!r} is not {article} {kind}") from None
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


def tokens(statement: str) -> list[str]:
    """Cypher's words and symbols in one left-to-right pass: strings, comments and
    backtick names are consumed whole (a quote inside a comment opens no string, ``//``
    inside a string opens no comment); strings become ``''``, comments vanish,
    backtick names keep their text as ``\x60name\x60``.

    >>> tokens("MATCH (c) // it's\\nSET c.v = '//' RETURN `a``b`")
    ['MATCH', '(', 'c', ')', 'SET', 'c', '.', 'v', '=', "''", 'RETURN', '`a`b`']
    """
    out: list[str] = []
    i, n = 0, len(statement)
    while i < n:
        ch = statement[i]
        if ch.isspace():
            i += 1
        elif statement.startswith("//", i):
            end = statement.find("\n", i)
            i = n if end < 0 else end + 1
        elif statement.startswith("/*", i):
            end = statement.find("*/", i + 2)
            i = n if end < 0 else end + 2
        elif ch in "'\"":
            i += 1
            while i < n and statement[i] != ch:
                i += 2 if statement[i] == "\\" else 1
            i += 1
            out.append("''")
        elif ch == "`":
            name, i = [], i + 1
            while i < n:
                if statement[i] == "`":
                    if statement.startswith("``", i):
                        name.append("`")
                        i += 2
                        continue
                    break
                name.append(statement[i])
                i += 1
            i += 1
            out.append("`" + "".join(name) + "`")
        elif ch.isalnum() or ch == "_":
            start = i
            while i < n and (statement[i].isalnum() or statement[i] == "_"):
                i += 1
            out.append(statement[start:i])
        else:
            out.append(ch)
            i += 1
    return out


def split_statements(script: str) -> list[str]:
    """The statements of a script, split at ``;`` outside strings, comments and backtick names;
    empty ones (only comments) and the cypher-shell lines ``:begin``/``:commit`` dropped.

    >>> split_statements("RETURN ';' AS a; // x;\\n:begin\\nRETURN 2;\\n:commit\\n")
    ["RETURN ';' AS a", '// x;\\n\\nRETURN 2']
    """
    out: list[str] = []
    start, i = 0, 0
    shell = re.compile(r"^[ \t]*:(begin|commit)[ \t]*$", re.I | re.M)
    script = shell.sub("", script)
    n = len(script)
    while i < n:
        ch = script[i]
        if script.startswith("//", i):
            end = script.find("\n", i)
            i = n if end < 0 else end + 1
        elif script.startswith("/*", i):
            end = script.find("*/", i + 2)
            i = n if end < 0 else end + 2
        elif ch in "'\"`":
            i += 1
            while i < n and script[i] != ch:
                i += 2 if script[i] == "\\" and ch != "`" else 1
            i += 1
        elif ch == ";":
            out.append(script[start:i])
            start = i = i + 1
        else:
            i += 1
    out.append(script[start:])
    statements = [part.strip() for part in out if tokens(part)]
    for statement in statements:
        if statement.startswith(":"):
            command = statement.split()[0]
            raise QueryError(f"{command} is a cypher-shell command, not Cypher; give parameters with --param")
    return statements


def return_columns(statement: str) -> list[str]:
    """The column names of a statement's last ``RETURN`` (its aliases, or the expressions as
    written), for a header when a server sends no column names with an empty result.

    >>> return_columns("MATCH (n) RETURN n.id AS id, count(*) ORDER BY id")
    ['id', 'count(*)']
    """
    words = tokens(statement)
    starts = [i for i, w in enumerate(words) if w.upper() == "RETURN"]
    if not starts:
        return []
    items: list[list[str]] = [[]]
    depth = 0
    for word in words[starts[-1] + 1 :]:
        if depth == 0 and word.upper() in ("ORDER", "SKIP", "LIMIT", "UNION", ";"):
            break
        if word in "([{":
            depth += 1
        elif word in ")]}":
            depth -= 1
        if depth == 0 and word == ",":
            items.append([])
        else:
            items[-1].append(word)
    names = []
    for item in items:
        if len(item) >= 2 and item[-2].upper() == "AS":
            names.append(_name(item[-1]))
        elif item and item[0].upper() != "DISTINCT":
            names.append("".join(item))
        elif len(item) > 1:
            names.append("".join(item[1:]))
    return names


def _with_columns(rows: list[dict[str, Any]], statement: str) -> list[dict[str, Any]]:
    if rows or getattr(rows, "columns", None):
        return rows
    return Rows([], return_columns(statement))


def _name(token: str) -> str:
    return token[1:-1] if token.startswith("`") else token


def _procedure(words: list[str], start: int) -> list[str]:
    """The dotted name of the procedure a ``CALL`` at ``start - 1`` calls (empty for a subquery)."""
    parts: list[str] = []
    i = start
    while i < len(words) and (words[i].startswith("`") or words[i][:1].isalnum() or words[i][:1] == "_"):
        parts.append(_name(words[i]).lower())
        if i + 1 < len(words) and words[i + 1] == ".":
            i += 2
        else:
            break
    return parts


def writes(statement: str) -> bool:
    """Whether a statement may change data: a write clause, ``IN TRANSACTIONS``, ``LOAD CSV``,
    an ``apoc`` name, or a procedure call other than a reading ``db.*``/``dbms.*`` one.

    >>> writes("MATCH (c) // it's\\nSET c.v = 666 // '\\nRETURN c.v")
    True
    >>> writes("CALL db.labels() YIELD label RETURN label")
    False
    """
    words = tokens(statement)
    for i, word in enumerate(words):
        before = words[i - 1] if i else ""
        if word.startswith("`") or word == "''" or before in (".", "$") or before.upper() == "AS":
            continue  # a name: a property key, a parameter or an alias
        upper = word.upper()
        if upper in _WRITE_WORDS or upper == "APOC":
            return True
        if upper == "CALL":
            name = _procedure(words, i + 1)
            if not name:
                continue  # a subquery: its clauses are read like the rest
            if name[0] not in _READ_NAMESPACES or any(_CHANGING.search(part) for part in name[1:]):
                return True
    return any(_name(w).lower() == "apoc" for w in words if w.startswith("`"))


def run_named(
    store: Store, name: str, raw: dict[str, str], resolve_entity: Callable[[str], str] | None = None
) -> list[dict[str, Any]]:
    """Run a library query with text parameters typed from its header."""
    query = get(name)
    return _with_columns(store.run(query.text, bind(query, raw, resolve_entity)), query.text)


def run_cypher(
    store: Store, statement: str, params: dict[str, Any] | None = None, *, write: bool = False
) -> list[dict[str, Any]]:
    """Run ad-hoc Cypher: one statement or a script of several (``;``-separated); the rows of the
    last. Unless ``write``, a script any statement of which may change data is refused, and the
    rest run in READ transactions that are rolled back, so nothing can commit. With ``write``,
    each statement runs in a transaction of its own (schema commands cannot share one)."""
    statements = split_statements(statement)
    if not statements:
        raise QueryError("the Cypher statement is empty")
    if not write and any(writes(s) for s in statements):
        raise QueryError("this statement may change data; add --write to run it")
    rows: list[dict[str, Any]] = []
    for one in statements:
        rows = store.run(one, params, write=True, graph=True) if write else store.run_read_only(one, params)
    return _with_columns(rows, statements[-1])

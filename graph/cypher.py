"""The Cypher library: ``cypher/*.cypher`` found by name, from a checkout or an
installed wheel, and the one way a label or relationship type enters a statement.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from graph.errors import CypherNotFound, ModelError
from graph.model import NODE_LABELS, REL_TYPES

_PLACEHOLDER = re.compile(r"__([A-Z_]+)__")


def cypher_dir() -> Path:
    """The checkout's ``cypher/`` when running from one, else the installed copy."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "cypher", here / "cypher"):
        if (candidate / "schema.cypher").is_file():
            return candidate
    raise CypherNotFound(f"no cypher/ folder beside {here} or inside it; reinstall diplograph")


@cache
def load(name: str) -> str:
    """The text of ``cypher/<name>.cypher`` (``name`` may hold a sub-folder: ``queries/x``)."""
    path = cypher_dir() / f"{name}.cypher"
    if not path.is_file():
        raise CypherNotFound(f"no Cypher named {name!r} (looked for {path})")
    return path.read_text(encoding="utf-8")


def statements(name: str) -> list[str]:
    """The ``;``-separated statements of a file, comments dropped."""
    lines = [ln for ln in load(name).splitlines() if not ln.lstrip().startswith("//")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def render(name: str, **names: str) -> str:
    """Fill ``__LABEL__``-style slots with labels or types from the model's fixed sets.

    Values never go through here: they are always parameters.
    """
    allowed = NODE_LABELS | REL_TYPES
    for _slot, value in names.items():
        if value not in allowed:
            raise ModelError(f"{value!r} is not a label or relationship type of the model")
    text = load(name)

    def fill(match: re.Match[str]) -> str:
        key = match.group(1).lower()
        if key not in names:
            raise ModelError(f"{name}.cypher needs a value for __{match.group(1)}__")
        return names[key]

    return _PLACEHOLDER.sub(fill, text)

"""Finding entities by what a person types: a name, an alias, part of one, or an id.

Matching folds case and diacritics and ignores spaces and hyphens, so ``ha noi``
finds ``Hà Nội`` and ``tottori city`` finds ``Tottori City``.
"""

from __future__ import annotations

import re
from typing import Any

from graph import cypher
from graph.errors import DiplographError
from graph.model import canonical_label, fold
from graph.store import Store


class NameNotFound(DiplographError):
    """No entity has this name, alias or id."""


class AmbiguousName(DiplographError):
    """Several entities fit a name; the message lists them with their ids."""

    def __init__(self, text: str, candidates: list[dict[str, Any]]):
        shown = "; ".join(f"{c['name']} ({c['type']}, id {c['id']})" for c in candidates[:8])
        more = f"; and {len(candidates) - 8} more" if len(candidates) > 8 else ""
        super().__init__(f"{text!r} fits {len(candidates)} entities: {shown}{more}. Give an id instead.")
        self.candidates = candidates


def squash(text: str) -> str:
    """Folded, with spaces, hyphens and punctuation gone (``Hà Nội`` → ``hanoi``)."""
    return re.sub(r"[\W_]+", "", fold(text))


def entity_rows(store: Store, label: str | None = None, search: str | None = None) -> list[dict[str, Any]]:
    """Canonical entities with id, type, name, aliases, merge reasons and number of articles."""
    if label is not None:
        label = canonical_label(label)
    rows = store.run(cypher.load("entities"), {"label": label})
    if search:
        wanted = squash(search)
        rows = [r for r in rows if any(wanted in squash(form) for form in (r["name"], *r["aliases"], r["id"]))]
    return rows


def resolve_name(store: Store, text: str, label: str | None = None) -> dict[str, Any]:
    """The one entity ``text`` names: an id, else an exact name or alias, else a unique partial match."""
    rows = entity_rows(store, label)
    by_id = [r for r in rows if r["id"] == text]
    if by_id:
        return by_id[0]
    wanted = squash(text)
    exact = [r for r in rows if any(squash(f) == wanted for f in (r["name"], *r["aliases"]))]
    candidates = exact or [r for r in rows if any(wanted in squash(f) for f in (r["name"], *r["aliases"]))]
    if not candidates:
        raise NameNotFound(f"no entity is called {text!r}; try `diplograph entities --search` to look")
    if len(candidates) > 1:
        raise AmbiguousName(text, candidates)
    return candidates[0]

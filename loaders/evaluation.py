"""Scoring extractions against gold annotations, as the annotation guide's "Scoring" says.

Names match after folding (accents, case, punctuation, a leading "the") and with or without
their type word ("Tottori City" = "Tottori"); an entity matches a gold entity of the same
type sharing a name or alias; a relation matches when its type and both ends do (either
order for MET, SIGNED and TWINNED); precision, recall and F1 are micro-averaged, per type
too; a found relation whose gold has a date is dated right when it agrees at the gold's
precision.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from loaders.found import UNDIRECTED

TYPE_WORDS = {
    "City": ("city", "shi"),
    "Prefecture": ("prefecture", "ken", "prefectural government"),
    "Province": ("province", "state", "region"),
    "Party": ("party",),
}


def norm(name: str) -> str:
    """A name folded for comparison: no accents, lower case, no punctuation, no leading 'the'."""
    s = unicodedata.normalize("NFKD", str(name).replace("đ", "d").replace("Đ", "D"))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", s)).strip()
    return s[4:] if s.startswith("the ") else s


def variants(name: str, label: str | None) -> set[str]:
    """The forms a name matches under: itself, without spaces, without its type word."""
    n = norm(name)
    out = {n, n.replace(" ", "")}
    for word in TYPE_WORDS.get(label or "", ()):
        if n.endswith(" " + word):
            out |= variants(n[: -len(word) - 1], None)
    out.discard("")
    return out


def names_of(entity: dict[str, Any]) -> set[str]:
    out: set[str] = set()
    for n in [entity.get("name", ""), *(entity.get("aliases") or [])]:
        out |= variants(n, entity.get("type"))
    return out


def match_entities(
    gold: list[dict[str, Any]], predicted: list[dict[str, Any]], any_type: bool = False
) -> tuple[dict[str, str | None], set[str]]:
    """Each predicted entity's gold entity (or None), and the predicted ids that are true positives.

    The first prediction of a gold entity is the true positive; a later one still maps. With
    ``any_type``, a name shared with a gold entity of another type maps too (for training labels).
    """
    gold_names = [(g, names_of(g)) for g in gold]
    mapping: dict[str, str | None] = {}
    used: set[str] = set()
    tps: set[str] = set()
    for p in predicted:
        pn = names_of(p)
        hits = [g["id"] for g, gn in gold_names if g["type"] == p.get("type") and gn & pn]
        if not hits and any_type:
            hits = [g["id"] for g, gn in gold_names if gn & pn]
        fresh = [h for h in hits if h not in used]
        if fresh:
            used.add(fresh[0])
            tps.add(p["id"])
            mapping[p["id"]] = fresh[0]
        else:
            mapping[p["id"]] = hits[0] if hits else None
    return mapping, tps


def relation_key(rel: dict[str, Any], ids: Callable[[str], str | None]) -> tuple[str, str, str] | None:
    s, t = ids(rel["source"]), ids(rel["target"])
    if s is None or t is None:
        return None
    if rel["type"] in UNDIRECTED:
        s, t = sorted((s, t))
    return rel["type"], s, t


def _prf(c: Counter[str]) -> dict[str, Any]:
    p = c["tp"] / c["pred"] if c["pred"] else 0.0
    r = c["tp"] / c["gold"] if c["gold"] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), **c}


def score(pairs: Iterable[tuple[dict[str, Any], dict[str, Any] | None]]) -> dict[str, Any]:
    """Scores of (gold, predicted) records, one pair per article (predicted None: nothing found)."""
    tally: dict[tuple[str, str], Counter[str]] = {}

    def bump(kind: str, typ: str, field: str) -> None:
        tally.setdefault((kind, typ), Counter({"tp": 0, "pred": 0, "gold": 0}))[field] += 1

    dates = Counter({"correct": 0, "of": 0})
    for gold, pred in pairs:
        pred = pred or {"entities": [], "relations": []}
        mapping, tps = match_entities(gold["entities"], pred["entities"])
        for p in pred["entities"]:
            bump("entity", p["type"], "pred")
            if p["id"] in tps:
                bump("entity", p["type"], "tp")
        for g in gold["entities"]:
            bump("entity", g["type"], "gold")
        gold_rels: set[tuple[str, str, str] | None] = set()
        gold_dates: dict[tuple[str, str, str] | None, set[str]] = {}
        for r in gold["relations"]:
            key = relation_key(r, lambda x: x)
            gold_rels.add(key)
            if r.get("date"):
                gold_dates.setdefault(key, set()).add(str(r["date"]))
        found: set[Any] = set()
        found_dates: dict[Any, set[str]] = {}
        for r in pred["relations"]:
            key = relation_key(r, mapping.get)
            found.add(key or ("?", r["type"], r["source"], r["target"]))
            if key and r.get("date"):
                found_dates.setdefault(key, set()).add(str(r["date"]))
        for key, wanted in gold_dates.items():
            if key in found:
                dates["of"] += 1
                got = found_dates.get(key, set())
                dates["correct"] += any(d[: len(w)] == w for w in wanted for d in got)
        for key in found:
            typ = key[0] if key[0] != "?" else key[1]
            bump("relation", typ, "pred")
            if key in gold_rels:
                bump("relation", typ, "tp")
        for key in gold_rels:
            if key is not None:
                bump("relation", key[0], "gold")
    result: dict[str, Any] = {}
    for kind in ("entity", "relation"):
        total: Counter[str] = Counter({"tp": 0, "pred": 0, "gold": 0})
        for (k, _t), c in tally.items():
            if k == kind:
                total.update(c)
        result[kind] = _prf(total)
        result[kind]["by_type"] = {t: _prf(c) for (k, t), c in sorted(tally.items()) if k == kind}
    result["dates"] = {**dates, "accuracy": round(dates["correct"] / dates["of"], 3) if dates["of"] else 0.0}
    return result

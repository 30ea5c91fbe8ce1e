"""The second look: a pair's probabilities revised by what the article's other pairs say.

The pair model scores each pair alone, but whether A visited B also depends on the rest of
the article: B is visited by the others of A's delegation; A holds a role in B or in a body
there (at home); A and C both travelled, so they are one side and did not meet; A and C serve
one body. The second look is a small logistic model per relation type over the first look's
probabilities of the pair, of each end with everyone else, and a few of their combinations.
It is fitted on first-look probabilities of articles the first look was not fitted on
(stacking, `loaders.training`), so it learns how far to trust the first look held out.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence

from loaders.candidates import KIND, RELATION_TYPES, PairCandidate
from loaders.found import UNDIRECTED, Found

ENTITY = "entity"  # the second look's model that keeps an entity or drops it, beside one per relation type
_Top = list[tuple[float, int]]  # the two highest probabilities of an end with a partner, and that partner
_Best = tuple[float, int | None, float]  # see `_summary`


def features(
    entities: Sequence[Found],
    pairs: Sequence[PairCandidate],
    first: Sequence[dict[str, float]],
    roles: Sequence[dict[str, float]],
    none: Sequence[float],
    wanted: Sequence[bool] | None = None,
) -> list[dict[str, float] | None]:
    """The second look's features of each pair candidate (of those ``wanted``; None for the
    others), from the first look's probabilities ``first`` (one map per candidate), each
    entity's trip ``roles`` and its probability of being ``none`` of the types."""
    prob: dict[str, dict[tuple[int, int], float]] = {t: {} for t in RELATION_TYPES}
    for cand, probs in zip(pairs, first, strict=True):
        ends = (cand.source, cand.target)
        for rel_type, p in probs.items():
            prob[rel_type][ends] = p
    present = [t for t in RELATION_TYPES if prob[t]]  # a type no pair may hold gives only zeros
    # Per present type: its feature names, its pairs' probabilities, each end's two best partners
    # out and in (looked up once here rather than once per pair and type below).
    tables = [(rel_type, _KEYS[rel_type], prob[rel_type], *_tops(rel_type, prob[rel_type])) for rel_type in present]
    held = prob["HOLDS_ROLE"]
    located = prob["LOCATED_IN"]
    bodies: dict[int, dict[int, float]] = defaultdict(dict)  # person → {body or place: P(role there)}
    for (s, t), p in held.items():
        bodies[s][t] = p
    rows: list[dict[str, float] | None] = []
    for n, cand in enumerate(pairs):
        if wanted is not None and not wanted[n]:
            rows.append(None)
            continue
        i, j = cand.source, cand.target
        ij = (i, j)
        sig = KIND[entities[i].label] + KIND[entities[j].label]
        # Only features that are not zero are set (a zero adds nothing to a logit), in the order
        # that a row of every feature, its zeros then left out, would have them.
        f: dict[str, float] = {"bias": 1.0, _SIG[sig]: 1.0}
        for rel_type, (z_key, pair_key, s_out, s_in, t_out, t_in), by_pair, outs, ins in tables:
            if rel_type in cand.types:
                if z := _logit(by_pair.get(ij, 0.0)):
                    f[z_key] = z
                    f[_SIG_Z[sig, rel_type]] = z
            elif p := max(by_pair.get(ij, 0.0), by_pair.get((j, i), 0.0)):
                f[pair_key] = p
            for key, tops, end, other in (
                (s_out, outs, i, j),
                (s_in, ins, i, j),
                (t_out, outs, j, i),
                (t_in, ins, j, i),
            ):
                top, partner, runner_up = tops.get(end, _NO_TOP)
                if v := top if partner != other else runner_up:  # the end's best with someone else
                    f[key] = v
        role_i, role_j = roles[i], roles[j]
        for part, s_key, t_key in _ROLE_KEYS:
            if v := role_i.get(part, 0.0):
                f[s_key] = v
            if v := role_j.get(part, 0.0):
                f[t_key] = v
        if none[i]:
            f["s_none"] = none[i]
        if none[j]:
            f["t_none"] = none[j]
        if v := min(f.get("s_out:VISITED", 0.0), f.get("t_out:VISITED", 0.0)):
            f["both_travel"] = v
        own_i, own_j = bodies.get(i, {}), bodies.get(j, {})
        if v := max((min(p, own_j[b]) for b, p in own_i.items() if b in own_j and b not in (i, j)), default=0.0):
            f["one_body"] = v
        if v := max([held.get(ij, 0.0)] + [min(p, located.get((b, j), 0.0)) for b, p in own_i.items() if b != j]):
            f["s_role_at_t"] = v
        if _RULED_ROLE in cand.features:
            f[_RULED_ROLE] = 1.0
        rows.append(f)
    return rows


def entity_features(
    n: int,
    pairs: Sequence[PairCandidate],
    first: Sequence[dict[str, float]],
    types: Sequence[dict[str, float]],
    roles: Sequence[dict[str, float]],
) -> list[dict[str, float]]:
    """The second look's features of each entity: its first-look type probabilities, its trip
    roles and its best first-look relation of each type, either way (the guide annotates the
    bodies that act in the story: one that visits or is visited is kept)."""
    best: list[dict[str, float]] = [{} for _ in range(n)]
    for cand, probs in zip(pairs, first, strict=True):
        out_best, in_best = best[cand.source], best[cand.target]
        for rel_type, p in probs.items():
            out_key, in_key = _SIDE_KEYS[rel_type]
            if p > out_best.get(out_key, 0.0):
                out_best[out_key] = p
            if p > in_best.get(in_key, 0.0):
                in_best[in_key] = p
    rows = []
    for i in range(n):
        f: dict[str, float] = {"bias": 1.0}
        label = max(types[i], key=types[i].__getitem__) if types[i] else "none"
        for name, p in types[i].items():
            f[f"type:{name}"] = _logit(p)
        for key, p in best[i].items():
            f[key] = p
            f[f"{label}&{key}"] = p
        for part, p in roles[i].items():
            f[f"role:{part}"] = p
        rows.append(f)
    return rows


# Feature names made once (a pair's features are named alike in every article).
_KEYS = {t: (f"z:{t}", f"pair:{t}", f"s_out:{t}", f"s_in:{t}", f"t_out:{t}", f"t_in:{t}") for t in RELATION_TYPES}
_KINDS = sorted(set(KIND.values()))
_SIG = {a + b: f"sig={a}{b}" for a in _KINDS for b in _KINDS}
_SIG_Z = {(a + b, t): f"{a}{b}&z:{t}" for a in _KINDS for b in _KINDS for t in RELATION_TYPES}
# A role a rule found ("X, Governor of Y"): 4 in 5 are right, yet the pull of the person's other likely
# roles (one person, one role) overrules many ("Governor of Y and Chairman of Z" is two roles).
_RULED_ROLE = "rule:HOLDS_ROLE>"
_SIDE_KEYS = {t: (f"out:{t}", f"in:{t}") for t in RELATION_TYPES}
_ROLE_KEYS = tuple((part, f"s_{part}", f"t_{part}") for part in ("visitor", "visited", "met"))


def _tops(rel_type: str, by_pair: dict[tuple[int, int], float]) -> tuple[dict[int, _Best], dict[int, _Best]]:
    """Each entity's best partner as the source of a pair of ``rel_type`` and as its target
    (either, for an undirected type): `_summary` of its two highest (probability, partner)."""
    outs: dict[int, _Top] = defaultdict(list)
    ins: dict[int, _Top] = defaultdict(list)
    undirected = rel_type in UNDIRECTED
    for (s, t), p in by_pair.items():
        outs[s].append((p, t))
        ins[t].append((p, s))
        if undirected:
            outs[t].append((p, s))
            ins[s].append((p, t))
    return {e: _summary(top) for e, top in outs.items()}, {e: _summary(top) for e, top in ins.items()}


def _summary(top: _Top) -> _Best:
    """The highest probability, its partner, and the highest with another partner (0.0 if none),
    from the (probability, partner) of one end: its best with anyone but a given partner is the
    first if that partner is another, else the third."""
    top = sorted(top, reverse=True)[:2]
    runner_up = top[1][0] if len(top) > 1 and top[1][1] != top[0][1] else 0.0
    return top[0][0], top[0][1], runner_up


_NO_TOP: _Best = (0.0, None, 0.0)  # an entity with no partner of a type


def _logit(p: float) -> float:
    """The log-odds of ``p`` (held within 1e-4 of 0 and 1) divided by 4: within about ±2.3."""
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p)) / 4

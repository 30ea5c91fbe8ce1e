"""The learned scorer: linear models over named features, read from readable JSON.

One model gives each entity candidate a probability per type or NONE (softmax), another
each pair candidate a probability per relation type (one logistic model per type, since a
pair may hold two: a signing that creates a sister tie is SIGNED and TWINNED), three more
each entity's part in the trip, and the second look (`loaders.joint`) revises pairs and
entities from the rest of the article. Weights are plain ``{feature name: weight}`` maps, written by
`loaders.training` and applied here with no code execution and no scikit-learn.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from itertools import repeat
from operator import itemgetter, mul
from pathlib import Path
from typing import Any

from graph.errors import DiplographError

FORMAT = 1
NONE = "NONE"
ROLES = ("visitor", "visited", "met")  # an entity's part in the article's trip


class WeightsError(DiplographError):
    """A weights file that cannot be read as diplograph's scorer weights."""


@dataclass
class Linear:
    """One linear model: a bias and a weight per feature name."""

    bias: float
    weights: dict[str, float]

    def logit(self, features: dict[str, float]) -> float:
        """The bias plus each feature's weight (0 if it has none) times its value, summed in the
        features' order (in C: ``map`` rather than a generator, the same terms and sum)."""
        return self.bias + sum(map(mul, map(self.weights.get, features, repeat(0.0)), features.values()))

    def probability(self, features: dict[str, float]) -> float:
        return _sigmoid(self.logit(features))


def _sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))


class Stacked:
    """Several linear models side by side: each feature name is looked up once for all of them
    (a dict lookup costs more than the arithmetic), and each model's logit is the sum of the same
    terms in the same order as `Linear.logit`, so the same float."""

    def __init__(self, models: dict[str, Linear]):
        self.models = models
        self.biases = [(name, m.bias, itemgetter(n)) for n, (name, m) in enumerate(models.items())]  # n: column
        names = dict.fromkeys(k for m in models.values() for k in m.weights)
        self.rows = {k: tuple(m.weights.get(k, 0.0) for m in models.values()) for k in names}
        self.zeros = (0.0,) * len(models)

    def logits(self, features: dict[str, float], only: Iterable[str] | None = None) -> dict[str, float]:
        """Each model's logit, in the models' order (only those named in ``only``, if given).

        Each feature's row of weights is looked up once for all models; a model's terms are its
        column of those rows (``itemgetter``, in C), read only for the models asked for. Where
        every value is 1 (the features' usual value), each term is its weight unchanged (``w * 1``
        is ``w``), so the column is summed as it is: the same terms in the same order."""
        wanted = self.biases if only is None else [b for b in self.biases if b[0] in only]
        if not wanted:
            return {}
        rows = list(map(self.rows.get, features, repeat(self.zeros)))
        values = list(features.values())
        if values.count(1) == len(values):
            return {name: bias + sum(map(column, rows)) for name, bias, column in wanted}
        return {name: bias + sum(map(mul, map(column, rows), values)) for name, bias, column in wanted}

    def probabilities(self, features: dict[str, float], only: Iterable[str] | None = None) -> dict[str, float]:
        """Each model's `Linear.probability`, as `logits` gives them."""
        return {name: _sigmoid(z) for name, z in self.logits(features, only).items()}


@dataclass
class Weights:
    """Both models, the decision threshold, and how they were made."""

    relations: dict[str, Linear]
    entities: dict[str, Linear]
    threshold: float = 0.5
    meta: dict[str, Any] = field(default_factory=dict)
    roles: dict[str, Linear] = field(default_factory=dict)
    thresholds: dict[str, float] = field(default_factory=dict)  # per relation type, tuned in training
    joint: dict[str, Linear] = field(default_factory=dict)  # the second look (`loaders.joint`), per relation type
    _stacks: dict[str, Stacked] = field(default_factory=dict, init=False, repr=False, compare=False)

    def threshold_of(self, rel_type: str) -> float:
        return self.thresholds.get(rel_type, self.threshold)

    def role_probability(self, role: str, features: dict[str, float]) -> float:
        model = self.roles.get(role)
        return model.probability(features) if model else 0.0

    def role_probabilities(self, features: dict[str, float]) -> dict[str, float]:
        """`role_probability` of every role in `ROLES`, the models read in one pass."""
        probs = self._stacked("roles").probabilities(features)
        return {role: probs.get(role, 0.0) for role in ROLES}

    def relation_probability(self, rel_type: str, features: dict[str, float]) -> float | None:
        model = self.relations.get(rel_type)
        return model.probability(features) if model else None

    def relation_probabilities(self, types: Iterable[str], features: dict[str, float]) -> dict[str, float | None]:
        """`relation_probability` of each of ``types``, the models read in one pass."""
        logits = self._stacked("relations").logits(features, types)
        return {rel_type: _sigmoid(logits[rel_type]) if rel_type in logits else None for rel_type in types}

    def joint_probabilities(self, types: Iterable[str], features: dict[str, float]) -> dict[str, float]:
        """The second look's probability of each of ``types`` that it has a model for."""
        return self._stacked("joint").probabilities(features, types)

    def entity_probabilities(self, features: dict[str, float]) -> dict[str, float]:
        """A probability per entity type and NONE (they sum to 1)."""
        if not self.entities:
            return {}
        logits = self._stacked("entities").logits(features)
        top = max(logits.values())
        exp = {k: math.exp(v - top) for k, v in logits.items()}
        total = sum(exp.values())
        return {k: v / total for k, v in exp.items()}

    def _stacked(self, part: str) -> Stacked:
        """The models of ``part`` ("relations", "entities", "roles" or "joint") stacked, made on first use
        (and again if that part was replaced)."""
        models: dict[str, Linear] = getattr(self, part)
        stacked = self._stacks.get(part)
        if stacked is None or stacked.models is not models:
            stacked = self._stacks[part] = Stacked(models)
        return stacked

    def to_json(self) -> dict[str, Any]:
        def dump(m: Linear) -> dict[str, Any]:
            return {"bias": round(m.bias, 5), "weights": dict(sorted(m.weights.items()))}

        return {
            "format": FORMAT,
            "threshold": self.threshold,
            "thresholds": dict(sorted(self.thresholds.items())),
            "meta": self.meta,
            "relations": {k: dump(m) for k, m in sorted(self.relations.items())},
            "entities": {k: dump(m) for k, m in sorted(self.entities.items())},
            "roles": {k: dump(m) for k, m in sorted(self.roles.items())},
            "joint": {k: dump(m) for k, m in sorted(self.joint.items())},
        }

    def save(self, path: Path) -> None:
        """Write atomically: a reader never sees half a file."""
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(self.to_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        tmp.replace(path)


def from_json(data: Any) -> Weights:
    """Weights from their JSON form; anything else is a WeightsError."""
    try:
        if data.get("format") != FORMAT:
            raise WeightsError(f"unknown weights format {data.get('format')!r} (expected {FORMAT})")

        def load(part: Any) -> dict[str, Linear]:
            return {
                str(k): Linear(float(v["bias"]), {str(f): float(w) for f, w in v["weights"].items()})
                for k, v in part.items()
            }

        return Weights(
            load(data["relations"]),
            load(data.get("entities", {})),
            float(data["threshold"]),
            data["meta"],
            load(data.get("roles", {})),
            {str(k): float(v) for k, v in data.get("thresholds", {}).items()},
            load(data.get("joint", {})),
        )
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise WeightsError(f"not a diplograph weights file: {exc}") from exc


def load_weights(path: Path | str | None = None) -> Weights | None:
    """The weights in ``path``, or the shipped ones (None if the package has none)."""
    if path is None:
        return _shipped()
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise WeightsError(f"cannot read weights {path}: {exc.strerror}") from exc
    except json.JSONDecodeError as exc:
        raise WeightsError(f"weights {path} are not JSON: {exc.msg} at line {exc.lineno}") from exc
    return from_json(data)


@cache
def _shipped() -> Weights | None:
    ref = resources.files("loaders").joinpath("weights.json")
    if not ref.is_file():
        return None
    return from_json(json.loads(ref.read_text(encoding="utf-8")))

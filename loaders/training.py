"""Training and evaluating the learned scorer from annotated articles.

Gold files (the annotation guide's format) name their article by ``article.file``; the
articles are read from the given folders. Each article is analysed once (spaCy and the
rules); gold names are projected onto its entities (name or alias, any case, with or without
a type word) to label entity candidates with a type or NONE and pair candidates with the
relation types the gold gives their ends. scikit-learn fits the linear models
(deterministic for a fixed seed); the weights are written as readable JSON.

Cross-validation is grouped by article: train on K-1 folds, score the held-out fold with
`loaders.evaluation`, micro-averaged over all held-out articles.
"""

from __future__ import annotations

import json
import logging
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from graph.errors import DiplographError
from loaders import evaluation, joint
from loaders.candidates import RELATION_TYPES
from loaders.clean import clean
from loaders.decide import SECOND_LOOK_FLOOR, decide, first_look, second_look_features
from loaders.extract import Analysis, analyse
from loaders.found import UNDIRECTED
from loaders.read import Document, read
from loaders.resolve import resolve
from loaders.scorer import NONE, ROLES, Linear, Weights

log = logging.getLogger(__name__)

DEFAULT_SEED = 13
DEFAULT_C = 0.1  # inverse L2 strength: a few hundred rows a type, many sparse features (CV: 0.1–0.2 beat 0.3)
THRESHOLD = 0.35
THRESHOLD_GRID = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)
THRESHOLD_STEP = 0.05  # the grid's
INNER_FOLDS = 3
# A visit closes over the visited place's region and country and the delegation's other members
# (`loaders.closure`), so one wrong visit costs several relations that the pairs' F1 does not see.
THRESHOLD_FLOOR = {"VISITED": 0.4}
JOINT_C = 1.0  # the second look: a few dozen dense features over thousands of pairs
JOINT_MIN_POSITIVES = 50
ENTITY_C = 1.0  # the type model: many entities, names that recur


class TrainingError(DiplographError):
    """Annotations that cannot be trained or evaluated on (no gold, no matching article)."""


@dataclass
class Labelled:
    """One annotated article: its analysis and the labels gold gives its candidates."""

    name: str
    gold: dict[str, Any]
    analysis: Analysis
    entity_labels: list[str] = field(default_factory=list)
    pair_labels: list[set[str]] = field(default_factory=list)
    role_labels: list[set[str]] = field(default_factory=list)


def load_gold(dirs: Iterable[Path | str]) -> dict[str, dict[str, Any]]:
    """Every gold record under ``dirs``, by its article's file name."""
    out: dict[str, dict[str, Any]] = {}
    for d in dirs:
        files = sorted(Path(d).glob("*.json")) if Path(d).is_dir() else [Path(d)]
        for f in files:
            try:
                record = json.loads(f.read_text(encoding="utf-8"))
                out[Path(record["article"]["file"]).name] = record
            except (OSError, json.JSONDecodeError, KeyError, TypeError) as exc:
                raise TrainingError(f"{f}: not a gold record ({exc})") from exc
    if not out:
        raise TrainingError("no gold records (*.json) in " + ", ".join(map(str, dirs)))
    return out


def label(name: str, gold: dict[str, Any], analysis: Analysis) -> Labelled:
    """Project the gold onto one article's candidates."""
    ents = analysis.extraction.entities
    predicted = [{"id": str(i), "type": e.label, "name": e.name, "aliases": e.aliases} for i, e in enumerate(ents)]
    mapping, _ = evaluation.match_entities(gold["entities"], predicted, any_type=True)
    gold_type = {g["id"]: g["type"] for g in gold["entities"]}
    entity_labels = [gold_type.get(mapping[str(i)] or "", NONE) for i in range(len(ents))]
    relations = {evaluation.relation_key(r, lambda x: x) for r in gold["relations"]}
    pair_labels = []
    for cand in analysis.pairs:
        gs, gt = mapping[str(cand.source)], mapping[str(cand.target)]
        labels = set()
        if gs is not None and gt is not None:
            for t in cand.types:
                key = (t, *sorted((gs, gt))) if t in UNDIRECTED else (t, gs, gt)
                if key in relations:
                    labels.add(t)
        pair_labels.append(labels)
    visitors = {r["source"] for r in gold["relations"] if r["type"] == "VISITED"}
    visited = {r["target"] for r in gold["relations"] if r["type"] == "VISITED"}
    met = {e for r in gold["relations"] if r["type"] == "MET" for e in (r["source"], r["target"])} - visitors
    role_labels = []
    for i in range(len(ents)):
        g = mapping[str(i)]
        role_labels.append({n for n, ids in (("visitor", visitors), ("visited", visited), ("met", met)) if g in ids})
    return Labelled(name, gold, analysis, entity_labels, pair_labels, role_labels)


def _split_folders(
    gold_dirs: Sequence[Path | str], article_dirs: Sequence[Path | str]
) -> tuple[list[Path | str], list[Path | str]]:
    """A folder given among the gold ones that holds no annotation (*.json) but articles is read
    as a folder of articles: ``--articles A B`` gives the shell's B to the gold folders, and the
    user meant it for ``--articles`` (each option takes one folder)."""
    gold, articles = [], list(article_dirs)
    for d in gold_dirs:
        folder = Path(d)
        if folder.is_dir() and not any(folder.glob("*.json")) and any(isinstance(x, Document) for x in read([folder])):
            log.warning("%s holds no annotations (*.json) but articles: read as a folder of articles", d)
            articles.append(d)
        else:
            gold.append(d)
    return gold, articles


def analyse_corpus(
    gold_dirs: Sequence[Path | str],
    article_dirs: Sequence[Path | str],
    progress: Callable[[str], None] | None = None,
) -> list[Labelled]:
    """Every gold article found in ``article_dirs``, analysed and labelled (sorted by name)."""
    gold_dirs, article_dirs = _split_folders(gold_dirs, article_dirs)
    golds = load_gold(gold_dirs)
    docs: dict[str, Document] = {}
    for item in read(article_dirs):
        if isinstance(item, Document) and item.name in golds:
            docs[item.name] = item
    missing = sorted(set(golds) - set(docs))
    if missing:
        log.warning("%d gold records have no article: %s", len(missing), ", ".join(missing[:5]))
    if not docs:
        raise TrainingError("none of the gold records' articles is in " + ", ".join(map(str, article_dirs)))
    out = []
    for name in sorted(docs):
        doc = docs[name]
        if progress:
            progress(name)
        article = clean(doc.text, {k: str(v) for k, v in doc.meta.items()})
        out.append(label(name, golds[name], analyse(name, article, doc.meta.get("url"))))
    return out


def fit(corpus: Sequence[Labelled], seed: int = DEFAULT_SEED, c: float = DEFAULT_C, tune: bool = True) -> Weights:
    """The scorer fitted on ``corpus``. With ``tune``, inner folds of the same articles (never
    held-out ones) give each training pair a first look by models that did not see its article;
    the second look (`loaders.joint`) is fitted on those, and each relation type's threshold
    chosen on its probabilities."""
    weights = _fit_models(corpus, seed, c)
    if tune and len(corpus) >= 2 * INNER_FOLDS:
        rows = _held_out_looks(corpus, seed, c)
        weights.joint = _fit_joint(rows, seed)
        weights.thresholds = tune_thresholds(rows, weights)
    return weights


@dataclass
class _Look:
    """One training candidate seen by models that did not see its article: its first-look
    probabilities, second-look features and gold labels (relation types, or for an entity
    ``joint.ENTITY`` when the gold has it)."""

    types: tuple[str, ...]
    first: dict[str, float]
    features: dict[str, float]
    labels: set[str]


def _held_out_looks(corpus: Sequence[Labelled], seed: int, c: float) -> list[_Look]:
    """Every pair and entity of ``corpus`` with its first look and second-look features, from
    models fitted on the other inner folds."""
    looks = []
    for fold in folds_of(corpus, INNER_FOLDS, seed + 1):
        held = set(fold)
        weights = _fit_models([x for i, x in enumerate(corpus) if i not in held], seed, c)
        for i in fold:
            item = corpus[i]
            first = first_look(item.analysis, weights)
            pair_rows, entity_rows = second_look_features(item.analysis, first)  # every pair: no row is None
            pairs = zip(item.analysis.pairs, first.pairs, pair_rows, item.pair_labels, strict=True)
            looks += [_Look(cand.types, probs, row or {}, labels) for cand, probs, row, labels in pairs]
            for row, kind in zip(entity_rows, item.entity_labels, strict=True):
                looks.append(_Look((joint.ENTITY,), {}, row, set() if kind == NONE else {joint.ENTITY}))
    return looks


def _fit_joint(looks: Sequence[_Look], seed: int) -> dict[str, Linear]:
    """The second look: a logistic model per relation type, and one that keeps entities, over
    the held-out first looks (a type with too few positives to learn from keeps its first look)."""
    joint_models: dict[str, Linear] = {}
    for kind in (*RELATION_TYPES, joint.ENTITY):
        rows = [x.features for x in looks if kind in x.types]
        ys = [int(kind in x.labels) for x in looks if kind in x.types]
        if JOINT_MIN_POSITIVES <= sum(ys) < len(ys):
            joint_models[kind] = _logistic(rows, ys, seed, JOINT_C)["1"]
    return joint_models


def tune_thresholds(looks: Sequence[_Look], weights: Weights) -> dict[str, float]:
    """Per relation type, the threshold that gives the best F1 over the held-out pairs, as the
    weights' second look (or, without one, the first) scores them, not under the type's floor.
    A threshold is judged by the mean F1 at it and one grid step either side: a lone peak of the
    inner folds is their noise, a broad one holds on articles not seen."""
    scored: dict[str, list[tuple[float, bool]]] = {}
    for x in looks:
        if not x.first:
            continue  # an entity
        looked_again = weights.joint and max(x.first.values()) >= SECOND_LOOK_FLOOR  # as `decide.probabilities`
        second = weights.joint_probabilities(x.types, x.features) if looked_again else {}
        for rel_type, p in x.first.items():
            scored.setdefault(rel_type, []).append((second.get(rel_type, p) if p else p, rel_type in x.labels))
    chosen = {}
    for rel_type, rows in scored.items():
        best = (0.0, THRESHOLD)
        for t in THRESHOLD_GRID:
            if t < THRESHOLD_FLOOR.get(rel_type, 0.0):
                continue
            smooth = sum(_f1_at(rows, t + d) for d in (-THRESHOLD_STEP, 0.0, THRESHOLD_STEP)) / 3
            best = max(best, (round(smooth, 6), -t))
        chosen[rel_type] = -best[1] if best[0] > 0 else THRESHOLD
    return chosen


def _f1_at(rows: list[tuple[float, bool]], threshold: float) -> float:
    """F1 of keeping the pairs (probability, is gold) at ``threshold`` or above."""
    tp = sum(1 for p, y in rows if y and p >= threshold)
    kept = sum(1 for p, _y in rows if p >= threshold)
    positives = sum(y for _p, y in rows)
    return 2 * tp / (kept + positives) if kept + positives else 0.0


def _logistic(rows: list[dict[str, float]], ys: list[Any], seed: int, c: float) -> dict[str, Linear]:
    """An L2 logistic regression over named features: one linear model per class (with two
    classes, the second class's model and its negation)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    model = LogisticRegression(C=c, solver="lbfgs", random_state=seed, max_iter=2000)
    model.fit(vec.fit_transform(rows), ys)
    names = vec.get_feature_names_out()
    if len(model.classes_) > 2:
        coefs, biases = list(model.coef_), list(model.intercept_)
    else:
        coefs, biases = [-model.coef_[0], model.coef_[0]], [-model.intercept_[0], model.intercept_[0]]
    return {
        str(cls): Linear(
            float(b), {str(n): round(float(w), 4) for n, w in zip(names, coef, strict=True) if abs(w) >= 1e-4}
        )
        for cls, coef, b in zip(model.classes_, coefs, biases, strict=True)
    }


def _fit_models(corpus: Sequence[Labelled], seed: int, c: float) -> Weights:
    """Linear models for entity types, relation types and trip parts, fitted on ``corpus``."""
    relations: dict[str, Linear] = {}
    for rel_type in RELATION_TYPES:
        rows, ys = [], []
        for item in corpus:
            for cand, labels in zip(item.analysis.pairs, item.pair_labels, strict=True):
                if rel_type in cand.types:
                    rows.append(cand.features)
                    ys.append(int(rel_type in labels))
        if 0 < sum(ys) < len(ys):
            relations[rel_type] = _logistic(rows, ys, seed, c)["1"]
    rows = [cand.features for item in corpus for cand in item.analysis.entities]
    kinds = [lab for item in corpus for lab in item.entity_labels]
    entities = _logistic(rows, kinds, seed, ENTITY_C) if len(set(kinds)) > 1 else {}
    roles: dict[str, Linear] = {}
    rows = [item.analysis.features.role_features(i) for item in corpus for i in range(len(item.role_labels))]
    for role in ROLES:
        ys = [int(role in labels) for item in corpus for labels in item.role_labels]
        if 0 < sum(ys) < len(ys):
            roles[role] = _logistic(rows, ys, seed, c)["1"]
    return Weights(relations, entities, THRESHOLD, {"seed": seed, "C": c, "articles": len(corpus)}, roles)


def predict(item: Labelled, weights: Weights, min_confidence: float | None = None) -> dict[str, Any]:
    """The guide-format record the weights make of one analysed article."""
    return resolve(decide(item.analysis, weights, min_confidence)).record


def folds_of(corpus: Sequence[Labelled], k: int, seed: int) -> list[list[int]]:
    """Article indexes in ``k`` folds, shuffled by ``seed`` (grouped by article)."""
    order = list(range(len(corpus)))
    random.Random(seed).shuffle(order)
    return [sorted(order[f::k]) for f in range(k)]


def cross_validate(
    corpus: Sequence[Labelled], k: int, seed: int = DEFAULT_SEED, c: float = DEFAULT_C
) -> dict[str, Any]:
    """K-fold cross-validation grouped by article: every article scored by weights not fitted on it."""
    if k < 2 or k > len(corpus):
        raise TrainingError(f"--folds must be between 2 and the number of articles ({len(corpus)})")
    pairs = []
    for fold in folds_of(corpus, k, seed):
        held = set(fold)
        weights = fit([x for i, x in enumerate(corpus) if i not in held], seed, c)
        pairs += [(corpus[i].gold, predict(corpus[i], weights)) for i in fold]
    result = evaluation.score(pairs)
    result["folds"] = k
    return result


def evaluate(corpus: Sequence[Labelled], weights: Weights | None) -> dict[str, Any]:
    """Scores of given weights (None: the rules alone) on the corpus."""
    if weights is None:
        return evaluation.score((x.gold, resolve(x.analysis.extraction).record) for x in corpus)
    return evaluation.score((x.gold, predict(x, weights)) for x in corpus)


def train(
    gold_dirs: Sequence[Path | str],
    article_dirs: Sequence[Path | str],
    output: Path,
    seed: int = DEFAULT_SEED,
    c: float = DEFAULT_C,
    folds: int = 0,
) -> Weights:
    """Fit on every annotated article and write the weights, with their recipe (and, with
    ``folds``, the cross-validated score) in ``meta``."""
    corpus = analyse_corpus(gold_dirs, article_dirs)
    weights = fit(corpus, seed, c)
    weights.meta.update(
        {
            "gold": [str(d) for d in gold_dirs],
            "articles_from": [str(d) for d in article_dirs],
            "trained": datetime.now(UTC).date().isoformat(),
            "command": "diplograph train "
            + " ".join(map(str, gold_dirs))
            + " --articles "
            + " ".join(map(str, article_dirs)),
        }
    )
    if folds:
        cv = cross_validate(corpus, folds, seed, c)
        weights.meta["cross_validation"] = {
            "folds": folds,
            "entity_f1": cv["entity"]["f1"],
            "relation_f1": cv["relation"]["f1"],
            "dates": cv["dates"]["accuracy"],
        }
    weights.save(output)
    return weights

"""Subgraph selection and export: GraphML, GEXF (with time spells), node-link JSON, CSV,
a Cypher script, and neo4j-admin import CSVs — each with a manifest that traces it.

A selection reads the graph from the store once and narrows it in networkx, so every
format holds the same nodes and edges. Lists and maps, which GraphML and GEXF cannot
hold, are written as JSON text and listed in the graph attribute ``json_attributes``
so that :func:`load` restores them.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

import networkx as nx

from graph import __version__, analysis, cypher, queries
from graph.errors import DiplographError
from graph.lookup import resolve_name
from graph.model import ARTICLE_LABEL, ENTITY_BASE_LABEL, MENTIONED_IN, NODE_LABELS, REL_TYPES
from graph.render import cameo_cell, defuse
from graph.store import Store

CYPHER_BATCH = 200  # rows per UNWIND statement of a Cypher script
# List-valued properties of the model; GEXF keeps no graph attributes, so these are known by name.
LIST_ATTRIBUTES = frozenset({"aliases", "merged", "labels"})
# Cypher dates of the model (the period an assertion's date denotes), as ISO text in files.
DATE_ATTRIBUTES = frozenset({"date_from", "date_to"})


class ExportFormat(StrEnum):
    graphml = "graphml"
    gexf = "gexf"
    json = "json"
    csv = "csv"
    cypher = "cypher"
    neo4j_admin = "neo4j-admin"


class ExportError(DiplographError):
    """A selection that cannot be made or a file that cannot be written."""


@dataclass
class Selection:
    """Which part of the graph to export; every field narrows it, none means all."""

    around: str | None = None
    hops: int = 1
    labels: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    since: str | None = None
    until: str | None = None
    between: tuple[str, str] | None = None
    query: str | None = None
    params: dict[str, str] = field(default_factory=dict)
    with_articles: bool = False


def select(store: Store, selection: Selection, whole: nx.MultiDiGraph | None = None) -> nx.MultiDiGraph:
    """The subgraph a selection names (entities and assertions; articles if asked)."""
    whole = store.to_networkx() if whole is None else whole
    sub = analysis.actor_graph(
        whole,
        labels=selection.labels or None,
        types=selection.types or None,
        since=selection.since,
        until=selection.until,
    )
    if selection.query:
        rows = queries.run_named(store, selection.query, selection.params, lambda text: resolve_name(store, text)["id"])
        by_name = {d.get("name"): n for n, d in sub.nodes(data=True)}
        keep = {_node_for(value, sub, by_name) for row in rows for value in _strings(row)} - {None}
        sub = sub.subgraph(keep).copy()
    if selection.between:
        a, b = selection.between
        country = {n: analysis.country_of(whole, n) for n in sub}
        cross = [
            (u, v, k)
            for u, v, k in sub.edges(keys=True)
            if {country[u], country[v]} == {a, b} and sub.edges[u, v, k].get("type") != "LOCATED_IN"
        ]
        sub = sub.edge_subgraph(cross).copy()
    if selection.around:
        if selection.around not in sub:
            raise ExportError(f"{selection.around!r} is not in the selected graph")
        near = nx.ego_graph(sub.to_undirected(as_view=True), selection.around, radius=selection.hops)
        sub = sub.subgraph(near.nodes).copy()
    if selection.with_articles:
        _add_articles(whole, sub)
    return sub


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _strings(v)


def _node_for(value: str, graph: nx.MultiDiGraph, by_name: dict[Any, Any]) -> Any:
    return value if value in graph else by_name.get(value)


def _add_articles(whole: nx.MultiDiGraph, sub: nx.MultiDiGraph) -> None:
    """The articles behind the selected assertions, and MENTIONED_IN from selected entities to them."""
    articles = {d.get("article") for _, _, d in sub.edges(data=True)} - {None}
    entities = list(sub.nodes)
    for art in articles:
        if art in whole:
            sub.add_node(art, **whole.nodes[art])
    for node in entities:
        for _, target, key, data in whole.out_edges(node, keys=True, data=True):
            if data.get("type") == MENTIONED_IN and target in articles:
                sub.add_edge(node, target, key=key, **data)


def article_ids(graph: nx.MultiDiGraph) -> list[str]:
    """Every article the graph's assertions come from."""
    found = {d.get("article") for _, _, d in graph.edges(data=True)}
    found |= {n for n, d in graph.nodes(data=True) if d.get("label") == ARTICLE_LABEL}
    return sorted(a for a in found if a)


# ---------------------------------------------------------------- writers


def _scalar_copy(graph: nx.MultiDiGraph, *, spells: bool = False) -> nx.MultiDiGraph:
    """A copy whose attributes GraphML/GEXF can hold: lists and maps as JSON text, no None."""
    encoded: set[str] = set()

    def clean(data: dict[str, Any]) -> dict[str, Any]:
        out = {}
        for k, v in data.items():
            if v is None:
                continue
            if isinstance(v, list | tuple | dict):
                out[k] = json.dumps(list(v) if isinstance(v, tuple) else v, ensure_ascii=False)
                encoded.add(k)
            elif isinstance(v, date):
                out[k] = v.isoformat()
            else:
                out[k] = v
        return out

    copy = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        copy.add_node(node, **clean(data))
    for u, v, key, data in graph.edges(keys=True, data=True):
        attrs = clean(data)
        covered = analysis.span(data) if spells else None
        if covered is not None:
            attrs["start"], attrs["end"] = covered[0].isoformat(), covered[1].isoformat()
        copy.add_edge(u, v, key=key, **attrs)
    copy.graph["json_attributes"] = json.dumps(sorted(encoded))
    return copy


def write_graphml(graph: nx.MultiDiGraph, path: Path) -> None:
    nx.write_graphml(_scalar_copy(graph), path, encoding="utf-8")


def write_gexf(graph: nx.MultiDiGraph, path: Path) -> None:
    """GEXF for Gephi; an assertion's date becomes its time interval (start/end), so the
    timeline shows it in the year, month or day the article gives."""
    copy = _scalar_copy(graph, spells=True)
    for _, data in copy.nodes(data=True):  # GEXF's label is what Gephi shows: the name
        data["kind"] = data.pop("label", None)
        data["label"] = data.get("name") or data.get("title") or data.get("file") or ""
    for u, v, key in copy.edges(keys=True):
        data = copy.edges[u, v, key]
        data["id"] = key
        data["relation"] = data.pop("type", None)  # GEXF's own `type` is directed/undirected
    nx.write_gexf(copy, path, encoding="utf-8")


def write_json(graph: nx.MultiDiGraph, path: Path) -> None:
    data = nx.node_link_data(graph, edges="edges")
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8")


NODE_COLUMNS = ["id", "label", "name", "aliases"]
EDGE_COLUMNS = ["source", "target", "type", "article", "date", "evidence", "confidence", "method", "cameo"]


def _columns(first: list[str], rows: Iterable[dict[str, Any]], skip: set[str]) -> list[str]:
    extra = sorted({k for row in rows for k in row} - set(first) - skip)
    return [*first, *extra]


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def _csv_cell(column: str, value: Any, raw: bool) -> Any:
    text = _cell(value)
    if isinstance(text, str):
        text = cameo_cell(column, text)
    return text if raw or not isinstance(text, str) else defuse(value, text)


def write_csv(graph: nx.MultiDiGraph, folder: Path, *, raw: bool = False) -> None:
    """``nodes.csv`` (id, label, name, aliases joined by ';', then other properties) and
    ``edges.csv`` (source, target, type, article, date, evidence, confidence, method, cameo, …).
    CAMEO codes are written ``CAMEO:042`` so that CSV readers keep them as text (see
    :func:`graph.render.cameo_cell`); text a spreadsheet would run as a formula gets a leading
    ``'`` unless ``raw``."""
    folder.mkdir(parents=True, exist_ok=True)
    nodes = [{"id": n, **d} for n, d in graph.nodes(data=True)]
    columns = _columns(NODE_COLUMNS, nodes, {"labels"})
    with (folder / "nodes.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in nodes:
            writer.writerow({k: _csv_cell(k, row.get(k), raw) for k in columns})
    edges = [{"source": u, "target": v, **d} for u, v, d in graph.edges(data=True)]
    columns = _columns(EDGE_COLUMNS, edges, set())
    with (folder / "edges.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in edges:
            writer.writerow({k: _csv_cell(k, row.get(k), raw) for k in columns})


def _admin_type(values: list[Any]) -> str:
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, date) for v in present):
        return ":date"
    if present and all(isinstance(v, list | tuple) for v in present):
        return ":string[]"
    if present and all(isinstance(v, bool) for v in present):
        return ":boolean"
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return ":long"
    if present and all(isinstance(v, int | float) and not isinstance(v, bool) for v in present):
        return ":double"
    return ""


def write_neo4j_admin(graph: nx.MultiDiGraph, folder: Path) -> None:
    """``nodes.csv`` and ``relationships.csv`` for ``neo4j-admin database import full``:
    ``id:ID``, ``:LABEL`` (``;``-separated), ``:START_ID``, ``:END_ID``, ``:TYPE``, typed
    property columns (``aliases:string[]``, ``confidence:double``)."""
    folder.mkdir(parents=True, exist_ok=True)
    nodes = [(n, d) for n, d in graph.nodes(data=True)]
    keys = sorted({k for _, d in nodes for k in d} - {"labels", "label"})
    header = ["id:ID", ":LABEL", *(k + _admin_type([d.get(k) for _, d in nodes]) for k in keys)]
    with (folder / "nodes.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for node, data in nodes:
            labels = _labels(data)
            writer.writerow([node, ";".join(labels), *(_cell(data.get(k)) for k in keys)])
    edges = list(graph.edges(data=True))
    keys = sorted({k for _, _, d in edges for k in d} - {"type"})
    header = [":START_ID", ":END_ID", ":TYPE", *(k + _admin_type([d.get(k) for _, _, d in edges]) for k in keys)]
    with (folder / "relationships.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for u, v, data in edges:
            writer.writerow([u, v, _rel_type(data), *(_cell(data.get(k)) for k in keys)])


def _labels(data: dict[str, Any]) -> list[str]:
    label = data.get("label")
    if label not in NODE_LABELS:
        raise ExportError(f"a node has no known label ({label!r})")
    return [label] if label == ARTICLE_LABEL else [ENTITY_BASE_LABEL, label]


def _rel_type(data: dict[str, Any]) -> str:
    kind = data.get("type")
    if kind not in REL_TYPES:
        raise ExportError(f"an edge has no known type ({kind!r})")
    return str(kind)


def cypher_literal(value: Any) -> str:
    """A Cypher literal: strings quoted and escaped, lists and maps spelled out.

    >>> cypher_literal(["it's", 2, None])
    "['it\\\\'s', 2, null]"
    """
    if value is None:
        return "null"
    if isinstance(value, date):
        return f"date('{value.isoformat()}')"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"`{k}`: {cypher_literal(v)}" for k, v in value.items()) + "}"
    text = str(value).replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n").replace("\r", "\\r")
    return "'" + text.replace("\t", "\\t") + "'"


def _merge_node(labels: tuple[str, ...]) -> str:
    """Cypher that finds or creates ``n`` by ``row.id``. An entity is looked up by its ``Entity``
    label alone and created with both labels when absent (a MERGE on two labels is not served by
    the index on the embedded server: 10,000 entities took 13 s that way, 1 s this way)."""
    if labels == (ARTICLE_LABEL,):
        return f"MERGE (n:{ARTICLE_LABEL} {{id: row.id}})"
    return (
        f"OPTIONAL MATCH (found:{ENTITY_BASE_LABEL} {{id: row.id}}) "
        f"FOREACH (_ IN CASE WHEN found IS NULL THEN [1] ELSE [] END | CREATE (:{':'.join(labels)} {{id: row.id}})) "
        f"WITH row MATCH (n:{ENTITY_BASE_LABEL} {{id: row.id}})"
    )


def cypher_script(graph: nx.MultiDiGraph) -> str:
    """A script that loads the subgraph into any database, and changes nothing when run again:
    the constraints first, then nodes and relationships in ``UNWIND`` batches that find or create
    each node by id and ``MERGE`` each relationship on ``(source, type, target, article)``. One
    statement a line, ';'-ended, for ``cypher-shell -f FILE`` or ``diplograph query --write --file FILE``."""
    lines = [
        "// diplograph export: cypher-shell -f FILE, or diplograph query --write --file FILE; running it again"
        " changes nothing",
        *(statement + ";" for statement in cypher.statements("schema")),
    ]
    by_labels: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for node, data in graph.nodes(data=True):
        props = {k: v for k, v in data.items() if k not in ("labels", "label", "id") and v is not None}
        by_labels.setdefault(tuple(_labels(data)), []).append({"id": node, "props": props})
    for labels, rows in sorted(by_labels.items()):
        for start in range(0, len(rows), CYPHER_BATCH):
            chunk = cypher_literal(rows[start : start + CYPHER_BATCH])
            lines.append(f"UNWIND {chunk} AS row {_merge_node(labels)} SET n += row.props;")
    by_type: dict[tuple[str, str, bool], list[dict[str, Any]]] = {}
    for u, v, data in graph.edges(data=True):
        props = {k: val for k, val in data.items() if k != "type" and val is not None}
        target = ARTICLE_LABEL if graph.nodes[v].get("label") == ARTICLE_LABEL else ENTITY_BASE_LABEL
        by_type.setdefault((_rel_type(data), target, "article" in props), []).append({"s": u, "t": v, "p": props})
    for (kind, target, keyed), rows in sorted(by_type.items()):
        key = " {article: row.p.article}" if keyed else ""
        for start in range(0, len(rows), CYPHER_BATCH):
            chunk = cypher_literal(rows[start : start + CYPHER_BATCH])
            lines.append(
                f"UNWIND {chunk} AS row MATCH (s:{ENTITY_BASE_LABEL} {{id: row.s}}) "
                f"MATCH (t:{target} {{id: row.t}}) MERGE (s)-[r:{kind}{key}]->(t) SET r += row.p;"
            )
    return "\n".join(lines) + "\n"


def write(graph: nx.MultiDiGraph, fmt: ExportFormat, out: Path, selection: Selection, *, raw_csv: bool = False) -> Path:
    """Write ``graph`` in ``fmt`` to ``out`` (a file, or a folder for csv and neo4j-admin)
    and its manifest beside it; returns the manifest's path. ``raw_csv`` keeps CSV cells
    that look like spreadsheet formulas as they are (neo4j-admin files always do)."""
    try:
        if fmt is ExportFormat.graphml:
            write_graphml(graph, out)
        elif fmt is ExportFormat.gexf:
            write_gexf(graph, out)
        elif fmt is ExportFormat.json:
            write_json(graph, out)
        elif fmt is ExportFormat.csv:
            write_csv(graph, out, raw=raw_csv)
        elif fmt is ExportFormat.cypher:
            out.write_text(cypher_script(graph), encoding="utf-8")
        else:
            write_neo4j_admin(graph, out)
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from None
    manifest = out / "manifest.json" if out.is_dir() else out.with_name(out.name + ".manifest.json")
    record = {
        "diplograph": __version__,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "format": fmt.value,
        "output": out.name,
        "selection": {k: v for k, v in asdict(selection).items() if v not in (None, [], {}, False)},
        "counts": {
            "nodes": graph.number_of_nodes(),
            "relationships": graph.number_of_edges(),
            "nodes_by_label": _count(d.get("label") for _, d in graph.nodes(data=True)),
            "relationships_by_type": _count(d.get("type") for _, _, d in graph.edges(data=True)),
        },
        "articles": article_ids(graph),
    }
    manifest.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return manifest


def _count(values: Iterable[Any]) -> dict[str, int]:
    out: dict[str, int] = {}
    for v in values:
        out[str(v)] = out.get(str(v), 0) + 1
    return dict(sorted(out.items()))


# ---------------------------------------------------------------- reading back


def load(path: Path | str) -> nx.MultiDiGraph:
    """A graph written by :func:`write` (GraphML, GEXF or node-link JSON), attributes restored."""
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".graphml":
            graph = nx.MultiDiGraph(nx.read_graphml(path, force_multigraph=True))
        elif suffix == ".gexf":
            graph = nx.MultiDiGraph(nx.read_gexf(path))
            for _, data in graph.nodes(data=True):
                data["label"] = data.pop("kind", None)
            for _, _, data in graph.edges(data=True):
                data["type"] = data.pop("relation", None)
        elif suffix == ".json":
            graph = nx.MultiDiGraph(
                nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="edges", multigraph=True)
            )
        else:
            raise ExportError(f"cannot read {path.name}: use a .graphml, .gexf or .json export")
    except (OSError, ValueError, nx.NetworkXError) as exc:
        raise ExportError(f"cannot read {path}: {exc}") from None
    encoded = set(json.loads(graph.graph.pop("json_attributes", "[]") or "[]")) | LIST_ATTRIBUTES
    for _, data in graph.nodes(data=True):
        _decode(data, encoded)
    for _, _, data in graph.edges(data=True):
        _decode(data, encoded)
        for k in ("start", "end", "id"):
            data.pop(k, None)
        for k in DATE_ATTRIBUTES & set(data):
            if isinstance(data[k], str):
                data[k] = date.fromisoformat(data[k])
    return graph


def _decode(data: dict[str, Any], encoded: set[str]) -> None:
    for key in encoded:
        if isinstance(data.get(key), str):
            data[key] = json.loads(data[key])
    data.pop("label_", None)

"""The graph in a Bolt database: schema, batched idempotent writes, reads into networkx.

The store is handed a driver and never builds one (``graph.connection`` does),
so it runs against Neo4j 5 and the embedded ArcadeDB server alike. It never
sees raw text: only the records of ``graph.model``.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from neo4j import READ_ACCESS, Driver, ManagedTransaction, Record, Result
from neo4j.exceptions import DriverError, Neo4jError, ServiceUnavailable, SessionExpired

from graph import cypher
from graph.errors import StoreError, StoreUnavailable
from graph.model import ARTICLE_LABEL, ENTITY_BASE_LABEL, MENTIONED_IN, REL_TYPES, Entity, GraphBatch, date_bounds

log = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 500


@dataclass
class GraphCounts:
    """Nodes by label and relationships by type, as the database reports them."""

    nodes: dict[str, int] = field(default_factory=dict)
    relationships: dict[str, int] = field(default_factory=dict)


def _chunks(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


class Rows(list[dict[str, Any]]):
    """A statement's rows as dicts, and the names of its columns (known also when there are no rows)."""

    columns: list[str]

    def __init__(self, rows: Iterable[dict[str, Any]] = (), columns: Iterable[str] = ()) -> None:
        super().__init__(rows)
        self.columns = list(columns)


def _rows(result: Result, graph: bool) -> Rows:
    return Rows((_row(record, graph) for record in result), result.keys())


class Store:
    """A diplograph graph on one database of one Bolt server."""

    def __init__(
        self,
        driver: Driver,
        database: str | None = None,
        uri: str = "",
        batch_size: int = DEFAULT_BATCH_SIZE,
    ) -> None:
        self.driver = driver
        self.database = database
        self.uri = uri
        self.batch_size = batch_size

    @contextmanager
    def _translated(self, what: str) -> Iterator[None]:
        """Driver errors become diplograph errors here, at the boundary."""
        try:
            yield
        except (ServiceUnavailable, SessionExpired) as exc:
            raise StoreUnavailable(
                f"the database at {self.uri or 'the server'} stopped answering during {what}"
            ) from exc
        except Neo4jError as exc:
            message = (exc.message or str(exc)).splitlines()[0][:300]
            raise StoreError(f"{what} failed: {message}") from exc
        except DriverError as exc:
            raise StoreError(f"{what} failed: {exc}") from exc

    def _write(self, work: Callable[[ManagedTransaction], Any], what: str) -> Any:
        with self._translated(what), self.driver.session(database=self.database) as session:
            return session.execute_write(work)

    def _read(self, work: Callable[[ManagedTransaction], Any], what: str) -> Any:
        with self._translated(what), self.driver.session(database=self.database) as session:
            return session.execute_read(work)

    def apply_schema(self) -> None:
        """Create the constraints and indexes of ``cypher/schema.cypher``; safe to repeat."""
        for statement in cypher.statements("schema"):
            with self._translated("applying the schema"), self.driver.session(database=self.database) as s:
                s.run(statement).consume()

    def write(self, batch: GraphBatch) -> None:
        """Write a batch in one managed transaction: all of it lands, or none of it.

        Entities are looked up by id first, then created or updated (a MERGE on two
        labels is not served by the index on some servers); articles and assertions
        are ``UNWIND $rows … MERGE`` on their keys. Writing a batch twice changes nothing.
        An id already held by an entity of another label fails the whole batch.
        """
        batch.validate()
        entities = batch.merged_entities()
        articles = [{"id": a.id, "props": a.properties()} for a in batch.articles]
        by_type: dict[str, list[dict[str, Any]]] = {}
        for rel in batch.unique_relations():
            source, _, target, _ = rel.key
            by_type.setdefault(rel.type, []).append(
                {
                    "source": source,
                    "target": target,
                    "article": rel.article,
                    "props": {**rel.properties(), **date_bounds(rel.date)},  # date as written, and as Cypher dates
                }
            )

        def work(tx: ManagedTransaction) -> None:
            self._run_chunks(tx, cypher.render("write_articles"), articles)
            existing: dict[str, list[str]] = {}
            for chunk in _chunks([{"id": e.id} for e in entities], self.batch_size):
                for record in tx.run(cypher.load("existing_entities"), rows=chunk):
                    existing[record["id"]] = record["labels"]
            creates: dict[str, list[dict[str, Any]]] = {}
            updates: list[dict[str, Any]] = []
            for ent in entities:
                if ent.id in existing and ent.label not in existing[ent.id]:
                    held = ", ".join(lb for lb in existing[ent.id] if lb != ENTITY_BASE_LABEL)
                    raise StoreError(f"id {ent.id!r} already belongs to a {held}, not a {ent.label}")
                row = {
                    "id": ent.id,
                    "name": ent.name,
                    "aliases": list(ent.aliases),
                    "merged": list(ent.merged),
                    "codes": ent.codes,
                }
                if ent.id in existing:
                    updates.append(row)
                else:
                    creates.setdefault(ent.label, []).append(row)
            for label, rows in sorted(creates.items()):
                self._run_chunks(tx, cypher.render("create_entities", label=label), rows)
            self._run_chunks(tx, cypher.load("update_entities"), updates)
            for rel_type, rows in sorted(by_type.items()):
                target = ARTICLE_LABEL if rel_type == MENTIONED_IN else ENTITY_BASE_LABEL
                self._run_chunks(tx, cypher.render("write_relations", type=rel_type, target=target), rows)

        self._write(work, "writing the batch")

    def is_empty(self) -> bool:
        """Whether the database holds none of diplograph's nodes."""
        return not self.run(cypher.load("any_node"))

    def existing_articles(self, ids: Iterable[str]) -> set[str]:
        """Which of these article ids the graph already holds."""
        return {row["id"] for row in self.run(cypher.load("existing_articles"), {"ids": sorted(set(ids))})}

    def entities(self) -> list[Entity]:
        """Every entity node as a model Entity (id, label, name, aliases, codes)."""
        out = []
        for row in self.run(cypher.render("all_entities")):
            codes = {k: str(row[k]) for k in ("iso3166_1", "iso3166_2", "geonames_id") if row.get(k)}
            out.append(Entity(row["id"], row["label"], row["name"] or row["id"], tuple(row["aliases"]), codes))
        return out

    def _run_chunks(self, tx: ManagedTransaction, statement: str, rows: list[dict[str, Any]]) -> None:
        for chunk in _chunks(rows, self.batch_size):
            tx.run(statement, rows=chunk).consume()

    def run(
        self, statement: str, params: dict[str, Any] | None = None, *, write: bool = False, graph: bool = False
    ) -> list[dict[str, Any]]:
        """Run one statement (values as parameters) and return its rows as dicts; with ``graph``,
        nodes, relationships and paths stay the driver's objects (labels, type, element ids)."""

        def work(tx: ManagedTransaction) -> Rows:
            return _rows(tx.run(statement, params or {}), graph)

        return self._write(work, "the query") if write else self._read(work, "the query")

    def run_read_only(self, statement: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run one statement in a READ-mode transaction that is always rolled back, so nothing
        it does can commit (a server that ignores READ mode still discards its changes); nodes,
        relationships and paths stay the driver's objects."""
        with (
            self._translated("the query"),
            self.driver.session(database=self.database, default_access_mode=READ_ACCESS) as session,
        ):
            tx = session.begin_transaction()
            try:
                return _rows(tx.run(statement, params or {}), True)
            finally:
                tx.rollback()

    def counts(self) -> GraphCounts:
        nodes = self.run(cypher.load("counts_by_label"))
        rels = self.run(cypher.load("counts_by_type"))
        return GraphCounts(
            nodes={r["label"]: r["count"] for r in nodes},
            relationships={r["type"]: r["count"] for r in rels},
        )

    def to_networkx(self, statement: str | None = None, params: dict[str, Any] | None = None) -> nx.MultiDiGraph:
        """The whole graph, or the nodes and relationships a query returns, as a
        MultiDiGraph keyed by node id, every property kept; labels under ``labels``
        and the entity label under ``label``. The whole graph is diplograph's: nodes
        without the Entity or Article label or without an id, and relationships of other
        types, are left out.
        """
        graph = nx.MultiDiGraph()
        if statement is None:

            def fetch(tx: ManagedTransaction) -> tuple[list[Any], list[Any]]:
                # a Record is a tuple: kept as is, unpacked below
                nodes = list(tx.run(cypher.load("all_nodes")))
                return nodes, list(tx.run(cypher.load("all_relationships"), types=sorted(REL_TYPES)))

            # Millions of new objects that all live on: the cyclic collector would rescan them again
            # and again while they arrive and find no garbage (measured: 1.38x a bare read with it,
            # 1.16x without, at 600k rows).
            collecting = gc.isenabled()
            gc.disable()
            try:
                nodes, edges = self._read(fetch, "reading the graph")
                graph.add_nodes_from(_node_attrs(node_id, labels, props) for node_id, labels, props in nodes)
                graph.add_edges_from(
                    (source, target, _edge_key(rel_type, props), {**_native(props), "type": rel_type})
                    for source, target, rel_type, props in edges
                )
            finally:
                if collecting:
                    gc.enable()
            return graph

        def work(tx: ManagedTransaction) -> Any:
            return tx.run(statement, params or {}).graph()

        result = self._read(work, "the selection query")
        for node in result.nodes:
            _add_node(graph, node.get("id", node.element_id), list(node.labels), dict(node))
        for rel in result.relationships:
            if rel.start_node is None or rel.end_node is None:
                continue
            props = _native(dict(rel))
            graph.add_edge(
                rel.start_node.get("id", rel.start_node.element_id),
                rel.end_node.get("id", rel.end_node.element_id),
                key=_edge_key(rel.type, props),
                type=rel.type,
                **props,
            )
        return graph

    def close(self) -> None:
        self.driver.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _row(record: Record, graph: bool) -> dict[str, Any]:
    return dict(record.items()) if graph else record.data()


def _native(props: dict[str, Any]) -> dict[str, Any]:
    """Properties with the driver's dates as Python ``datetime.date`` (networkx and files hold those)."""
    for key, value in props.items():
        if hasattr(value, "to_native") and not isinstance(value, str):
            props[key] = value.to_native()
    return props


def _node_attrs(node_id: str, labels: Iterable[str], props: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """A node for networkx: every property but ``id``, its labels, and its own label under ``label``."""
    labels = sorted(labels)
    specific = [lb for lb in labels if lb != ENTITY_BASE_LABEL]
    attrs = {k: v for k, v in props.items() if k != "id"}
    attrs["labels"] = labels
    attrs["label"] = specific[0] if specific else labels[0]
    return node_id, attrs


def _add_node(graph: nx.MultiDiGraph, node_id: str, labels: Iterable[str], props: dict[str, Any]) -> None:
    graph.add_nodes_from([_node_attrs(node_id, labels, props)])


def _edge_key(rel_type: str, props: dict[str, Any]) -> str:
    return f"{rel_type}@{props.get('article', '')}"

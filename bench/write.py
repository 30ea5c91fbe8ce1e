"""The store's write path beside raw ``UNWIND $rows … MERGE`` through the bare driver, same rows.

    python bench/write.py [--articles N] [--group G] [--rounds R] [--seed S]

Extracts N distinct generated articles (``bench/corpus.py``) once, then writes
them in groups of G articles (as a build does), each group one transaction, in
rounds that take turns: (a) ``Store.write`` (entities looked up by id, then
created or updated; articles and assertions merged on their keys; dates as Cypher
dates) and (b) the plainest Cypher that lands the same rows through the driver
the store was handed: each entity created where it first appears and matched by
id after (known without asking the server), articles and relationships merged on
their keys. Both sides make their rows from the batches inside the timed call.
Every round starts from an emptied database; each side keeps its best round.
Reports rows/s and the ratio raw / store (target: >= 0.9, the store at least nine
tenths of raw speed).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import write  # noqa: E402
from graph.connection import Settings, open_store  # noqa: E402
from graph.model import ARTICLE_LABEL, ENTITY_BASE_LABEL, MENTIONED_IN, GraphBatch, date_bounds  # noqa: E402
from graph.store import Store  # noqa: E402
from loaders.pipeline import default_jobs, process  # noqa: E402

TARGET = 0.9


def batches(articles: int, group: int, seed: int) -> list[GraphBatch]:
    """The corpus extracted and resolved once, as the groups a build writes."""
    with tempfile.TemporaryDirectory() as tmp:
        write(articles, Path(tmp), seed)
        results = [r for r in process([tmp], jobs=default_jobs()) if r.ok]
    out = []
    for start in range(0, len(results), group):
        batch = GraphBatch()
        for result in results[start : start + group]:
            assert result.resolved is not None
            batch.extend(result.resolved.batch)
        out.append(batch)
    return out


def raw_rows(batch: GraphBatch, seen: set[str]) -> list[tuple[str, list[dict[str, Any]]]]:
    """(statement, rows) that land the batch's nodes and relationships with the plainest Cypher:
    an entity is created where it first appears (``seen``: the ids of earlier groups; known here
    without asking the server) and matched by id after, as a two-label MERGE is not served by
    the index on every server; articles and relationships are merged on their keys."""
    out: list[tuple[str, list[dict[str, Any]]]] = [
        (
            "UNWIND $rows AS row MERGE (a:Article {id: row.id}) SET a += row.props",
            [{"id": a.id, "props": a.properties()} for a in batch.articles],
        )
    ]
    by_label: dict[str, list[dict[str, Any]]] = {}
    known: list[dict[str, Any]] = []
    for e in batch.merged_entities():
        row = {"id": e.id, "name": e.name, "aliases": list(e.aliases), "merged": list(e.merged), "codes": e.codes}
        (known if e.id in seen else by_label.setdefault(e.label, [])).append(row)
        seen.add(e.id)
    for label, rows in sorted(by_label.items()):  # labels from the model's fixed set
        out.append(
            (
                f"UNWIND $rows AS row CREATE (n:{ENTITY_BASE_LABEL}:{label} {{id: row.id}}) "
                "SET n.name = row.name, n.aliases = row.aliases, n.merged = row.merged SET n += row.codes",
                rows,
            )
        )
    out.append(
        (
            f"UNWIND $rows AS row MATCH (n:{ENTITY_BASE_LABEL} {{id: row.id}}) "
            "SET n.aliases = row.aliases, n.merged = row.merged SET n += row.codes",
            known,
        )
    )
    by_type: dict[str, list[dict[str, Any]]] = {}
    for rel in batch.unique_relations():
        props = {**rel.properties(), **date_bounds(rel.date)}
        by_type.setdefault(rel.type, []).append(
            {"source": rel.source, "target": rel.target, "article": rel.article, "props": props}
        )
    for kind, rows in sorted(by_type.items()):
        target = ARTICLE_LABEL if kind == MENTIONED_IN else ENTITY_BASE_LABEL
        out.append(
            (
                f"UNWIND $rows AS row MATCH (s:{ENTITY_BASE_LABEL} {{id: row.source}}) "
                f"MATCH (t:{target} {{id: row.target}}) MERGE (s)-[r:{kind} {{article: row.article}}]->(t) "
                "SET r += row.props",
                rows,
            )
        )
    return out


def write_raw(store: Store, batches: list[GraphBatch]) -> None:
    """Each batch in one transaction through the bare driver, its rows made here (as the store
    makes its own inside ``write``)."""
    seen: set[str] = set()
    with store.driver.session(database=store.database) as session:
        for batch in batches:
            statements = raw_rows(batch, seen)

            def work(tx: Any, statements: list[tuple[str, list[dict[str, Any]]]] = statements) -> None:
                for text, rows in statements:
                    for at in range(0, len(rows), store.batch_size):
                        tx.run(text, rows=rows[at : at + store.batch_size]).consume()

            session.execute_write(work)


def best_of_alternating(rounds: int, empty: Callable[[], object], *sides: Callable[[], object]) -> list[float]:
    best = [float("inf")] * len(sides)
    for _ in range(rounds):
        for n, side in enumerate(sides):
            empty()
            start = time.perf_counter()
            side()
            best[n] = min(best[n], time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--group", type=int, default=25, help="articles per transaction (default 25, as build)")
    parser.add_argument(
        "--rounds", type=int, default=7, help="alternating rounds; each side keeps its best (default 7)"
    )
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--uri", default=None, help="a Bolt server to use instead; its database is EMPTIED")
    parser.add_argument("--user", default="neo4j")
    parser.add_argument("--password", default=None)
    args = parser.parse_args()

    groups = batches(args.articles, args.group, args.seed)
    seen: set[str] = set()
    rows = sum(len(r) for b in groups for _, r in raw_rows(b, seen))
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(uri=args.uri, username=args.user, password=args.password, data_dir=Path(tmp) / "db")
        with open_store(settings) as store:
            store.apply_schema()

            def ours() -> None:
                for batch in groups:
                    store.write(batch)

            store_s, raw_s = best_of_alternating(
                args.rounds,
                lambda: store.run("MATCH (n) DETACH DELETE n", write=True),
                ours,
                lambda: write_raw(store, groups),
            )
            where = store.uri
    print(f"{args.articles} articles in {len(groups)} transactions, {rows} rows; best of {args.rounds}; {where}")
    for name, secs in (("Store.write", store_s), ("raw UNWIND … MERGE", raw_s)):
        print(f"{name:<20}{secs:>8.2f} s{rows / secs:>10,.0f} rows/s")
    ratio = raw_s / store_s
    print(f"ratio raw / store: {ratio:.2f} ({'within' if ratio >= TARGET else 'UNDER'} the {TARGET} target)")
    return 0 if ratio >= TARGET else 2


if __name__ == "__main__":
    raise SystemExit(main())

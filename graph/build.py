"""Articles into the graph: the library function behind ``diplograph build``."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import StoreError, StoreUnavailable
from graph.model import GraphBatch
from graph.store import GraphCounts, Store
from loaders.extract import SHIPPED, Scoring
from loaders.identity import Registry
from loaders.pipeline import ArticleResult, process

log = logging.getLogger(__name__)

FLUSH_ARTICLES = 25
# A group is also written when this many seconds have passed since the last write, so that a server
# that has gone away is noticed within seconds, not after the next 25 articles.
FLUSH_SECONDS = 2.0


@dataclass
class BuildReport:
    """What a build did: articles seen, loaded (new to the graph), unchanged (their text was
    already there), skipped (unreadable) and failed (not written)."""

    read: int = 0
    loaded: int = 0
    unchanged: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    counts: GraphCounts = field(default_factory=GraphCounts)

    @property
    def ok(self) -> bool:
        return not self.skipped and not self.failed


def build(
    paths: Iterable[Path | str],
    store: Store,
    on_article: Callable[[ArticleResult], None] | None = None,
    flush_articles: int = FLUSH_ARTICLES,
    flush_seconds: float = FLUSH_SECONDS,
    scoring: Scoring = SHIPPED,
    jobs: int = 1,
) -> BuildReport:
    """Read, extract and write every article under ``paths``.

    Articles are written in groups (``flush_articles`` of them, or what ``flush_seconds``
    gathered), each group in one transaction; if a group fails, its articles are retried one
    by one so one bad article costs only itself. A server that stops answering ends the build
    within seconds (what was written stays; articles read before are written if it can).
    Entities are matched against those already in the graph, so building again
    with more articles merges into the existing nodes. With ``jobs`` > 1, that many processes
    extract while this one resolves (in input order: the graph is a one-process build's) and
    writes, so writing overlaps extraction.
    """
    report = BuildReport()
    store.apply_schema()
    registry = Registry(store.entities())
    pending: list[ArticleResult] = []
    last_flush = [time.monotonic()]

    def landed(results: list[ArticleResult], known: set[str]) -> None:
        for result in results:
            assert result.resolved is not None
            if {a.id for a in result.resolved.batch.articles} <= known:
                report.unchanged += 1
            else:
                report.loaded += 1

    def flush() -> None:
        last_flush[0] = time.monotonic()
        if not pending:
            return
        group = list(pending)
        pending.clear()
        batch = GraphBatch()
        for result in group:
            assert result.resolved is not None
            batch.extend(result.resolved.batch)
        known = store.existing_articles(a.id for a in batch.articles)
        try:
            store.write(batch)
            landed(group, known)
        except StoreUnavailable:
            raise
        except StoreError:
            for result in group:
                assert result.resolved is not None
                try:
                    store.write(result.resolved.batch)
                    landed([result], known)
                except StoreUnavailable:
                    raise
                except StoreError as exc:
                    report.failed.append((result.name, str(exc)))

    try:
        for result in process(paths, registry, scoring, jobs=jobs):
            report.read += 1
            if on_article:
                on_article(result)
            if result.ok:
                pending.append(result)
            else:
                report.skipped.append((result.name, result.error or "unknown"))
            if len(pending) >= flush_articles or time.monotonic() - last_flush[0] >= flush_seconds:
                flush()
    finally:
        flush()  # what was read is written even when the run is interrupted
    report.counts = store.counts()
    return report

"""Articles into the graph: the library function behind ``diplograph build``."""

from __future__ import annotations

import logging
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


@dataclass
class BuildReport:
    """What a build did: articles seen, loaded, skipped (unreadable) and failed (not written)."""

    read: int = 0
    loaded: int = 0
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
    scoring: Scoring = SHIPPED,
) -> BuildReport:
    """Read, extract and write every article under ``paths``.

    Articles are written in groups, each group in one transaction; if a group
    fails, its articles are retried one by one so one bad article costs only
    itself. A server that stops answering ends the build (what was written stays).
    Entities are matched against those already in the graph, so building again
    with more articles merges into the existing nodes.
    """
    report = BuildReport()
    store.apply_schema()
    registry = Registry(store.entities())
    pending: list[ArticleResult] = []

    def flush() -> None:
        if not pending:
            return
        batch = GraphBatch()
        for result in pending:
            assert result.resolved is not None
            batch.extend(result.resolved.batch)
        try:
            store.write(batch)
            report.loaded += len(pending)
        except StoreUnavailable:
            raise
        except StoreError:
            for result in pending:
                assert result.resolved is not None
                try:
                    store.write(result.resolved.batch)
                    report.loaded += 1
                except StoreUnavailable:
                    raise
                except StoreError as exc:
                    report.failed.append((result.name, str(exc)))
        pending.clear()

    for result in process(paths, registry, scoring):
        report.read += 1
        if on_article:
            on_article(result)
        if result.ok:
            pending.append(result)
        else:
            report.skipped.append((result.name, result.error or "unknown"))
        if len(pending) >= flush_articles:
            flush()
    flush()
    report.counts = store.counts()
    return report

"""The whole of ``loaders``: paths in, one result per article out (resolved, or why not)."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from graph.errors import DiplographError
from loaders.clean import clean
from loaders.extract import SHIPPED, Scoring, extract
from loaders.identity import Registry
from loaders.language import describe, language_of
from loaders.read import Document, ReadFailure, read
from loaders.resolve import Resolved, resolve

log = logging.getLogger(__name__)

MIN_WORDS = 20


@dataclass(frozen=True)
class ArticleResult:
    """One input article: its resolved records, or the one-line reason it was skipped."""

    name: str
    resolved: Resolved | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.resolved is not None


def process_document(doc: Document, registry: Registry | None = None, scoring: Scoring = SHIPPED) -> ArticleResult:
    """Clean, extract and resolve one article (against the known entities, if given)."""
    article = clean(doc.text, {k: str(v) for k, v in doc.meta.items()})
    if len(article.body.split()) < MIN_WORDS:
        return ArticleResult(doc.name, error=f"no article text after cleaning ({len(article.body.split())} words)")
    language = language_of(article.body)
    if language not in (None, "en"):
        return ArticleResult(doc.name, error=f"written in {describe(language)}, not English: not extracted")
    try:
        extraction = extract(doc.name, article, url=doc.meta.get("url"), scoring=scoring)
        return ArticleResult(doc.name, resolve(extraction, registry))
    except DiplographError as exc:
        return ArticleResult(doc.name, error=str(exc))


def process(
    paths: Iterable[Path | str], registry: Registry | None = None, scoring: Scoring = SHIPPED
) -> Iterator[ArticleResult]:
    """Every article under ``paths``, each resolved or skipped with its reason.

    One registry spans the run, so an actor keeps one id across its articles;
    without one, a fresh registry is used.
    """
    registry = Registry() if registry is None else registry
    for item in read(paths):
        if isinstance(item, ReadFailure):
            yield ArticleResult(item.name, error=item.reason)
        else:
            yield process_document(item, registry, scoring)

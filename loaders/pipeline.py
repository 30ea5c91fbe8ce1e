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
# The longest article text extracted, in characters after cleaning. spaCy refuses texts over
# 1,000,000 characters and needs about 1 GB of memory per 100,000 for parsing; a news article is
# rarely over 30,000.
MAX_CHARS = 200_000


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
    """Clean, extract and resolve one article (against the known entities, if given).

    Any failure of this one article becomes its one-line reason; it never ends the run.
    """
    try:
        if len(doc.text) > MAX_CHARS * 4:
            return ArticleResult(doc.name, error=_too_long(len(doc.text), "raw"))
        article = clean(doc.text, {k: str(v) for k, v in doc.meta.items()})
        words = len(article.body.split())
        if words < MIN_WORDS:
            return ArticleResult(doc.name, error=f"no article text after cleaning ({words} words)")
        if len(article.body) > MAX_CHARS:
            return ArticleResult(doc.name, error=_too_long(len(article.body), "article"))
        language = language_of(article.body)
        if language not in (None, "en"):
            return ArticleResult(doc.name, error=f"written in {describe(language)}, not English: not extracted")
        extraction = extract(doc.name, article, url=doc.meta.get("url"), scoring=scoring)
        return ArticleResult(doc.name, resolve(extraction, registry))
    except DiplographError as exc:
        return ArticleResult(doc.name, error=str(exc))
    except Exception as exc:  # one article's bug or resource limit costs only itself
        log.debug("processing %s failed", doc.name, exc_info=True)
        detail = " ".join(str(exc).split())[:200]
        return ArticleResult(doc.name, error=f"could not be processed ({type(exc).__name__}: {detail})")


def _too_long(chars: int, what: str) -> str:
    return f"{what} text too long ({chars:,} characters; the limit is {MAX_CHARS:,})"


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

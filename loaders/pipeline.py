"""The whole of ``loaders``: paths in, one result per article out (resolved, or why not)."""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path

from graph.errors import DiplographError
from loaders.clean import clean
from loaders.extract import SHIPPED, Scoring, extract
from loaders.found import Extraction
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
# A pool of extraction processes starts only for more articles than this: each worker loads
# spaCy (about 3 s of one core), which a handful of articles does not repay.
PARALLEL_MIN_ARTICLES = 24
# Articles handed to the pool ahead of the one being resolved, per worker: enough to keep every
# worker busy while the parent resolves and writes, few enough that memory stays flat.
IN_FLIGHT_PER_JOB = 8


@dataclass(frozen=True)
class ArticleResult:
    """One input article: its resolved records, or the one-line reason it was skipped."""

    name: str
    resolved: Resolved | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.resolved is not None


def extract_document(doc: Document, scoring: Scoring = SHIPPED) -> Extraction | str:
    """Clean and extract one article (no identity: that needs the registry): its extraction, or
    the one-line reason it yields none. Needs nothing but its arguments, so a worker process can
    run it; any failure becomes the reason and never ends the run."""
    try:
        if len(doc.text) > MAX_CHARS * 4:
            return _too_long(len(doc.text), "raw")
        article = clean(doc.text, {k: str(v) for k, v in doc.meta.items()})
        words = len(article.body.split())
        if words < MIN_WORDS:
            return f"no article text after cleaning ({words} words)"
        if len(article.body) > MAX_CHARS:
            return _too_long(len(article.body), "article")
        language = language_of(article.body)
        if language not in (None, "en"):
            return f"written in {describe(language)}, not English: not extracted"
        return extract(doc.name, article, url=doc.meta.get("url"), scoring=scoring)
    except Exception as exc:  # one article's bug or resource limit costs only itself
        return _failure(doc.name, exc)


def resolve_extracted(name: str, extracted: Extraction | str, registry: Registry | None = None) -> ArticleResult:
    """The article's result: its extraction resolved against the known entities, or why not."""
    if isinstance(extracted, str):
        return ArticleResult(name, error=extracted)
    try:
        return ArticleResult(name, resolve(extracted, registry))
    except Exception as exc:
        return ArticleResult(name, error=_failure(name, exc))


def process_document(doc: Document, registry: Registry | None = None, scoring: Scoring = SHIPPED) -> ArticleResult:
    """Clean, extract and resolve one article (against the known entities, if given).

    Any failure of this one article becomes its one-line reason; it never ends the run.
    """
    return resolve_extracted(doc.name, extract_document(doc, scoring), registry)


def _failure(name: str, exc: Exception) -> str:
    if isinstance(exc, DiplographError):
        return str(exc)
    log.debug("processing %s failed", name, exc_info=True)
    detail = " ".join(str(exc).split())[:200]
    return f"could not be processed ({type(exc).__name__}: {detail})"


def _too_long(chars: int, what: str) -> str:
    return f"{what} text too long ({chars:,} characters; the limit is {MAX_CHARS:,})"


def default_jobs() -> int:
    """The processes a build uses by default: one per core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def process(
    paths: Iterable[Path | str], registry: Registry | None = None, scoring: Scoring = SHIPPED, jobs: int = 1
) -> Iterator[ArticleResult]:
    """Every article under ``paths``, in order, each resolved or skipped with its reason.

    One registry spans the run, so an actor keeps one id across its articles;
    without one, a fresh registry is used. With ``jobs`` > 1 and more than
    ``PARALLEL_MIN_ARTICLES`` articles, ``jobs`` worker processes extract while this
    process resolves each article in input order: the ids and records are those of a
    one-process run. Articles are read as they are needed, so memory does not grow with
    the corpus. Workers are spawned, so a script that asks for them runs its work under
    ``if __name__ == "__main__":`` (else each worker would run the script again; the pool then
    fails and the articles are extracted in this process).
    """
    registry = Registry() if registry is None else registry
    items = read(paths)
    ahead = list(islice(items, PARALLEL_MIN_ARTICLES + 1)) if jobs > 1 else []
    if len(ahead) <= PARALLEL_MIN_ARTICLES:
        yield from _in_process(chain(ahead, items), registry, scoring)
        return
    yield from _in_pool(ahead, items, registry, scoring, jobs)


def _in_process(
    items: Iterable[Document | ReadFailure], registry: Registry, scoring: Scoring
) -> Iterator[ArticleResult]:
    for item in items:
        if isinstance(item, ReadFailure):
            yield ArticleResult(item.name, error=item.reason)
        else:
            yield process_document(item, registry, scoring)


def _in_pool(
    ahead: list[Document | ReadFailure],
    rest: Iterator[Document | ReadFailure],
    registry: Registry,
    scoring: Scoring,
    jobs: int,
) -> Iterator[ArticleResult]:
    """Extraction in ``jobs`` spawned processes (never forked: the parent may host the embedded
    database's JVM), resolution here, in input order, with a bounded number in flight."""
    items = _chain(ahead, rest)
    pending: deque[tuple[Document | ReadFailure, Future[Extraction | str] | None]] = deque()
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_warm) as pool:

        def submit() -> bool:
            item = next(items, None)
            if item is None:
                return False
            work = pool.submit(extract_document, item, scoring) if isinstance(item, Document) else None
            pending.append((item, work))
            return True

        while len(pending) < jobs * IN_FLIGHT_PER_JOB and submit():
            pass
        while pending:
            item, work = pending.popleft()
            submit()
            if work is None:
                assert isinstance(item, ReadFailure)
                yield ArticleResult(item.name, error=item.reason)
                continue
            assert isinstance(item, Document)
            try:
                extracted = work.result()
            except BrokenProcessPool:
                log.warning("an extraction process stopped; the rest of the articles are extracted here")
                pool.shutdown(wait=False, cancel_futures=True)
                yield ArticleResult(item.name, error="could not be processed (its extraction process stopped)")
                yield from _in_process([i for i, _ in pending], registry, scoring)
                yield from _in_process(items, registry, scoring)
                return
            yield resolve_extracted(item.name, extracted, registry)


def _chain(
    first: list[Document | ReadFailure], rest: Iterator[Document | ReadFailure]
) -> Iterator[Document | ReadFailure]:
    yield from first
    first.clear()  # the read-ahead is not kept once handed on
    yield from rest


def _warm() -> None:
    """A worker loads the language model once, before its first article."""
    from loaders.nlp import load_nlp

    load_nlp()

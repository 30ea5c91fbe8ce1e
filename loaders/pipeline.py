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

from spacy.tokens import Doc

from graph.errors import DiplographError
from loaders.clean import CleanArticle, clean
from loaders.extract import SHIPPED, Scoring, extract
from loaders.found import Extraction
from loaders.identity import Registry
from loaders.language import describe, language_of
from loaders.nlp import load_nlp
from loaders.read import Document, ReadFailure, read
from loaders.resolve import Resolved, resolve

log = logging.getLogger(__name__)

MIN_WORDS = 20
# The longest article text extracted, in characters after cleaning. spaCy refuses texts over
# 1,000,000 characters and needs about 1 GB of memory per 100,000 for parsing; a news article is
# rarely over 30,000.
MAX_CHARS = 200_000
# A pool of extraction processes starts only for more articles than this: each worker loads
# spaCy and the gazetteers (about 4 CPU-seconds, the extraction of some 60 articles), and at 300
# articles a pool of two was still slower than one process (bench/README.md).
PARALLEL_MIN_ARTICLES = 200
# Articles spaCy parses together (``nlp.pipe``) in one process: batches of 8–32 took about a quarter
# less CPU than one article at a time, with the same annotations (bench/README.md).
BATCH = 16
# Longer articles are parsed alone: spaCy's memory grows with the text it parses at once.
BATCH_MAX_CHARS = 20_000
# Articles sent to a worker as one task (parsed together there).
POOL_BATCH = 8
# Tasks handed to the pool ahead of the one being resolved, per worker: enough to keep every
# worker busy while the parent resolves and writes, few enough that memory stays flat.
IN_FLIGHT_PER_JOB = 2


@dataclass(frozen=True)
class ArticleResult:
    """One input article: its resolved records, or the one-line reason it was skipped."""

    name: str
    resolved: Resolved | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.resolved is not None


def _prepare(doc: Document) -> CleanArticle | str:
    """The article cleaned and checked (length, words, language), or why it is not extracted."""
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
    return article


def extract_document(doc: Document, scoring: Scoring = SHIPPED) -> Extraction | str:
    """Clean and extract one article (no identity: that needs the registry): its extraction, or
    the one-line reason it yields none. Needs nothing but its arguments, so a worker process can
    run it; any failure becomes the reason and never ends the run."""
    try:
        article = _prepare(doc)
        if isinstance(article, str):
            return article
        return extract(doc.name, article, url=doc.meta.get("url"), scoring=scoring)
    except Exception as exc:  # one article's bug or resource limit costs only itself
        return _failure(doc.name, exc)


def extract_documents(docs: list[Document], scoring: Scoring = SHIPPED) -> list[Extraction | str]:
    """`extract_document` of each, in order, with spaCy parsing the batch together (``nlp.pipe``:
    about a quarter less CPU than one by one, the same annotations); an article longer than
    ``BATCH_MAX_CHARS`` is parsed alone. If the batch's parse fails, each article is parsed
    alone, so one bad article still costs only itself."""
    prepared: list[CleanArticle | str] = []
    for doc in docs:
        try:
            prepared.append(_prepare(doc))
        except Exception as exc:
            prepared.append(_failure(doc.name, exc))
    batched = [i for i, a in enumerate(prepared) if isinstance(a, CleanArticle) and len(a.text) <= BATCH_MAX_CHARS]
    parsed: dict[int, Doc] = {}
    if len(batched) > 1:
        try:
            texts = [prepared[i].text for i in batched]  # type: ignore[union-attr]
            parsed = dict(zip(batched, load_nlp().pipe(texts, batch_size=len(texts)), strict=True))
        except Exception:
            log.debug("parsing a batch failed; each article is parsed alone", exc_info=True)
            parsed = {}
    out: list[Extraction | str] = []
    for i, (doc, article) in enumerate(zip(docs, prepared, strict=True)):
        if isinstance(article, str):
            out.append(article)
            continue
        try:  # an article not parsed with the batch (long, or the batch failed) is parsed here
            out.append(extract(doc.name, article, url=doc.meta.get("url"), scoring=scoring, parsed=parsed.get(i)))
        except Exception as exc:
            out.append(_failure(doc.name, exc))
    return out


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
    """The processes a build uses by default: one per core this process may run on.

    A pool costs CPU of its own (each worker loads spaCy and the gazetteers; articles and
    extractions move between processes), which pays back only on longer builds: a pool starts
    only past ``PARALLEL_MIN_ARTICLES`` articles. The machine's load is not consulted: a load
    average read at the start says little about the next ten minutes. On the busy 2-core
    development machine two workers and one process built 10,000 articles in about the same
    time (588 and 562 s); on a quieter one two workers were about 1.5× faster (bench/README.md).
    ``--jobs`` overrides this; the graph is the same whatever the number.
    """
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
        yield from process_documents(chain(ahead, items), registry, scoring)
        return
    yield from _in_pool(ahead, items, registry, scoring, jobs)


def process_documents(
    items: Iterable[Document | ReadFailure], registry: Registry | None = None, scoring: Scoring = SHIPPED
) -> Iterator[ArticleResult]:
    """`process_document` of each, in this process, ``BATCH`` articles at a time (spaCy parses a
    batch together), each resolved in input order against ``registry`` (or a fresh one)."""
    registry = Registry() if registry is None else registry
    items = iter(items)
    while chunk := list(islice(items, BATCH)):
        yield from _resolved(chunk, _extracted(chunk, scoring), registry)


def _extracted(chunk: list[Document | ReadFailure], scoring: Scoring) -> list[Extraction | str]:
    """`extract_documents` for the documents of ``chunk``; a read failure's reason for the others."""
    docs = [item for item in chunk if isinstance(item, Document)]
    done = iter(extract_documents(docs, scoring))
    return [next(done) if isinstance(item, Document) else item.reason for item in chunk]


def _resolved(
    chunk: list[Document | ReadFailure], extracted: list[Extraction | str], registry: Registry
) -> Iterator[ArticleResult]:
    for item, result in zip(chunk, extracted, strict=True):
        yield resolve_extracted(item.name, result, registry)


def _in_pool(
    ahead: list[Document | ReadFailure],
    rest: Iterator[Document | ReadFailure],
    registry: Registry,
    scoring: Scoring,
    jobs: int,
) -> Iterator[ArticleResult]:
    """Extraction in ``jobs`` spawned processes (never forked: the parent may host the embedded
    database's JVM), ``POOL_BATCH`` articles per task, resolution here, in input order, with a
    bounded number of tasks in flight."""
    items = _chain(ahead, rest)
    pending: deque[tuple[list[Document | ReadFailure], Future[list[Extraction | str]] | None]] = deque()
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_warm) as pool:

        def submit() -> bool:
            chunk = list(islice(items, POOL_BATCH))
            if not chunk:
                return False
            try:
                pending.append((chunk, pool.submit(_extracted, chunk, scoring)))
            except BrokenProcessPool:
                pending.append((chunk, None))
            return True

        while len(pending) < jobs * IN_FLIGHT_PER_JOB and submit():
            pass
        while pending:
            chunk, work = pending.popleft()
            try:
                if work is None:
                    raise BrokenProcessPool("the pool stopped before this task was handed to it")
                extracted = work.result()
            except BrokenProcessPool:
                log.warning("an extraction process stopped; the rest of the articles are extracted here")
                pool.shutdown(wait=False, cancel_futures=True)
                yield from _alone(chunk, registry, scoring)
                for waiting, _ in pending:
                    yield from process_documents(waiting, registry, scoring)
                yield from process_documents(items, registry, scoring)
                return
            submit()
            yield from _resolved(chunk, extracted, registry)


def _alone(chunk: list[Document | ReadFailure], registry: Registry, scoring: Scoring) -> Iterator[ArticleResult]:
    """The articles of a task whose process stopped, each extracted in a process of its own (one
    of them may be what stopped it): the one that stops its process again is reported, the
    others land."""
    context = multiprocessing.get_context("spawn")
    for item in chunk:
        if isinstance(item, ReadFailure):
            yield ArticleResult(item.name, error=item.reason)
            continue
        with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
            try:
                extracted = pool.submit(extract_document, item, scoring).result()
            except BrokenProcessPool:
                extracted = "could not be processed (its extraction process stopped)"
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

"""The pipeline: a parallel run gives the ids and records of a one-process run, in input order."""

from __future__ import annotations

import sys
from dataclasses import asdict
from pathlib import Path

from loaders import pipeline
from loaders.identity import Registry
from loaders.pipeline import ArticleResult, extract_document, extract_documents, process
from loaders.read import Document

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import generate, write  # noqa: E402


def _records(results: list[ArticleResult]) -> list[tuple]:
    out = []
    for r in results:
        batch = r.resolved.batch if r.resolved else None
        out.append(
            (
                r.name,
                r.error,
                r.resolved.record if r.resolved else None,
                [asdict(e) for e in batch.entities] if batch else None,
                [asdict(x) for x in batch.relations] if batch else None,
                [asdict(a) for a in batch.articles] if batch else None,
            )
        )
    return out


def test_a_parallel_run_equals_a_one_process_run(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_ARTICLES", 24)  # a pool for a few articles: the test stays short
    paths = write(24 + 26, tmp_path / "corpus", seed=3)
    (tmp_path / "corpus" / "000010_short.txt").write_text("Too short to be an article.\n")
    (tmp_path / "corpus" / "000020_binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    monkeypatch.setattr(pipeline, "POOL_BATCH", 4)
    monkeypatch.setattr(pipeline, "IN_FLIGHT_PER_JOB", 2)  # the window slides many times
    pools: list[int] = []
    in_pool = pipeline._in_pool

    def counted(*args, **kwargs):
        pools.append(args[-1])
        yield from in_pool(*args, **kwargs)

    monkeypatch.setattr(pipeline, "_in_pool", counted)
    one, two = Registry(), Registry()
    alone = list(process([tmp_path / "corpus"], one, jobs=1))
    pooled = list(process([tmp_path / "corpus"], two, jobs=2))
    assert len(alone) == len(paths) + 2
    assert pools == [2]
    assert [r.name for r in pooled] == [r.name for r in alone]
    assert sum(not r.ok for r in alone) == 2
    assert _records(pooled) == _records(alone)
    assert {k: asdict(e) for k, e in two.entities.items()} == {k: asdict(e) for k, e in one.entities.items()}


def test_a_few_articles_are_extracted_without_a_pool(tmp_path: Path, monkeypatch) -> None:
    write(3, tmp_path, seed=4)

    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a pool was started for three articles")

    monkeypatch.setattr(pipeline, "_in_pool", no_pool)
    assert all(r.ok for r in process([tmp_path], jobs=4))


def test_a_batch_parsed_together_gives_what_each_article_alone_gives() -> None:
    docs = [Document(name, text, name) for name, text in generate(5, seed=6)]
    docs.insert(2, Document("short.txt", "Too short to be an article.", "short.txt"))
    together = extract_documents(docs)
    alone = [extract_document(doc) for doc in docs]
    assert isinstance(together[2], str) and together[2] == alone[2]
    assert [asdict(x) if not isinstance(x, str) else x for x in together] == [
        asdict(x) if not isinstance(x, str) else x for x in alone
    ]

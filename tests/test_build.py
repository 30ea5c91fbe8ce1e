"""Building under faults: a server that dies mid-build is reported fast, and a rebuild ends
equal to an uninterrupted build."""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import pytest

from graph import embedded
from graph.build import build
from graph.connection import Settings, open_store
from graph.errors import StoreUnavailable
from graph.store import Store

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _snapshot(store: Store) -> tuple[dict, dict, list, list]:
    counts = store.counts()
    ids = sorted(r["id"] for r in store.run("MATCH (n) RETURN n.id AS id"))
    rels = store.run("MATCH (s)-[r]->(t) RETURN s.id AS s, type(r) AS type, t.id AS t, r.article AS article")
    return counts.nodes, counts.relationships, ids, sorted(tuple(r.values()) for r in rels)


@pytest.mark.slow
def test_a_server_stopped_mid_build_is_reported_fast_and_a_rebuild_equals_a_clean_build(store: Store, tmp_path: Path):
    build([SEEDS], store)
    clean = _snapshot(store)

    folder = tmp_path / "db"
    info = embedded.start(folder, mode="daemon")
    seen: list[object] = []
    killed: list[float] = []

    def kill_on_third(result: object) -> None:
        seen.append(result)
        if len(seen) == 3:  # its write, one article per group, meets a dead server
            os.kill(info.pid, signal.SIGKILL)
            killed.append(time.monotonic())

    try:
        with (
            open_store(Settings(data_dir=folder)) as interrupted,
            pytest.raises(StoreUnavailable, match="stopped answering") as caught,
        ):
            build([SEEDS], interrupted, on_article=kill_on_third, flush_articles=1)
        reported = time.monotonic() - killed[0]
        assert reported < 10, f"reported {reported:.1f} s after the server died"
        assert "\n" not in str(caught.value) and info.password not in str(caught.value)

        embedded.start(folder, mode="daemon")
        with open_store(Settings(data_dir=folder)) as rebuilt:
            report = build([SEEDS], rebuilt)
            assert report.ok and report.read == 5
            assert _snapshot(rebuilt) == clean
    finally:
        embedded.stop(folder)


@pytest.mark.slow
def test_a_parallel_build_writes_the_graph_of_a_one_process_build(store: Store, tmp_path: Path, monkeypatch):
    sys.path.insert(0, str(SEEDS.parent))
    from loaders import pipeline

    monkeypatch.setattr(pipeline, "PARALLEL_MIN_ARTICLES", 24)  # a pool for 40 articles
    from bench.corpus import write

    write(40, tmp_path / "corpus", seed=9)
    pooled = build([tmp_path / "corpus"], store, jobs=2, flush_articles=7)
    parallel = _snapshot(store)
    store.run("MATCH (n) DETACH DELETE n", write=True)
    alone = build([tmp_path / "corpus"], store, jobs=1)
    assert pooled.ok and alone.ok and pooled.loaded == alone.loaded == 40
    assert _snapshot(store) == parallel

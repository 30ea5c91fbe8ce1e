"""A whole build of N distinct generated articles: time, articles/s, peak memory, and a check
that a parallel build writes the graph a one-process build writes.

    python bench/build.py --articles 1000 [--jobs J] [--compare] [--seed S] [--profile FILE]
    python bench/build.py --articles 400 --jobs J --extract-only

Writes ``bench/corpus.py``'s articles into a temporary folder and builds them into a
temporary embedded database (or the server given with --uri, which it EMPTIES), with
``--jobs`` extraction processes (default: one per core). Reports seconds, articles/s
and the peak resident memory of this process and of the largest worker. With
``--compare`` it builds again with one process into an emptied database and says
whether both graphs are equal (node ids, relationships with their articles, counts)
and the speed-up. ``--profile`` writes a cProfile of this process (resolution,
writing and, with --jobs 1, extraction) to FILE. ``--extract-only`` times reading,
extraction and identity alone (``loaders.pipeline.process``, no database) and reports
the CPU seconds of this process and its workers, so that the cost of the pool shows
even on a machine too busy for it to gain time.
"""

from __future__ import annotations

import argparse
import cProfile
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import write  # noqa: E402
from graph.build import BuildReport, build  # noqa: E402
from graph.connection import Settings, open_store  # noqa: E402
from graph.store import Store  # noqa: E402
from loaders.pipeline import default_jobs, process  # noqa: E402


def peak_mb(who: int) -> float:
    """Peak resident memory in MB (Linux reports kilobytes) of this process or its largest child."""
    return resource.getrusage(who).ru_maxrss / 1024


def snapshot(store: Store) -> tuple[object, ...]:
    """The graph as comparable values: counts, node ids, relationships with their articles."""
    counts = store.counts()
    ids = sorted(r["id"] for r in store.run("MATCH (n) RETURN n.id AS id"))
    rels = store.run("MATCH (s)-[r]->(t) RETURN s.id AS s, type(r) AS type, t.id AS t, r.article AS article")
    return counts.nodes, counts.relationships, ids, sorted(tuple(r.values()) for r in rels)


def timed_build(folder: Path, store: Store, jobs: int, profile: Path | None = None) -> tuple[float, BuildReport]:
    profiler = cProfile.Profile() if profile else None
    start = time.perf_counter()
    if profiler:
        profiler.enable()
    report = build([folder], store, jobs=jobs)
    if profiler:
        profiler.disable()
        profiler.dump_stats(profile)
    return time.perf_counter() - start, report


def cpu_seconds() -> float:
    """User and system CPU time of this process and of its finished children."""
    used = (resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return sum(u.ru_utime + u.ru_stime for u in used)


def extract_only(folder: Path, articles: int, jobs: int) -> None:
    cpu, start = cpu_seconds(), time.perf_counter()
    ok = sum(1 for result in process([folder], jobs=jobs) if result.ok)
    secs, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    print(
        f"{articles} distinct articles, --jobs {jobs}, no database: {secs:.1f} s, {ok / secs:.2f} articles/s; "
        f"CPU {cpu:.1f} s in all processes ({cpu / secs:.2f} cores busy)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--jobs", type=int, default=default_jobs())
    parser.add_argument("--compare", action="store_true", help="build again with --jobs 1 and compare the graphs")
    parser.add_argument("--extract-only", action="store_true", help="no database: extraction and identity alone")
    parser.add_argument("--profile", type=Path, default=None, help="write a cProfile of the (first) build here")
    parser.add_argument("--uri", default=None, help="a Bolt server to use instead; its database is emptied")
    parser.add_argument("--user", default="neo4j")
    parser.add_argument("--password", default=None)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        made = time.perf_counter()
        write(args.articles, folder, args.seed)
        made = time.perf_counter() - made
        if args.extract_only:
            extract_only(folder, args.articles, args.jobs)
            return 0
        settings = Settings(uri=args.uri, username=args.user, password=args.password, data_dir=Path(tmp) / "db")
        with open_store(settings) as store:
            store.run("MATCH (n) DETACH DELETE n", write=True)
            secs, report = timed_build(folder, store, args.jobs, args.profile)
            parallel = snapshot(store) if args.compare else None
            counts = report.counts
            print(
                f"{args.articles} distinct articles (seed {args.seed}, generated in {made:.1f} s), --jobs {args.jobs}: "
                f"{secs:.1f} s, {args.articles / secs:.2f} articles/s; "
                f"loaded {report.loaded}, skipped {len(report.skipped)}, failed {len(report.failed)}; "
                f"{sum(counts.nodes.values())} nodes, {sum(counts.relationships.values())} relationships"
            )
            print(
                f"peak memory: this process {peak_mb(resource.RUSAGE_SELF):.0f} MB, "
                f"largest worker {peak_mb(resource.RUSAGE_CHILDREN):.0f} MB"
            )
            if args.compare:
                store.run("MATCH (n) DETACH DELETE n", write=True)
                alone, _ = timed_build(folder, store, 1)
                same = snapshot(store) == parallel
                print(
                    f"--jobs 1: {alone:.1f} s, {args.articles / alone:.2f} articles/s; "
                    f"speed-up of --jobs {args.jobs}: {alone / secs:.2f}x; "
                    f"graphs {'EQUAL' if same else 'DIFFER'}"
                )
                if not same:
                    return 2
    return 0 if report.ok else 2


if __name__ == "__main__":
    raise SystemExit(main())

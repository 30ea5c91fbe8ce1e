"""Analysis speed: reading from the store, and the measures at two sizes, beside plain networkx.

    python bench/analysis.py [--sizes 10000,100000] [--edges-per-node 5] [--data-dir DIR]

Builds a synthetic scale-free actor graph (Barabási–Albert, about five
relationships per node) of the largest size in a temporary embedded store (or
on the server given with --uri, which it EMPTIES first), then reports in one run:

- reading the graph into networkx with ``Store.to_networkx`` beside a bare driver
  query returning the same rows (target: within 1.25x);
- each measure at every size through ``analysis.centrality`` on the actor graph,
  including getting the graph (collapsing the ties, converting for the engine,
  countries), and again reusing what the first call derived, beside plain networkx
  on the collapsed graph made once (target: >= 10x for PageRank, closeness, betweenness,
  communities and brokers at 10k nodes). PageRank is shown twice: beside ``nx.pagerank``
  (SciPy) and, as ``pagerank-py``, beside networkx's pure-Python implementation.
  ``communities`` is ``analysis.communities`` (Louvain, betweenness overall and within each
  community, bridges, articulation points: the brokers table) beside the same steps in networkx.

Exact betweenness and closeness cost O(nodes x edges); where plain networkx would
take hours, its time is extrapolated from a run over a sample of source nodes and
marked "est."; where even rustworkx would take long, its time is the smaller size's
scaled by nodes x edges, also marked "est.". Figures are ratios measured in the same
run, never fixed seconds.
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

import networkx as nx  # noqa: E402
from networkx.algorithms.link_analysis import pagerank_alg  # noqa: E402

from graph import analysis, cypher  # noqa: E402
from graph.connection import Settings, open_store  # noqa: E402
from graph.model import REL_TYPES, Article, Entity, GraphBatch, Relation  # noqa: E402
from graph.store import Store  # noqa: E402

WRITE_CHUNK = 20_000
SAMPLE_SOURCES = 200  # source nodes for an extrapolated networkx betweenness/closeness
EXACT_LIMIT = 3e9  # nodes x edges above which an exact O(nm) measure is estimated, not run


def _timed(work: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def synthetic(nodes: int, per_node: int, seed: int = 7) -> nx.Graph:
    return nx.barabasi_albert_graph(nodes, per_node, seed=seed)


def write_graph(store: Store, graph: nx.Graph) -> float:
    """Write the graph as Person entities and MET/VISITED assertions of 50 articles."""
    store.run("MATCH (n) DETACH DELETE n", write=True)
    store.apply_schema()
    articles = [Article(f"bench-{i}", f"bench-{i}.txt", date=f"{2000 + i % 25}-01-01") for i in range(50)]
    edges = list(graph.edges)
    start = time.perf_counter()
    store.write(GraphBatch(articles, [], []))
    for i in range(0, len(edges), WRITE_CHUNK):
        chunk = edges[i : i + WRITE_CHUNK]
        ends = sorted({n for edge in chunk for n in edge})
        entities = [Entity(f"person:n{n}", "Person", f"Actor {n}") for n in ends]
        rels = [
            Relation("MET" if (u + v) % 3 else "VISITED", f"person:n{u}", f"person:n{v}", f"bench-{(u * 31 + v) % 50}")
            for u, v in chunk
        ]
        store.write(GraphBatch(articles, entities, rels))
    return time.perf_counter() - start


def bare_read(store: Store) -> int:
    """The same two queries ``to_networkx`` runs, rows fetched and nothing built."""
    rows = 0
    with store.driver.session(database=store.database) as session:
        for name in ("all_nodes", "all_relationships"):
            rows += sum(1 for _ in session.run(cypher.load(name), types=sorted(REL_TYPES)))
    return rows


def measure_times(graph: nx.MultiDiGraph) -> list[tuple[str, str, float, float, float, bool]]:
    """Per measure: (measure, engine, diplograph seconds for ``analysis.centrality`` on the actor
    graph with nothing derived yet (collapsing the ties, converting for the engine, countries),
    the same call again reusing what the first derived, plain networkx seconds on the collapsed
    graph made once, whether the networkx figure is extrapolated)."""
    und = analysis.collapse(graph)
    di = analysis.collapse(graph, directed=True)
    n, m = und.number_of_nodes(), und.number_of_edges()
    betweenness_plain = float("nan")
    engine = analysis.choose_engine("auto", n)
    out: list[tuple[str, str, float, float, float, bool]] = []

    def ours(kind: str) -> tuple[float, float]:
        analysis.forget(graph)
        cold, _ = _timed(lambda: analysis.centrality(graph, [kind]))
        warm, _ = _timed(lambda: analysis.centrality(graph, [kind]))
        return cold, warm

    plain, _ = _timed(lambda: nx.degree_centrality(und))
    out.append(("degree", "networkx", *ours("degree"), plain, False))
    plain, _ = _timed(lambda: nx.eigenvector_centrality(und, weight="weight", max_iter=1000))
    out.append(("eigenvector", "networkx", *ours("eigenvector"), plain, False))
    for measure in ("pagerank", "pagerank-py", "betweenness", "closeness"):
        kind = "pagerank" if measure.startswith("pagerank") else measure
        if kind == "pagerank":
            # nx.pagerank is SciPy-vectorised; networkx's pure-Python PageRank is the other reference
            reference = nx.pagerank if measure == "pagerank" else pagerank_alg._pagerank_python
            plain, _ = _timed(lambda ref=reference: ref(di, weight="weight"))
            estimated = False
        else:
            sample = min(SAMPLE_SOURCES, n)
            if measure == "betweenness":
                part, _ = _timed(lambda k=sample: nx.betweenness_centrality(und, k=k, seed=1))
            else:
                sources = list(und)[:sample]
                part, _ = _timed(lambda src=sources: [nx.single_source_shortest_path_length(und, s) for s in src])
            plain, estimated = part * n / sample, sample < n
        if engine == "rustworkx" and kind != "pagerank" and n * m > EXACT_LIMIT:
            out.append((measure, "rustworkx (not run: O(nm))", float("nan"), float("nan"), plain, estimated))
        else:
            out.append((measure, engine, *ours(kind), plain, estimated))
        if measure == "betweenness":
            betweenness_plain = plain
    if n * m <= EXACT_LIMIT:
        plain, estimated = _communities_networkx(und, betweenness_plain)
        analysis.forget(graph)
        cold, _ = _timed(lambda: analysis.communities(graph))
        warm, _ = _timed(lambda: analysis.communities(graph))
        out.append(("communities", engine, cold, warm, plain, estimated))
    return out


def _communities_networkx(und: nx.Graph, betweenness: float) -> tuple[float, bool]:
    """What ``analysis.communities`` costs done with networkx alone: Louvain (the same call),
    betweenness overall (``betweenness``, the figure measured above), betweenness within each
    community (over a sample of sources where a community is large) and the articulation points."""
    louvain, groups = _timed(lambda: nx.community.louvain_communities(und, weight="weight", seed=analysis.LOUVAIN_SEED))
    within = 0.0
    estimated = False
    for group in groups:
        if len(group) <= 2:
            continue
        sub = und.subgraph(group)
        sample = min(SAMPLE_SOURCES, len(group))
        secs, _ = _timed(lambda s=sub, k=sample: nx.betweenness_centrality(s, k=k, seed=1))
        within += secs * len(group) / sample
        estimated = estimated or sample < len(group)
    cut, _ = _timed(lambda: list(nx.articulation_points(und)))
    return louvain + betweenness + within + cut, estimated or und.number_of_nodes() > SAMPLE_SOURCES


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="node counts, comma-separated")
    parser.add_argument("--edges-per-node", type=int, default=5)
    parser.add_argument("--data-dir", type=Path, default=None, help="embedded data folder (default: a temporary one)")
    parser.add_argument("--read-only", action="store_true", help="measure the read from the store only")
    parser.add_argument("--uri", default=None, help="a Bolt server to use instead; its database is emptied")
    parser.add_argument("--user", default="neo4j")
    parser.add_argument("--password", default=None)
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    print(f"engines installed: {', '.join(analysis.available_engines())}")

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            uri=args.uri, username=args.user, password=args.password, data_dir=args.data_dir or Path(tmp) / "bench-db"
        )
        with open_store(settings) as store:
            biggest = synthetic(sizes[-1], args.edges_per_node)
            wrote = write_graph(store, biggest)
            rows = biggest.number_of_nodes() + 50 + biggest.number_of_edges()
            print(
                f"wrote {biggest.number_of_nodes()} nodes, {biggest.number_of_edges()} relationships "
                f"in {wrote:.1f} s ({store.uri})"
            )
            bare, count = _timed(lambda: bare_read(store))
            ours, graph = _timed(store.to_networkx)
        ratio = ours / bare
        print(
            f"\nread {count} rows: bare driver {bare:.2f} s ({count / bare:,.0f} rows/s), "
            f"to_networkx {ours:.2f} s ({count / ours:,.0f} rows/s); ratio {ratio:.2f} "
            f"({'within' if ratio <= 1.25 else 'OVER'} the 1.25x target)"
        )
        assert count == rows
    if args.read_only:
        return 0

    print(
        f"\n{'nodes':>8} {'measure':<12} {'engine':<10} {'diplograph s':>12} {'(reused s)':>11} "
        f"{'networkx s':>15} {'speed-up':>9} {'reused':>13}"
    )
    smaller: dict[str, tuple[int, float]] = {}
    for size in sizes:
        if size == sizes[-1]:
            actors = analysis.actor_graph(graph)
        else:
            small = synthetic(size, args.edges_per_node)
            actors = nx.MultiDiGraph()
            actors.add_nodes_from((f"n{n}", {"label": "Person", "name": f"Actor {n}"}) for n in small)
            actors.add_edges_from(
                (f"n{u}", f"n{v}", f"MET@a{(u * 31 + v) % 50}", {"type": "MET", "article": f"a{(u * 31 + v) % 50}"})
                for u, v in small.edges
            )
        work = actors.number_of_nodes() * analysis.collapse(actors).number_of_edges()
        for measure, engine, secs, again, plain, estimated in measure_times(actors):
            if secs != secs and measure in smaller:  # not run: scale the smaller size's time by n x m
                before_work, before_secs = smaller[measure]
                secs, again = before_secs * work / before_work, float("nan")
                engine, estimated = "rustworkx est.", True
            smaller[measure] = (work, secs)
            ran = secs == secs
            total = f"{plain / secs:8.1f}x" if ran and secs > 0 else f"{'-':>9}"
            compute = f"{plain / again:12.1f}x" if again == again and again > 0 else f"{'':>13}"
            shown = f"{secs:12.2f}" if ran else f"{'-':>12}"
            conv = f"{again:11.3f}" if again == again else f"{'':>11}"
            mark = " est." if estimated else "     "
            print(f"{size:>8} {measure:<12} {engine:<10} {shown} {conv} {plain:>10.2f}{mark} {total} {compute}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Analyses over the actor graph: centrality, paths with evidence, communities and
brokers, projections to countries and places, and measures per time window.

Everything takes and returns networkx and pandas objects. The input is the
``MultiDiGraph`` that :meth:`graph.store.Store.to_networkx` returns (or one read
back from an export): one edge per assertion per article.

Weighting rule. :func:`actor_graph` keeps entity nodes and assertions (no
``Article`` nodes, no ``MENTIONED_IN``). :func:`collapse` turns the assertions
between two actors into one tie whose ``weight`` is the number of distinct
articles asserting any relation between them (an article that says two actors met
and signed counts once), and whose ``types`` counts assertions by type.

Measures:
- ``degree``: distinct neighbours; ``weighted_degree``: sum of tie weights;
- ``betweenness`` and ``closeness``: on hops, ignoring weight and direction (a tie
  is a tie however often it is reported), normalised as networkx does;
- ``eigenvector``: on the undirected weighted graph;
- ``pagerank``: on the directed weighted graph, where ``VISITED``, ``HOLDS_ROLE``
  and ``LOCATED_IN`` point from the actor to the place or organisation, and
  ``MET``, ``SIGNED`` and ``TWINNED`` (symmetric) count in both directions.
"""

from __future__ import annotations

import importlib.util
import itertools
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import networkx as nx
import pandas as pd

from graph.errors import DiplographError, ModelError
from graph.model import (
    ARTICLE_LABEL,
    MENTIONED_IN,
    PLACE_LABELS,
    REL_TYPES,
    UNDIRECTED_TYPES,
    canonical_label,
    date_range,
)

MEASURES = ("degree", "weighted_degree", "betweenness", "closeness", "eigenvector", "pagerank")
HEAVY = ("betweenness", "closeness", "pagerank")
FAST_ENGINE_MIN_NODES = 2_000  # below this, networkx is quick enough and is the reference
LOUVAIN_SEED = 42
PAGERANK_TOL = 1e-10  # tight enough that both engines agree to 1e-8
PAGERANK_MAX_ITER = 1000


class AnalysisError(DiplographError):
    """An analysis was asked something it cannot answer (an unknown measure or window)."""


# ---------------------------------------------------------------- selection


def period(value: str) -> tuple[date, date]:
    """The first and last day an assertion date denotes: ``2024`` is the whole year,
    ``2024-11`` the month, ``2024-11-24`` the day.

    >>> period("2024-02")
    (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))
    """
    try:
        return date_range(value)
    except ModelError as exc:
        raise AnalysisError(str(exc)) from None


def _day(value: Any) -> date:
    """A Cypher date as Python's: ``datetime.date`` as is, the driver's ``neo4j.time.Date`` or ISO text."""
    if isinstance(value, date):
        return value
    if hasattr(value, "to_native"):
        return value.to_native()
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise AnalysisError(f"not a date: {value!r} (use YYYY-MM-DD)") from None


def span(data: dict[str, Any]) -> tuple[date, date] | None:
    """The first and last day an assertion covers: its ``date_from``/``date_to`` (Cypher dates, as the
    store writes them and a researcher may set them), else read from ``date`` as written (a graph built
    before the store wrote them); ``None`` when undated.

    >>> span({"date": "2024", "date_from": date(2024, 3, 1), "date_to": date(2024, 3, 31)})
    (datetime.date(2024, 3, 1), datetime.date(2024, 3, 31))
    >>> span({"date": "2024-02"})
    (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))
    """
    first, last = data.get("date_from"), data.get("date_to")
    if first is not None or last is not None:
        first, last = _day(first if first is not None else last), _day(last if last is not None else first)
        return (first, last) if first <= last else (last, first)
    if data.get("date"):
        return period(str(data["date"]))
    return None


def in_window(value: Any, since: str | None, until: str | None) -> bool:
    """Whether an assertion overlaps [since, until]; undated ones only when no window.

    ``value`` is the assertion's properties (its ``date_from``/``date_to`` decide, see :func:`span`)
    or a date as written."""
    if since is None and until is None:
        return True
    covered = span(value) if isinstance(value, dict) else (period(str(value)) if value else None)
    if covered is None:
        return False
    first, last = covered
    return (since is None or last >= period(since)[0]) and (until is None or first <= period(until)[1])


FACT_TYPES = frozenset({"HOLDS_ROLE", "LOCATED_IN"})


def actor_graph(
    graph: nx.MultiDiGraph,
    *,
    labels: Iterable[str] | None = None,
    types: Iterable[str] | None = None,
    since: str | None = None,
    until: str | None = None,
) -> nx.MultiDiGraph:
    """Entities and their assertions, optionally only some labels, types and a time window.

    Nodes of the chosen labels are kept even when no assertion in the window touches them, and
    undated roles and places (HOLDS_ROLE, LOCATED_IN) whatever the window: they are facts about
    an actor, not events, and give a person their country.
    """
    wanted_labels = {canonical_label(lb) for lb in labels} if labels else None
    wanted_types = {t.strip().upper() for t in types} if types else None
    for t in wanted_types or ():
        if t not in REL_TYPES or t == MENTIONED_IN:
            raise AnalysisError(f"unknown relationship type {t!r}")
    out = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        label = data.get("label")
        if label == ARTICLE_LABEL or ARTICLE_LABEL in data.get("labels", ()):
            continue
        if wanted_labels is None or label in wanted_labels:
            out.add_node(node, **data)
    for u, v, key, data in graph.edges(keys=True, data=True):
        kind = data.get("type")
        if kind == MENTIONED_IN or u not in out or v not in out:
            continue
        if wanted_types is not None and kind not in wanted_types:
            continue
        facts = kind in FACT_TYPES and span(data) is None  # an undated role or place is no event
        if facts or in_window(data, since, until):
            out.add_edge(u, v, key=key, **data)
    return out


def collapse(graph: nx.MultiDiGraph, *, directed: bool = False) -> nx.Graph | nx.DiGraph:
    """One tie per pair of actors, weighted by distinct articles (see the module docstring).

    Directed: symmetric types give both directions; the others keep their own.
    """
    out: nx.Graph = nx.DiGraph() if directed else nx.Graph()
    out.add_nodes_from(graph.nodes(data=True))
    out.add_edges_from(
        (a, b, {"weight": len(arts), "types": kinds}) for (a, b), (arts, kinds) in _ties(graph, directed)
    )
    return out


def _ties(graph: nx.MultiDiGraph, directed: bool) -> Iterable[tuple[tuple[Any, Any], tuple[set[Any], dict[str, int]]]]:
    """:func:`collapse`'s ties, in the order their pairs first appear: each pair's articles and
    its assertions by type."""
    ties: dict[tuple[Any, Any], tuple[set[Any], dict[str, int]]] = {}

    def tie(pair: tuple[Any, Any]) -> tuple[set[Any], dict[str, int]]:
        found = ties.get(pair)
        if found is None:
            found = ties[pair] = (set(), {})
        return found

    for u, v, keyed in _keyed_edges(graph):
        if u == v:
            continue
        forward = tie((u, v) if directed or str(u) <= str(v) else (v, u))  # sorted((u, v), key=str)
        backward = tie((v, u)) if directed and any(d.get("type") in UNDIRECTED_TYPES for d in keyed.values()) else None
        for key, data in keyed.items():
            kind = data.get("type", "?")
            article = data.get("article", key)
            ends = (forward, backward) if backward is not None and kind in UNDIRECTED_TYPES else (forward,)
            for arts, kinds in ends:
                arts.add(article)
                kinds[kind] = kinds.get(kind, 0) + 1
    return ties.items()


def _keyed_edges(graph: nx.MultiDiGraph) -> Iterable[tuple[Any, Any, dict[Any, dict[str, Any]]]]:
    """(u, v, {key: data}) for each pair joined by edges, in the order ``graph.edges`` gives them."""
    if graph.is_multigraph() and graph.is_directed():
        for u, neighbours in graph._adj.items():  # noqa: SLF001 (read only: the views cost more than the walk)
            for v, keyed in neighbours.items():
                yield u, v, keyed
        return
    for u, v, key, data in graph.edges(keys=True, data=True) if graph.is_multigraph() else graph.edges(data=True):
        yield u, v, {key: data} if graph.is_multigraph() else {(u, v): data}


# ---------------------------------------------------------------- derived forms, once per graph state


@dataclass
class _Derived:
    """What the measures derive from one graph: the collapsed ties, their rustworkx copies, the
    actors' countries and the actor graphs of selections, each made on first use."""

    state: tuple[int, int]
    links: dict[Any, list[Any]] | None = None
    collapsed: dict[bool, nx.Graph] = field(default_factory=dict)
    rustworkx: dict[bool, tuple[Any, list[Any]]] = field(default_factory=dict)
    countries: dict[Any, str | None] = field(default_factory=dict)
    actors: dict[tuple[Any, ...], nx.MultiDiGraph] = field(default_factory=dict)
    transition: tuple[list[Any], Any, Any] | None = None  # PageRank's: nodes, its matrix transposed, dangling rows
    table: dict[str, Any] | None = None  # the centrality table's id, name, type and country columns


_DERIVED: weakref.WeakKeyDictionary[nx.Graph, _Derived] = weakref.WeakKeyDictionary()


def _state(graph: nx.Graph) -> tuple[int, int]:
    """The graph's node and edge counts, counted from its adjacency (``number_of_edges`` of a
    multigraph walks its degree view: 0.14 s at 50,000 edges, and the measures ask often)."""
    adjacency = graph._adj  # noqa: SLF001 (read only)
    if graph.is_multigraph():  # the keyed edges of every pair, counted in C
        return len(adjacency), sum(map(len, itertools.chain.from_iterable(map(dict.values, adjacency.values()))))
    return len(adjacency), sum(map(len, adjacency.values()))


def _derived(graph: nx.Graph) -> _Derived:
    """The derived forms of ``graph`` in its present state (its node and edge counts: a graph
    changed in place keeps them only by an edit that adds as much as it removes, after which
    :func:`forget` drops what was derived)."""
    state = _state(graph)
    found = _DERIVED.get(graph)
    if found is None or found.state != state:
        found = _DERIVED[graph] = _Derived(state)
    return found


def forget(graph: nx.Graph) -> None:
    """Drop the forms derived from ``graph`` (after editing it in place)."""
    _DERIVED.pop(graph, None)


def _collapsed(graph: nx.MultiDiGraph, directed: bool = False, derived: _Derived | None = None) -> nx.Graph:
    """:func:`collapse`, once per graph state; the measures only read it. ``derived``: the graph's
    derived forms when the caller has just checked its state (each check walks the edges)."""
    made = (derived or _derived(graph)).collapsed
    if directed not in made:
        made[directed] = collapse(graph, directed=directed)
    return made[directed]


def _rustworkx(
    graph: nx.MultiDiGraph, directed: bool = False, derived: _Derived | None = None
) -> tuple[Any, list[Any]]:
    """The collapsed graph as rustworkx holds it, once per graph state: converted from the
    networkx form if that was made, else straight from the ties (a networkx graph of 80,000
    ties costs more to build than PageRank on it)."""
    derived = derived or _derived(graph)
    made = derived.rustworkx
    if directed not in made:
        if directed in derived.collapsed:
            made[directed] = to_rustworkx(derived.collapsed[directed])
        else:
            made[directed] = _rustworkx_of_ties(list(graph), _ties(graph, directed), directed)
    return made[directed]


def _rustworkx_of_ties(
    nodes: list[Any], ties: Iterable[tuple[tuple[Any, Any], tuple[set[Any], dict[str, int]]]], directed: bool
) -> tuple[Any, list[Any]]:
    import rustworkx as rx

    index = {n: i for i, n in enumerate(nodes)}
    target = rx.PyDiGraph() if directed else rx.PyGraph()
    target.add_nodes_from(nodes)
    target.extend_from_weighted_edge_list([(index[a], index[b], float(len(arts))) for (a, b), (arts, _) in ties])
    return target, nodes


def _transition(graph: nx.MultiDiGraph, derived: _Derived) -> tuple[list[Any], Any, Any]:
    """PageRank's matrix, once per graph state: ``nx.pagerank``'s ``A`` (each directed tie's weight,
    its distinct articles as :func:`collapse` counts them, divided by its source's total) with the
    nodes in the graph's order and the rows with no tie out (dangling). Counted with numpy from one
    pass over the assertions: no collapsed graph is built."""
    if derived.transition is None:
        import numpy as np
        import scipy as sp

        nodes = list(graph)
        size = len(nodes)
        rows, cols, weights = _directed_weights(graph, nodes)
        a = sp.sparse.csr_array((weights, (rows, cols)), shape=(size, size))
        s = a.sum(axis=1)
        s[s != 0] = 1.0 / s[s != 0]
        q = sp.sparse.dia_array((s.T, 0), shape=a.shape).tocsr()
        derived.transition = (nodes, (q @ a).T, np.where(s == 0)[0])  # transposed once: x @ A is A.T @ x
    return derived.transition


def _directed_weights(graph: nx.MultiDiGraph, nodes: list[Any]) -> tuple[Any, Any, Any]:
    """The directed ties as (source indexes, target indexes, weights): symmetric types count in
    both directions, a tie's weight is its distinct articles (the ties of ``collapse(directed=True)``)."""
    import numpy as np

    index = {n: i for i, n in enumerate(nodes)}
    article_ids: dict[Any, int] = {}
    heads: list[int] = []
    tails: list[int] = []
    articles: list[int] = []
    both: list[bool] = []
    counts: list[int] = []
    for u, v, keyed in _keyed_edges(graph):
        if u == v:
            continue
        heads.append(index[u])
        tails.append(index[v])
        counts.append(len(keyed))
        for key, data in keyed.items():
            articles.append(article_ids.setdefault(data.get("article", key), len(article_ids)))
            both.append(data.get("type", "?") in UNDIRECTED_TYPES)
    h = np.repeat(np.asarray(heads, dtype=np.int64), counts)  # one per assertion
    t = np.repeat(np.asarray(tails, dtype=np.int64), counts)
    a = np.asarray(articles, dtype=np.int64)
    b = np.asarray(both, dtype=bool)
    h, t, a = np.concatenate([h, t[b]]), np.concatenate([t, h[b]]), np.concatenate([a, a[b]])
    size, kinds = max(len(nodes), 1), max(len(article_ids), 1)
    if size * size * kinds < 2**62:  # one integer per (pair, article)
        pair_articles = _sorted_unique((h * size + t) * kinds + a)[0] // kinds
    else:
        pair_articles = np.unique(np.stack([h * size + t, a], axis=1), axis=0)[:, 0]
    pairs, counts = _sorted_unique(pair_articles)
    return pairs // size, pairs % size, counts.astype(float)


def _sorted_unique(values: Any) -> tuple[Any, Any]:
    """``numpy.unique(values, return_counts=True)`` of a 1-d integer array, by one sort and a
    comparison of neighbours (numpy 2's ``unique`` hashes first: 30 times slower on 80,000)."""
    import numpy as np

    ordered = np.sort(values)
    if not ordered.size:
        return ordered, np.zeros(0, dtype=np.intp)
    starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    return ordered[starts], np.diff(np.append(starts, ordered.size))


def _pagerank(graph: nx.MultiDiGraph, derived: _Derived) -> Any:
    """``nx.pagerank`` of the directed collapsed graph (its SciPy power iteration, the same steps
    and tolerance; equal to it but for rounding) on the matrix `_transition` keeps per graph state:
    the iterations alone, a few milliseconds at 10,000 nodes, where networkx builds its matrix from
    a graph on every call. The scores come as an array in the graph's node order."""
    import numpy as np

    nodes, at, dangling = _transition(graph, derived)
    size = len(nodes)
    if not at.nnz:
        return np.full(size, 1 / size)
    alpha = 0.85
    x = np.repeat(1.0 / size, size)
    p = np.repeat(1.0 / size, size)
    for _ in range(PAGERANK_MAX_ITER):
        xlast = x
        x = alpha * (at @ x + x[dangling].sum() * p) + (1 - alpha) * p  # networkx: x @ A, sum(x[dangling])
        if np.absolute(x - xlast).sum() < size * PAGERANK_TOL:
            return x
    raise nx.PowerIterationFailedConvergence(PAGERANK_MAX_ITER)


def _countries(graph: nx.MultiDiGraph, nodes: Iterable[Any], derived: _Derived | None = None) -> dict[Any, str | None]:
    """:func:`country_of` for each node, each found once per graph state (the ``HOLDS_ROLE``
    and ``LOCATED_IN`` ties it follows gathered in one pass over the edges)."""
    derived = derived or _derived(graph)
    known = derived.countries
    if derived.links is None:
        derived.links = {}
        for u, v, keyed in _keyed_edges(graph):  # graph.edges(data="type")'s order, without its views
            for data in keyed.values():
                if data.get("type") in ("LOCATED_IN", "HOLDS_ROLE"):
                    derived.links.setdefault(u, []).append(v)
    links = derived.links
    attributes = graph._node  # noqa: SLF001 (read only)
    for node in nodes:
        if node not in known:
            data = attributes[node]
            if node in links or data.get("label") == "Country" or data.get("country_code"):
                known[node] = _country(graph, node, lambda n: links.get(n, ()))
            else:  # no country of its own and no tie to follow: what _country finds at once
                known[node] = None
    return known


# ---------------------------------------------------------------- centrality


def available_engines() -> list[str]:
    """networkx (the reference) and rustworkx (a dependency; missing only from a trimmed install)."""
    return ["networkx", *(["rustworkx"] if importlib.util.find_spec("rustworkx") else [])]


def choose_engine(engine: str, nodes: int) -> str:
    """``auto`` picks rustworkx for a large graph when it is installed, else networkx."""
    engines = available_engines()
    if engine == "auto":
        return "rustworkx" if "rustworkx" in engines and nodes >= FAST_ENGINE_MIN_NODES else "networkx"
    if engine not in ("networkx", "rustworkx"):
        raise AnalysisError(f"unknown engine {engine!r}; choose auto, networkx or rustworkx")
    if engine not in engines:
        raise AnalysisError(f"engine {engine} is not installed; `pip install rustworkx` adds it")
    return engine


def _heavy_networkx(measure: str, graph: nx.MultiDiGraph) -> dict[Any, float]:
    if measure == "betweenness":
        return nx.betweenness_centrality(_collapsed(graph))
    if measure == "closeness":
        return nx.closeness_centrality(_collapsed(graph))
    di = _collapsed(graph, directed=True)
    if not di.number_of_edges():
        return {n: 1 / len(di) for n in di}
    return nx.pagerank(di, weight="weight", tol=PAGERANK_TOL, max_iter=PAGERANK_MAX_ITER)


def _heavy_rustworkx(
    measures: Iterable[str], graph: nx.MultiDiGraph, derived: _Derived | None = None
) -> dict[str, Any]:
    """The heavy measures with the fast engine, on the graph's collapsed ties converted once per
    state: betweenness by rustworkx, closeness by bitwise searches, PageRank by networkx's own power
    iteration on a matrix kept per state (faster than rustworkx's PageRank at its tolerance). Each
    measure's scores by node, or (PageRank) as an array in the graph's node order."""
    import rustworkx as rx

    derived = derived or _derived(graph)
    measures = list(measures)
    out: dict[str, Any] = {}
    if "pagerank" in measures:
        out["pagerank"] = _pagerank(graph, derived)
    if "betweenness" in measures:
        g, nodes = _rustworkx(graph, derived=derived)
        scores = rx.graph_betweenness_centrality(g, normalized=True)
        out["betweenness"] = {nodes[i]: float(scores[i]) for i in scores}
    if "closeness" in measures:
        g, nodes = _rustworkx(graph, derived=derived)
        out["closeness"] = dict(zip(nodes, closeness_bitwise(len(nodes), g.edge_list()).tolist(), strict=True))
    return out


CLOSENESS_SOURCES = 512  # sources searched together, one bit each (8 machine words per node)


def closeness_bitwise(nodes: int, edges: Iterable[tuple[int, int]]) -> Any:
    """Closeness of each node of an undirected graph on hops, as ``nx.closeness_centrality``
    gives it (Wasserman–Faust scaling for graphs in pieces), by breadth-first searches from
    ``CLOSENESS_SOURCES`` sources at once: each node holds one bit per source, a level's
    frontier is the OR of the neighbours' frontiers, and the new bits counted per source give
    its distance sum. The same integer counts as networkx's searches and the same final
    arithmetic, so the same floats; 15 times faster than rustworkx's closeness at 10,000 nodes
    (bench/README.md). ``edges``: pairs of node indices 0 … nodes-1."""
    import numpy as np

    out = np.zeros(nodes)
    pairs = np.asarray(list(edges), dtype=np.int64).reshape(-1, 2)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    if nodes < 2 or not len(pairs):
        return out
    heads = np.concatenate([pairs[:, 0], pairs[:, 1]])
    tails = np.concatenate([pairs[:, 1], pairs[:, 0]])
    order = np.argsort(heads, kind="stable")
    neighbours = tails[order]
    starts = np.searchsorted(heads[order], np.arange(nodes))  # each node's first neighbour
    isolated = np.bincount(heads, minlength=nodes) == 0
    one = np.uint64(1)
    for first in range(0, nodes, CLOSENESS_SOURCES):
        k = min(CLOSENESS_SOURCES, nodes - first)
        bits = np.arange(k)
        visited = np.zeros((nodes, (k + 63) // 64), np.uint64)
        visited[first + bits, bits // 64] = np.left_shift(one, (bits % 64).astype(np.uint64))
        frontier = visited
        total = np.zeros(k, np.int64)
        reached = np.zeros(k, np.int64)
        level = 0
        while True:
            level += 1
            gathered = np.vstack([frontier[neighbours], np.zeros((1, visited.shape[1]), np.uint64)])
            new = np.bitwise_or.reduceat(gathered, starts, axis=0)
            new[isolated] = 0
            new &= ~visited
            rows = np.flatnonzero(new.any(axis=1))
            if not len(rows):
                break
            visited = visited | new
            frontier = new
            bits_set = np.unpackbits(new[rows].view(np.uint8), axis=1, bitorder="little")[:, :k]
            counts = bits_set.sum(axis=0, dtype=np.int64)
            total += level * counts
            reached += counts
        with np.errstate(divide="ignore", invalid="ignore"):
            out[first : first + k] = np.where(total > 0, (reached / total) * (reached / (nodes - 1)), 0.0)
    return out


def to_rustworkx(graph: nx.Graph) -> tuple[Any, list[Any]]:
    """A rustworkx copy of a collapsed graph (weights as edge data) and its node list by index."""
    import rustworkx as rx

    nodes = list(graph)
    index = {n: i for i, n in enumerate(nodes)}
    target = rx.PyDiGraph() if graph.is_directed() else rx.PyGraph()
    target.add_nodes_from(nodes)
    target.extend_from_weighted_edge_list(
        [(index[u], index[v], float(w)) for u, v, w in graph.edges(data="weight", default=1.0)]
    )
    return target, nodes


def country_of(graph: nx.MultiDiGraph, node: Any) -> str | None:
    """The country an actor belongs to: its own ``country_code`` (places, and organisations
    whose name says it), else, following ``HOLDS_ROLE`` and ``LOCATED_IN``, the first one found
    (a person's through the body they hold a role in)."""

    def links(current: Any) -> list[Any]:
        return [v for _, v, kind in graph.out_edges(current, data="type") if kind in ("LOCATED_IN", "HOLDS_ROLE")]

    return _country(graph, node, links)


def _country(graph: nx.MultiDiGraph, node: Any, links: Callable[[Any], Iterable[Any]]) -> str | None:
    """:func:`country_of`, with ``links`` giving a node's ``HOLDS_ROLE`` and ``LOCATED_IN``
    targets in the order of its out-edges."""
    seen: set[Any] = set()
    frontier = [node]
    attributes = graph._node  # noqa: SLF001 (read only: graph.nodes[n] through its view costs more)
    while frontier:
        current = frontier.pop(0)
        if current in seen:
            continue
        seen.add(current)
        data = attributes[current]
        if data.get("label") == "Country":
            return str(data.get("iso3166_1") or current)
        if data.get("country_code"):
            return str(data["country_code"])
        frontier.extend(links(current))
    return None


def centrality(
    graph: nx.MultiDiGraph,
    measures: Iterable[str] = MEASURES,
    *,
    engine: str = "auto",
    whole: nx.MultiDiGraph | None = None,
) -> pd.DataFrame:
    """One row per entity: id, name, type, country and each measure, best first.

    ``whole`` is the graph countries are read from when ``graph`` is a selection of it.
    ``df.attrs["engine"]`` says which engine computed the heavy measures.
    """
    measures = list(measures)
    for m in measures:
        if m not in MEASURES:
            raise AnalysisError(f"unknown measure {m!r}; choose from {', '.join(MEASURES)}")
    size = graph.number_of_nodes()  # the collapsed graphs keep every node, in this order
    used = choose_engine(engine, size)
    heavy = [m for m in measures if m in HEAVY] if size else []
    fast = used == "rustworkx"
    derived = _derived(graph)  # the state checked once for the whole call
    columns = _heavy_rustworkx(heavy, graph, derived) if fast else {m: _heavy_networkx(m, graph) for m in heavy}
    for m in measures:
        if m == "degree":
            columns[m] = dict(_collapsed(graph, derived=derived).degree())
        elif m == "weighted_degree":
            columns[m] = dict(_collapsed(graph, derived=derived).degree(weight="weight"))
        elif m == "eigenvector":
            columns[m] = _eigenvector(_collapsed(graph, derived=derived))
        else:
            columns.setdefault(m, {})
    if not size:
        frame = pd.DataFrame([], columns=["id", "name", "type", "country", *measures])
        frame.attrs["engine"] = used
        return frame
    base = _table(graph, whole, derived)
    frame = base.frame.copy(deep=False)
    for m in measures:
        scores = columns[m]
        frame[m] = scores if not isinstance(scores, dict) else [scores.get(node, 0.0) for node in base.frame["id"]]
    # sorting takes a copy; the kept columns must not be shared with a frame the caller may change
    frame = base.sorted(frame, measures[0]) if measures and len(frame) else frame.copy()
    frame.attrs["engine"] = used
    return frame


@dataclass
class _Table:
    """The centrality table's columns that do not change between measures (id, name, type,
    country), and the order of its names, made once per graph state."""

    frame: pd.DataFrame
    name_codes: Any = None  # each name's rank among the sorted names (pandas' own order), or None

    def sorted(self, frame: pd.DataFrame, measure: str) -> pd.DataFrame:
        """``frame`` by ``measure`` (largest first), then name: what ``sort_values([measure, "name"],
        ascending=[False, True], kind="stable")`` gives, by one ``numpy.lexsort``."""
        import numpy as np

        values = frame[measure].to_numpy()
        if self.name_codes is None or values.dtype.kind not in "iuf":
            return frame.sort_values([measure, "name"], ascending=[False, True], kind="stable").reset_index(drop=True)
        order = np.lexsort((self.name_codes, -values.astype(float)))  # NaN last, as pandas puts it
        return frame.take(order).reset_index(drop=True)


def _table(graph: nx.MultiDiGraph, whole: nx.MultiDiGraph | None, derived: _Derived) -> _Table:
    """`_Table` of ``graph``, kept with its derived forms when its countries are its own."""
    import numpy as np

    if whole is None and derived.table is not None:
        return derived.table
    countries = _countries(whole, graph) if whole is not None else _countries(graph, graph, derived)
    ids, names, types = [], [], []
    for node, data in graph.nodes(data=True):
        ids.append(node)
        names.append(data.get("name", node))
        types.append(data.get("label"))
    frame = pd.DataFrame({"id": ids, "name": names, "type": types, "country": [countries[n] for n in ids]})
    try:
        codes = pd.Categorical(names, ordered=True).codes  # the ranks pandas sorts names by
        name_codes = np.where(codes < 0, len(names), codes)  # a missing name last, as pandas puts it
    except TypeError:  # names that do not compare (mixed types): pandas sorts them itself
        name_codes = None
    table = _Table(frame, name_codes)
    if whole is None:
        derived.table = table
    return table


def _eigenvector(und: nx.Graph) -> dict[Any, float]:
    """Eigenvector centrality per connected component, each component's unit vector scaled by
    the square root of its share of the nodes (so the whole vector has unit length and a small
    component does not outrank the main one); isolated nodes get 0."""
    out = dict.fromkeys(und, 0.0)
    total = und.number_of_nodes()
    for component in nx.connected_components(und):
        if len(component) < 2:
            continue
        if len(component) == 2:
            scores = dict.fromkeys(component, 0.5**0.5)
        else:
            scores = nx.eigenvector_centrality_numpy(und.subgraph(component), weight="weight")
        scale = (len(component) / total) ** 0.5
        out.update({n: abs(v) * scale for n, v in scores.items()})
    return out


def centrality_by_window(
    graph: nx.MultiDiGraph, measures: Iterable[str] = MEASURES, *, window: str = "year", engine: str = "auto"
) -> pd.DataFrame:
    """The measures per time window (``year`` or ``month``), one row per entity and window.

    Each window's graph holds the assertions whose ``date_from``..``date_to`` overlaps it (as
    ``--since``/``--until`` select), undated roles and places kept; undated assertions open no window.
    """
    if window not in ("year", "month"):
        raise AnalysisError(f"unknown window {window!r}; choose year or month")
    keys = sorted({key for _, _, d in graph.edges(data=True) for key in _windows(span(d), window)})
    frames = []
    for key in keys:
        sub = actor_graph(graph, since=key, until=key)
        sub.remove_nodes_from([n for n in list(sub) if sub.degree(n) == 0])
        frame = centrality(sub, measures, engine=engine, whole=graph)
        frame.insert(0, "window", key)
        frames.append(frame)
    if not frames:
        return pd.DataFrame(columns=["window", "id", "name", "type", "country", *measures])
    return pd.concat(frames, ignore_index=True)


def _windows(covered: tuple[date, date] | None, window: str) -> list[str]:
    """The year (``2024``) or month (``2024-03``) keys a span overlaps.

    >>> _windows((date(2023, 12, 30), date(2024, 1, 2)), "month")
    ['2023-12', '2024-01']
    """
    if covered is None:
        return []
    first, last = covered
    if window == "year":
        return [str(y) for y in range(first.year, last.year + 1)]
    months = range(first.year * 12 + first.month - 1, last.year * 12 + last.month)
    return [f"{m // 12:04d}-{m % 12 + 1:02d}" for m in months]


# ---------------------------------------------------------------- paths


@dataclass(frozen=True)
class Hop:
    """One step of a path: the assertion that ties two actors, with its evidence."""

    source: str
    target: str
    type: str
    forward: bool  # True when the relationship points from the path's earlier node to the later one
    article: str | None
    date: str | None
    evidence: str | None
    assertions: int  # how many assertions (all types, all articles) tie these two actors


PATH_TYPES = ("VISITED", "MET", "SIGNED", "TWINNED", "HOLDS_ROLE")


def paths(
    graph: nx.MultiDiGraph,
    source: str,
    target: str,
    *,
    k: int = 1,
    max_hops: int | None = None,
    types: Iterable[str] = PATH_TYPES,
) -> list[list[Hop]]:
    """The ``k`` shortest paths from ``source`` to ``target`` (fewest hops first), each hop
    with the assertion that best supports it (highest confidence, then earliest date).
    An empty list when they are not connected within ``max_hops``.

    By default ``LOCATED_IN`` is left out: every place lies in a country, so paths through
    the country would tie everything to everything and say nothing.
    """
    selected = _derived(graph).actors
    wanted = ("types", *sorted(types))
    if wanted not in selected:
        selected[wanted] = actor_graph(graph, types=types)
    actors = selected[wanted]
    for node in (source, target):
        if node not in actors:
            raise AnalysisError(f"{node!r} is not an entity of this graph")
    simple = _collapsed(actors)
    found: list[list[Hop]] = []
    try:
        for nodes in nx.shortest_simple_paths(simple, source, target):
            if max_hops is not None and len(nodes) - 1 > max_hops:
                break
            found.append([_hop(actors, a, b) for a, b in itertools.pairwise(nodes)])
            if len(found) == k:
                break
    except nx.NetworkXNoPath:
        return []
    return found


def _hop(graph: nx.MultiDiGraph, a: str, b: str) -> Hop:
    candidates = [(a, b, d, True) for d in graph.get_edge_data(a, b, default={}).values()]
    candidates += [(b, a, d, False) for d in graph.get_edge_data(b, a, default={}).values()]
    if not candidates:
        raise AnalysisError(f"no assertion ties {a!r} and {b!r}")

    def rank(item: tuple[str, str, dict[str, Any], bool]) -> tuple[float, int, str]:
        data = item[2]
        return (-float(data.get("confidence") or 0), 0 if data.get("evidence") else 1, str(data.get("date") or "9999"))

    s, t, data, forward = min(candidates, key=rank)
    return Hop(
        s,
        t,
        data.get("type", "?"),
        forward,
        data.get("article"),
        data.get("date"),
        data.get("evidence"),
        len(candidates),
    )


# ---------------------------------------------------------------- communities


def communities(graph: nx.MultiDiGraph, *, seed: int = LOUVAIN_SEED, engine: str = "auto") -> pd.DataFrame:
    """Louvain communities (seeded, so repeatable) and the actors that bridge them.

    Columns: community (0 = largest), betweenness overall, ``within`` (betweenness
    inside its own community), ``bridges`` (how many other communities it has ties
    to), ``articulation`` (removing it disconnects the graph).
    """
    und = _collapsed(graph)
    if und.number_of_nodes() == 0:
        return pd.DataFrame(
            columns=["id", "name", "type", "community", "betweenness", "within", "bridges", "articulation"]
        )
    groups = sorted(
        nx.community.louvain_communities(und, weight="weight", seed=seed), key=lambda c: (-len(c), min(map(str, c)))
    )
    member = {n: i for i, group in enumerate(groups) for n in group}
    overall = centrality(graph, ["betweenness"], engine=engine).set_index("id")["betweenness"].to_dict()
    fast = choose_engine(engine, und.number_of_nodes()) == "rustworkx"
    within: dict[Any, float] = {}
    for group in groups:
        within.update(_betweenness(und.subgraph(group), fast) if len(group) > 2 else dict.fromkeys(group, 0.0))
    cut = set(nx.articulation_points(und))
    rows = []
    for node, data in und.nodes(data=True):
        others = {member[nb] for nb in und.neighbors(node)} - {member[node]}
        rows.append(
            {
                "id": node,
                "name": data.get("name", node),
                "type": data.get("label"),
                "community": member[node],
                "betweenness": overall.get(node, 0.0),
                "within": within.get(node, 0.0),
                "bridges": len(others),
                "articulation": node in cut,
            }
        )
    frame = pd.DataFrame(rows)
    return frame.sort_values(["community", "betweenness", "name"], ascending=[True, False, True]).reset_index(drop=True)


def _betweenness(und: nx.Graph, fast: bool) -> dict[Any, float]:
    """Normalised betweenness on hops, by rustworkx when ``fast``, else networkx (the reference)."""
    if not fast:
        return nx.betweenness_centrality(und)
    import rustworkx as rx

    g, nodes = to_rustworkx(und)
    return {nodes[i]: float(v) for i, v in rx.graph_betweenness_centrality(g, normalized=True).items()}


# ---------------------------------------------------------------- projections


def country_projection(graph: nx.MultiDiGraph) -> nx.Graph:
    """Countries tied by the assertions between actors of different countries.

    Each tie carries ``weight`` (assertions), ``types`` (assertions by type) and ``via``
    (the ids of the actors, national and subnational, whose assertions make it).
    """
    actors = actor_graph(graph)
    country = {n: country_of(actors, n) for n in actors}
    out = nx.Graph()
    for node, data in actors.nodes(data=True):
        if data.get("label") == "Country":
            out.add_node(country[node], name=data.get("name", node))
    for u, v, data in actors.edges(data=True):
        kind = data.get("type")
        a, b = country.get(u), country.get(v)
        if kind == "LOCATED_IN" or not a or not b or a == b:
            continue
        if out.has_edge(a, b):
            tie = out.edges[a, b]
        else:
            out.add_edge(a, b, weight=0, types={}, via=[])
            tie = out.edges[a, b]
        tie["weight"] += 1
        tie["types"][kind] = tie["types"].get(kind, 0) + 1
        for actor in (u, v):
            if actor not in tie["via"]:
                tie["via"].append(actor)
    for node in out:
        out.nodes[node].setdefault("name", node)
    return out


def place_projection(graph: nx.MultiDiGraph) -> nx.Graph:
    """The twinning and agreement network between cities, prefectures and provinces:
    ``TWINNED`` and ``SIGNED`` between two subnational places, weighted by articles."""
    subnational = [n for n, d in graph.nodes(data=True) if d.get("label") in PLACE_LABELS - {"Country"}]
    sub = actor_graph(graph, types=["TWINNED", "SIGNED"]).subgraph(subnational)
    return collapse(nx.MultiDiGraph(sub))


def projection_table(projection: nx.Graph) -> pd.DataFrame:
    """A projection's ties as rows: the two ends by name, weight, counts by type, via."""
    rows = []
    for a, b, data in projection.edges(data=True):
        rows.append(
            {
                "a": projection.nodes[a].get("name", a),
                "b": projection.nodes[b].get("name", b),
                "weight": data.get("weight", 0),
                "types": data.get("types", {}),
                "via": data.get("via", []),
            }
        )
    frame = pd.DataFrame(rows, columns=["a", "b", "weight", "types", "via"])
    return frame.sort_values(["weight", "a", "b"], ascending=[False, True, True]).reset_index(drop=True)

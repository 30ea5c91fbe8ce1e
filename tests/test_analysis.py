"""Analyses on small graphs whose answers are known by hand, against networkx called
directly, across engines, and on the seeds graph through the CLI."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from typer.testing import CliRunner

from graph import analysis
from graph.cli import app
from graph.store import Store

runner = CliRunner()


def _graph(edges, labels=None) -> nx.MultiDiGraph:
    """Assertions as (source, type, target, article[, date]); every node a Person unless labelled."""
    g = nx.MultiDiGraph()
    for edge in edges:
        s, kind, t, art = edge[:4]
        for n in (s, t):
            if n not in g:
                g.add_node(n, name=n.upper(), label=(labels or {}).get(n, "Person"), labels=["Entity"])
        g.add_edge(
            s,
            t,
            key=f"{kind}@{art}",
            type=kind,
            article=art,
            date=edge[4] if len(edge) > 4 else None,
            evidence=f"{s} {kind} {t} in {art}",
            confidence=0.8,
        )
    return g


STAR = _graph([("c", "MET", x, "a1") for x in "pqrs"])


def test_star_by_hand():
    frame = analysis.centrality(STAR).set_index("id")
    assert frame.loc["c", "degree"] == 4 and frame.loc["p", "degree"] == 1
    assert frame.loc["c", "betweenness"] == pytest.approx(1.0)
    assert frame.loc["p", "betweenness"] == 0
    assert frame.loc["c", "closeness"] == pytest.approx(1.0)
    assert frame.loc["p", "closeness"] == pytest.approx(4 / 7)
    assert frame.index[0] == "c"  # sorted by the first measure


def test_weight_counts_articles_not_assertions():
    g = _graph([("a", "MET", "b", "x"), ("a", "SIGNED", "b", "x"), ("b", "MET", "a", "y"), ("a", "MET", "c", "x")])
    tie = analysis.collapse(g).edges["a", "b"]
    assert tie["weight"] == 2 and tie["types"] == {"MET": 2, "SIGNED": 1}
    frame = analysis.centrality(g, ["weighted_degree", "degree"]).set_index("id")
    assert frame.loc["a", "weighted_degree"] == 3 and frame.loc["a", "degree"] == 2


def test_measures_equal_networkx_called_directly():
    karate = nx.karate_club_graph()
    g = _graph([(f"n{u}", "MET", f"n{v}", f"art{(u * v) % 3}") for u, v in karate.edges])
    und, di = analysis.collapse(g), analysis.collapse(g, directed=True)
    frame = analysis.centrality(g, engine="networkx").set_index("id")
    for node, value in nx.betweenness_centrality(und).items():
        assert frame.loc[node, "betweenness"] == pytest.approx(value)
    for node, value in nx.closeness_centrality(und).items():
        assert frame.loc[node, "closeness"] == pytest.approx(value)
    for node, value in nx.pagerank(di, weight="weight").items():
        assert frame.loc[node, "pagerank"] == pytest.approx(value, abs=1e-5)
    for node, value in nx.eigenvector_centrality_numpy(und, weight="weight").items():
        assert frame.loc[node, "eigenvector"] == pytest.approx(abs(value), abs=1e-9)
    assert frame.attrs["engine"] == "networkx"


@pytest.mark.skipif("rustworkx" not in analysis.available_engines(), reason="rustworkx not installed")
@pytest.mark.parametrize("seed", [1, 2])
def test_the_fast_engine_gives_networkx_answers(seed):
    base = nx.gnm_random_graph(120, 300, seed=seed)
    base.add_edges_from([(200, 201)])  # a second component
    g = _graph([(f"n{u}", "VISITED" if (u + v) % 4 == 0 else "MET", f"n{v}", f"a{u % 5}") for u, v in base.edges])
    slow = analysis.centrality(g, analysis.HEAVY, engine="networkx").set_index("id")
    fast = analysis.centrality(g, analysis.HEAVY, engine="rustworkx").set_index("id")
    assert fast.attrs["engine"] == "rustworkx"
    for measure in analysis.HEAVY:
        for node in slow.index:
            assert fast.loc[node, measure] == pytest.approx(slow.loc[node, measure], abs=1e-6), (measure, node)


@pytest.mark.parametrize("nodes, edges", [(700, 600), (300, 900), (5, 0)])
def test_closeness_by_bitwise_searches_is_networkx_closeness_exactly(nodes, edges):
    g = nx.gnm_random_graph(nodes, edges, seed=nodes)  # pieces, isolated nodes, more than one block of sources
    g.add_edge(0, 0)
    reference = nx.closeness_centrality(g)
    assert analysis.closeness_bitwise(nodes, list(g.edges)).tolist() == [reference[n] for n in range(nodes)]


def test_unknown_measure_or_engine_is_one_clear_error():
    with pytest.raises(analysis.AnalysisError, match="unknown measure"):
        analysis.centrality(STAR, ["fame"])
    with pytest.raises(analysis.AnalysisError, match="unknown engine"):
        analysis.centrality(STAR, engine="gpu")


def test_time_windows():
    assert analysis.period("2024") == (analysis.date(2024, 1, 1), analysis.date(2024, 12, 31))
    assert analysis.in_window("2024-11-24", "2024-11", None)
    assert not analysis.in_window("2023-12-31", "2024", "2024")
    assert not analysis.in_window(None, "2024", None) and analysis.in_window(None, None, None)
    g = _graph(
        [("a", "MET", "b", "x", "2023-05-01"), ("a", "MET", "c", "y", "2024-02"), ("a", "MET", "d", "z", "2024")]
    )
    assert set(analysis.actor_graph(g, since="2024").edges) == {("a", "c", "MET@y"), ("a", "d", "MET@z")}
    by_year = analysis.centrality_by_window(g, ["degree"])
    a = by_year[by_year.id == "a"].set_index("window")["degree"].to_dict()
    assert a == {"2023": 1, "2024": 2}
    with pytest.raises(analysis.AnalysisError):
        analysis.period("last spring")


def test_paths_with_evidence_k_and_max_hops():
    g = _graph(
        [
            ("a", "MET", "b", "x"),
            ("b", "VISITED", "c", "x"),
            ("a", "MET", "d", "y"),
            ("d", "MET", "e", "y"),
            ("e", "MET", "c", "y"),
            ("z", "MET", "w", "q"),
        ]
    )
    [best] = analysis.paths(g, "a", "c")
    assert [(h.source, h.type, h.target, h.forward) for h in best] == [
        ("a", "MET", "b", True),
        ("b", "VISITED", "c", True),
    ]
    assert best[0].evidence == "a MET b in x" and best[0].article == "x"
    back = analysis.paths(g, "c", "a")[0]
    assert back[0].forward is False and back[0].source == "b"
    assert len(analysis.paths(g, "a", "c", k=2)) == 2
    assert len(analysis.paths(g, "a", "c", k=5, max_hops=2)) == 1
    assert analysis.paths(g, "a", "z") == []


def test_communities_and_brokers():
    left = [(f"l{i}", "MET", f"l{j}", "x") for i in range(4) for j in range(i + 1, 4)]
    right = [(f"r{i}", "MET", f"r{j}", "y") for i in range(4) for j in range(i + 1, 4)]
    g = _graph([*left, *right, ("l0", "MET", "r0", "z")])
    frame = analysis.communities(g).set_index("id")
    assert frame["community"].nunique() == 2
    assert frame.loc["l1", "community"] == frame.loc["l2", "community"] != frame.loc["r1", "community"]
    assert frame.loc["l0", "articulation"] and frame.loc["l0", "bridges"] == 1 and frame.loc["l1", "bridges"] == 0
    assert analysis.communities(g).equals(analysis.communities(g))  # seeded


def test_country_and_place_projections():
    labels = {
        "JP": "Country",
        "VN": "Country",
        "tottori": "City",
        "hanoi": "City",
        "shizuoka": "Prefecture",
        "zhejiang": "Province",
        "CN": "Country",
    }
    g = _graph(
        [
            ("tottori", "LOCATED_IN", "JP", "a"),
            ("hanoi", "LOCATED_IN", "VN", "a"),
            ("mayor", "HOLDS_ROLE", "tottori", "a"),
            ("chair", "HOLDS_ROLE", "hanoi", "a"),
            ("mayor", "MET", "chair", "a"),
            ("chair", "VISITED", "tottori", "b"),
            ("shizuoka", "LOCATED_IN", "JP", "c"),
            ("zhejiang", "LOCATED_IN", "CN", "c"),
            ("shizuoka", "TWINNED", "zhejiang", "c"),
        ],
        labels,
    )
    countries = analysis.country_projection(g)
    tie = countries.edges["JP", "VN"]
    assert tie["weight"] == 2 and tie["types"] == {"MET": 1, "VISITED": 1}
    assert {"mayor", "chair", "tottori"} <= set(tie["via"])
    places = analysis.place_projection(g)
    assert {frozenset(e) for e in places.edges} == {frozenset(("shizuoka", "zhejiang"))}
    assert list(analysis.projection_table(countries).columns) == ["a", "b", "weight", "types", "via"]


def test_seeds_rank_and_path(cli_env, seeds_store: Store):
    frame = analysis.centrality(analysis.actor_graph(seeds_store.to_networkx()), ["degree"])
    assert "person:nguyen-ngoc-ky" in set(frame.head(5)["id"])

    result = runner.invoke(app, ["path", "Hanoi Union of Friendship Organizations", "Tottori City"], env=cli_env)
    assert result.exit_code == 0, result.stderr
    assert "path 1" in result.stdout and "“" in result.stdout and "000_bcd1af2d8d88c905.txt" in result.stdout
    assert "path 2" not in result.stdout

    result = runner.invoke(app, ["path", "HAUFO", "Tottori City", "--k", "3"], env=cli_env)
    assert result.exit_code == 0, result.stderr
    assert "path 3" in result.stdout and "Nguyen Ngoc Ky" in result.stdout

    result = runner.invoke(app, ["analyze", "--top", "5", "-m", "degree", "-f", "json"], env=cli_env)
    rows = json.loads(result.stdout)
    assert len(rows) == 5 and "Nguyen Ngoc Ky" in {r["name"] for r in rows}
    assert "engine: networkx" in result.stderr

    result = runner.invoke(app, ["analyze", "--projection", "countries", "-f", "json"], env=cli_env)
    assert result.exit_code == 0 and {frozenset((r["a"], r["b"])) for r in json.loads(result.stdout)}

    result = runner.invoke(app, ["analyze", "--window", "year", "-f", "csv", "-m", "degree"], env=cli_env)
    assert result.exit_code == 0 and result.stdout.startswith("window,id,name,type,country,degree")


def test_path_names_ambiguity_and_no_path(cli_env, seeds_store: Store):
    result = runner.invoke(app, ["path", "Yoshihiko", "Tottori City"], env=cli_env)
    assert result.exit_code == 1 and "Give an id instead" in result.stderr and "person:" in result.stderr
    result = runner.invoke(app, ["path", "Mao Ning", "Tottori City"], env=cli_env)
    assert result.exit_code == 1 and "no path between" in result.stderr and not result.stdout
    result = runner.invoke(app, ["path", "Mao Ning", "Tottori City", "-f", "json"], env=cli_env)
    assert result.exit_code == 1 and json.loads(result.stdout) == [] and "no path between" in result.stderr


def test_a_time_window_keeps_undated_roles_so_people_keep_their_country(seeds_store: Store):
    whole = seeds_store.to_networkx()
    undated_roles = [
        (u, v) for u, v, d in whole.edges(data=True) if d.get("type") == "HOLDS_ROLE" and not d.get("date")
    ]
    assert undated_roles
    windowed = analysis.actor_graph(whole, since="2024-01-01")
    for person, body in undated_roles:
        assert windowed.has_edge(person, body)
        assert analysis.country_of(windowed, person) == analysis.country_of(analysis.actor_graph(whole), person)
    assert analysis.actor_graph(whole, labels=["person"], types=["holds_role"]).number_of_nodes() > 0


def _scale_free(nodes: int, seed: int = 3) -> nx.MultiDiGraph:
    base = nx.barabasi_albert_graph(nodes, 2, seed=seed)
    return _graph([(f"n{u}", "MET", f"n{v}", f"a{(u + v) % 9}") for u, v in base.edges])


def test_the_actor_graph_is_collapsed_once_per_state_and_reused_across_measures(monkeypatch):
    g = _scale_free(60)
    made: list[bool] = []
    collapse = analysis.collapse

    def counted(graph, *, directed=False):
        made.append(directed)
        return collapse(graph, directed=directed)

    monkeypatch.setattr(analysis, "collapse", counted)
    first = analysis.centrality(g, ["pagerank"])
    analysis.centrality(g, ["betweenness", "closeness"])
    analysis.communities(g)
    far = [n for n in g if n != "n0" and not g.has_edge("n0", n) and not g.has_edge(n, "n0")][-1]
    assert len(analysis.paths(g, "n0", far)[0]) > 1
    analysis.paths(g, "n1", far)
    assert sorted(made) == [False, False, True]  # the graph's two forms, and the paths' selection once
    g.add_edge("n0", far, key="MET@new", type="MET", article="new")  # a new state: derived afresh
    assert [hop.article for hop in analysis.paths(g, "n0", far)[0]] == ["new"]
    assert not analysis.centrality(g, ["pagerank"]).equals(first)


def test_brokers_by_rustworkx_equal_networkx():
    g = _scale_free(120)
    fast = analysis.communities(g, engine="rustworkx").set_index("id").sort_index()
    reference = analysis.communities(g, engine="networkx").set_index("id").sort_index()
    assert fast["community"].equals(reference["community"])
    for column in ("betweenness", "within"):
        assert fast[column].to_numpy() == pytest.approx(reference[column].to_numpy(), abs=1e-9)

import pytest

from graph.connection import connect
from graph.errors import StoreError, StoreUnavailable
from graph.model import Article, Entity, GraphBatch, Relation
from graph.store import Store

EVIL = "x'}) DETACH DELETE n //"


def _batch(article: str = "art-1") -> GraphBatch:
    return GraphBatch(
        [Article(article, f"{article}.txt", title="T", date="2024-11-01")],
        [
            Entity("person:ky", "Person", "Nguyen Ngoc Ky", ("Ky",)),
            Entity("JP", "Country", "Japan", (), {"iso3166_1": "JP"}),
            Entity("association:haufo", "Association", "Hanoi Union of Friendship Organizations", ("HAUFO",)),
        ],
        [
            Relation(
                "VISITED",
                "person:ky",
                "JP",
                article,
                "2024-11",
                "Ky visited Japan.",
                {"cameo": "042", "confidence": 0.7},
            ),
            Relation(
                "HOLDS_ROLE",
                "person:ky",
                "association:haufo",
                article,
                None,
                "Ky, Chairman of HAUFO",
                {"role": "Chairman"},
            ),
            Relation("MET", "JP", "person:ky", article),
            Relation("MENTIONED_IN", "person:ky", article, article),
        ],
    )


def test_schema_applies_twice(store: Store):
    store.apply_schema()
    store.apply_schema()
    names = {row["name"] for row in store.run("SHOW CONSTRAINTS")}
    assert {"entity_id", "article_id"} <= names


def test_reload_changes_no_count(store: Store):
    store.apply_schema()
    store.write(_batch())
    first = store.counts()
    store.write(_batch())
    assert store.counts() == first
    assert first.nodes["Entity"] == 3 and first.nodes["Article"] == 1
    assert first.relationships == {"HOLDS_ROLE": 1, "MENTIONED_IN": 1, "MET": 1, "VISITED": 1}


def test_one_relationship_per_article(store: Store):
    store.apply_schema()
    store.write(_batch("art-1"))
    store.write(_batch("art-2"))
    assert store.counts().relationships["VISITED"] == 2


def test_round_trip_to_networkx_keeps_properties(store: Store):
    store.apply_schema()
    store.write(_batch())
    graph = store.to_networkx()
    assert graph.nodes["person:ky"]["label"] == "Person"
    assert graph.nodes["person:ky"]["aliases"] == ["Ky"]
    assert graph.nodes["JP"]["iso3166_1"] == "JP"
    assert graph.nodes["art-1"]["date"] == "2024-11-01"
    visit = graph.edges["person:ky", "JP", "VISITED@art-1"]
    assert visit["evidence"] == "Ky visited Japan." and visit["cameo"] == "042" and visit["confidence"] == 0.7
    assert graph.edges["person:ky", "association:haufo", "HOLDS_ROLE@art-1"]["role"] == "Chairman"


def test_selection_query_to_networkx(store: Store):
    store.apply_schema()
    store.write(_batch())
    graph = store.to_networkx("MATCH p = (:Person)-[:VISITED]->(:Country) RETURN p")
    assert set(graph.nodes) == {"person:ky", "JP"}
    assert [d["type"] for _, _, d in graph.edges(data=True)] == ["VISITED"]


def test_cypher_in_a_name_is_stored_verbatim(store: Store):
    store.apply_schema()
    store.write(_batch())
    before = store.counts()
    batch = GraphBatch([Article("art-x", "x.txt")], [Entity("person:evil", "Person", EVIL, (EVIL + "x",))], [])
    store.write(batch)
    rows = store.run("MATCH (n:Entity {id: $id}) RETURN n.name AS name, n.aliases AS aliases", {"id": "person:evil"})
    assert rows == [{"name": EVIL, "aliases": [EVIL + "x"]}]
    after = store.counts()
    assert after.nodes["Entity"] == before.nodes["Entity"] + 1


def test_a_failed_batch_leaves_nothing_behind(store: Store):
    store.apply_schema()
    store.write(_batch())
    before = store.counts()
    # the same id under another label breaks the uniqueness constraint mid-batch
    bad = GraphBatch(
        [Article("art-bad", "bad.txt")],
        [Entity("person:new", "Person", "New Person"), Entity("JP", "City", "Japan")],
        [Relation("MENTIONED_IN", "person:new", "art-bad", "art-bad")],
    )
    with pytest.raises(StoreError):
        store.write(bad)
    assert store.counts() == before


def test_unreachable_server_names_the_uri_not_the_password():
    with pytest.raises(StoreUnavailable) as info:
        connect("bolt://127.0.0.1:1", "neo4j", "s3cret-pass", None)
    message = str(info.value)
    assert "bolt://127.0.0.1:1" in message and "s3cret-pass" not in message


def test_a_second_form_of_an_entity_becomes_an_alias_with_its_reason(store: Store):
    store.apply_schema()
    store.write(GraphBatch([Article("a1", "a.txt")], [Entity("person:yoko-kamikawa", "Person", "Yoko Kamikawa")], []))
    again = Entity(
        "person:yoko-kamikawa", "Person", "Kamikawa Yoko", ("Kamikawa",), merged=("Kamikawa Yoko: name order",)
    )
    store.write(GraphBatch([Article("a2", "b.txt")], [again], []))
    [row] = store.run("MATCH (n:Person) RETURN n.name AS name, n.aliases AS aliases, n.merged AS merged")
    assert row["name"] == "Yoko Kamikawa"
    assert sorted(row["aliases"]) == ["Kamikawa", "Kamikawa Yoko"]
    assert row["merged"] == ["Kamikawa Yoko: name order"]


def test_dated_relationships_carry_cypher_dates(seeds_store: Store):
    from datetime import date

    from graph.model import date_bounds

    assert date_bounds("2024-02") == {"date_from": date(2024, 2, 1), "date_to": date(2024, 2, 29)}
    assert date_bounds(None) == {}
    missing = seeds_store.run(
        "MATCH ()-[r]->() WHERE r.date IS NOT NULL AND (r.date_from IS NULL OR r.date_to IS NULL) RETURN count(r) AS n"
    )
    assert missing == [{"n": 0}]
    rows = seeds_store.run(
        "MATCH ()-[r:VISITED]->() WHERE r.date_from >= date('2019-01-01') AND r.date_to <= date('2024-12-31') "
        "RETURN r.date AS date, r.date_from AS first, r.date_to AS last"
    )
    assert rows and all(r["first"] <= r["last"] and str(r["first"]).startswith(r["date"][:4]) for r in rows)
    whole = seeds_store.to_networkx()
    assert any(isinstance(d.get("date_from"), date) for _, _, d in whole.edges(data=True))


def _dated_meetings(store: Store) -> None:
    """Four meetings dated as articles give dates (a year, a month, a day) and one undated."""

    people = [Entity(f"person:p{i}", "Person", f"P {i}") for i in range(5)]
    dates = {"person:p1": "2023", "person:p2": "2023-12", "person:p3": "2024-01-15", "person:p4": None}
    store.apply_schema()
    store.write(
        GraphBatch(
            [Article("a1", "a.txt")],
            people,
            [Relation("MET", "person:p0", target, "a1", when, "They met.") for target, when in dates.items()],
        )
    )


def test_cypher_date_comparisons_pick_the_right_rows(store: Store):
    """``date_from``/``date_to`` are Cypher dates on the server: compared with ``date()`` they
    select by the first and last day a partial date denotes."""
    from datetime import date

    _dated_meetings(store)
    after = store.run(
        "MATCH (:Person)-[r:MET]->(p:Person) WHERE r.date_from >= date('2024-01-01') RETURN p.id AS id ORDER BY id"
    )
    assert [r["id"] for r in after] == ["person:p3"]
    overlapping = store.run(
        "MATCH (:Person)-[r:MET]->(p:Person) WHERE r.date_to >= date('2023-12-01') RETURN p.id AS id ORDER BY id"
    )
    assert [r["id"] for r in overlapping] == ["person:p1", "person:p2", "person:p3"]  # "2023" ends on 31 December
    [month] = store.run(
        "MATCH (:Person)-[r:MET]->(:Person {id: $id}) RETURN r.date_from AS first, r.date_to AS last",
        {"id": "person:p2"},
    )
    assert (month["first"].to_native(), month["last"].to_native()) == (date(2023, 12, 1), date(2023, 12, 31))
    assert store.run("MATCH ()-[r:MET]->({id: 'person:p4'}) RETURN r.date_from AS first") == [{"first": None}]


def test_windows_read_date_from_and_date_to(store: Store):
    """``--since``/``--until`` and per-year windows follow ``date_from``/``date_to`` as stored, so a
    period a researcher set in Cypher (here one across New Year) is what the analysis selects."""
    from graph import analysis

    _dated_meetings(store)
    store.run(
        "MATCH (:Person)-[r:MET]->(:Person {id: $id}) "
        "SET r.date_from = date('2023-12-30'), r.date_to = date('2024-01-02')",
        {"id": "person:p2"},
        write=True,
    )
    whole = store.to_networkx()
    in_2024 = analysis.actor_graph(whole, since="2024", until="2024")
    assert sorted(v for _, v in in_2024.edges()) == ["person:p2", "person:p3"]
    by_year = analysis.centrality_by_window(whole, ["degree"])
    windows = by_year[by_year.id == "person:p2"]["window"].tolist()
    assert windows == ["2023", "2024"]

import pytest

from graph.errors import ModelError
from graph.model import Article, Entity, GraphBatch, Relation, article_id, entity_id, fold, slugify


def test_ids_follow_the_identity_rules():
    assert entity_id("Country", "Japan", "JP") == "JP"
    assert entity_id("Prefecture", "Tottori", "JP-31") == "JP-31"
    assert entity_id("Person", "Phạm Quang Hiệu") == "person:pham-quang-hieu"
    assert entity_id("Association", "Hanoi Union") == "association:hanoi-union"
    # a code is only used for places
    assert entity_id("Organization", "Vietjet", "XX") == "organization:vietjet"


def test_article_id_is_a_hash_of_the_text():
    assert article_id("some text") == article_id("  some text\n")
    assert article_id("some text") != article_id("other text")


def test_fold_and_slug():
    assert fold("Hà Nội") == "ha noi"
    assert fold("Đà Nẵng") == "da nang"
    assert slugify("x'}) DETACH DELETE n //") == "x-detach-delete-n"


@pytest.mark.parametrize("label", ["Ship", "entity", "Person`) DETACH DELETE n //"])
def test_unknown_label_is_refused(label):
    with pytest.raises(ModelError, match="unknown entity label"):
        Entity("x", label, "X")


def test_unknown_relationship_type_is_refused():
    with pytest.raises(ModelError, match="unknown relationship type"):
        Relation("LIKES", "a", "b", "art")


def test_bad_date_and_foreign_property_are_refused():
    with pytest.raises(ModelError):
        Relation("VISITED", "a", "b", "art", date="24 November")
    with pytest.raises(ModelError):
        Relation("VISITED", "a", "b", "art", props={"role": "Mayor"})
    Relation("HOLDS_ROLE", "a", "b", "art", props={"role": "Mayor"})


def test_batch_refuses_dangling_ends():
    art = Article("art", "a.txt")
    batch = GraphBatch([art], [Entity("p", "Person", "P")], [Relation("VISITED", "p", "JP", "art")])
    with pytest.raises(ModelError, match="not in the batch"):
        batch.validate()


def test_batch_merges_entities_and_undirected_keys():
    a = Entity("p", "Person", "Nguyen Ngoc Ky", ("Ky",))
    b = Entity("p", "Person", "Nguyen Ngoc Ky", ("Mr Ky",), {"x": "1"})
    batch = GraphBatch(
        [Article("art", "a.txt")],
        [a, b],
        [
            Relation("MET", "p", "q", "art"),
            Relation("MET", "q", "p", "art"),
        ],
    )
    merged = batch.merged_entities()
    assert len(merged) == 1 and merged[0].aliases == ("Ky", "Mr Ky") and merged[0].codes == {"x": "1"}
    assert len(batch.unique_relations()) == 1

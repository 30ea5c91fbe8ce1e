"""Identity: places to the gazetteer by stated rules, people and organisations across articles.

The place cases and the registry cases together are the resolution corpus the
Identity issue asks for; every one states what must (or must not) merge.
"""

from __future__ import annotations

import random
from collections import Counter

import pytest
from rapidfuzz import fuzz

from bench.identity import misspelt
from graph.model import Entity, entity_id
from graph.store import Store
from loaders import gazetteer, identity
from loaders.found import Extraction, Found, Mention
from loaders.identity import (
    Match,
    Registry,
    body_key,
    generic_body,
    is_acronym,
    name_words,
    near_word,
    org_key,
    person_key,
)
from loaders.places import place_for, place_mentions
from loaders.resolve import resolve

# (text, hint from the name itself, article words, countries the article names) → expected code
PLACES = [
    ("Việt Nam", None, "", set(), "VN"),
    ("Viet Nam", None, "", set(), "VN"),
    ("Vietnam", None, "", set(), "VN"),
    ("Hà Nội", None, "", set(), "geonames:1581130"),
    ("Hanoi", None, "", set(), "geonames:1581130"),
    ("Thanh Hoa province", "Prefecture/Province", "", set(), "VN-21"),
    ("Thanh Hóa Province", "Prefecture/Province", "", set(), "VN-21"),
    ("Tottori-shi", "City", "", set(), "geonames:1849892"),
    ("Tottori City", "City", "", set(), "geonames:1849892"),
    ("Zhejiang Province", "Prefecture/Province", "", set(), "CN-ZJ"),
    ("Zhejiang", None, "", set(), "CN-ZJ"),
    ("Tottori", None, "the governor of tottori said", {"JP"}, "JP-31"),
    ("Tottori", None, "the mayor of tottori said", {"JP"}, "geonames:1849892"),
    ("Tottori", None, "tottori prefectural assembly", {"JP"}, "JP-31"),
    ("Hiroshima", None, "governor of hiroshima", {"JP"}, "JP-34"),
    ("Hiroshima", None, "hiroshima city hall", {"JP"}, "geonames:1862415"),
    ("Nara", None, "nara prefecture officials", {"JP"}, "JP-29"),
    ("Shizuoka", None, "governor of shizuoka", {"JP"}, "JP-22"),
    ("Shizuoka", None, "mayor of shizuoka", {"JP"}, "geonames:1851717"),
    ("Aichi", None, "governor of aichi", {"JP"}, "JP-23"),
    ("Laos", None, "", set(), "LA"),
    ("Lao PDR", None, "", set(), "LA"),
    ("Republic of Korea", None, "", set(), "KR"),
    ("Gyeonggi Province", "Prefecture/Province", "", set(), "KR-41"),
    ("North Chungcheong Province", "Prefecture/Province", "", set(), "KR-43"),
    ("Inner Mongolia", None, "", set(), "CN-NM"),
    ("Luang Prabang Province", "Prefecture/Province", "", set(), "LA-LP"),
    ("Đà Nẵng", None, "", set(), "geonames:1583992"),
    ("Valencia", None, "", {"ES"}, "geonames:2509954"),
]


@pytest.mark.parametrize("text, hint, context, countries, code", PLACES, ids=[f"{p[0]}|{p[2]}" for p in PLACES])
def test_places_resolve_to_their_code(text, hint, context, countries, code):
    place = place_for(text, hint, context, countries)
    assert place is not None and place.code == code


def test_an_office_resolves_to_its_jurisdiction_never_its_capital():
    place = place_for("Aichi", None, "the governor of aichi met officials", {"JP"})
    assert place is not None and place.label == "Prefecture" and place.code != "geonames:1856057"


def test_an_unknown_place_is_not_guessed():
    assert place_for("Xyzzyville", None, "", set()) is None


@pytest.mark.parametrize(
    "city, country, parent",
    [
        ("Nagoya", "JP", "JP-23"),
        ("Tokyo", "JP", "JP"),  # Tokyo Metropolis is the city itself
        ("Haikou", "CN", "CN-HI"),  # a provincial seat with no namesake city
        ("Ningbo", "CN", "CN-ZJ"),
        ("Shanghai", "CN", "CN"),  # a municipality sits in its country
        ("Suwon", "KR", "KR-41"),
        ("Gwangju", "KR", "KR"),  # the metropolitan city, not its small namesake in Gyeonggi
        ("Thanh Hoa", "VN", "VN-21"),
        ("Ha Long", "VN", "VN-13"),
        ("Hai Phong", "VN", "VN"),  # GeoNames merged it with Hai Duong in 2025; never Hai Duong's city
        ("Can Tho", "VN", "VN"),
        ("Vientiane", "LA", "LA"),
        ("Luang Prabang", "LA", "LA-LP"),
        ("Seattle", "US", "US-WA"),  # a state by its postal code
        ("Honolulu", "US", "US-HI"),
        ("Washington", "US", "US-DC"),  # the capital, not in Washington State
        ("Johor Bahru", "MY", "MY-01"),  # GeoNames' number of Johor, told by its largest city
        ("Vladivostok", "RU", "RU-PRI"),
        ("Lanzhou", "CN", "CN-GS"),  # a seat, though a small town of Gansu is named Jiangxi
    ],
)
def test_a_citys_parent_comes_from_the_gazetteer_hierarchy(city, country, parent):
    [place] = [p for p in gazetteer.lookup(city) if p.label == "City" and p.country == country][:1]
    up = gazetteer.parent(place)
    assert up is not None and up.code == parent


KNOWN = [
    Entity("person:yoko-kamikawa", "Person", "Yoko Kamikawa"),
    Entity("person:nguyen-ngoc-ky", "Person", "Nguyễn Ngọc Ký", ("Ky",)),
    Entity("person:thongsavanh-phomvihane", "Person", "Thongsavanh Phomvihane"),
    Entity("person:tran-van-long", "Person", "Tran Van Long"),
    Entity("person:heita-kawakatsu", "Person", "Heita Kawakatsu", ("Kawakatsu",)),
    Entity("association:haufo", "Association", "Hanoi Union of Friendship Organizations", ("HAUFO",)),
    Entity("association:cpaffc", "Association", "Chinese People's Association for Friendship with Foreign Countries"),
    Entity("party:ldp", "Party", "Liberal Democratic Party", ("LDP",)),
    Entity("party:komeito", "Party", "Komeito Party"),
    Entity("party:democratic-party", "Party", "Democratic Party", (), {"country_code": "KR"}),
    Entity("party:saenuri", "Party", "Saenuri Party", (), {"country_code": "KR"}),
    Entity("association:jvfa", "Association", "Japan-Vietnam Friendship Association"),
    Entity("organization:hanoi-peoples-committee", "Organization", "Hanoi People's Committee"),
    Entity("organization:x-unresolved", "City", "Old Harbour Town"),
]

# (new entity, known id it must merge into, or None for "must stay separate")
CASES = [
    (Entity("person:kamikawa-yoko", "Person", "Kamikawa Yoko"), "person:yoko-kamikawa"),
    (Entity("person:ms-kamikawa-yoko", "Person", "Ms Kamikawa Yoko"), "person:yoko-kamikawa"),
    (Entity("person:fm-kamikawa", "Person", "Foreign Minister Yoko Kamikawa"), "person:yoko-kamikawa"),
    (Entity("person:nguyen-ngoc-ky", "Person", "Nguyen Ngoc Ky"), "person:nguyen-ngoc-ky"),
    (Entity("person:nguyen-ngoc-ky2", "Person", "NGUYEN NGOC KY"), "person:nguyen-ngoc-ky"),
    (Entity("person:ky-ngoc-nguyen", "Person", "Ky Ngoc Nguyen"), "person:nguyen-ngoc-ky"),
    (Entity("person:thongsavan", "Person", "Thongsavan Phomvihane"), "person:thongsavanh-phomvihane"),
    (Entity("person:h-e-thongsavanh", "Person", "H.E. Thongsavanh Phomvihane"), "person:thongsavanh-phomvihane"),
    (Entity("person:kawakatsu-heita", "Person", "Kawakatsu Heita"), "person:heita-kawakatsu"),
    (Entity("assoc:haufo-2", "Association", "HAUFO"), "association:haufo"),
    (Entity("assoc:haufo-3", "Association", "the Hanoi Union of Friendship Organizations"), "association:haufo"),
    (Entity("assoc:haufo-4", "Association", "Hanoi Union of Friendship Organisations"), "association:haufo"),
    (Entity("assoc:cpaffc-2", "Association", "CPAFFC"), "association:cpaffc"),
    (
        Entity("assoc:cpaffc-3", "Association", "Chinese People’s Association for Friendship with Foreign Countries"),
        "association:cpaffc",
    ),
    (Entity("party:ldp-2", "Party", "LDP"), "party:ldp"),
    (Entity("party:ldp-3", "Party", "the Liberal Democratic Party"), "party:ldp"),
    (Entity("org:ldp", "Organization", "LDP"), "party:ldp"),  # the model's ORG on a party's acronym
    (Entity("org:hpc", "Organization", "Hanoi Peoples Committee"), "organization:hanoi-peoples-committee"),
    (Entity("city:oht", "City", "Old Harbour Town"), "organization:x-unresolved"),
    # the model's label slips between body labels: the name, not the label, is the body
    (Entity("assoc:hpc", "Association", "Hanoi People's Committee"), "organization:hanoi-peoples-committee"),
    (Entity("org:jvfa", "Organization", "the Japan-Vietnam Friendship Association"), "association:jvfa"),
    (Entity("org:cpaffc", "Organization", "CPAFFC"), "association:cpaffc"),
    (Entity("party:haufo", "Party", "HAUFO"), "association:haufo"),
    # a party renamed or shortened: the same proper name, "New" before it or not, its country after it
    (Entity("party:nkpj", "Party", "New Komeito Party of Japan"), "party:komeito"),
    (Entity("party:k", "Party", "Komeito"), "party:komeito"),
    (Entity("party:nsp", "Party", "New Saenuri Party", (), {"country_code": "KR"}), "party:saenuri"),
    # must not merge
    (Entity("party:ndp", "Party", "New Democratic Party", (), {"country_code": "KR"}), None),  # describes, names not
    (Entity("party:sp-jp", "Party", "Saenuri Party of Japan", (), {"country_code": "JP"}), None),  # another country
    (Entity("party:kl", "Party", "Komeito Liberal Alliance Party"), None),  # the same word in a longer name
    (Entity("person:yoko-tanaka", "Person", "Yoko Tanaka"), None),
    (Entity("person:kamikawa-hiroshi", "Person", "Kamikawa Hiroshi"), None),
    (Entity("person:kamikawa", "Person", "Kamikawa"), None),
    (Entity("person:ky", "Person", "Ky"), None),
    (Entity("person:tran-van-luong", "Person", "Tran Van Luong"), None),
    (Entity("person:tran-van-lam", "Person", "Tran Van Lam"), None),
    (Entity("person:nguyen-ngoc-anh", "Person", "Nguyen Ngoc Anh"), None),
    (Entity("assoc:jlfa", "Association", "Japan-Laos Friendship Association"), None),
    (Entity("assoc:jvfa-tottori", "Association", "Japan-Vietnam Friendship Association in Tottori"), None),
    (Entity("city:hpc", "City", "Hanoi People's Committee"), None),  # a place never takes a body's name
    (Entity("org:hcmc-pc", "Organization", "Ho Chi Minh City People's Committee"), None),
    (Entity("assoc:abc", "Association", "ABC"), None),
    (Entity("city:ohc", "City", "Old Harbour City"), None),
    (Entity("geonames:1", "City", "Hanoi", (), {"geonames_id": "1"}), None),
]


@pytest.mark.parametrize("entity, expected", CASES, ids=[c[0].name + "|" + c[0].label for c in CASES])
def test_registry_merges_only_what_is_the_same(entity: Entity, expected: str | None):
    match = Registry(KNOWN).match(entity)
    if expected is None:
        assert match is None, match
    else:
        assert match is not None and match.id == expected
        assert match.reason.startswith(entity.name if match.id != entity.id else "")


def test_resolution_corpus_is_large_enough():
    assert len(PLACES) + len(CASES) + len(PLACES_IN_CONTEXT) + len(SPLITS) >= 60


def test_an_ambiguous_acronym_merges_nothing():
    registry = Registry(
        [
            Entity("assoc:a", "Association", "Japan Friendship Association"),
            Entity("assoc:b", "Association", "Japan Film Academy"),
        ]
    )
    assert registry.match(Entity("assoc:c", "Association", "JFA")) is None


def test_seeds_leave_one_node_per_actor(seeds_store: Store):
    rows = seeds_store.run(
        "MATCH (n:Entity) RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS label, "
        "n.name AS name, coalesce(n.aliases, []) AS aliases"
    )
    ids = {r["id"] for r in rows}
    for code in ("JP", "VN", "CN", "LA", "geonames:1850147", "geonames:1581130", "geonames:1849892", "JP-22"):
        assert code in ids
    keys = Counter()
    for r in rows:
        for form in {r["name"], *r["aliases"]}:
            key = person_key(form) if r["label"] == "Person" else org_key(form)
            if r["label"] != "Person" or len(key.split()) > 1:
                keys[(r["label"], key)] += 1
    shared = [k for k, n in keys.items() if n > 1]
    assert not shared
    names = Counter(org_key(form) for r in rows for form in {r["name"], *r["aliases"]})
    for name in ("japan", "vietnam", "china", "laos", "tokyo", "hanoi", "tottori city", "shizuoka prefecture"):
        assert names[name] == 1, name


def test_building_again_with_more_articles_merges_into_existing_nodes(store: Store, tmp_path):
    from graph.build import build

    (tmp_path / "a.txt").write_text(
        "TOKYO — Foreign Minister Yoko Kamikawa met a delegation of the Hanoi Union of Friendship "
        "Organizations (HAUFO) in Tokyo on Monday, the ministry said. The delegation later visited Osaka "
        "and met business leaders there to discuss trade and exchanges between Vietnam and Japan.",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text(
        "HANOI — Kamikawa Yoko, Japan's foreign minister, was received in Hà Nội on Friday by leaders of "
        "the Hanoi Union of Friendship Organisations. The talks covered student exchanges, tourism and "
        "investment between the two countries, "
        "and both sides agreed to hold more people-to-people events next year in Hanoi and Tokyo.",
        encoding="utf-8",
    )
    build([tmp_path / "a.txt"], store)
    before = {r["id"] for r in store.run("MATCH (n:Entity) RETURN n.id AS id")}
    build([tmp_path / "b.txt"], store)
    after = store.run("MATCH (n:Entity) RETURN n.id AS id, n.name AS name, n.aliases AS aliases, n.merged AS m")
    people = [r for r in after if r["id"].startswith("person:")]
    assert len(people) == 1 and "Kamikawa Yoko" in people[0]["aliases"] and people[0]["m"]
    unions = [r for r in after if r["id"].startswith("association:")]
    assert len(unions) == 1 and "Hanoi Union of Friendship Organisations" in unions[0]["aliases"]
    assert before <= {r["id"] for r in after}


# --- issue 15: one node per actor at corpus scale -------------------------------------------

# Place codes chosen with the article's countries and cue words as evidence (text → expected code, None: no place).
PLACES_IN_CONTEXT = [
    ("Andong", None, "", {"KR"}, "geonames:1846986"),  # a Korean city, not Dandong's old name
    ("Henan", None, "", {"CN"}, "CN-HA"),  # the province, not a city known by it as an alternate name
    ("Washington State", "Prefecture/Province", "", {"US"}, "US-WA"),
    ("Victoria", None, "", {"AU"}, "AU-VIC"),
    ("Tokyo", "Prefecture/Province", "", {"JP"}, "geonames:1850147"),  # the Metropolis is the city
    ("Tashkent province", "Prefecture/Province", "", {"UZ"}, "UZ-TO"),  # a region, never its capital
    ("Tashkent", None, "", {"UZ"}, "geonames:1512569"),
    ("Penang", None, "", {"MY"}, "MY-07"),
    ("Thua Thien Hue", None, "", {"VN"}, "VN-26"),
    ("Gyeongnam Province", "Prefecture/Province", "", {"KR"}, "KR-48"),
    ("Kumamoto", None, "the governors of iwate, miyagi and kumamoto prefectures met", {"JP"}, "JP-43"),
    ("Log", None, "", {"JP"}, None),  # page furniture that GeoNames lists as an old name of Łódź
    ("Kep Province", "Prefecture/Province", "", {"KH"}, "KH-23"),
    ("Siem Reap", None, "", {"KH"}, "KH-17"),  # the province, never its capital's city code
    ("Svay Rieng", None, "", {"KH"}, "KH-20"),
    ("Oita", None, "the governor of oita said", {"JP"}, "JP-44"),
    ("Jilin Province", "Prefecture/Province", "", {"CN"}, "CN-JL"),
    ("Johor", None, "", {"MY"}, "MY-01"),  # the state and its capital are two nodes
    ("Johor Bahru", None, "", {"MY"}, "geonames:1732752"),
    ("George Town", None, "", {"MY"}, "geonames:1735106"),  # Penang's capital, not Penang
    ("Chungnam", None, "", {"KR"}, "KR-44"),  # South Chungcheong's short name: one province
    ("South Chungcheong Province", "Prefecture/Province", "", {"KR"}, "KR-44"),
    ("D", None, "", {"US"}, None),  # a letter, not Detroit
]


@pytest.mark.parametrize(
    "text, hint, context, countries, code", PLACES_IN_CONTEXT, ids=[p[0] for p in PLACES_IN_CONTEXT]
)
def test_place_codes_follow_the_articles_evidence(text, hint, context, countries, code):
    place = place_for(text, hint, context, countries)
    assert (place.code if place else None) == code


def test_a_region_asked_for_is_never_its_capital():
    assert place_for("Oldtown Province", "Prefecture/Province", "", set()) is None
    assert place_for("Fukuyama", "Prefecture/Province", "", {"JP"}) is None  # only a city bears the name


def test_names_that_are_no_place_in_running_text():
    from loaders.nlp import load_nlp

    text = (
        "The delegation from Binh Dinh met minister Ota and secretary-general Fukuyama in Hanoi. "
        "Farmers of the Mekong Delta province of Ben Tre sell rice to the West. Log in to comment. "
        "The governors of Iwate, Miyagi and Kumamoto prefectures attended, as did Vietnam's ambassador."
    )
    doc = load_nlp()(text)
    found = {m.text: (m.place.code if m.place else None) for m in place_mentions(doc, text, [], None)}
    assert "Ota" not in found and "Fukuyama" not in found
    assert "Delta province" not in found and "West" not in found and "Log" not in found
    assert found.get("Kumamoto") == "JP-43" and found.get("Iwate") == "JP-03"


def _coded(text: str) -> dict[str, str | None]:
    from loaders.nlp import load_nlp

    return {m.text: (m.place.code if m.place else None) for m in place_mentions(load_nlp()(text), text, [], None)}


def test_a_place_abroad_that_its_name_does_not_pick_out_gets_no_code():
    """In an article that names neither country, Hyderabad (India or Pakistan) and Santa Fe (an
    Argentine province, a city in New Mexico) are not coded; London and Paris, each ten times any
    namesake, and a city named as one with no rival ("Iloilo City") are. Name the country, and the
    namesake in it is chosen."""
    text = (
        "The mayor flew on to Hyderabad and then to Santa Fe, where the talks ended. "
        "Earlier the delegation stopped in London and Paris, and in Iloilo City on the way home."
    )
    found = _coded(text)
    assert "Hyderabad" not in found and "Santa Fe" not in found
    assert found["London"] == "geonames:2643743" and found["Paris"] == "geonames:2988507"
    assert found["Iloilo City"] == "geonames:1711005"
    named = _coded("The mayor of Hyderabad, Pakistan, met traders from Santa Fe, New Mexico in the United States.")
    assert named["Hyderabad"] == "geonames:1176734" and named["Santa Fe"] == "geonames:5490263"


def test_the_city_of_a_name_is_the_city_where_the_article_otherwise_means_the_state():
    from loaders.nlp import load_nlp

    text = "The envoy toured the city of Malacca after meeting the Governor of Malacca in Malaysia."
    found = [(m.text, m.place.code if m.place else None) for m in place_mentions(load_nlp()(text), text, [], None)]
    assert found[:2] == [("Malacca", "geonames:1734759"), ("Malacca", "MY-04")]


def _article(file: str, text: str, entities: list[Found]) -> Extraction:
    return Extraction(file, None, None, None, None, text, entities=entities)


def _found(text: str, label: str, phrase: str, place: str | None = None) -> Found:
    """An entity with one mention of ``phrase`` in ``text`` (placed by the gazetteer when ``place``)."""
    start = text.index(phrase)
    where = next((p for p in gazetteer.lookup(place) if p.label != "City"), None) if place else None
    return Found(label, phrase, [Mention(phrase, start, start + len(phrase), label, "test", where)], place=where)


def test_a_generic_body_belongs_to_the_place_its_article_names():
    registry = Registry()
    ids = []
    for n, province in enumerate(("Dien Bien", "Binh Duong")):
        text = f"A delegation of {province} province was led by the Secretary of the Provincial Party Committee."
        ents = [
            _found(text, "Province", f"{province} province", province),
            _found(text, "Organization", "Provincial Party Committee"),
        ]
        out = resolve(_article(f"{n}.txt", text, ents), registry)
        body = next(e for e in out.batch.entities if e.label == "Organization")
        assert body.name == f"{province} Provincial Party Committee" and "Provincial Party Committee" in body.aliases
        ids.append(body.id)
    assert ids[0] != ids[1]


def test_a_generic_body_with_no_place_stays_in_its_article():
    registry = Registry()
    ids = set()
    for n in range(2):
        text = f"Article {n}: the National Assembly approved the budget after a long debate."
        out = resolve(_article(f"{n}.txt", text, [_found(text, "Organization", "National Assembly")]), registry)
        ids |= {e.id for e in out.batch.entities}
    assert len(ids) == 2


def test_national_bodies_of_two_countries_stay_apart():
    registry = Registry()
    ids = []
    for n, country in enumerate(("Laos", "Cambodia")):
        text = f"The visitors met leaders of {country}, including the President of the National Assembly."
        ents = [_found(text, "Country", country, country), _found(text, "Organization", "National Assembly")]
        out = resolve(_article(f"{n}.txt", text, ents), registry)
        ids.append(next(e.id for e in out.batch.entities if e.label == "Organization"))
    assert ids[0] != ids[1]


def test_one_places_body_is_one_node_however_it_is_written():
    assert body_key("People's Committee of Binh Dinh province") == body_key("Binh Dinh Provincial People’s Committee")
    assert body_key("Communist Party of China") == body_key("Chinese Communist Party")
    assert body_key("Hiroshima Prefectural Assembly") != body_key("Hiroshima City Assembly")
    assert generic_body("Provincial People's Committee") is not None and body_key("Provincial Party Committee") is None


def test_an_acronym_merges_only_in_one_country_and_with_the_name_it_was_defined_for():
    lprp = Entity("party:lprp", "Party", "Lao People's Revolutionary Party", ("LPRP",), {"country_code": "LA"})
    registry = Registry([lprp, Entity("organization:na", "Organization", "National Assembly", ("NA",))])
    liaoning = Entity("party:liaoning", "Party", "Liaoning Provincial Party", (), {"country_code": "CN"})
    assert registry.match(liaoning) is None  # L-P-R-P reads off it, but across countries
    assert registry.match(Entity("organization:na2", "Organization", "NA")) is None  # two letters name anything
    assert registry.match(Entity("party:x", "Party", "LPRP")).id == "party:lprp"


SPLITS = [
    (Entity("organization:v1", "Organization", "Vietnamese Embassy in Tokyo"), "Vietnam Embassy in Tokyo"),
    (Entity("person:m1", "Person", "Narendra D Modi"), "Narendra Modi"),
    (Entity("person:k1", "Person", "Kim Dong-yeon"), "Dong-yeon Kim"),
    (Entity("person:o1", "Person", "Oh Young-hun"), "Jeju Governor Oh Young-hun"),
]


@pytest.mark.parametrize("known, form", SPLITS, ids=[s[1] for s in SPLITS])
def test_spellings_of_one_actor_merge(known: Entity, form: str):
    match = Registry([known]).match(Entity("x:new", known.label, form))
    assert match is not None and match.id == known.id


def test_the_models_label_slips_do_not_split_an_actor():
    registry = Registry(
        [
            Entity("person:yoichi-masuzoe", "Person", "Yoichi Masuzoe"),
            Entity("party:cpc", "Party", "Communist Party of China", ("CPC",), {"country_code": "CN"}),
        ]
    )
    person = registry.match(Entity("organization:ym", "Organization", "Yoichi Masuzoe"))
    assert person is not None and (person.id, person.label) == ("person:yoichi-masuzoe", "Person")
    party = registry.match(Entity("organization:cpc", "Organization", "CPC"))
    assert party is not None and (party.id, party.label) == ("party:cpc", "Party")
    assert registry.match(Entity("organization:t", "Organization", "Tokyo Metropolitan Government Office")) is None


def test_one_body_typed_two_ways_in_two_articles_is_one_node():
    """The typer calls the friendship association an Organization in one article and an
    Association in the next: its acronym, its full name and their expansion find the one node."""
    registry = Registry()
    texts = [
        "The China Friendship Council for Overseas Towns (CFCOT) hosted a youth delegation in Hangzhou.",
        "CFCOT and Japanese partners met in Matsuyama; the China Friendship Council for Overseas Towns spoke.",
    ]
    ids = []
    for n, (text, label) in enumerate(zip(texts, ("Organization", "Association"), strict=True)):
        body = _found(text, label, "China Friendship Council for Overseas Towns")
        body.aliases.append("CFCOT")
        out = resolve(_article(f"{n}.txt", text, [body]), registry)
        ids.append(next(e.id for e in out.batch.entities))
    assert ids[0] == ids[1] == "organization:china-friendship-council-for-overseas-towns"
    known = Registry([Entity("organization:cfcot", "Organization", "CFCOT")])
    expansion = known.match(Entity("association:x", "Association", "China Friendship Council for Overseas Towns"))
    assert expansion is not None and (expansion.id, expansion.label) == ("organization:cfcot", "Organization")


def test_a_renamed_party_is_one_node_and_a_descriptive_namesake_is_another():
    """Written for it: one article names the "Sakigake Party", a later one the "New Sakigake Party
    of Japan" (a rename) and the "New Liberal Party" (no kin of a "Liberal Party")."""
    registry = Registry()
    texts = [
        "Leaders of the Sakigake Party and the Liberal Party met the Vietnamese ambassador in Tokyo.",
        "A delegation of the New Sakigake Party of Japan and the New Liberal Party visited Hanoi.",
    ]
    parties = [("Sakigake Party", "Liberal Party"), ("New Sakigake Party of Japan", "New Liberal Party")]
    ids = []
    for n, (text, names) in enumerate(zip(texts, parties, strict=True)):
        out = resolve(_article(f"{n}.txt", text, [_found(text, "Party", name) for name in names]), registry)
        ids.append([next(e.id for e in out.batch.entities if name in (e.name, *e.aliases)) for name in names])
    assert ids[1][0] == ids[0][0] == "party:sakigake-party"
    assert ids[1][1] not in ids[0]
    merged = registry.entities["party:sakigake-party"]
    assert "New Sakigake Party of Japan" in merged.aliases


def test_a_name_two_known_bodies_of_other_labels_share_or_one_abroad_merges_nothing():
    registry = Registry(
        [
            Entity("party:green-union", "Party", "Green Union"),
            Entity("association:green-union", "Association", "Green Union"),
        ]
    )
    assert registry.match(Entity("organization:green-union", "Organization", "Green Union")) is None
    abroad = Registry([Entity("party:kdp", "Party", "KDP", (), {"country_code": "KR"})])
    assert abroad.match(Entity("organization:kdp", "Organization", "KDP", (), {"country_code": "IQ"})) is None
    assert registry.match(Entity("x:gu", "Association", "the Green Union")).id == "association:green-union"


def test_a_titles_full_stop_does_not_cut_a_national_body_off_from_its_place():
    """A sentence runs on past a title's full stop ("led by Mr. Tran ... Member of the Party Central
    Committee"), so the committee is that of the province's country (Vietnam), not of Japan named after."""
    registry = Registry()
    ids = []
    texts = [
        "In Japan, the delegation of Dien Bien province led by Mr. Tran Van Hoa - Member of the Party Central "
        "Committee, Secretary of the Provincial Party Committee - visited Hokkaido Prefecture (Japan).",
        "Attendees from Dien Bien province included Dr. Le Thi Mai, member of the Party Central Committee.",
    ]
    for n, text in enumerate(texts):
        ents = [
            _found(text, "Province", "Dien Bien province", "Dien Bien"),
            _found(text, "Organization", "Party Central Committee"),
        ]
        if "Japan" in text:
            ents += [_found(text, "Country", "Japan", "Japan"), _found(text, "Prefecture", "Hokkaido", "Hokkaido")]
        out = resolve(_article(f"{n}.txt", text, ents), registry)
        ids.append(next(e.id for e in out.batch.entities if e.label == "Organization" and "Central" in e.name))
    assert ids == ["organization:vn-party-central-committee"] * 2


def test_names_in_other_scripts_get_ids_of_their_own():
    names = ["习近平", "李强", "김정은", "문재인", "Владимир Путин", "Ухнаагийн Хүрэлсүх"]
    ids = {entity_id("Person", n) for n in names}
    assert len(ids) == len(names) and all(i != "person:x" for i in ids)
    assert entity_id("Person", "习近平") == entity_id("Person", "习近平")
    registry = Registry([Entity(entity_id("Person", "习近平"), "Person", "习近平")])
    assert registry.match(Entity(entity_id("Person", "李强"), "Person", "李强")) is None
    assert registry.match(Entity(entity_id("Person", "习近平"), "Person", "习近平")) is not None


def test_names_in_other_scripts_stay_apart_and_merge_with_themselves_across_articles():
    """Written for it: two articles naming people in Chinese, Korean and Cyrillic script (and a
    Mongolian name in Cyrillic). Each name is one node in both articles; no two names share one."""
    names = ["习近平", "李强", "김정은", "문재인", "Владимир Путин", "Ухнаагийн Хүрэлсүх"]
    texts = [
        "At the summit 习近平 and 李强 received 김정은, 문재인, Владимир Путин and Ухнаагийн Хүрэлсүх.",
        "A year later Ухнаагийн Хүрэлсүх, Владимир Путин, 문재인 and 김정은 wrote to 李强 and 习近平.",
    ]
    registry = Registry()
    per_article = []
    for n, text in enumerate(texts):
        out = resolve(_article(f"{n}.txt", text, [_found(text, "Person", name) for name in names]), registry)
        people = {e.name: e.id for e in out.batch.entities if e.label == "Person"}
        assert sorted(people) == sorted(names) and len(set(people.values())) == len(names)
        per_article.append(people)
    assert per_article[0] == per_article[1]


# --- The registry's indexes: same answers as a scan of every known entity, at a constant cost ---

SYLLABLES = ["ka", "mi", "to", "ran", "le", "vo", "su", "hen", "da", "ri", "no", "pha", "quan", "bel", "tor"]
ORG_HEADS = ["Association", "Union", "Council", "Foundation", "Institute", "Chamber"]


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def _people(rng: random.Random, count: int, parts: int = 2) -> list[Entity]:
    out: dict[str, Entity] = {}
    while len(out) < count:
        name = " ".join(_word(rng, parts) for _ in range(3))
        out.setdefault(entity_id("Person", name), Entity(entity_id("Person", name), "Person", name))
    return list(out.values())


def _bodies(rng: random.Random, count: int) -> list[Entity]:
    out: dict[str, Entity] = {}
    for _ in range(count):
        name = f"{_word(rng, 2)} {_word(rng, 2)} {rng.choice(ORG_HEADS)}"
        label = rng.choice(["Organization", "Association", "Party"])
        acronym = "".join(w[0] for w in name.split()).upper()
        aliases = (acronym,) if rng.random() < 0.3 else ()
        eid = entity_id(label, name)
        out.setdefault(eid, Entity(eid, label, rng.choice([name, acronym]) if aliases else name, aliases))
    return list(out.values())


class ScanningRegistry(Registry):
    """The near-match rules answered by scanning every known entity: the reference."""

    def _near_person(self, entity: Entity) -> Match | None:
        words = sorted(name_words(entity.name))
        if len(words) < 2:
            return None
        hits = set()
        for known in self.entities.values():
            for form in (known.name, *known.aliases) if known.label == "Person" else ():
                other = sorted(name_words(form))
                differ = [(a, b) for a, b in zip(words, other, strict=False) if a != b]
                if len(other) == len(words) and len(differ) == 1 and near_word(*differ[0]):
                    hits.add(known.id)
        return Match(hits.pop(), f"{entity.name}: one letter from a known name") if len(hits) == 1 else None

    def _expansion_candidates(self, label: str, acronym: str) -> list[str]:
        return [k.id for k in self.entities.values() if k.label == label and not is_acronym(k.name)]

    def _acronym_candidates(self, entity: Entity, label: str) -> list[str]:
        return [a for (known, a) in self._acronyms if known == label]

    def _near_org(self, entity: Entity) -> Match | None:
        key = org_key(entity.name)
        if len(key) < 15 or generic_body(entity.name) is not None:
            return None
        hits = {
            known
            for (label, other), known in self._exact.items()
            if label == entity.label and len(other) >= 15 and fuzz.ratio(key, other) >= 95
        }
        return Match(hits.pop(), f"{entity.name}: near spelling of a known name") if len(hits) == 1 else None


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_indexed_lookups_answer_as_a_scan_does(seed: int):
    rng = random.Random(seed)
    known = _people(rng, 300, parts=2) + _bodies(rng, 300)
    queries = [
        Entity(entity_id(k.label, q), k.label, q)
        for k in rng.sample(known, 250)
        for q in {misspelt(rng, k.name), "".join(w[0] for w in k.name.split()).upper(), f"the {k.name}"}
    ]
    queries += _people(random.Random(seed + 100), 100, parts=2) + _bodies(random.Random(seed + 100), 100)
    indexed, scanning = Registry(known), ScanningRegistry(known)
    answers = [(indexed.match(q), scanning.match(q)) for q in queries]
    assert all(a == b for a, b in answers)
    assert sum(a is not None and a.reason != "same id" for a, _ in answers) > 100  # the near rules were exercised
    for q in queries:  # and they keep agreeing as both learn the same entities
        indexed.add(q)
        scanning.add(q)
    assert all(indexed.match(q) == scanning.match(q) for q in queries[::7])


def test_person_lookups_compare_a_few_names_with_10000_known(monkeypatch: pytest.MonkeyPatch):
    """The issue's test, counted rather than timed (bench/identity.py times it): a misspelt or
    unknown person is compared with the few known names that share all its words but one, not
    with every person known, so the comparisons per lookup stay a handful at 10,000 known (a
    scan makes 10,000)."""
    compared = Counter()

    def counting(mine: str, theirs: str) -> bool:
        compared["words"] += 1
        return near_word(mine, theirs)

    monkeypatch.setattr(identity, "near_word", counting)
    rng = random.Random(14)
    people = _people(rng, 10_100)
    small, large = Registry(people[:100]), Registry(people[100:])
    near = [Entity(entity_id("Person", n), "Person", n) for n in (misspelt(rng, p.name) for p in people[:400])]
    unknown = _people(random.Random(15), 400)  # every index is asked and answers no
    per_lookup = {}
    for name, registry in (("small", small), ("large", large)):
        compared.clear()
        found = sum(registry.match(q) is not None for q in near + unknown)
        per_lookup[name] = compared["words"] / len(near + unknown)
        assert found >= (250 if name == "large" else 80), (name, found)  # the near rule was exercised
    assert per_lookup["small"] < 1 and per_lookup["large"] < 5, per_lookup

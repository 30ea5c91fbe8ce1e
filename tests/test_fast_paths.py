"""The faster ways of computing extraction features, scores and measures give what the plain ways
give (the extraction output stays byte-identical; these check the parts one by one)."""

import random
import re
import sys
from pathlib import Path

import networkx as nx
import pytest

from graph import analysis
from graph.model import fold
from loaders import gazetteer
from loaders.candidates import TRIGGERS, ArticleFeatures
from loaders.clean import clean
from loaders.extract import analyse
from loaders.places import (
    LIST_PARTS,
    LISTED_AFTER,
    LISTED_BEFORE,
    TYPED_REGION,
    TYPED_REGION_PARTS,
    matches_in_parts,
)
from loaders.scorer import Stacked, load_weights
from loaders.spans import whole_word_spans

ROOT = Path(__file__).resolve().parent.parent
TRICKY = [
    "",
    "the Lâm Đồng province, and Đà Lạt's PROVINCIAL office; Quang-Ninh  provinces.",
    "governors of iwate, miyagi and kumamoto prefectures met (the provinces of phongsaly and oudomxay)",
    "prefectures of aichi, gifu and mie\n\nregions of north and south",
    "statesman states of johor and malacca states_ provinces-of x and y provinces",
    "Tokyo Prefecture.Osaka prefectural-government Kyoto prefecture”",
]


def _texts() -> list[str]:
    sys.path.insert(0, str(ROOT))
    from bench.corpus import generate

    return [clean(text, {}).text for _, text in generate(60, seed=3)] + TRICKY


def test_matches_in_parts_are_the_matches_of_the_whole_text() -> None:
    for text in _texts():
        for pattern, parts, subject in (
            (TYPED_REGION, TYPED_REGION_PARTS, text),
            (LISTED_BEFORE, LIST_PARTS, fold(text)),
            (LISTED_AFTER, LIST_PARTS, fold(text)),
        ):
            expected = [m.groups() for m in pattern.finditer(subject)]
            assert [m.groups() for m in matches_in_parts(pattern, subject, parts)] == expected


def test_place_keys_are_those_of_the_plain_patterns() -> None:
    def plain_key(name: str) -> str:  # gazetteer.key as it was written with re.sub
        folded = re.sub(r"[^\w\s'-]", " ", fold(name).replace("’", "'"))
        folded = re.sub(r"\s+", " ", folded).strip()
        return folded[4:] if folded.startswith("the ") else folded

    spaces = "".join(c for c in map(chr, range(0x3001)) if c.isspace())
    names = [*TRICKY, f"{spaces}The{spaces}Lao  PDR{spaces}", "the\u3000Hà\xa0Nội-shi’s\tcity"]
    names += [w for text in _texts() for w in text.split("\n")]
    for name in names:
        assert gazetteer.key.__wrapped__(name) == plain_key(name)


def test_stacked_models_give_each_models_logit_exactly() -> None:
    weights = load_weights()
    if weights is None:
        pytest.skip("no shipped weights")
    rng = random.Random(14)
    for models in (weights.relations, weights.entities, weights.roles):
        stacked = Stacked(models)
        names = sorted({k for m in models.values() for k in m.weights})
        for _ in range(50):
            features = {name: float(rng.choice((1, 1, 2, 3))) for name in rng.sample(names, 60)}
            features.update({f"unknown{k}": 1.0 for k in range(5)})
            assert stacked.logits(features) == {name: m.logit(features) for name, m in models.items()}
            ones = dict.fromkeys(features, 1)  # the usual case: every value 1 (columns summed as they are)
            assert stacked.logits(ones) == {name: m.logit(ones) for name, m in models.items()}
            assert stacked.logits({}) == {name: m.logit({}) for name, m in models.items()}
            types = tuple(rng.sample(sorted(weights.relations), 2))
            assert weights.relation_probabilities(types, features) == {
                t: weights.relation_probability(t, features) for t in types
            }
            assert weights.role_probabilities(features) == {
                r: weights.role_probability(r, features) for r in ("visitor", "visited", "met")
            }


def test_triggers_between_a_pair_are_those_of_the_text_between() -> None:
    checked = 0
    for path in sorted((ROOT / "seeds").glob("*.txt"))[:3]:
        article = clean(path.read_text(encoding="utf-8"), {})
        features: ArticleFeatures = analyse(path.name, article).features
        for sent in features.sentences:
            for start in range(sent.span.start, sent.span.end):
                for end in range(start, min(sent.span.end, start + 12) + 1):
                    text = features.tokens.span_text(start, end)
                    expected = tuple(name for name, rx in TRIGGERS.items() if rx.search(text))
                    assert features._triggers_between(sent.text, start, end) == expected, text
                    checked += 1
    assert checked > 1000


def test_triggers_of_a_sentence_are_those_of_its_text() -> None:
    """`ArticleFeatures._sentence_triggers` searches a sentence only for the article's triggers."""
    sys.path.insert(0, str(ROOT))
    from bench.corpus import generate

    articles = [clean(path.read_text(encoding="utf-8"), {}) for path in sorted((ROOT / "seeds").glob("*.txt"))]
    articles += [clean(text, {}) for _, text in generate(30, seed=5)]
    checked = 0  # sentences of articles that lack some trigger (where fewer are searched)
    for n, article in enumerate(articles):
        features: ArticleFeatures = analyse(f"a{n}", article).features
        for sent in features.sentences:
            features._found_triggers.clear()
            expected = tuple(name for name, rx in TRIGGERS.items() if rx.search(sent.text))
            assert features._sentence_triggers(sent) == expected, sent.text
            checked += len(features.article_triggers) < len(TRIGGERS)
    assert checked > 100


def test_ascii_twins_find_what_their_patterns_find() -> None:
    """`spans.ascii_twin` of the triggers and `MODAL` matches as the pattern does on every text
    `spans.plain_ascii` accepts; texts with the separators Unicode's ``\\s`` alone matches are not."""
    from loaders.candidates import MODAL
    from loaders.spans import ascii_twin, plain_ascii

    texts = _texts() + [path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))]
    texts += [part for text in texts for part in re.split(r"(?<=[.!?])\s+|\n+", text)]
    texts += ["next\x1cyear the governor will visit", "The Governor's visit.", "plans to sign an MoU, twinned"]
    twins = [(rx, ascii_twin(rx)) for rx in [*TRIGGERS.values(), MODAL]]
    assert all(twin is not rx and twin.flags & re.ASCII for rx, twin in twins)
    checked = 0
    for text in texts:
        if not plain_ascii(text):
            continue
        checked += 1
        for rx, twin in twins:
            assert [(m.span(), m.groups()) for m in twin.finditer(text)] == [
                (m.span(), m.groups()) for m in rx.finditer(text)
            ], (rx.pattern[:40], text)
    assert checked > 300
    assert not plain_ascii("a\x1fb") and not plain_ascii("Đà Lạt") and plain_ascii("Da Lat")
    kelvin = re.compile("\u212a", re.I)  # matches "k": kept for Unicode
    assert ascii_twin(kelvin) is kelvin


def test_lower_twins_find_in_lower_case_what_their_patterns_find() -> None:
    """`spans.lower_twin` of the triggers and `MODAL` finds in a text lower-cased the spans (and
    groups' spans) the pattern finds in the text: the ASCII twins' on every text `spans.plain_ascii`
    accepts, the Unicode patterns' on every text `spans.lowers_alike` accepts."""
    from loaders.candidates import MODAL, MODAL_TWINS, TRIGGER_TABLES
    from loaders.spans import ascii_twin, case_view, lower_twin, lowers_alike, plain_ascii

    texts = _texts() + [path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))]
    texts += [part for text in texts for part in re.split(r"(?<=[.!?])\s+|\n+", text)]
    texts += ["NEXT YEAR the GOVERNOR Will Visit", "Sister-City Ties", "plans to sign an MoU, TWINNED"]
    texts += ["ĐÀ NẴNG’S GOVERNOR VISITED Hà Nội", "the ‘SISTER-CITY’ TIES", "\u212aelvin MET\u2028them"]
    ascii_twins = [(TRIGGERS[name], TRIGGER_TABLES[0][name]) for name in TRIGGERS] + [(MODAL, MODAL_TWINS[0])]
    unicode_twins = [(TRIGGERS[name], TRIGGER_TABLES[1][name]) for name in TRIGGERS]
    unicode_twins.append((MODAL, MODAL_TWINS[1]))
    assert all(not twin.flags & re.IGNORECASE for _rx, twin in ascii_twins + unicode_twins)  # none folds case
    checked = [0, 0]
    for text in texts:
        for n, (accepts, twins) in enumerate(((plain_ascii, ascii_twins), (lowers_alike, unicode_twins))):
            if not accepts(text):
                continue
            checked[n] += not text.isascii()
            for rx, twin in twins:
                assert [m.regs for m in twin.finditer(text.lower())] == [m.regs for m in rx.finditer(text)], (
                    rx.pattern[:40],
                    text,
                )
    assert checked[0] == 0 and checked[1] > 100  # texts outside ASCII: only the Unicode twins
    assert not lowers_alike("İstanbul") and not lowers_alike("ſign") and lowers_alike("Đà Nẵng’s")
    assert lower_twin(ascii_twin(TRIGGERS["visit"])).pattern == TRIGGERS["visit"].pattern
    assert lower_twin(ascii_twin(MODAL)).flags & re.ASCII
    # `case_view` picks the twin each text may use: ASCII, other text that lowers alike, the rest
    assert case_view("The Visit") == (0, "the visit") and case_view("Đà Nẵng") == (1, "đà nẵng")
    assert case_view("İstanbul") == (2, "İstanbul")
    for pattern in (r"\bMoU\b", r"[0-_]x", r"(?-i:a)b", r"\x41", r"(?P<a>b)", "é", "Σ"):  # these keep folding
        twin = re.compile(pattern, re.I | re.A)
        assert lower_twin(twin) is twin, pattern
    for pattern in (r"\b[a-z0-9_-]+\B", r"[- ]x[^\w'-]\S", r"next\s+(?:year|week)"):
        assert not lower_twin(re.compile(pattern, re.I | re.A)).flags & re.IGNORECASE, pattern
    with pytest.raises(ValueError):
        lower_twin(re.compile("abc", re.A))  # it tells case apart: lower-casing the text would change it


def test_pagerank_weights_are_the_collapsed_directed_ties() -> None:
    base = nx.gnm_random_graph(80, 300, seed=5)
    g = nx.MultiDiGraph()
    g.add_nodes_from(f"n{n}" for n in base)
    kinds = ("MET", "VISITED", "SIGNED", "HOLDS_ROLE", "TWINNED")
    for k, (u, v) in enumerate(base.edges):
        for j in range(1 + k % 3):
            kind = kinds[(k + j) % len(kinds)]
            g.add_edge(f"n{u}", f"n{v}", key=f"{kind}@a{(k + j) % 7}", type=kind, article=f"a{(k + j) % 7}")
    g.add_edge("n1", "n1", key="MET@x", type="MET", article="x")  # a loop is no tie
    nodes = list(g)
    rows, cols, weights = analysis._directed_weights(g, nodes)
    found = {(nodes[r], nodes[c]): w for r, c, w in zip(rows.tolist(), cols.tolist(), weights.tolist(), strict=True)}
    expected = {(a, b): float(w) for a, b, w in analysis.collapse(g, directed=True).edges(data="weight")}
    assert found == expected


def test_sorted_unique_is_numpys_unique_with_counts() -> None:
    import numpy as np

    rng = np.random.default_rng(14)
    for n in (0, 1, 2, 7, 5000):
        for high in (1, 3, 10**12):
            values = rng.integers(0, high, n)
            expected_values, expected_counts = np.unique(values, return_counts=True)
            got_values, got_counts = analysis._sorted_unique(values)
            assert np.array_equal(got_values, expected_values) and got_values.dtype == expected_values.dtype
            assert np.array_equal(got_counts, expected_counts) and got_counts.dtype == expected_counts.dtype


def test_whole_word_spans_are_the_pattern_matches() -> None:
    names = ["", "a", "aa", "Lan", "Dao Hong Lan", "Ð", "Hà Nội", "x_", "O'Neil", "(CPAFFC)", "Kim-Jong", "a a"]
    for text in [*_texts()[:20], "aaa aa a_a Lan Lans _Lan Lan_ Hà Nội1 Hà Nội, Ð Ð2 (CPAFFC)x Kim-Jong-un a a a"]:
        for name in [*names, *text.split()[:40]]:
            expected = [m.span() for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)]
            assert whole_word_spans(name, text) == expected, (name, text[:80])
            ahead = re.finditer(rf"(?<!\w)(?={re.escape(name)}(?!\w))", text)  # overlapping matches
            lookahead = [(m.start(), m.start() + len(name)) for m in ahead]
            assert whole_word_spans(name, text, overlapping=True) == (lookahead if name else []), (name, text[:80])


def test_full_dates_are_found_with_or_without_the_year_prefilter() -> None:
    from loaders import dates

    texts = [*_texts()[:30], "on 3 Sept. 2024 and 2024-11-01", "Time:2012-10-31Editor", "September 3, 24", "１２３４"]
    for text in texts:
        for line in text.split("\n"):
            plain = [(m.group(1), m.start()) for m in dates._FULL.finditer(line) if dates.parse_date(m.group(1))]
            assert [(d.text, d.start) for d in dates.find_dates(line)] == plain


def test_token_table_reads_what_the_tokens_say() -> None:
    from loaders.nlp import TokenTable, load_nlp

    for doc in load_nlp().pipe(_texts()[:20]):
        table = TokenTable(doc)
        assert table.lower == [t.lower_ for t in doc]
        assert table.lemma == [t.lemma_.lower() for t in doc]
        assert table.pos == [t.pos_ for t in doc] and table.dep == [t.dep_ for t in doc]
        assert table.ent_type == [t.ent_type_ for t in doc] and table.head == [t.head.i for t in doc]
        assert table.start == [t.idx for t in doc] and table.end == [t.idx + len(t.text) for t in doc]


def test_runs_without_a_body_word_near_give_no_body(monkeypatch: pytest.MonkeyPatch) -> None:
    """`mentions._body_word_near` only passes over runs in which the body finder finds nothing."""
    from loaders import mentions
    from loaders.nlp import load_nlp

    nlp = load_nlp()
    texts = _texts()[:40]
    fast = [mentions._org_mentions(doc) for doc in nlp.pipe(texts)]
    monkeypatch.setattr(mentions, "_body_word_near", lambda doc, run: True)
    assert [mentions._org_mentions(doc) for doc in nlp.pipe(texts)] == fast

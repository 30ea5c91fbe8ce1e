"""Entities and relations from a cleaned article (the annotation guide's contract).

Mentions (`loaders.mentions`, `loaders.places`) of one thing are grouped into one
entity with its aliases (short names, acronyms, near spellings); relations
(`loaders.relations`) come from the sentences around them, each with its evidence
sentence, a confidence and the method that produced it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc

from graph.model import fold
from loaders import gazetteer
from loaders.candidates import ArticleFeatures, EntityCandidate, PairCandidate, entity_candidates, pair_candidates
from loaders.clean import CleanArticle
from loaders.dates import reference_date
from loaders.decide import decide
from loaders.found import ORG_LABELS, PLACE_LABELS, Extraction, Found, Mention
from loaders.identity import acronym_of, near_word
from loaders.mentions import collect_mentions
from loaders.nlp import load_nlp
from loaders.relations import RelationFinder
from loaders.roles import sentences_of
from loaders.scorer import Weights, load_weights


def _same_person(short: str, full: str) -> bool:
    """A surname, given name or near spelling of a fuller name of the same person."""
    short_tokens = fold(short).split()
    full_tokens = fold(full).split()
    if len(short_tokens) > len(full_tokens):
        return False
    if len(short_tokens) == len(full_tokens):
        if sorted(short_tokens) == sorted(full_tokens):
            return True
        differ = [(a, b) for a, b in zip(short_tokens, full_tokens, strict=True) if a != b]
        return len(differ) == 1 and len(short_tokens) > 1 and near_word(*differ[0])
    if all(t in full_tokens for t in short_tokens):
        return True
    return len(short_tokens) == 1 and any(len(t) >= 5 and near_word(short_tokens[0], t) for t in full_tokens)


def _name_key(label: str, mention: Mention) -> str:
    if mention.place is not None:
        return f"{label}|{mention.place.code}"
    name = re.sub(r"[^a-z0-9]+", " ", fold(mention.text)).strip()
    if label in PLACE_LABELS:
        name = gazetteer.strip_type_word(name)  # "West Java Province" is "West Java"
    return f"{label}|{name}"


def group(mentions: list[Mention], text: str) -> tuple[list[Found], dict[int, int]]:
    """Mentions into entities: same place code or same folded name; then short forms,
    acronyms and near spellings join the fuller name they stand for."""
    by_key: dict[str, Found] = {}
    owner: dict[int, str] = {}
    for idx, m in enumerate(mentions):
        k = _name_key(m.label, m)
        found = by_key.setdefault(k, Found(m.label, m.text, place=m.place))
        found.mentions.append(m)
        owner[idx] = k
    acronyms = {m.group(2): m.group(1) for m in DEFINED_ACRONYM.finditer(text)} if "(" in text else {}
    keys = list(by_key)
    merged: dict[str, str] = {}
    # Each entity's longest mention in the order of its mentions, found once rather than once per pair.
    longest_of = {k: max((m.text for m in by_key[k].mentions), key=_length) for k in keys}
    for k in keys:
        ent = by_key[k]
        longest = longest_of[k]  # the first of equally long names: the same in every process (a set's order is not)
        for other_key in keys:
            if other_key == k or other_key in merged or k in merged:
                continue
            other = by_key[other_key]
            other_longest = longest_of[other_key]
            shorter = len(other_longest.split()) <= len(longest.split()) and other_longest != longest
            if shorter and _alias_of(other, other_longest, ent, longest, acronyms):
                merged[other_key] = k
    merged.update(_governments(by_key, merged))
    for small, big in merged.items():
        while big in merged:
            big = merged[big]
        by_key[big].mentions.extend(by_key[small].mentions)
    entities: list[Found] = []
    index: dict[str, int] = {}
    for k, ent in by_key.items():
        if k in merged:
            continue
        forms = list(dict.fromkeys(m.text for m in ent.mentions))
        ent.name = _canonical_name(ent, forms)
        ent.aliases = [f for f in forms if f != ent.name]
        index[k] = len(entities)
        entities.append(ent)
    mention_entity: dict[int, int] = {}
    for idx, k in owner.items():
        while k in merged:
            k = merged[k]
        mention_entity[idx] = index[k]
    return entities, mention_entity


# "Long Name (LN)": an acronym defined in brackets (looked for only in a text with a bracket: the
# pattern tries each capital letter up to 80 characters on).
DEFINED_ACRONYM = re.compile(r"([A-Z][\w’' -]{3,80}?)\s*\(([A-Z][A-Za-z.]{1,9})\)")


def _length(name: str) -> tuple[int, int]:
    """How long a name is: its words, then its characters."""
    return len(name.split()), len(name)


GOVERNMENT = re.compile(
    r"^(?:the\s+)?(?:government\s+of\s+(?:the\s+)?(?P<of>.+?)|(?P<before>.+?)\s+(?:(?:provincial|prefectural|city|"
    r"municipal|metropolitan|county|state|regional)\s+)?government|(?P<hall>.+?)\s+city\s+hall)$",
    re.I,
)


def _governments(by_key: dict[str, Found], merged: dict[str, str]) -> dict[str, str]:
    """ "X Government", "Government of X", "X Provincial Government", "X City Hall" act for the
    place X (the guide makes them aliases of it): each joins the article's entity for X."""
    places: dict[str, str] = {}
    for k, ent in by_key.items():
        if ent.place is not None:
            for m in ent.mentions:
                places.setdefault(gazetteer.strip_type_word(gazetteer.key(m.text)), k)
    out: dict[str, str] = {}
    for k, ent in by_key.items():
        if ent.label not in ORG_LABELS or k in merged:
            continue
        for m in ent.mentions:
            g = GOVERNMENT.match(m.text)
            where = g and (g.group("of") or g.group("before") or g.group("hall"))
            target = places.get(gazetteer.strip_type_word(gazetteer.key(where))) if where else None
            if target is not None:
                out[k] = target
                break
    return out


def _alias_of(small: Found, small_name: str, big: Found, big_name: str, acronyms: dict[str, str]) -> bool:
    if small.place is not None or big.place is not None:
        return False
    if small.label == "Person" and big.label == "Person":
        return _same_person(small_name, big_name)
    if small.label == "Person" or big.label == "Person":
        return False
    if small_name.replace(".", "").isupper() and len(small_name) <= 10:
        expansion = acronyms.get(small_name)
        if expansion and len(big_name.split()) >= 2 and fold(expansion).endswith(fold(big_name)[-20:]):
            return True
        return acronym_of(small_name, big_name)
    small_f, big_f = fold(small_name), fold(big_name)
    if big_f.startswith(small_f + " of ") or big_f.startswith(small_f + " for "):
        return small.label == big.label
    return False


def _canonical_name(ent: Found, forms: list[str]) -> str:
    """The fullest form the article uses, without honorifics or a leading 'the'."""

    def fullness(form: str) -> tuple[int, bool, int, int]:
        return (len(form.split()), not form.isupper(), sum(1 for c in form if ord(c) > 127), len(form))

    if ent.place is not None:
        forms = [f for f in forms if not GOVERNMENT.match(f)] or forms  # the place's own name, not its government's
    if ent.label == "Country" and ent.place is not None:
        return max(forms, key=lambda f: (not f.isupper(), len(f)))
    return max(forms, key=fullness)


@dataclass
class Analysis:
    """One article after the rules: its entities and rule relations, and the candidates
    (with their features) that the learned scorer decides on."""

    extraction: Extraction
    features: ArticleFeatures
    entities: list[EntityCandidate]
    pairs: list[PairCandidate]
    reference: date | None


def analyse(file: str, article: CleanArticle, url: str | None = None, parsed: Doc | None = None) -> Analysis:
    """Mentions, entities, the rules' relations, and every candidate with its features.
    ``parsed``: the spaCy parse of ``article.text`` if the caller already has it (parsing a batch
    with ``nlp.pipe`` costs less than one by one); otherwise it is parsed here."""
    text = article.text
    doc = load_nlp()(text) if parsed is None else parsed
    mentions = collect_mentions(doc, article.dateline)
    entities, owner = group(mentions, text)
    sentences = sentences_of(doc, mentions, owner)
    reference = reference_date(article.date, text)
    finder = RelationFinder(doc, entities, sentences, reference)
    relations = finder.run()
    extraction = Extraction(
        file, article.title, article.date, article.source, article.dateline, text, url, entities, relations
    )
    year = reference.year if reference else None
    features = ArticleFeatures(doc, entities, sentences, relations, finder.lead, article.title, article.dateline, year)
    return Analysis(extraction, features, entity_candidates(features), pair_candidates(features), reference)


@dataclass(frozen=True)
class Scoring:
    """How candidates are decided: by ``weights`` (None: the shipped ones, see
    `loaders.scorer.load_weights`), or by the rules alone (``rules_only``); relations below
    ``min_confidence`` are left out (None: the weights' own threshold)."""

    weights: Weights | None = None
    min_confidence: float | None = None
    rules_only: bool = False

    def load(self) -> Weights | None:
        return None if self.rules_only else self.weights or load_weights()


SHIPPED = Scoring()
RULES_ONLY = Scoring(rules_only=True)


def extract(
    file: str, article: CleanArticle, url: str | None = None, scoring: Scoring = SHIPPED, parsed: Doc | None = None
) -> Extraction:
    """Entities and relations of one cleaned article: the rules' candidates decided by the
    learned scorer (the shipped weights unless others are given), closed under the guide's
    conventions; with no weights, what the rules found. ``parsed``: as for `analyse`."""
    analysis = analyse(file, article, url, parsed)
    weights = scoring.load()
    if weights is None:
        return analysis.extraction
    return decide(analysis, weights, scoring.min_confidence)

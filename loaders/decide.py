"""From candidates to an article's entities and relations: the learned scorer decides, the
closure of `loaders.closure` adds what the guide's conventions imply.

An entity the model takes for NONE is dropped with its relations; one it gives another type
is retyped (a coded place keeps its type unless the model says it is no place at all).
A pair keeps each relation type whose probability reaches the threshold; the relation's
confidence is that probability and its ``method`` is ``model`` (``model+rule`` where a rule
had found it too, keeping the rule's role, agreement and date).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from loaders import joint, lexicon
from loaders.candidates import PairCandidate, allowed_types
from loaders.closure import close
from loaders.dates import YEAR_ONLY, event_date, month_of, tie_start, trip_day
from loaders.found import CAMEO, ORG_LABELS, PLACE_LABELS, Extraction, Found, FoundRelation
from loaders.scorer import NONE, ROLES, Weights

if TYPE_CHECKING:
    from loaders.extract import Analysis

# A place's type word ends its name ("Hong Ha district", "Nagaizumi-cho"): no one's name.
_TYPE_WORDS = f"{lexicon.TOWN_TYPE_WORDS}|{lexicon.REGION_TYPE_WORDS}|city"
TYPED_PLACE = re.compile(rf"(?:\s(?:{_TYPE_WORDS})|-(?:{lexicon.JAPANESE_TOWN_SUFFIXES}))$", re.I)
# The guide's kinds of body by a word of the name: a membership body (friendship association, chamber
# of commerce) is an Association; a company ("… Ltd.", "… Corporation") an Organization.
FRIENDSHIP = re.compile(r"\b(friendship|association|kenjin|chambers? of commerce)\b", re.I)
COMPANY = re.compile(r"\b(ltd|limited|inc|co|corp|corporation|company|group)\b\.?$", re.I)
# Both ends must be this likely a traveller and a place visited (or a counterpart met): a meeting
# asks more, as a traveller meets only some of the people the article names on the other side.
TRIP = {"VISITED": 0.45, "MET": 0.55}
GUEST = 0.9  # a person the story has go, be received or lead a delegation is this likely a traveller
DROP = 0.5  # an entity is dropped only when the model is this sure it is none
PARTY_DROP = 0.8
# A party's full name: "… Party", or "… Party of [the] Country" with no body after it.
PARTY_NAME = re.compile(r"^(?:[A-Z][\w’'.-]*\s+){1,5}Party(?:\s+of\s+(?:the\s+)?(?:[A-Z][\w’'-]*\s*){1,3})?$")
SECOND_LOOK_FLOOR = 0.03  # a pair less likely than this of every type is not looked at again


@dataclass
class FirstLook:
    """What the models say of one article's candidates one by one: each entity's type
    probabilities and trip roles, each pair's probability per relation type it may hold."""

    types: list[dict[str, float]]
    roles: list[dict[str, float]]
    pairs: list[dict[str, float]]
    live: list[list[str]]  # per pair, the types the guide leaves open (`_ruled_out`)


def first_look(analysis: Analysis, weights: Weights) -> FirstLook:
    """The models' probabilities, each candidate alone; a pair's is the pair model's, or the
    trip's (a traveller and a place visited, or a counterpart) when both ends are likely; a person
    the story has go, be received or lead a delegation is a likely traveller (`GUEST`). A type
    the guide rules out for the pair is 0 and not scored (most pairs may be SIGNED, few articles
    tell of a signing)."""
    types = [weights.entity_probabilities(c.features) for c in analysis.entities]
    role_features = [analysis.features.role_features(i) for i in range(len(types))]  # once per entity
    roles = [weights.role_probabilities(f) for f in role_features]
    part = {role: [r[role] for r in roles] for role in ROLES}
    guests = analysis.features.guests
    part["visitor"] = [max(p, GUEST) if i in guests else p for i, p in enumerate(part["visitor"])]
    pairs, open_types = [], []
    for cand in analysis.pairs:
        probs = {}
        live = [t for t in cand.types if not _ruled_out(t, analysis, cand)]
        open_types.append(live)
        # every type's in one pass; none for a pair the guide rules out (its features are never made)
        model_ps = weights.relation_probabilities(live, cand.features) if live else {}
        for rel_type in cand.types:
            if rel_type not in live:
                probs[rel_type] = 0.0
                continue
            trip_p = _trip(rel_type, cand, part)
            pair_p = model_ps[rel_type] or 0.0
            probs[rel_type] = max(pair_p, trip_p if trip_p >= TRIP.get(rel_type, 1.0) else 0.0)
        pairs.append(probs)
    return FirstLook(types, roles, pairs, open_types)


def second_look_features(
    analysis: Analysis, first: FirstLook, wanted: list[bool] | None = None
) -> tuple[list[dict[str, float] | None], list[dict[str, float]]]:
    """`loaders.joint`'s features of the article's pairs (those ``wanted``) and of its entities."""
    none = [t.get(NONE, 0.0) for t in first.types]
    pairs = joint.features(analysis.extraction.entities, analysis.pairs, first.pairs, first.roles, none, wanted)
    entities = joint.entity_features(len(first.types), analysis.pairs, first.pairs, first.types, first.roles)
    return pairs, entities


def probabilities(analysis: Analysis, weights: Weights) -> tuple[list[dict[str, float]], list[dict[str, float]]]:
    """Each entity's type probabilities and each pair's relation probabilities: the first look,
    revised by the second look (`loaders.joint`) where the weights have one. A pair the first
    look puts under `SECOND_LOOK_FLOOR` for every type keeps its first look (on the 64 dev
    articles none of the 6,389 such pairs reached its threshold in the second look)."""
    first = first_look(analysis, weights)
    if not weights.joint:
        return first.types, first.pairs
    wanted = [max(p.values(), default=0.0) >= SECOND_LOOK_FLOOR for p in first.pairs]
    pair_rows, entity_rows = second_look_features(analysis, first, wanted)
    pairs = []
    for probs, row, live in zip(first.pairs, pair_rows, first.live, strict=True):
        if row is None:
            pairs.append(probs)
            continue
        second = weights.joint_probabilities(live, row)
        pairs.append({t: second.get(t, p) if t in live else 0.0 for t, p in probs.items()})
    keep = weights.joint.get(joint.ENTITY)
    if keep is None:
        return first.types, pairs
    return [_with_none(t, 1 - keep.probability(row)) for t, row in zip(first.types, entity_rows, strict=True)], pairs


def _with_none(probs: dict[str, float], none: float) -> dict[str, float]:
    """``probs`` with NONE's probability replaced, the others scaled to sum to one with it."""
    if not probs:
        return probs
    rest = 1 - probs.get(NONE, 0.0)
    scale = (1 - none) / rest if rest > 0 else 0.0
    return {k: none if k == NONE else v * scale for k, v in probs.items()}


def _ruled_out(rel_type: str, analysis: Analysis, cand: PairCandidate) -> bool:
    """Whether the guide rules the relation out whatever the models say: a visit to one's own
    country; a signing or a tie in an article with no word of signing (sign, ink, agreement,
    memorandum …) or of a tie (sister, twin, friendship city …) anywhere: the guide annotates
    only what the article states."""
    if rel_type == "VISITED":
        return _at_home(analysis, cand)
    needs = STATED_BY.get(rel_type)
    return needs is not None and needs not in analysis.features.article_triggers


STATED_BY = {"SIGNED": "sign", "TWINNED": "twin"}  # a type and the trigger the article must have for it


def decide(analysis: Analysis, weights: Weights, min_confidence: float | None = None) -> Extraction:
    """The article's extraction as the scorer and the closure make it."""
    ex = analysis.extraction
    types, pair_probs = probabilities(analysis, weights)
    labels = [_entity_label(ex.entities[c.index], probs) for c, probs in zip(analysis.entities, types, strict=True)]
    rules = {(r.type, r.source, r.target): r for r in ex.relations}
    trip = _trip_date(analysis)
    relations: list[FoundRelation] = []
    for cand, probs in zip(analysis.pairs, pair_probs, strict=True):
        if labels[cand.source] is None or labels[cand.target] is None:
            continue
        for rel_type, p in probs.items():
            if p < (weights.threshold_of(rel_type) if min_confidence is None else min_confidence):
                continue
            rule = rules.get((rel_type, cand.source, cand.target)) or rules.get((rel_type, cand.target, cand.source))
            relations.append(_relation(rel_type, cand, p, rule, analysis, trip))
    _keep_called_on(ex, relations, labels)
    entities = [
        ent if label == ent.label else replace(ent, label=label, place=ent.place if label in PLACE_LABELS else None)
        for ent, label in zip(ex.entities, labels, strict=True)
        if label is not None
    ]
    relations = close(analysis, relations)
    floor = 0.0 if min_confidence is None else min_confidence  # a closure's too ("--min-confidence 0.95")
    kept = [i for i, label in enumerate(labels) if label is not None]
    index = {old: new for new, old in enumerate(kept)}
    relations = [
        replace(r, source=index[r.source], target=index[r.target])
        for r in relations
        if r.source in index and r.target in index and r.confidence >= floor and _fits(r, labels)
    ]
    return replace(ex, entities=entities, relations=relations)


def _keep_called_on(ex: Extraction, relations: list[FoundRelation], labels: list[str | None]) -> None:
    """A body a rule saw a decided traveller call on stays (its rule label set back in ``labels``),
    whatever the type model says: the guide annotates an organisation the trip called on
    (`loaders.closure` makes it a visit)."""
    travellers = {r.source for r in relations if r.type == "VISITED" and labels[r.target] in PLACE_LABELS}
    for r in ex.relations:
        body = ex.entities[r.target]
        if r.type == "VISITED" and labels[r.target] is None and body.label in ORG_LABELS and r.source in travellers:
            labels[r.target] = body.label


def _fits(rel: FoundRelation, labels: list[str | None]) -> bool:
    """Whether the relation's type may join its ends as the model typed them (an organisation the
    model retyped as a person lies nowhere)."""
    source, target = labels[rel.source], labels[rel.target]
    return source is not None and target is not None and rel.type in allowed_types(source, target, True)


def _at_home(analysis: Analysis, cand: PairCandidate) -> bool:
    """No one visits the country they are from (the guide: an official at home visits no country)."""
    place = analysis.extraction.entities[cand.target].place
    home = analysis.features.homes[cand.source]
    return place is not None and place.label == "Country" and home == place.code


def _trip(rel_type: str, cand: PairCandidate, part: dict[str, list[float]]) -> float:
    """The probability the article's trip implies the relation: a traveller visited a visited
    place or body; a traveller met a counterpart."""
    s, t = cand.source, cand.target
    if rel_type == "VISITED":
        return min(part["visitor"][s], part["visited"][t])
    if rel_type == "MET":
        return max(min(part["visitor"][s], part["met"][t]), min(part["visitor"][t], part["met"][s]))
    return 0.0


def _entity_label(ent: Found, probs: dict[str, float]) -> str | None:
    """The entity's type by the model: None to drop it, else its (maybe new) label."""
    if not probs:
        return ent.label
    if probs.get(NONE, 0.0) >= (PARTY_DROP if ent.label == "Party" and PARTY_NAME.match(ent.name) else DROP):
        return None  # a party's full name is dropped only when the model is very sure (few parties to learn from)
    best = max((k for k in probs if k != NONE), key=lambda k: probs[k])
    if ent.place is not None and best in PLACE_LABELS and best != ent.label:
        return ent.label  # the gazetteer's kind of a coded place stands
    if best == "Person" and ent.label in PLACE_LABELS and TYPED_PLACE.search(ent.name):
        return ent.label
    if best in ORG_LABELS and ent.name in lexicon.KNOWN_ACRONYMS:
        return lexicon.KNOWN_ACRONYMS[ent.name]  # "CPC", "CPAFFC": no word of the name tells the model
    if ent.label == "Party" and best in ORG_LABELS:
        return ent.label  # a name headed by "Party" is a party (too few in the gold for the model to learn)
    if best in ORG_LABELS and FRIENDSHIP.search(ent.name):
        return "Association"  # "… Friendship Association", "… Friendship Group": an association
    if best in ORG_LABELS and COMPANY.search(ent.name):
        return "Organization"
    return best


def _relation(
    rel_type: str, cand: PairCandidate, p: float, rule: FoundRelation | None, analysis: Analysis, trip: str | None
) -> FoundRelation:
    conf = round(p, 3)
    source, target, evidence = cand.source, cand.target, cand.evidence
    recalled = rel_type in ("SIGNED", "TWINNED", "VISITED")  # these look past their evidence for a date
    ties = analysis.features.tie_sentences if rel_type == "TWINNED" else ()
    when = _date(rel_type, _sentences_of(analysis, cand) if recalled else [evidence], analysis.reference, trip, ties)
    if rule is not None:
        return replace(
            rule, source=source, target=target, method=f"model+{rule.method}", confidence=conf, date=when or rule.date
        )
    role = agreement = None
    if rel_type == "HOLDS_ROLE":
        m = lexicon.ROLE_RE.search(evidence)
        role = m.group(0) if m else None
    if rel_type == "SIGNED":
        m = lexicon.AGREEMENT.search(evidence)
        agreement = m.group(0) if m else None
    return FoundRelation(
        rel_type,
        source,
        target,
        evidence,
        "model",
        conf,
        date=when,
        role=role,
        agreement=agreement,
        cameo=CAMEO.get(rel_type),
    )


def _sentences_of(analysis: Analysis, cand: PairCandidate) -> list[str]:
    """The pair's evidence sentence, then the article's other sentences naming both ends."""
    af = analysis.features
    shared = {k for k, *_ in af.where[cand.source]} & {k for k, *_ in af.where[cand.target]}
    return [cand.evidence, *(af.sentences[k].text for k in sorted(shared) if af.sentences[k].text != cand.evidence)]


def _date(
    rel_type: str, sentences: list[str], reference: date | None, trip: str | None, ties: Sequence[str] = ()
) -> str | None:
    """The guide's date: that of the sentences naming both ends that tell of a signing or a visit
    ("they signed the pact in 2014", "the visit of X's delegation to Y last week": the guide dates a
    visit recalled), then the evidence sentence's own, or the day of the trip it tells of ("on the
    second day"), else the reported trip's or event's (a meeting recalled, "first met in 2016", is
    not the one reported); a tie's start, to the month one of the article's sentences of a tie
    (``ties``) gives its year."""
    if rel_type in ("HOLDS_ROLE", "LOCATED_IN"):
        return None
    if rel_type == "TWINNED":  # a start told of the tie anywhere ("since they became sister cities in 1986")
        told = [sentences[0], *(s for s in sentences[1:] if lexicon.TWIN_TRIGGER.search(s) or TIE_MADE.search(s))]
        began = next(filter(None, (tie_start(s, reference) for s in told)), None)
        began = began or next(filter(None, (event_date(s, reference) for s in told)), None)
        if began is None:
            return trip if TIE_MADE.search(sentences[0]) else None  # made on the reported trip
        if YEAR_ONLY.match(began):  # its month where a sentence of a tie gives it ("sister ties since May 1978")
            return next(filter(None, (month_of(began, s) for s in ties)), began)
        return began
    if rel_type == "SIGNED":  # the sentences that tell of a signing ("since signing the pact on …"), then its own
        sentences = _told_first(sentences, _signing_told)
    if rel_type == "VISITED":  # the sentences that tell of a visit by the two, then its own
        sentences = _told_first(sentences, lambda s: lexicon.VISIT_TRIGGER.search(s) is not None)
    for sentence in sentences if rel_type != "MET" else sentences[:1]:  # a meeting: the trip's
        own = event_date(sentence, reference) or trip_day(sentence, trip)
        if own is not None:
            bare_year = trip is not None and YEAR_ONLY.match(own) and trip.startswith(own)
            return trip if bare_year else own  # a bare year says less than the trip's month
    return trip


def _told_first(sentences: list[str], tells: Callable[[str], bool]) -> list[str]:
    """The sentences that tell of the relation, in order, then the evidence (``sentences[0]``) if
    it does not."""
    told = [s for s in sentences if tells(s)]
    return told if sentences[0] in told else [*told, sentences[0]]


# Words before a signing word that make it one planned or talked of: "to sign", "talks on signing an MOU".
SIGNING_PLANNED = re.compile(
    r"\b(?:to|will|would|shall|may|could|on|about|towards?|plans?|planned|planning|discuss\w*|hop\w*)\s+$", re.I
)


def _signing_told(sentence: str) -> bool:
    """Whether the sentence tells of a signing (`lexicon.SIGN_TRIGGER`) and of none merely planned or
    talked of: a year beside "talks on signing an MOU" is not when the MOU was signed."""
    found = [m.start() for m in lexicon.SIGN_TRIGGER.finditer(sentence)]
    return bool(found) and not any(SIGNING_PLANNED.search(sentence[max(0, at - 30) : at]) for at in found)


# A tie made in the event reported, not recalled: its date is the event's.
TIE_MADE = re.compile(
    r"\b(sign(ed|s|ing)|establish(ed|es|ing)|conclud(ed|es|ing)|inked|formaliz(ed|es)|became)\b", re.I
)


def _trip_date(analysis: Analysis) -> str | None:
    """The date of the trip or event the article reports: the first date of its body at month
    precision or finer, else the publication date."""
    reference = analysis.reference
    for sent in analysis.features.sentences:
        found = event_date(sent.text, reference)
        if found and not YEAR_ONLY.match(found):
            return found
    return analysis.extraction.date  # the publication date (not the reference a text without one is given)

"""Identity: an article's entities get the ids of DESIGN.md and become a GraphBatch,
with LOCATED_IN from the gazetteer hierarchy; the same result in the annotation
guide's JSON shape for ``extract``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from graph.model import MENTIONED_IN, Article, Entity, GraphBatch, Relation, article_id, entity_id, slugify
from loaders import gazetteer
from loaders.clean import SENTENCE_END
from loaders.found import ORG_LABELS, Extraction, Found, FoundRelation
from loaders.gazetteer import Place
from loaders.identity import GenericBody, Registry, body_key, generic_body


@dataclass
class Resolved:
    """One article as graph records, and as the guide's JSON record."""

    batch: GraphBatch
    record: dict[str, Any]


def _codes(place: Place | None) -> dict[str, str]:
    if place is None:
        return {}
    if place.label == "City":
        return {"geonames_id": place.code.split(":", 1)[1], "country_code": place.country}
    if place.label == "Country":
        return {"iso3166_1": place.code}
    return {"iso3166_2": place.code, "country_code": place.country}


HOME_CITY_MIN_POPULATION = 100_000  # a smaller town's name is more often a word ("Liberal")


def home_country(name: str) -> str | None:
    """The country an organisation's name says it belongs to: its "in/of <place>" part, else its
    first word or hyphen-joined part when that is a demonym, a country or a known place
    ("Chinese Foreign Ministry" → CN, "Hanoi Union of …" → VN, "Saitama-Lao …" → JP).

    >>> home_country("Lao Embassy in Tokyo"), home_country("Liberal Democratic Party")
    ('LA', None)
    """
    where = re.search(r".*\b(?:in|of)\s+((?:the\s+)?[A-Z][\w’'. -]+)$", name)
    words = re.split(r"[\s-]+", name)
    candidates = [" ".join(words[:2]), words[0]]
    if where and not (gazetteer.demonym(words[0]) or gazetteer.country(words[0])):
        candidates.insert(0, where.group(1))
    for text in candidates:
        code = gazetteer.demonym(text)
        if code:
            return code
        places = [p for p in gazetteer.lookup(text) if p.label != "City" or p.population >= HOME_CITY_MIN_POPULATION]
        if places and len({p.country for p in places}) == 1:
            return places[0].country
    return None


def _codes_of(found: Found, name: str | None = None) -> dict[str, str]:
    if found.place is not None:
        return _codes(found.place)
    if found.label in ("Party", "Association", "Organization"):
        code = home_country(name or found.name)
        return {"country_code": code} if code else {}
    return {}


AFTER_WEIGHT = 2  # a body's place is more often named before it ("Lao Cai Province ... the Provincial Party Committee")
TYPE_WORD = re.compile(r"\s+(?:province|prefecture|city|state)$", re.IGNORECASE)


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence (or line) around a stretch of text; a title's full stop ends no
    sentence ("led by Mr. Nguyen Van Loi - Member of the Party Central Committee" is one)."""
    starts = _sentence_starts(text)
    left = starts[bisect_right(starts, start) - 1]
    after = bisect_left(starts, end)
    return left, starts[after] if after < len(starts) else len(text)


@lru_cache(maxsize=4)
def _sentence_starts(text: str) -> list[int]:
    """Where each sentence or line of an article starts, in order (read once per article)."""
    starts = {0, *(m.end() for m in SENTENCE_END.finditer(text)), *(i + 1 for i, c in enumerate(text) if c == "\n")}
    return sorted(starts)


def _evidence(ex: Extraction, generic: GenericBody) -> list[tuple[str, str, int, int]]:
    """What may say whose body a generic name is: (code, the place's form, start, end) for each
    mention of a place of the kinds the head asks for, or, for a national head, of anything
    with a country (a place, a body whose name names its country)."""
    out = []
    for ent in ex.entities:
        code, form = None, ""
        if generic.national:
            if ent.place is not None:
                code = ent.place.country
            elif ent.label in ORG_LABELS and generic_body(ent.name) is None:
                code = home_country(ent.name)
            country = gazetteer.country_by_code(code) if code else None
            named = [e.name for e in ex.entities if e.label == "Country" and e.place and e.place.code == code]
            form = named[0] if named else (country.name if country else "")
        elif ent.place is not None and ent.place.label in generic.labels:
            code, form = ent.place.code, TYPE_WORD.sub("", ent.name)
        if code and form:
            out.extend((code, form, m.start, m.end) for m in ent.mentions if m.start >= 0)
    return out


def _context_place(ex: Extraction, found: Found, generic: GenericBody) -> tuple[str, str] | None:
    """The place a generic body belongs to: the nearest fitting place in a sentence that names
    the body (one named before it counts nearer than one as far after), else the one place of
    that kind the article names most; None when nothing decides."""
    evidence = _evidence(ex, generic)
    best: tuple[int, str, str] | None = None
    for m in found.mentions:
        if m.start < 0:
            continue
        left, right = _sentence(ex.text, m.start, m.end)
        for code, form, start, end in evidence:
            if left <= start < right and not (m.start <= start < m.end):
                gap = m.start - end if end <= m.start else AFTER_WEIGHT * (start - m.end)
                if best is None or gap < best[0]:
                    best = (gap, code, form)
    if best is not None:
        return best[1], best[2]
    counts = Counter(code for code, *_ in evidence)
    ranked = counts.most_common(2)
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        code = ranked[0][0]
        return code, next(form for c, form, *_ in evidence if c == code)
    return None


def _body_id(label: str, key: str) -> str:
    """A body of a place is keyed by the place's code and its generic head."""
    return f"{label.lower()}:{slugify(key.replace('|', ' '))}"


def _identity(ex: Extraction, found: Found, article: str) -> tuple[str, str, list[str], bool]:
    """An organisation's id, name and aliases: a body of a named place keyed by place and head;
    a generic name qualified by the place the article attaches it to ("Provincial Party
    Committee" → "Binh Duong Provincial Party Committee"), or kept to its article (True) when
    no place decides."""
    name, aliases = found.name, list(found.aliases)
    for form in (name, *aliases):
        key = body_key(form)
        if key:
            return _body_id(found.label, key), name, aliases, False
    generic = generic_body(name)
    if generic is None:
        return entity_id(found.label, name), name, aliases, False
    place = _context_place(ex, found, generic)
    if place is None:
        return f"{entity_id(found.label, name)}@{article[:8]}", name, aliases, True
    code, form = place
    qualified = f"{name} of {form}" if generic.national else f"{form} {name}"
    return _body_id(found.label, f"{code}|{generic.head}"), qualified, [name, *aliases], False


def _relation(rel: FoundRelation, source: str, target: str, article: str) -> Relation:
    props: dict[str, Any] = {"confidence": rel.confidence, "method": rel.method, "cameo": rel.cameo}
    if rel.type == "HOLDS_ROLE":
        props["role"] = rel.role
    if rel.type == "SIGNED":
        props["agreement"] = rel.agreement
    return Relation(rel.type, source, target, article, rel.date, rel.evidence, props)


def resolve(ex: Extraction, registry: Registry | None = None) -> Resolved:
    """Canonical ids for the article's entities, and its assertions with provenance.

    With a ``registry`` (the entities of the graph so far), an entity that is a
    known one takes its id, and the registry learns this article's entities.
    """
    art = Article(
        id=article_id(ex.text),
        file=ex.file,
        title=ex.title,
        date=ex.date,
        source=ex.source,
        url=ex.url,
        dateline=ex.dateline,
    )
    ids: list[str] = []
    entities: dict[str, Entity] = {}
    for found in ex.entities:
        label, name, aliases, local = found.label, found.name, list(found.aliases), False
        if label in ORG_LABELS:
            eid, name, aliases, local = _identity(ex, found, art.id)
        else:
            eid = entity_id(label, name, found.place.code if found.place else None)
        codes = _codes_of(found, name)
        why: tuple[str, ...] = ()
        match = (
            registry.match(Entity(eid, label, name, tuple(aliases), codes))
            if registry is not None and not local
            else None
        )
        if match is not None and match.id != eid:
            eid, why = match.id, (match.reason,)
            label = match.label or label
        ids.append(eid)
        seen = entities.get(eid)
        merged_aliases = [*(seen.aliases if seen else ()), *([seen.name] if seen else []), name, *aliases]
        name = seen.name if seen else name
        entities[eid] = Entity(
            eid,
            seen.label if seen else label,
            name,
            tuple(dict.fromkeys(a for a in merged_aliases if a != name)),
            {**codes, **(seen.codes if seen else {})},
            tuple(dict.fromkeys((*(seen.merged if seen else ()), *why))),
        )
    if registry is not None:
        for entity in entities.values():
            registry.add(entity)
    relations = [
        _relation(r, ids[r.source], ids[r.target], art.id) for r in ex.relations if ids[r.source] != ids[r.target]
    ]
    mentioned = dict(entities)
    by_code = {f.place.code: ids[i] for i, f in enumerate(ex.entities) if f.place}
    implied: dict[str, Entity] = {}
    guide_located: list[tuple[str, str]] = []
    for i, found in enumerate(ex.entities):
        if found.place is None:
            continue
        child, place, shown = ids[i], found.place, False
        while (up := gazetteer.parent(place)) is not None:
            up_id = by_code.get(up.code) or entity_id(up.label, up.name, up.code)
            if up.code not in by_code and up_id not in implied:
                implied[up_id] = Entity(up_id, up.label, up.name, (), _codes(up))
            relations.append(
                Relation("LOCATED_IN", child, up_id, art.id, None, None, {"method": "gazetteer", "confidence": 1.0})
            )
            if not shown and up.code in by_code:
                guide_located.append((ids[i], up_id))
                shown = True
            child, place = up_id, up
    for eid in mentioned:
        relations.append(Relation(MENTIONED_IN, eid, art.id, art.id))
    batch = GraphBatch([art], [*entities.values(), *implied.values()], relations)
    batch.validate()
    return Resolved(batch, _record(art, mentioned, batch, guide_located))


def _record(
    art: Article, mentioned: dict[str, Entity], batch: GraphBatch, located: list[tuple[str, str]]
) -> dict[str, Any]:
    """The guide's shape: article, entities named in it, relations between them."""
    rels: list[dict[str, Any]] = []
    seen: set[tuple[str, str, str]] = set()
    for rel in batch.relations:
        if rel.type == MENTIONED_IN or rel.source not in mentioned or rel.target not in mentioned:
            continue
        if (
            rel.type == "LOCATED_IN"
            and rel.props.get("method") == "gazetteer"
            and (rel.source, rel.target) not in located
        ):
            continue
        key = (rel.type, rel.source, rel.target)
        if key in seen:
            continue
        seen.add(key)
        item: dict[str, Any] = {"type": rel.type, "source": rel.source, "target": rel.target}
        item.update({k: v for k, v in rel.properties().items() if k != "article"})
        rels.append(item)
    for source, target in located:
        if ("LOCATED_IN", source, target) not in seen:
            seen.add(("LOCATED_IN", source, target))
            rels.append({"type": "LOCATED_IN", "source": source, "target": target, "method": "gazetteer"})
    return {
        "article": {"file": art.file, "title": art.title, "date": art.date, "source": art.source},
        "entities": [
            {"id": e.id, "type": e.label, "name": e.name, "aliases": list(e.aliases)} for e in mentioned.values()
        ],
        "relations": rels,
    }

"""The graph model: the fixed labels and relationship types, the records that
cross from ``loaders`` to ``graph.store``, and the identity rules.

Nothing outside the fixed sets is accepted, so every label or relationship type
that reaches a Cypher statement comes from here.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from graph.errors import ModelError

ENTITY_LABELS: tuple[str, ...] = (
    "Person",
    "Country",
    "Prefecture",
    "Province",
    "City",
    "Party",
    "Association",
    "Organization",
)
PLACE_LABELS: frozenset[str] = frozenset({"Country", "Prefecture", "Province", "City"})
ARTICLE_LABEL = "Article"
ENTITY_BASE_LABEL = "Entity"
NODE_LABELS: frozenset[str] = frozenset(ENTITY_LABELS) | {ARTICLE_LABEL, ENTITY_BASE_LABEL}

ASSERTION_TYPES: tuple[str, ...] = (
    "VISITED",
    "MET",
    "SIGNED",
    "TWINNED",
    "HOLDS_ROLE",
    "LOCATED_IN",
)
MENTIONED_IN = "MENTIONED_IN"
REL_TYPES: frozenset[str] = frozenset(ASSERTION_TYPES) | {MENTIONED_IN}
UNDIRECTED_TYPES: frozenset[str] = frozenset({"MET", "SIGNED", "TWINNED"})

# Properties a relation may carry beyond the provenance keys, per type.
TYPE_PROPERTIES: dict[str, tuple[str, ...]] = {"HOLDS_ROLE": ("role",), "SIGNED": ("agreement",)}
COMMON_PROPERTIES: tuple[str, ...] = ("date", "evidence", "confidence", "method", "cameo")

_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def fold(text: str) -> str:
    """Lower-case ``text`` with diacritics removed (``Hà Nội`` → ``ha noi``)."""
    if text.isascii():  # nothing to decompose (most names): the same answer, a tenth of the time
        return text.lower()
    text = text.replace("đ", "d").replace("Đ", "D").replace("Ð", "D")  # GeoNames writes Đ as Ð (eth)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


# Latin letters that Unicode does not decompose into a base letter and a mark.
_LATIN_EXTRA = str.maketrans({"ł": "l", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th"})


def slugify(text: str) -> str:
    """A stable ASCII slug: folded, non-alphanumerics collapsed to ``-``. Letters of other
    scripts have no ASCII form, so a name holding any gets a hash of its own spelling after
    the slug: two names in any script share a slug only when they are the same name.

    >>> slugify("Nguyễn Ngọc Ký"), slugify("Łódź")
    ('nguyen-ngoc-ky', 'lodz')
    >>> slugify("习近平") != slugify("李强") and slugify("习近平").startswith("u")
    True
    """
    folded = fold(text).translate(_LATIN_EXTRA)
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    if any(c.isalnum() and not c.isascii() for c in folded):
        digest = hashlib.sha256(unicodedata.normalize("NFC", text.strip()).encode("utf-8")).hexdigest()[:12]
        slug = f"{slug}-u{digest}" if slug else f"u{digest}"
    return slug or "x"


def article_id(clean_text: str) -> str:
    """An Article's id: a hash of its cleaned text, so a re-load is a no-op."""
    return hashlib.sha256(clean_text.strip().encode("utf-8")).hexdigest()[:20]


def entity_id(label: str, name: str, code: str | None = None) -> str:
    """The id rule of DESIGN.md: a place's external code when known, else a
    type-prefixed slug of the canonical name.

    >>> entity_id("Country", "Japan", "JP")
    'JP'
    >>> entity_id("City", "Hanoi", "geonames:1581130")
    'geonames:1581130'
    >>> entity_id("Person", "Nguyễn Ngọc Ký")
    'person:nguyen-ngoc-ky'
    """
    check_label(label)
    if code and label in PLACE_LABELS:
        return code
    return f"{label.lower()}:{slugify(name)}"


def check_label(label: str) -> str:
    if label not in ENTITY_LABELS:
        raise ModelError(f"unknown entity label {label!r}; expected one of {', '.join(ENTITY_LABELS)}")
    return label


def canonical_label(text: str) -> str:
    """An entity label as a person may type it, in any case, as the model spells it.

    >>> canonical_label("country")
    'Country'
    """
    for label in ENTITY_LABELS:
        if label.lower() == text.strip().lower():
            return label
    return check_label(text)


def canonical_type(text: str) -> str:
    """A relationship type in any case, as the model spells it (``met`` → ``MET``)."""
    return check_rel_type(text.strip().upper())


def check_rel_type(rel_type: str) -> str:
    if rel_type not in REL_TYPES:
        raise ModelError(f"unknown relationship type {rel_type!r}; expected one of {', '.join(sorted(REL_TYPES))}")
    return rel_type


def check_date(value: str | None) -> str | None:
    if value is not None and not _DATE_RE.match(value):
        raise ModelError(f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    return value


def date_range(value: str) -> tuple[date, date]:
    """The first and last day a date as written denotes: ``2024`` is the whole year,
    ``2024-11`` the month, ``2024-11-24`` the day.

    >>> date_range("2024-02")
    (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))
    """
    text = str(value)[:10]
    try:
        parts = [int(p) for p in text.split("-")]
        if len(parts) == 1:
            return date(parts[0], 1, 1), date(parts[0], 12, 31)
        if len(parts) == 2:
            first = date(parts[0], parts[1], 1)
            following = date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
            return first, date.fromordinal(following.toordinal() - 1)
        day = date(parts[0], parts[1], parts[2])
        return day, day
    except (ValueError, IndexError):
        raise ModelError(f"not a date: {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)") from None


def date_bounds(value: str | None) -> dict[str, date]:
    """``date_from`` and ``date_to`` for a stored assertion: its date as Cypher dates (the first
    and last day it denotes); nothing for an undated one."""
    if not value:
        return {}
    first, last = date_range(value)
    return {"date_from": first, "date_to": last}


@dataclass(frozen=True)
class Article:
    """Provenance for every assertion: one news article."""

    id: str
    file: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None
    dateline: str | None = None

    def __post_init__(self) -> None:
        if not self.id:
            raise ModelError("an article needs an id")
        check_date(self.date)

    def properties(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass(frozen=True)
class Entity:
    """An actor or place. ``codes`` holds external identifiers (ISO, GeoNames)."""

    id: str
    label: str
    name: str
    aliases: tuple[str, ...] = ()
    codes: dict[str, str] = field(default_factory=dict)
    merged: tuple[str, ...] = ()  # why other forms were taken for this entity ("Kamikawa Yoko: name order")

    def __post_init__(self) -> None:
        check_label(self.label)
        if not self.id or not self.name.strip():
            raise ModelError(f"a {self.label} needs an id and a name")

    def properties(self) -> dict[str, Any]:
        props: dict[str, Any] = {"id": self.id, "name": self.name, "aliases": list(self.aliases)}
        if self.merged:
            props["merged"] = list(self.merged)
        props.update(self.codes)
        return props


@dataclass(frozen=True)
class Relation:
    """One assertion by one article: keyed by (source, type, target, article)."""

    type: str
    source: str
    target: str
    article: str
    date: str | None = None
    evidence: str | None = None
    props: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        check_rel_type(self.type)
        check_date(self.date)
        allowed = set(TYPE_PROPERTIES.get(self.type, ())) | set(COMMON_PROPERTIES)
        unknown = set(self.props) - allowed
        if unknown:
            raise ModelError(f"{self.type} does not take properties {sorted(unknown)}")

    @property
    def key(self) -> tuple[str, str, str, str]:
        source, target = self.source, self.target
        if self.type in UNDIRECTED_TYPES and target < source:
            source, target = target, source
        return (source, self.type, target, self.article)

    def properties(self) -> dict[str, Any]:
        props = {k: v for k, v in self.props.items() if v is not None}
        props["article"] = self.article
        if self.date:
            props["date"] = self.date
        if self.evidence:
            props["evidence"] = self.evidence
        return props


@dataclass
class GraphBatch:
    """What one or more articles add to the graph; the unit ``graph.store`` writes."""

    articles: list[Article] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)

    def extend(self, other: GraphBatch) -> None:
        self.articles.extend(other.articles)
        self.entities.extend(other.entities)
        self.relations.extend(other.relations)

    def validate(self) -> None:
        """Refuse relations whose ends are neither entities nor articles of the batch."""
        known = {e.id for e in self.entities}
        article_ids = {a.id for a in self.articles}
        for rel in self.relations:
            target_known = rel.target in article_ids if rel.type == MENTIONED_IN else rel.target in known
            if rel.source not in known or not target_known:
                raise ModelError(f"{rel.type} {rel.source} → {rel.target}: an end is not in the batch")
            if rel.article not in article_ids:
                raise ModelError(f"{rel.type} cites article {rel.article!r}, not in the batch")

    def merged_entities(self) -> list[Entity]:
        """One record per id, aliases and codes united (an entity seen in many articles)."""
        by_id: dict[str, Entity] = {}
        for ent in self.entities:
            seen = by_id.get(ent.id)
            if seen is None:
                by_id[ent.id] = ent
                continue
            aliases = [a for a in (*seen.aliases, ent.name, *ent.aliases) if a != seen.name]
            by_id[ent.id] = Entity(
                id=seen.id,
                label=seen.label,
                name=seen.name,
                aliases=tuple(dict.fromkeys(aliases)),
                codes={**ent.codes, **seen.codes},
                merged=tuple(dict.fromkeys((*seen.merged, *ent.merged))),
            )
        return list(by_id.values())

    def unique_relations(self) -> list[Relation]:
        """One relation per provenance key; the first assertion wins."""
        by_key: dict[tuple[str, str, str, str], Relation] = {}
        for rel in self.relations:
            by_key.setdefault(rel.key, rel)
        return list(by_key.values())

"""Identity across articles: one id per real-world actor, however each article spells it.

A :class:`Registry` holds the canonical entities seen so far (read from the
store before a build, then grown article by article) and decides, by stated
rules and only within one label, whether a newly extracted entity is one of
them:

- places with a gazetteer code already share their id (ISO 3166, GeoNames);
  an unresolved place matches only on its exact normalised name;
- people match on their name words in any order, with honorifics and titles
  dropped and diacritics folded (``Kamikawa Yoko`` = ``Yoko Kamikawa``), or on a
  one-letter misspelling of one long word; a surname alone never matches
  across articles (two people may share it);
- organisations, parties and associations match on the normalised name, on an
  acronym and its expansion (``HAUFO``), or on a near spelling of a long name.

Every match says why, and the reason is kept on the node (``merged``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from graph.model import PLACE_LABELS, Entity, fold
from loaders import gazetteer, lexicon

PLACE_SUFFIX = re.compile(r"\s+(?:of|in)\s+(?:the\s+)?([A-Z][\w’' -]*)$")
ORG_NEAR_RATIO = 95  # rapidfuzz ratio for two spellings of one long organisation name
ORG_NEAR_MIN_LENGTH = 15
ACRONYM_MAX = 10
ACRONYM_SKIPPABLE = lexicon.CONNECTORS | {"with", "to", "at", "by"}
_DROP_WORDS = lexicon.HONORIFICS | lexicon.ROLE_TOKENS


def near_word(a: str, b: str) -> bool:
    """One name word misspelt as another: one letter added, dropped or changed in a word of five
    letters or more (shorter words differ by one letter between distinct names: Long/Luong)."""
    return min(len(a), len(b)) >= 5 and Levenshtein.distance(a, b) == 1


def name_words(name: str) -> list[str]:
    """A name's words, folded, without honorifics, titles or punctuation.

    >>> name_words("H.E. Mr Nguyễn Văn Hùng")
    ['nguyen', 'van', 'hung']
    """
    words = re.sub(r"[^\w\s.-]", " ", fold(name).replace("’", "'")).split()
    kept = [w.strip(".") for w in words if w.rstrip(".") not in _DROP_WORDS and w not in _DROP_WORDS]
    return [w for w in kept if w]


def person_key(name: str) -> str:
    """People: name words in any order (``Kamikawa Yoko`` and ``Yoko Kamikawa`` share it)."""
    return " ".join(sorted(name_words(name)))


def org_key(name: str) -> str:
    """Organisations and places: folded words, without a leading 'the' or possessive marks.

    >>> org_key("the Hanoi People’s Committee")
    'hanoi people committee'
    """
    words = re.sub(r"['’]s\b|[^\w\s]", " ", fold(name)).split()
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


def is_acronym(form: str) -> bool:
    bare = form.replace(".", "")
    return 2 <= len(bare) <= ACRONYM_MAX and bare.isalpha() and bare.isupper()


def acronym_of(acronym: str, name: str) -> bool:
    """Whether the letters of ``acronym`` read off the words of ``name`` in order, each main
    word giving a prefix (HAUFO ← HAnoi Union of Friendship Organizations); connecting words
    may be skipped.

    >>> acronym_of("LDP", "Liberal Democratic Party")
    True
    >>> acronym_of("ABC", "Liberal Democratic Party")
    False
    >>> acronym_of("NGA", "National Governors Association of the United States")
    True
    """
    letters = acronym.lower().replace(".", "")
    words = [w for w in re.split(r"[\s-]+", fold(name)) if w]
    if len(letters) < 2 or len(words) < 2:
        return False

    def walk(li: int, wi: int) -> bool:
        if li == len(letters):
            return all(w in ACRONYM_SKIPPABLE for w in words[wi:])
        if wi == len(words):
            return False
        word = words[wi]
        if word in ACRONYM_SKIPPABLE and walk(li, wi + 1):
            return True
        for k in range(1, len(word) + 1):
            if li + k > len(letters) or letters[li : li + k] != word[:k]:
                break
            if walk(li + k, wi + 1):
                return True
        return False

    if walk(0, 0):
        return True
    where = PLACE_SUFFIX.search(name)  # "NGA" ← National Governors Association (of the United States)
    if where and gazetteer.lookup(where.group(1)):
        return acronym_of(acronym, name[: where.start()])
    return False


@dataclass(frozen=True)
class Match:
    """A new entity found to be a known one: the known id and why."""

    id: str
    reason: str


class Registry:
    """The canonical entities known so far, indexed for the rules above."""

    def __init__(self, known: Iterable[Entity] = ()) -> None:
        self.entities: dict[str, Entity] = {}
        self._exact: dict[tuple[str, str], str] = {}
        self._acronyms: dict[tuple[str, str], set[str]] = {}
        for entity in known:
            self.add(entity)

    def __len__(self) -> int:
        return len(self.entities)

    def add(self, entity: Entity) -> None:
        """Remember an entity (or more forms of a known one) under all of its keys."""
        seen = self.entities.get(entity.id)
        forms = (entity.name, *entity.aliases)
        if seen is not None:
            aliases = tuple(dict.fromkeys(f for f in (*seen.aliases, *forms) if f != seen.name))
            entity = Entity(seen.id, seen.label, seen.name, aliases, {**entity.codes, **seen.codes})
        self.entities[entity.id] = entity
        for form in forms:
            key = self._key(entity.label, form)
            if key:
                self._exact.setdefault((entity.label, key), entity.id)
            if entity.label not in PLACE_LABELS and is_acronym(form):
                self._acronyms.setdefault((entity.label, form.replace(".", "")), set()).add(entity.id)

    @staticmethod
    def _key(label: str, form: str) -> str:
        if label == "Person":
            words = name_words(form)
            return " ".join(sorted(words)) if len(words) >= 2 else ""  # a surname alone identifies no one
        return org_key(form)

    def match(self, entity: Entity) -> Match | None:
        """The known entity this one is, by the first rule that holds; None if none does."""
        if entity.id in self.entities:
            return Match(entity.id, "same id")
        if entity.label in PLACE_LABELS and entity.codes:
            return None  # a gazetteer code is the identity; a different code is a different place
        forms = (entity.name, *entity.aliases)
        for form in forms:
            key = self._key(entity.label, form)
            known = self._exact.get((entity.label, key)) if key else None
            if known:
                return Match(known, self._why_exact(entity.label, form, known))
        if entity.label in PLACE_LABELS:
            return None
        if entity.label == "Person":
            return self._near_person(entity)
        return self._acronym(entity) or self._near_org(entity)

    def _why_exact(self, label: str, form: str, known: str) -> str:
        name = self.entities[known].name
        if fold(form) == fold(name) and form != name:
            return f"{form}: same name without diacritics"
        if label == "Person" and name_words(form) != name_words(name):
            return f"{form}: same name in another order or without titles"
        return f"{form}: same normalised name"

    def _near_person(self, entity: Entity) -> Match | None:
        words = name_words(entity.name)
        if len(words) < 2:
            return None
        hits = set()
        for known in self.entities.values():
            if known.label != "Person":
                continue
            for form in (known.name, *known.aliases):
                other = name_words(form)
                if len(other) != len(words):
                    continue
                differ = [(a, b) for a, b in zip(sorted(words), sorted(other), strict=True) if a != b]
                if len(differ) == 1 and near_word(*differ[0]):
                    hits.add(known.id)
        if len(hits) == 1:
            return Match(hits.pop(), f"{entity.name}: one letter from a known name")
        return None

    def _acronym(self, entity: Entity) -> Match | None:
        """An acronym and its expansion, when exactly one known entity of the label fits."""
        for form in (entity.name, *entity.aliases):
            if is_acronym(form):
                hits = set(self._acronyms.get((entity.label, form.replace(".", "")), ()))
                if not hits:
                    hits = {
                        k.id
                        for k in self.entities.values()
                        if k.label == entity.label and not is_acronym(k.name) and acronym_of(form, k.name)
                    }
                if len(hits) == 1:
                    return Match(hits.pop(), f"{form}: acronym of a known name")
        for (label, acronym), ids in self._acronyms.items():
            if label == entity.label and len(ids) == 1 and acronym_of(acronym, entity.name):
                return Match(next(iter(ids)), f"{entity.name}: expansion of a known acronym ({acronym})")
        return None

    def _near_org(self, entity: Entity) -> Match | None:
        key = org_key(entity.name)
        if len(key) < ORG_NEAR_MIN_LENGTH:
            return None
        hits = {
            known
            for (label, other), known in self._exact.items()
            if label == entity.label and len(other) >= ORG_NEAR_MIN_LENGTH and fuzz.ratio(key, other) >= ORG_NEAR_RATIO
        }
        if len(hits) == 1:
            return Match(hits.pop(), f"{entity.name}: near spelling of a known name")
        return None

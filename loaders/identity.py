"""Identity across articles: one id per real-world actor, however each article spells it.

A :class:`Registry` holds the canonical entities seen so far (read from the
store before a build, then grown article by article) and decides, by stated
rules and within one label (or among the body labels: Organization, Party,
Association, which the model may confuse), whether a newly extracted entity is
one of them:

- places with a gazetteer code already share their id (ISO 3166, GeoNames);
  an unresolved place matches only on its exact normalised name;
- people match on their name words in any order, with honorifics and titles
  dropped and diacritics folded (``Kamikawa Yoko`` = ``Yoko Kamikawa``), or on a
  one-letter misspelling of one long word; a surname alone never matches
  across articles (two people may share it);
- organisations, parties and associations match on the normalised name (a demonym read as
  its country: ``Vietnamese Embassy`` = ``Vietnam Embassy``), on the place and generic head of a
  body of a place (``People's Committee of Binh Dinh`` = ``Binh Dinh Provincial People's
  Committee``), on an acronym and the one name it fits in one country (``HAUFO``), or on a near
  spelling of a long name; a name that is only a generic head ("Provincial Party Committee")
  is never a key: the article qualifies it by its place first (``loaders.resolve``);
- a body named as a bare name that is a known person's (the model's ORG on "Yoichi Masuzoe"),
  and a body whose name, acronym or expansion fits exactly one known body of another body label
  (CPAFFC typed Organization in one article, Association in another), take that actor and its
  label.

Every match says why, and the reason is kept on the node (``merged``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from graph.model import PLACE_LABELS, Entity, fold
from loaders import gazetteer, lexicon

# Heads that every place's body shares: named by them alone, a body is its place's.
LOCAL_BODY_HEADS = frozenset(
    {
        "party committee",
        "people committee",
        "people council",
        "assembly",
        "council",
        "government",
        "party",
        "standing committee",
        "party committee standing committee",
        "national assembly delegation",
        "delegation of national assembly deputies",
        "fatherland front committee",
        "department of foreign affairs",
        "foreign affairs department",
        "external relations department",
    }
)
# Heads that every country's body shares ("National Assembly", "Party Central Committee").
NATIONAL_BODY_HEADS = frozenset(
    {
        "national assembly",
        "central committee",
        "party central committee",
        "communist party",
        "foreign ministry",
        "ministry of foreign affairs",
        "parliament",
        "senate",
        "politburo",
        "state council",
    }
)
# Words before a head that say which kind of place the body belongs to.
LEVEL_WORDS: dict[str, tuple[str, ...]] = {
    "provincial": ("Province",),
    "province": ("Province",),
    "prefectural": ("Prefecture",),
    "prefecture": ("Prefecture",),
    "city": ("City",),
    "municipal": ("City",),
    "metropolitan": ("City", "Prefecture"),
    "state": ("Province",),
}
_HEADS = "|".join(sorted(map(re.escape, LOCAL_BODY_HEADS | NATIONAL_BODY_HEADS), key=len, reverse=True))
_LEVELS = "|".join(LEVEL_WORDS)
_PLACE_THEN_HEAD = re.compile(rf"^(?P<place>.+?)\s+(?:(?P<level>{_LEVELS})\s+)?(?P<head>{_HEADS})$")
_HEAD_OF_PLACE = re.compile(rf"^(?P<head>{_HEADS})\s+of\s+(?:the\s+)?(?P<place>.+?)(?:\s+(?P<level>{_LEVELS}))?$")
PLACE_SUFFIX = re.compile(r"\s+(?:of|in)\s+(?:the\s+)?([A-Z][\w’' -]*)$")
ORG_NEAR_RATIO = 95  # rapidfuzz ratio for two spellings of one long organisation name
ORG_NEAR_MIN_LENGTH = 15
ACRONYM_MAX = 10
ACRONYM_MIN_ACROSS = 3  # "NA" or "PC" alone names a different body in every article
BODY_CITY_MIN_POPULATION = 100_000  # a town's name in a body's name is more often a word ("Liberal")
ACRONYM_SKIPPABLE = lexicon.CONNECTORS | {"with", "to", "at", "by"}
_DROP_WORDS = lexicon.HONORIFICS | lexicon.ROLE_TOKENS
# Words that describe a party rather than name it: "New Democratic Party" and "Democratic Party" are
# two parties, while "New Komeito" and "Komeito" (a proper name) are one renamed.
PARTY_DESCRIPTORS = frozenset(
    re.findall(
        r"\w+",
        """democratic democracy liberal conservative socialist socialism communist labour labor workers
    progressive national nationalist people peoples popular republican republic green greens social
    reform reformist unity united union justice freedom free future hope frontier power citizens
    civic alliance independence independent renewal rebirth revolutionary federal patriotic
    constitutional christian islamic action center centre left right first forward together
    new old grand great""",
    )
)
RENAME_WORDS = frozenset({"new", "party", "the"})  # what a party's rename or short form adds or drops
# The labels of bodies the model may confuse with one another, in the order a match prefers them.
BODY_LABELS = ("Organization", "Party", "Association")
HEAD_WORDS = lexicon.ORGANIZATION_WORDS | lexicon.ASSOCIATION_WORDS | lexicon.PARTY_WORDS


@dataclass(frozen=True)
class GenericBody:
    """A name that is only a generic head: the kinds of place it may belong to, and the head."""

    labels: tuple[str, ...]
    head: str

    @property
    def national(self) -> bool:
        return self.labels == ("Country",)


def generic_body(name: str) -> GenericBody | None:
    """The generic head a name consists of, with the level word before it, if that is all it is.

    >>> generic_body("the Provincial People’s Committee")
    GenericBody(labels=('Province',), head='people committee')
    >>> generic_body("National Assembly").national, generic_body("Hanoi People's Committee")
    (True, None)
    """
    words = org_key(name).split()
    labels: tuple[str, ...] = ()
    if words and words[0] in LEVEL_WORDS:
        labels, words = LEVEL_WORDS[words[0]], words[1:]
    head = " ".join(words)
    if not labels and head in NATIONAL_BODY_HEADS:
        return GenericBody(("Country",), head)
    if head in LOCAL_BODY_HEADS or (labels and head in NATIONAL_BODY_HEADS):
        return GenericBody(labels or ("Province", "Prefecture", "City"), head)
    return None


def _place_code(text: str, labels: tuple[str, ...]) -> str | None:
    """The code of the place a body's name names, preferring the kinds its level word asks for."""
    code = gazetteer.demonym(text)
    if code:
        return code
    hit = gazetteer.country(text)
    if hit is not None:
        return hit.code
    places = [
        p
        for p in gazetteer.lookup(text)
        if gazetteer.by_own_name(p, text) and (labels or p.label != "City" or p.population >= BODY_CITY_MIN_POPULATION)
    ]
    if labels:
        places = [p for p in places if p.label in labels] or places
    places.sort(key=lambda p: (p.label == "City", -p.population))
    return places[0].code if places else None


def body_key(name: str) -> str | None:
    """A body of a place, as ``code|head``, when its name names the place and a generic head
    ("Hanoi People's Committee", "People's Committee of Binh Dinh province", "Communist Party of
    China", "Lao National Assembly"): every spelling of one place's body shares it.

    >>> body_key("People's Committee of Binh Dinh province") == body_key("Binh Dinh Provincial People's Committee")
    True
    >>> body_key("Communist Party of China"), body_key("Liberal Democratic Party")
    ('CN|communist party', None)
    """
    folded = org_key(name)
    for pattern in (_PLACE_THEN_HEAD, _HEAD_OF_PLACE):
        m = pattern.match(folded)
        if m is None:
            continue
        labels = LEVEL_WORDS.get(m.group("level") or "", ())
        code = _place_code(m.group("place"), labels)
        if code:
            return f"{code}|{m.group('head')}"
    return None


def country_words(key: str) -> str:
    """An organisation key with each demonym or country name read as its country code
    ("vietnamese embassy in tokyo" and "vietnam embassy in tokyo" → "vn embassy in tokyo")."""
    words = key.split()
    out: list[str] = []
    i = 0
    while i < len(words):
        pair = " ".join(words[i : i + 2])
        two = gazetteer.country(pair) if i + 1 < len(words) else None
        if two is not None:
            out.append(two.code.lower())
            i += 2
            continue
        one = gazetteer.demonym(words[i]) or (hit.code if (hit := gazetteer.country(words[i])) else None)
        out.append(one.lower() if one else words[i])
        i += 1
    return " ".join(out)


def near_word(a: str, b: str) -> bool:
    """One name word misspelt as another: one letter added, dropped or changed in a word of five
    letters or more (shorter words differ by one letter between distinct names: Long/Luong)."""
    return min(len(a), len(b)) >= 5 and Levenshtein.distance(a, b) == 1


def name_words(name: str) -> list[str]:
    """A name's words, folded, without honorifics, titles or punctuation; a title and whatever
    ran into the name before it ("Jeju Governor Oh Young-hun"), hyphens inside a given name
    ("Dong-yeon" = "Dong yeon") and middle initials ("Narendra D Modi") do not count.

    >>> name_words("H.E. Mr Nguyễn Văn Hùng"), name_words("Jeju Governor Oh Young-hun")
    (['nguyen', 'van', 'hung'], ['oh', 'young', 'hun'])
    """
    words = re.sub(r"[^\w\s.-]", " ", fold(name).replace("’", "'")).split()
    titled = [i for i, w in enumerate(words) if w.rstrip(".") in lexicon.ROLE_TOKENS]
    if titled and len(words) - titled[-1] - 1 >= 2:
        words = words[titled[-1] + 1 :]
    kept = [w.strip(".") for w in words if w.rstrip(".") not in _DROP_WORDS and w not in _DROP_WORDS]
    kept = [part for w in kept for part in w.split("-") if part]
    full = [w for w in kept if len(w) > 1]
    return full if len(full) >= 2 else kept


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
    """A new entity found to be a known one: the known id, why, and its label when that differs."""

    id: str
    reason: str
    label: str | None = None


def party_core(name: str) -> str | None:
    """A party's name when it is one proper-name word, without "New" before it, its type word or
    its country after it ("New Komeito Party of Japan" and "Komeito Party" → "komeito"); None when
    more words remain or the one word describes a party ("New Democratic Party").

    >>> party_core("New Komeito Party of Japan"), party_core("New Democratic Party")
    ('komeito', None)
    """
    words = org_key(name).split()
    of = words.index("of") if "of" in words else len(words)
    if of < len(words) and gazetteer.country(" ".join(words[of + 1 :])) is None:
        return None  # "of" something other than a country belongs to the name
    core = [w for w in words[:of] if w not in RENAME_WORDS]
    if len(core) != 1 or core[0] in PARTY_DESCRIPTORS or len(core[0]) < 4:
        return None
    return None if gazetteer.country(core[0]) or gazetteer.demonym(core[0]) else core[0]


def _labels_for(label: str) -> tuple[str, ...]:
    """The labels a body's name is looked up in: its own, then the other body labels."""
    if label not in BODY_LABELS:
        return (label,)
    return (label, *(other for other in BODY_LABELS if other != label))


def _country_of(entity: Entity) -> str | None:
    return entity.codes.get("country_code") or entity.codes.get("iso3166_1")


def _has_head_word(name: str) -> bool:
    return any(w in HEAD_WORDS for w in org_key(name).split())


def _near_keys(words: list[str]) -> list[tuple[int, int, tuple[str, ...]]]:
    """A name's sorted words with one left out, with its place and the count: two names whose
    sorted words differ at exactly one place share one of these keys."""
    ordered = sorted(words)
    return [(len(ordered), i, tuple(ordered[:i] + ordered[i + 1 :])) for i in range(len(ordered))]


def _initials(name: str) -> set[str]:
    """The letters an acronym of ``name`` may start with: the first letter of its first word, or
    of a later one when only connecting words come before it (``acronym_of``'s walk)."""
    out = set()
    for word in (w for w in re.split(r"[\s-]+", fold(name)) if w):
        out.add(word[0])
        if word not in ACRONYM_SKIPPABLE:
            break
    return out


def _near_org_window(length: int) -> tuple[int, int]:
    """The key lengths whose fuzz.ratio with a key of ``length`` can reach ORG_NEAR_RATIO: the
    ratio is 1 - d / (a + b) with d at least the length difference."""
    slack = (100 - ORG_NEAR_RATIO) / 100
    low = max(ORG_NEAR_MIN_LENGTH, int(length * (1 - slack) / (1 + slack)))
    high = int(length * (1 + slack) / (1 - slack)) + 1
    return low, high


class Registry:
    """The canonical entities known so far, indexed for the rules above.

    Every rule is answered through an index, so a lookup costs about the same with a hundred
    or a hundred thousand entities known (a build grows linearly with its articles):

    - exact keys: ``_exact``;
    - a person's one-letter misspelling: each form's sorted name words with one left out;
    - an acronym's expansion: names and acronyms by label and the letter an acronym starts with;
    - a near spelling of a long name: keys by label and length (a ratio of 95 bounds the length).
    """

    def __init__(self, known: Iterable[Entity] = ()) -> None:
        self.entities: dict[str, Entity] = {}
        self._exact: dict[tuple[str, str], str] = {}
        self._acronyms: dict[tuple[str, str], set[str]] = {}
        self._near_person_index: dict[tuple[int, int, tuple[str, ...]], dict[str, set[str]]] = {}
        self._names_by_initial: dict[tuple[str, str], list[str]] = {}
        self._acronyms_by_initial: dict[tuple[str, str], list[tuple[int, str]]] = {}
        self._long_keys: dict[tuple[str, int], dict[str, str]] = {}
        self._party_cores: dict[str, set[str]] = {}
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
        elif entity.label not in PLACE_LABELS and not is_acronym(entity.name):
            for letter in _initials(entity.name):
                self._names_by_initial.setdefault((entity.label, letter), []).append(entity.id)
        self.entities[entity.id] = entity
        for form in forms:
            for key in form_keys(entity.label, form):
                if (entity.label, key) not in self._exact:
                    self._exact[(entity.label, key)] = entity.id
                    if len(key) >= ORG_NEAR_MIN_LENGTH:
                        self._long_keys.setdefault((entity.label, len(key)), {})[key] = entity.id
            if entity.label not in PLACE_LABELS and is_acronym(form):
                bare = form.replace(".", "")
                if (entity.label, bare) not in self._acronyms:
                    seen_at = (len(self._acronyms), bare)  # the order acronyms became known
                    self._acronyms_by_initial.setdefault((entity.label, bare[0].lower()), []).append(seen_at)
                self._acronyms.setdefault((entity.label, bare), set()).add(entity.id)
            if entity.label == "Party" and (core := party_core(form)):
                self._party_cores.setdefault(core, set()).add(entity.id)
            if entity.label == "Person":
                words = name_words(form)
                for key in _near_keys(words):
                    self._near_person_index.setdefault(key, {}).setdefault(entity.id, set()).add(sorted(words)[key[1]])

    @staticmethod
    def _key(label: str, form: str) -> str:
        if label == "Person":
            words = name_words(form)
            return " ".join(sorted(words)) if len(words) >= 2 else ""  # a surname alone identifies no one
        if label not in PLACE_LABELS and generic_body(form) is not None:
            return ""  # "Provincial Party Committee" names a different body in every article
        if label not in PLACE_LABELS and is_acronym(form) and len(form.replace(".", "")) < ACRONYM_MIN_ACROSS:
            return ""  # so does "NA"
        key = org_key(form)
        return key if label in PLACE_LABELS else country_words(key)

    def match(self, entity: Entity) -> Match | None:
        """The known entity this one is, by the first rule that holds; None if none does."""
        if entity.id in self.entities:
            return Match(entity.id, "same id")
        if entity.label in PLACE_LABELS and entity.codes:
            return None  # a gazetteer code is the identity; a different code is a different place
        keys = [(form, key) for form in (entity.name, *entity.aliases) for key in form_keys(entity.label, form)]
        for form, key in keys:
            known = self._exact.get((entity.label, key))
            if known:
                why = "same place and body" if key.startswith("body:") else None
                return Match(known, f"{form}: {why}" if why else self._why_exact(entity.label, form, known))
        if entity.label in PLACE_LABELS:
            return None
        if other := self._other_body_label(entity, keys):
            return other
        if entity.label == "Person":
            return self._near_person(entity)
        return (
            self._acronym(entity)
            or self._near_org(entity)
            or self._renamed_party(entity)
            or self._person_as_body(entity)
        )

    def _other_body_label(self, entity: Entity, keys: list[tuple[str, str]]) -> Match | None:
        """The one known body of another body label and of one country with one of these keys: the
        model may type one body an Organization in one article and an Association or Party in
        another (CPAFFC), and its name, not the label, is its identity."""
        hits: dict[str, tuple[str, str]] = {}
        for other in _labels_for(entity.label)[1:]:
            for form, key in keys:
                known = self._exact.get((other, key))
                if known and self._same_country(entity, known):
                    hits.setdefault(known, (other, form))
        if len(hits) != 1:
            return None
        known, (other, form) = next(iter(hits.items()))
        return Match(known, f"{form}: same name as a known {other}", other)

    def _renamed_party(self, entity: Entity) -> Match | None:
        """The one known party of this country with the same proper-name word, "New" before it or
        not (a party renamed: "New Komeito Party of Japan" = "Komeito Party")."""
        if entity.label != "Party":
            return None
        for form in (entity.name, *entity.aliases):
            core = party_core(form)
            hits = {h for h in self._party_cores.get(core, ()) if self._same_country(entity, h)} if core else set()
            if len(hits) == 1:
                return Match(hits.pop(), f"{form}: the same party's name, renamed or shortened")
        return None

    def _person_as_body(self, entity: Entity) -> Match | None:
        """A body named by a known person's full name and no organisation word is that person."""
        if entity.label != "Organization" or _has_head_word(entity.name):
            return None
        key = self._key("Person", entity.name)
        known = self._exact.get(("Person", key)) if key else None
        return Match(known, f"{entity.name}: a known person's name", "Person") if known else None

    def _why_exact(self, label: str, form: str, known: str) -> str:
        name = self.entities[known].name
        if fold(form) == fold(name) and form != name:
            return f"{form}: same name without diacritics"
        if label == "Person" and name_words(form) != name_words(name):
            return f"{form}: same name in another order or without titles"
        return f"{form}: same normalised name"

    def _near_person(self, entity: Entity) -> Match | None:
        """A known person whose name differs from this one's in one word, by one letter."""
        words = name_words(entity.name)
        if len(words) < 2:
            return None
        ordered = sorted(words)
        hits = set()
        for key in _near_keys(words):
            mine = ordered[key[1]]
            for known, theirs in self._near_person_index.get(key, {}).items():
                if any(near_word(mine, other) for other in theirs):
                    hits.add(known)
        if len(hits) == 1:
            return Match(hits.pop(), f"{entity.name}: one letter from a known name")
        return None

    def _same_country(self, entity: Entity, known_id: str) -> bool:
        mine, theirs = _country_of(entity), _country_of(self.entities[known_id])
        return mine is None or theirs is None or mine == theirs

    def _acronym(self, entity: Entity) -> Match | None:
        """An acronym and the one known name it was defined for or fits in the whole graph, in
        one country, or a name and the one known acronym it expands; a body's own label first,
        then the other body labels (the label the model could not tell)."""
        labels = _labels_for(entity.label)
        for form in (entity.name, *entity.aliases):
            bare = form.replace(".", "")
            if not is_acronym(form) or len(bare) < ACRONYM_MIN_ACROSS:
                continue
            for label in labels:
                hits = set(self._acronyms.get((label, bare), ()))
                if not hits:
                    hits = {
                        known
                        for known in self._expansion_candidates(label, bare)
                        if acronym_of(form, self.entities[known].name)
                    }
                hits = {h for h in hits if self._same_country(entity, h)}
                if len(hits) == 1:
                    known = hits.pop()
                    relabel = label if label != entity.label else None
                    return Match(known, f"{form}: acronym of a known name", relabel)
                if hits:
                    return None
        for label in labels:
            for acronym in self._acronym_candidates(entity, label):
                ids = self._acronyms[(label, acronym)]
                if len(ids) != 1 or len(acronym) < ACRONYM_MIN_ACROSS:
                    continue
                known = next(iter(ids))
                if all(is_acronym(f) for f in (self.entities[known].name, *self.entities[known].aliases)) and (
                    acronym_of(acronym, entity.name) and self._same_country(entity, known)
                ):
                    relabel = label if label != entity.label else None
                    return Match(known, f"{entity.name}: expansion of a known acronym ({acronym})", relabel)
        return None

    def _expansion_candidates(self, label: str, acronym: str) -> list[str]:
        """The known entities of ``label``, named by no acronym, whose names an acronym may read."""
        return self._names_by_initial.get((label, acronym[0].lower()), [])

    def _acronym_candidates(self, entity: Entity, label: str) -> list[str]:
        """The known acronyms of ``label`` that the entity's name may expand, in the order they
        became known (an acronym starts with a letter ``_initials`` allows)."""
        found = [hit for letter in _initials(entity.name) for hit in self._acronyms_by_initial.get((label, letter), ())]
        return [acronym for _, acronym in sorted(found)]

    def _near_org(self, entity: Entity) -> Match | None:
        """A known long name of this label that is a near spelling of this one."""
        key = org_key(entity.name)
        if len(key) < ORG_NEAR_MIN_LENGTH or generic_body(entity.name) is not None:
            return None
        low, high = _near_org_window(len(key))
        hits = set()
        for length in range(low, high + 1):
            keys = self._long_keys.get((entity.label, length))
            if keys:
                found = process.extract(key, keys.keys(), scorer=fuzz.ratio, score_cutoff=ORG_NEAR_RATIO, limit=None)
                hits.update(keys[other] for other, _, _ in found)
        if len(hits) == 1:
            return Match(hits.pop(), f"{entity.name}: near spelling of a known name")
        return None


@lru_cache(maxsize=65536)
def form_keys(label: str, form: str) -> tuple[str, ...]:
    """The keys a form is known by: its body key (a place and a generic head), its name key;
    remembered per label and form (a build asks it of each entity's forms when matching the
    entity and again when adding it)."""
    keys = []
    if label not in PLACE_LABELS and label != "Person" and (body := body_key(form)):
        keys.append(f"body:{body}")
    if key := Registry._key(label, form):
        keys.append(key)
    return tuple(keys)

"""Candidates for the learned scorer: every entity and every plausible related pair of one
article, each with a dict of named features.

The rules of `loaders.relations` and `loaders.roles` run first; what they found becomes
features here (``rule:VISITED>``), beside the words between and around a pair, the
dependency path, both ends' types, order and distance, modality, each end's part in the
article (the delegation's leader or sender, the dateline place) and gazetteer facts.
A feature is a name; its value is 1 unless it counts something. `loaders.scorer` weighs them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, cached_property

from spacy.tokens import Doc, Span

from graph.model import fold
from loaders import gazetteer, lexicon
from loaders.found import UNDIRECTED, Found, FoundRelation
from loaders.names import name_countries
from loaders.nlp import TokenTable, doc_text
from loaders.resolve import home_country
from loaders.roles import Sentence
from loaders.spans import HEAD_WORDS, case_view, twins, word_char

RELATION_TYPES = ("VISITED", "MET", "SIGNED", "TWINNED", "HOLDS_ROLE", "LOCATED_IN")

# Coarse kinds of an entity: Person, Organisation-like, Country, Region, Town.
KIND = {
    "Person": "P",
    "Party": "O",
    "Association": "O",
    "Organization": "O",
    "Country": "C",
    "Prefecture": "R",
    "Province": "R",
    "City": "T",
}
# Which kinds each relation type joins (source kinds, target kinds).
ALLOWED: dict[str, tuple[str, str]] = {
    "VISITED": ("PORT", "CROT"),
    "MET": ("PO", "PO"),
    "SIGNED": ("PORTC", "PORTC"),
    "TWINNED": ("RT", "RT"),
    "HOLDS_ROLE": ("P", "OCRT"),
    "LOCATED_IN": ("ORT", "CRT"),
}
CONTENT_POS = frozenset({"VERB", "NOUN", "ADJ"})
LINKING_WORDS = ("with", "to", "between", "and", "of", "by", "from", "in")  # words between a pair that are features
GAP_WORDS = 4  # a gap of at most this many tokens is also a feature as its words
NEAR_TOKENS = 15
# The characters before a person's first mention read for a demonym: a title may run long ("the
# Japanese Consul General in Busan X"); 45 by cross-validation over five fold seeds (30 and 60 as good or worse).
DEMONYM_BEFORE = 45
NEAR_CHARS = 12  # a place or body this close to a person's name, with only titles between, describes them
MODAL = re.compile(
    r"\b(will|would|shall|plans?|planned|planning|invit\w*|propos\w*|hopes?|expected|intends?|scheduled|"
    r"next\s+(?:year|month|week))\b",
    re.I,
)
CONTEXT_WORDS = frozenset(
    {"to", "in", "at", "from", "of", "with", "by", "and", "visited", "visit", "met", "welcomed", "received", "toured"}
)
# Verbs whose subject (or agent after "by") takes part in the story's visit, meeting or signing
# ("Chen arrived", "a delegation led by X", "X was welcomed"), and nouns whose possessor does ("X's
# visit"); a person named only otherwise ("close to President X", "proposed by X") is a bystander.
ACT_VERBS = frozenset(
    re.findall(
        r"\w+",
        """visit tour travel arrive come stop call pay make meet welcome receive host greet hold accompany sign
        ink conclude lead head attend join go return fly leave depart""",
    )
)
ACT_NOUNS = frozenset(re.findall(r"\w+", "visit trip tour delegation talk meeting call arrival"))
# Of those, the words of the side that receives (its subject is the host) and of the side that goes
# (a delegation's leader goes with it).
HOST_VERBS = frozenset(re.findall(r"\w+", "welcome receive host greet"))
GUEST_WORDS = frozenset(
    re.findall(r"\w+", "visit tour travel arrive come stop pay fly return depart trip arrival lead head")
)
# Verbs and nouns of the events a story reports, whose place ("signed … in Yangon") is where it happened.
EVENT_WORDS = frozenset(
    re.findall(r"\w+", "sign ink meet hold host attend ceremony meeting talk summit conference forum signing")
    + ["agreement", "memorandum"]
)
# Verbs of speaking: the sides of a visit speak in the story; a leader named in passing seldom does.
SPEAK_VERBS = frozenset(
    re.findall(
        r"\w+",
        """say state express thank appreciate hope stress emphasize emphasise affirm highlight note propose
        suggest agree pledge praise congratulate speak tell add invite wish""",
    )
)
STATE_TITLE = re.compile(r"(\S+)\s+(?:President|Prime Minister|Premier|General Secretary|Chancellor|King)\s*$")
FORMER = re.compile(r"\b(former|ex-|late|then)\s*$", re.I)
TRIGGERS = {
    "visit": lexicon.VISIT_TRIGGER,
    "meet": lexicon.MEET_TRIGGER,
    "host": lexicon.HOST_TRIGGER,
    "sign": lexicon.SIGN_TRIGGER,
    "twin": lexicon.TWIN_TRIGGER,
    "delegation": lexicon.DELEGATION,
    "role": lexicon.ROLE_RE,
}
# The triggers and `MODAL` by `spans.case_view`'s index: lower-case twins for most texts (the same
# matches, faster), the patterns themselves for the rest.
TRIGGER_TABLES = tuple({name: twins(rx)[k] for name, rx in TRIGGERS.items()} for k in range(3))
MODAL_TWINS = twins(MODAL)


class PairCandidate:
    """An ordered pair of entities of one article, the relation types it may hold, its features,
    the sentence that best shows the pair and that sentence's index (None if they share none).

    One made by `of` makes its features, evidence and sentence together on first use
    (`ArticleFeatures.pair_features`): the scorer reads none of them for a pair whose every type
    the guide rules out (about one pair in six)."""

    def __init__(
        self,
        source: int,
        target: int,
        types: tuple[str, ...],
        features: dict[str, float],
        evidence: str,
        sentence: int | None,
    ):
        self.source, self.target, self.types = source, target, types
        self._made: tuple[dict[str, float], str, int | None] | None = (features, evidence, sentence)
        self._article: ArticleFeatures | None = None

    @classmethod
    def of(cls, article: ArticleFeatures, source: int, target: int, types: tuple[str, ...]) -> PairCandidate:
        """The pair (source, target) of ``article``'s entities, its features not yet made."""
        cand = cls(source, target, types, {}, "", None)
        cand._made, cand._article = None, article
        return cand

    def _parts(self) -> tuple[dict[str, float], str, int | None]:
        if self._made is None:
            assert self._article is not None
            self._made = self._article.pair_features(self.source, self.target)
        return self._made

    @property
    def features(self) -> dict[str, float]:
        return self._parts()[0]

    @property
    def evidence(self) -> str:
        return self._parts()[1]

    @property
    def sentence(self) -> int | None:
        return self._parts()[2]


@dataclass
class EntityCandidate:
    """An entity of one article and its features, for the type-or-NONE model."""

    index: int
    features: dict[str, float]


_NOWHERE: frozenset[str] = frozenset()


def _country_set(code: str | None) -> frozenset[str]:
    return frozenset((code,)) if code else _NOWHERE


@cache
def allowed_types(source_label: str, target_label: str, source_first: bool) -> tuple[str, ...]:
    """The relation types a pair may hold, by its ends' kinds; an undirected type once per pair
    (remembered: every ordered pair of an article asks, from a few kinds)."""
    s, t = KIND[source_label], KIND[target_label]
    return tuple(
        r for r, (src, tgt) in ALLOWED.items() if s in src and t in tgt and (r not in UNDIRECTED or source_first)
    )


@cache
def _bucket(n: int, edges: tuple[int, ...] = (0, 1, 2, 4, 8)) -> str:
    """The name of the first of ``edges`` that ``n`` does not pass, or ">" the last (remembered:
    a few small counts, asked for by every pair)."""
    for e in edges:
        if n <= e:
            return str(e)
    return f">{edges[-1]}"


class ArticleFeatures:
    """Features of the entities and pairs of one article (computed once per article)."""

    def __init__(
        self,
        doc: Doc,
        entities: list[Found],
        sentences: list[Sentence],
        rules: list[FoundRelation],
        lead: list[int],
        title: str | None,
        dateline: str | None,
        year: int | None = None,
    ):
        self.doc = doc
        self.text = doc_text(doc)
        self.tokens = TokenTable(doc)
        self._spans: dict[tuple[int, int], Span | None] = {}
        self._roots: dict[tuple[int, int], int] = {}
        self._found_triggers: dict[str, tuple[str, ...]] = {}
        self._found_between: dict[tuple[str, str], tuple[str, ...]] = {}
        self._modals: dict[int, bool] = {}  # sentence → whether it is modal
        self.entities = entities
        self.sentences = sentences
        self.rules = rules
        self.lead = lead
        self.title_key = fold(title or "")
        self.dateline_key = gazetteer.key(dateline) if dateline else ""
        self.where: dict[int, list[tuple[int, int, int]]] = defaultdict(list)  # entity → (sentence, start, end)
        for k, sent in enumerate(sentences):
            for start, end, idx in sent.entities:
                self.where[idx].append((k, start, end))
        self._kinds = [KIND[e.label] for e in entities]
        self._in_sentences = [{k for k, *_ in self.where[i]} for i in range(len(entities))]
        self.rule_pairs: dict[tuple[int, int], list[FoundRelation]] = defaultdict(list)
        for r in rules:
            self.rule_pairs[(r.source, r.target)].append(r)
        self.homes = [self._home(i) for i in range(len(entities))]
        self.origins = [name_countries(e.name) if e.label == "Person" else _NOWHERE for e in entities]
        self.visited_by_rule = {r.target for r in rules if r.type == "VISITED"}
        # a visit dated before the article's year is a past trip recalled, not the one reported
        reported = {r.target for r in rules if r.type == "VISITED" and not (year and r.date and int(r.date[:4]) < year)}
        self.reported_visits = sorted(reported or self.visited_by_rule)
        self.visitors_by_rule = {r.source for r in rules if r.type == "VISITED"}
        self.visited_countries = {
            e.place.country for i, e in enumerate(entities) if i in self.visited_by_rule and e.place is not None
        }
        table, searched = _triggers_for(self.text)
        self.article_triggers = {name for name, rx in table.items() if rx.search(searched)}
        self._article_triggers = tuple(name for name in TRIGGERS if name in self.article_triggers)  # in order
        self._art_features = {f"art:{name}": 1 for name in self._article_triggers}  # every pair has them
        persons = sorted(
            (i for i, e in enumerate(entities) if e.label == "Person"),
            key=lambda i: -len(entities[i].mentions),
        )
        self.top_person = persons[0] if persons else None
        self.first_person = next((i for i, e in enumerate(entities) if e.label == "Person"), None)
        self.contexts = [self._context(i) for i in range(len(entities))]
        self._roles: dict[int, dict[str, float]] = {}
        self._posts: dict[int, str | None] = {}
        self._prefixed: dict[tuple[int, str], dict[str, float]] = {}
        self._sentences: dict[int, dict[str, float]] = {}
        self.host = self._host()

    # entities ------------------------------------------------------------------
    def _home(self, idx: int) -> str | None:
        ent = self.entities[idx]
        if ent.place is not None:
            return ent.place.country
        if ent.label != "Person":
            for word in re.findall(r"[A-Z][\w’'-]+", ent.name):
                code = gazetteer.demonym(word) or (gazetteer.country(word).code if gazetteer.country(word) else None)
                if code:
                    return code
            for r in self.rules:
                if r.type == "LOCATED_IN" and r.source == idx and self.entities[r.target].place is not None:
                    return self.entities[r.target].place.country  # type: ignore[union-attr]
            return home_country(ent.name)
        near = self._near_home(idx)
        if near is not None:
            return near
        homes = set()
        for r in self.rules:
            if r.type == "HOLDS_ROLE" and r.source == idx and r.target != idx:
                target = self.entities[r.target]
                if target.place is not None:
                    homes.add(target.place.country)
                elif target.label != "Person":
                    homes.add(self._home(r.target))
        homes.discard(None)
        return homes.pop() if len(homes) == 1 else None

    def _host(self) -> str | None:
        """The country the reported trip went to: that of the places and bodies the rules saw
        visited on it (a tie goes to the country more often named by place), else that of the
        place the event was held in (`_venue`), else the dateline's, else the one most of the
        article's places lie in."""
        places = [e.place.country for e in self.entities for _m in e.mentions if e.place and e.label != "Country"]
        visited = [home for i in self.reported_visits if (home := self.homes[i]) is not None]
        if visited:  # a body visited counts by the country its name or the text gives it
            return max(sorted(set(visited)), key=lambda c: (visited.count(c), places.count(c)))
        venue = self._venue()
        if venue is not None:
            return venue
        if self.dateline_key:
            for e in self.entities:
                if e.place is not None and any(gazetteer.key(f) == self.dateline_key for f in e.forms()):
                    return e.place.country
        return max(sorted(set(places)), key=places.count) if places else None

    def _venue(self) -> str | None:
        """The country of the first place the story's event is told to happen in ("signed an
        agreement in Yangon", "a joint meeting … in Incheon")."""
        tok = self.tokens
        for k, sent in enumerate(self.sentences):
            for start, end, idx in sent.entities:
                place = self.entities[idx].place
                span = self._span(start, end)
                if place is None or span is None or self._modal(k):
                    continue
                root = self._root(span)
                prep = tok.head[root]
                if tok.dep[root] == "pobj" and tok.lower[prep] == "in" and self._of_event(tok.head[prep]):
                    return place.country
        return None

    def _of_event(self, k: int) -> bool:
        """Whether token ``k`` is an `EVENT_WORDS` word, or names what one is of ("a meeting of the X
        Association and the Y Association in Incheon": the place is the meeting's)."""
        tok = self.tokens
        for _ in range(4):
            if tok.lemma[k] in EVENT_WORDS:
                return True
            while tok.dep[k] == "conj" and tok.head[k] != k:
                k = tok.head[k]
            if tok.dep[k] != "pobj" or tok.lower[tok.head[k]] != "of":
                return False
            k = tok.head[tok.head[k]]
        return False

    def _context(self, idx: int) -> set[str]:
        """What the sentences around an entity's mentions say of it: the word before it, the
        triggers of its sentences, its grammatical role to a trigger verb."""
        out: set[str] = set()
        for k, start, end in self.where[idx]:
            sent = self.sentences[k]
            before = self.text[max(sent.span.start_char, start - 20) : start].split()
            if before:
                word = before[-1].lower()
                out.add(f"prev={word}" if word in CONTEXT_WORDS else "prev=other")
            for name in self._sentence_triggers(sent):
                out.add(f"sent:{name}")
            if self._modal(k):
                out.add("modal")
            if FORMER.search(self.text[max(0, start - 30) : start]):
                out.add("former")
            span = self._span(start, end)
            if span is not None:
                tok = self.tokens
                out.update(_in_party(tok, sent.span.start, span.start, span.end, sent.span.end))
                root = self._root(span)
                head = tok.head[root]
                while tok.pos[head] == "ADP" and tok.head[head] != head:
                    head = tok.head[head]
                out.add(f"dep={tok.dep[root]}")
                named = self._named(root)
                side = self._acts(named)
                if side is not None:
                    out.add("acts")
                    if side:
                        out.add(f"acts:{side}")
                if self._speaks(named):
                    out.add("speaks")
                if tok.pos[head] in ("VERB", "NOUN"):
                    out.add(f"head={tok.lemma[head]}")
                    out.add(f"dep={tok.dep[root]}:{tok.lemma[head]}")
        if self.where[idx] and "acts" not in out:
            out.add("acts:none")
        return out

    def _acts(self, k: int) -> str | None:
        """None unless the token ``k`` that stands for a mention (`_named`) is the subject or agent of
        an `ACT_VERBS` verb, or owns an `ACT_NOUNS` noun; then the side that says: "host" for who
        welcomes, receives or hosts ("X welcomed", "welcomed by X"), "guest" for who goes or is
        received ("X arrived", "X was welcomed", "X's visit"), else ""."""
        tok = self.tokens
        dep, head = tok.dep[k], tok.head[k]
        if dep == "pobj" and tok.lemma[head] == "by":
            dep, head = "nsubj", tok.head[head]
        lemma = tok.lemma[head]
        owns = dep == "poss" and lemma in ACT_NOUNS
        does = dep in ("nsubj", "nsubjpass") and lemma in ACT_VERBS
        if not (owns or does):
            return None
        if lemma in HOST_VERBS:
            return "host" if dep == "nsubj" else "guest"
        return "guest" if lemma in GUEST_WORDS else ""

    def _speaks(self, k: int) -> bool:
        """Whether the token ``k`` that stands for a mention (`_named`) is the subject of a
        `SPEAK_VERBS` verb."""
        return self.tokens.dep[k] == "nsubj" and self.tokens.lemma[self.tokens.head[k]] in SPEAK_VERBS

    def _named(self, root: int) -> int:
        """The token that stands for a mention in its clause: its own root, or the name it is set
        beside, joined to or part of ("X, Governor of Y, said": X)."""
        tok = self.tokens
        k = root
        while tok.dep[k] in ("appos", "conj", "compound", "flat") and tok.head[k] != k:
            k = tok.head[k]
        return k

    def _state_leader(self, idx: int, bare: bool = False) -> bool:
        """Whether a mention of the person follows a country's head-of-state or government title
        ("Chinese President Xi Jinping", "Japan's Prime Minister X"): in news of provinces and
        cities, such a leader is mostly named in passing. With ``bare``, also the title alone after
        a lower-case word ("proposed by President X"; not "CPAFFC President X")."""
        if self.entities[idx].label != "Person":
            return False
        for _k, start, _end in self.where[idx]:
            m = STATE_TITLE.search(self.text[max(0, start - 40) : start])
            if m is None:
                continue
            if bare and m.group(1)[0].islower():
                return True
            if gazetteer.demonym(m.group(1)) or gazetteer.country(re.sub(r"['’]s$", "", m.group(1))):
                return True
        return False

    def countries(self, idx: int) -> frozenset[str]:
        """The countries an entity is of: by its name's tradition (`loaders.names`), else its home."""
        return self.origins[idx] or _country_set(self.homes[idx])

    @cached_property
    def tie_sentences(self) -> list[str]:
        """The article's sentences that tell of a tie (`lexicon.TWIN_TRIGGER`), in order."""
        return [s.text for s in self.sentences if lexicon.TWIN_TRIGGER.search(s.text)]

    @cached_property
    def guests(self) -> set[int]:
        """The people the story has go somewhere, be received or lead a delegation (`acts:guest`):
        on the 69 annotated articles, every one of them (46) is a traveller of the gold."""
        return {i for i, e in enumerate(self.entities) if e.label == "Person" and "acts:guest" in self.contexts[i]}

    def host_only(self, idx: int) -> bool:
        """Whether the person acts in the story only as a host (welcomes, receives, hosts, greets;
        never goes, is received or leads a delegation): the delegation's host."""
        ctx = self.contexts[idx]
        return self.entities[idx].label == "Person" and "acts:host" in ctx and "acts:guest" not in ctx

    def leader_in_passing(self, idx: int) -> bool:
        """Whether the person is a country's leader (`_state_leader`) the story only names: acting
        nowhere in it and seen travelling by no rule ("the initiative proposed by Chinese President
        X"). Such a leader is no traveller of the trip reported."""
        if "acts:none" not in self.contexts[idx] or idx in self.visitors_by_rule:
            return False
        return self._state_leader(idx, bare=True)

    def _near_home(self, idx: int) -> str | None:
        """A person's country from the words beside their first mention: a demonym, or a place
        or body named right before or after ("Jeollabuk-do Governor X", "X of Hanoi")."""
        for k, start, end in self.where[idx][:1]:
            before = self.text[max(0, start - DEMONYM_BEFORE) : start]
            for word in reversed(re.findall(r"[A-Z][\w’'-]+", before)):
                code = gazetteer.demonym(word)
                if code:
                    return code
            for s, e, other in self.sentences[k].entities:
                if other == idx or self.entities[other].label == "Person":
                    continue
                gap = self.text[e:start] if e <= start else self.text[end:s]
                if len(gap) <= NEAR_CHARS + 20 and _describes(gap):
                    ent = self.entities[other]
                    if ent.place is not None:
                        return ent.place.country
                    home = self._home(other)
                    if home:
                        return home
        return None

    def posted(self, idx: int) -> str | None:
        """The country a person is posted to, as their title beside a mention says ("Consul
        General of Vietnam in Osaka", "Lao Consul General in Kunming"): a diplomat or
        correspondent there lives in the country, and does not travel to it. Read once per person
        (the role features and the closure ask)."""
        if idx not in self._posts:
            self._posts[idx] = self._posted(idx)
        return self._posts[idx]

    def _posted(self, idx: int) -> str | None:
        for k, start, end in self.where[idx]:
            sent = self.sentences[k].span
            before = POSTED_BEFORE.search(self.text[max(sent.start_char, start - POSTED_CHARS) : start])
            after = POSTED_AFTER.match(self.text[end : min(sent.end_char, end + POSTED_CHARS)])
            for match in filter(None, (before, after)):
                words = match.group(1).split()
                for n in range(len(words), 0, -1):  # "to Japan Wu Jianghao": the place is a prefix
                    name = " ".join(words[:n])
                    place = gazetteer.country(name) or next(iter(gazetteer.lookup(name)), None)
                    if place is not None:
                        return place.country
        return None

    def _in_title(self, idx: int) -> bool:
        return any(len(f) > 2 and fold(f) in self.title_key for f in self.entities[idx].forms())

    def entity_role(self, idx: int, prefix: str) -> dict[str, float]:
        """What one end is in the article: leader or sender, most named, in the title, the dateline
        (computed once per entity: every pair it is an end of reads it)."""
        if idx not in self._roles:
            self._roles[idx] = self._entity_role(idx)
        named = self._prefixed.get((idx, prefix))  # shared between the pairs: read it, do not change it
        if named is None:
            named = self._prefixed[(idx, prefix)] = {prefix + k: v for k, v in self._roles[idx].items()}
        return named

    def _entity_role(self, idx: int) -> dict[str, float]:
        ent = self.entities[idx]
        f: dict[str, float] = {}
        if idx in self.lead:
            f["lead"] = 1
            f[f"lead{self.lead.index(idx) == 0}"] = 1
        if idx == self.top_person:
            f["top_person"] = 1
        if idx == self.first_person:
            f["first_person"] = 1
        if self._in_title(idx):
            f["in_title"] = 1
        if self.dateline_key and any(gazetteer.key(x) == self.dateline_key for x in ent.forms()):
            f["dateline"] = 1
        for c in sorted(self.contexts[idx]):  # a set: sorted, so the scores' sums run in one order in every process
            f[c] = 1
        if ent.place is not None and self.host is not None:
            f[f"host_country={ent.place.country == self.host}"] = 1
        origin = self.origins[idx]
        if ent.label == "Person" and self.host is not None:
            f["origin=" + ("unk" if not origin else "host" if self.host in origin else "away")] = 1
            posted = self.posted(idx)
            if posted is not None:
                f["posted=" + ("host" if posted == self.host else "away")] = 1
        if self._state_leader(idx):
            f["state_leader"] = 1
        first = self.where[idx][0][0] if self.where[idx] else 99
        f[f"first_sent={_bucket(first, (0, 1, 3, 6))}"] = 1
        f[f"mentions={_bucket(len(ent.mentions), (1, 2, 4))}"] = 1
        return f

    def entity_features(self, idx: int) -> dict[str, float]:
        """Features for the entity type-or-NONE model."""
        ent = self.entities[idx]
        words = re.findall(r"[\w’'-]+", ent.name)
        low = [w.lower() for w in words]
        f: dict[str, float] = {"bias": 1, f"rule={ent.label}": 1}
        f[f"nwords={_bucket(len(words), (1, 2, 3, 5))}"] = 1
        if low:
            f[f"last={low[-1]}"] = 1
            f[f"first={low[0]}"] = 1
        for w in low:
            if w in HEAD_WORDS:
                f[f"head_word={w}"] = 1  # "embassy", "association", "party": the kind of body, not the name
        if ent.place is not None:
            f[f"place={ent.place.label}"] = 1
        else:
            kinds = {p.label for p in gazetteer.lookup(ent.name)}
            for k in sorted(kinds):
                f[f"gaz={k}"] = 1
        if ent.name.isupper():
            f["allcaps"] = 1
        if any(w in lexicon.ROLE_TOKENS for w in low):
            f["role_word"] = 1
        if any(gazetteer.demonym(w) for w in words):
            f["demonym"] = 1
        if " of " in ent.name or " in " in ent.name:
            f["of_in"] = 1
        if any(fold(w) in lexicon.SURNAMES for w in words):
            f["surname"] = 1
        if name_countries(ent.name):
            f["person_name"] = 1  # a name of a tradition `loaders.names` knows
        for m in ent.mentions:
            f[f"method={m.method.split(':')[0]}"] = 1
            before = self.text[max(0, m.start - 25) : m.start].split()
            if before:
                f[f"prev={before[-1].lower().strip(',.')}"] = 1
            after = self.text[m.end : m.end + 20].split()
            if after:
                f[f"next={after[0].lower().strip(',.')}"] = 1
            span = self._span(m.start, m.end)
            if span is not None:
                ents = self.tokens.ent_type
                labels = {ents[t] for t in range(span.start, span.end) if ents[t]} or {"none"}
                for lab in sorted(labels):
                    f[f"ner={lab}"] = 1
        f.update(self.entity_role(idx, ""))
        if ent.aliases:
            f["has_alias"] = 1
        return f

    def role_features(self, idx: int) -> dict[str, float]:
        """Features for the article-level roles: traveller, place or body visited, counterpart met."""
        ent = self.entities[idx]
        f: dict[str, float] = {"bias": 1, f"label={ent.label}": 1}
        f.update(self.entity_role(idx, ""))
        home = self.homes[idx]
        if self.host is not None:
            f["home=" + ("unk" if home is None else "host" if home == self.host else "away")] = 1
        if idx in self.visited_by_rule:
            f["rule_visited"] = 1
        if idx in self.visitors_by_rule:
            f["rule_visitor"] = 1
        for r in self.rules:
            if r.source == idx:
                f[f"rule_src:{r.type}"] = 1
            if r.target == idx:
                f[f"rule_tgt:{r.type}"] = 1
        return {f"{KIND[ent.label]}&{k}" if not k.startswith("bias") else k: v for k, v in f.items()} | f

    # pairs ---------------------------------------------------------------------
    def pair_features(self, i: int, j: int) -> tuple[dict[str, float], str, int | None]:
        """Features of the ordered pair (i, j), the evidence sentence, and its index."""
        a, b = self.entities[i], self.entities[j]
        sig = f"{KIND[a.label]}{KIND[b.label]}"
        f: dict[str, float] = {"bias": 1, f"sig={sig}": 1, f"src={a.label}": 1, f"tgt={b.label}": 1}
        f["first" if i < j else "second"] = 1
        for r in self.rule_pairs.get((i, j), []):
            f[f"rule:{r.type}>"] = 1
            f[f"rule:{r.type}>{r.method.split(':')[-1]}"] = 1
        for r in self.rule_pairs.get((j, i), []):
            f[f"rule:{r.type}<"] = 1
        f.update(self.entity_role(i, "s_"))
        f.update(self.entity_role(j, "t_"))
        oa = self.countries(i)
        place = _country_set(b.place.country) if b.place is not None else _NOWHERE
        ob = place or self.countries(j)
        if oa and ob:
            f["origin=" + ("same" if oa & ob else "diff")] = 1  # by name, title or place: a guest meets a host
        ha, hb = self.homes[i], self.homes[j]
        f["home=" + ("unk" if ha is None or hb is None else "same" if ha == hb else "diff")] = 1
        if b.label == "Country" and b.place is not None and b.place.code in self.visited_countries:
            f["t_country_of_visited"] = 1
        if j in self.visited_by_rule:
            f["t_visited_by_rule"] = 1
        if i in self.visitors_by_rule:
            f["s_visitor_by_rule"] = 1
        if a.place is not None and b.place is not None:
            if gazetteer.within(a.place, b.place):
                f["gaz_inside"] = 1
            if a.place.country != b.place.country:
                f["other_country"] = 1
        f.update(self._art_features)
        shared = sorted(self._in_sentences[i] & self._in_sentences[j])
        f[f"cooc={_bucket(len(shared), (0, 1, 2))}"] = 1
        best: tuple[int, int] | None = None  # (distance in tokens, sentence index)
        for k in shared:
            dist = self._sentence_features(f, k, i, j)
            if best is None or dist < best[0]:
                best = (dist, k)
        if best is not None:
            f[f"near={_bucket(best[0], (2, 5, 10, 20))}"] = 1
            return _conjoin(f, sig), self.sentences[best[1]].text, best[1]
        evidence = self.sentences[self.where[j][0][0]].text if self.where[j] else ""
        return _conjoin(f, sig), evidence, None

    def _sentence_level(self, k: int) -> dict[str, float]:
        """What sentence ``k`` says whatever the pair: its trigger classes, modality and verbs
        (computed once per sentence)."""
        if k not in self._sentences:
            sent = self.sentences[k]
            out: dict[str, float] = {f"sent:{name}": 1 for name in self._sentence_triggers(sent)}
            if self._modal(k):
                out["modal"] = 1
            tok = self.tokens
            out.update({f"sv:{tok.lemma[t]}": 1 for t in range(sent.span.start, sent.span.end) if tok.pos[t] == "VERB"})
            out[f"sent_index={_bucket(k, (0, 1, 3, 6))}"] = 1
            self._sentences[k] = out
        return self._sentences[k]

    def _sentence_features(self, f: dict[str, float], k: int, i: int, j: int) -> int:
        """Add what sentence ``k`` says of the pair; return the pair's distance in tokens there."""
        sent = self.sentences[k]
        ms = [(s, e) for s, e, idx in sent.entities if idx == i]
        mt = [(s, e) for s, e, idx in sent.entities if idx == j]
        (s1, e1), (s2, e2) = min(((x, y) for x in ms for y in mt), key=lambda p: abs(p[0][0] - p[1][0]))
        span_a = self._span(s1, e1)
        span_b = self._span(s2, e2)
        if span_a is None or span_b is None:
            return 99
        forward = s1 < s2
        left, right = (span_a, span_b) if forward else (span_b, span_a)
        tok = self.tokens
        between = range(left.end, max(left.end, right.start))  # the tokens of doc[left.end : right.start]
        d = "f" if forward else "b"
        dist = len(between)
        if dist <= NEAR_TOKENS:
            for t in between:
                if tok.pos[t] in CONTENT_POS or tok.lower[t] in LINKING_WORDS:
                    f[f"btw{d}:{tok.lemma[t]}"] = 1
            if dist <= GAP_WORDS:
                f[f"gap{d}:" + " ".join(tok.lower[t] for t in between)] = 1
        else:
            f["btw:far"] = 1
        gap_start, gap_end = left.end_char, right.start_char  # read once: a Span's offsets are properties
        gap_text = self.text[gap_start:gap_end]
        if len(gap_text) <= 60 and _describes(gap_text):
            f[f"describes{d}"] = 1  # "Governor of Ehime Nakamura Tokihiro", "X, Mayor of Y"
        kinds = self._kinds
        kind_i, kind_j = kinds[i], kinds[j]
        apart = abs(s2 - s1)
        if not any(abs(s - s1) < apart for s, _e, idx in sent.entities if idx not in (i, j) and kinds[idx] == kind_j):
            f["t_nearest"] = 1  # no other entity of the target's kind is closer to the source
        if not any(abs(s - s2) < apart for s, _e, idx in sent.entities if idx not in (i, j) and kinds[idx] == kind_i):
            f["s_nearest"] = 1
        others = {idx for s, _e, idx in sent.entities if gap_start <= s < gap_end} - {i, j}
        f[f"btw_ents={_bucket(len(others), (0, 1, 2))}"] = 1
        if any(self.entities[o].label == "Person" for o in others):
            f["btw_person"] = 1
        f.update(self._sentence_level(k))
        for name in self._triggers_between(sent.text, between.start, between.stop):
            f[f"btw_trig:{name}"] = 1
        if FORMER.search(self.text[max(0, s1 - 30) : s1]):
            f["s_former"] = 1
        ra, rb = self._root(span_a), self._root(span_b)
        f[f"s_dep={tok.dep[ra]}:{tok.lemma[tok.head[ra]]}"] = 1
        f[f"t_dep={tok.dep[rb]}:{tok.lemma[tok.head[rb]]}"] = 1
        f[f"s_dep={tok.dep[ra]}"] = 1
        f[f"t_dep={tok.dep[rb]}"] = 1
        path, lca = _dep_path(tok, ra, rb)
        if path:
            f[f"path={path}"] = 1
        if lca is not None:
            f[f"lca={tok.lemma[lca]}"] = 1
        return dist

    def _triggers(self, text: str) -> tuple[str, ...]:
        """The names of the `TRIGGERS` found in ``text``, in their order (searched once per text:
        a sentence is read once per mention in it, the words between a pair for both orders)."""
        found = self._found_triggers.get(text)
        if found is None:
            table, searched = _triggers_for(text)
            found = self._found_triggers[text] = tuple(name for name, rx in table.items() if rx.search(searched))
        return found

    def _sentence_triggers(self, sent: Sentence) -> tuple[str, ...]:
        """`_triggers` of a sentence's text, searching it only for the article's own triggers where
        no word character touches it in the article's text: a trigger found in a part whose ends are
        word boundaries is found in the whole (none of `TRIGGERS` looks past its match but through
        ``\\b``), so one the article lacks is not in the sentence. Most sentences are searched once."""
        text = sent.text
        found = self._found_triggers.get(text)
        if found is None:
            start = self.text.find(text, sent.span.start_char)  # ``sent.text`` is the span's text stripped
            if start < 0 or not self._walled(start, start + len(text)):
                return self._triggers(text)
            table, searched = _triggers_for(text)
            found = tuple(name for name in self._article_triggers if table[name].search(searched))
            self._found_triggers[text] = found
        return found

    def _triggers_between(self, sentence: str, start: int, end: int) -> tuple[str, ...]:
        """`_triggers` of the text of tokens ``start``..``end``-1, inside ``sentence``'s text. A
        trigger the whole sentence lacks cannot match a part of it whose ends are word boundaries
        (none of `TRIGGERS` looks past its match but through ``\\b``), so only the sentence's
        own triggers are searched there; elsewhere all of them."""
        tok = self.tokens
        text = tok.span_text(start, end)
        if not text:
            return self._triggers(text)
        if not self._walled(tok.start[start], tok.end[end - 1]):
            return self._triggers(text)
        key = (sentence, text)
        found = self._found_between.get(key)
        if found is None:
            within = self._triggers(sentence)
            table, searched = _triggers_for(text)
            found = self._found_between[key] = tuple(name for name in within if table[name].search(searched))
        return found

    def _walled(self, start: int, end: int) -> bool:
        """Whether no word character touches the article's text ``start``..``end`` on either side, so
        that a trigger found there is found in any text around it (`TRIGGERS_SEE_ONLY_THEIR_MATCH`)."""
        text = self.text
        touched = (start > 0 and word_char(text[start - 1])) or (end < len(text) and word_char(text[end]))
        return TRIGGERS_SEE_ONLY_THEIR_MATCH and not touched

    def _modal(self, k: int) -> bool:
        """Whether sentence ``k`` says what may yet happen (`MODAL`; searched once per sentence)."""
        modal = self._modals.get(k)
        if modal is None:
            view, searched = case_view(self.sentences[k].text)
            modal = self._modals[k] = MODAL_TWINS[view].search(searched) is not None
        return modal

    def _span(self, start: int, end: int) -> Span | None:
        """``doc.char_span(start, end, alignment_mode="expand")``, made once per mention: the
        features ask for each mention's span once per pair and sentence."""
        key = (start, end)
        if key not in self._spans:
            self._spans[key] = self.doc.char_span(start, end, alignment_mode="expand")
        return self._spans[key]

    def _root(self, span: Span) -> int:
        """The index of ``span.root`` (computed once per span)."""
        key = (span.start, span.end)
        if key not in self._roots:
            self._roots[key] = span.root.i
        return self._roots[key]


def _triggers_for(text: str) -> tuple[dict[str, re.Pattern[str]], str]:
    """The triggers' table for ``text`` and the text each pattern searches for what the trigger
    finds in ``text`` (`spans.case_view`)."""
    view, searched = case_view(text)
    return TRIGGER_TABLES[view], searched


# No look-around, anchor or \\B in any trigger: what `ArticleFeatures._triggers_between` relies on.
TRIGGERS_SEE_ONLY_THEIR_MATCH = not any(
    mark in rx.pattern for rx in TRIGGERS.values() for mark in ("(?=", "(?!", "(?<", "^", "$", "\\A", "\\Z", "\\B")
)


PARTY_NOUNS = frozenset({"delegation", "delegations", "entourage", "mission", "team", "group"})
MEMBER_LINKS = frozenset(
    {"led", "headed", "including", "includes", "included", "comprising", "consisting", "composed", "members"}
    | {"member", "accompanied", "among", "with", "by"}
)


def _in_party(tok: TokenTable, first: int, start: int, end: int, last: int) -> set[str]:
    """Whether a mention (tokens ``start``..``end``) stands in a travelling party's description in
    its sentence (``first``..``last``): after "delegation … led by / including / accompanied by"
    (a member), right before "delegation" ("the Aomori delegation", "X's delegation") or named
    after "a delegation of / from" (its sender)."""
    out = set()
    for k in range(start - 1, max(first, start - 20) - 1, -1):
        if tok.lower[k] in PARTY_NOUNS:
            between = range(k + 1, start)
            if any(tok.lower[j] in MEMBER_LINKS for j in between):
                out.add("party_member")
            elif k + 1 < start and tok.lower[k + 1] in ("of", "from") and all(_in_list(tok, j) for j in between):
                out.add("party_sender")  # "a delegation from Dien Bien, Lai Chau and Ha Giang"
            break
    if any(tok.lower[j] in PARTY_NOUNS for j in range(end, min(last, end + 3))):
        out.add("party_sender")
    return out


def _in_list(tok: TokenTable, k: int) -> bool:
    """Whether token ``k`` may stand in a list of names after "of" or "from": a capitalised word,
    or "of", "from", "the", "and" or a comma."""
    return tok.lower[k] in ("of", "from", "the", "and", ",") or tok.text[tok.start[k] : tok.start[k] + 1].isupper()


def _describes(gap: str) -> bool:
    """Whether the words between a name and a place or body are only titles and linking words
    ("Governor", "of", ", Chairman of the"), so that the place or body describes the person."""
    words = WORDS.findall(gap.lower())
    return all(w in lexicon.ROLE_TOKENS or w in DESCRIBING for w in words)


WORDS = re.compile(r"[\w’'-]+")  # compiled once: `_describes` reads the gap of every pair


DESCRIBING = frozenset({"of", "from", "the", "'s", "’s", "s", "and", "vice", "deputy", "mr", "ms", "mrs", "dr"})


def _dep_path(tok: TokenTable, a: int, b: int) -> tuple[str, int | None]:
    """The dependency path from token ``a`` up to the lowest common head (returned as an index)
    and down to token ``b``."""
    up_a = [a, *tok.ancestors(a)]
    up_b = [b, *tok.ancestors(b)]
    ids_b = {t: n for n, t in enumerate(up_b)}
    for n, t in enumerate(up_a):
        if t in ids_b:
            rise = [tok.dep[x] for x in up_a[:n]][:4]
            fall = [tok.dep[x] for x in up_b[: ids_b[t]]][:4]
            return "^".join(rise) + "|" + "v".join(reversed(fall)), t
    return "", None


POSTED_CHARS = 60  # how far from a person's name their title is looked for
_POSTED = (  # a title that places its holder in a country: "Consul General of Vietnam in Osaka"
    r"\b(?i:ambassador|consul(?:[- ]general)?|envoy|correspondent|chief representative)"
    r"(?:\s+of\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3})?\s+(?:to|in)\s+(?:the\s+)?"
    r"([A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2})"
)
POSTED_BEFORE = re.compile(_POSTED + r"[\s,]*$")  # right before the name
POSTED_AFTER = re.compile(r"\s*,\s*(?:the\s+)?(?:[A-Z][\w’'-]*\s+)?" + _POSTED)  # in apposition after it

KEY_PREFIXES = (
    "rule:",
    "cooc=",
    "home=",
    "s_lead",
    "t_lead",
    "sent:",
    "near=",
    "t_dateline",
    "t_country_of",
    "describes",
    "origin=",
    "t_nearest",
    "s_nearest",
    "gap",
    "path=",
)


def _conjoin(f: dict[str, float], sig: str) -> dict[str, float]:
    """Key features again, paired with the pair's kinds (a visit trigger means more for PC than PP)."""
    names = _CONJOINED.get(sig)
    if names is None or len(names) > 8_000:  # bounded (25 kinds of pair): the names seen in a long build
        names = _CONJOINED[sig] = {}
    known = names.get
    # One pass: a name seen before is looked up once ("" if not a key feature); a new one is named and remembered.
    extra = {c: v for k, v in f.items() if (c := known(k)) or (c is None and (c := _conjoined(names, sig, k)))}
    f.update(extra)
    return f


def _conjoined(names: dict[str, str], sig: str, name: str) -> str:
    """``sig&name`` if ``name`` starts with one of `KEY_PREFIXES`, else "", remembered in ``names``."""
    conjoined = names[name] = f"{sig}&{name}" if name.startswith(KEY_PREFIXES) else ""
    return conjoined


# Per pair kinds, feature name → its conjoined name, or "" if not a key feature (names recur across pairs).
_CONJOINED: dict[str, dict[str, str]] = {}


def pair_candidates(af: ArticleFeatures) -> list[PairCandidate]:
    """Every ordered pair of the article's entities that some relation type allows (each one's
    features made when first read)."""
    out = []
    n = len(af.entities)
    for i in range(n):
        for j in range(n):
            if i == j:
                continue
            types = allowed_types(af.entities[i].label, af.entities[j].label, i < j)
            if not types:
                continue
            out.append(PairCandidate.of(af, i, j, types))
    return out


def entity_candidates(af: ArticleFeatures) -> list[EntityCandidate]:
    return [EntityCandidate(i, af.entity_features(i)) for i in range(len(af.entities))]

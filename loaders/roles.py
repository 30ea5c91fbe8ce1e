"""HOLDS_ROLE: who holds which title in which body or place, and the shared ground of the
relation rules (an article's sentences, its entities, the relations found so far).

A title is read before a name ("Governor Hirai Shinji of Tottori Prefecture",
"Vietnamese Ambassador to Japan X"), after it ("X, Chairman of the Y"), from a
body's name before it ("Hanoi People's Committee Chairman X") or from a definite
noun ("the school's principal"); a state title with no country goes to the
country the article makes the holder's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span

from graph.model import fold
from loaders import gazetteer, lexicon
from loaders.dates import event_date
from loaders.found import ORG_LABELS, Found, FoundRelation, Mention
from loaders.nlp import doc_text


@dataclass
class Sentence:
    """One sentence of the article and the entity mentions inside it."""

    span: Span
    text: str
    entities: list[tuple[int, int, int]]  # (start, end, entity index), in order


# "the school's principal" and "principal of the school": a role and the definite noun of its body
# (compiled once: the role pattern is long).
DEFINITE_ROLE = re.compile(r"\bthe\s+(\w+)(?:'s|’s)?\s+(" + lexicon.ROLE_RE.pattern + r")", re.I)
ROLE_OF_DEFINITE = re.compile(r"(" + lexicon.ROLE_RE.pattern + r")\s+of\s+the\s+(\w+)\b(?!\s+(?-i:[A-Z]))", re.I)


def sentences_of(doc: Doc, mentions: list[Mention], owner: dict[int, int]) -> list[Sentence]:
    """The article's sentences, each with the mentions it holds (as entity indexes, by ``owner``).
    A sentence's text is sliced from the document's (what ``sent.text`` gives: its tokens' texts
    and the spaces between them), its bounds read once rather than once per mention."""
    text = doc_text(doc)
    out = []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        inside = [(m.start, m.end, owner[i]) for i, m in enumerate(mentions) if m.start >= start and m.end <= end]
        out.append(Sentence(sent, text[start:end].strip(), sorted(inside)))
    return out


class Rules:
    """What every relation rule reads and writes: the article's text, sentences and entities,
    and the relations found so far (one per kind and pair of ends)."""

    def __init__(self, doc: Doc, entities: list[Found], sentences: list[Sentence], reference: date | None):
        self.doc = doc
        self.text = doc_text(doc)
        self.entities = entities
        self.sentences = sentences
        self.reference = reference
        self.out: list[FoundRelation] = []
        self.seen: set[tuple[str, int, int]] = set()
        self.lead: list[int] = []
        self.trip_date: str | None = None
        self.stateless: list[tuple[int, re.Match[str], Sentence]] = []  # state roles with no country given

    def add(
        self, rel_type: str, source: int, target: int, sent: Sentence, method: str, confidence: float, **kw: str | None
    ) -> None:
        if source == target:
            return
        key = (
            (rel_type, *sorted((source, target)))
            if rel_type in ("MET", "SIGNED", "TWINNED")
            else (rel_type, source, target)
        )
        if key in self.seen:
            if kw.get("date"):  # a later sentence may give the date the first one lacked
                for rel in self.out:
                    if rel.type == rel_type and {rel.source, rel.target} == {source, target} and not rel.date:
                        rel.date = kw["date"]
            return
        self.seen.add(key)
        self.out.append(FoundRelation(rel_type, source, target, sent.text, method, confidence, **kw))

    def label(self, idx: int) -> str:
        return self.entities[idx].label

    def _date(self, sent: Sentence) -> str | None:
        return event_date(sent.text, self.reference)


class RoleRules(Rules):
    """The HOLDS_ROLE rules."""

    def roles(self, sent: Sentence) -> None:
        """Every title the sentence gives a person, before or after the name."""
        ents = sent.entities
        text = self.text
        for pos, (start, end, idx) in enumerate(ents):
            if self.label(idx) != "Person":
                continue
            # "Person, Role of [the] Target [and Role of Target]"
            tail = text[end : sent.span.end_char]
            if tail.startswith(","):
                for role_match, target in self._role_targets(end, sent, pos):
                    self._role(idx, target, role_match, sent, "pattern:appositive")
            # "[Target|Demonym] Role [Honorific] Person"
            before = text[ents[pos - 1][1] if pos else sent.span.start_char : start]
            role = None
            for match in lexicon.ROLE_RE.finditer(before):
                role = match
            if role and not before[role.end() :].strip(" ,").replace("Mr", "").replace("Mrs", "").replace(
                "Ms", ""
            ).strip(" .,"):
                target = ents[pos - 1][2] if pos and before[: role.start()].strip() in ("", "the", "The") else None
                if target is None and pos:
                    target = self._delegation_of(ents, pos, before[: role.start()])
                after = ents[pos + 1] if pos + 1 < len(ents) else None
                if (
                    after
                    and self.label(after[2]) != "Person"
                    and re.fullmatch(r"\s+of\s+(the\s+)?", text[end : after[0]])
                ):
                    target = after[2]  # "Mayor Kazumi Matsui of Hiroshima"
                noun = re.search(r"\b([a-z]+)\s+$", before[: role.start()])  # "association chairman X"
                if target is None and noun and noun.group(1) in ("its", "their"):
                    bodies = [i for s, _e, i in ents[:pos] if self.label(i) in ORG_LABELS]
                    target = bodies[-1] if bodies else None  # "members of the X Association, including its chairman"
                elif target is None and noun:
                    target = self._definite(noun.group(1), start)
                if target is None and OFFICE_OF.get(role.group(0).lower().split()[-1]):
                    kinds = OFFICE_OF[role.group(0).lower().split()[-1]]
                    held = {r.target for r in self.out if r.type == "HOLDS_ROLE" and r.source != idx}
                    own = any(
                        r.source == idx and self.label(r.target) in kinds for r in self.out if r.type == "HOLDS_ROLE"
                    )
                    titled = {i for _s, e, i in ents if TITLE_NEXT.match(text, e)}  # "Dobong-gu Mayor Oh": Oh's
                    local = list(
                        dict.fromkeys(i for _s, _e, i in ents if self.label(i) in kinds and i not in held | titled)
                    )
                    # "talks with Governor X" in Kanagawa; not a governor already told of another place
                    target = local[0] if len(local) == 1 and not own else None
                target = self._state_target(target, before[: role.start()], role.group(0), sent)
                if target is not None:
                    self._role(idx, target, role, sent, "pattern:title-before-name")
                elif lexicon.STATE_ROLES.search(role.group(0)):
                    self.stateless.append((idx, role, sent))
            # "[Demonym] Ambassador to Country[,] [Mr] Person": the sender's embassy, else the sender
            elif (
                pos
                and self.label(ents[pos - 1][2]) == "Country"
                and re.fullmatch(r"\s*,?\s*(?:(?:Mr|Mrs|Ms|Dr|Madam)\.?\s+)?", before)
            ):
                self._envoy(idx, ents[pos - 1], sent)
            # "Role of [the] [Place] [provincial] Target[,] [Mr] Person"
            if pos and re.fullmatch(r"\s*,?\s*(?:(?:Mr|Mrs|Ms|Dr|Madam)\.?\s+)?", before):
                lead = text[max(sent.span.start_char, ents[pos - 1][0] - 80) : ents[pos - 1][0]]
                found = TITLE_OF.search(lead)
                if found and self.label(ents[pos - 1][2]) != "Person":
                    title = lexicon.ROLE_RE.match(found.group(1))
                    if title is not None:
                        self._role(idx, ents[pos - 1][2], title, sent, "pattern:title-of-before-name")

    def _delegation_of(self, ents: list[tuple[int, int, int]], pos: int, gap: str) -> int | None:
        """The place or body whose delegation a titled person leads, and so serves ("the Jeollabuk-do
        delegation headed by Governor X and Speaker Y": both of Jeollabuk-do)."""
        if LED_BY.fullmatch(gap):
            sender = ents[pos - 1][2]
            return sender if self.label(sender) != "Person" else None
        if AND.fullmatch(gap) and self.label(ents[pos - 1][2]) == "Person" and pos >= 2:
            earlier = self.text[ents[pos - 2][1] : ents[pos - 1][0]]
            roles = list(lexicon.ROLE_RE.finditer(earlier))
            if roles and LED_BY.fullmatch(earlier[: roles[-1].start()]):
                sender = ents[pos - 2][2]
                return sender if self.label(sender) != "Person" else None
        return None

    def _envoy(self, person: int, host: tuple[int, int, int], sent: Sentence) -> None:
        """'Vietnamese Ambassador to Japan X': X holds the title in the sender's embassy the article
        names, else in the sender's country."""
        text = self.text
        lead = text[max(sent.span.start_char, host[0] - 60) : host[0]]
        found = ENVOY_TO.search(lead)
        if not found:
            return
        sender = found.group(1) and (
            gazetteer.demonym(found.group(1))
            or (gazetteer.country(found.group(1)).code if gazetteer.country(found.group(1)) else None)
        )
        if not sender:
            return
        target = _first(self._embassy_of(sender), self._country(sender))
        title = lexicon.ROLE_RE.match(found.group(2))
        if target is not None and title is not None:
            self._role(person, target, title, sent, "pattern:envoy-to-country")

    def _role_targets(self, person_end: int, sent: Sentence, pos: int) -> list[tuple[re.Match[str], int]]:
        """The titles an apposition gives ("X, Mayor of A and Chairman of the B") with their bodies."""
        text = self.text
        ents = sent.entities
        out = []
        cursor = person_end
        for nxt in ents[pos + 1 :]:
            if nxt[0] < cursor:
                continue  # named inside the last body ("the Central Committee of the X Party")
            gap = text[cursor : nxt[0]]
            titled = BODY_TITLE.match(text, nxt[1]) if APPOSED.fullmatch(gap) else None
            if titled is not None and self.label(nxt[2]) != "Person":  # "X, the Prefectural Assembly Chairman"
                out.append((titled, nxt[2]))
                cursor = titled.end()
                continue
            if self.label(nxt[2]) == "Person":
                break  # the next person's own title ("X, Chief of the Office Y, Minister Z"): not X's
            role = None
            for match in lexicon.ROLE_RE.finditer(gap):
                role = match
            listed = (  # "X, director, Commerce Bureau": the title, then its body, each after a comma
                role is not None
                and APPOSED.fullmatch(gap[: role.start()])
                and APPOSED.fullmatch(gap[role.end() :])
                and self.label(nxt[2]) in ORG_LABELS
            )
            of_body = role is not None and re.fullmatch(r"\s*(of|at|to|in|for)\s+(the\s+)?", gap[role.end() :])
            if not listed and not of_body:
                if re.search(r"[.;]|\b(said|and|who|which|met|held)\b", gap) and out:
                    break
                if role is None:
                    break
                continue
            target = nxt[2]
            if role.group(0).lower().startswith("ambassador") and self.label(target) == "Country":
                continue
            out.append((role, target))
            cursor = nxt[1]
        # "the school's principal", "the council": a definite noun names the last such entity.
        tail = text[person_end : sent.span.end_char]
        for m in DEFINITE_ROLE.finditer(tail):
            target = self._definite(m.group(1), person_end)
            if target is not None:
                out.append((lexicon.ROLE_RE.match(m.group(2)), target))  # type: ignore[arg-type]
        for m in ROLE_OF_DEFINITE.finditer(tail):
            target = self._definite(m.group(m.lastindex or 1), person_end)
            if target is not None:
                out.append((lexicon.ROLE_RE.match(m.group(1)), target))  # type: ignore[arg-type]
        return [(r, t) for r, t in out if r is not None]

    def _definite(self, noun: str, before: int) -> int | None:
        """'the council' → the last entity before this point whose name holds 'Council'."""
        noun = noun.lower()
        if noun in ("delegation", "two", "country", "countries", "city", "sides"):
            return None
        best = None
        for sent in self.sentences:
            for start, _end, idx in sent.entities:
                if start < before and self.label(idx) in ORG_LABELS and noun in fold(self.entities[idx].name).split():
                    best = idx
        return best

    def _state_target(self, target: int | None, prefix: str, role: str, sent: Sentence) -> int | None:
        """Where a title names no organisation, a state role belongs to the country
        its demonym or name gives ("Chinese ... spokesperson", "Japanese officials including Foreign Minister")."""
        if target is not None:
            if role.lower().startswith("ambassador") and self.label(target) == "Country":
                place = self.entities[target].place
                return _first(self._embassy_of(place.country if place else None), target)
            return target
        if not lexicon.STATE_ROLES.search(role):
            return None
        words = re.findall(r"[A-Z][a-z]+", prefix)
        for word in reversed(words):
            code = gazetteer.demonym(word) or (gazetteer.country(word).code if gazetteer.country(word) else None)
            if code:
                if role.lower().startswith("ambassador"):
                    return _first(self._embassy_of(code), self._country(code))
                return self._country(code)
        return None

    def _embassy_of(self, code: str | None) -> int | None:
        return mission_of(self.entities, code, lambda name: "embassy" in fold(name))

    def _country(self, code: str) -> int | None:
        for idx, ent in enumerate(self.entities):
            if ent.label == "Country" and ent.place and ent.place.code == code:
                return idx
        return None

    def _role(
        self, person: int, target: int, role: re.Match[str], sent: Sentence, method: str, confidence: float = 0.8
    ) -> None:
        if self.label(target) == "Person":
            return
        name = re.sub(r"\s+", " ", role.group(0)).strip()
        name = ABBREVIATED.get(name.lower(), name)
        seat = name.lower() == "member" and self.label(target) in ORG_LABELS  # "member of the Politburo"
        if name.lower() in ("official", "member", "deputy") and not seat:
            return
        name = (
            name[0].upper() + name[1:]
            if name.lower() not in ("principal", "spokesperson", "representative")
            else name.lower()
        )
        self.add("HOLDS_ROLE", person, target, sent, method, confidence, role=name)

    def state_roles(self) -> None:
        """A state title with no country in its phrase ("President Xi Jinping") belongs to the
        country the holder did not visit, of the two an article names, else to the one country
        named in the sentence."""
        countries = {self.entities[i].place.code: i for i in self._countries()}  # type: ignore[union-attr]
        for person, role, sent in self.stateless:
            visited = {
                self.entities[r.target].place.country  # type: ignore[union-attr]
                for r in self.out
                if r.type == "VISITED" and r.source == person and self.entities[r.target].place is not None
            }
            home = set(countries) - visited if visited and len(countries) == 2 else set()
            if not home:
                named = {
                    self.entities[i].place.code  # type: ignore[union-attr]
                    for _s, _e, i in sent.entities
                    if self.label(i) == "Country"
                }
                home = named - visited
            if len(home) == 1:
                self._role(person, countries[home.pop()], role, sent, "pattern:state-role-in-context", 0.5)

    def _countries(self) -> list[int]:
        return [i for i, e in enumerate(self.entities) if e.label == "Country" and e.place is not None]

    def drop_shadowed_roles(self) -> None:
        """A title held in a country's own body ("Chinese Foreign Ministry spokesperson") makes the
        same title held in the bare country ("Chinese spokesperson") redundant."""
        in_body = {
            (r.source, (r.role or "").lower(), self._country_of_name(r.target))
            for r in self.out
            if r.type == "HOLDS_ROLE" and self.label(r.target) in ORG_LABELS
        }
        self.out = [
            r
            for r in self.out
            if not (
                r.type == "HOLDS_ROLE"
                and self.label(r.target) == "Country"
                and (r.source, (r.role or "").lower(), self.entities[r.target].place.code) in in_body  # type: ignore[union-attr]
            )
        ]

    def _country_of_name(self, idx: int) -> str | None:
        for word in re.findall(r"[A-Z][\w’'-]+", self.entities[idx].name):
            code = gazetteer.demonym(word) or (gazetteer.country(word).code if gazetteer.country(word) else None)
            if code:
                return code
        return None


def mission_of(entities: list[Found], code: str | None, named: Callable[[str], bool]) -> int | None:
    """The article's mission of a country: an organisation whose name ``named`` accepts and whose
    first word is the country's adjective or name ("Chinese Embassy in Japan", "Japanese Consulate
    General in Busan")."""
    if code is None:
        return None
    for idx, ent in enumerate(entities):
        words = ent.name.split()
        if ent.label == "Organization" and words and named(ent.name):
            country = gazetteer.country(words[0])
            if gazetteer.demonym(words[0]) == code or (country is not None and country.code == code):
                return idx
    return None


def _first(*indexes: int | None) -> int | None:
    """The first entity index given (0 is an index, not a miss)."""
    return next((i for i in indexes if i is not None), None)


TITLE_OF = re.compile(
    r"(" + lexicon.ROLE_RE.pattern + r")\s+(?:of|at)\s+(?:the\s+)?"
    r"(?:(?:[A-Z][\w’'-]*|provincial|prefectural|municipal|city)\s+){0,3}$",
    re.I,
)
ENVOY_TO = re.compile(r"(?:\b([A-Z][\w’'-]+)\s+)?\b((?:Ambassador|Envoy|Consul(?:[- ]General)?)\s+to)\s+(?:the\s+)?$")
# A body then its title, in apposition: "X, [the] Body Title" ends at a comma, a semicolon, "and" or the sentence's end.
APPOSED = re.compile(r"\s*,\s*(?:the\s+)?")
BODY_TITLE = re.compile(r"(?<=[\w)’'])\s+(" + lexicon.ROLE_RE.pattern + r")(?=\s*(?:[,;.]|\band\b|$))", re.I)
ABBREVIATED = {"gov": "Governor", "amb": "Ambassador"}
# "X delegation headed by [Title]", "X's mission led by the [Title]": the leader serves X.
LED_BY = re.compile(
    r"(?:['’]s)?\s+(?:delegation|mission|team|group)\s+(?:\w+\s+)?(?:headed|led)\s+by\s+(?:the\s+)?", re.I
)
AND = re.compile(r"\s*(?:,|and|,\s*and)\s+(?:\w+\s+)?", re.I)
# The places an office heads, from the word that names it ("Vice Governor" → a prefecture or province).
OFFICE_OF = {office: frozenset(kind.split("/")) for office, kind in lexicon.OFFICE_HINT.items()}
TITLE_NEXT = re.compile(r"\s+" + lexicon.ROLE_RE.pattern, lexicon.ROLE_RE.flags)  # a title right after a place

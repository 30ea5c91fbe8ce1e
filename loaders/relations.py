"""Relations between the entities of one article, from trigger words over its sentences.

Each rule looks at one sentence (and, for delegations and events, at the
article's lead actors and the sentences that follow): VISITED, MET, SIGNED,
TWINNED and LOCATED_IN here, HOLDS_ROLE in `loaders.roles`; each relation with
its evidence sentence, a confidence, the method that produced it and, where the
guide maps one, its CAMEO code.
"""

from __future__ import annotations

import itertools
import re

from spacy.tokens import Token

from loaders import gazetteer, lexicon
from loaders.dates import tie_date
from loaders.found import ACTOR_LABELS, ORG_LABELS, PLACE_LABELS, FoundRelation
from loaders.roles import RoleRules, Sentence
from loaders.spans import case_view, twins


class RelationFinder(RoleRules):
    """Trigger-word rules over the sentences of one article."""

    def run(self) -> list[FoundRelation]:
        for sent in self.sentences:
            self.roles(sent)
        self.lead = self._lead_actors()
        for sent in self.sentences:
            self.visits(sent)
            self.meetings(sent)
            self.signings(sent)
            self.twinnings(sent)
        self.events()
        self.state_roles()
        self.drop_shadowed_roles()
        self.located_in()
        return self.out

    # actors ---------------------------------------------------------------
    def _lead_actors(self) -> list[int]:
        """Who the article's 'delegation', 'he' or 'the visit' refers to: the person
        who leads the delegation, and the organisation that sent it."""
        leads: list[int] = []
        titled: tuple[re.Match[str], Sentence] | None = None  # "led by Vice Governor X": X's title
        for sent in self.sentences:
            m = re.search(r"\b(led by|headed by)\s+", sent.text)
            if m:
                for start, _e, idx in sent.entities:
                    if start >= sent.span.start_char + m.end() and self.label(idx) == "Person":
                        leads.append(idx)
                        gap = self.text[sent.span.start_char + m.end() : start]
                        title = lexicon.ROLE_RE.match(gap)
                        if title and not gap[title.end() :].strip(" ,.MrsD"):
                            titled = (title, sent)
                        break
            if leads:
                break
        if not leads:
            for sent in self.sentences:
                if lexicon.VISIT_TRIGGER.search(sent.text) or re.search(r"\bdelegation\b", sent.text, re.I):
                    persons = [i for _s, _e, i in sent.entities if self.label(i) == "Person"]
                    if persons:
                        leads.append(persons[0])
                        break
        senders: list[int] = []  # "a delegation from X", "an official from X": the article names the sender
        named_before: list[int] = []
        for sent in self.sentences:
            m = re.search(r"\bdelegation\s+(from|of)\s+", sent.text)
            if m:
                senders += self._listed_senders([e for e in sent.entities if e[0] >= sent.span.start_char + m.end()])
            for _s, end, idx in sent.entities:  # "a Shimane delegation": the sender, when no other is named
                if re.match(r"\s+delegation\b", self.text[end : end + 12]) and self.label(idx) != "Person":
                    named_before.append(idx)
            m2 = re.search(r"\b(official|officials|leader|member)s?\s+from\s+(the\s+)?", sent.text)
            if m2 and lexicon.VISIT_TRIGGER.search(sent.text):
                for start, _e, idx in sent.entities:
                    if start >= sent.span.start_char + m2.end() and self.label(idx) in ORG_LABELS:
                        senders.append(idx)
                        self._described_lead(leads, sent, m2.end(), idx)
                        break
        if not senders:  # else the body its leader heads
            for lead in list(leads):
                for rel in self.out:
                    heads = rel.role and re.match(
                        r"(vice\s+)?(chair|head|president|leader|secretary|director)", rel.role, re.I
                    )
                    if (
                        rel.type == "HOLDS_ROLE"
                        and rel.source == lead
                        and self.label(rel.target) in ORG_LABELS
                        and heads
                    ):
                        senders.append(rel.target)
                        break
        senders = senders or named_before[:1]
        if titled and senders and leads and not any(r.type == "HOLDS_ROLE" and r.source == leads[0] for r in self.out):
            self._role(leads[0], senders[0], titled[0], titled[1], "pattern:leader-of-sender", 0.6)
        leads += senders
        return list(dict.fromkeys(leads))

    def _listed_senders(self, after: list[tuple[int, int, int]]) -> list[int]:
        """The first place or body among the mentions ``after`` "a delegation of / from", with those
        listed right after it ("a delegation from Dien Bien, Lai Chau and Ha Giang")."""
        first = next((n for n, (_s, _e, idx) in enumerate(after) if self.label(idx) in SENDER_LABELS), None)
        if first is None:
            return []
        out = [after[first][2]]
        for (_s, end, _i), (nxt, _e, other) in zip(after[first:], after[first + 1 :], strict=False):
            if not lexicon.LIST_GAP.fullmatch(self.text[end:nxt]) or self.label(other) not in SENDER_LABELS:
                break
            out.append(other)
        return out

    def _described_lead(self, leads: list[int], sent: Sentence, upto: int, body: int) -> None:
        """'A senior official from X paid a visit …' describes the delegation's leader,
        when no one else is named before it: the leader holds that role in X."""
        said = DESCRIBED.search(sent.text[:upto])
        persons = [i for i in leads if self.label(i) == "Person"]
        named_before = any(s < sent.span.start_char + upto and self.label(i) == "Person" for s, _e, i in sent.entities)
        if said and persons and not named_before:
            role = lexicon.ROLE_RE.search(said.group(1))
            if role is not None:
                self._role(persons[0], body, role, sent, "pattern:described-leader", 0.6)

    def _subjects(self, sent: Sentence, trigger_at: int, with_lead_orgs: bool) -> list[int]:
        before = [(s, i) for s, _e, i in sent.entities if s < trigger_at and self.label(i) in ACTOR_LABELS]
        said = list(SPEECH.finditer(self.text, sent.span.start_char, trigger_at))
        clause = self.text[said[-1].end() : trigger_at] if said else ""
        if said and not re.match(r"\s*(at|during|in|on|after|before|while|when|following)\b", clause):
            # "Mai said a trade mission visits Da Nang": the speaker is not the clause's subject
            speakers = [i for s, i in before if s < said[-1].start() and self.label(i) == "Person"]
            before = [(s, i) for s, i in before if s >= said[-1].end()]
            if not before and re.match(r"\s*(he|she)\b", clause, re.I) and speakers:
                return speakers[-1:]
            if not before and not lexicon.DELEGATION.search(clause):
                return []
        lead_ref = (
            lexicon.DELEGATION.search(sent.text)
            or lexicon.PRONOUN.search(sent.text)
            or re.search(r"\b(his|her|its|the)\s+(visit|trip)\b", sent.text, re.I)
        )
        lead = self.lead if with_lead_orgs else [i for i in self.lead if self.label(i) == "Person"]
        persons = [i for s, i in before if self.label(i) == "Person"]
        if persons and any(p in self.lead for p in persons):
            return list(lead)
        if persons:
            return persons[:1]
        if lead_ref and lead:
            return list(lead)
        subjects = [i for s, i in before if self._is_subject(s, sent)]
        return subjects[:1]

    def _is_subject(self, start: int, sent: Sentence) -> bool:
        """Whether the mention at ``start`` is its clause's subject (or opens the sentence),
        not a word inside another phrase ("direct Vietjet flights")."""
        if not self.text[sent.span.start_char : start].strip(" ,") or re.fullmatch(
            r"\s*the\s*", self.text[sent.span.start_char : start], re.I
        ):
            return True
        span = self.doc.char_span(start, next(e for s, e, _i in sent.entities if s == start), alignment_mode="expand")
        if span is None:
            return False
        head = span.root
        while head.dep_ in ("compound", "amod", "poss", "flat") and head.head is not head:
            head = head.head
        return head.dep_ in ("nsubj", "nsubjpass")

    # VISITED ----------------------------------------------------------------
    def _objects(self, sent: Sentence, at: int, labels: frozenset[str] | set[str]) -> list[int]:
        """Entities right after a trigger: its object and what is conjoined with it
        ("visited Japan, Laos and Vietnam"), stopping at the first clause boundary."""
        text = self.text
        out: list[int] = []
        cursor = at
        for start, end, idx in sent.entities:
            if start < at:
                continue
            gap = text[cursor:start]
            if not OBJECT_GAP.fullmatch(gap):
                break
            if self.label(idx) in labels:
                out.append(idx)
            cursor = end
        return out

    def visits(self, sent: Sentence) -> None:
        opening = DURING_THE_VISIT.match(sent.text)  # "During the visit, …": that visit is told elsewhere
        found = False
        visit, searched = _searched(lexicon.VISIT_TRIGGER, sent.text)
        for trig in visit.finditer(searched, opening.end() if opening else 0):
            if NOT_YET.search(sent.text[max(0, trig.start() - 40) : trig.start()]):
                continue  # an invitation, a plan or a hope is not a visit
            at = sent.span.start_char + trig.start()
            of = VISIT_OF.match(sent.text, trig.end())
            if of:  # "the visit of X's delegation led by Y to Z": X and Y are the visitors, Z the visited
                found = self._visited(*self._visit_of(sent, at, sent.span.start_char + of.end()), sent) or found
                continue
            sources = [
                s
                for s in self._subjects(sent, at, with_lead_orgs=True)
                if self.label(s) not in PLACE_LABELS or s in self.lead  # a sending prefecture travels too
            ]
            targets = self._objects(sent, sent.span.start_char + trig.end(), PLACE_LABELS | ORG_LABELS)
            found = self._visited(sources, targets or self._unnamed_objects(sent, trig.end()), sent) or found
        in_place = re.match(r"\s*In\s+([A-Z][\w-]+(?:\s+[A-Z][\w-]+)*)\s*,", sent.text)
        if not found and in_place and lexicon.DELEGATION.search(sent.text):
            start = sent.span.start_char + in_place.start(1)  # "In Nagoya, … hosted the delegation"
            targets = [i for s, _e, i in sent.entities if s == start and self.label(i) in PLACE_LABELS]
            self._visited(list(self.lead), targets, sent)

    def _visit_of(self, sent: Sentence, at: int, after: int) -> tuple[list[int], list[int]]:
        """The visitors and the visited of a visit told as a noun at ``at`` ("the visit of Kampot's
        delegation led by Governor Sok to Hunan", "a visit by Mayor Ito to Hue"): the persons named
        between "of" and a "to" the parser hangs under the visit, and the bodies or places there that
        send a delegation; what follows "to" ("prior to the visit by X, Y flew to Z" is Y's trip). The
        lead's companions travel with a lead member named there."""
        to = VISITED_TO.search(self.text, after, sent.span.end_char)
        if to is None:
            return [], []
        doc = sent.span.doc
        visit = doc.char_span(at, at + 1, alignment_mode="expand")
        prep = doc.char_span(to.start(), to.start() + 1, alignment_mode="expand")
        if visit is None or prep is None or not _under(prep[0], visit[0]):
            return [], []
        sources = [
            i
            for s, e, i in sent.entities
            if after <= s <= e <= to.start()
            and (self.label(i) == "Person" or SENDS.match(self.text, e, to.start() + 1))
        ]
        if any(i in self.lead for i in sources):
            sources = list(dict.fromkeys([*sources, *self.lead]))
        return sources, self._objects(sent, to.start(), PLACE_LABELS | ORG_LABELS)

    def _visited(self, sources: list[int], targets: list[int], sent: Sentence) -> bool:
        if not (sources and targets):
            return False
        date_ = self._date(sent) or self.trip_date
        if self.trip_date is None and date_:
            self.trip_date = date_
        for target in targets:
            for source in sources:
                self.add("VISITED", source, target, sent, "trigger:visit", 0.7, date=date_, cameo="042")
        return True

    def _unnamed_objects(self, sent: Sentence, after: int) -> list[int]:
        """A visit's object given as a noun: 'visiting the school' is the school named before;
        'visited two companies' are the organisations the next sentence names."""
        rest = sent.text[after:]
        definite = re.match(r"\s+the\s+(\w+)\b", rest, re.I)
        if definite:
            target = self._definite(definite.group(1), sent.span.start_char + after)
            return [] if target is None else [target]
        counted = re.match(r"\s+(two|three|four|five|several|some|\d)\s+(?:[\w-]+\s+)?(\w+s)\b", rest, re.I)
        position = self.sentences.index(sent)
        if not counted or position + 1 >= len(self.sentences):
            return []
        howmany = NUMBERS.get(counted.group(1).lower(), 9)
        named = [i for _s, _e, i in self.sentences[position + 1].entities if self.label(i) == "Organization"]
        return list(dict.fromkeys(named))[:howmany]

    def _visited_at(
        self, sources: list[int], sent: Sentence, after: int, date_: str | None, others: list[int] | None = None
    ) -> None:
        """A meeting 'at' an organisation or 'in' a place puts its subject there; where the subject
        is at home in that place's country, those met who are from elsewhere travelled instead
        ("Wang Ning, of the Party's Yunnan committee, met Laos' Prime Minister in Kunming")."""
        text = self.text
        if sources and self.trip_date is None:
            self.trip_date = date_  # the day of the first meeting abroad dates what follows it
        for start, _end, idx in sent.entities:
            if start < after:
                continue
            prep = re.search(r"\b(at|in)\s+(the\s+)?$", text[max(after, start - 12) : start])
            if not prep:
                continue
            wanted = ORG_LABELS if prep.group(1) == "at" else PLACE_LABELS
            if self.label(idx) not in wanted:
                continue
            places = [idx]
            place = self.entities[idx].place
            if place is not None and place.label != "Country":
                country = self._country(place.country)
                if country is not None:
                    places.append(country)
            visitors = sources
            if place is not None:
                visitors = [v for v in sources if self._home_of(v) != place.country]
                if not visitors and sources:
                    visitors = [
                        o
                        for o in others or []
                        if self.label(o) == "Person" and self._home_of(o) not in (None, place.country)
                    ]
            for source in visitors:
                for target in places:
                    self.add("VISITED", source, target, sent, "pattern:met-at", 0.6, date=date_, cameo="042")

    def _home_of(self, idx: int) -> str | None:
        """The country an actor is from, where the article says: a place's own, a body's by its
        name, a person's by the one country of the bodies they hold roles in."""
        if self.label(idx) != "Person":
            place = self.entities[idx].place
            return place.country if place is not None else self._country_of_name(idx)
        homes = {self._home_of(r.target) for r in self.out if r.type == "HOLDS_ROLE" and r.source == idx} - {None}
        return homes.pop() if len(homes) == 1 else None

    # MET -----------------------------------------------------------------------
    def meetings(self, sent: Sentence) -> None:
        meet, searched = _searched(lexicon.MEET_TRIGGER, sent.text)
        trig = meet.search(searched)
        if not trig:
            return
        at = sent.span.start_char + trig.start()
        sources = self._subjects(sent, at, with_lead_orgs=False)
        after = sent.span.start_char + trig.end()
        targets = [i for s, _e, i in sent.entities if s >= at and self.label(i) in ACTOR_LABELS]
        hosted = HOSTED_LEAD.search(sent.text[trig.start() :]) is not None
        if hosted and self.lead:
            before = [i for s, _e, i in sent.entities if s < at and self.label(i) in ACTOR_LABELS]
            persons = [i for i in before if self.label(i) == "Person"]
            sources = persons[:1] or before[-1:] or sources
            targets = [self.lead[0]]
        described = self._described(sent) | self._attributed(sent)
        targets = [t for t in targets if t not in described]
        date_ = self._date(sent) or self.trip_date
        cameo = "043" if lexicon.HOST_TRIGGER.search(sent.text[trig.start() : trig.end()]) else "040"
        venues = set()
        for start, _e, idx in sent.entities:
            if start >= after and re.search(r"\bat\s+(the\s+)?$", self.text[max(0, start - 8) : start]):
                venues.add(idx)
        for source in sources:
            for target in targets:
                if target in sources or target in venues:
                    continue
                if self.label(source) != "Person" and self.label(target) != "Person":
                    continue
                self.add("MET", source, target, sent, "trigger:meet", 0.65, date=date_, cameo=cameo)
        if hosted:
            self._visited_at(self.lead, sent, after, date_)  # the guests came to where they were received
        else:
            travellers = self._subjects(sent, at, with_lead_orgs=True)  # a delegation's organisation travelled too
            travellers = [s for s in travellers if s in self.lead or self.label(s) == "Person"]
            self._visited_at(travellers, sent, after, date_, others=targets)

    def _attributed(self, sent: Sentence) -> set[int]:
        """Bodies a sentence quotes ("…, Xinhua News Agency reported"; "according to the ministry")."""
        out = set()
        for start, end, idx in sent.entities:
            if self.label(idx) == "Person":
                continue
            if ATTRIBUTED_AFTER.match(self.text[end : end + 20]) or ACCORDING_TO.search(
                self.text[max(0, start - 30) : start]
            ):
                out.add(idx)
        return out

    def _described(self, sent: Sentence) -> set[int]:
        """Entities that only describe a person ("X, member of the Politburo and Secretary of the
        Y Committee, …"; "Secretary of the Y Committee X"): the bodies of their titles, not parties."""
        text = self.text
        out: set[int] = set()
        for _start, end, idx in sent.entities:
            if self.label(idx) != "Person":
                continue
            tail = text[end : sent.span.end_char]
            cursor = end + 1
            for segment in tail[1:].split(",") if tail.startswith(",") else []:
                role = lexicon.ROLE_RE.search(segment)
                if role is None or len(segment[: role.start()].split()) > 3:
                    break
                out |= {i for s, e, i in sent.entities if cursor <= s and e <= cursor + len(segment) and i != idx}
                cursor += len(segment) + 1
            for r in self.out:
                if r.type == "HOLDS_ROLE" and r.source == idx and r.evidence == sent.text:
                    out.add(r.target)
        return out

    def events(self) -> None:
        """'The X Embassy held an exchange with representatives of …' names no guest; those who
        speak at it in the sentences that follow do. The host's people met the guests and the
        bodies they came from; the host met the guests themselves."""
        for n, sent in enumerate(self.sentences):
            held = EVENT.search(sent.text)
            after = sent.span.start_char + held.end() if held else 0
            if not held or any(s >= after and self.label(i) in ACTOR_LABELS for s, _e, i in sent.entities):
                continue
            hosts = [i for s, _e, i in sent.entities if s < sent.span.start_char + held.start()]
            if not hosts or self.label(hosts[0]) not in ORG_LABELS:
                continue
            host = hosts[0]
            guests: list[int] = []
            host_people: list[int] = []
            for later in self.sentences[n + 1 :]:
                if EVENT.search(later.text):
                    break
                organiser = ORGANISED_BY.match(later.text)
                if organiser:
                    guests += [i for s, _e, i in later.entities if self.label(i) in ORG_LABELS][:1]
                speaker = next((i for _s, _e, i in later.entities if self.label(i) == "Person"), None)
                if speaker is None or not SPOKE.search(later.text):
                    continue
                if host in {r.target for r in self.out if r.type == "HOLDS_ROLE" and r.source == speaker}:
                    host_people.append(speaker)
                else:
                    guests.append(speaker)
                    guests += [r.target for r in self.out if r.type == "HOLDS_ROLE" and r.source == speaker]
            date_ = self._date(sent)
            for guest in dict.fromkeys(guests):
                for person in host_people:
                    self.add("MET", person, guest, sent, "pattern:event-participants", 0.5, date=date_, cameo="040")
                if self.label(guest) == "Person":
                    self.add("MET", host, guest, sent, "pattern:event-participants", 0.5, date=date_, cameo="040")

    # SIGNED --------------------------------------------------------------------
    def signings(self, sent: Sentence) -> None:
        sign, searched = _searched(lexicon.SIGN_TRIGGER, sent.text)
        if not sign.search(searched):
            return
        agreement = lexicon.AGREEMENT.search(sent.text)
        told = agreement or SIGNING_BETWEEN.search(sent.text)  # what was signed, or "a signing between"
        if not told:
            return
        between = re.search(r"\bbetween\s+", sent.text[told.start() :])
        parties: list[int] = []
        two = between and re.match(r"(?:the\s+)?two\s+(\w+)", sent.text[told.start() + between.end() :], re.I)
        if two:  # "… between the two cities"
            wanted = TWO_OF.get(two.group(1).lower().rstrip("s"), frozenset())
            parties = self._sides_of_meeting(sent, wanted) or self._two_sides(sent, len(self.text), wanted)
        elif between:
            at = sent.span.start_char + told.start() + between.end()
            text = self.text
            # "Việt Nam’s Thanh Hóa province": a possessive names where the party is, not a party.
            parties = [i for s, e, i in sent.entities if s >= at and not re.match(r"[’']s\b", text[e : e + 2])][:2]
        verb = SIGN_VERB.search(sent.text)
        if len(parties) < 2 and verb:
            parties = self._signatories(sent, verb) or self._signing_subjects(sent, verb)
        if len(parties) < 2:
            return
        name = AGREEMENT_LEAD.sub("", SIGN_VERB_LEAD.sub("", agreement.group(1))).strip() if agreement else None
        self.add(
            "SIGNED",
            parties[0],
            parties[1],
            sent,
            "trigger:sign",
            0.7,
            date=self._date(sent),
            agreement=name,
            cameo="057",
        )

    def _signatories(self, sent: Sentence, verb: re.Match[str]) -> list[int]:
        """The two sides of 'A signed … with B', 'A and B signed …' or 'the two provinces signed …'."""
        text = self.text
        at = sent.span.start_char + verb.start()
        parties = [
            (s, i)
            for s, e, i in sent.entities
            if not re.match(r"[’']s\b", text[e : e + 2])
            and not re.search(r"\bin\s+(the\s+)?$", text[max(0, s - 8) : s])
        ]  # "Việt Nam's X", "X in South Korea": where a party is, not a party
        before = [(s, i) for s, i in parties if s < at]
        with_ = re.search(r"\bwith\s+", sent.text[verb.end() :])
        if with_:
            after = sent.span.start_char + verb.end() + with_.end()
            others = [i for s, i in parties if s >= after]
            bodies = [i for _s, i in before if self.label(i) != "Person"]
            first = bodies[-1:] or [i for _s, i in before if self.label(i) == "Person"][:1]
            return first + others[:1] if others else []
        two = re.search(r"\b(?:the\s+two|both)\s+(\w+)\s+(?:have\s+|also\s+)*$", sent.text[: verb.start()], re.I)
        if two:
            wanted = TWO_OF.get(two.group(1).lower().rstrip("s"))
            if wanted is None:
                return []
            return self._sides_of_meeting(sent, wanted) or self._two_sides(sent, at, wanted)
        ends = {s: e for s, e, _i in sent.entities}
        if len(before) >= 2:
            (s1, a), (s2, b) = before[-2], before[-1]
            if re.fullmatch(r"\s*and\s+(the\s+)?", text[ends[s1] : s2]):
                return [a, b]
        people = [(s, i) for s, i in before if self.label(i) == "Person"]
        if len(people) >= 2 and people[-1][1] == before[-1][1]:
            (s1, a), (s2, b) = people[-2], people[-1]
            if TITLED_AND.fullmatch(text[ends[s1] : s2]):
                return [a, b]  # "Mayor X and Dobong-gu Mayor Y signed"
        return []

    def _signing_subjects(self, sent: Sentence, verb: re.Match[str]) -> list[int]:
        """The coordinated subjects of the signing verb, whatever stands between them ("Qiu He,
        secretary of …, and Yangon Mayor Aung Thein Lin, signed the agreement")."""
        at = sent.span.start_char + verb.start()
        head = next((t for t in sent.span if t.idx == at), None)
        if head is None:
            return []
        subjects = [t for t in head.children if t.dep_ in ("nsubj", "nsubjpass")]
        for tok in list(subjects):  # the parser may hang the second signer on the first as an apposition
            subjects += [c for c in tok.subtree if c.dep_ in ("conj", "appos") and c.head.i in {s.i for s in subjects}]
        found: list[int] = []
        for tok in subjects:
            idx = next((i for s, e, i in sent.entities if s <= tok.idx < e), None)
            if idx is not None and idx not in found:
                found.append(idx)
        people = [i for i in found if self.label(i) == "Person"]
        found = people if len(people) >= 2 else found
        return found[:2] if len(found) == 2 else []

    def _sides_of_meeting(self, sent: Sentence, wanted: frozenset[str]) -> list[int]:
        """'X met Y … The two sides signed': the bodies X and Y hold their titles in."""
        position = self.sentences.index(sent)
        recent = {s.text for s in self.sentences[max(0, position - 1) : position + 1]}
        met = [r for r in self.out if r.type == "MET" and r.evidence in recent]
        if not met:
            return []
        sides = [self._body_of(end) for end in (met[-1].source, met[-1].target)]
        wanted_sides = [s for s in sides if s is not None and self.label(s) in wanted]
        return wanted_sides if len(set(wanted_sides)) == 2 else []

    def _body_of(self, idx: int) -> int | None:
        """A person's one body (organisation or subdivision), else the entity itself."""
        if self.label(idx) != "Person":
            return idx
        bodies = {r.target for r in self.out if r.type == "HOLDS_ROLE" and r.source == idx}
        bodies = {b for b in bodies if self.label(b) != "Country"} or bodies
        return bodies.pop() if len(bodies) == 1 else None

    def _two_sides(self, sent: Sentence, upto: int, wanted: frozenset[str]) -> list[int]:
        """'The two sides': the two actors of the wanted kinds the article has named most so far
        (the earlier first on a tie), from two countries where their countries are known."""
        count: dict[int, int] = {}
        for other in self.sentences[: self.sentences.index(sent) + 1]:
            for start, _e, idx in other.entities:
                if start < upto and self.label(idx) in wanted:
                    count[idx] = count.get(idx, 0) + 1
        ranked = sorted(count, key=lambda i: -count[i])  # stable: earlier first on a tie
        if len(ranked) < 2:
            return []
        first = ranked[0]
        home = self._home_of(first)
        apart = [i for i in ranked[1:] if home is None or self._home_of(i) != home]
        return [first, (apart or ranked[1:])[0]]

    # TWINNED -------------------------------------------------------------------
    def twinnings(self, sent: Sentence) -> None:
        twin, searched = _searched(lexicon.TWIN_TRIGGER, sent.text)
        trig = twin.search(searched)
        if not trig:
            return
        at = sent.span.start_char + trig.start()
        clause_end = TWIN_CLAUSE_END.search(self.text, at, sent.span.end_char)
        end = clause_end.start() if clause_end else sent.span.end_char
        places = [(s, i) for s, _e, i in sent.entities if self.label(i) in SUBNATIONAL and s < end]
        before = [i for s, i in places if s < at]
        after = [i for s, i in places if s >= at]
        # "Honolulu is a sister city of Seoul and Manila"; else "X and Y have been sister cities"
        pairs = [(before[-1], a) for a in after] if before and after else [tuple(i for _s, i in places[:2])]
        tied = tie_date(sent.text, self.reference)
        for pair in pairs:
            if len(pair) == 2:
                self.add("TWINNED", pair[0], pair[1], sent, "trigger:twin", 0.7, date=tied)

    # LOCATED_IN ----------------------------------------------------------------
    def located_in(self) -> None:
        # "Japan's ruling Liberal Democratic Party": a country's possessive before an organisation
        for sent in self.sentences:
            for (_s, end, before), (start, _e, idx) in itertools.pairwise(sent.entities):
                if (
                    self.label(before) == "Country"
                    and self.label(idx) in ORG_LABELS
                    and re.fullmatch(r"['’]s\s+(?:[a-z]+\s+){0,2}", self.text[end:start])
                ):
                    self.add("LOCATED_IN", idx, before, sent, "pattern:possessive-country", 0.8)
        for idx, ent in enumerate(self.entities):
            m = re.search(r"\bin\s+(.+)$", ent.name) or re.match(
                r"(?:the\s+)?(.+?)\s+(?:provincial|prefectural|municipal|city)\s+[A-Z]", ent.name
            )
            if ent.label in ORG_LABELS and m:
                where = gazetteer.key(m.group(1))
                for j, other in enumerate(self.entities):
                    if other.place and any(gazetteer.key(f) == where for f in other.forms()):
                        self.out.append(FoundRelation("LOCATED_IN", idx, j, ent.name, "pattern:org-in-place", 0.9))


# The triggers each sentence is searched for, with their lower-case twins (`spans.twins`).
_TRIGGERS = (lexicon.VISIT_TRIGGER, lexicon.MEET_TRIGGER, lexicon.SIGN_TRIGGER, lexicon.TWIN_TRIGGER)
_TWINS = {rx: twins(rx) for rx in _TRIGGERS}


def _under(prep: Token, noun: Token) -> bool:
    """Whether a preposition belongs to a noun's phrase: hung under it, or under the verb that holds
    it with no subject of that verb between ("the first visit of X marked … to Jeju" as parsed, not
    "prior to the visit by X, Y flew to Z")."""
    if noun in prep.ancestors:
        return True
    verb = prep.head
    return noun in verb.subtree and not any(
        t.dep_ in ("nsubj", "nsubjpass") and t.head == verb and noun.i < t.i < prep.i for t in verb.children
    )


def _searched(rx: re.Pattern[str], text: str) -> tuple[re.Pattern[str], str]:
    """``rx``'s twin for ``text`` and the text it searches for the spans ``rx`` finds in ``text``
    (`spans.case_view`; a match's text is read from ``text`` by its span)."""
    view, searched = case_view(text)
    return _TWINS[rx][view], searched


DESCRIBED = re.compile(r"\b[Aa]n?\s+((?:[a-z-]+\s+)?(?:official|leader|member))\s+from\s+(the\s+)?$")
ATTRIBUTED_AFTER = re.compile(r"\s*(reported|reports|said|says|quoted|announced|stated)\b")
ACCORDING_TO = re.compile(r"\baccording\s+to\s+(the\s+)?$", re.I)
# A sentence opening on the visit being reported ("During the trip, X visited Y": only the
# main clause tells a visit).
DURING_THE_VISIT = re.compile(r"\s*(?:during|throughout|after|before)\b[^,]*\b(?:visit|trip)\w*\b[^,]*,?", re.I)
NOT_YET = re.compile(
    r"\b(invit\w*|will|would|shall|plans?\s+to|planned\s+to|intends?\s+to|hopes?\s+to|expected\s+to|"
    r"(?:is|are)\s+(?:set|due|scheduled)\s+to|is\s+to|are\s+to|next\s+\w+)\b[^.;]*$",
    re.I,
)
EVENT = re.compile(
    r"\b(held|hosted|organi[sz]ed|convened)\s+(an?|the)\s+([\w-]+\s+)?(exchange|meeting|seminar|reception|workshop|"
    r"conference|forum|dialogue|working\s+session|get-together)\s+with\b",
    re.I,
)
ORGANISED_BY = re.compile(r"\s*(initiated|organi[sz]ed|co-organi[sz]ed|proposed|sponsored)\s+by\b", re.I)
SPOKE = re.compile(
    r"\b(said|says|highlighted|proposed|noted|stressed|emphasi[sz]ed|suggested|affirmed|thanked|expressed|"
    r"seized|spoke|told|pledged|called\s+for)\b",
    re.I,
)
SUBNATIONAL = frozenset({"City", "Prefecture", "Province"})
SENDER_LABELS = ORG_LABELS | SUBNATIONAL  # what may send a delegation
TWIN_CLAUSE_END = re.compile(r"[;]|,\s*(?:and|but|while|which|who|where)\b")
SPEECH = re.compile(r"\b(said|says|told|noted|stressed|added|stated|announced|reported)\b(\s+that)?")
SIGN_VERB_LEAD = re.compile(r"^.*\b(?:sign\w*|ink\w*|conclud\w*|exchang\w*)\s+", re.I)
AGREEMENT_LEAD = re.compile(
    r"^(?:(?:\d{4}|of|the|an?|its|their|two|new|sign\w*|ink\w*|conclud\w*|exchang\w*)\s+)+", re.I
)
# Between two signers: "and", then only capitalised words and titles ("and Dobong-gu Mayor").
TITLED_AND = re.compile(r"\s*,?\s*and\s+(?:the\s+)?(?:(?:[A-Z][\w’'.-]*|of|the)\s+)*")
# "a ceremonial signing between X and Y": the signing told without naming what was signed.
SIGNING_BETWEEN = re.compile(r"\bsign(?:ing|ed)(?:\s+ceremony)?\s+between\b", re.I)
SIGN_VERB = re.compile(r"\b(sign(ed|s|ing)?|ink(ed|s)?|conclud(ed|es)|exchang(ed|es))\b", re.I)
TWO_OF = {
    "side": frozenset({"Party", "Association", "Organization", "City", "Prefecture", "Province"}),
    "province": frozenset({"Province", "Prefecture"}),
    "prefecture": frozenset({"Prefecture", "Province"}),
    "localitie": frozenset({"City", "Prefecture", "Province"}),
    "citie": frozenset({"City"}),
    "organization": frozenset({"Party", "Association", "Organization"}),
    "organisation": frozenset({"Party", "Association", "Organization"}),
    "partie": frozenset({"Party", "Association", "Organization"}),
}
NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5}
VISIT_OF = re.compile(r"\s+(?:of|by)\s+", re.I)  # after a visit noun: who made it follows
VISITED_TO = re.compile(r"\bto\b(?=\s+(?:the\s+)?[A-Z])")  # where a visit told as a noun went
SENDS = re.compile(r"(?:['’]s)?\s+(?:[\w-]+\s+){0,2}?delegations?\b", re.I)  # "Kampot provincial delegation"
OBJECT_GAP = re.compile(
    r"\s*(?:(?:to|in|of|at|the|a|an|and|its|his|her|their|,|also|both|city|capital|prefecture|province)\s*)*",
    re.IGNORECASE,
)
HOSTED_LEAD = re.compile(
    r"\b(welcom(ed|es)|host(ed|s)|receiv(ed|es)|greet(ed|s)|accompan(ied|ies)|met(\s+with)?|"
    r"(?:talks|meeting|session|exchange)\s+with)\s+"
    r"(?:[^.;]{0,30}?\b(?:for|with)\s+)?(an?|the|his|her|its)\s+(\w+\s+)?(delegation|visitors|guests)\b",
    re.I,
)

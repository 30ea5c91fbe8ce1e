"""Closure: relations the guide's conventions imply from those already decided, and the few they rule out.

- A traveller visited a body a rule saw them call on, and a city or region of another country
  whose official (who travels nowhere) met them.
- A delegation's named travellers and its sender share its visits (a sending body, those to places
  outside its own country).
- A visit to a city is a visit to the region that holds it when the article names that
  region, and, when the trip crosses a border, to the country.
- Officials who sign for their bodies or places make those bodies or places signatories (of an
  official's several roles, the places he holds them in).
- Officials of two signatory places or bodies, named in the sentence of the signing, signed.
  Places of one country neither sign with each other nor twin (they sign together, with a partner abroad),
  nor does the place the sentence names only as where it happened ("signed … in C").
- A place lies in its nearest ancestor the article names (the gazetteer's), and a town the
  gazetteer cannot place, in the region the text writes after it ("Quy Nhon city, Binh Dinh province").
- A body whose name places it ("Lao Embassy in Tokyo", "Communist Party of China") lies there.
- "Mayor X" (or "Governor X", "Premier X" of Canada or Australia, "Chief Minister X") with no place before the title and
  no role decided holds it in the article's only city (or region) of X's country where no one else
  holds that title (of several, the one where no one holds any role).
- No one holds a role in a country his name's tradition rules out, unless his title writes it.
- "Prime Minister X", "Chinese Ambassador to Myanmar X", "X, the French ambassador to Japan", with
  no role decided, hold in the country the title's adjective (else X's name) gives, when the
  article names it (a diplomat in its embassy or consulate there is one).
- A city in a named region lies in that region, not (also) in its country; no place lies in a
  country or region the gazetteer knows it is not in (a city that is a region itself, as Hanoi,
  lies in no other).
- A role told in one sentence points at the place's own body, not also at the place; a role the
  model alone doubts (below 0.5) goes beside a likelier role of the same person.
- A country's leader the story names in passing ("Chinese President X", "proposed by President X")
  visits nothing, nor do the trip's hosts: a person who acts only as a host, whoever is named first
  as its inviter ("at the invitation of Mr X"), and the bodies and places they hold a role in;
  fellow travellers of one country do not meet.
- An official at home visits no place of his own: not the place he holds a role in (or whose
  body he serves, named by it: "Yamagata Chamber of Commerce" serves "Yamagata City"), no place
  within it, not its country; a diplomat or correspondent does not
  visit the country he is posted to (he may tour its places).
- A visit to a country began no later than the traveller's first dated visit to a place in it.

Each added relation says which convention made it (``method`` ``closure:…``) and takes the
confidence of the relation it is derived from (0.9 for a place by the gazetteer or by a name; 0.5
for a role by a bare or state title); the one on a name's tradition and the four before the last drop
relations, the last dates them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from graph.model import fold
from loaders import gazetteer, lexicon
from loaders.dates import YEAR_ONLY
from loaders.found import CAMEO, ORG_LABELS, PLACE_LABELS, UNDIRECTED, Found, FoundRelation
from loaders.roles import mission_of
from loaders.spans import whole_word_spans

if TYPE_CHECKING:
    from loaders.extract import Analysis


class _Closure:
    def __init__(self, analysis: Analysis, relations: list[FoundRelation]):
        self.entities = analysis.extraction.entities
        self.features = analysis.features
        self.out = list(relations)
        self.keys = {self._key(r.type, r.source, r.target) for r in relations}
        self.by_code = {e.place.code: i for i, e in enumerate(self.entities) if e.place is not None}

    @staticmethod
    def _key(rel_type: str, source: int, target: int) -> tuple[str, int, int]:
        if rel_type in UNDIRECTED:
            source, target = sorted((source, target))
        return rel_type, source, target

    def add(self, base: FoundRelation, source: int, target: int, method: str, confidence: float) -> None:
        key = self._key(base.type, source, target)
        if source == target or key in self.keys:
            return
        self.keys.add(key)
        self.out.append(replace(base, source=source, target=target, method=method, confidence=confidence))

    def delegation(self) -> None:
        """Every lead actor (leader, named travellers, sender) visited what one of them visited; a
        sending body, only the places outside its own country."""
        leads = self.features.lead
        if len(leads) < 2:
            return
        for rel in [r for r in self.out if r.type == "VISITED" and r.source in leads]:
            target = self.entities[rel.target]
            for other in leads:
                sender = self.entities[other].label != "Person"
                if other == rel.target or sender and (target.place is None or self._own(other, target)):
                    continue  # a sending body calls on no body, and visits no place of its own country
                self.add(rel, other, rel.target, "closure:delegation", rel.confidence)

    def _own(self, body: int, place: Found) -> bool:
        """Whether a place lies in the body's own country (its home)."""
        home = self.features.homes[body]
        return home is not None and place.place is not None and place.place.country == home

    def called_on(self, rules: list[FoundRelation]) -> None:
        """A body a rule saw a traveller call on ("visited Samsung Group", "met … at the Lao Embassy")
        was visited, where the traveller visited a place too (the rule alone often takes a host
        for the traveller): the guide's calling on an organisation is a visit to it."""
        travellers = {
            r.source: r for r in self.out if r.type == "VISITED" and self.entities[r.target].label not in ORG_LABELS
        }
        for rule in rules:
            if rule.type == "VISITED" and self.entities[rule.target].label in ORG_LABELS and rule.source in travellers:
                trip = travellers[rule.source]
                called = replace(rule, date=rule.date or trip.date)  # on that trip, unless the sentence says
                self.add(called, rule.source, rule.target, "closure:called-on", trip.confidence)

    def received(self) -> None:
        """The guide: being received in a place by its officials is a visit to it. A traveller met
        a person who travels nowhere and holds a role in a city or region of another country than
        the traveller's: the traveller visited it (at the meeting's date)."""
        visitors = {r.source for r in self.out if r.type == "VISITED"}
        held, _holders = self.roles()
        for met in [r for r in self.out if r.type == "MET"]:
            for guest, host in ((met.source, met.target), (met.target, met.source)):
                mine = self.features.countries(guest)
                if guest not in visitors or host in visitors or not mine:
                    continue
                for place in held.get(host, []):
                    at = self.entities[place]
                    if at.label in LOCAL_LABELS and at.place is not None and at.place.country not in mine:
                        visit = replace(met, type="VISITED", role=None, agreement=None, cameo=CAMEO["VISITED"])
                        self.add(visit, guest, place, "closure:received", met.confidence)

    def regions(self) -> None:
        """A visited place's named region, and its country when the visitor is from elsewhere."""
        for rel in [r for r in self.out if r.type == "VISITED"]:
            place = self.entities[rel.target].place
            if place is None:
                continue
            home = self.features.homes[rel.source]
            for up in gazetteer.ancestors(place):
                at = self.by_code.get(up.code)
                if at is not None and (up.label != "Country" or home != up.code):
                    self.add(rel, rel.source, at, "closure:region", rel.confidence)

    def bare_titles(self) -> None:
        """A person with no role decided, titled "Mayor X" or "Governor X" with no place before the
        title, holds it in the article's only place of the title's kind in the person's country (by
        the name's tradition, else the text) where no one else holds that title ("Party Secretary
        Y and Governor X" of one province: the secretary's role leaves the governorship open), the
        only one where no one holds any role if there are more."""
        holders = {r.source for r in self.out if r.type == "HOLDS_ROLE"}
        titles = {idx: self._titles(idx) for idx, e in enumerate(self.entities) if e.label == "Person"}
        held: dict[str, set[int]] = {}
        anyone = {r.target for r in self.out if r.type == "HOLDS_ROLE"}
        for r in [r for r in self.out if r.type == "HOLDS_ROLE"]:
            for title, _k, _placed in titles.get(r.source, []):
                held.setdefault(title.group(0).lower(), set()).add(r.target)
        for idx, found in titles.items():
            bare = next(((title, k) for title, k, placed in found if not placed), None)
            if bare is None or idx in holders:
                continue
            title, k = bare
            countries = self.features.countries(idx) or None  # None: no country known, any place
            taken = held.setdefault(title.group(0).lower(), set())
            places = [
                i
                for i, e in enumerate(self.entities)
                if e.label in BARE_KINDS[title.group(1).lower()]
                and e.place is not None
                and i not in taken
                and (countries is None or e.place.country in countries)
                and e.place.country in BARE_COUNTRIES.get(title.group(1).lower(), (e.place.country,))
            ]
            places = [i for i in places if i not in anyone] or places  # one no one holds a role in, first
            if len(places) == 1:
                sentence = self.features.sentences[k].text
                role = FoundRelation("HOLDS_ROLE", idx, places[0], sentence, "", 0.5, role=title.group(1))
                self.add(role, idx, places[0], "closure:bare-title", 0.5)
                taken.add(places[0])
                anyone.add(places[0])

    def foreign_state_roles(self) -> None:
        """No one holds a role in a country his name's tradition rules out ("Trade Minister Joo
        Hyung-hwan" in a story of Guizhou is not China's; the state-title convention may then place
        him), unless the country is written beside his name ("Singapore's Prime Minister Lee Hsien
        Loong": a name's tradition is not a nationality)."""
        origins = self.features.origins

        def ruled_out(r: FoundRelation) -> bool:
            country = self.entities[r.target]
            if r.type != "HOLDS_ROLE" or country.label != "Country" or not origins[r.source]:
                return False
            return country.place.code not in origins[r.source] and not self._beside(r.source, country)  # type: ignore[union-attr]

        self.out = [r for r in self.out if not ruled_out(r)]

    def _beside(self, person: int, country: Found) -> bool:
        """Whether the country is written in the person's title: before the name in its clause
        ("Singapore's Prime Minister X", "Singaporean Prime Minister X") or after it, after "of"
        ("X, Prime Minister of Singapore")."""
        text = self.features.text
        code = country.place.code if country.place else None
        for _k, start, end in self.features.where[person]:
            before = CLAUSE_BREAK.split(text[max(0, start - 40) : start])[-1]
            after = CLAUSE_END.split(text[end : end + 60])[0].partition(" of ")[2]
            if any(f in before or f in after for f in country.forms()):
                return True
            if any(gazetteer.demonym(w) == code for w in re.findall(r"[A-Z][\w’'-]+", before)):
                return True
        return False

    def state_titles(self) -> None:
        """A person with no role decided, titled by a state office ("Prime Minister X", "Chinese
        Ambassador to Myanmar X", "X, the French ambassador to Japan"), holds it in the country
        the title's adjective names, else in the country of the name's tradition, when the article
        names that country; a title after another capitalised word ("CPAFFC President X") is a body's."""
        holders = {r.source for r in self.out if r.type == "HOLDS_ROLE"}
        named = {e.place.code: i for i, e in enumerate(self.entities) if e.label == "Country" and e.place is not None}
        people = [i for i, e in enumerate(self.entities) if e.label == "Person"]
        ends = {end for i in people for _k, _s, end in self.features.where[i]}
        text = self.features.text
        for idx in people:
            if idx in holders:
                continue
            for k, start, end in self.features.where[idx]:
                title = STATE_BEFORE.search(text, max(0, start - 80), start) or self._state_after(end)
                if title is None:
                    continue
                before = text[max(0, title.start() - 9) : title.start()]
                if title.start() - 2 in ends and before.endswith(", ") or FORMER.search(before):
                    break  # another's title ("Y, Thailand Consul General, X"), or one held no more
                who = title.group("who")
                code = (gazetteer.demonym(who) or getattr(gazetteer.country(who), "code", None)) if who else None
                if who and code is None:
                    break
                codes = {code} if code else set(self.features.countries(idx))
                at = [mission_of(self.entities, c, _mission) or named[c] for c in codes if c in named]
                if len(at) == 1:
                    sentence = self.features.sentences[k].text
                    role = FoundRelation("HOLDS_ROLE", idx, at[0], sentence, "", 0.5, role=title.group("title"))
                    self.add(role, idx, at[0], "closure:state-title", 0.5)
                break

    def _state_after(self, end: int) -> re.Match[str] | None:
        """A state title set after a name ("X, the French ambassador to Japan"), not a body's
        ("X, the President of Hanoi University", "… of the Vietnam Fatherland Front"): the name after
        "of" is a country's, or the title a minister's (his portfolio)."""
        title = STATE_AFTER.match(self.features.text, end)
        body = OF_AFTER.match(self.features.text, title.end()) if title else None
        if body is None or "Minister" in title.group("title"):  # type: ignore[union-attr]
            return title
        return title if gazetteer.country(body.group(1).strip()) else None  # the whole name: "of South Korea"

    def _titles(self, idx: int) -> list[tuple[re.Match[str], int, bool]]:
        """The bare titles written before a person's mentions ("Mayor X", "Dobong-gu Mayor X"), each
        with its sentence and whether a place is written before the title."""
        text = self.features.text
        found = []
        for k, start, _end in self.features.where[idx]:
            title = BARE_TITLE.search(text, max(0, start - 40), start)
            if title is not None:
                placed = PLACE_BEFORE.search(text, max(0, title.start() - 30), title.start()) is not None
                found.append((title, k, placed))
        return found

    def roles(self) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
        """The decided roles both ways: each person's bodies or places, and each body's or place's people."""
        held: dict[int, list[int]] = {}
        holders: dict[int, list[int]] = {}
        for r in self.out:
            if r.type == "HOLDS_ROLE":
                held.setdefault(r.source, []).append(r.target)
                holders.setdefault(r.target, []).append(r.source)
        return held, holders

    def signing_officials(self) -> None:
        """Officials of two signatory places or bodies, named where the signing is told, signed too."""
        _held, holders = self.roles()
        for rel in [r for r in self.out if r.type == "SIGNED"]:
            named = [
                [p for p in holders.get(end, []) if any(f in rel.evidence for f in self.entities[p].forms())]
                for end in (rel.source, rel.target)
            ]
            for a in named[0]:
                for b in named[1]:
                    self.add(rel, a, b, "closure:signing-official", rel.confidence)

    def signatories(self) -> None:
        """Officials who signed make the bodies or places they hold roles in signatories; not a
        place with a place within it (a role wrongly put in the country of the other's region)."""
        roles, _holders = self.roles()
        for rel in [r for r in self.out if r.type == "SIGNED"]:
            for a in self._represented(roles.get(rel.source, [])):
                for b in self._represented(roles.get(rel.target, [])):
                    if a != b and not self._nested(a, b):
                        self.add(rel, a, b, "closure:signatory", rel.confidence)

    def _represented(self, held: list[int]) -> list[int]:
        """What an official signs for: of several roles, the places he holds them in, if any (a
        provincial secretary who is also his committee's chairman signs for the province)."""
        places = [i for i in held if self.entities[i].place is not None]
        return places if len(held) > 1 and places else held

    def _nested(self, a: int, b: int) -> bool:
        """Whether one of two places lies within the other, as the gazetteer knows them."""
        pa, pb = self.entities[a].place, self.entities[b].place
        if pa is None or pb is None:
            return False
        return gazetteer.within(pa, pb) or gazetteer.within(pb, pa)

    def gazetteer_places(self) -> None:
        """The guide: every place lies in its nearest ancestor the article names (a city in its
        region, else its country; a region in its country), whether or not the article says so."""
        for idx, ent in enumerate(self.entities):
            if ent.place is None:
                continue
            nearest = next((up for up in gazetteer.ancestors(ent.place) if up.code in self.by_code), None)
            if nearest is not None:
                self.located(idx, self.by_code[nearest.code], "closure:gazetteer")

    def named_places(self) -> None:
        """The guide: an organisation lies where its name places it."""
        for idx, ent in enumerate(self.entities):
            at = placed_by_name(ent, self.entities)
            if at is not None:
                self.located(idx, at, "closure:name")

    def addressed_places(self) -> None:
        """A town the gazetteer cannot put in a region, written right before one as its address
        ("Quy Nhon city, Binh Dinh province", "Suo Oshima in Yamaguchi Prefecture"), lies in it;
        a commune or ward so before a district, in that district. Not within a list of places
        ("Hanoi, Bac Ninh province and Hai Phong")."""
        text = self.features.text
        for sent in self.features.sentences:
            ments = sorted(sent.entities)
            for n, ((_s, end, a), (start, _e, b)) in enumerate(zip(ments, ments[1:], strict=False)):
                if ADDRESS_GAP.fullmatch(text[end:start]) is None or not self._town_in(a, b):
                    continue
                before = ments[n - 1] if n else None
                after = ments[n + 2] if n + 2 < len(ments) else None
                listed = (before is not None and lexicon.LIST_GAP.fullmatch(text[before[1] : ments[n][0]])) or (
                    after is not None and lexicon.LIST_GAP.fullmatch(text[ments[n + 1][1] : after[0]])
                )
                if not listed:
                    self.located(a, b, "closure:address")

    def _town_in(self, a: int, b: int) -> bool:
        """Whether ``b`` may be the address of town ``a``: a region (or, for a commune or ward, a
        district) of the same country, where the gazetteer knows none for ``a``."""
        town, at = self.entities[a], self.entities[b]
        if town.label != "City" or (town.place is not None and gazetteer.region_known(town.place)):
            return False
        if town.place is not None and at.place is not None and town.place.country != at.place.country:
            return False
        return at.label in ("Prefecture", "Province") or (
            at.label == "City" and WARD.search(town.name) is not None and DISTRICT.search(at.name) is not None
        )

    def located(self, place: int, at: int, method: str) -> None:
        """Add ``place`` LOCATED_IN ``at``, known from a name or the gazetteer rather than from a
        decided relation (so as sure as a rule: 0.9)."""
        key = self._key("LOCATED_IN", place, at)
        if place != at and key not in self.keys:
            self.keys.add(key)
            self.out.append(FoundRelation("LOCATED_IN", place, at, self.entities[place].name, method, 0.9))


def placed_by_name(ent: Found, entities: list[Found]) -> int | None:
    """The article's place an organisation's name puts it in: "… in Tokyo" (any body), "… of
    [the] Korea" (a body of a country), "… of Bac Ninh" (a body of a region or city that is not
    the place's own government: "People's Committee of Binh Duong" lies nowhere by the guide)."""
    if ent.label not in ORG_LABELS:
        return None
    inside = IN_PLACE.search(ent.name)
    of = None if inside else OF_PLACE.match(ent.name)
    where = inside.group(1) if inside else of.group("place") if of else None
    if where is None:
        return None
    wanted = gazetteer.strip_type_word(gazetteer.key(where))
    country = gazetteer.country(where)  # "of Korea" where the article says "South Korea"
    for j, other in enumerate(entities):
        if other.place is None:
            continue
        same_country = country is not None and other.label == "Country" and other.place.code == country.code
        if not same_country and not any(gazetteer.strip_type_word(gazetteer.key(f)) == wanted for f in other.forms()):
            continue
        if of and other.label != "Country" and OWN_BODY.search(of.group("head")):
            return None
        return j
    return None


ADDRESS_GAP = re.compile(r"\s*,\s*|\s+in\s+")
WARD = re.compile(r"\b(?:commune|ward|village)$", re.I)
DISTRICT = re.compile(r"\b(?:district|county)$", re.I)
IN_PLACE = re.compile(r"\bin\s+(?:the\s+)?(.+)$")
OF_PLACE = re.compile(r"^(?P<head>(?:(?!\sof\s).)+)\s+of\s+(?:the\s+)?(?P<place>.+)$")  # the first "of" only
OWN_BODY = re.compile(r"\b(committee|council|assembly|administration|government|office|department|bureau)\b", re.I)


def close(analysis: Analysis, relations: list[FoundRelation]) -> list[FoundRelation]:
    """``relations`` with what the guide's conventions imply from them."""
    c = _Closure(analysis, relations)
    c.foreign_state_roles()
    c.called_on(analysis.extraction.relations)
    c.received()
    c.delegation()
    c.regions()
    c.signatories()
    c.signing_officials()
    c.named_places()
    c.bare_titles()
    c.state_titles()
    c.addressed_places()
    c.gazetteer_places()
    kept = [r for r in c.out if not (_against_gazetteer(r, c.entities) or _no_signatories(r, c.entities))]
    kept = _most_specific(_most_specific_role(_doubtful_roles(kept), c.entities), c.entities)
    posted = {i: analysis.features.posted(i) for i, e in enumerate(c.entities) if e.label == "Person"}
    af = analysis.features
    hosts = _hosts(analysis, kept)
    kept = [r for r in kept if not (r.type == "VISITED" and (af.leader_in_passing(r.source) or r.source in hosts))]
    kept = _one_side_met(kept, analysis.features.origins, analysis.features.homes)
    kept = _at_home(kept, c.entities, {i: code for i, code in posted.items() if code})
    return _country_visit_dates(kept, c.entities)


LOCAL_LABELS = PLACE_LABELS - {"Country"}  # a city or region
LIKELY_ROLE = 0.5  # a role the model alone gives below this is doubted beside a likelier one
WORD = re.compile(r"\w+")
BARE_TITLE = re.compile(r"(?:\b(?:Vice|Deputy|Acting)[- ])?\b(Mayor|Governor|Magistrate|Premier|Chief Minister)\s+$")
PLACE_BEFORE = re.compile(r"[A-Z][\w’'-]*\s+$")  # "Dobong-gu Mayor X": the title's place is written
BARE_KINDS = {
    "mayor": {"City"},
    "governor": {"Prefecture", "Province"},
    "magistrate": {"Province", "City"},
    "premier": {"Province"},
    "chief minister": {"Province"},  # India's and Malaysia's states
}
# Where a bare title is a region's: a premier elsewhere (China's, Laos's) is a country's.
BARE_COUNTRIES = {"premier": ("CA", "AU")}
_PORTFOLIOS = (  # "Trade Minister X": a portfolio's word is no country's adjective
    r"Prime|Foreign|Trade|Defen[cs]e|Finance|Economy|Industry|Interior|Home|Culture|Education|Agriculture|"
    r"Health|Labou?r|Justice|Tourism|Transport|Environment"
)
_STATE = (
    rf"(?P<title>(?:(?:Vice|Deputy|First)[- ])?(?:President|Premier|"
    rf"(?:(?:{_PORTFOLIOS}) )?Minister(?: of [A-Z][\w,& ]*?)?|"
    r"[Aa]mbassador(?: to (?:the )?[A-Z][\w’' ]*?)?|Consul[- ]General(?: in [A-Z][\w ]*?)?))"
)
_WHO = rf"(?:(?!(?:{_PORTFOLIOS}|Vice|Deputy|First)\b)(?P<who>[A-Z][\w’'-]*?)(?:[’']s)?\s+)?"
STATE_BEFORE = re.compile(rf"{_WHO}\b{_STATE},?\s+(?:(?:Mr|Mrs|Ms|Dr|H\.E)\.?\s+)?$")
OF_AFTER = re.compile(r"\s+(?:of|at|for)\s+(?:the\s+)?((?:[A-Z][\w’'-]*\s?){1,3})")
VENUE_BEFORE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?$")
CLAUSE_BREAK = re.compile(r"[.,;:]")
CLAUSE_END = re.compile(r"[.;:]")
FORMER = re.compile(r"\b(?:former|ex-|late)\s*$", re.I)
MISSION = re.compile(r"\b(?:Embassy|Consulate)\b", re.I)
# The words before an inviter's name: "at the invitation of [the] [Mr, a title]", "invited by".
INVITED_BY = re.compile(r"\b(?i:invitation\s+of|invited\s+by)\s+(?:the\s+)?(?:[A-Z][\w.’'-]*\s+){0,4}$")
STATE_AFTER = re.compile(rf",\s+(?:the\s+)?{_WHO}{_STATE}\b")
PLACE_ADJECTIVES = {"Province": "provincial", "Prefecture": "prefectural", "City": "municipal"}


def _mission(name: str) -> bool:
    """Whether a body's name is an embassy's or a consulate's."""
    return MISSION.search(name) is not None


def _names(body: Found, place: Found, core: bool = False) -> bool:
    """Whether a body's name names the place ("Okinawa Prefectural Assembly"; with ``core``, also
    by the gazetteer's name without its type word: "Yamagata Chamber of Commerce" names "Yamagata
    City")."""
    name = _words(body.name)
    forms = [*place.forms(), place.place.name] if core and place.place is not None else place.forms()
    return any(_words(f) in name for f in forms if len(f) > 2)


def _words(name: str) -> str:
    """A name folded to its words, space-padded, for whole-word containment."""
    return " " + " ".join(WORD.findall(fold(name))) + " "


def _body_of(body: Found, place: Found) -> bool:
    """Whether a body is one of the place's own ("Okinawa Prefectural Assembly", "the Provincial
    Party Committee" of a province)."""
    return _names(body, place) or PLACE_ADJECTIVES.get(place.label, "-") in fold(body.name).split()


def _hosts(analysis: Analysis, relations: list[FoundRelation]) -> set[int]:
    """The trip's hosts, who visit nothing (the guide: hosts receive, guests visit): a person who
    only hosts (`ArticleFeatures.host_only`), whoever is named first as the trip's inviter ("at the
    invitation of Mr X, Governor of Y", "invited by the X Committee"), and the bodies and places
    they hold a role in (a body the host heads is no sender of the delegation)."""
    af = analysis.features
    firsts = {idx: where[0][1] for idx, where in af.where.items() if where}  # where each is first named
    hosts = {idx for idx, at in firsts.items() if INVITED_BY.search(af.text[max(0, at - 60) : at])}
    hosts |= {idx for idx in range(len(af.entities)) if af.host_only(idx)}
    return hosts | {r.target for r in relations if r.type == "HOLDS_ROLE" and r.source in hosts}


def _doubtful_roles(relations: list[FoundRelation]) -> list[FoundRelation]:
    """A role the model alone gives below `LIKELY_ROLE` is dropped when the same person holds a
    likelier one: a person with two titles has two roles (the guide), but a second the model doubts
    is most often a body or place named near his one title ("the minister visited the university")."""
    best: dict[int, float] = {}
    for r in relations:
        if r.type == "HOLDS_ROLE":
            best[r.source] = max(best.get(r.source, 0.0), r.confidence)
    return [
        r
        for r in relations
        if not (
            r.type == "HOLDS_ROLE"
            and r.method == "model"
            and r.confidence < LIKELY_ROLE
            and r.confidence < best[r.source]
        )
    ]


def _most_specific_role(relations: list[FoundRelation], entities: list[Found]) -> list[FoundRelation]:
    """A title told in one sentence points at the most specific body or place named for it: a
    role in a place's own body is not also a role in the place (the guide's roles convention)."""
    bodies: dict[tuple[int, str], list[int]] = {}
    for r in relations:
        if r.type == "HOLDS_ROLE" and entities[r.target].label in ORG_LABELS:
            bodies.setdefault((r.source, r.evidence), []).append(r.target)
    return [
        r
        for r in relations
        if not (
            r.type == "HOLDS_ROLE"
            and entities[r.target].label in PLACE_ADJECTIVES
            and any(_body_of(entities[b], entities[r.target]) for b in bodies.get((r.source, r.evidence), ()))
        )
    ]


def _home_places(relations: list[FoundRelation], entities: list[Found]) -> dict[int, list[gazetteer.Place]]:
    """Each person's own places: those they hold a role in, and those of the bodies they serve
    (the body's place by name or by LOCATED_IN)."""
    located: dict[int, set[int]] = {}
    for r in relations:
        if r.type == "LOCATED_IN":
            located.setdefault(r.source, set()).add(r.target)
    places = [i for i, e in enumerate(entities) if e.place is not None and e.label != "Country"]
    homes: dict[int, list[gazetteer.Place]] = {}
    for r in relations:
        if r.type != "HOLDS_ROLE" or entities[r.source].label != "Person":
            continue
        target = entities[r.target]
        own = homes.setdefault(r.source, [])
        if target.place is not None and target.label != "Country":
            own.append(target.place)
        elif target.label in ORG_LABELS:
            served = [p for p in places if p in located.get(r.target, ()) or _names(target, entities[p], core=True)]
            own += [entities[p].place for p in served]  # type: ignore[misc]
    return homes


def _at_home(relations: list[FoundRelation], entities: list[Found], posted: dict[int, str]) -> list[FoundRelation]:
    """No one visits a place of his own (the guide: an official at home visits nothing there):
    the place he holds a role in or serves a body of, a place within it, or its country; nor the
    country he is ``posted`` to (person → country code), where he lives."""
    homes = _home_places(relations, entities)

    def own(person: int, target: Found) -> bool:
        if target.label == "Country" and target.place is not None and posted.get(person) == target.place.code:
            return True
        mine = homes.get(person)
        if not mine or target.place is None:
            return False
        if target.label == "Country":
            return any(p.country == target.place.code for p in mine)
        codes = {p.code for p in mine}
        return any(p.code in codes for p in (target.place, *gazetteer.ancestors(target.place)) if p.label != "Country")

    return [r for r in relations if not (r.type == "VISITED" and own(r.source, entities[r.target]))]


def _against_gazetteer(r: FoundRelation, entities: list[Found]) -> bool:
    """A LOCATED_IN the gazetteer contradicts: a place put in another country than its own, or in a
    region that is not its own where the gazetteer knows which region that is ("Tokyo" in "Nagano
    Prefecture" because both are named side by side)."""
    place, at = entities[r.source].place, entities[r.target].place
    if r.type != "LOCATED_IN" or place is None or at is None or place.label == "Country":
        return False
    if at.label == "Country":
        return at.code != place.country
    if at.label not in ("Prefecture", "Province") or not gazetteer.region_known(place):
        return False
    return not gazetteer.within(place, at)


def _no_signatories(r: FoundRelation, entities: list[Found]) -> bool:
    """Whether a signing or a tie joins two places of one country (places that sign together sign
    with a partner abroad: "Dien Bien, Phongsali and Oudomxay signed"), or a place its sentence
    names only as where it happened ("A and B signed an agreement in C", "… held at C Palace")."""
    if r.type not in ("SIGNED", "TWINNED"):
        return False
    a, b = entities[r.source], entities[r.target]
    if a.place is not None and b.place is not None and a.place.country == b.place.country:
        return True
    return any(e.label in PLACE_LABELS and _venue_only(e, r.evidence) for e in (a, b))


def _venue_only(place: Found, sentence: str) -> bool:
    """Whether every mention of ``place`` in ``sentence`` follows "in" or "at": the venue."""
    taken: list[tuple[int, int]] = []
    for form in sorted({place.name, *place.aliases, *(m.text for m in place.mentions)}, key=len, reverse=True):
        for start, end in whole_word_spans(form, sentence):
            if not any(s < end and start < e for s, e in taken):
                taken.append((start, end))
    return bool(taken) and all(VENUE_BEFORE.search(sentence, 0, start) for start, _ in taken)


def _most_specific(relations: list[FoundRelation], entities: list[Found]) -> list[FoundRelation]:
    """A city lies in its region when the article names one, and only else in its country
    (the guide: City → Prefecture/Province, or → Country when the region is unknown)."""
    region_countries: dict[int, set[str]] = {}
    for r in relations:
        target = entities[r.target]
        if r.type == "LOCATED_IN" and target.label in ("Prefecture", "Province") and target.place is not None:
            region_countries.setdefault(r.source, set()).add(target.place.country)
    return [
        r
        for r in relations
        if not (
            r.type == "LOCATED_IN"
            and entities[r.source].label == "City"
            and entities[r.target].label == "Country"
            and entities[r.target].place is not None
            and entities[r.target].place.code in region_countries.get(r.source, ())
        )
    ]


def _country_visit_dates(relations: list[FoundRelation], entities: list[Found]) -> list[FoundRelation]:
    """A visit to a country began no later than the traveller's first dated visit to a place in it
    ("arrived in Nagoya yesterday … the visit to Japan began today with …"): its date is the earliest
    of its own and theirs, a date at month precision or finer (a bare year may be another trip's)."""
    dated: dict[int, list[tuple[Found, str]]] = {}
    for r in relations:
        place = entities[r.target].place
        if r.type == "VISITED" and place is not None and r.date and not YEAR_ONLY.match(r.date):
            dated.setdefault(r.source, []).append((entities[r.target], r.date))
    out = []
    for r in relations:
        country = entities[r.target]
        if r.type == "VISITED" and country.label == "Country" and country.place is not None:
            inner = [d for e, d in dated.get(r.source, ()) if gazetteer.within(e.place, country.place)]
            first = min([*inner, *([r.date] if r.date else [])], key=_earliest, default=None)
            if first is not None and first != r.date:
                r = replace(r, date=first)
        out.append(r)
    return out


def _earliest(when: str) -> str:
    """A date's sort key: its earliest day, a month after any day of that month ("2019-12-17"
    before "2019-12": the day says more)."""
    return (when + "-99-99")[:10]


def _one_side_met(
    relations: list[FoundRelation], origins: Sequence[frozenset[str]], homes: Sequence[str | None]
) -> list[FoundRelation]:
    """Fellow travellers do not meet (the guide: the hosts and the guests do): two people who
    visited one place, of one country by their names or homes."""
    visited: dict[int, set[int]] = {}
    for r in relations:
        if r.type == "VISITED":
            visited.setdefault(r.source, set()).add(r.target)

    def one_side(a: int, b: int) -> bool:
        if not visited.get(a, set()) & visited.get(b, set()):
            return False
        oa, ob = origins[a], origins[b]
        return bool(oa and ob and oa & ob) or (homes[a] is not None and homes[a] == homes[b])

    return [r for r in relations if not (r.type == "MET" and one_side(r.source, r.target))]

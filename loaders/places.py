"""Places in an article: which gazetteer entry a name means here, by stated rules, and
where the article names countries, subdivisions and cities.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from graph.model import fold
from loaders import gazetteer, lexicon
from loaders.found import Mention
from loaders.gazetteer import Place
from loaders.nlp import doc_text
from loaders.spans import is_cap, lowers_alike, tokens_of, whole_word_spans, words_of

BIG_CITY = gazetteer.BIG_CITY
TYPED_REGION = re.compile(r"((?:[\w'’-]+\s+){1,3})(?:province|prefecture|provincial|prefectural)\b", re.I)
TYPED_REGION_PARTS = (re.compile(r"[^\w'’\s-]+"), re.compile(r"provinc|prefectur", re.I))  # see matches_in_parts


def matches_in_parts(
    pattern: re.Pattern[str], text: str, parts: tuple[re.Pattern[str], re.Pattern[str]]
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``'s matches, found faster (the same groups; positions within a part):
    ``parts`` is a pattern of runs of characters no match of ``pattern`` holds, all of them non-word
    characters, and one that every match holds. The text is cut at the first, and a part without
    the second is passed over. Exact for a ``pattern`` that looks at no character outside its match
    but through ``\\b`` (which sees the same at a cut as at the end of a part)."""
    cut, needed = parts
    for part in cut.split(text):
        if needed.search(part):
            yield from pattern.finditer(part)


def place_for(text: str, label_hint: str | None, context: str, article_countries: set[str]) -> Place | None:
    """Choose the gazetteer entry a place name means here, by stated rules, in this order:
    a place by its own name before one that only GeoNames' alternate names give (Andong, not
    Dandong); one of the kind a type word or a cue in the article asks for ("X Prefecture",
    "Governor of X", "X, Y and Z prefectures" → the prefecture; "X City", "Mayor of X" → the
    city); one in a country the article names; a country, else a large city, else a subdivision.
    A region asked for is never answered with a city (a province is not its capital), and a
    name known only as an alternate name of a place abroad is no place.
    """
    candidates = gazetteer.lookup(text)
    if not candidates:
        return None
    label_hint = label_hint or context_hint(text, context)

    def rank(p: Place) -> tuple[bool, int, bool, int, int]:
        misfit = 0  # a country's name is never a region's or a city's ("provinces of Laos")
        if p.label != "Country" and label_hint == "City":
            misfit = 0 if p.label == "City" else 2
        elif p.label not in ("Country", "Prefecture", "Province") and label_hint == "Prefecture/Province":
            misfit = 1 if p.code in gazetteer.city_subdivision_codes() else 2  # Tokyo's city is its Metropolis
        if p.label == "Country":
            order = 0
        elif p.label == "City" and p.population >= BIG_CITY:
            order = 1
        elif p.label in ("Prefecture", "Province"):
            order = 2
        else:
            order = 3
        own = gazetteer.by_own_name(p, text)
        return (not own, misfit, p.country not in article_countries, order, -p.population)

    best = min(candidates, key=rank)
    if label_hint == "Prefecture/Province" and rank(best)[1] > 1:
        return None  # "Kep Province" is not the town of Kep
    if not gazetteer.by_own_name(best, text) and best.country not in article_countries:
        return None  # "Log" is an old name of Łódź, and a word on a web page
    if (
        best.label == "City"
        and label_hint != "City"
        and best.population < BIG_CITY
        and best.country not in article_countries
    ):
        return None
    return best


def _office_before(doc: Doc, span: Span) -> str | None:
    """The kind of place an office names right before it: "Mayor [Name] of X" → a city,
    "Governor [Name] of X" → a prefecture or province."""
    if span.start < 2 or doc[span.start - 1].lower_ != "of":
        return None
    for tok in reversed(doc[max(0, span.start - 6) : span.start - 1]):
        office = tok.lower_.rstrip(".")  # "Gov."
        if office in lexicon.OFFICE_HINT and tok.text[:1].isupper():
            return lexicon.OFFICE_HINT[office]
        if not (is_cap(tok.text) or tok.lower_ in ("the", "-")):
            return None
    return None


def _well_known_place(span: Span, countries: set[str]) -> bool:
    """A name that is a country, a region or a large city (one word: a region of a country the
    article names), with no title or honorific before it: the model's PERSON tag on it ("visits
    Da Nang", "the provinces of Phongsaly and Oudomxay") is overruled."""
    before = span.doc[span.start - 1].lower_.rstrip(".") if span.start else ""
    if before in lexicon.TITLE_WORDS:
        return False
    places = gazetteer.lookup(span.text)
    if len(span) < 2:
        return any(p.label in ("Prefecture", "Province") and p.country in countries for p in places)
    return any(p.label != "City" or p.population >= BIG_CITY for p in places)


def _paired_with_place(
    tokens: list[Token], i: int, size: int, found: list[Mention], countries: set[str], name: str
) -> bool:
    """A name listed with a place ("between Jinhua and Musanze", "Seattle and Kobe, and Spokane",
    "between Tours and Takamatsu"), and a place of a country the article names: a place too,
    whatever the tagger says."""
    k, nxt = i - 1, i + size
    if k >= 1 and tokens[k].lower_ in ("and", "or") and found:
        before = tokens[k - 2 if tokens[k - 1].text == "," and k >= 2 else k - 1]  # ", and"
        if found[-1].end == before.idx + len(before.text):
            return _place_of_named_country(name, countries)
    if nxt + 1 < len(tokens) and tokens[nxt].lower_ in ("and", "or"):
        words = [t.text for t in itertools.takewhile(lambda t: is_cap(t.text), tokens[nxt + 1 : nxt + 4])]
        partner = any(_place_of_named_country(" ".join(words[:n]), countries) for n in range(len(words), 0, -1))
        return partner and _place_of_named_country(name, countries)
    return False


def _place_of_named_country(name: str, countries: set[str]) -> bool:
    """Whether the gazetteer has a place by this very name in a country of ``countries``."""
    return any(p.country in countries and gazetteer.by_own_name(p, name) for p in gazetteer.lookup(name))


REGION_PLURALS = "prefectures|provinces|states|regions"
LIST_ITEM = r"[a-z][\w'-]*(?:\s[a-z][\w'-]*){0,2}"
LISTED_BEFORE = re.compile(rf"((?:{LIST_ITEM},\s+)*{LIST_ITEM},?\s+and\s+{LIST_ITEM})\s+(?:{REGION_PLURALS})\b")
LISTED_AFTER = re.compile(rf"\b(?:{REGION_PLURALS})\s+of\s+((?:{LIST_ITEM},\s+)*{LIST_ITEM},?\s+and\s+{LIST_ITEM})\b")
LIST_PARTS = (re.compile(r"[^\w'\s,-]+"), re.compile(REGION_PLURALS))  # see matches_in_parts


@lru_cache(maxsize=256)
def listed_regions(context: str) -> frozenset[str]:
    """Names the article lists as regions: "the governors of Iwate, Miyagi and Kumamoto
    prefectures", "the provinces of Phongsaly and Oudomxay" (folded text in, folded names out).

    >>> sorted(listed_regions("governors of iwate, miyagi and kumamoto prefectures met"))
    ['iwate', 'kumamoto', 'miyagi']
    """
    names: set[str] = set()
    for pattern in (LISTED_BEFORE, LISTED_AFTER):
        for m in matches_in_parts(pattern, context, LIST_PARTS):
            items = re.split(r",?\s+and\s+|,\s+", m.group(1))
            names.update(re.sub(r"^(?:.*\bof\s+)?(?:the\s+)?", "", item).strip() for item in items)
    return frozenset(names)


REGION_AFTER = re.compile(r"\s+(prefecture|prefectural|province|provincial|state|region|governor)\b")
REGION_BEFORE = re.compile(r"\b(governor|state|province|prefecture) of\s+$")
CITY_AFTER = re.compile(r"\s+(city|mayor)\b")
CITY_BEFORE = re.compile(r"\bmayor of\s+$")


@lru_cache(maxsize=4096)
def context_hint(text: str, context: str) -> str | None:
    """The kind of place the article's words make a bare name ("Governor of X", "X City",
    "X, Y and Z prefectures")."""
    bare = gazetteer.strip_type_word(gazetteer.key(text))
    spots = whole_word_spans(bare, context, overlapping=True)
    if any(
        REGION_AFTER.match(context, end) or REGION_BEFORE.search(context[max(0, at - 40) : at]) for at, end in spots
    ):
        return "Prefecture/Province"
    if any(item == bare or item.endswith(" " + bare) for item in listed_regions(context)):
        return "Prefecture/Province"
    if any(CITY_AFTER.match(context, end) or CITY_BEFORE.search(context[max(0, at - 20) : at]) for at, end in spots):
        return "City"
    return None


REGION_TYPED = re.compile(r"\b(prefecture|province|state|region|territory|voivodeship|aimag|oblast|krai|-ken|-do)$")
CITY_TYPED = re.compile(r"(\b(city|district|commune|ward|county)|-shi|-gu|-si)$")


def _hint(text: str) -> str | None:
    """The kind of place a name's own type word makes it ("Tottori Prefecture", "Tottori-shi")."""
    low = text.lower()
    if REGION_TYPED.search(low) or (low.endswith(" county") and _county_region(text[: -len(" county")])):
        return "Prefecture/Province"
    if CITY_TYPED.search(low):
        return "City"
    return None


def _county_region(name: str) -> bool:
    """Whether "<name> County" is a first-level region (Taiwan's counties are: "Taitung County")."""
    return any(p.label != "City" for p in gazetteer.lookup(name))


def _after_in(doc: Doc, span: Span) -> bool:
    """A place inside a body's name that says where the body is ("… in Tokyo",
    "Quang Ninh provincial People's Committee")."""
    before_in = span.start > 0 and doc[span.start - 1].lower_ == "in"
    admin_after = span.end < len(doc) and doc[span.end].lower_ in lexicon.ADMIN_WORDS and doc[span.end].is_lower
    return before_in or admin_after


DIRECTIONS = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "middle"}
)
ENVOYS = frozenset({"ambassador", "ambassadors", "envoy", "envoys"})
REGION_NOUNS = frozenset({"state", "province", "prefecture", "region"})
CITY_NOUNS = frozenset({"city", "town"})  # lower case: "Tottori City of Japan" is a name, not a cue


def named_countries_in(doc: Doc) -> set[str]:
    """The countries an article names, by name or by demonym ("Viet Nam", "Lao PDR", "Japanese")."""
    codes: set[str] = set()
    text = doc_text(doc)
    words = words_of(doc)  # the tokens' characters, without making a Token per token
    starts, ends = words.start, words.end
    n = len(starts)
    for i in range(n):
        if not words.cap[i]:
            continue
        for size in (3, 2, 1):
            name = text[starts[i] : ends[min(i + size, n) - 1]]  # what doc[i : i + size].text gives
            hit = gazetteer.country(name)
            code = hit.code if hit else (gazetteer.demonym(name) if size == 1 else None)
            if code:
                codes.add(code)
                break
    return codes


def _after_title(doc: Doc, span: Span) -> bool:
    """A one-word name right after a title or an honorific ("minister Ota", "Mr. Fukuyama"), unless
    a title follows it too: then it is the title's place ("Acting Tainan Mayor X")."""
    if len(span) != 1 or span.start == 0:
        return False
    before = doc[span.start - 1].lower_.rstrip(".")
    titled = span.end < len(doc) and doc[span.end].lower_ in lexicon.ROLE_TOKENS  # "Acting Tainan Mayor X"
    return before in lexicon.TITLE_WORDS and not titled


DOMINANT = 10  # a city abroad stands for its name when it is this many times larger than any namesake


def _namesakes_abroad(place: Place, text: str, hint: str | None) -> list[Place]:
    """Other places of other countries that bear ``text`` as their own name and fit the kind the
    words ask for, and are not far smaller than ``place`` (a region has no population: every
    namesake counts against it). With no country of theirs named, nothing tells them apart.

    >>> [p.country for p in _namesakes_abroad(lookup_one("London", "GB"), "London", None)]
    []
    >>> sorted({p.country for p in _namesakes_abroad(lookup_one("Hyderabad", "IN"), "Hyderabad", None)})
    ['PK']
    """
    rivals = []
    for other in gazetteer.lookup(text):
        if other.country == place.country or not gazetteer.by_own_name(other, text):
            continue
        if hint == "City" and other.label != "City":
            continue
        if hint == "Prefecture/Province" and other.label not in ("Prefecture", "Province"):
            continue
        region = place.label != "City" or other.label != "City"
        if region or other.population * DOMINANT >= place.population:
            rivals.append(other)
    return rivals


def lookup_one(name: str, country: str) -> Place:
    """The first gazetteer entry for ``name`` in ``country`` (for examples and tests)."""
    return next(p for p in gazetteer.lookup(name) if p.country == country)


def _strong_abroad(doc: Doc, span: Span, place: Place, hint: str | None = None) -> bool:
    """Whether a place of a country the article never names is named clearly enough to stand:
    a country; a large city or a region by its own name, not the tail of a longer capitalised
    name ("Mekong Delta" is not Nigeria's Delta), a region not used as a common noun ("the
    West"), and one its name picks out: no namesake of the same kind in another unnamed country
    (Santa Fe the Argentine province or the New Mexico city; Hyderabad in India or Pakistan), unless
    the place is ten times larger than any (London, not London in Ontario)."""
    if place.label == "Country":
        return True
    prev = doc[span.start - 1] if span.start else None
    if prev is not None and is_cap(prev.text) and not prev.is_sent_start and not prev.is_punct:
        return False
    if not gazetteer.by_own_name(place, span.text):
        return False
    if _namesakes_abroad(place, span.text, hint):
        return False
    if place.label == "City":
        return place.population >= BIG_CITY or _hint(span.text) == "City"
    return _hint(span.text) is not None or prev is None or prev.lower_ != "the"


# Type words a place's name may carry ("Selenge aimag", "Phu My district").
TOWN_TYPE_WORDS = frozenset({"district", "commune", "ward", "county"})
SPAN_TYPE_WORDS = frozenset({"prefecture", "province", "city", "aimag", "oblast", "krai"}) | TOWN_TYPE_WORDS

TITLE_OR_BODY_WORDS = lexicon.ROLE_TOKENS | lexicon.ORGANIZATION_WORDS


def known_place(name: str) -> bool:
    """A country, region or large city by that name (a small town's name may be anyone's)."""
    return any(p.label != "City" or p.population >= BIG_CITY for p in gazetteer.lookup(name))


def _part_of(name: str, word: str) -> bool:
    """Whether a town word after a known name names a part of it ("the Seoul district"), not the
    place itself ("Phu My district"); a county named after a region is the region ("Taitung County")."""
    if word == "county" and _county_region(name):
        return False
    return word in TOWN_TYPE_WORDS and known_place(name)


def _suffix(tok: Token) -> bool:
    """A lower-case name ending joined by a hyphen ("Jeollabuk-do", "Dobong-gu")."""
    doc = tok.doc
    return (
        tok.i > 0
        and doc[tok.i - 1].text == "-"
        and not doc[tok.i - 1].whitespace_
        and tok.text.isalpha()
        and tok.text.islower()
        and len(tok.text) <= 4
    )


def place_mentions(
    doc: Doc,
    text: str,
    taken: list[tuple[int, int]],
    dateline: str | None,
    people: list[tuple[int, int]] | None = None,
    ents: Sequence[Span] | None = None,
) -> list[Mention]:
    """Countries, subdivisions and cities named in the text (not inside organisation names,
    except after 'in', where a name says where the organisation is). ``ents``: ``doc.ents`` if
    the caller has read them (spaCy makes them anew on every read)."""
    context = fold(text)
    if ents is None:
        ents = doc.ents
    countries = {p.code for p in (gazetteer.country(e.text) for e in ents if e.label_ == "GPE") if p}
    countries |= named_countries_in(doc)
    for typed_name in matches_in_parts(TYPED_REGION, text, TYPED_REGION_PARTS):  # "Lâm Đồng province" later on
        # makes "in Đà Lạt" Vietnamese
        words = list(itertools.takewhile(lambda w: w[:1].isupper(), reversed(typed_name.group(1).split())))
        if words:
            countries |= {p.country for p in gazetteer.lookup(" ".join(reversed(words))) if p.label != "City"}
    spacy_places = {(e.start_char, e.end_char) for e in ents if e.label_ in ("GPE", "LOC")}
    people = [(e.start_char, e.end_char) for e in ents if e.label_ == "PERSON"] + (people or [])
    named_countries = set(countries)
    found: list[Mention] = []
    unsure: list[tuple[int, int, str | None]] = []  # towns passed over as likely words: see `_towns_of_named_regions`
    i = 0
    tokens = tokens_of(doc)

    def doubt(at: int, size: int, hint: str | None) -> None:
        """Keep tokens ``at``..``at+size-1`` for `_towns_of_named_regions`, if no longer name holds them."""
        if _standalone(tokens, at, size):
            last = tokens[at + size - 1]
            unsure.append((tokens[at].idx, last.idx + len(last.text), hint))

    # Whether each token may stand in a place's name, read once per token rather than once per
    # window that holds it: no punctuation but a hyphen, and capitalised, a type word, a hyphen
    # or a hyphenated lower-case ending.
    words = words_of(doc)
    texts, types = words.text, [w in SPAN_TYPE_WORDS for w in words.lower]
    fits = [
        not (words.punct[k] and x != "-")
        and (words.cap[k] or types[k] or x == "-" or k > 0 and texts[k - 1] == "-" and _suffix(tokens[k]))
        for k, x in enumerate(texts)
    ]
    # A window's name as ``doc[i : j].text`` gives it, sliced from the text: most windows name no
    # place, and a Span costs more than the slice.
    whole = doc_text(doc)
    starts, ends = words.start, words.end
    while i < len(tokens):
        if not words.cap[i] or words.punct[i]:
            i += 1
            continue
        matched = False
        for size in (4, 3, 2, 1):
            if i + size > len(tokens):
                continue
            if not all(fits[i : i + size]) or texts[i + size - 1] == "-":
                continue
            if not gazetteer.lookup(whole[starts[i] : ends[i + size - 1]]):
                continue  # no place by this name: `place_for` finds none, and no region is known by it
            span = doc[i : i + size]
            indefinite = i > 0 and tokens[i - 1].lower_ in ("a", "an", "another")  # "a Seoul district"
            if span[-1].lower_ in SPAN_TYPE_WORDS and (indefinite or _part_of(span[:-1].text, span[-1].lower_)):
                continue
            start, end = span.start_char, span.end_char
            if any(s <= start < e for s, e in taken) and not _after_in(doc, span):
                continue
            nxt = tokens[i + size] if i + size < len(tokens) else None
            typed = nxt is not None and nxt.lower_ in lexicon.PLACE_TYPE_WORDS
            overlapping = [(s, e) for s, e in people if s < end and start < e]
            name = span.text
            own_hint = _hint(name)  # the name's own type word (asked for below more than once)
            paired = _paired_with_place(tokens, i, size, found, countries, name)
            named_person = (
                own_hint is None
                and not typed
                and context_hint(name, context) is None
                and bool(overlapping)
                and not (all(start <= s and e <= end for s, e in overlapping) and _well_known_place(span, countries))
                and not (nxt is not None and nxt.lower_ in lexicon.ROLE_TOKENS)  # "Tainan Mayor X": whose title
                and not paired
            )
            landmark = nxt is not None and nxt.lower_ in lexicon.LANDMARK_WORDS and is_cap(nxt.text)  # "Ha Long Bay"
            if (
                (size == 1 and (span[0].is_stop or (gazetteer.demonym(name) and not gazetteer.country(name))))
                or named_person
                or landmark
                or span[0].lower_ == "the"
            ):
                continue
            hint = own_hint
            if (
                hint is None
                and nxt is not None
                and nxt.lower_ in SPAN_TYPE_WORDS
                and not (indefinite or _part_of(name, nxt.lower_))
            ):
                continue  # the longer form with its type word is tried first
            if size == 1 and span[0].lower_ in DIRECTIONS and not typed:
                continue  # "Northern provinces of Laos", "the West": a direction, not a region
            if (
                i > 0
                and tokens[i - 1].lower_ in DIRECTIONS
                and tokens[i - 1].ent_iob_ in ("B", "I")
                and (span[0].ent_iob_ == "I")
            ):
                continue  # "East Kalimantan" is not Kalimantan: the model reads one name
            if hint is None and not typed and _after_title(doc, span):
                continue  # "minister Ota", "secretary-general Fukuyama": a person's name
            if hint is None and i >= 2 and tokens[i - 1].lower_ == "of" and tokens[i - 2].lower_ in REGION_NOUNS:
                hint = "Prefecture/Province"  # "the State of Malacca"
            if hint is None and i >= 2 and tokens[i - 1].lower_ == "of" and tokens[i - 2].text in CITY_NOUNS:
                hint = "City"  # "the city of Malacca": the city, where the article elsewhere means the state
            if hint is None and nxt is not None:
                hint = lexicon.OFFICE_HINT.get(
                    nxt.lower_
                )  # "Osaka Governor" → the prefecture, "Osaka Mayor" → the city
            if hint is None:
                hint = _office_before(doc, span)  # "Mayor Kazumi Matsui of Hiroshima" → the city
            if hint is None and i > 1 and tokens[i - 1].lower_ == "to" and tokens[i - 2].lower_ in ENVOYS:
                hint = "City"  # "Ambassador to Tashkent": an envoy is posted to a capital, never a region
            place = place_for(name, hint, context, countries)
            if place is None:
                if hint != "Prefecture/Province":
                    doubt(i, size, hint)
                if hint == "Prefecture/Province" and own_hint and gazetteer.lookup(name):
                    # a region the gazetteer knows only by its capital's name: a region of its own
                    label = "Prefecture" if span[-1].lower_ == "prefecture" else "Province"
                    found.append(Mention(name, start, end, label, "gazetteer:region-unknown"))
                    i += size
                    matched = True
                    break
                continue
            if place.country not in named_countries and not _strong_abroad(doc, span, place, hint):
                if place.label == "City":
                    doubt(i, size, hint)
                continue  # a place in a country the article never names needs more than a bare word
            unmarked = (
                hint is None and context_hint(name, context) is None and (start, end) not in spacy_places and not paired
            )
            went = i > 0 and tokens[i - 1].lower_ in ("in", "to", "from") and place.country in countries  # "in Đà Lạt"
            if unmarked and (
                (place.label == "City" and place.population < BIG_CITY and not went)
                or (place.label in ("Prefecture", "Province") and place.country not in named_countries)
            ):
                if place.label == "City":
                    doubt(i, size, hint)
                continue  # a small town, or a region of a country the article never names: likely a word
            found.append(Mention(name, start, end, place.label, "gazetteer", place))
            countries.add(place.country)
            i += size
            matched = True
            break
        if not matched:
            i += 1
    found = _official_country_names(whole, found, taken, countries)
    towns = _towns_of_named_regions(whole, unsure, found, context, countries)
    if towns:
        found = sorted(found + towns, key=lambda m: m.start)
    if dateline:
        place = place_for(dateline, "City", context, countries) or place_for(dateline, None, context, countries)
        if place:
            found.append(Mention(dateline.title(), -1, -1, place.label, "dateline", place))
    return found


def _official_country_names(
    text: str, found: list[Mention], taken: list[tuple[int, int]], countries: set[str]
) -> list[Mention]:
    """``found`` with each country named by a longer form of its name ("Republic of Korea", "Lao
    People's Democratic Republic") as one mention of the whole form, where the window scan, which
    reads only capitalised words, found its last word alone or nothing; not inside a body's name
    unless after "in"."""
    for match in gazetteer.long_country_forms().finditer(text):
        start, end = match.span()
        place = gazetteer.country(match.group())
        inner = [m for m in found if m.start < end and start < m.end]
        if place is None or any(m.place is None or m.place.code != place.code for m in inner):
            continue
        if not inner and any(s <= start < e for s, e in taken) and not text.endswith("in ", 0, start):
            continue
        found = [m for m in found if m not in inner]
        found.append(Mention(match.group(), start, end, "Country", "gazetteer", place))
        countries.add(place.country)
    return sorted(found, key=lambda m: m.start)


def _standalone(tokens: list[Token], i: int, size: int) -> bool:
    """Whether tokens ``i``..``i+size-1`` are no part of a longer capitalised or hyphenated name
    ("Hadong World Tea Expo", "Namwon-gu")."""
    before = tokens[i - 1] if i else None
    after = tokens[i + size] if i + size < len(tokens) else None
    if (after is not None and (is_cap(after.text) or after.text == "-")) or (before is not None and before.text == "-"):
        return False
    return not (before is not None and is_cap(before.text) and not tokens[i].is_sent_start)


def _towns_of_named_regions(
    text: str, unsure: list[tuple[int, int, str | None]], found: list[Mention], context: str, countries: set[str]
) -> list[Mention]:
    """Towns passed over as likely words (a small town's bare name, or one of a country not yet
    named) that lie in a prefecture or province the article names ("Sakhalin's capital,
    Yuzhno-Sakhalinsk"; "Gandhinagar" with Gujarat): the region makes the name a place."""
    regions = {m.place.code for m in found if m.place is not None and m.place.label in ("Prefecture", "Province")}
    out: list[Mention] = []
    for start, end, hint in unsure:
        if any(m.start < end and start < m.end for m in (*found, *out)):
            continue
        name = text[start:end]
        place = place_for(name, hint or "City", context, countries)
        if place is None or place.label != "City":
            continue
        region = next(gazetteer.ancestors(place), None)
        if region is not None and region.code in regions:
            out.append(Mention(name, start, end, "City", "gazetteer:in-named-region", place))
    return out


# A name the gazetteer does not know, made a place by the word that types it.
REGION_WORDS = lexicon.REGION_TYPE_WORDS
TOWN_WORDS = lexicon.TOWN_TYPE_WORDS
TYPED_UNKNOWN = re.compile(
    rf"\b((?:[A-Z][\w'’]+(?:-[\w'’]+)?\s+){{0,2}}[A-Z][\w'’]+(?:-[\w'’]+)?)\s+(?i:({REGION_WORDS})|({TOWN_WORDS}))\b"
)
NOT_NAMES = frozenset({"sister", "friendship", "partner", "twin", "each", "both", "neighbouring", "neighboring"})
KOREAN_SUFFIX = re.compile(r"\b([A-Z][a-z]+(?:-?[a-z]+)?-(?:(do)|(gu|gun|si)))\b")
# A name the gazetteer lacks, told where it lies: "in Suo-Oshima, Yamaguchi Prefecture", "held in Kep in
# Kampot Province", "from Kep, Kampot Province" (a town: the text gives it a region).
_NAME = r"(?:[A-Z][\w'’]+(?:-[\w'’]+)?\s+){0,2}[A-Z][\w'’]+(?:-[\w'’]+)?"
REGIONS = ("Prefecture", "Province")
ADDRESSED = re.compile(
    rf"\b(?:(?:in|at)\s+({_NAME})(?:,\s+|\s+in\s+)|(?:from|to)\s+({_NAME}),\s+)({_NAME}(?:\s+(?i:prefecture|province))?)\b"
)
# A Japanese town or village by its suffix: "Nagaizumi-cho".
JAPANESE_SUFFIX = re.compile(rf"\b([A-Z][a-z]{{2,}}-(?:{lexicon.JAPANESE_TOWN_SUFFIXES}))\b")
# What a match of `TYPED_UNKNOWN` (in the lower-cased text, where `lowers_alike`), `KOREAN_SUFFIX` and
# `JAPANESE_SUFFIX` holds: most articles hold none, and looking for them costs less than the patterns.
TYPE_WORDS = tuple(f"{REGION_WORDS}|{TOWN_WORDS}".split("|"))
KOREAN_ENDS = ("-do", "-gu", "-si")
JAPANESE_ENDS = tuple("-" + suffix for suffix in lexicon.JAPANESE_TOWN_SUFFIXES.split("|"))


def _describes_someone(text: str, at: int) -> bool:
    """Whether a region named at ``at`` goes on into a title ("to Kenji Muraoka, Yamaguchi
    Prefecture Governor", "Yamaguchi Prefecture's governor"): it describes a person, not a town."""
    after = re.match(r"(?:['’]s)?\s+([\w-]+)", text[at : at + 40])
    return after is not None and after.group(1).lower() in lexicon.ROLE_TOKENS


def unknown_places(doc: Doc, taken: list[tuple[int, int]], ents: Sequence[Span] | None = None) -> list[Mention]:
    """Places the gazetteer lacks, typed by their own words: "Selenge aimag", "Phu My district"
    (a region or a town), "Jeollabuk-do", "Dobong-gu" (Korean province and district suffixes),
    "Nagaizumi-cho" (a Japanese town's), a town the text gives a region ("in Suo-Oshima, Yamaguchi
    Prefecture", and its other mentions), and a name the model took for a place right before a
    governor's or mayor's title
    ("West Java Governor"). None of their words may be a known place, title or body word. ``ents``:
    ``doc.ents`` if the caller has read them."""
    text = doc_text(doc)
    found: list[Mention] = []

    def add(start: int, end: int, label: str, name_part: str) -> None:
        words = name_part.split()
        if any(s < end and start < e for s, e in taken) or any(m.start < end and start < m.end for m in found):
            return
        if any(w.lower() in TITLE_OR_BODY_WORDS for w in words):
            return
        if all(w.lower() in DIRECTIONS for w in words) or text[max(0, start - 3) : start].lower() in (" a ", "an "):
            return  # "the Northern province", "a Mekong Delta province": no name
        first = doc.char_span(start, end, alignment_mode="expand")
        if first is None or first[0].is_stop or first[0].lower_ in NOT_NAMES:
            return  # "The province", "Sister Province"
        if gazetteer.lookup(name_part) or gazetteer.country(name_part) or gazetteer.demonym(words[0]):
            return
        found.append(Mention(text[start:end], start, end, label, "pattern:typed-unknown-place"))

    low = text.lower() if lowers_alike(text) else None
    if low is None or any(word in low for word in TYPE_WORDS):
        for m in TYPED_UNKNOWN.finditer(text):
            add(m.start(1), m.end(), "Province" if m.group(2) else "City", m.group(1))
    if any(end in text for end in KOREAN_ENDS):
        for m in KOREAN_SUFFIX.finditer(text):
            add(m.start(1), m.end(1), "Province" if m.group(2) else "City", m.group(1))
    addressed = [
        m
        for m in ADDRESSED.finditer(text)
        if any(p.label in REGIONS for p in gazetteer.lookup(m.group(3))) and not _describes_someone(text, m.end(3))
    ]
    for m in addressed:
        town = 1 if m.group(1) else 2
        add(m.start(town), m.end(town), "City", m.group(town))
    for name in dict.fromkeys(m.group(1) or m.group(2) for m in addressed):  # its other mentions, spelt either way
        again = r"[-\s]".join(map(re.escape, re.split(r"[-\s]+", name)))
        for m in re.finditer(rf"(?<![\w'’-]){again}(?![\w'’-])", text):
            add(m.start(), m.end(), "City", m.group(0))
    if any(end in text for end in JAPANESE_ENDS):
        for m in JAPANESE_SUFFIX.finditer(text):
            before = text[max(0, m.start() - 30) : m.start()]
            if not re.search(r"[A-Z][\w’'-]*\s+$", before):  # no given name "Kim Dae-cho"
                add(m.start(1), m.end(1), "City", m.group(1))
    for ent in doc.ents if ents is None else ents:
        if ent.label_ not in ("GPE", "LOC") or ent.end >= len(doc):
            continue
        hint = lexicon.OFFICE_HINT.get(doc[ent.end].lower_) if doc[ent.end].text[:1].isupper() else None
        span = ent[1:] if ent[0].lower_ == "the" else ent
        if hint and len(span) and all(is_cap(t.text) for t in span):
            add(span.start_char, span.end_char, "Province" if hint != "City" else "City", span.text)
    return found

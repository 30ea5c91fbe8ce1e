"""Reading articles: files and folders of .txt, .html and .json/.jsonl records.

Every input yields either a Document or a ReadFailure with a one-line reason,
so one bad file never stops the others.
"""

from __future__ import annotations

import codecs
import errno
import json
import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from charset_normalizer import from_bytes

log = logging.getLogger(__name__)

MAX_BYTES = 5 * 1024 * 1024
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
RECORD_SUFFIXES = frozenset({".json", ".jsonl", ".ndjson"})
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES
META_KEYS = ("title", "date", "url", "source")


@dataclass(frozen=True)
class Document:
    """One article's raw text and whatever metadata came with it."""

    name: str
    text: str
    path: str
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ReadFailure:
    """An input that yielded no article, and why."""

    name: str
    reason: str


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class Unreadable(Exception):
    """Raised inside this module; surfaces as a ReadFailure."""


def decode(data: bytes) -> str:
    """Text from bytes: UTF-8 when valid, else the encoding charset-normalizer finds."""
    for bom, encoding in _BOMS:  # UTF-32 first: its little-endian mark begins with UTF-16's
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                raise Unreadable(f"not valid {encoding.upper()[:6]} despite its byte-order mark") from None
            if not text.strip():
                raise Unreadable("empty file")
            return text
    if not data.strip():
        raise Unreadable("empty file")
    if b"\x00" in data[:8192]:
        raise Unreadable("binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise Unreadable("not text in any encoding charset-normalizer recognises")
    log.info("decoded as %s", best.encoding)
    return str(best)


def html_to_text(html: str) -> tuple[str, dict[str, Any]]:
    """The main text of a page and its metadata, by trafilatura."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_recall=True)
    if not text:
        raise Unreadable("no article text found in the HTML")
    meta: dict[str, Any] = {}
    doc = trafilatura.extract_metadata(html)
    if doc is not None:
        for key, attr in (("title", "title"), ("date", "date"), ("url", "url"), ("source", "sitename")):
            value = getattr(doc, attr, None)
            if value:
                meta[key] = value
    return text, meta


def _records(path: Path, text: str) -> Iterator[Document | ReadFailure]:
    if path.suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            yield ReadFailure(path.name, f"invalid JSON: {exc.msg} at line {exc.lineno}")
            return
        except RecursionError:
            yield ReadFailure(path.name, "invalid JSON: nested too deeply")
            return
        items = data if isinstance(data, list) else [data]
        lines: Iterable[tuple[int, Any]] = enumerate(items, start=1)
    else:
        lines = _jsonl(path, text)
    for number, item in lines:
        name = f"{path.name}#{number}"
        if isinstance(item, ReadFailure):
            yield item
        elif not isinstance(item, dict) or not str(item.get("text") or "").strip():
            yield ReadFailure(name, "record has no 'text'")
        else:
            meta = {k: item[k] for k in META_KEYS if item.get(k)}
            yield Document(str(item.get("file") or name), str(item["text"]), str(path), meta)


def _jsonl(path: Path, text: str) -> Iterator[tuple[int, Any]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, ReadFailure(f"{path.name}#{number}", f"invalid JSON line: {exc.msg}")
        except RecursionError:
            yield number, ReadFailure(f"{path.name}#{number}", "invalid JSON line: nested too deeply")


def read_path(path: Path) -> Iterator[Document | ReadFailure]:
    """The articles in one file."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise Unreadable(f"too large ({size // 1024} KiB; the limit is {MAX_BYTES // 1024} KiB)")
        text = decode(path.read_bytes())
        if path.suffix.lower() in RECORD_SUFFIXES:
            yield from _records(path, text)
            return
        meta: dict[str, Any] = {}
        if path.suffix.lower() in HTML_SUFFIXES:
            text, meta = html_to_text(text)
        yield Document(path.name, text, str(path), meta)
    except Unreadable as exc:
        yield ReadFailure(path.name, str(exc))
    except OSError as exc:
        yield ReadFailure(path.name, exc.strerror or str(exc))
    except Exception as exc:  # a parser's failure on one file costs only that file
        log.debug("reading %s failed", path, exc_info=True)
        detail = " ".join(str(exc).split())[:200]
        yield ReadFailure(path.name, f"could not be read ({type(exc).__name__}: {detail})")


def expand(paths: Iterable[Path | str]) -> Iterator[Path | ReadFailure]:
    """Files named directly, and the article files under folders (recursively, sorted; linked
    folders followed once, a link that loops or leads nowhere reported)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path, path, {_identity(path)})
        elif path.is_file():
            yield path
        elif path.is_symlink():
            yield ReadFailure(str(path), _broken_link(path))
        else:
            yield ReadFailure(str(path), "no such file or folder")


def _identity(folder: Path) -> tuple[int, int]:
    stat = folder.stat()
    return stat.st_dev, stat.st_ino


def _broken_link(path: Path) -> str:
    try:
        path.resolve(strict=True)
    except RuntimeError:
        return "symbolic link loop"
    except OSError as exc:
        return "symbolic link loop" if exc.errno == errno.ELOOP else "symbolic link to nothing"
    return "symbolic link to neither a file nor a folder"


def _walk(folder: Path, top: Path, seen: set[tuple[int, int]]) -> Iterator[Path | ReadFailure]:
    try:
        children = sorted(folder.iterdir())
    except OSError as exc:
        yield ReadFailure(str(folder.relative_to(top.parent)), f"cannot list folder: {exc.strerror or exc}")
        return
    for child in children:
        if child.name.startswith("."):
            continue
        if child.is_dir():
            key = _identity(child)
            if key in seen:
                back = f"{os.readlink(child)} leads back to a folder being read"
                yield ReadFailure(child.name, f"symbolic link loop ({back})")
                continue
            yield from _walk(child, top, seen | {key})
        elif child.is_file():
            if child.suffix.lower() in SUFFIXES:
                yield child
            else:
                yield ReadFailure(child.name, f"not an article file ({child.suffix or 'no suffix'})")
        elif child.is_symlink():
            yield ReadFailure(child.name, _broken_link(child))


def read(paths: Iterable[Path | str]) -> Iterator[Document | ReadFailure]:
    """Every article under ``paths``, in order, with failures in their place."""
    for item in expand(paths):
        if isinstance(item, ReadFailure):
            yield item
        else:
            yield from read_path(item)

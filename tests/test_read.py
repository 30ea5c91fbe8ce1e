import json
from pathlib import Path

import pytest

from loaders.read import Document, ReadFailure, decode, read


def _names(items):
    return [(i.name, type(i).__name__) for i in items]


def test_encodings_are_detected():
    text = "Le président a visité Hà Nội et la Préfecture de Tottori. " * 5
    assert decode(text.encode("utf-8")) == text
    assert decode(("\ufeff" + text).encode("utf-8")) == text
    latin = "Délégation française à Tokyo, réunion économique très appréciée. " * 5
    assert decode(latin.encode("cp1252")) == latin


@pytest.mark.parametrize("data, reason", [(b"", "empty"), (b"  \n", "empty"), (b"ab\x00cd" * 10, "binary")])
def test_unreadable_bytes(tmp_path: Path, data: bytes, reason: str):
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    [item] = list(read([path]))
    assert isinstance(item, ReadFailure) and reason in item.reason


def test_folders_recurse_and_report_every_bad_file(tmp_path: Path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("text b")
    (tmp_path / "a.txt").write_text("text a")
    (tmp_path / ".hidden.txt").write_text("hidden")
    (tmp_path / "img.png").write_bytes(b"\x89PNG")
    items = list(read([tmp_path, tmp_path / "missing.txt"]))
    assert _names(items) == [
        ("a.txt", "Document"),
        ("img.png", "ReadFailure"),
        ("b.txt", "Document"),
        (str(tmp_path / "missing.txt"), "ReadFailure"),
    ]


def test_jsonl_skips_only_the_broken_record(tmp_path: Path):
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"text": "first", "title": "One", "date": "2024-01-02"}),
        "{broken",
        json.dumps({"title": "no text"}),
        json.dumps({"text": "fourth", "url": "http://example.org/4"}),
    ]
    path.write_text("\n".join(lines))
    items = list(read([path]))
    assert _names(items) == [
        ("feed.jsonl#1", "Document"),
        ("feed.jsonl#2", "ReadFailure"),
        ("feed.jsonl#3", "ReadFailure"),
        ("feed.jsonl#4", "Document"),
    ]
    assert isinstance(items[0], Document) and items[0].meta == {"title": "One", "date": "2024-01-02"}


def test_html_main_text(tmp_path: Path):
    body = " ".join(["Governor Heita Kawakatsu met the delegation from Zhejiang Province in Shizuoka."] * 8)
    html = f"""<html><head><title>Shizuoka welcomes Zhejiang</title></head><body>
    <nav><a href="/">Home</a> <a href="/news">News</a></nav>
    <article><h1>Shizuoka welcomes Zhejiang</h1><p>{body}</p><p>{body}</p></article>
    <footer>Copyright 2024 Example News</footer></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(html)
    [doc] = list(read([path]))
    assert isinstance(doc, Document)
    assert "Heita Kawakatsu" in doc.text and "Copyright" not in doc.text
    assert doc.meta.get("title") == "Shizuoka welcomes Zhejiang"

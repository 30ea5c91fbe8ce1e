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


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_byte_order_marks_name_the_encoding(encoding: str):
    text = "Governor Hirai Shinji of Tottori Prefecture welcomed the delegation from Hà Nội. " * 3
    data = text.encode(encoding)  # utf-16 and utf-32 write their mark; the -be ones get one here
    if encoding.endswith("-be"):
        data = "\ufeff".encode(encoding) + data
    assert decode(data) == text


def test_symlink_loops_and_dead_links_are_reported(tmp_path: Path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("text b")
    (tmp_path / "sub" / "up").symlink_to("..")
    (tmp_path / "x").symlink_to(tmp_path / "y")
    (tmp_path / "y").symlink_to(tmp_path / "x")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    items = list(read([tmp_path]))
    reasons = {i.name: i.reason for i in items if isinstance(i, ReadFailure)}
    assert [i.name for i in items if isinstance(i, Document)] == ["b.txt"]
    assert "symbolic link loop" in reasons["up"] and "symbolic link loop" in reasons["x"]
    assert "symbolic link to nothing" in reasons["gone.txt"]


def test_deeply_nested_json_is_one_failure(tmp_path: Path):
    (tmp_path / "deep.json").write_text("[" * 100_000)
    (tmp_path / "deep.jsonl").write_text(json.dumps({"text": "fine"}) + "\n" + "[" * 100_000 + "\n")
    items = list(read([tmp_path]))
    assert _names(items) == [
        ("deep.json", "ReadFailure"),
        ("deep.jsonl#1", "Document"),
        ("deep.jsonl#2", "ReadFailure"),
    ]
    assert all("nested too deeply" in i.reason for i in items if isinstance(i, ReadFailure))


def test_a_text_over_the_cap_is_refused_in_one_line():
    from loaders.pipeline import MAX_CHARS, process_document

    sentence = "Governor Hirai Shinji of Tottori Prefecture met the delegation from Hanoi in Tottori City. "
    for size in (1_600_000, MAX_CHARS + 1000):
        # numbered, so that no sentence repeats another (cleaning drops repeated lines)
        text = "".join(f"Item {n}: {sentence}" for n in range(size // len(sentence)))
        result = process_document(Document("long.txt", text, "long.txt"))
        assert not result.ok and "text too long" in result.error and "\n" not in result.error

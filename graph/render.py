"""Rows (lists of dicts) out as a rich table, CSV or JSON: one renderer for every verb."""

from __future__ import annotations

import csv
import io
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Any

from neo4j.graph import Node, Relationship
from neo4j.graph import Path as GraphPath
from rich.console import Console
from rich.table import Table
from rich.text import Text


class RowFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def plain(value: Any) -> Any:
    """A value JSON can hold: nodes, relationships and paths as the driver's JSON has them
    (element ids, labels or type, properties), temporal types as ISO text, tuples as lists."""
    if isinstance(value, Node):
        return {"elementId": value.element_id, "labels": sorted(value.labels), "properties": plain(dict(value))}
    if isinstance(value, Relationship):
        return {
            "elementId": value.element_id,
            "type": value.type,
            "startNodeElementId": value.start_node.element_id if value.start_node else None,
            "endNodeElementId": value.end_node.element_id if value.end_node else None,
            "properties": plain(dict(value)),
        }
    if isinstance(value, GraphPath):
        return {"nodes": [plain(n) for n in value.nodes], "relationships": [plain(r) for r in value.relationships]}
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    if hasattr(value, "iso_format"):
        return value.iso_format()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def _literal(value: Any) -> str:
    """A property value as cypher-shell writes it."""
    value = plain(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_literal(v) for v in value) + "]"
    if value is None:
        return "NULL"
    return json.dumps(value)


def _props(entity: Node | Relationship) -> str:
    items = dict(entity)
    return " {" + ", ".join(f"{k}: {_literal(v)}" for k, v in sorted(items.items())) + "}" if items else ""


def shell_text(value: Node | Relationship | GraphPath) -> str:
    """A node, relationship or path as cypher-shell prints it: ``(:Label {k: "v"})``, ``[:TYPE {…}]``."""
    if isinstance(value, Node):
        return "(" + "".join(f":{label}" for label in sorted(value.labels)) + _props(value) + ")"
    if isinstance(value, Relationship):
        return f"[:{value.type}{_props(value)}]"
    text = shell_text(value.start_node)
    for rel in value.relationships:
        forward = rel.start_node is not None and rel.start_node.element_id == _last_node(value, rel)
        end = rel.end_node if forward else rel.start_node
        text += f"-{shell_text(rel)}->" if forward else f"<-{shell_text(rel)}-"
        text += shell_text(end) if end is not None else "()"
    return text


def _last_node(path: GraphPath, rel: Relationship) -> str:
    """The element id of the node a path has reached just before ``rel``."""
    nodes = path.nodes
    index = path.relationships.index(rel)
    return nodes[index].element_id


def cell(value: Any) -> str:
    """A value as one table or CSV cell: graph values as cypher-shell prints them, lists joined
    with '; ', maps as JSON, None as empty."""
    if isinstance(value, Node | Relationship | GraphPath):
        return shell_text(value)
    if isinstance(value, list | tuple) and any(isinstance(v, Node | Relationship | GraphPath) for v in value):
        return "[" + ", ".join(cell(v) for v in value) + "]"
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


UNWRAPPED = 100_000  # a table's width when it goes to a file or pipe: every value whole

# A spreadsheet reads a cell starting with one of these as a formula (OWASP, "CSV Injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def defuse(value: Any, text: str) -> str:
    """``text`` (the CSV form of ``value``) with a leading ``'`` when a spreadsheet would run it as
    a formula; numbers stay numbers.

    >>> defuse("=HYPERLINK(1)", "=HYPERLINK(1)"), defuse(-2, "-2")
    ("'=HYPERLINK(1)", '-2')
    """
    if isinstance(value, int | float) or not text.startswith(FORMULA_START):
        return text
    return "'" + text


CAMEO_PREFIX = "CAMEO:"


def cameo_cell(column: str, text: str) -> str:
    """A CAMEO code's CSV form: ``CAMEO:042`` in a column named ``cameo`` (or ``….cameo``), so that
    ``pd.read_csv``, R and spreadsheets, which read any digits as a number (quoted or not, dropping
    the leading 0), keep it as text; ``text.removeprefix("CAMEO:")`` gives the code back.

    >>> cameo_cell("r.cameo", "042"), cameo_cell("cameo", ""), cameo_cell("name", "042")
    ('CAMEO:042', '', '042')
    """
    if text and (column == "cameo" or column.endswith(".cameo")) and text.isdigit():
        return CAMEO_PREFIX + text
    return text


def write_rows(
    rows: list[dict[str, Any]],
    fmt: RowFormat,
    *,
    title: str | None = None,
    output: Path | None = None,
    console: Console | None = None,
    raw_csv: bool = False,
) -> None:
    """Render ``rows`` in ``fmt`` to ``output`` (a file) or standard output. CSV cells that a
    spreadsheet would run as formulas get a leading ``'`` unless ``raw_csv``."""
    columns = list(dict.fromkeys(k for row in rows for k in row)) or list(getattr(rows, "columns", []))
    if fmt is RowFormat.json:
        text = json.dumps([plain(r) for r in rows], ensure_ascii=False, indent=2) + "\n"
    elif fmt is RowFormat.csv:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            values = {k: cameo_cell(k, cell(row.get(k))) for k in columns}
            if not raw_csv:
                values = {k: defuse(row.get(k), text) for k, text in values.items()}
            writer.writerow(values)
        text = buffer.getvalue()
    else:
        # data is printed as plain text, never read as rich markup ("[/caption]" in a scraped page)
        table = Table(title=Text(title) if title else None, title_justify="left")
        for column in columns:
            table.add_column(Text(column))
        for row in rows:
            table.add_row(*(Text(cell(row.get(k))) for k in columns))
        if output is None:
            shown = table if rows else Text(f"{title + ': ' if title else ''}no rows")
            console = console or Console()
            if not console.is_terminal:  # piped: full values, not cut to 80 columns
                console = Console(file=sys.stdout, width=UNWRAPPED, markup=False, highlight=False)
            console.print(shown, markup=False, highlight=False)
            return
        with output.open("w", encoding="utf-8") as handle:
            Console(file=handle, width=UNWRAPPED, markup=False).print(table)
        return
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")

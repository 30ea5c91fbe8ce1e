"""The ``diplograph`` command: thin verbs over the library. Each parses options,
calls one library function and renders; errors become one line on stderr."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from graph import __version__, embedded
from graph.build import BuildReport, build
from graph.connection import Settings, open_store
from graph.errors import DiplographError
from graph.render import RowFormat, write_rows

app = typer.Typer(
    name="diplograph",
    help="News on international and subnational relations, as a property graph in Neo4j.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    add_completion=False,
)
db_app = typer.Typer(help="Start, stop or inspect the embedded database server.", no_args_is_help=True)
app.add_typer(db_app, name="db")

out = Console()
err = Console(stderr=True)

PathsArg = Annotated[list[Path], typer.Argument(help="Article files (.txt, .html, .json, .jsonl) or folders.")]
UriOpt = Annotated[
    str | None,
    typer.Option("--uri", envvar="NEO4J_URI", help="Bolt URI of a Neo4j server; unset: the embedded default."),
]
UserOpt = Annotated[str, typer.Option("--user", envvar="NEO4J_USERNAME", help="User name on the server.")]
PasswordOpt = Annotated[
    str | None, typer.Option("--password", envvar="NEO4J_PASSWORD", show_default=False, help="Password on the server.")
]
DatabaseOpt = Annotated[
    str | None, typer.Option("--database", envvar="NEO4J_DATABASE", help="Database name (default: the server's).")
]
DataDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--data-dir", envvar="DIPLOGRAPH_HOME", help="Folder of the embedded database (default: ./.diplograph)."
    ),
]


FormatOpt = Annotated[RowFormat, typer.Option("--format", "-f", help="table, csv or json.")]
OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")]


class ExtractFormat(StrEnum):
    json = "json"
    table = "table"


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[red]error:[/red] {message}", highlight=False, markup=True, soft_wrap=True)
    return typer.Exit(code)


@contextmanager
def _reported() -> Iterator[None]:
    """Library errors → one line on stderr and exit code 1; real bugs keep their traceback."""
    try:
        yield
    except DiplographError as exc:
        raise _fail(str(exc)) from None


def _settings(
    uri: str | None, user: str, password: str | None, database: str | None, data_dir: Path | None
) -> Settings:
    return Settings(uri=uri, username=user, password=password, database=database, data_dir=data_dir)


@app.callback()
def main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what happens, to stderr.")] = False,
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
) -> None:
    """News on international and subnational relations, as a property graph in Neo4j."""
    if version:
        out.print(f"diplograph {__version__}")
        raise typer.Exit()
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    if not verbose:
        logging.getLogger("neo4j").setLevel(logging.ERROR)


@app.command()
def extract(
    paths: PathsArg,
    fmt: Annotated[
        ExtractFormat, typer.Option("--format", "-f", help="json: the annotation guide's format; table: for reading.")
    ] = ExtractFormat.json,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")] = None,
) -> None:
    """Extract entities and relations from articles, without a database."""
    from loaders.pipeline import process

    records: list[dict[str, Any]] = []
    failed = 0
    with _reported():
        for result in process(paths):
            if result.resolved is None:
                failed += 1
                err.print(f"skipped {result.name}: {result.error}", highlight=False, markup=False)
                continue
            records.append(result.resolved.record)
    if fmt is ExtractFormat.json:
        text = json.dumps(records, ensure_ascii=False, indent=2)
        if output:
            output.write_text(text + "\n", encoding="utf-8")
        else:
            sys.stdout.write(text + "\n")
    else:
        console = Console(file=output.open("w", encoding="utf-8")) if output else out
        for record in records:
            _render_record(console, record)
    if failed:
        raise typer.Exit(1)


def _render_record(console: Console, record: dict[str, Any]) -> None:
    art = record["article"]
    console.rule(f"{art['file']} — {art.get('title') or '(no title)'}  {art.get('date') or ''}")
    names = {e["id"]: e["name"] for e in record["entities"]}
    ents = Table("type", "name", "aliases", "id", title="entities", title_justify="left")
    for e in sorted(record["entities"], key=lambda e: (e["type"], e["name"])):
        ents.add_row(e["type"], e["name"], ", ".join(e["aliases"]), e["id"])
    console.print(ents)
    rels = Table("type", "source", "target", "date", "detail", title="relations", title_justify="left")
    for r in record["relations"]:
        detail = r.get("role") or r.get("agreement") or ""
        rels.add_row(
            r["type"],
            names.get(r["source"], r["source"]),
            names.get(r["target"], r["target"]),
            r.get("date") or "",
            detail,
        )
    console.print(rels)


@app.command("build")
def build_cmd(
    paths: PathsArg,
    uri: UriOpt = None,
    user: UserOpt = "neo4j",
    password: PasswordOpt = None,
    database: DatabaseOpt = None,
    data_dir: DataDirOpt = None,
) -> None:
    """Read articles, extract, and write them into the graph; print a summary."""
    from loaders.read import expand

    total = sum(1 for _ in expand(paths))
    show = err.is_terminal and total > 3
    with _reported(), open_store(_settings(uri, user, password, database, data_dir)) as store:
        progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            transient=True,
            disable=not show,
        )
        with progress:
            task = progress.add_task("building", total=total)
            report = build(paths, store, on_article=lambda r: progress.advance(task))
    for name, reason in report.skipped:
        err.print(f"skipped {name}: {reason}", highlight=False, markup=False)
    for name, reason in report.failed:
        err.print(f"failed {name}: {reason}", highlight=False, markup=False)
    _render_report(report, store.uri)
    if not report.ok:
        raise typer.Exit(1)


def _render_report(report: BuildReport, uri: str) -> None:
    out.print(
        f"articles: {report.read} read, {report.loaded} loaded, {len(report.skipped)} skipped, "
        f"{len(report.failed)} failed  ({uri})",
        highlight=False,
    )
    nodes = Table("label", "nodes", title="nodes by label", title_justify="left")
    for label, count in sorted(report.counts.nodes.items()):
        nodes.add_row(label, str(count))
    rels = Table("type", "relationships", title="relationships by type", title_justify="left")
    for rel_type, count in sorted(report.counts.relationships.items()):
        rels.add_row(rel_type, str(count))
    out.print(nodes)
    out.print(rels)


@app.command()
def entities(
    label: Annotated[str | None, typer.Option("--type", "-t", help="Only this type (Person, City, …).")] = None,
    search: Annotated[
        str | None, typer.Option("--search", "-s", help="Part of a name, alias or id (case and accents ignored).")
    ] = None,
    fmt: FormatOpt = RowFormat.table,
    output: OutputOpt = None,
    uri: UriOpt = None,
    user: UserOpt = "neo4j",
    password: PasswordOpt = None,
    database: DatabaseOpt = None,
    data_dir: DataDirOpt = None,
) -> None:
    """List canonical entities: id, type, name, aliases, why forms merged, and how many articles name them."""
    from graph.lookup import entity_rows

    with _reported(), open_store(_settings(uri, user, password, database, data_dir)) as store:
        rows = entity_rows(store, label, search)
    write_rows(rows, fmt, title=f"{len(rows)} entities", output=output, console=out)


@db_app.command("start")
def db_start(data_dir: DataDirOpt = None) -> None:
    """Start the embedded server in the background; commands share it until `db stop`."""
    folder = embedded.data_dir(data_dir)
    with _reported():
        info = embedded.start(folder, mode="daemon")
    if info.mode != "daemon":
        raise _fail(f"a diplograph command is using {folder} with a server of its own; try again when it ends")
    out.print(f"running: {info.uri}  data: {folder}", highlight=False)


@db_app.command("stop")
def db_stop(data_dir: DataDirOpt = None) -> None:
    """Stop the embedded server."""
    folder = embedded.data_dir(data_dir)
    with _reported():
        stopped = embedded.stop(folder)
    out.print(f"stopped: {folder}" if stopped else f"not running: {folder}", highlight=False)


@db_app.command("status")
def db_status(data_dir: DataDirOpt = None) -> None:
    """Say where the embedded data is, its Bolt URI and whether it runs."""
    status = embedded.status(embedded.data_dir(data_dir))
    out.print(f"data: {status.data_dir}", highlight=False)
    if status.running:
        out.print(
            f"running: yes ({status.mode}, pid {status.pid})\nuri: {status.uri}\nuser: {embedded.USERNAME} "
            f"(password in {status.data_dir / 'credentials.json'})",
            highlight=False,
        )
    else:
        out.print(
            "running: no (commands start it for their own duration; `diplograph db start` keeps it up)", highlight=False
        )

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
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from graph import __version__, embedded
from graph.connection import DEFAULT_TIMEOUT, Settings, open_store
from graph.errors import DiplographError
from graph.export import ExportFormat
from graph.model import ENTITY_BASE_LABEL
from graph.render import RowFormat, write_rows

if TYPE_CHECKING:  # the build pulls in spaCy: only `build` and `extract` import it
    from graph.build import BuildReport
    from loaders.extract import Scoring

app = typer.Typer(
    name="diplograph",
    help="News on international and subnational relations, as a property graph in Neo4j.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,  # plain help: docstrings rewrapped, flags without a <bool> type
)
db_app = typer.Typer(
    help="Start, stop or inspect the embedded database server.", no_args_is_help=True, rich_markup_mode=None
)
app.add_typer(db_app, name="db")

# Data (names, titles, sentences from scraped pages) is never read as rich markup.
out = Console(markup=False, highlight=False)
err = Console(stderr=True, markup=False, highlight=False)

PathsArg = Annotated[list[Path], typer.Argument(help="Article files (.txt, .html, .json, .jsonl) or folders.")]
UriOpt = Annotated[
    str | None,
    typer.Option("--uri", envvar="NEO4J_URI", help="Bolt URI of a Neo4j server; unset: the embedded default."),
]
UserOpt = Annotated[str, typer.Option("--user", envvar="NEO4J_USERNAME", help="User name on the server.")]
PasswordOpt = Annotated[
    str | None,
    typer.Option(
        "--password",
        envvar="NEO4J_PASSWORD",
        show_default=False,
        help="Password on the server; prefer NEO4J_PASSWORD (a command line is visible in ps).",
    ),
]
DatabaseOpt = Annotated[
    str | None, typer.Option("--database", envvar="NEO4J_DATABASE", help="Database name (default: the server's).")
]
DataDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        envvar="DIPLOGRAPH_HOME",
        help="Folder of the embedded database (default: the nearest .diplograph here or above, else ./.diplograph).",
    ),
]


FormatOpt = Annotated[RowFormat, typer.Option("--format", "-f", help="table, csv or json.")]
OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")]
RawCsvOpt = Annotated[
    bool,
    typer.Option(
        "--raw-csv", help="Write CSV cells as they are (by default a cell starting = + - @ gets a leading ')."
    ),
]


WeightsOpt = Annotated[
    Path | None,
    typer.Option("--weights", help="Scorer weights (JSON from `diplograph train`); default: the shipped ones."),
]
MinConfidenceOpt = Annotated[
    float | None,
    typer.Option(
        "--min-confidence",
        min=0.0,
        max=1.0,
        help="Leave out relations below this confidence (default: each type's tuned threshold).",
    ),
]
RulesOnlyOpt = Annotated[bool, typer.Option("--rules-only", help="Skip the learned scorer: what the rules find.")]


def _scoring(weights: Path | None, min_confidence: float | None, rules_only: bool = False) -> Scoring:
    """The extraction's scoring options; a weights file is read once, here."""
    from loaders.extract import Scoring
    from loaders.scorer import load_weights

    return Scoring(load_weights(weights) if weights else None, min_confidence, rules_only)


class TextOrJson(StrEnum):
    text = "text"
    json = "json"


class ExtractFormat(StrEnum):
    json = "json"
    table = "table"


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(Text.assemble(("error:", "red"), " ", message), soft_wrap=True)
    return typer.Exit(code)


@contextmanager
def _reported() -> Iterator[None]:
    """Library errors → one line on stderr and exit code 1; real bugs keep their traceback."""
    try:
        yield
    except DiplographError as exc:
        raise _fail(str(exc)) from None


_options: dict[str, Any] = {"timeout": DEFAULT_TIMEOUT}


def _settings(
    uri: str | None, user: str, password: str | None, database: str | None, data_dir: Path | None
) -> Settings:
    return Settings(
        uri=uri, username=user, password=password, database=database, data_dir=data_dir, timeout=_options["timeout"]
    )


def _print_version(value: bool) -> None:
    """``--version``: print and exit before any command is looked for."""
    if value:
        out.print(f"diplograph {__version__}")
        raise typer.Exit()


def _note_if_empty(store: Any, settings: Settings) -> None:
    """Say on stderr when a read command finds no graph (a new database, or the wrong folder)."""
    if store.is_empty():
        from graph.connection import redact

        where = (
            redact(settings.uri) if settings.uri else f"the embedded database in {embedded.data_dir(settings.data_dir)}"
        )
        err.print(f"note: {where} holds no diplograph graph; `diplograph build PATH` fills it", soft_wrap=True)


@app.callback()
def main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what happens, to stderr.")] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit."),
    ] = False,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout",
            envvar="DIPLOGRAPH_TIMEOUT",
            min=0.1,
            help="Seconds to wait for the database to answer before saying it does not.",
        ),
    ] = DEFAULT_TIMEOUT,
) -> None:
    """News on international and subnational relations, as a property graph in Neo4j."""
    _options["timeout"] = timeout
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    if not verbose:
        logging.getLogger("neo4j").setLevel(logging.CRITICAL)  # its errors reach the person as our one line


@app.command()
def extract(
    paths: PathsArg,
    fmt: Annotated[
        ExtractFormat, typer.Option("--format", "-f", help="json: the annotation guide's format; table: for reading.")
    ] = ExtractFormat.json,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")] = None,
    weights: WeightsOpt = None,
    min_confidence: MinConfidenceOpt = None,
    rules_only: RulesOnlyOpt = False,
) -> None:
    """Extract entities and relations from articles, without a database."""
    from loaders.pipeline import process

    records: list[dict[str, Any]] = []
    failed = 0
    with _reported():
        for result in process(paths, scoring=_scoring(weights, min_confidence, rules_only)):
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
        console = Console(file=output.open("w", encoding="utf-8"), markup=False) if output else out
        for record in records:
            _render_record(console, record)
    if failed:
        raise typer.Exit(1)


def _render_record(console: Console, record: dict[str, Any]) -> None:
    art = record["article"]
    console.rule(Text(f"{art['file']} — {art.get('title') or '(no title)'}  {art.get('date') or ''}"))
    names = {e["id"]: e["name"] for e in record["entities"]}
    ents = Table("type", "name", "aliases", "id", title="entities", title_justify="left")
    for e in sorted(record["entities"], key=lambda e: (e["type"], e["name"])):
        ents.add_row(*(Text(v) for v in (e["type"], e["name"], ", ".join(e["aliases"]), e["id"])))
    console.print(ents)
    rels = Table("type", "source", "target", "date", "detail", title="relations", title_justify="left")
    for r in record["relations"]:
        detail = r.get("role") or r.get("agreement") or ""
        cells = (r["type"], names.get(r["source"], r["source"]), names.get(r["target"], r["target"]), r.get("date"))
        rels.add_row(*(Text(v or "") for v in (*cells, detail)))
    console.print(rels)


class RateColumn(ProgressColumn):
    """Articles per second, over the last half minute of the bar."""

    def render(self, task: Task) -> Text:
        return Text("" if task.speed is None else f"{task.speed:.1f} articles/s", style="progress.data.speed")


@app.command("build")
def build_cmd(
    paths: PathsArg,
    uri: UriOpt = None,
    user: UserOpt = "neo4j",
    password: PasswordOpt = None,
    database: DatabaseOpt = None,
    data_dir: DataDirOpt = None,
    weights: WeightsOpt = None,
    min_confidence: MinConfidenceOpt = None,
    rules_only: RulesOnlyOpt = False,
    fmt: Annotated[
        TextOrJson, typer.Option("--format", "-f", help="The summary as text, or json for scripts.")
    ] = TextOrJson.text,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Processes that extract articles (default: one per core); the graph is that of --jobs 1.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Read articles, extract, and write them into the graph; print a summary."""
    from graph.build import build
    from loaders.pipeline import default_jobs
    from loaders.read import expand

    total = sum(1 for _ in expand(paths))
    show = err.is_terminal and total > 3
    with _reported():
        scoring = _scoring(weights, min_confidence, rules_only)
    with _reported(), open_store(_settings(uri, user, password, database, data_dir)) as store:
        progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            RateColumn(),
            TimeElapsedColumn(),
            TextColumn("eta"),
            TimeRemainingColumn(),
            console=err,
            transient=True,
            disable=not show,
        )
        with progress:
            task = progress.add_task("building", total=total)
            report = build(
                paths,
                store,
                on_article=lambda r: progress.advance(task),
                scoring=scoring,
                jobs=jobs or default_jobs(),
            )
    for name, reason in report.skipped:
        err.print(f"skipped {name}: {reason}", highlight=False, markup=False)
    for name, reason in report.failed:
        err.print(f"failed {name}: {reason}", highlight=False, markup=False)
    if fmt is TextOrJson.json:
        sys.stdout.write(json.dumps(_report_record(report, store.uri), ensure_ascii=False, indent=2) + "\n")
    else:
        _render_report(report, store.uri)
    if not report.ok:
        raise typer.Exit(1)


GoldArg = Annotated[
    list[Path],
    typer.Argument(
        help="Folders (or files) of gold annotations in the guide's format; a folder holding articles "
        "but no annotation (*.json) is read as one more --articles folder."
    ),
]
GoldArticlesOpt = Annotated[
    list[Path], typer.Option("--articles", help="Folder(s) holding the annotated articles (repeat the option).")
]
SeedOpt = Annotated[int, typer.Option("--seed", help="Random seed (folds, solver): same seed, same weights.")]


@app.command()
def train(
    gold: GoldArg,
    articles: GoldArticlesOpt,
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the weights (JSON).")],
    seed: SeedOpt = 13,
    folds: Annotated[int, typer.Option("--folds", help="Also cross-validate with K folds; 0: no.")] = 0,
) -> None:
    """Fit the learned scorer on annotated articles and write its weights as JSON."""
    from loaders.training import train as fit_and_save

    with _reported():
        weights = fit_and_save(gold, articles, output, seed=seed, folds=folds)
    sizes = ", ".join(f"{k} {len(m.weights)}" for k, m in weights.relations.items())
    out.print(f"wrote {output}: {weights.meta['articles']} articles; features per relation type: {sizes}", markup=False)
    if "cross_validation" in weights.meta:
        out.print(f"cross-validation: {json.dumps(weights.meta['cross_validation'])}", markup=False)


class EvalFormat(StrEnum):
    table = "table"
    json = "json"


@app.command()
def evaluate(
    gold: GoldArg,
    articles: GoldArticlesOpt,
    folds: Annotated[
        int, typer.Option("--folds", help="K-fold cross-validation grouped by article; 0: score the given weights.")
    ] = 0,
    weights: WeightsOpt = None,
    rules_only: RulesOnlyOpt = False,
    seed: SeedOpt = 13,
    fmt: Annotated[EvalFormat, typer.Option("--format", "-f", help="table or json.")] = EvalFormat.table,
) -> None:
    """Score extraction against gold annotations, as eval/score.py does (or by cross-validation)."""
    from loaders import training

    with _reported():
        corpus = training.analyse_corpus(gold, articles)
        if folds:
            result = training.cross_validate(corpus, folds, seed)
        else:
            result = training.evaluate(corpus, _scoring(weights, None, rules_only).load())
    result["articles"] = len(corpus)
    if fmt is EvalFormat.json:
        sys.stdout.write(json.dumps(result, indent=2) + "\n")
        return
    _render_scores(result)


def _render_scores(result: dict[str, Any]) -> None:
    how = f"{result['folds']}-fold cross-validation grouped by article" if "folds" in result else "fitted weights"
    out.print(f"{result['articles']} articles, {how}", markup=False, highlight=False)
    table = Table("kind", "type", "precision", "recall", "F1", "tp", "pred", "gold")
    for kind in ("entity", "relation"):
        r = result[kind]
        table.add_row(
            kind,
            "all",
            *(f"{r[k]:.3f}" for k in ("precision", "recall", "f1")),
            *(str(r[k]) for k in ("tp", "pred", "gold")),
        )
        for t, v in r["by_type"].items():
            table.add_row(
                "",
                t,
                *(f"{v[k]:.3f}" for k in ("precision", "recall", "f1")),
                *(str(v[k]) for k in ("tp", "pred", "gold")),
            )
    out.print(table)
    d = result["dates"]
    out.print(
        f"dates: {d['accuracy']:.3f} ({d['correct']} of {d['of']} found relations whose gold has a date)", markup=False
    )


def _report_record(report: BuildReport, uri: str) -> dict[str, Any]:
    """The build summary as JSON holds it."""
    return {
        "uri": uri,
        "read": report.read,
        "loaded": report.loaded,
        "unchanged": report.unchanged,
        "skipped": [{"name": n, "reason": r} for n, r in report.skipped],
        "failed": [{"name": n, "reason": r} for n, r in report.failed],
        "nodes": dict(sorted(report.counts.nodes.items())),
        "relationships": dict(sorted(report.counts.relationships.items())),
    }


def _render_report(report: BuildReport, uri: str) -> None:
    out.print(
        f"articles: {report.read} read, {report.loaded} loaded, {report.unchanged} unchanged, "
        f"{len(report.skipped)} skipped, "
        f"{len(report.failed)} failed  ({uri})",
        soft_wrap=True,
    )
    nodes = Table("label", "nodes", title="nodes by label", title_justify="left")
    for label, count in sorted(report.counts.nodes.items()):
        if label != ENTITY_BASE_LABEL:  # every entity also has its own label: counted there
            nodes.add_row(Text(label), str(count))
    entities = report.counts.nodes.get(ENTITY_BASE_LABEL)
    if entities is not None:
        nodes.add_section()
        nodes.add_row("all entities", str(entities))
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
    raw_csv: RawCsvOpt = False,
    uri: UriOpt = None,
    user: UserOpt = "neo4j",
    password: PasswordOpt = None,
    database: DatabaseOpt = None,
    data_dir: DataDirOpt = None,
) -> None:
    """List canonical entities: id, type, name, aliases, why forms merged, and how many articles name them."""
    from graph.lookup import entity_rows

    settings = _settings(uri, user, password, database, data_dir)
    with _reported(), open_store(settings) as store:
        _note_if_empty(store, settings)
        rows = entity_rows(store, label, search)
    write_rows(rows, fmt, title=f"{len(rows)} entities", output=output, console=out, raw_csv=raw_csv)


@app.command()
def query(
    name: Annotated[str | None, typer.Argument(help="A query of the library (see --list).")] = None,
    list_queries: Annotated[bool, typer.Option("--list", help="Show the query library.")] = False,
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="key=value, typed from the query's header (repeatable).")
    ] = None,
    cypher_text: Annotated[str | None, typer.Option("--cypher", help="Run this Cypher instead.")] = None,
    file: Annotated[Path | None, typer.Option("--file", help="Run the Cypher in this file instead.")] = None,
    write: Annotated[bool, typer.Option("--write", help="Allow ad-hoc Cypher to change data.")] = False,
    fmt: FormatOpt = RowFormat.table,
    output: OutputOpt = None,
    raw_csv: RawCsvOpt = False,
    uri: UriOpt = None,
    user: UserOpt = "neo4j",
    password: PasswordOpt = None,
    database: DatabaseOpt = None,
    data_dir: DataDirOpt = None,
) -> None:
    """Run a named query of the library, or ad-hoc Cypher (read-only unless --write)."""
    from graph import queries
    from graph.lookup import resolve_name

    with _reported():
        if list_queries:
            rows = [
                {
                    "name": q.name,
                    "description": q.description,
                    "parameters": ", ".join(f"{p.name}{'?' if p.optional else ''}: {p.type}" for p in q.params),
                }
                for q in queries.library().values()
            ]
            write_rows(rows, fmt, title=f"{len(rows)} queries", output=output, console=out)
            return
        sources = [x for x in (name, cypher_text, file) if x is not None]
        if len(sources) != 1:
            raise queries.QueryError("give one of: a query NAME, --cypher TEXT, --file FILE (or --list)")
        raw = queries.parse_assignments(param or [])
        settings = _settings(uri, user, password, database, data_dir)
        with open_store(settings) as store:
            if not write:
                _note_if_empty(store, settings)
            if name is not None:
                rows = queries.run_named(store, name, raw, lambda text: resolve_name(store, text)["id"])
            else:
                try:
                    text = cypher_text if cypher_text is not None else file.read_text(encoding="utf-8")  # type: ignore[union-attr]
                except OSError as exc:
                    raise queries.QueryError(f"cannot read {file}: {exc.strerror}") from None
                rows = queries.run_cypher(store, text, raw, write=write)
    write_rows(rows, fmt, title=name or "result", output=output, console=out, raw_csv=raw_csv)


AroundOpt = Annotated[str | None, typer.Option(help="Only the neighbourhood of this entity (name or id).")]
HopsOpt = Annotated[int, typer.Option(min=1, help="How far around --around reaches.")]
LabelsOpt = Annotated[list[str] | None, typer.Option("--label", "-l", help="Only entities of this type.")]
TypesOpt = Annotated[list[str] | None, typer.Option("--type", help="Only relationships of this type.")]
SinceOpt = Annotated[str | None, typer.Option(help="Only assertions dated on or after (YYYY[-MM[-DD]]).")]
UntilOpt = Annotated[str | None, typer.Option(help="Only assertions dated on or before.")]
BetweenOpt = Annotated[
    tuple[str, str] | None, typer.Option(help="Only ties between actors of these two countries (names or ids).")
]
QueryOpt = Annotated[str | None, typer.Option("--query", help="Only the entities a library query returns.")]
ParamOpt = Annotated[list[str] | None, typer.Option("--param", "-p", help="key=value for --query.")]
ArticlesOpt = Annotated[bool, typer.Option(help="Include the source articles and MENTIONED_IN.")]


def _selection(
    store: Any,
    around: str | None,
    hops: int,
    label: list[str] | None,
    rel_type: list[str] | None,
    since: str | None,
    until: str | None,
    between: tuple[str, str] | None,
    named_query: str | None,
    param: list[str] | None,
    with_articles: bool,
) -> Any:
    """A Selection from the command line's options, names resolved to ids."""
    from graph import queries
    from graph.export import Selection
    from graph.lookup import resolve_name

    ids = {text: resolve_name(store, text)["id"] for text in [around, *(between or ())] if text}
    return Selection(
        around=ids.get(around) if around else None,
        hops=hops,
        labels=label or [],
        types=rel_type or [],
        since=since,
        until=until,
        between=(ids[between[0]], ids[between[1]]) if between else None,
        query=named_query,
        params=queries.parse_assignments(param or []),
        with_articles=with_articles,
    )


@app.command()
def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write (a folder for csv and neo4j-admin).")],
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="The file format.")] = ExportFormat.graphml,
    around: AroundOpt = None,
    hops: HopsOpt = 1,
    label: LabelsOpt = None,
    rel_type: TypesOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    between: BetweenOpt = None,
    named_query: QueryOpt = None,
    param: ParamOpt = None,
    with_articles: ArticlesOpt = False,
    raw_csv: RawCsvOpt = False,
    uri: UriOpt = None,
    user: UserOpt = "neo4j",
    password: PasswordOpt = None,
    database: DatabaseOpt = None,
    data_dir: DataDirOpt = None,
) -> None:
    """Export a subgraph (all, around an actor, by type, time window, between two countries, or a
    named query) as GraphML, GEXF, node-link JSON, CSV, a Cypher script or neo4j-admin CSVs,
    with a manifest that traces it."""
    from graph import export as exporting

    settings = _settings(uri, user, password, database, data_dir)
    with _reported():
        with open_store(settings) as store:
            _note_if_empty(store, settings)
            selection = _selection(
                store, around, hops, label, rel_type, since, until, between, named_query, param, with_articles
            )
            graph = exporting.select(store, selection)
        if graph.number_of_nodes() == 0:
            raise _fail(f"the selection is empty: nothing written to {output}")
        manifest = exporting.write(graph, fmt, output, selection, raw_csv=raw_csv)
    out.print(
        f"wrote {graph.number_of_nodes()} nodes and {graph.number_of_edges()} relationships to {output} "
        f"({fmt.value}); manifest {manifest}",
        highlight=False,
    )


@app.command()
def draw(
    output: Annotated[Path | None, typer.Option("--output", "-o", help="The interactive HTML page to write.")] = None,
    png: Annotated[Path | None, typer.Option("--png", help="A static PNG of the same selection.")] = None,
    size_by: Annotated[str, typer.Option("--size-by", help="Centrality that sizes the nodes.")] = "degree",
    around: AroundOpt = None,
    hops: HopsOpt = 1,
    label: LabelsOpt = None,
    rel_type: TypesOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    between: BetweenOpt = None,
    named_query: QueryOpt = None,
    param: ParamOpt = None,
    uri: UriOpt = None,
    user: UserOpt = "neo4j",
    password: PasswordOpt = None,
    database: DatabaseOpt = None,
    data_dir: DataDirOpt = None,
) -> None:
    """Draw a subgraph: an interactive HTML page (hover for aliases and evidence) and/or a PNG;
    nodes coloured and shaped by type and sized by a centrality, edges labelled by type."""
    from graph import draw as drawing
    from graph import export as exporting

    if output is None and png is None:
        raise _fail("give --output FILE.html, --png FILE.png, or both")
    settings = _settings(uri, user, password, database, data_dir)
    with _reported():
        with open_store(settings) as store:
            _note_if_empty(store, settings)
            selection = _selection(
                store, around, hops, label, rel_type, since, until, between, named_query, param, False
            )
            whole = store.to_networkx()
            graph = exporting.select(store, selection, whole)
        files = {n: d.get("file") for n, d in whole.nodes(data=True) if d.get("label") == "Article"}
        if output is not None:
            output.write_text(drawing.to_html(graph, size_by=size_by, files=files), encoding="utf-8")
            out.print(f"wrote {output}", highlight=False)
        if png is not None:
            drawing.to_png(graph, png, size_by=size_by)
            out.print(f"wrote {png}", highlight=False)


class Window(StrEnum):
    year = "year"
    month = "month"


class Projection(StrEnum):
    countries = "countries"
    places = "places"


def _frame_rows(frame: Any) -> list[dict[str, Any]]:
    """A DataFrame as rows, missing values as None."""
    return [{k: (None if v != v else v) for k, v in row.items()} for row in frame.to_dict("records")]


@app.command()
def analyze(
    measure: Annotated[
        list[str] | None, typer.Option("--measure", "-m", help="A measure (repeatable); default: all six.")
    ] = None,
    label: Annotated[
        list[str] | None, typer.Option("--label", "-l", help="Only entities of this type (repeatable).")
    ] = None,
    rel_type: Annotated[
        list[str] | None, typer.Option("--type", help="Only relationships of this type (repeatable).")
    ] = None,
    since: Annotated[str | None, typer.Option(help="Only assertions dated on or after (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[str | None, typer.Option(help="Only assertions dated on or before (YYYY[-MM[-DD]]).")] = None,
    top: Annotated[int | None, typer.Option("--top", "-n", min=1, help="Only the first N rows (per window).")] = None,
    window: Annotated[Window | None, typer.Option(help="Compute per time window: year or month.")] = None,
    show_communities: Annotated[
        bool, typer.Option("--communities", help="Louvain communities and the brokers between them.")
    ] = False,
    projection: Annotated[
        Projection | None, typer.Option(help="Ties between countries, or twinning/agreements between places.")
    ] = None,
    engine: Annotated[str, typer.Option(help="auto, networkx or rustworkx (for the heavy measures).")] = "auto",
    graph_file: Annotated[
        Path | None, typer.Option("--from", help="Analyse an export (.graphml, .gexf, .json) instead of the database.")
    ] = None,
    fmt: FormatOpt = RowFormat.table,
    output: OutputOpt = None,
    raw_csv: RawCsvOpt = False,
    uri: UriOpt = None,
    user: UserOpt = "neo4j",
    password: PasswordOpt = None,
    database: DatabaseOpt = None,
    data_dir: DataDirOpt = None,
) -> None:
    """Centrality per entity (degree, weighted degree, betweenness, closeness, eigenvector, PageRank),
    communities and brokers, country or place projections, or any of them per time window."""
    from graph import analysis
    from graph.export import load

    with _reported():
        chosen = [
            flag
            for flag, on in (("--communities", show_communities), ("--projection", projection), ("--window", window))
            if on
        ]
        if len(chosen) > 1:
            raise _fail(f"choose one of {', '.join(chosen)}: they are different tables")
        if graph_file is not None:
            whole = load(graph_file)
        else:
            settings = _settings(uri, user, password, database, data_dir)
            with open_store(settings) as store:
                _note_if_empty(store, settings)
                whole = store.to_networkx()
        actors = analysis.actor_graph(whole, labels=label, types=rel_type, since=since, until=until)
        measures = measure or list(analysis.MEASURES)
        if projection is Projection.countries:
            frame, title = analysis.projection_table(analysis.country_projection(actors)), "countries"
        elif projection is Projection.places:
            frame, title = analysis.projection_table(analysis.place_projection(actors)), "places"
        elif show_communities:
            frame, title = analysis.communities(actors, engine=engine), "communities"
        elif window is not None:
            frame = analysis.centrality_by_window(actors, measures, window=window.value, engine=engine)
            if top:
                frame = frame.groupby("window", sort=True).head(top)
            title = f"centrality per {window.value}"
        else:
            frame = analysis.centrality(actors, measures, engine=engine, whole=whole)
            title = "centrality"
        if top and window is None:
            frame = frame.head(top)
    if "engine" in frame.attrs:
        err.print(f"engine: {frame.attrs['engine']}", highlight=False)
    write_rows(_frame_rows(frame), fmt, title=title, output=output, console=out, raw_csv=raw_csv)


@app.command()
def path(
    source: Annotated[str, typer.Argument(help="Name, alias or id of the first entity.")],
    target: Annotated[str, typer.Argument(help="Name, alias or id of the second entity.")],
    k: Annotated[int, typer.Option("--k", min=1, help="How many shortest paths.")] = 1,
    max_hops: Annotated[int | None, typer.Option("--max-hops", min=1, help="Longest path to consider.")] = None,
    rel_type: Annotated[
        list[str] | None,
        typer.Option("--type", help="Relationship types to walk (repeatable); default all but LOCATED_IN."),
    ] = None,
    fmt: FormatOpt = RowFormat.table,
    output: OutputOpt = None,
    raw_csv: RawCsvOpt = False,
    uri: UriOpt = None,
    user: UserOpt = "neo4j",
    password: PasswordOpt = None,
    database: DatabaseOpt = None,
    data_dir: DataDirOpt = None,
) -> None:
    """How two actors connect: the shortest path(s), each hop with its type, direction, article,
    date and evidence sentence."""
    from graph import analysis
    from graph.lookup import resolve_name

    with _reported():
        settings = _settings(uri, user, password, database, data_dir)
        with open_store(settings) as store:
            _note_if_empty(store, settings)
            a = resolve_name(store, source)
            b = resolve_name(store, target)
            whole = store.to_networkx()
        found = analysis.paths(whole, a["id"], b["id"], k=k, max_hops=max_hops, types=rel_type or analysis.PATH_TYPES)
    if not found:
        within = f" within {max_hops} hops" if max_hops else ""
        if fmt is RowFormat.json:
            write_rows([], fmt, output=output, console=out)
        raise _fail(f"no path between {a['name']} and {b['name']}{within}")
    names = {n: d.get("name", n) for n, d in whole.nodes(data=True)}
    rows = []
    for number, hops in enumerate(found, start=1):
        for step, hop in enumerate(hops, start=1):
            rows.append(
                {
                    "path": number,
                    "hop": step,
                    "from": names.get(hop.source, hop.source) if hop.forward else names.get(hop.target, hop.target),
                    "relation": f"-[{hop.type}]->" if hop.forward else f"<-[{hop.type}]-",
                    "to": names.get(hop.target, hop.target) if hop.forward else names.get(hop.source, hop.source),
                    "date": hop.date,
                    "article": whole.nodes[hop.article].get("file", hop.article)
                    if hop.article in whole
                    else hop.article,
                    "evidence": hop.evidence,
                }
            )
    if fmt is RowFormat.table and output is None:
        _render_paths(rows)
    else:
        write_rows(rows, fmt, title=f"{a['name']} → {b['name']}", output=output, console=out, raw_csv=raw_csv)


def _render_paths(rows: list[dict[str, Any]]) -> None:
    """Paths for reading: one line per hop, its evidence quoted beneath."""
    for row in rows:
        if row["hop"] == 1:
            out.rule(f"path {row['path']}")
        when = f"  {row['date']}" if row["date"] else ""
        out.print(
            f"{row['hop']}. {row['from']} {row['relation']} {row['to']}{when}  [{row['article']}]",
            highlight=False,
            markup=False,
        )
        if row["evidence"]:
            out.print(f"   “{row['evidence']}”", style="dim", highlight=False, markup=False)


@db_app.command("start")
def db_start(
    data_dir: DataDirOpt = None,
    bolt_port: Annotated[
        int | None,
        typer.Option("--bolt-port", "--port", min=1, max=65535, help="Listen on this Bolt port (default: a free one)."),
    ] = None,
) -> None:
    """Start the embedded server in the background; commands share it until `db stop`."""
    folder = embedded.data_dir(data_dir)
    with _reported():
        info = embedded.start(folder, mode="daemon", bolt_port=bolt_port)
    if info.mode != "daemon":
        raise _fail(f"a diplograph command is using {folder} with a server of its own; try again when it ends")
    if bolt_port is not None and info.bolt_port != bolt_port:
        raise _fail(f"the server on {folder} already runs on port {info.bolt_port}; `diplograph db stop` it first")
    out.print(f"running: {info.uri}  data: {folder}")


@db_app.command("stop")
def db_stop(data_dir: DataDirOpt = None) -> None:
    """Stop the embedded server."""
    folder = embedded.data_dir(data_dir)
    with _reported():
        stopped = embedded.stop(folder)
    out.print(f"stopped: {folder}" if stopped else f"not running: {folder}")


@db_app.command("status")
def db_status(
    data_dir: DataDirOpt = None,
    fmt: Annotated[TextOrJson, typer.Option("--format", "-f", help="text, or json for scripts.")] = TextOrJson.text,
) -> None:
    """Say where the embedded data is, its Bolt URI, whether it runs and for whom."""
    with _reported():
        status = embedded.status(embedded.data_dir(data_dir))
    credentials = status.data_dir / "credentials.json"
    if fmt is TextOrJson.json:
        record = {
            "data_dir": str(status.data_dir),
            "running": status.running,
            "uri": status.uri,
            "user": embedded.USERNAME,
            "database": status.database or embedded.DATABASE,
            "credentials": str(credentials),
            "pid": status.pid,
            "mode": status.mode,
            "owner": status.owner,
        }
        sys.stdout.write(json.dumps(record, indent=2) + "\n")
        return
    out.print(f"data: {status.data_dir}")
    if status.running and status.mode == "command":
        out.print(
            f"running: yes, for the diplograph command of pid {status.owner} (server pid {status.pid}); "
            "it stops when that command ends"
        )
    elif status.running:
        out.print(f"running: yes ({status.mode}, pid {status.pid})")
    elif status.held:
        out.print("running: not yet (a server holds the data while it starts or stops)")
    else:
        out.print("running: no (commands start it for their own duration; `diplograph db start` keeps it up)")
    if status.running:
        out.print(
            f"uri: {status.uri}\nuser: {embedded.USERNAME}  database: {status.database}  (password in {credentials})"
        )

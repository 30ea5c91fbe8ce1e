"""Pictures of a subgraph: an interactive HTML page (pyvis, vis-network inlined so it opens
offline) and a static PNG (matplotlib) of the same selection, styled alike.

Nodes are coloured and shaped by label and sized by a centrality measure; edges are
labelled by type. The HTML page has a title, a legend and a canvas that fills the window;
hovering a node shows (as plain text) its name, type, id, aliases and the measure's value;
hovering an edge its type, date, article and evidence sentence. The PNG names only the
nodes that rank highest by the measure, so labels do not pile up.
"""

from __future__ import annotations

import html as html_escape
import re
from pathlib import Path
from typing import Any

import networkx as nx

from graph import analysis
from graph.errors import DiplographError

# label → (colour, vis-network shape, matplotlib marker)
STYLE: dict[str, tuple[str, str, str]] = {
    "Person": ("#4e79a7", "dot", "o"),
    "Country": ("#e15759", "star", "*"),
    "Prefecture": ("#f28e2b", "diamond", "D"),
    "Province": ("#ffbe7d", "diamond", "D"),
    "City": ("#59a14f", "square", "s"),
    "Party": ("#b07aa1", "triangle", "^"),
    "Association": ("#9c755f", "triangleDown", "v"),
    "Organization": ("#76b7b2", "hexagon", "h"),
    "Article": ("#bab0ac", "box", "P"),
}
EDGE_COLOURS: dict[str, str] = {
    "VISITED": "#4e79a7",
    "MET": "#e15759",
    "SIGNED": "#59a14f",
    "TWINNED": "#f28e2b",
    "HOLDS_ROLE": "#b07aa1",
    "LOCATED_IN": "#bab0ac",
    "MENTIONED_IN": "#d3d3d3",
}
MIN_SIZE, MAX_SIZE = 10.0, 40.0
LABELLED = 15  # nodes named in the PNG: the first by the measure
SYMBOL = {"dot": "●", "star": "★", "diamond": "◆", "square": "■", "triangle": "▲", "triangleDown": "▼", "hexagon": "⬢"}
SYMBOL["box"] = "▬"
# pyvis's page fetches Bootstrap from a CDN for its frame; the picture needs none of it.
_CDN_TAG = re.compile(r"<(link|script)\b[^>]*https?://[^>]*>(\s*</script>)?", re.I)
_EMPTY_HEADING = re.compile(r"<center>\s*<h1>\s*</h1>\s*</center>")  # pyvis's, without a heading


class DrawError(DiplographError):
    """A drawing that cannot be made (an empty selection, an unknown measure)."""


def measure_values(graph: nx.MultiDiGraph, measure: str) -> dict[Any, float]:
    """Each node's value of a centrality ``measure`` (0 for nodes the analysis leaves out)."""
    if measure not in analysis.MEASURES:
        raise DrawError(f"unknown measure {measure!r}; choose from {', '.join(analysis.MEASURES)}")
    values = analysis.centrality(graph, [measure]).set_index("id")[measure].to_dict()
    return {n: float(values.get(n, 0.0)) for n in graph}


def sizes(graph: nx.MultiDiGraph, measure: str, values: dict[Any, float] | None = None) -> dict[Any, float]:
    """Node sizes between MIN_SIZE and MAX_SIZE, in proportion to ``measure``."""
    values = measure_values(graph, measure) if values is None else values
    top = max(values.values(), default=0) or 1.0
    return {n: MIN_SIZE + (MAX_SIZE - MIN_SIZE) * values.get(n, 0.0) / top for n in graph}


def labelled(values: dict[Any, float], top: int = LABELLED) -> list[Any]:
    """The nodes a static picture names: the first ``top`` by value (ties by id).

    >>> labelled({"a": 1.0, "b": 3.0, "c": 2.0}, top=2)
    ['b', 'c']
    """
    return sorted(values, key=lambda n: (-values[n], str(n)))[:top]


def _style(data: dict[str, Any]) -> tuple[str, str, str]:
    return STYLE.get(str(data.get("label")), ("#999999", "dot", "o"))


def _node_tip(node: Any, data: dict[str, Any], measure: str, value: float) -> str:
    """A node's hover text, plain (vis-network shows a string as text, never as HTML)."""
    lines = [str(data.get("name") or data.get("title") or node), f"{data.get('label')} · {node}"]
    if data.get("aliases"):
        lines.append("also: " + ", ".join(map(str, data["aliases"])))
    lines.append(f"{measure}: {value:.4g}")
    return "\n".join(lines)


def _edge_tip(data: dict[str, Any], files: dict[str, str]) -> str:
    """An edge's hover text, plain: type, date, article, then the evidence sentence."""
    head = " · ".join(str(x) for x in (data.get("type"), data.get("date"), files.get(str(data.get("article")))) if x)
    return head + (f"\n{data['evidence']}" if data.get("evidence") else "")


def _legend(graph: nx.MultiDiGraph, measure: str) -> str:
    """The page's legend: a symbol per node type, a colour per relationship type, what size means."""
    items = []
    for label in sorted({str(d.get("label")) for _, d in graph.nodes(data=True)}):
        colour, shape, _ = STYLE.get(label, ("#999999", "dot", "o"))
        items.append(f'<span style="color:{colour}">{SYMBOL.get(shape, "●")}</span> {html_escape.escape(label)}')
    for kind in sorted({str(d.get("type")) for _, _, d in graph.edges(data=True)}):
        colour = EDGE_COLOURS.get(kind, "#999999")
        items.append(f'<span style="color:{colour}">━</span> {html_escape.escape(kind)}')
    items.append(f"size: {html_escape.escape(measure)}")
    return '<div id="diplograph-legend">' + " &nbsp; ".join(items) + "</div>"


_PAGE_STYLE = """<style>
body { margin: 0; font-family: sans-serif; }
#diplograph-header { padding: 0.4em 1em; }
#diplograph-header h1 { font-size: 1.2em; margin: 0 0 0.2em 0; }
#diplograph-legend { font-size: 0.9em; }
div.vis-tooltip { white-space: pre-wrap; max-width: 40em; }
#mynetwork { box-sizing: border-box; }
.card { width: 100%; box-sizing: border-box; }
</style>"""


def _title(graph: nx.MultiDiGraph, measure: str) -> str:
    return f"diplograph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} relationships; size by {measure}"


def to_html(
    graph: nx.MultiDiGraph, *, size_by: str = "degree", files: dict[str, str] | None = None, title: str | None = None
) -> str:
    """A self-contained interactive page of ``graph`` (no network needed to open it), with a title
    and a legend; the canvas fills the window below them."""
    from pyvis.network import Network

    if graph.number_of_nodes() == 0:
        raise DrawError("the selection is empty: nothing to draw")
    values = measure_values(graph, size_by)
    scale = sizes(graph, size_by, values)
    net = Network(height="calc(100vh - 5em)", width="100%", directed=True, cdn_resources="in_line", bgcolor="#ffffff")
    for node, data in graph.nodes(data=True):
        colour, shape, _ = _style(data)
        net.add_node(
            str(node),
            label=str(data.get("name") or data.get("file") or node),
            title=_node_tip(node, data, size_by, values[node]),
            color=colour,
            shape=shape,
            size=scale[node],
        )
    for u, v, data in graph.edges(data=True):
        kind = str(data.get("type"))
        net.add_edge(
            str(u),
            str(v),
            label=kind,
            title=_edge_tip(data, files or {}),
            color=EDGE_COLOURS.get(kind, "#999999"),
            font={"size": 9, "align": "middle"},
            arrows="to",
        )
    net.toggle_physics(True)
    page = _EMPTY_HEADING.sub("", _CDN_TAG.sub("", net.generate_html()))
    heading = html_escape.escape(title or _title(graph, size_by))
    page = page.replace("<head>", f"<head>\n<title>{heading}</title>\n{_PAGE_STYLE}", 1)
    header = f'<div id="diplograph-header"><h1>{heading}</h1>{_legend(graph, size_by)}</div>'
    return page.replace("<body>", "<body>\n" + header, 1)


def _layout(graph: nx.MultiDiGraph) -> dict[Any, Any]:
    """Positions for the PNG: the largest connected part spread over the picture, the small
    unconnected ones in a column at its right (so they do not squeeze it into a corner)."""
    whole = nx.Graph(graph.to_undirected())
    parts = sorted(nx.connected_components(whole), key=lambda c: (-len(c), sorted(map(str, c))))
    main = whole.subgraph(parts[0])
    layout = dict(nx.spring_layout(main, seed=7, k=1.5 / max(1, len(main)) ** 0.5, iterations=200))
    rest = parts[1:]
    for i, part in enumerate(rest):
        y = 0.9 - 1.8 * i / max(1, len(rest) - 1)
        layout.update(nx.spring_layout(whole.subgraph(part), seed=7, scale=0.06, center=(1.3, y)))
    return layout


# Where a label may sit beside its node, in points, tried in this order: on it, above, below, right, left, farther.
LABEL_SPOTS = [(0, 0, "center"), (0, 11, "center"), (0, -11, "center"), (9, 0, "left"), (-9, 0, "right")]
LABEL_SPOTS += [(0, 22, "center"), (0, -22, "center"), (9, 11, "left"), (-9, 11, "right"), (9, -11, "left")]
LABEL_SPOTS += [(-9, -11, "right"), (0, 33, "center"), (0, -33, "center")]


def place_labels(ax: Any, layout: dict[Any, Any], names: dict[Any, str]) -> list[Any]:
    """Write each name beside its node, in the given order, at the first of :data:`LABEL_SPOTS`
    where its box lies inside the picture and overlaps no label already placed (the last spot when
    none is free), so labels of close nodes do not pile up. Returns the labels' boxes in display units."""
    renderer = ax.figure.canvas.get_renderer()
    frame = ax.figure.bbox
    placed: list[Any] = []
    for node, name in names.items():
        text = ax.annotate(
            name,
            layout[node],
            xytext=(0, 0),
            textcoords="offset points",
            fontsize=8,
            va="center",
            bbox={"facecolor": "white", "alpha": 0.7, "lw": 0, "pad": 1},
        )
        for dx, dy, align in LABEL_SPOTS:
            text.set_position((dx, dy))
            text.set_horizontalalignment(align)
            box = text.get_window_extent(renderer).expanded(1.04, 1.1)
            inside = frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
            if inside and not any(box.overlaps(other) for other in placed):
                break
        placed.append(box)
    return placed


def to_png(graph: nx.MultiDiGraph, path: Path, *, size_by: str = "degree", title: str | None = None) -> None:
    """A static picture of ``graph``, styled as the HTML: shape and colour by label, size by measure."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    if graph.number_of_nodes() == 0:
        raise DrawError("the selection is empty: nothing to draw")
    values = measure_values(graph, size_by)
    scale = sizes(graph, size_by, values)
    layout = _layout(graph)
    fig, ax = plt.subplots(figsize=(14, 10), dpi=120)
    simple = nx.DiGraph()
    simple.add_edges_from((u, v, {"type": d.get("type")}) for u, v, d in graph.edges(data=True))
    for kind in sorted({d["type"] for _, _, d in simple.edges(data=True)}):
        edges = [(u, v) for u, v, d in simple.edges(data=True) if d["type"] == kind]
        nx.draw_networkx_edges(
            simple,
            layout,
            edgelist=edges,
            edge_color=EDGE_COLOURS.get(kind, "#999999"),
            ax=ax,
            alpha=0.7,
            arrowsize=8,
            width=1.2,
        )
    labels_present = sorted({str(d.get("label")) for _, d in graph.nodes(data=True)})
    for label in labels_present:
        colour, _, marker = STYLE.get(label, ("#999999", "dot", "o"))
        nodes = [n for n, d in graph.nodes(data=True) if str(d.get("label")) == label]
        nx.draw_networkx_nodes(
            graph,
            layout,
            nodelist=nodes,
            node_color=colour,
            node_shape=marker,
            ax=ax,
            node_size=[scale[n] ** 2 / 2 for n in nodes],
            edgecolors="#333333",
            linewidths=0.5,
        )
    handles = [
        Line2D([], [], marker=STYLE[lb][2], color="w", markerfacecolor=STYLE[lb][0], markersize=9, label=lb)
        for lb in labels_present
        if lb in STYLE
    ]
    kinds = sorted({d["type"] for _, _, d in simple.edges(data=True)})
    handles += [Line2D([], [], color=EDGE_COLOURS.get(k, "#999999"), label=k) for k in kinds]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
    shown = min(LABELLED, graph.number_of_nodes())
    heading = (
        title
        or f"{graph.number_of_nodes()} entities, {graph.number_of_edges()} assertions; size: {size_by}; "
        f"the {shown} first by {size_by} named"
    )
    ax.set_title(heading)
    ax.margins(0.12)
    ax.axis("off")
    fig.tight_layout()
    names = {n: str(graph.nodes[n].get("name") or graph.nodes[n].get("file") or n) for n in labelled(values)}
    place_labels(ax, layout, names)  # after the layout is final: boxes are compared where they will be drawn
    fig.savefig(path, metadata={"Title": heading})  # the counts, readable from the file (README's picture test)
    plt.close(fig)

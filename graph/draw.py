"""Pictures of a subgraph: an interactive HTML page (pyvis, vis-network inlined so it opens
offline) and a static PNG (matplotlib) of the same selection, styled alike.

Nodes are coloured and shaped by label and sized by a centrality measure; edges are
labelled by type. In the HTML, hovering a node shows its id, type and aliases; hovering
an edge shows its evidence sentence, article and date.
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
# pyvis's page fetches Bootstrap from a CDN for its frame; the picture needs none of it.
_CDN_TAG = re.compile(r"<(link|script)\b[^>]*https?://[^>]*>(\s*</script>)?", re.I)


class DrawError(DiplographError):
    """A drawing that cannot be made (an empty selection, an unknown measure)."""


def sizes(graph: nx.MultiDiGraph, measure: str) -> dict[Any, float]:
    """Node sizes between MIN_SIZE and MAX_SIZE, in proportion to ``measure``."""
    if measure not in analysis.MEASURES:
        raise DrawError(f"unknown measure {measure!r}; choose from {', '.join(analysis.MEASURES)}")
    values = analysis.centrality(graph, [measure]).set_index("id")[measure].to_dict()
    top = max(values.values(), default=0) or 1.0
    return {n: MIN_SIZE + (MAX_SIZE - MIN_SIZE) * float(values.get(n, 0.0)) / top for n in graph}


def _style(data: dict[str, Any]) -> tuple[str, str, str]:
    return STYLE.get(str(data.get("label")), ("#999999", "dot", "o"))


def _node_tip(node: Any, data: dict[str, Any], measure: str, value: float) -> str:
    lines = [f"<b>{html_escape.escape(str(data.get('name') or data.get('title') or node))}</b>"]
    lines.append(f"{html_escape.escape(str(data.get('label')))} · {html_escape.escape(str(node))}")
    if data.get("aliases"):
        lines.append("also: " + html_escape.escape(", ".join(map(str, data["aliases"]))))
    lines.append(f"{measure}-based size {value:.1f}")
    return "<br>".join(lines)


def _edge_tip(data: dict[str, Any], files: dict[str, str]) -> str:
    head = " · ".join(str(x) for x in (data.get("type"), data.get("date"), files.get(str(data.get("article")))) if x)
    tip = f"<b>{html_escape.escape(head)}</b>"
    if data.get("evidence"):
        tip += "<br>" + html_escape.escape(str(data["evidence"]))
    return tip


def to_html(graph: nx.MultiDiGraph, *, size_by: str = "degree", files: dict[str, str] | None = None) -> str:
    """A self-contained interactive page of ``graph`` (no network needed to open it)."""
    from pyvis.network import Network

    if graph.number_of_nodes() == 0:
        raise DrawError("the selection is empty: nothing to draw")
    scale = sizes(graph, size_by)
    net = Network(height="760px", width="100%", directed=True, cdn_resources="in_line", bgcolor="#ffffff")
    for node, data in graph.nodes(data=True):
        colour, shape, _ = _style(data)
        net.add_node(
            str(node),
            label=str(data.get("name") or data.get("file") or node),
            title=_node_tip(node, data, size_by, scale[node]),
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
    page = net.generate_html()
    return _CDN_TAG.sub("", page)


def to_png(graph: nx.MultiDiGraph, path: Path, *, size_by: str = "degree", title: str | None = None) -> None:
    """A static picture of ``graph``, styled as the HTML: shape and colour by label, size by measure."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    if graph.number_of_nodes() == 0:
        raise DrawError("the selection is empty: nothing to draw")
    scale = sizes(graph, size_by)
    layout = nx.spring_layout(nx.Graph(graph.to_undirected()), seed=7, k=1.2 / max(1, graph.number_of_nodes()) ** 0.5)
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
    names = {n: str(d.get("name") or d.get("file") or n) for n, d in graph.nodes(data=True)}
    nx.draw_networkx_labels(graph, layout, labels=names, font_size=7, ax=ax)
    handles = [
        Line2D([], [], marker=STYLE[lb][2], color="w", markerfacecolor=STYLE[lb][0], markersize=9, label=lb)
        for lb in labels_present
        if lb in STYLE
    ]
    kinds = sorted({d["type"] for _, _, d in simple.edges(data=True)})
    handles += [Line2D([], [], color=EDGE_COLOURS.get(k, "#999999"), label=k) for k in kinds]
    ax.legend(handles=handles, loc="lower left", fontsize=8, frameon=False)
    ax.set_title(title or f"{graph.number_of_nodes()} entities, {graph.number_of_edges()} assertions; size: {size_by}")
    ax.axis("off")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)

"""Pictures of the seeds graph: the HTML page (checked in headless Chromium when installed) and the PNG."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph import draw, export
from graph.cli import app
from graph.store import Store

runner = CliRunner()
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.fixture
def seeds_graph(seeds_store: Store):
    return export.select(seeds_store, export.Selection())


def test_html_styles_nodes_and_carries_hover_text(seeds_graph):
    page = draw.to_html(seeds_graph, size_by="pagerank", files={})
    assert "Nguyen Ngoc Ky" in page and "HAUFO" in page  # a name, and an alias in a node's hover text
    assert "successfully concluded its visit to Japan" in page  # an edge's evidence in its hover text
    assert draw.STYLE["Country"][0] in page and '"shape": "star"' in page
    assert not re.search(r"<(script|link)\b[^>]*(src|href)=\"https?://", page), "the page loads from the network"


def test_html_hover_text_is_plain_and_the_page_has_a_title_and_legend(seeds_graph):
    page = draw.to_html(seeds_graph, size_by="pagerank", files={})
    titles = re.findall(r'"title": "((?:[^"\\]|\\.)*)"', page)
    assert len(titles) >= seeds_graph.number_of_nodes() + seeds_graph.number_of_edges()
    assert not any(re.search(r"</?(b|br)>", t) for t in titles), "hover text would show raw HTML"
    assert any(re.search(r"\\npagerank: 0\.\d", t) for t in titles), "a node's hover text gives its measure"
    assert not any("-based size" in t for t in titles)
    assert "<title>diplograph: " in page and 'id="diplograph-legend"' in page and "760px" not in page
    legend = page[page.index('id="diplograph-legend"') :].split("</div>")[0]
    assert all(label in legend for label in ("Person", "Country", "VISITED", "size: pagerank"))


def test_the_png_names_only_the_first_nodes_by_the_measure(seeds_graph):
    values = draw.measure_values(seeds_graph, "degree")
    named = draw.labelled(values)
    assert len(named) == draw.LABELLED < seeds_graph.number_of_nodes()
    assert min(values[n] for n in named) >= max(values[n] for n in seeds_graph if n not in named)


def test_labels_of_close_nodes_do_not_pile_up():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 4), dpi=100)
    layout = {n: (0.5 + n * 0.001, 0.5) for n in range(6)}  # six nodes on one spot
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    boxes = draw.place_labels(ax, layout, {n: f"A rather long organisation name {n}" for n in layout})
    plt.close(fig)
    assert len(boxes) == 6
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])


def test_the_readme_picture_is_the_seeds_graph_of_today(seeds_graph, tmp_path: Path):
    """docs/seeds-graph.png carries its title (counts included) in its PNG metadata; it must be the
    title a fresh drawing of the seeds graph gets, so a stale picture fails here."""
    from PIL import Image

    fresh = tmp_path / "seeds.png"
    draw.to_png(seeds_graph, fresh, size_by="degree")
    expected = Image.open(fresh).text["Title"]
    assert expected.startswith(f"{seeds_graph.number_of_nodes()} entities, {seeds_graph.number_of_edges()} assertions")
    shipped = Image.open(Path(__file__).parents[1] / "docs" / "seeds-graph.png").text.get("Title")
    assert shipped == expected, "redraw it: diplograph build seeds && diplograph draw --png docs/seeds-graph.png …"


def _console(html: Path, tmp_path: Path) -> tuple[str, str]:
    """Open a page in headless Chromium: (the DOM after scripts ran, console messages)."""
    done = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=5000",
            "--dump-dom",
            html.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    console = "\n".join(line for line in done.stderr.splitlines() if ":CONSOLE" in line)
    return done.stdout, console


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="no headless Chromium (Debian: apt-get install chromium)")
def test_html_opens_in_a_headless_browser_without_console_errors(seeds_graph, tmp_path: Path):
    broken = tmp_path / "broken.html"
    broken.write_text("<html><body><script>missingFunction();</script></body></html>", encoding="utf-8")
    _, console = _console(broken, tmp_path)
    assert "Uncaught" in console  # the check sees errors when there are some

    page = tmp_path / "seeds.html"
    # after drawing, the page records what a hovered node's tooltip would show (vis-network puts a
    # string title in the tooltip as text) and whether the legend is there
    probe = (
        "<script>setTimeout(function () { var t = nodes.get()[0].title; var d = document.createElement('div');"
        " d.textContent = t; document.body.setAttribute('data-tip-kind', typeof t);"
        " document.body.setAttribute('data-tip-text', d.innerHTML.indexOf('&lt;') < 0 && t.indexOf('<') < 0);"
        " document.body.setAttribute('data-legend', !!document.getElementById('diplograph-legend')); }, 1000);"
        "</script></body>"
    )
    page.write_text(draw.to_html(seeds_graph).replace("</body>", probe), encoding="utf-8")
    dom, console = _console(page, tmp_path)
    assert "<canvas" in dom  # vis-network ran and drew
    assert console == "", console
    assert 'data-tip-kind="string"' in dom and 'data-tip-text="true"' in dom and 'data-legend="true"' in dom


def test_png_of_the_same_selection(seeds_graph, tmp_path: Path):
    path = tmp_path / "seeds.png"
    draw.to_png(seeds_graph, path, size_by="degree")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 20_000


def test_draw_command(cli_env, seeds_store: Store, tmp_path: Path):
    result = runner.invoke(
        app,
        [
            "draw",
            "-o",
            str(tmp_path / "n.html"),
            "--png",
            str(tmp_path / "n.png"),
            "--around",
            "HAUFO",
            "--size-by",
            "betweenness",
        ],
        env=cli_env,
    )
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "n.html").stat().st_size > 1000 and (tmp_path / "n.png").exists()
    result = runner.invoke(app, ["draw"], env=cli_env)
    assert result.exit_code == 1 and "--png" in result.stderr
    result = runner.invoke(app, ["draw", "-o", str(tmp_path / "x.html"), "--size-by", "fame"], env=cli_env)
    assert result.exit_code == 1 and "unknown measure" in result.stderr
    args = ["draw", "-o", str(tmp_path / "x.html"), "--between", "JP", "CN", "--since", "2090"]
    result = runner.invoke(app, args, env=cli_env)
    assert result.exit_code == 1 and "the selection is empty" in result.stderr

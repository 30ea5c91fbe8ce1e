"""The wheel ships cypher/ inside graph/, and the loader finds it there."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_contains_the_cypher_library(tmp_path: Path):
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    [wheel] = tmp_path.glob("diplograph-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {n for n in names if n.startswith("graph/cypher/") and n.endswith(".cypher")}
    in_checkout = {f"graph/cypher/{p.relative_to(ROOT / 'cypher')}" for p in (ROOT / "cypher").rglob("*.cypher")}
    assert shipped == in_checkout and "graph/cypher/schema.cypher" in shipped
    assert "loaders/extract.py" in names

    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    found = subprocess.run(
        [sys.executable, "-c", "from graph.cypher import cypher_dir; print(cypher_dir())"],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(site)},
    )
    assert Path(found.stdout.strip()) == site / "graph" / "cypher"


def test_every_cypher_file_is_found_by_name():
    from graph import cypher

    for path in (ROOT / "cypher").rglob("*.cypher"):
        name = str(path.relative_to(ROOT / "cypher").with_suffix(""))
        assert cypher.load(name).strip()

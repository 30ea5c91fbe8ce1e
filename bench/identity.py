"""Identity lookups with 100 and with 10,000 persons known, in one run.

    python bench/identity.py [--known N] [--rounds R] [--seed S]

Times the same 800 person lookups (400 one-letter misspellings of known names, 400 people no
one knows, so every index is asked and answers no) against a registry of 100 persons and one
of N (default 10,000). The two take turns over the rounds and each keeps its best, so the
machine's load falls on both. The target: the small registry answers fewer than 2x as many
lookups per second as the large one (a registry that scanned every known person would be about
N/100 times slower).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.model import Entity, entity_id  # noqa: E402
from loaders.identity import Registry  # noqa: E402

TARGET = 2.0
SYLLABLES = ("ka", "mi", "to", "ran", "le", "vo", "su", "hen", "da", "ri", "no", "pha", "quan", "bel", "tor")


def people(rng: random.Random, count: int) -> list[Entity]:
    """Distinct persons of three two-syllable words, so many share two words with another."""
    out: dict[str, Entity] = {}
    while len(out) < count:
        name = " ".join("".join(rng.choice(SYLLABLES) for _ in range(2)).capitalize() for _ in range(3))
        out.setdefault(entity_id("Person", name), Entity(entity_id("Person", name), "Person", name))
    return list(out.values())


def misspelt(rng: random.Random, name: str) -> str:
    """The name with one letter of one word of five letters or more changed."""
    words = name.split()
    long = [i for i, w in enumerate(words) if len(w) >= 5]
    if not long:
        return name
    i = rng.choice(long)
    at = rng.randrange(1, len(words[i]))
    words[i] = words[i][:at] + rng.choice("aeiouxz") + words[i][at + 1 :]
    return " ".join(words)


def lookups_per_second(registry: Registry, queries: list[Entity]) -> float:
    start = time.perf_counter()
    for query in queries:
        registry.match(query)
    return len(queries) / (time.perf_counter() - start)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--known", type=int, default=10_000, help="persons in the large registry (default 10,000)")
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds; each keeps its best (default 5)")
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    known = people(rng, args.known + 100)
    small, large = Registry(known[:100]), Registry(known[100:])
    queries = [Entity(entity_id("Person", n), "Person", n) for n in (misspelt(rng, p.name) for p in known[:400])]
    queries += people(random.Random(args.seed + 1), 400)
    best = {"small": 0.0, "large": 0.0}
    for _ in range(args.rounds):
        best["small"] = max(best["small"], lookups_per_second(small, queries))
        best["large"] = max(best["large"], lookups_per_second(large, queries))
    print(f"{len(queries)} person lookups; best of {args.rounds}")
    for name, registry in (("small", small), ("large", large)):
        print(f"{len(registry):>7,} known {best[name]:>12,.0f} lookups/s")
    ratio = best["small"] / best["large"]
    print(f"ratio small / large: {ratio:.2f} ({'within' if ratio < TARGET else 'OVER'} the {TARGET} target)")
    return 0 if ratio < TARGET else 2


if __name__ == "__main__":
    raise SystemExit(main())

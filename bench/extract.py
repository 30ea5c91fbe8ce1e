"""Extraction speed beside bare spaCy, in one run on the same texts and model.

    python bench/extract.py [--articles N] [--seed S] [--rounds R] [PATH ...]
    python bench/extract.py --outside-spacy [--rounds R] [PATH ...]

Times, on the same cleaned texts, (a) bare ``nlp.pipe`` of the model diplograph
loads and (b) diplograph's whole extraction (cleaning, entities, relations, and
identity against one registry per round, as a build does). The texts are N
distinct articles from ``bench/corpus.py`` (default 120), or the articles under
PATH when given; never copies of one article, which would hide work that
grows with the corpus and profit from the name caches. Reports articles/s,
words/s, CPU seconds and the ratio (b)/(a) (wall-clock; the CPU-time ratio beside it shifts less
with the machine's load); the target is ≤ 1.5. (a) and (b) take turns over the rounds and each
keeps its best; each round of (b) starts with empty name caches
and an empty registry, so no round profits from an earlier one. ``--outside-spacy`` times (b)
without spaCy (each article parsed once, the parse restored before each round), in CPU seconds:
what the code outside spaCy costs, steadier on a busy machine than the ratio.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from spacy.tokens import Doc as SpacyDoc  # noqa: E402

from bench.corpus import generate  # noqa: E402
from loaders import gazetteer  # noqa: E402
from loaders.clean import clean  # noqa: E402
from loaders.dates import event_date, parse_date  # noqa: E402
from loaders.extract import extract  # noqa: E402
from loaders.identity import Registry, form_keys  # noqa: E402
from loaders.names import name_countries, name_origin  # noqa: E402
from loaders.nlp import load_nlp, model_name  # noqa: E402
from loaders.pipeline import _prepare, process_document, process_documents  # noqa: E402
from loaders.places import context_hint, listed_regions  # noqa: E402
from loaders.read import Document, read  # noqa: E402
from loaders.resolve import resolve  # noqa: E402

TARGET = 1.5


def clear_caches() -> None:
    """Each timed round starts without the name caches a previous round filled (and without the
    regions an article lists, remembered per article text: a build meets each text once)."""
    gazetteer.clear_caches()
    form_keys.cache_clear()
    context_hint.cache_clear()
    listed_regions.cache_clear()
    name_origin.cache_clear()
    name_countries.cache_clear()
    parse_date.cache_clear()
    event_date.cache_clear()


def _timed(work: Callable[[], object]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of this process (all its threads)."""
    start, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - start, time.process_time() - cpu


def best_of_alternating(
    rounds: int, first: Callable[[], object], second: Callable[[], object]
) -> tuple[tuple[float, float], tuple[float, float]]:
    """The best wall-clock and the best CPU time of each over ``rounds``, the two taking turns so
    that a change in the machine's load falls on both alike."""
    best = [[float("inf")] * 2, [float("inf")] * 2]
    for _ in range(rounds):
        for n, work in enumerate((first, second)):
            wall, cpu = _timed(work)
            best[n] = [min(best[n][0], wall), min(best[n][1], cpu)]
    return (best[0][0], best[0][1]), (best[1][0], best[1][1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", help="articles to time instead of a generated corpus")
    parser.add_argument("--articles", type=int, default=120, help="distinct generated articles (default 120)")
    parser.add_argument("--seed", type=int, default=14, help="the generated corpus's seed (default 14)")
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds; the best is kept (default 5)")
    parser.add_argument(
        "--outside-spacy",
        action="store_true",
        help="time only what diplograph adds: each article parsed once, its parse restored before each round",
    )
    args = parser.parse_args()

    if args.paths:
        docs = [d for d in read(args.paths) if isinstance(d, Document)]
    else:
        docs = [Document(name, text, name) for name, text in generate(args.articles, args.seed)]
    if not docs:
        print("no readable articles", file=sys.stderr)
        return 1
    texts = [clean(d.text, {k: str(v) for k, v in d.meta.items()}).text for d in docs]
    words = sum(len(t.split()) for t in texts)
    nlp = load_nlp()
    list(nlp.pipe(texts[:2]))  # load and warm up before timing
    for name, text in generate(3, seed=args.seed + 1):  # one-time set-up (gazetteer tables, date parser)
        process_document(Document(name, text, name))

    def ours() -> None:
        clear_caches()
        for _ in process_documents(docs, Registry()):  # as a one-process build does (spaCy in batches)
            pass

    if args.outside_spacy:
        return outside_spacy(docs, args.rounds)

    (bare, bare_cpu), (mine, mine_cpu) = best_of_alternating(args.rounds, lambda: list(nlp.pipe(texts)), ours)
    what = "articles under " + " ".join(args.paths) if args.paths else f"distinct generated articles (seed {args.seed})"
    print(f"model: {model_name(nlp)}; {len(docs)} {what}, {words} words; best of {args.rounds} rounds")
    print(f"{'':<22}{'seconds':>9}{'articles/s':>12}{'words/s':>10}{'CPU s':>8}")
    for name, secs, cpu in (("bare spaCy nlp.pipe", bare, bare_cpu), ("diplograph extraction", mine, mine_cpu)):
        print(f"{name:<22}{secs:>9.2f}{len(docs) / secs:>12.1f}{words / secs:>10.0f}{cpu:>8.2f}")
    ratio = mine / bare
    verdict = "within" if ratio <= TARGET else "OVER"
    print(
        f"ratio diplograph / bare spaCy: {ratio:.2f} ({verdict} the {TARGET}x target); "
        f"in CPU time {mine_cpu / bare_cpu:.2f}"
    )
    return 0 if ratio <= TARGET else 2


def outside_spacy(docs: list[Document], rounds: int) -> int:
    """CPU seconds of extraction and identity alone (best and median of ``rounds``): spaCy parses
    each article once, and each round restores the parses from bytes (not timed), empties the
    caches, then extracts and resolves every article against a fresh registry. Steadier than the
    ratio on a busy machine, where bare spaCy's own time moves by a third between runs."""
    nlp = load_nlp()
    articles = [(d, a) for d in docs if not isinstance(a := _prepare(d), str)]
    parsed = [p.to_bytes() for p in nlp.pipe([a.text for _, a in articles])]

    def one_round() -> float:
        clear_caches()
        restored = [SpacyDoc(nlp.vocab).from_bytes(b) for b in parsed]
        registry = Registry()
        start = time.process_time()
        for (doc, article), parse in zip(articles, restored, strict=True):
            resolve(extract(doc.name, article, url=doc.meta.get("url"), parsed=parse), registry)
        return time.process_time() - start

    one_round()  # warm
    times = sorted(one_round() for _ in range(rounds))
    print(
        f"{len(articles)} articles; extraction and identity outside spaCy, CPU seconds per round: "
        f"best {times[0]:.3f}, median {times[len(times) // 2]:.3f} ({rounds} rounds)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

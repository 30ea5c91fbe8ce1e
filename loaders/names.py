"""Where a person's name comes from, by how it is romanised: Vietnamese, Korean, Chinese
(pinyin; Taiwanese with a hyphenated given name) or Japanese (Hepburn) — and, more loosely,
the countries a name of another tradition points at (`name_countries`). A guess from the name
alone, used as a feature (a host and a guest usually come from different countries); never a
verdict on its own.

>>> [name_origin(n) for n in ("Nguyen Van Phong", "Hwang Kyo-ahn", "Wu Jianghao", "Masashi Nishibori")]
['VN', 'KR', 'CN', 'JP']
>>> name_origin("Lai Ching-te"), name_origin("Boris Johnson")
('TW', None)
>>> sorted(name_countries("Valery Limarenko"))[:3], "US" in name_countries("Danielle Smith")
(['AM', 'AZ', 'BY'], True)
"""

from __future__ import annotations

import re
from functools import lru_cache

from graph.model import fold


def _words(text: str) -> list[str]:
    return text.split()


VIETNAMESE = frozenset(
    _words("""nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly dinh truong mai trinh lam luong
    ha cao dao doan chu vuong tong luu quach thai khuat kieu lai ta""")
)
VIETNAMESE_MIDDLE = frozenset(
    _words("van thi duc minh quoc hong thanh xuan anh ngoc huu cong dinh trong tien dang quang kim hoang viet")
)
KOREAN = frozenset(
    _words("""kim park lee choi jung jeong kang cho jo yoon yun jang lim oh seo shin kwon hwang ahn ryu yoo hong jeon
    ko moon bae baek heo hur noh kwak cha joo woo min koo chae eom byun hyun yeom yang song han""")
)
KOREAN_SYLLABLE = re.compile(r"eo|eu|ae|oe|yeo|yeon|oo|ee|ui")
CHINESE = frozenset(
    _words("""wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng liang xie song
    tang han feng deng peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei su lu ding ren shen yao
    zhong cui tan fan jin qin gu xue hou lei long duan hao kong shao shi mao wen qi meng bai fu xiang qiu
    xi lou jia xia yan""")
)
_INITIALS = "zh|ch|sh|b|p|m|f|d|t|n|l|g|k|h|j|q|x|r|z|c|s|y|w"
_FINALS = (
    "iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ei|ao|ou|an|en|er|ia|ie|in|iu|ua|uo|ui|un|ue|a|e|i|o|u|v"
)
PINYIN = re.compile(rf"^(?:(?:{_INITIALS})?(?:{_FINALS}))+$")
# Taiwan writes given names in Wade-Giles with a hyphen ("Lai Ching-te"), the mainland in pinyin
# without one; these are the Wade-Giles spellings of common surnames that pinyin writes otherwise.
WADE_GILES = frozenset(
    _words("""chang cheng chiang chien chou chu chuang chung hsiao hsieh hsu hung kao ko kuo lai lo shih
    sung tsai tseng tsou tu tung weng yeh hou lee""")
)
WADE_GILES_SYLLABLE = re.compile(r"^(?:hs|ts|tz|ch|sh|[bpmfdtnlgkhjrzcswy])?[aeiouy]{1,3}(?:ng|n|h)?$")
JAPANESE = re.compile(r"^(?:(?:[kgsztdnhbpmr]y?|sh|ch|ts|j|f|y|w)?[aiueo]{1,2}|n(?![aiueoy]))+$")
# Syllables Hepburn, the romanisation of Japanese names in the news, never writes (it has shi, chi,
# tsu, fu, ji): "Hun Sen", "Mario Monti" and "Renzi" are not Japanese.
NOT_HEPBURN = re.compile(r"si|ti|tu|(?<![sc])hu|zi|di|du|yi|ye|wi|wu|we")


@lru_cache(maxsize=4096)
def name_origin(name: str) -> str | None:
    """The country (ISO code) a person's name is most likely romanised from, or None."""
    words = [w for w in re.findall(r"[a-z]+(?:-[a-z]+)?", fold(name)) if w]
    if len(words) < 2:
        return None
    first, rest = words[0], words[1:]
    vietnamese = first in VIETNAMESE and len(words) >= 3 and (rest[0] in VIETNAMESE_MIDDLE or len(words) == 3)
    if vietnamese and not any("-" in w for w in words):
        return "VN"
    korean_given = any("-" in w for w in rest) or any(KOREAN_SYLLABLE.search(w) for w in rest)
    if (first in KOREAN or words[-1] in KOREAN) and (korean_given or first in KOREAN - CHINESE):
        return "KR"
    hyphenated = len(words) == 2 and "-" in rest[0]
    plain = [w.replace("-", "") for w in words]
    if all(PINYIN.match(w) for w in plain) and (first in CHINESE or words[-1] in CHINESE):
        return "TW" if hyphenated else "CN"
    syllables = rest[0].split("-") if hyphenated else []
    if first in CHINESE | WADE_GILES and syllables and all(map(WADE_GILES_SYLLABLE.match, syllables)):
        return "TW"
    if first not in WESTERN_GIVEN | KHMER and all(
        len(w) >= 3 and JAPANESE.match(w) and not NOT_HEPBURN.search(w) for w in plain
    ):
        return "JP"
    return None


# Names of other traditions point at a group of countries rather than one: a Russian surname at
# Russia and its neighbours, a Lao or Thai name at Laos and Thailand, a European given name at
# the countries where such names are usual. Each family: the countries, and what marks a name.
_POST_SOVIET = frozenset(_words("RU BY UA KZ UZ KG TJ TM AZ AM GE MD"))
_WESTERN = frozenset(
    _words("US CA GB IE AU NZ FR DE AT CH BE NL LU IT ES PT PL CZ SK HU SE NO DK FI IS BR AR MX CL CO PE PH ZA")
)
_CHINESE_ABROAD = frozenset(("TW", "HK", "SG"))
SLAVIC_ENDINGS = ("ov", "ova", "ev", "eva", "yev", "sky", "skiy", "skii", "skaya", "enko", "ovich", "evich", "ovna")
POST_SOVIET_GIVEN = frozenset(
    _words("""vladimir valery valeriy igor sergei sergey dmitry dmitri alexei alexey andrei andrey mikhail nikolai
    oleg yuri yury viktor anatoly yevgeny evgeny vyacheslav ivan pavel konstantin gennady vasily grigory arkady
    leonid vadim natalia natalya olga irina tatiana tatyana yelena svetlana galina lyudmila nursultan
    kassym-jomart shavkat bakytzhan askar yerlan nurlan shakhrat sooronbay almazbek emomali ilham nikol""")
)
LAO_THAI_ENDINGS = tuple(
    _words("""vong vongsa vongsy vanh vane savanh sane sone phone phanh lith sith phet mixay xay xai porn pong
    chai sak siri kul thana wat phan kham houng""")
)
LAO_THAI_STARTS = tuple(_words("boun khem kham thong phan som sou xay phet khoun"))
KHMER = frozenset(_words("hun chea heng sok prak hor sar tea ung norodom keat chhay kem samdech men say sim"))
MALAY = frozenset(
    _words("""mohd mohamad mohammad muhammad mohamed ahmad abdul abdullah bin binti tun haji siti syed wan nik
    ismail ibrahim yusof rahman razak hassan hussein anwar azmin zahid""")
)
INDIAN = frozenset(
    _words("""patel modi singh kumar sharma reddy rao gupta shah mehta jain iyer nair menon pillai verma yadav mishra
    pandey joshi desai naidu chandra narendra bhupendra rahul amit sanjay rajesh suresh ramesh arvind nitin
    subrahmanyam jaishankar""")
)
MONGOLIAN_ENDINGS = ("baatar", "bataar", "erdene", "suren", "tsetseg", "jargal", "bold", "zorig", "shatar", "khuu")
WESTERN_GIVEN = frozenset(
    _words("""aaron adam adrian alan albert alessandro alex alexander alice amanda amy ana anders andrew andrzej
    angela anna anne anthony antonio barbara ben benjamin bernard bill bob brenda brian bruce carl carlos
    carol catherine charles charlotte chris christian christine christopher claire claude daniel danielle dave
    david deborah dennis derek diana dieter donald douglas edward elizabeth emily emma eric erik eva fernando
    francesco francis francois frank franz friedrich gary george gerald giovanni giuseppe gordon graham greg
    gregory hans harry heather helen helmut henry hugh ian isabel jack jacob jacques james jan jane janet jason
    javier jay jean jeffrey jennifer jens jeremy jerry jessica jim joan joao joe johannes john jonathan jorge
    jose joseph juan julia julian julie jurgen justin karen karl kate katherine kathleen keith kevin klaus lars
    larry laura laurent linda lisa louis luca lucas luis malcolm manuel marc marco margaret maria marie mark
    mario marina markus martin mary matthew matthias michael michel michelle miguel mike nancy nicholas nick nicolas
    olivier oliver pablo patricia patrick paul pedro peter philip philippe phillip pierre piotr rachel rafael
    ralph raymond rebecca renato ricardo richard rob robert roberto roger ronald rosa rui ruth ryan sandra sara sarah
    scott sean sebastian simon sophie stefan stephen steve steven sue susan sven teresa thierry thomas tim timothy
    tom tomasz tony ursula victoria vincent walter wayne william wolfgang""")
)


@lru_cache(maxsize=4096)
def name_countries(name: str) -> frozenset[str]:
    """The countries (ISO codes) a person's name points at: its `name_origin`, else the group of
    countries its tradition is usual in, else none.

    >>> sorted(name_countries("Thongloun Sisoulith")), sorted(name_countries("Mohd Khalil Yaakob"))
    (['LA', 'TH'], ['BN', 'ID', 'MY', 'SG'])
    >>> name_countries("Smith")
    frozenset()
    """
    origin = name_origin(name)
    if origin:
        return frozenset((origin,))
    words = [w for w in re.findall(r"[a-z]+(?:-[a-z]+)?", fold(name)) if w]
    if not words:
        return frozenset()
    first, last = words[0], words[-1]
    if len(words) >= 2 and (last.endswith(SLAVIC_ENDINGS) or first in POST_SOVIET_GIVEN):
        return _POST_SOVIET
    if any(w in MALAY for w in words):
        return frozenset(("MY", "ID", "BN", "SG"))
    if any(w in INDIAN for w in words):
        return frozenset(("IN",))
    if last.endswith(MONGOLIAN_ENDINGS):
        return frozenset(("MN",))
    if len(words) >= 2 and first in KHMER:
        return frozenset(("KH",))
    if first in WESTERN_GIVEN:  # "William Lai", "Justin Huang": a Taiwanese or Hong Kong name in English
        return _WESTERN | _CHINESE_ABROAD if last in CHINESE | WADE_GILES else _WESTERN
    lao_thai = sum(w.endswith(LAO_THAI_ENDINGS) or w.startswith(LAO_THAI_STARTS) for w in words if len(w) >= 5)
    if len(words) >= 2 and lao_thai >= 1 and all(len(w) >= 4 for w in words):
        return frozenset(("LA", "TH"))
    return frozenset()

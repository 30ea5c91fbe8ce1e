"""Where a person's name comes from, by how it is romanised: Vietnamese, Korean, Chinese
(pinyin) or Japanese (Hepburn). A guess from the name alone, used as a feature (a host
and a guest usually come from different countries); never a verdict on its own.

>>> [name_origin(n) for n in ("Nguyen Van Phong", "Hwang Kyo-ahn", "Wu Jianghao", "Masashi Nishibori")]
['VN', 'KR', 'CN', 'JP']
>>> name_origin("Boris Johnson") is None
True
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
JAPANESE = re.compile(r"^(?:(?:[kgsztdnhbpmr]y?|sh|ch|ts|j|f|y|w)?[aiueo]{1,2}|n(?![aiueoy]))+$")


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
    plain = [w.replace("-", "") for w in words]
    if all(PINYIN.match(w) for w in plain) and (first in CHINESE or words[-1] in CHINESE):
        return "CN"
    if all(len(w) >= 3 and JAPANESE.match(w) for w in plain):
        return "JP"
    return None

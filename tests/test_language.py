"""Language: plain English is told by its commonest words; anything else goes to langdetect."""

from __future__ import annotations

import pytest

from loaders.language import _plainly_english, language_of

OTHERS = {
    "fr": "Le gouverneur de la préfecture de Tottori a visité Hanoï lundi et a rencontré le maire de la ville. Les "
    "deux parties ont signé un protocole d'accord sur la coopération dans les domaines de l'économie, du tourisme "
    "et de la culture, et ont convenu de renforcer les échanges entre les deux localités.",
    "de": "Der Gouverneur der Präfektur Tottori besuchte am Montag Hanoi und traf den Bürgermeister der Stadt. Beide "
    "Seiten unterzeichneten eine Absichtserklärung über die Zusammenarbeit in den Bereichen Wirtschaft, Tourismus "
    "und Kultur und vereinbarten, den Austausch zwischen den beiden Orten zu verstärken, was sie für wichtig halten.",
    "nl": "De gouverneur van de prefectuur Tottori bezocht maandag Hanoi en ontmoette de burgemeester van de stad. "
    "Beide partijen ondertekenden een memorandum van overeenstemming over samenwerking op het gebied van economie, "
    "toerisme en cultuur, en kwamen overeen de uitwisseling tussen de twee plaatsen te versterken of uit te breiden.",
    "vi": "Thống đốc tỉnh Tottori đã thăm Hà Nội vào thứ Hai và gặp Chủ tịch UBND thành phố. Hai bên đã ký biên bản "
    "ghi nhớ về hợp tác trong các lĩnh vực kinh tế, du lịch và văn hóa, đồng thời nhất trí tăng cường giao lưu "
    "giữa hai địa phương trong thời gian tới.",
    "id": "Gubernur Prefektur Tottori mengunjungi Hanoi pada hari Senin dan bertemu dengan wali kota. Kedua belah "
    "pihak menandatangani nota kesepahaman tentang kerja sama di bidang ekonomi, pariwisata dan budaya, serta "
    "sepakat untuk memperkuat pertukaran antara kedua daerah tersebut di masa mendatang.",
}
ENGLISH = (
    "The governor of Tottori Prefecture visited Hanoi on Monday and met the mayor of the city. The two sides "
    "signed a memorandum of understanding on cooperation in the economy, tourism and culture, which they said "
    "would strengthen the exchanges that have grown between the two localities."
)


@pytest.mark.parametrize("code", sorted(OTHERS))
def test_other_languages_are_left_to_the_detector(code: str) -> None:
    assert not _plainly_english(OTHERS[code])
    assert language_of(OTHERS[code]) == code


def test_plain_english_is_told_without_the_detector() -> None:
    assert _plainly_english(ENGLISH)
    assert language_of(ENGLISH) == "en"
    assert not _plainly_english("The mayor met the governor.")  # too few words to tell: the detector decides

from datetime import date

import pytest

from loaders.clean import clean
from loaders.dates import event_date, find_dates, parse_date

BODY = (
    "The delegation led by Governor Tanaka visited Hanoi on Monday and met city leaders to discuss trade. "
    "Both sides agreed to expand exchanges in education, tourism and culture in the coming years."
)


def test_trailer_headings_end_the_article():
    for heading in ("TRENDING", "Most Viewed", "Latest News", "Related news", "Reactions:", "<Suggest To A Friend>"):
        teaser = "Teaser about Tokyo Governor meeting Seoul Mayor today."
        page = f"Delegation visits Hanoi for trade talks\n\n{BODY}\n\n{heading}\n\n{teaser}"
        cleaned = clean(page)
        assert "Teaser" not in cleaned.body, heading
        assert cleaned.body.startswith("The delegation")


def test_furniture_and_captions_are_dropped():
    page = (
        "Log in\nHome > World News\nDelegation visits Hanoi for trade talks\n"
        " Governor Tanaka and Hanoi leaders. Source: HANOIMOI\n"
        "Representative Image Image Credit:\n  • Country:\n  • Japan\n"
        f"{BODY}\nMayor Ito greets the guests. — VNA/VNS Photo\n{BODY.replace('Hanoi', 'Hue')}"
    )
    cleaned = clean(page)
    assert cleaned.title == "Delegation visits Hanoi for trade talks"
    assert "Source: HANOIMOI" not in cleaned.body and "Photo" not in cleaned.body
    assert "Country" not in cleaned.body and "Log in" not in cleaned.body
    assert cleaned.body.count("The delegation") == 2


def test_repeated_teaser_lines_are_dropped():
    cleaned = clean(f"A title for the story here\n\n{BODY}\n\n{BODY}")
    assert cleaned.body.count("The delegation") == 1


@pytest.mark.parametrize(
    "header, expected",
    [
        (" date 2024-11-01 Politics & Law", "2024-11-01"),
        ("September 3, 2024", "2024-09-03"),
        (
            "Devdiscourse News Desk | Beijing | Updated: 25-11-2024 13:29 IST | Created: 25-11-2024 13:01 IST",
            "2024-11-25",
        ),
        ("November 01, 2024 - 21:07", "2024-11-01"),
    ],
)
def test_publication_date_forms(header, expected):
    assert clean(f"{header}\nA title for the story here\n{BODY}").date == expected


def test_event_date_when_no_publication_date():
    assert clean(f"On November 24, 2019 local time, {BODY}").date == "2019-11-24"


def test_outlet_and_dateline():
    cleaned = clean(f"Devdiscourse News Desk | Beijing | Updated: 25-11-2024 13:29 IST\n{BODY}")
    assert cleaned.source == "Devdiscourse" and cleaned.dateline == "Beijing"
    cleaned = clean(f"TOKYO — {BODY} — VNS")
    assert cleaned.dateline == "Tokyo" and cleaned.source == "VNS"
    assert cleaned.body.startswith("The delegation") and not cleaned.body.endswith("VNS")
    assert clean(f"VIENTIANE – {BODY}").dateline == "Vientiane"
    assert clean(f"{BODY}\n(With inputs from agencies.)").source == "agencies."


def test_date_parsing():
    assert parse_date("25-11-2024") == date(2024, 11, 25)
    assert [d.value for d in find_dates("from 2 March 2023 to April 5, 2023")] == [date(2023, 3, 2), date(2023, 4, 5)]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("visited Japan from November 24 to 30", "2024-11-24"),
        ("paid an official visit to Japan from August 26-29", "2024-08-26"),
        ("the launch of direct flights in May", "2024-05"),
        ("the 2019 Memorandum of Understanding", "2019"),
        ("friendly relations with Zhejiang Province for 37 years", "1987"),
        ("held an exchange on Friday", "2024-11-29"),  # the last Friday on or before Sunday 1 December
        ("On Sunday, the mayor met students", "2024-12-01"),
        ("In June, the chamber visited Hanoi", "2024-06"),
        ("the governor visited Osaka last year", "2023"),
        ("the pact was inked last week during the visit", "2024-11"),
        ("they met last month in Hanoi", "2024-11"),
        ("a visit last year (July 2016)", "2016-07"),  # the year told wins
        ("On November 24, 2019 local time", "2019-11-24"),
        ("a working visit to Malaysia from 19-21 September 2015", "2015-09-19"),  # a range: its first day
        ("talks held between 3 and 5 June 2022, then on 9 June 2022", "2022-06-03"),
        ("nothing dated here", None),
    ],
)
def test_event_dates_resolve_against_the_article(sentence, expected):
    assert event_date(sentence, date(2024, 12, 1)) == expected


def test_inline_links_bylines_and_tags_are_not_the_article():
    raw = (
        "Home > World > Asia\nOsaka and Ho Chi Minh City renew friendship pact\nBy Nguyen Thu Ha\n"
        "Published: March 5, 2024 10:22 (GMT+7)\n"
        "Osaka Mayor Hideyuki Yokoyama and the chairman of the city signed an agreement in Osaka on March 4 to "
        "renew the friendship partnership between the two cities.\n"
        "READ MORE: Hanoi and Kyoto discuss heritage conservation\nAlso read: Fukuoka trade mission visits Da Nang\n"
        "The agreement covers cooperation in urban planning, environment and training, the mayor said.\n"
        "Tags: Osaka, Ho Chi Minh City, Japan, Vietnam\nNagasaki strengthens ties with Hai Phong\n"
    )
    article = clean(raw)
    assert article.title == "Osaka and Ho Chi Minh City renew friendship pact" and article.date == "2024-03-05"
    for gone in ("Nguyen Thu Ha", "Kyoto", "Da Nang", "Tags", "Nagasaki"):
        assert gone not in article.body
    assert article.body.count("\n\n") == 1


@pytest.mark.parametrize(
    "meta, expected",
    [
        ("Time:2012-10-31Editor:Li WeiResource:Department of Exchanges", "2012-10-31"),
        ("Release Time:2015-08-03 16:08 Read: 12", "2015-08-03"),
        ("07/02/2020 08:56 Views: 50", "2020-02-07"),
        ("2015-11-17 08:59 Example Daily Editor: Wang Fang", "2015-11-17"),
        ("( 2018.09.07 )", "2018-09-07"),
        ("2018/9/4", "2018-09-04"),
        ("Tin Quốc TếTin Quốc Tế21/11/2023", "2023-11-21"),
        ("Example Weekly Online 14/10/2023", "2023-10-14"),
    ],
)
def test_publication_dates_in_scraped_metadata(meta, expected):
    body = (
        "The governor of Nagano Prefecture received a delegation from Hebei Province and discussed "
        "cooperation in tourism, education and the environment over the coming years."
    )
    assert clean(f"Nagano receives Hebei delegation\n{meta}\n{body}\n").date == expected


def test_a_page_on_one_line_is_cut_into_sentences():
    sentences = [
        f"The mayor of Iloilo City met a delegation from Busan on day {n} of the visit to discuss trade."
        for n in range(8)
    ]
    article = clean("date 2024-03-05 ILOILO: " + " ".join(sentences))
    assert article.date == "2024-03-05"
    assert article.dateline == "Iloilo"
    assert len(article.body.split("\n\n")) == 8 and article.body.startswith("The mayor of Iloilo City")


def test_a_short_first_paragraph_after_a_date_opening_is_the_article():
    page = f"date 2024-03-30 {BODY}\n\n{BODY.replace('Hanoi', 'Hue')}"
    article = clean(page)
    assert article.date == "2024-03-30"
    assert article.body.count("The delegation") == 2 and "2024-03-30" not in article.body


def test_a_section_name_after_a_date_opening_is_not_the_title():
    article = clean(f"date 2023-10-06 - POLITICS & GOVERNMENT\nDelegation visits Hanoi for trade talks\n{BODY}")
    assert article.title == "Delegation visits Hanoi for trade talks"
    assert article.date == "2023-10-06"


def test_a_paragraph_pointing_at_its_photo_is_kept_and_a_caption_is_not():
    paragraph = (
        "Welcoming the guests were Nguyen Van An, Chairman of the Provincial People's Committee; "
        "Tran Thi Binh, Vice Chairwoman of the Committee; and leaders of several departments. (Photo below)"
    )
    caption = "Mayor Ito greets the guests. (Photo: VNA)"
    body = clean(f"Delegation visits Hanoi for trade talks\n{BODY}\n{paragraph}\n{caption}").body
    assert "Tran Thi Binh, Vice Chairwoman" in body and "(Photo below)" not in body
    assert "Mayor Ito" not in body


def test_a_long_line_is_not_cut_after_a_titles_abbreviation():
    from loaders.clean import SENTENCE_END

    line = "On February 6, Mrs. Tran Thi Mai met Gov. Lee Jae-woo. Then H.E. Zhou Wei left. Prof. Ito spoke."
    assert SENTENCE_END.split(line) == [
        "On February 6, Mrs. Tran Thi Mai met Gov. Lee Jae-woo.",
        "Then H.E. Zhou Wei left.",
        "Prof. Ito spoke.",
    ]


def test_named_month_dates_read_without_dateparser_as_dateparser_reads_them() -> None:
    import dateparser

    settings = {
        "DATE_ORDER": "DMY",
        "PREFER_DAY_OF_MONTH": "first",
        "REQUIRE_PARTS": ["day", "month", "year"],
        "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
    }
    forms = [
        f.format(m=m, d=d)
        for m in ("February", "Sept.", "Dec", "June")
        for d in ("1", "05", "29th", "30", "31st", "32")
        for f in ("{m} {d}, 2024", "{m} {d} 1999", "{d} {m} 2023", "{d} {m}, 2024")
    ]
    for form in forms:
        parsed = dateparser.parse(form, languages=["en"], settings=settings)
        assert parse_date(form) == (parsed.date() if parsed else None), form

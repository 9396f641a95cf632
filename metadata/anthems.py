"""What national anthems are called where they are sung, and who composed them.

Lists name anthems by country ("National Anthem of Greece", "NOR National Anthem of
Norway"); MusicBrainz names the work by its own title ("Ύμνος εις την Ελευθερίαν", alias
"Hymn to Liberty").  :func:`anthem_for` turns the first into the second, with the composer
so that a namesake (both Koreas sing a "애국가") can be told apart.
"""

# ruff: noqa: RUF001  (titles in their own scripts are the point here)
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from metadata.normalize import fold


@dataclass(frozen=True, slots=True)
class Anthem:
    """One anthem: the country's names and codes, the anthem's titles and its composer."""

    country: str
    titles: tuple[str, ...]
    """Titles in the original script first, then transliterations and translations."""
    composers: tuple[str, ...] = ()
    """Empty when the music is traditional or its attribution is disputed."""
    names: tuple[str, ...] = ()
    """Other names of the country and its adjectives ("Greek", "Hellenic")."""
    codes: tuple[str, ...] = ()
    """IOC and ISO 3166 codes ("GRE", "GR", "GRC")."""


# fmt: off
ANTHEMS: tuple[Anthem, ...] = (
    Anthem("Russia", ("Государственный гимн Российской Федерации",
                      "State Anthem of the Russian Federation", "National Anthem of Russia"),
           ("Alexander Alexandrov",), ("Russian Federation", "Russian"), ("RUS", "RU")),
    Anthem("Greece", ("Ύμνος εις την Ελευθερίαν", "Ymnos eis tin Eleftherian", "Hymn to Liberty"),
           ("Nikolaos Mantzaros",), ("Hellenic Republic", "Greek", "Hellenic"),
           ("GRE", "GR", "GRC")),
    Anthem("South Korea", ("애국가", "Aegukga", "Patriotic Song"), ("Ahn Eak-tai",),
           ("Republic of Korea", "Korea", "South Korean", "Korean"), ("KOR", "KR")),
    Anthem("North Korea", ("애국가", "Aegukka", "Patriotic Song"), ("Kim Won-gyun",),
           ("Democratic People's Republic of Korea", "DPRK", "North Korean"), ("PRK", "KP")),
    Anthem("Norway", ("Ja, vi elsker dette landet", "Yes, We Love This Country"),
           ("Rikard Nordraak",), ("Norwegian",), ("NOR", "NO")),
    Anthem("Olympic", ("Ολυμπιακός Ύμνος", "Olympiakos Ymnos", "Olympic Hymn", "Olympic Anthem"),
           ("Spyridon Samaras",), ("Olympics", "International Olympic Committee"), ("IOC",)),
    Anthem("Germany", ("Das Lied der Deutschen", "Deutschlandlied",
                       "Einigkeit und Recht und Freiheit"), ("Joseph Haydn",), ("German",),
           ("GER", "DE", "DEU")),
    Anthem("France", ("La Marseillaise",), ("Claude Joseph Rouget de Lisle",), ("French",),
           ("FRA", "FR")),
    Anthem("United Kingdom", ("God Save the King", "God Save the Queen"), (),
           ("Great Britain", "Britain", "UK", "British"), ("GBR", "GB")),
    Anthem("United States", ("The Star-Spangled Banner",), ("John Stafford Smith",),
           ("United States of America", "America", "USA", "US", "American"), ("USA", "US")),
    Anthem("Canada", ("O Canada",), ("Calixa Lavallée",), ("Canadian",), ("CAN", "CA")),
    Anthem("Italy", ("Il Canto degli Italiani", "Inno di Mameli", "Fratelli d'Italia"),
           ("Michele Novaro",), ("Italian",), ("ITA", "IT")),
    Anthem("Japan", ("君が代", "Kimigayo"), ("Hiromori Hayashi",), ("Japanese",), ("JPN", "JP")),
    Anthem("China", ("义勇军进行曲", "Yiyongjun Jinxingqu", "March of the Volunteers"), ("Nie Er",),
           ("People's Republic of China", "Chinese"), ("CHN", "CN")),
    Anthem("Sweden", ("Du gamla, du fria",), (), ("Swedish",), ("SWE", "SE")),
    Anthem("Finland", ("Maamme", "Vårt land"), ("Fredrik Pacius",), ("Finnish",), ("FIN", "FI")),
    Anthem("Estonia", ("Mu isamaa, mu õnn ja rõõm",), ("Fredrik Pacius",), ("Estonian",),
           ("EST", "EE")),
    Anthem("Switzerland", ("Schweizerpsalm", "Swiss Psalm"), ("Alberik Zwyssig",), ("Swiss",),
           ("SUI", "CH")),
    Anthem("Austria", ("Land der Berge, Land am Strome",), (), ("Austrian",), ("AUT", "AT")),
    Anthem("Netherlands", ("Wilhelmus", "Het Wilhelmus"), (), ("Dutch", "Holland"), ("NED", "NL")),
    Anthem("Spain", ("Marcha Real",), (), ("Spanish",), ("ESP", "ES")),
    Anthem("Brazil", ("Hino Nacional Brasileiro",), ("Francisco Manuel da Silva",), ("Brazilian",),
           ("BRA", "BR")),
    Anthem("Australia", ("Advance Australia Fair",), ("Peter Dodds McCormick",), ("Australian",),
           ("AUS", "AU")),
    Anthem("Ukraine", ("Ще не вмерла України", "Shche ne vmerla Ukrainy"),
           ("Mykhailo Verbytsky",), ("Ukrainian",), ("UKR", "UA")),
    Anthem("Poland", ("Mazurek Dąbrowskiego", "Poland Is Not Yet Lost"), (), ("Polish",),
           ("POL", "PL")),
    Anthem("Czech Republic", ("Kde domov můj",), ("František Škroup",), ("Czechia", "Czech"),
           ("CZE", "CZ")),
    Anthem("Belarus", ("Мы, беларусы", "My, Belarusy"), ("Nester Sakalouski",), ("Belarusian",),
           ("BLR", "BY")),
    Anthem("Kazakhstan", ("Менің Қазақстаным", "Menin Qazaqstanym"), ("Shamshi Kaldayakov",),
           ("Kazakh",), ("KAZ", "KZ")),
    Anthem("Latvia", ("Dievs, svētī Latviju",), ("Kārlis Baumanis",), ("Latvian",), ("LAT", "LV")),
    Anthem("Slovenia", ("Zdravljica",), ("Stanko Premrl",), ("Slovenian", "Slovene"),
           ("SLO", "SI")),
    Anthem("Denmark", ("Der er et yndigt land",), ("Hans Ernst Krøyer",), ("Danish",),
           ("DEN", "DK")),
    Anthem("Belgium", ("La Brabançonne",), ("François Van Campenhout",), ("Belgian",),
           ("BEL", "BE")),
    Anthem("Ireland", ("Amhrán na bhFiann", "The Soldier's Song"), (), ("Irish",), ("IRL", "IE")),
    Anthem("Hungary", ("Himnusz",), ("Ferenc Erkel",), ("Hungarian",), ("HUN", "HU")),
    Anthem("Croatia", ("Lijepa naša domovino",), ("Josip Runjanin",), ("Croatian",),
           ("CRO", "HR")),
    Anthem("Georgia", ("Tavisupleba",), ("Zakaria Paliashvili",), ("Georgian",), ("GEO", "GE")),
    Anthem("Armenia", ("Mer Hayrenik",), ("Barsegh Kanachyan",), ("Armenian",), ("ARM", "AM")),
    Anthem("Israel", ("התקווה", "Hatikvah"), ("Samuel Cohen",), ("Israeli",), ("ISR", "IL")),
    Anthem("Turkey", ("İstiklal Marşı",), ("Osman Zeki Üngör",), ("Türkiye", "Turkish"),
           ("TUR", "TR")),
    Anthem("India", ("Jana Gana Mana",), ("Rabindranath Tagore",), ("Indian",), ("IND", "IN")),
    Anthem("New Zealand", ("God Defend New Zealand",), ("John Joseph Woods",), (),
           ("NZL", "NZ")),
    Anthem("Mexico", ("Himno Nacional Mexicano",), ("Jaime Nunó",), ("Mexican",), ("MEX", "MX")),
    Anthem("Argentina", ("Himno Nacional Argentino",), ("Blas Parera",), ("Argentine",),
           ("ARG", "AR")),
)
# fmt: on

_ANTHEM = r"(?:national |state |official )?(?:anthem|hymn)"
_OF_COUNTRY = re.compile(rf"^(?:the )?{_ANTHEM} of (?:the )?(?P<country>.+)$")
_COUNTRY_ANTHEM = re.compile(rf"^(?:the )?(?P<country>.+?) {_ANTHEM}$")
_LEADING_CODE = re.compile(r"^\s*(?P<code>[A-Z]{2,3})\s+(?P<rest>.*\S)\s*$")


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, Anthem], dict[str, Anthem]]:
    by_name: dict[str, Anthem] = {}
    by_code: dict[str, Anthem] = {}
    for anthem in ANTHEMS:
        for name in (anthem.country, *anthem.names):
            by_name.setdefault(fold(name), anthem)
        for code in anthem.codes:
            by_code.setdefault(code, anthem)
    return by_name, by_code


def anthem_for(title: str) -> Anthem | None:
    """The anthem a title names by its country, or ``None``.

    >>> anthem_for("NOR National Anthem of Norway").titles[0]
    'Ja, vi elsker dette landet'
    >>> anthem_for("Greek national anthem").composers
    ('Nikolaos Mantzaros',)
    """
    by_name, by_code = _index()
    code = None
    m = _LEADING_CODE.match(title)
    if m and m.group("code") in by_code:
        code, title = m.group("code"), m.group("rest")
    folded = fold(title)
    if folded in ("olympic anthem", "olympic hymn", "the olympic anthem", "the olympic hymn"):
        return by_name[fold("Olympic")]
    for pattern in (_OF_COUNTRY, _COUNTRY_ANTHEM):
        match = pattern.match(folded)
        if match and match.group("country") in by_name:
            return by_name[match.group("country")]
    if code is not None and re.search(_ANTHEM, folded):
        return by_code[code]
    return None

"""Held-out entities: added to the gold catalogue for bench/gold/heldout.txt only.

Importing this module extends :mod:`bench.gold.catalog`'s registries, so the gold set's
own figures are measured before it is imported.
"""

# ruff: noqa: RUF001  (names in their own scripts; a data table, one entity a line)
from __future__ import annotations

from pathlib import Path

from bench.gold.catalog import recording, song, work

LINES = Path(__file__).with_name("heldout.txt")

song(
    "ho_love_will_set_you_free",
    "Love Will Set You Free",
    "composer:Martin Terefe; composer:Sacha Skarbek",
    "Engelbert Humperdinck",
    184_000,
)
song(
    "ho_sound_of_our_hearts",
    "Sound of Our Hearts",
    "composer:Gergő Rácz; composer:Viktor Rakonczai",
    "Compact Disco",
    180_000,
)
song(
    "ho_when_the_music_dies",
    "When the Music Dies",
    "composer:Anders Bagge; composer:Stefan Örn",
    "Sabina Babayeva",
    181_000,
)
song(
    "ho_this_is_the_night",
    "This Is the Night",
    "composer:Johnny Sanchez; composer:Kurt Calleja",
    "Kurt Calleja",
    180_000,
)
song(
    "ho_suus", "Suus", "composer:Florent Boshnjaku; lyricist:Rona Nishliu", "Rona Nishliu", 180_000
)
song("ho_zaleilah", "Zaleilah", "composer:Costi Ioniță", "Mandinga", 180_000)
song(
    "ho_shouldve_known_better",
    "Should’ve Known Better",
    "composer:Chief 1; composer:Soluna Samay",
    "Soluna Samay",
    182_000,
)
song(
    "ho_i_should_have_known_better",
    "I Should Have Known Better",
    "composer:John Lennon; composer:Paul McCartney",
    "The Beatles",
    163_000,
)
song(
    "ho_never_forget_is",
    "Never Forget",
    "composer:Greta Salóme Stefánsdóttir",
    "Greta Salóme & Jónsi",
    181_000,
)
song("ho_never_forget_tt", "Never Forget", "composer:Gary Barlow", "Take That", 385_000)
song(
    "ho_be_my_guest",
    "Be My Guest",
    "composer:Karen Harding; composer:Gaitana Essami",
    "Gaitana",
    180_000,
)
song(
    "ho_love_is_blind_lt",
    "Love Is Blind",
    "composer:Jonas Thander; composer:Beatrice Robertsson",
    "Donny Montell",
    180_000,
)
song("ho_love_is_blind_eve", "Love Is Blind", "composer:Eve Jeffers", "Eve", 226_000)
song("ho_waterline", "Waterline", "composer:Nick Jarl; composer:Sharon Vaughn", "Jedward", 182_000)
song(
    "ho_echo_you_and_i",
    "Echo (You and I)",
    "composer:Anggun; composer:Jean-Pierre Pilot",
    "Anggun",
    180_000,
    aliases=("Echo",),
)
song("ho_echo_other", "Echo", "composer:Jason Walker", "Jason Walker", 210_000)
song(
    "ho_lamore_e_femmina",
    "L’amore è femmina (Out of Love)",
    "composer:Nina Zilli; composer:Kristoffer Sjökvist",
    "Nina Zilli",
    182_000,
)
song("ho_kuula", "Kuula", "composer:Ott Lepland; lyricist:Aapo Ilves", "Ott Lepland", 185_000)
song(
    "ho_stay_no",
    "Stay",
    "composer:Tooji; composer:Peter Boström; composer:Figge Boström",
    "Tooji",
    183_000,
)
song(
    "ho_stay_rihanna",
    "Stay",
    "composer:Mikky Ekko; composer:Justin Parker",
    "Rihanna feat. Mikky Ekko",
    240_000,
)
song(
    "ho_love_me_back",
    "Love Me Back",
    "composer:Can Bonomo; composer:Sinan Akçıl",
    "Can Bonomo",
    180_000,
)
song(
    "ho_standing_still",
    "Standing Still",
    "composer:Jamie Cullum; composer:Steve Robson",
    "Roman Lob",
    182_000,
)
song(
    "ho_party_for_everybody",
    "Party for Everybody",
    "composer:Viktor Drobysh; lyricist:Olga Tuktareva",
    "Бурановские бабушки",
    180_000,
)
song(
    "ho_nije_ljubav_stvar",
    "Nije ljubav stvar",
    "composer:Željko Joksimović; lyricist:Marina Tucaković",
    "Željko Joksimović",
    183_000,
)
song(
    "ho_quedate_conmigo",
    "Quédate conmigo",
    "composer:Thomas G:son; composer:Tony Sánchez-Ohlsson",
    "Pastora Soler",
    180_000,
)
song(
    "ho_euphoria",
    "Euphoria",
    "composer:Thomas G:son; composer:Peter Boström",
    "Loreen",
    181_000,
    live=(("Loreen", 190_000),),
)
song("ho_euphoria_other", "Euphoria", "composer:Jung Kook Writer", "BTS", 228_000)
song(
    "ho_la_la_love",
    "La La Love",
    "composer:Alex Papaconstantinou; composer:Björn Djupström",
    "Ivi Adamou",
    180_000,
)
song(
    "ho_lautar",
    "Lăutar",
    "composer:Pasha Parfeny; lyricist:Alexandru Brașoveanu",
    "Pasha Parfeny",
    180_000,
)
song(
    "ho_crno_i_belo",
    "Црно и бело",
    "composer:Romeo Grill; lyricist:Kaliopi Bukle",
    "Kaliopi",
    180_000,
    aliases=("Crno i belo",),
)

work("ho_planets", "The Planets, Op. 32", "composer:Gustav Holst", type="Suite")
work(
    "ho_jupiter",
    "The Planets, Op. 32: IV. Jupiter, the Bringer of Jollity",
    "composer:Gustav Holst",
    parent="ho_planets",
    recs=(("London Symphony Orchestra", 470_000),),
)
work(
    "ho_i_vow_to_thee",
    "I Vow to Thee, My Country",
    "composer:Gustav Holst; lyricist:Cecil Spring Rice",
    type="Hymn",
    aliases=("Thaxted",),
    recs=(("Choir of Westminster Abbey", 200_000),),
)
work(
    "ho_dominus_regit_me",
    "The King of Love My Shepherd Is",
    "composer:John Bacchus Dykes; lyricist:Henry Williams Baker",
    type="Hymn",
    aliases=("Dominus regit me",),
    recs=(("Choir of Westminster Abbey", 210_000),),
)
work(
    "ho_make_me_a_channel",
    "Make Me a Channel of Your Peace",
    "composer:Sebastian Temple",
    type="Hymn",
    aliases=("Prayer of Saint Francis",),
    recs=(("Choir of Westminster Abbey", 190_000),),
)
work(
    "ho_song_for_athene",
    "Song for Athene",
    "composer:John Tavener",
    recs=(("Choir of Westminster Abbey", 380_000),),
)
work(
    "ho_requiem",
    "Messa da Requiem",
    "composer:Giuseppe Verdi",
    aliases=("Requiem",),
    type="Mass",
    recs=(("Berliner Philharmoniker", 5_200_000),),
)
work(
    "ho_libera_me",
    "Messa da Requiem: VII. Libera me",
    "composer:Giuseppe Verdi",
    parent="ho_requiem",
    recs=(("Berliner Philharmoniker", 780_000),),
)
recording("ho_libera_me_dawson", "Libera me", "Lynne Dawson", 720_000, "ho_libera_me", live=True)
work(
    "ho_candle_1973",
    "Candle in the Wind",
    "composer:Elton John; lyricist:Bernie Taupin",
    recs=(("Elton John", 230_000),),
)
song(
    "ho_candle_1997",
    "Candle in the Wind 1997",
    "composer:Elton John; lyricist:Bernie Taupin",
    "Elton John",
    251_000,
)

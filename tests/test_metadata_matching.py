"""Folding, transliteration variants, title and name similarity, the anthem table."""

# ruff: noqa: RUF001  (Cyrillic, Greek and Hangul test data)
from __future__ import annotations

import pytest

from metadata.anthems import anthem_for
from metadata.normalize import fold, search_terms, skeleton, sort_name_as_name
from metadata.queries import artists, recordings, works, works_by
from metadata.similarity import (
    is_placeholder,
    name_forms,
    name_similarity,
    title_similarity,
    title_tokens,
)


def key(name: str) -> str:
    return " ".join(skeleton(w) for w in fold(name).split())


@pytest.mark.parametrize(
    "variants",
    [
        ("Tchaikovsky", "Chaikovsky", "Tschaikowsky", "Чайковский", "Čajkovskij", "Czajkowski"),
        ("Rachmaninoff", "Rachmaninov", "Rakhmaninov", "Рахманинов", "Rachmaninow"),
        ("Prokofiev", "Prokofieff", "Prokofjew", "Прокофьев"),
        ("Mussorgsky", "Musorgsky", "Moussorgsky", "Мусоргский"),
        ("Shostakovich", "Schostakowitsch", "Шостакович"),
        ("Khachaturian", "Chatschaturjan", "Хачатурян"),
        ("Rimsky-Korsakov", "Rimsky\u2010Korsakov", "Римский-Корсаков", "Rimski-Korsakow"),
        ("Nikolayev", "Nikolaev", "Николаев"),
        ("Sergei Vasilievich", "Sergey Vasilyevich", "Сергей Васильевич"),
        ("Pyotr Ilyich", "Пётр Ильич", "Piotr Iljitsch"),
    ],
)
def test_transliteration_variants_meet(variants: tuple[str, ...]) -> None:
    assert len({key(v) for v in variants}) == 1, {v: key(v) for v in variants}


def test_different_names_stay_apart() -> None:
    assert key("Prokofiev") != key("Rachmaninoff")
    assert key("Chopin") != key("Tchaikovsky")


def test_fold_handles_hyphens_apostrophes_and_scripts() -> None:
    assert fold("Rimsky\u2010Korsakov") == "rimsky korsakov"
    assert fold("The Hunt on Hen’s Legs (Baba‐Yaga)") == "the hunt on hens legs baba yaga"
    assert fold("Ύμνος εις την Ελευθερίαν") == "ymnos eis tin elevtherian"
    assert fold("애국가") == "애국가"  # no table for Hangul: kept, still comparable


def test_search_terms_keep_the_script_and_drop_syntax() -> None:
    assert search_terms('Theme from "Giant" (1956) AND: +x') == [
        "theme",
        "giant",
        "1956",
        "x",
    ]
    assert search_terms("Ύμνος εις την Ελευθερίαν")[0] == "υμνοσ"


def test_sort_names_turn_round() -> None:
    assert sort_name_as_name("Rachmaninoff, Sergei") == "Sergei Rachmaninoff"
    assert sort_name_as_name("London Philharmonic Orchestra") == "London Philharmonic Orchestra"


def sim(query: str, candidate: str) -> float:
    return title_similarity(title_tokens(query), candidate).score


def test_lower_case_no_and_op_meet_the_list_spelling() -> None:
    assert sim("Piano Concerto No. 2", "Piano Concerto no. 2 in C minor, op. 18") == 1.0
    assert (
        sim("Piano Concerto No. 2 in C minor, Op. 18", "Piano Concerto no. 2 in C minor, op. 18")
        == 1.0
    )


def test_a_contradicting_number_sinks_the_score() -> None:
    right = sim("Piano Concerto No. 1", "Piano Concerto no. 1 in B\u2010flat minor, op. 23")
    wrong = sim("Piano Concerto No. 1", "Piano Concerto no. 2 in G major, op. 44")
    assert right == 1.0 and wrong < 0.3
    assert title_similarity(title_tokens("Concerto, Op. 16"), "Concerto, op. 18").conflict


def test_movements_and_excerpts() -> None:
    hut = "Pictures at an Exhibition: IX. The Hut on Fowl's Legs (Baba Yaga)"
    query = "9th Movement from Pictures at an Exhibition - The Hunt on Hen's Legs (Baba Yaga)"
    assert sim(query, hut) > 0.75
    assert sim(query, "Pictures at an Exhibition: X. The Great Gate of Kiev") < 0.1
    assert sim("Waltz from Masquerade", "Masquerade Suite: I. Waltz") > sim(
        "Waltz from Masquerade", "Masquerade"
    )
    assert sim('Theme from "Giant"', "Giant: Main Title") > sim('Theme from "Giant"', "Giant") + 0.1
    assert sim("The Second Waltz", "Waltz No. 2") == 1.0


def test_whole_work_beats_its_movement() -> None:
    whole = sim("Piano Concerto No. 2", "Piano Concerto no. 2 in C minor, op. 18")
    part = sim("Piano Concerto No. 2", "Piano Concerto no. 2 in C minor, op. 18: I. Moderato")
    assert whole - part >= 0.1


def test_names_meet_through_sort_names_and_aliases() -> None:
    rach = name_forms("Сергей Васильевич Рахманинов", "Rachmaninoff, Sergei")
    assert name_similarity("Sergei Vasilievich Rachmaninoff", rach) == 1.0
    assert name_similarity("Rachmaninov", rach) >= 0.8
    assert name_similarity("Sergei Prokofiev", rach) < 0.5
    choir = name_forms("Большой детский хор", "Bolshoy Detskiy Khor", ["Big Children's Choir"])
    assert name_similarity("Big Children's Choir", choir) == 1.0
    assert name_similarity("Na Yoon-sun", name_forms("Youn Sun Nah", "Nah, Youn Sun")) == 1.0
    lso = name_forms("London Symphony Orchestra")
    assert name_similarity("London Philharmonic Orchestra", lso) < 0.5
    assert name_similarity("P. I. Tchaikovsky", name_forms("Pyotr Ilyich Tchaikovsky")) >= 0.8


def test_placeholders_name_nobody() -> None:
    assert is_placeholder("Two unnamed South Korean children")
    assert is_placeholder("Unknown artist")
    assert is_placeholder("N/A")
    assert not is_placeholder("Na Yoon-sun")


@pytest.mark.parametrize(
    ("title", "country", "first_title"),
    [
        ("National Anthem of Greece", "Greece", "Ύμνος εις την Ελευθερίαν"),
        (
            "State Anthem of the Russian Federation",
            "Russia",
            "Государственный гимн Российской Федерации",
        ),
        ("NOR National Anthem of Norway", "Norway", "Ja, vi elsker dette landet"),
        ("Olympic Anthem", "Olympic", "Ολυμπιακός Ύμνος"),
        ("National Anthem of South Korea", "South Korea", "애국가"),
        ("Greek national anthem", "Greece", "Ύμνος εις την Ελευθερίαν"),
    ],
)
def test_anthems_by_country(title: str, country: str, first_title: str) -> None:
    anthem = anthem_for(title)
    assert anthem is not None
    assert anthem.country == country
    assert anthem.titles[0] == first_title


def test_not_an_anthem() -> None:
    assert anthem_for("Piano Concerto No. 2") is None
    assert anthem_for("National Anthem of Atlantis") is None


def test_queries_carry_only_words() -> None:
    q = works(['Theme from "Giant" (AND) +-'], ["Dimitri Tiomkin"])
    assert q == "+(work:(giant) alias:(giant)) artist:(dimitri tiomkin)"
    assert works_by(["a-b"], ["Giant"]) == "+(arid:a-b) +(work:(giant) alias:(giant))"
    assert recordings(["Hymn to Liberty"], ["LPO"]) == "+(recording:(hymn liberty)) artist:(lpo)"
    assert artists("Max Bobkov") == "artist:(max bobkov) sortname:(max bobkov) alias:(max bobkov)"
    with pytest.raises(ValueError, match="at least one word"):
        works(["!!!"])

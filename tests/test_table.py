"""The timing table's column fitting: terminal columns, wide characters, long titles."""

from __future__ import annotations

import unicodedata

import pytest

from cuesheet.outputs import table


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("Waltz", 8, "Waltz   "),
        ("Waltz of the Flowers", 8, "Waltz o…"),
        ("坂本龍一 Merry Christmas", 8, "坂本龍… "),  # the 4th wide one has no room
        ("Björk — Jóga", 12, "Björk — Jóga"),
        ("Björk — Jóga and more", 12, "Björk — Jóg…"),
        ("", 3, "   "),
    ],
)
def test_fit_cuts_to_terminal_columns(text: str, width: int, expected: str) -> None:
    assert table._fit(text, width) == expected
    assert table._width(table._fit(text, width)) == width


def test_fit_looks_each_character_up_at_most_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = 0
    lookup = unicodedata.east_asian_width

    def counting(ch: str) -> str:
        nonlocal calls
        calls += 1
        return lookup(ch)

    monkeypatch.setattr(table.unicodedata, "east_asian_width", counting)
    title = "Чайковский — Вальс цветов " * 2000
    assert table._width(table._fit(title, 44)) == 44
    assert calls <= 2 * len(title) + 100
    calls = 0
    table._fit("Plain ASCII title " * 2000, 44)
    assert calls == 0  # plain text needs no Unicode lookup

"""``playlists._bulk.frozen_builder``: the values it builds are the constructor's."""

from __future__ import annotations

import dataclasses

import pytest

from cuesheet.model import Credit, Cue, CueKind, Identifiers, Role, RoleSource
from playlists._bulk import frozen_builder


def test_a_built_cue_equals_the_constructed_one_field_by_field() -> None:
    given = {
        "number": "7",
        "title": "Waltz",
        "kind": CueKind.ANTHEM,
        "credits": (Credit("Orchestra", Role.PERFORMER, RoleSource.CONVENTION),),
        "duration_ms": 61_000,
        "ids": Identifiers(work_mbid="w"),
        "notes": "n",
        "gap_ms": 2_000,
        "out_ms": 50_000,
        "cart": 12,
    }
    built = frozen_builder(Cue)(**given)
    made = Cue(**given)  # type: ignore[arg-type]
    assert type(built) is Cue
    assert built == made and hash(built) == hash(made)
    for field in dataclasses.fields(Cue):
        assert getattr(built, field.name) == getattr(made, field.name), field.name
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.title = "other"  # type: ignore[misc]
    assert frozen_builder(Cue)("1", "Hymn") == Cue("1", "Hymn")  # the defaults, positionally


def test_a_class_that_checks_its_fields_after_init_is_refused() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class Checked:
        value: int

        def __post_init__(self) -> None:
            assert self.value >= 0

    with pytest.raises(TypeError):
        frozen_builder(Checked)


def test_a_class_with_an_init_of_its_own_is_refused() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class Validated:
        value: int

        def __init__(self, value: int) -> None:
            if value < 0:
                raise ValueError(value)
            object.__setattr__(self, "value", value)

    with pytest.raises(TypeError):
        frozen_builder(Validated)


def test_a_dataclass_without_slots_is_built_too() -> None:
    @dataclasses.dataclass(frozen=True)
    class Plain:
        name: str
        count: int = 0

    assert frozen_builder(Plain)("a") == Plain("a")
    assert type(frozen_builder(Plain)("a", 2)) is Plain

"""Building many small objects quickly."""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar, cast

from playlists.model import Credit, CueData, Entry


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a reader builds many objects without
    cycles; then count everything built while paused as old.

    Readers allocate an entry (and its strings) per line; the collector would
    otherwise walk the ever-growing heap again and again (reading a million
    entries takes 40% longer with it running).  Nothing built holds a cycle, so
    nothing is lost by collecting later.  The collector is resumed only if it ran.

    Why the objects are made old: the collector counts every object built while it
    was paused as young, and the first allocation after it resumes starts a
    collection of the young generation that walks them all (0.16 s after reading a
    100,000-track cue sheet, 7% of reading it), then the same again one generation
    up.  ``gc.freeze()`` then ``gc.unfreeze()`` moves every tracked object into the
    oldest generation at once, walking none, and sets the young count back to zero;
    the objects are examined at the next full collection, as any long-lived ones.
    Done only when the program froze nothing itself (what it froze, before forking
    say, stays frozen).
    """
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()


_K = TypeVar("_K")
_V = TypeVar("_V")


class Memo(dict[_K, _V]):
    """``memo[key]`` is ``compute(key)``, computed once while at most ``size`` keys are kept.

    Why: readers decode the same few texts again and again (a cue's hour, the
    credits of a segment, a directory); looking one up here is a plain dict
    lookup, a quarter of an ``lru_cache`` call.  When full, the memo starts again
    from empty (the texts come in runs); a ``compute`` that raises stores nothing.
    """

    __slots__ = ("compute", "size")

    def __init__(self, compute: Callable[[_K], _V], size: int) -> None:
        super().__init__()
        self.compute = compute
        self.size = size

    def __missing__(self, key: _K) -> _V:
        if len(self) >= self.size:
            self.clear()
        value = self[key] = self.compute(key)
        return value


class OpenEntry:
    """The very slots of :class:`Entry`, writable: filled in, then made an ``Entry``.

    See :func:`entry`.  Every slot must be set before ``__class__`` becomes ``Entry``.
    """

    __slots__ = Entry.__slots__
    location: str | None
    title: str
    creator: str
    album: str
    duration_ms: int | None
    start_ms: int | None
    identifiers: tuple[str, ...]
    annotation: str
    cue: CueData | None
    pregap_ms: int
    postgap_ms: int
    index00_ms: int | None
    extras: tuple[tuple[str, str], ...]


def entry(
    location: str,
    title: str,
    creator: str,
    album: str,
    duration_ms: int | None,
    cue: CueData | None,
) -> Entry:
    """``Entry(location, title, creator, album, duration_ms, cue=cue)``, five times quicker.

    Why: a frozen dataclass's ``__init__`` stores each of the twelve fields with
    ``object.__setattr__`` (about 0.9 µs an entry, half the time of reading a
    large M3U file).  Here the fields go into a plain slotted object with the
    same layout, whose class is then set to ``Entry`` (CPython allows that only
    between classes with the same slots, and refuses otherwise): the result is
    an ordinary frozen ``Entry``, equal to the one the constructor builds
    (``tests/test_playlists_m3u.py`` checks every field against the constructor).
    Only readers use this; the other fields keep the defaults of :class:`Entry`.
    """
    built = OpenEntry()
    built.location = location
    built.title = title
    built.creator = creator
    built.album = album
    built.duration_ms = duration_ms
    built.start_ms = None
    built.identifiers = ()
    built.annotation = ""
    built.cue = cue
    built.pregap_ms = 0
    built.postgap_ms = 0
    built.index00_ms = None
    built.extras = ()
    built.__class__ = Entry  # type: ignore[assignment]
    return built  # type: ignore[return-value]


def track(
    location: str | None,
    title: str,
    creator: str,
    album: str,
    duration_ms: int | None,
    identifiers: tuple[str, ...],
    annotation: str,
    cue: CueData | None,
    start_ms: int | None,
    pregap_ms: int,
    postgap_ms: int,
    index00_ms: int | None,
) -> Entry:
    """An :class:`Entry` with every field but ``extras`` given, built as :func:`entry` is."""
    built = OpenEntry()
    built.location = location
    built.title = title
    built.creator = creator
    built.album = album
    built.duration_ms = duration_ms
    built.start_ms = start_ms
    built.identifiers = identifiers
    built.annotation = annotation
    built.cue = cue
    built.pregap_ms = pregap_ms
    built.postgap_ms = postgap_ms
    built.index00_ms = index00_ms
    built.extras = ()
    built.__class__ = Entry  # type: ignore[assignment]
    return built  # type: ignore[return-value]


class OpenCueData:
    """The very slots of :class:`CueData`, writable (see :class:`OpenEntry`)."""

    __slots__ = CueData.__slots__
    segment: str
    number: str
    kind: str
    start_utc_ms: int | None
    credits: tuple[Credit, ...]
    isrc: str
    iswc: str
    usage: str
    duration_source: str
    gap_ms: int
    crossfade_ms: int
    in_ms: int
    out_ms: int | None
    fade_in_ms: int
    fade_out_ms: int
    segment_at_ms: int | None
    segment_at_label: str
    segment_budget_ms: int | None
    segment_notes: str
    segment_usage: str


class OpenCredit:
    """The very slots of :class:`Credit`, writable (see :class:`OpenEntry`)."""

    __slots__ = Credit.__slots__
    name: str
    role: str
    guessed: bool
    source: str


def _slot_builder(cls: type, open_cls: type, given: tuple[str, ...]) -> Callable[..., Any]:
    """A function of the fields ``given`` (in that order) building ``cls`` as :func:`entry`
    does, every other slot set to its default by a statement of its own.

    Why: setting the slots a builder is not given in a loop of ``setattr`` calls took
    as long as the rest of building a ``CueData``; a reader builds one a track.  The
    statements are written from the model's fields when this module is imported (as
    :mod:`dataclasses` writes ``__init__``), so a field added to the model is still
    filled with its default.
    """
    fields = dataclasses.fields(cls)
    namespace: dict[str, Any] = {"_open": open_cls, "_cls": cls}
    body = ["    built = _open()"]
    for field in fields:
        if field.name in given:
            body.append(f"    built.{field.name} = {field.name}")
        else:
            assert field.default is not dataclasses.MISSING, field.name
            namespace[f"_default_{field.name}"] = field.default
            body.append(f"    built.{field.name} = _default_{field.name}")
    body += ["    built.__class__ = _cls", "    return built"]
    exec(f"def build({', '.join(given)}):\n" + "\n".join(body), namespace)
    return namespace["build"]  # type: ignore[no-any-return]


_CUE_GIVEN = ("segment", "number", "kind", "start_utc_ms", "credits", "isrc", "iswc", "usage",
              "duration_source")  # fmt: skip
cue_data: Callable[[str, str, str, int | None, tuple[Credit, ...], str, str, str, str], CueData] = (
    _slot_builder(CueData, OpenCueData, _CUE_GIVEN)
)
"""``CueData(...)`` of the fields a reader reads from a track (the others their defaults),
built as :func:`entry` is (see :func:`_slot_builder`)."""
credit: Callable[[str, str], Credit] = _slot_builder(Credit, OpenCredit, ("name", "role"))
"""``Credit(name, role)``, built as :func:`entry` is (see :func:`_slot_builder`)."""
full_credit: Callable[[str, str, bool, str], Credit] = _slot_builder(
    Credit, OpenCredit, ("name", "role", "guessed", "source")
)
"""``Credit(name, role, guessed, source)``, built as :func:`entry` is."""


ShowFields = tuple[int, int, int, int | None, int, int, int | None, str, int | None, str, str]
"""The running-order fields of a :class:`CueData`, in the order of :data:`SHOW_FIELDS`."""
SHOW_FIELDS = (
    "gap_ms", "crossfade_ms", "in_ms", "out_ms", "fade_in_ms", "fade_out_ms", "segment_at_ms",
    "segment_at_label", "segment_budget_ms", "segment_notes", "segment_usage",
)  # fmt: skip
"""The names of :data:`ShowFields`, in their order."""
NO_SHOW = cast(
    ShowFields, tuple([CueData.__dataclass_fields__[name].default for name in SHOW_FIELDS])
)
"""The defaults of the running-order fields (a cue with no running-order values)."""
_cue_data_all: Callable[..., CueData] = _slot_builder(
    CueData, OpenCueData, (*_CUE_GIVEN, *SHOW_FIELDS)
)


def cue_data_with_show(
    segment: str,
    number: str,
    kind: str,
    start_utc_ms: int | None,
    credits: tuple[Credit, ...],
    isrc: str,
    iswc: str,
    usage: str,
    duration_source: str,
    show: ShowFields,
) -> CueData:
    """:func:`cue_data` with the running-order fields too (``show``, see :data:`SHOW_FIELDS`).

    Why: a reader of running orders (XSPF's extension block) would otherwise build
    the cue and then ``dataclasses.replace`` it (about 15 µs a cue, more than the
    rest of the track); the running-order values repeat for every cue of a segment,
    so the reader decodes them once into a ``show`` tuple and every cue shares it.
    """
    return _cue_data_all(
        segment, number, kind, start_utc_ms, credits, isrc, iswc, usage, duration_source, *show
    )

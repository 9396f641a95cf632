"""Building many small objects quickly."""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar, cast

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


def _writable(cls: type) -> type:
    """A subclass of the frozen dataclass ``cls`` that adds no slot and can be written.

    Its instances are filled in slot by slot, then their class is set to ``cls``.
    Why a subclass: CPython lets ``__class__`` change between two classes of the same
    layout, and checks that at once when one derives from the other without adding
    slots (between two unrelated classes it compares their slot names, a tuple
    comparison on every object built).  ``object``'s own ``__setattr__``,
    ``__delattr__`` and ``__init__`` undo the frozen dataclass's, so a slot is
    stored as on any slotted object and making one runs no Python code.
    """
    namespace = {
        "__slots__": (),
        "__setattr__": object.__setattr__,
        "__delattr__": object.__delattr__,
        "__init__": object.__init__,
        "__doc__": f"A writable {cls.__name__} being built (see :func:`_writable`).",
    }
    return type(f"Open{cls.__name__}", (cls,), namespace)


if TYPE_CHECKING:

    class OpenEntry:
        """What mypy is told of ``_writable(Entry)``: the slots of :class:`Entry`, writable."""

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

else:
    OpenEntry = _writable(Entry)
    """A writable :class:`Entry`: filled in, then made an ``Entry`` (see :data:`entry`).

    Every slot must be set before ``__class__`` becomes ``Entry``."""


def _builder(cls: type, params: list[str], stored: dict[str, str], defaults: dict[str, Any]) -> Any:
    """``def build(PARAMS)`` making a ``cls`` as :data:`entry` does: each field set by a
    statement of its own to ``stored[name]`` (a parameter, or a name in ``defaults``),
    then the class changed to ``cls``.

    The statements are written from the model's fields when the module that asks is
    imported (as :mod:`dataclasses` writes ``__init__``), so a field added to the
    model is still filled.
    """
    namespace: dict[str, Any] = {"_open": _writable(cls), "_cls": cls, **defaults}
    body = ["    built = _open()"]
    body += [f"    built.{f.name} = {stored[f.name]}" for f in dataclasses.fields(cls)]
    body += ["    built.__class__ = _cls", "    return built"]
    exec(f"def build({', '.join(params)}):\n" + "\n".join(body), namespace)
    return namespace["build"]


def _slot_builder(cls: type, given: tuple[str, ...]) -> Callable[..., Any]:
    """A function of the fields ``given`` (in that order) building ``cls``, every other
    slot set to its default.

    Why: setting the slots a builder is not given in a loop of ``setattr`` calls took
    as long as the rest of building a ``CueData``; a reader builds one a track.
    """
    stored: dict[str, str] = {}
    defaults: dict[str, Any] = {}
    for field in dataclasses.fields(cls):
        if field.name in given:
            stored[field.name] = field.name
        else:
            assert field.default is not dataclasses.MISSING, field.name
            literal = _literal(field.default)
            if literal is None:
                literal = f"_default_{field.name}"
                defaults[literal] = field.default
            stored[field.name] = literal
    return cast("Callable[..., Any]", _builder(cls, list(given), stored, defaults))


def _literal(value: object) -> str | None:
    """``value`` as a Python literal when it is ``None``, a bool, an int, a str or ``()``
    (a constant in the builder's code, quicker than a name to look up); else None."""
    if value is None or type(value) in (bool, int, str) or (type(value) is tuple and not value):
        return repr(value)
    return None


def frozen_builder(cls: type) -> Callable[..., Any]:
    """A function with the signature of ``cls``'s constructor (a frozen dataclass) that
    builds it as :data:`entry` builds an ``Entry``.

    Why: a frozen dataclass's ``__init__`` stores each field with ``object.__setattr__``,
    a call each; a reader or a check that builds thousands of values (a cue, a change on
    air) spends more there than in the rest of the work.  The result is an ordinary
    instance of ``cls``, equal to what its constructor makes.  Refused (``TypeError``) for
    a class whose constructor does more than store its fields: a ``__post_init__``, an
    ``__init__`` of its own, a default factory, a keyword-only or an ``init=False`` field.
    """
    fields = dataclasses.fields(cls)
    if (
        hasattr(cls, "__post_init__")
        or not _init_by_dataclasses(cls)
        or any(f.default_factory is not dataclasses.MISSING or f.kw_only or not f.init
               for f in fields)
    ):  # fmt: skip
        raise TypeError(f"{cls.__name__} is not a dataclass built by storing its fields")
    params: list[str] = []
    defaults: dict[str, Any] = {}
    for field in fields:
        if field.default is dataclasses.MISSING:
            params.append(field.name)
        else:
            defaults[f"_default_{field.name}"] = field.default
            params.append(f"{field.name}=_default_{field.name}")
    stored = {f.name: f.name for f in fields}
    return cast("Callable[..., Any]", _builder(cls, params, stored, defaults))


def _init_by_dataclasses(cls: type) -> bool:
    """Whether ``cls.__init__`` is the one :mod:`dataclasses` wrote (it compiles it from a
    string; one written in a class body comes from a file)."""
    code = getattr(cls.__dict__.get("__init__"), "__code__", None)
    return code is not None and code.co_filename == "<string>"


entry: Callable[[str, str, str, str, int | None, CueData | None], Entry] = _slot_builder(
    Entry, ("location", "title", "creator", "album", "duration_ms", "cue")
)
"""``Entry(location, title, creator, album, duration_ms, cue=cue)``, five times quicker.

Why: a frozen dataclass's ``__init__`` stores each of the thirteen fields with
``object.__setattr__`` (about 0.9 µs an entry, half the time of reading a large
M3U file).  Here the fields go into an :data:`OpenEntry`, whose class is then set
to ``Entry`` (see :func:`_writable`): the result is an ordinary frozen ``Entry``,
equal to the one the constructor builds (``tests/test_playlists_m3u.py`` checks
every field against the constructor).  Only readers use this; the other fields
keep the defaults of :class:`Entry`.
"""
track: Callable[
    [str | None, str, str, str, int | None, tuple[str, ...], str, CueData | None, int | None,
     int, int, int | None],
    Entry,
] = _slot_builder(
    Entry,
    ("location", "title", "creator", "album", "duration_ms", "identifiers", "annotation", "cue",
     "start_ms", "pregap_ms", "postgap_ms", "index00_ms"),
)  # fmt: skip
"""An :class:`Entry` with every field but ``extras`` given (in that order), built as
:data:`entry` is."""


_CUE_GIVEN = ("segment", "number", "kind", "start_utc_ms", "credits", "isrc", "iswc", "usage",
              "duration_source")  # fmt: skip
cue_data: Callable[[str, str, str, int | None, tuple[Credit, ...], str, str, str, str], CueData] = (
    _slot_builder(CueData, _CUE_GIVEN)
)
"""``CueData(...)`` of the fields a reader reads from a track (the others their defaults),
built as :data:`entry` is (see :func:`_slot_builder`)."""
credit: Callable[[str, str], Credit] = _slot_builder(Credit, ("name", "role"))
"""``Credit(name, role)``, built as :data:`entry` is (see :func:`_slot_builder`)."""
full_credit: Callable[[str, str, bool, str], Credit] = _slot_builder(
    Credit, ("name", "role", "guessed", "source")
)
"""``Credit(name, role, guessed, source)``, built as :data:`entry` is."""


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
_cue_data_all: Callable[..., CueData] = _slot_builder(CueData, (*_CUE_GIVEN, *SHOW_FIELDS))


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

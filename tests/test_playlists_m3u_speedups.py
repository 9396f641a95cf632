"""The optional C extension (playlists/_speedups.c) against its Python reference.

``m3u_batch`` must give exactly the UTF-8 of what ``m3u._quick_batch`` gives, and
``None`` exactly when that gives ``None`` -- or when the text holds a lone
surrogate, which the Python path then refuses as it always did.  The files written
with and without the extension must be the same bytes.
"""

from __future__ import annotations

import gc
import subprocess
import sys
import tracemalloc
import warnings
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from playlists import _bulk, m3u
from playlists.errors import DroppedEntryWarning, TextChangedWarning
from playlists.model import CueData, Entry, Playlist
from tests.tools import in_ci

try:
    from playlists import _speedups
except ImportError:  # built without a C compiler
    _speedups = None  # type: ignore[assignment]



@pytest.fixture
def _c_built() -> None:
    """Skip when the extension is not built (fail in CI, which installs a compiler)."""
    if _speedups is None:
        message = (
            "playlists._speedups is not built (no C compiler or Python headers at install): "
            "only Python writes M3U"
        )
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)


needs_c = pytest.mark.usefixtures("_c_built")


def _c(batch: tuple[Entry, ...] | list[Entry]) -> bytes | None:
    return _speedups.m3u_batch(batch, Entry, CueData)


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


_LONG_LONG = range(-(2**63), 2**63)


def _assert_same(batch: tuple[Entry, ...] | list[Entry]) -> bytes | None:
    """The C result of ``batch``, checked against the Python reference."""
    expected = m3u._quick_batch(batch)
    got = _c(batch)
    if expected is None or not _encodable(expected):  # a lone surrogate: Python writes
        assert got is None  # the batch, and the encoder refuses it
    elif any(e.duration_ms is not None and e.duration_ms not in _LONG_LONG for e in batch):
        assert got is None  # a duration beyond 64 bits: left to Python
    else:
        assert got == expected.encode("utf-8")
    return got


# -- generated batches ----------------------------------------------------------------

_PIECES = st.sampled_from(
    ["a", "Z", "0", " ", "-", " - ", "#", "\n", "\r", "\r\n", "\t", "\x0b", "\x1c", "\x85",
     "\xa0", "\u2028", "\u3000", "é", "ß", "ÿ", "Ж", "—", "€", "\uffff", "漢", "😀", "\U0010ffff",
     "\ud800", "\udfff", "\x00", "/", '"', "AC-DC", "Track 1", "music/Björk/01.flac"]
)  # fmt: skip
_TEXT = st.one_of(
    st.lists(_PIECES, max_size=6).map("".join),
    st.text(max_size=10),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=20),
)
_USUAL = st.text(alphabet="abc XYZ/.,'\"éЖ€😀-_", max_size=15)
"""Texts that seldom make a batch unusual (a `` - `` now and then), so most batches
generated from them are written in C."""
_DURATIONS = st.one_of(
    st.none(),
    st.integers(-10**6, 10**7),
    st.integers(-(2**70), 2**70),
    st.sampled_from(
        [0, 499, 500, -500, -501, 1499, 1500, -1500, 2**63 - 1, 2**63 - 500, 2**63 - 501,
         2**63 - 499, 2**63, -(2**63), -(2**63) - 1, -(2**63) + 499]
    ),
)  # fmt: skip
_EXTRAS = st.sampled_from(
    [(), (), (), (("m3u", "#EXTVLCOPT:start-time=5"),), (("m3u-attributes", 'tvg-id="x"'),),
     (("cue", "FLAGS DCP"),)]
)  # fmt: skip


def _entries(text: st.SearchStrategy[str]) -> st.SearchStrategy[Entry]:
    return st.builds(
        Entry,
        location=st.one_of(st.none(), text, text.map(lambda t: "music/" + t + ".flac")),
        title=text,
        creator=st.one_of(st.just(""), text),
        duration_ms=_DURATIONS,
        cue=st.one_of(st.none(), st.just(CueData()), st.builds(CueData, segment=text)),
        extras=_EXTRAS,
    )


@needs_c
@settings(max_examples=600, deadline=None)
@given(st.lists(st.one_of(_entries(_TEXT), _entries(_USUAL)), max_size=8))
@example([])
@example([Entry(location="a\udcff.flac", title="t")])
@example([Entry(location="a.flac", title="t", duration_ms=2**63 - 1)])
def test_c_batch_is_the_python_batch(batch: list[Entry]) -> None:
    _assert_same(batch)
    _assert_same(tuple(batch))


@needs_c
@settings(max_examples=300, deadline=None)
@given(st.lists(_entries(_USUAL.filter(lambda t: " - " not in t)), min_size=1, max_size=20))
def test_usual_batches_are_written_in_c(batch: list[Entry]) -> None:
    usual = [e for e in batch if e.location and e.location.strip() == e.location
             and not e.location.startswith("#") and not e.extras
             and (e.duration_ms is None or e.duration_ms in _LONG_LONG)]  # fmt: skip
    if usual:
        assert _assert_same(usual) is not None


@needs_c
@pytest.mark.parametrize("mark", ["\n", "\r", " - ", "-", " -", "- ", "é", "Ж", "😀"])
def test_a_mark_anywhere_in_texts_of_any_length(mark: str) -> None:
    """Every place in texts of 0-40 characters (the C code looks at 8 or 16 bytes at a
    time, the last ones overlapping), in every field."""
    for length in range(41):
        for at in range(length + 1):
            text = ("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH"[:length][:at] + mark
                    + "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH"[at:length])  # fmt: skip
            for entry in (
                Entry(location="a.flac", title=text),
                Entry(location="a.flac", title=text, creator="c"),
                Entry(location="a.flac", title="t", creator=text),
                Entry(location="x" + text + "y", title="t"),
                Entry(location="a.flac", title="t", cue=CueData(segment=text)),
            ):
                _assert_same([entry])


@needs_c
@pytest.mark.parametrize(
    ("ms", "seconds"),
    [(None, b"-1"), (0, b"0"), (499, b"0"), (500, b"1"), (1499, b"1"), (1500, b"2"),
     (-500, b"0"), (-501, b"-1"), (-1500, b"-1"), (-1501, b"-2"),
     (2**63 - 1, b"9223372036854776"), (2**63 - 501, b"9223372036854775"),
     (-(2**63), b"-9223372036854776"), (-(2**63) + 499, b"-9223372036854775")],
)  # fmt: skip
def test_durations_rounded_as_python_floors(ms: int | None, seconds: bytes) -> None:
    if ms is not None:
        assert str((ms + 500) // 1000).encode() == seconds
    written = _c([Entry(location="a", title="t", duration_ms=ms)])
    assert written == b"#EXTINF:" + seconds + b",t\na\n"


@needs_c
@pytest.mark.parametrize("ms", [2**63, -(2**63) - 1, 10**30, -(10**30), True])
def test_durations_c_cannot_hold_are_left_to_python(ms: int) -> None:
    batch = [Entry(location="a", title="t", duration_ms=ms)]
    assert _c(batch) is None
    assert m3u._quick_batch(batch) is not None


@needs_c
def test_a_library_and_a_show_are_written_in_c() -> None:
    entries = [
        Entry(location=f"music/Рахманинов {n}/{n:02d} Track.flac", title=f'Track {n} "live"',
              creator=("Björk", "AC-DC", "坂本龍一", "")[n % 4], duration_ms=120_000 + n * 7919,
              cue=None if n % 3 else CueData(segment=f"Part {n // 3} — 😀"))
        for n in range(3000)
    ]  # fmt: skip
    assert _assert_same(entries) is not None
    assert _assert_same(entries[:1]) is not None


class _Text(str):
    """A str subclass: the C code leaves it to Python (its f-string formatting)."""


@dataclass(frozen=True)
class _LooseEntry:
    """Not an Entry: what the C code leaves to Python."""

    location: str | None = "a.flac"
    title: str = "t"
    creator: str = ""
    duration_ms: int | None = None
    cue: CueData | None = None
    extras: tuple[tuple[str, str], ...] = ()


@needs_c
@pytest.mark.parametrize(
    "entry",
    [
        Entry(location=_Text("a.flac"), title="t"),
        Entry(location="a.flac", title=_Text("t")),
        Entry(location="a.flac", title="t", creator=_Text("c")),
        Entry(location="a.flac", title="t", cue=CueData(segment=_Text("s"))),
        Entry(location="a.flac", title="t", extras=[]),  # type: ignore[arg-type]
        _LooseEntry(),
    ],
)
def test_what_c_leaves_to_python_is_written_the_same(
    entry: Entry, monkeypatch: pytest.MonkeyPatch
) -> None:
    batch = (Entry(location="b.flac", title="u"), entry)
    assert _c(batch) is None
    assert m3u._quick_batch(batch) is not None
    with_c = m3u.dumps(Playlist(entries=batch))
    monkeypatch.setattr(m3u, "_c_batch", None)
    assert m3u.dumps(Playlist(entries=batch)) == with_c


@needs_c
def test_an_unset_slot_is_left_to_python() -> None:
    half = _bulk.OpenEntry()
    half.location = "a.flac"
    half.__class__ = Entry  # every other slot unset
    assert _c([half]) is None
    with pytest.raises(AttributeError):
        m3u._quick_batch([half])  # type: ignore[list-item]


@needs_c
def test_types_without_slots_are_left_to_python() -> None:
    assert _speedups.m3u_batch([_LooseEntry()], _LooseEntry, CueData) is None  # type: ignore[arg-type]
    assert _speedups.m3u_batch([Entry(location="a", title="t")], Entry, dict) is None  # type: ignore[arg-type]


@needs_c
def test_wrong_arguments_are_refused() -> None:
    with pytest.raises(TypeError):
        _speedups.m3u_batch([])  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        _speedups.m3u_batch(5, Entry, CueData)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        _speedups.m3u_batch([], "Entry", CueData)  # type: ignore[arg-type]


# -- references and memory --------------------------------------------------------------


def _sample_batch() -> list[Entry]:
    return [
        Entry(location=f"dir/Рахманинов {n}.flac", title=f"Track {n}", creator="AC-DC",
              duration_ms=n * 1000 + 1, cue=CueData(segment="Part 😀") if n % 2 else None)
        for n in range(50)
    ]  # fmt: skip


@needs_c
def test_no_reference_is_kept_or_lost() -> None:
    batch = _sample_batch()
    unusual = [*batch, Entry(location="x", title="a\nb")]
    second = batch[1]
    assert second.cue is not None
    watched = [batch[0], second, second.location, second.title, second.creator, second.cue,
               second.cue.segment, second.duration_ms, Entry, CueData]  # fmt: skip
    before = [sys.getrefcount(o) for o in watched]
    batch_refs, unusual_refs = sys.getrefcount(batch), sys.getrefcount(unusual)
    for _ in range(200):
        assert _c(batch) is not None
        assert _c(tuple(batch)) is not None
        assert _c(unusual) is None
    assert [sys.getrefcount(o) for o in watched] == before
    assert (sys.getrefcount(batch), sys.getrefcount(unusual)) == (batch_refs, unusual_refs)


@needs_c
def test_no_memory_is_kept() -> None:
    batch = _sample_batch()
    unusual = [*batch, Entry(location="x", title="a\ud800b")]
    tracemalloc.start()
    try:
        for _ in range(500):  # warm up (the first calls fill caches and free lists)
            _c(batch), _c(unusual)
        gc.collect()
        start, _ = tracemalloc.get_traced_memory()
        for _ in range(2000):
            _c(batch), _c(unusual)
        gc.collect()
        end, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert end - start < 2048  # one small object kept a call would be 64 KiB and more


# -- the files written ----------------------------------------------------------------------


def _mixed_playlist() -> Playlist:
    """Batches of every kind when written three entries a batch: usual ones, ones with
    warnings, extras, a dropped entry, a line break in a title, non-ASCII text."""
    entries = []
    for n in range(40):
        cue = CueData(segment=f"S{n // 4}") if n % 5 else None
        entry = Entry(location=f"m/Björk {n}.flac", title=f"T {n} 😀", creator="Рахманинов",
                      duration_ms=n * 1234, cue=cue)  # fmt: skip
        if n == 4:
            entry = Entry(location=None, title="no file")
        elif n == 10:
            entry = Entry(location="a.flac", title="one\nline")
        elif n in (16, 17):
            entry = Entry(location="b.flac", title="x", extras=(("m3u", "#EXTVLCOPT:a=1"),))
        elif n == 25:
            entry = Entry(location="c.flac", title="a - b")
        entries.append(entry)
    return Playlist(title="Mixed", entries=tuple(entries))


def _written(tmp_path: Path, name: str, playlist: Playlist) -> tuple[bytes, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        m3u.dump(playlist, tmp_path / name, fsync=False)
    return (tmp_path / name).read_bytes(), [f"{w.category.__name__}: {w.message}" for w in caught]


@pytest.mark.parametrize("chunk", [1, 3, 2048])
def test_the_file_is_the_same_without_the_extension(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    monkeypatch.setattr(m3u, "_CHUNK", chunk)
    playlist = _mixed_playlist()
    with_c, warned = _written(tmp_path, "c.m3u8", playlist)
    assert with_c.decode("utf-8") == _dumps_quietly(playlist)
    monkeypatch.setattr(m3u, "_c_batch", None)
    without_c, warned_without = _written(tmp_path, "py.m3u8", playlist)
    assert with_c == without_c
    assert warned == warned_without
    assert any(DroppedEntryWarning.__name__ in w for w in warned)
    assert any(TextChangedWarning.__name__ in w for w in warned)


def _dumps_quietly(playlist: Playlist) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return m3u.dumps(playlist)


@pytest.mark.parametrize("use_c", [True, False])
def test_a_lone_surrogate_is_refused_as_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, use_c: bool
) -> None:
    if not use_c:
        monkeypatch.setattr(m3u, "_c_batch", None)
    playlist = Playlist(entries=(Entry(location="a.flac", title="x\udc80y"),))
    with pytest.raises(UnicodeEncodeError, match="surrogates not allowed"):
        m3u.dump(playlist, tmp_path / "bad.m3u8", fsync=False)
    assert list(tmp_path.iterdir()) == []  # the half-written file is removed
    assert m3u.dumps(playlist) == "#EXTM3U\n#EXTINF:-1,x\udc80y\na.flac\n"


def test_m3u_uses_the_extension_when_built() -> None:
    if _speedups is None:
        assert m3u._c_batch is None
    else:
        assert m3u._c_batch is _speedups.m3u_batch


def test_m3u_works_where_the_extension_cannot_be_imported(tmp_path: Path) -> None:
    """As on a machine without a C compiler: the import fails, Python writes it all."""
    script = (
        "import sys\n"
        "sys.modules['playlists._speedups'] = None  # import fails with ImportError\n"
        "from playlists import m3u\n"
        "from tests.test_playlists_m3u_speedups import _mixed_playlist\n"
        "assert m3u._c_batch is None\n"
        "import warnings; warnings.simplefilter('ignore')\n"
        f"m3u.dump(_mixed_playlist(), {str(tmp_path / 'py.m3u8')!r}, fsync=False)\n"
    )
    root = Path(__file__).resolve().parent.parent
    subprocess.run([sys.executable, "-c", script], check=True, cwd=root)
    with_c, _ = _written(tmp_path, "c.m3u8", _mixed_playlist())
    assert (tmp_path / "py.m3u8").read_bytes() == with_c


_FULL_DISK_CHILD = """
import os, resource, signal, sys
from playlists import m3u
from playlists.model import Entry, Playlist
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # past the limit a write fails, as on a full disk
resource.setrlimit(resource.RLIMIT_FSIZE, (65536, 65536))
entries = [Entry(location=f"music/{i:05d} Ünïcode track.flac", title=f"Track {i}", creator="Björk",
                 duration_ms=1000 * i) for i in range(20000)]
try:
    m3u.dump(Playlist(entries=entries), sys.argv[1])
except OSError as error:
    print(type(error).__name__, error)
"""


@pytest.mark.usefixtures("_c_built")
def test_a_disk_filling_up_under_the_c_writer_keeps_the_old_file(tmp_path: Path) -> None:
    """The bytes the C code formats go to the temporary file only: a failed write leaves
    the old playlist as it was and no temporary file behind."""
    target = tmp_path / "show.m3u8"
    target.write_text("#EXTM3U\n#EXTINF:1,Old\nold.flac\n", encoding="utf-8")
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, "-c", _FULL_DISK_CHILD, str(target)],
        capture_output=True, text=True, check=False, cwd=root,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"WriteError {target}: cannot write: File too large"
    assert target.read_text(encoding="utf-8") == "#EXTM3U\n#EXTINF:1,Old\nold.flac\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["show.m3u8"]

"""Audio tags and exact durations, read and written with mutagen.

The only module that imports :mod:`mutagen`.  One explicit table maps a file
extension to the mutagen class that reads it (no sniffing of every format for
every file); one mapping per tag family turns the format's own tag names into
:class:`Tags`:

==============  ==============================  ====================  ===========================
field           ID3 (MP3, WAV, AIFF)            Vorbis comment        MP4 freeform ``----:`` is
                                                                      ``----:com.apple.iTunes:``
==============  ==============================  ====================  ===========================
title           TIT2                            TITLE                 ``©nam``
artists         TPE1                            ARTIST                ``©ART``
album           TALB                            ALBUM                 ``©alb``
composers       TCOM                            COMPOSER              ``©wrt``
track number    TRCK ``n/t``                    TRACKNUMBER (+TOTAL)  ``trkn``
ISRC            TSRC                            ISRC                  ``----:ISRC``
recording MBID  UFID ``http://musicbrainz.org`` MUSICBRAINZ_TRACKID   ``----:MusicBrainz Track Id``
work MBID       TXXX ``MusicBrainz Work Id``    MUSICBRAINZ_WORKID    ``----:MusicBrainz Work Id``
artist MBIDs    TXXX ``MusicBrainz Artist Id``  MUSICBRAINZ_ARTISTID  ...``Artist Id``
release MBID    TXXX ``MusicBrainz Album Id``   MUSICBRAINZ_ALBUMID   ...``Album Id``
==============  ==============================  ====================  ===========================

These are the names MusicBrainz Picard writes.  Durations are integer
milliseconds; where the container states the length in samples (FLAC, WAV,
AIFF, Ogg granule positions, MP3 with a LAME/Lavc gapless header, M4A with an
edit list or ``iTunSMPB``) :attr:`AudioFile.samples` has it exactly.
"""

from __future__ import annotations

import contextlib
import os
import stat
import struct
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from mutagen import id3 as _id3
from mutagen import mp4 as _mp4
from mutagen.aiff import AIFF
from mutagen.flac import FLAC
from mutagen.mp3 import MP3
from mutagen.oggopus import OggOpus
from mutagen.oggvorbis import OggVorbis
from mutagen.wave import WAVE

from metadata.errors import TagError

# mutagen's frame and atom classes are untyped: reach them through Any.
_ID3: Any = _id3
_MP4: Any = _mp4

FORMATS: dict[str, str] = {
    ".mp3": "mp3",
    ".flac": "flac",
    ".ogg": "vorbis",
    ".oga": "vorbis",
    ".opus": "opus",
    ".m4a": "m4a",
    ".mp4": "m4a",
    ".m4b": "m4a",
    ".wav": "wav",
    ".wave": "wav",
    ".aif": "aiff",
    ".aiff": "aiff",
    ".aifc": "aiff",
}
"""File extension (lower case, with the dot) -> format name."""

_CLASSES: dict[str, Any] = {
    "mp3": MP3,
    "flac": FLAC,
    "vorbis": OggVorbis,
    "opus": OggOpus,
    "m4a": _MP4.MP4,
    "wav": WAVE,
    "aiff": AIFF,
}
# An .ogg may hold Opus and an .opus may be mislabelled: try the sibling before giving up.
_FALLBACK: dict[str, str] = {"vorbis": "opus", "opus": "vorbis"}

_MB_UFID_OWNER = "http://musicbrainz.org"
_ITUNES = "----:com.apple.iTunes:"


@dataclass(frozen=True, slots=True)
class Tags:
    """The tags cuesheet reads and writes; ``None`` or ``()`` when absent."""

    title: str | None = None
    artists: tuple[str, ...] = ()
    album: str | None = None
    composers: tuple[str, ...] = ()
    track_number: int | None = None
    """Position on the release, from 1."""
    track_total: int | None = None
    isrc: str | None = None
    """ISRC in its 12-character form (upper case, no hyphens)."""
    recording_mbid: str | None = None
    work_mbid: str | None = None
    artist_mbids: tuple[str, ...] = ()
    release_mbid: str | None = None

    @property
    def artist(self) -> str | None:
        """The artists joined for display (``None`` when there is none)."""
        return "; ".join(self.artists) if self.artists else None


@dataclass(frozen=True, slots=True)
class AudioFile:
    """What a scan knows about one audio file."""

    path: str
    format: str
    """One of the values of :data:`FORMATS`."""
    duration_ms: int
    """Length in milliseconds (nearest; exact to the sample when :attr:`samples` is set)."""
    sample_rate: int
    """Samples per second per channel, in Hz, of the decoded audio."""
    channels: int
    samples: int | None = None
    """Length in samples per channel when the container states it exactly, else ``None``."""
    bits_per_sample: int | None = None
    """Bit depth for PCM and lossless formats; ``None`` for lossy ones."""
    tags: Tags = field(default_factory=Tags)


def format_of(path: str | os.PathLike[str]) -> str | None:
    """The format name for ``path``'s extension, or ``None`` for a file that is not audio."""
    return FORMATS.get(os.path.splitext(os.fspath(path))[1].lower())


def read(path: str | os.PathLike[str]) -> AudioFile:
    """Read the tags and exact duration of one audio file.

    Raises :class:`TagError` (with the path) when the file cannot be read or is
    not audio of a known format.
    """
    name = os.fspath(path)
    fmt = format_of(name)
    if fmt is None:
        raise TagError("not an audio file of a known format (by its extension)", path=name)
    _require_file(name)
    loaded, fmt = _open(name, fmt)
    try:
        return _describe(name, fmt, loaded)
    except TagError:
        raise
    except Exception as error:  # mutagen objects from hostile files fail in many ways
        raise TagError(f"unreadable {fmt} file: {error}", path=name, cause=error) from error


def _require_file(name: str) -> None:
    """:class:`TagError` when ``name`` exists but is not a regular file (a FIFO would hang)."""
    try:
        mode = os.stat(name).st_mode
    except (OSError, ValueError):
        return  # missing: mutagen says so
    if not stat.S_ISREG(mode):
        what = "a directory" if stat.S_ISDIR(mode) else "a FIFO" if stat.S_ISFIFO(mode) else None
        raise TagError(f"is {what or 'a device or socket'}, not an audio file", path=name)


def write(path: str | os.PathLike[str], tags: Tags) -> None:
    """Write every field of ``tags`` that is set; tags not named in :class:`Tags` are kept.

    Raises :class:`TagError` when the file cannot be read or written.
    """
    name = os.fspath(path)
    fmt = format_of(name)
    if fmt is None:
        raise TagError("not an audio file of a known format (by its extension)", path=name)
    loaded, fmt = _open(name, fmt)
    try:
        if loaded.tags is None:
            loaded.add_tags()
        if fmt in ("mp3", "wav", "aiff"):
            _write_id3(loaded.tags, tags)
        elif fmt == "m4a":
            _write_mp4(loaded.tags, tags)
        else:
            _write_vorbis(loaded.tags, tags)
        loaded.save()
    except Exception as error:  # mutagen raises many kinds; the caller wants one
        raise TagError(f"cannot write tags: {error}", path=name, cause=error) from error


def _open(name: str, fmt: str) -> tuple[Any, str]:
    """The loaded mutagen object and the format it turned out to be."""
    tried = [fmt] + ([_FALLBACK[fmt]] if fmt in _FALLBACK else [])
    first: Exception | None = None
    for candidate in tried:
        try:
            return _CLASSES[candidate](name), candidate
        except Exception as error:  # mutagen raises MutagenError, struct.error, ValueError...
            system = _os_error(error)
            if system is not None:
                reason = system.strerror or str(system)
                raise TagError(f"cannot open: {reason}", path=name, cause=system) from error
            first = first or error
    assert first is not None
    raise TagError(f"cannot read as {fmt}: {first}", path=name, cause=first) from first


def _os_error(error: BaseException) -> OSError | None:
    """The OSError behind an error (mutagen wraps them in MutagenError), if any."""
    seen: BaseException | None = error
    for _ in range(4):
        if seen is None:
            return None
        if isinstance(seen, OSError):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def _describe(name: str, fmt: str, loaded: Any) -> AudioFile:
    info = loaded.info
    rate = 48000 if fmt == "opus" else int(getattr(info, "sample_rate", 0) or 0)
    channels = int(getattr(info, "channels", 0) or 0)
    if rate <= 0 or channels <= 0:
        raise TagError(f"no audio stream found in this {fmt} file", path=name)
    samples = _exact_samples(name, fmt, info, rate)
    if samples is not None:
        duration_ms = (samples * 2000 + rate) // (2 * rate)
    else:
        duration_ms = round(float(info.length) * 1000)
    bits = getattr(info, "bits_per_sample", None) if fmt in ("flac", "wav", "aiff") else None
    if fmt == "m4a" and str(getattr(info, "codec", "")) == "alac":
        bits = getattr(info, "bits_per_sample", None)
    return AudioFile(
        path=name,
        format=fmt,
        duration_ms=duration_ms,
        sample_rate=rate,
        channels=channels,
        samples=samples,
        bits_per_sample=int(bits) if bits else None,
        tags=_read_tags(fmt, loaded.tags),
    )


def _exact_samples(name: str, fmt: str, info: Any, rate: int) -> int | None:
    """The length in samples when the container states it exactly."""
    if fmt == "flac":
        return int(info.total_samples) if info.total_samples else None
    if fmt in ("wav", "aiff", "vorbis", "opus"):
        # mutagen divides an exact integer (frame count, data size, granule
        # position) by the rate; at any real length the float rounds back exactly.
        return round(float(info.length) * rate)
    if fmt == "mp3":
        return _mp3_samples(name, info)
    if fmt == "m4a":
        return _mp4_samples(name, info)
    return None


# --- MP3: the Xing/Info header and its LAME extension --------------------------------------

_LAME_VENDORS = (b"LAME", b"Lavc", b"Lavf", b"L3.9", b"GOGO")


def _mp3_samples(name: str, info: Any) -> int | None:
    """Samples from the Xing frame count minus the encoder delay and padding.

    mutagen applies the delay only when the vendor string says LAME; ffmpeg
    writes ``Lavc``/``Lavf`` with the same layout, so the header is read here.
    """
    if getattr(info, "layer", 0) != 3:
        return None
    version = float(info.version)
    mono = info.mode == 3
    if version == 1:
        xing_offset, frame_size = (21 if mono else 36), 1152
    else:
        xing_offset, frame_size = (13 if mono else 21), 576
    with open(name, "rb") as handle:
        handle.seek(int(info.frame_offset) + xing_offset)
        head = handle.read(8)
        if len(head) != 8 or head[:4] not in (b"Xing", b"Info"):
            return None
        flags = struct.unpack(">I", head[4:])[0]
        if not flags & 0x1:
            return None
        frames = struct.unpack(">I", handle.read(4))[0]
        skip = (4 if flags & 0x2 else 0) + (100 if flags & 0x4 else 0) + (4 if flags & 0x8 else 0)
        handle.seek(skip, 1)
        lame = handle.read(24)
    if len(lame) < 24 or lame[:4] not in _LAME_VENDORS:
        return None
    delay = (lame[21] << 4) | (lame[22] >> 4)
    padding = ((lame[22] & 0x0F) << 8) | lame[23]
    samples = frames * frame_size - delay - padding
    return samples if samples > 0 else None


# --- M4A: iTunSMPB, or the edit list of the sound track ------------------------------------


def _mp4_samples(name: str, info: Any) -> int | None:
    try:
        return _mp4_samples_quick(name, info)
    except _Unusual:
        return _mp4_samples_by_atoms(name, info)


class _Unusual(Exception):
    """The quick reading of an MP4 file met a layout it leaves to mutagen's atom parser."""


_Box = tuple[bytes, int, int]
"""(name, payload start, payload end) of a box in a buffer."""


def _boxes(data: bytes, start: int = 0, end: int | None = None) -> list[_Box]:
    """The boxes (atoms) in ``data[start:end]``; :class:`_Unusual` unless they fit exactly."""
    end = len(data) if end is None else end
    found: list[_Box] = []
    while start < end:
        if start + 8 > end:
            raise _Unusual
        size, kind = struct.unpack_from(">I4s", data, start)
        header = 8
        if size == 1 and start + 16 <= end:
            size, header = struct.unpack_from(">Q", data, start + 8)[0], 16
        if size < header or start + size > end:
            raise _Unusual
        found.append((kind, start + header, start + size))
        start += size
    return found


def _child(data: bytes, box: _Box, *path: bytes) -> _Box:
    """The first child box along ``path`` (``meta`` has 4 bytes before its children)."""
    for kind in path:
        skip = 4 if box[0] == b"meta" else 0
        for inner in _boxes(data, box[1] + skip, box[2]):
            if inner[0] == kind:
                box = inner
                break
        else:
            raise KeyError(f"{kind!r} not found")
    return box


def _moov(name: str) -> bytes | None:
    """The ``moov`` box of an MP4 file, read alone (with its header), or None."""
    with open(name, "rb") as handle:
        offset = 0
        while head := handle.read(16):
            if len(head) < 8:
                raise _Unusual
            size, kind = struct.unpack_from(">I4s", head)
            if size == 1 and len(head) == 16:
                size = struct.unpack_from(">Q", head, 8)[0]
            if size < 8:
                raise _Unusual  # 0 (to the end of the file) and broken sizes
            if kind == b"moov":
                handle.seek(offset)
                data = handle.read(size)
                if len(data) != size:
                    raise _Unusual
                return data
            offset += size
            handle.seek(offset)
    return None


def _mp4_samples_quick(name: str, info: Any) -> int | None:
    """:func:`_mp4_samples_by_atoms` reading only the ``moov`` box and the boxes it needs.

    Why: mutagen's atom parser builds every atom of the file again (a third of
    reading an M4A file); this walks the few boxes the length comes from.
    """
    data = _moov(name)
    if data is None:
        return None
    moov = _boxes(data)[0]
    with contextlib.suppress(KeyError):
        ilst = _child(data, moov, b"udta", b"meta", b"ilst")
        for kind, start, end in _boxes(data, ilst[1], ilst[2]):
            found, smpb = _smpb(data[start:end]) if kind == b"----" else (False, None)
            if found:
                if smpb is not None:
                    return smpb
                break
    mvhd = _child(data, moov, b"mvhd")
    movie_scale = _scale_and_duration(data[mvhd[1] : mvhd[2]])[0]
    for trak in _boxes(data, moov[1], moov[2]):
        if trak[0] != b"trak":
            continue
        try:
            handler = _child(data, trak, b"mdia", b"hdlr")
        except KeyError:
            continue
        if data[handler[1] : handler[2]][8:12] != b"soun":
            continue
        mdhd = _child(data, trak, b"mdia", b"mdhd")
        media_scale, media_duration = _scale_and_duration(data[mdhd[1] : mdhd[2]])
        edits = next((b for b in _boxes(data, trak[1], trak[2]) if b[0] == b"edts"), None)
        entry = _first_edit(data[edits[1] : edits[2]]) if edits is not None else None
        return _length_of_sound(info, movie_scale, media_scale, media_duration, entry)
    return None


def _mp4_samples_by_atoms(name: str, info: Any) -> int | None:
    with open(name, "rb") as handle:
        atoms = _MP4.Atoms(handle)
        smpb = _itunsmpb(handle, atoms)
        if smpb is not None:
            return smpb
        try:
            moov = atoms[b"moov"]
        except KeyError:
            return None
        movie_scale = _header_scale_and_duration(handle, moov[b"mvhd",])[0]
        for trak in moov.findall(b"trak"):
            try:
                handler = _payload(handle, trak[b"mdia", b"hdlr"])
            except KeyError:
                continue
            if handler[8:12] != b"soun":
                continue
            media_scale, media_duration = _header_scale_and_duration(handle, trak[b"mdia", b"mdhd"])
            edits = next(iter(trak.findall(b"edts")), None)
            entry = _first_edit(_payload(handle, edits)) if edits is not None else None
            return _length_of_sound(info, movie_scale, media_scale, media_duration, entry)
    return None


def _length_of_sound(
    info: Any,
    movie_scale: int,
    media_scale: int,
    media_duration: int,
    entry: tuple[int, int] | None,
) -> int | None:
    """Samples of the sound track from its media duration and first edit (if any)."""
    if entry is None:
        # With no edit list only a codec without priming samples is exact.
        return media_duration if str(getattr(info, "codec", "")) == "alac" else None
    segment, media_time = entry
    from_media = media_duration - media_time
    if movie_scale <= 0:
        return from_media
    from_edit = segment * media_scale // movie_scale
    # The edit's duration is in the (coarser) movie timescale; trust the
    # media count when the two agree to within one movie tick.
    tolerance = -(-media_scale // movie_scale)
    return from_media if abs(from_media - from_edit) <= tolerance else from_edit


def _payload(handle: Any, atom: Any) -> bytes:
    ok, data = atom.read(handle)
    if not ok:
        raise ValueError(f"truncated {atom.name!r} atom")
    return bytes(data)


def _header_scale_and_duration(handle: Any, atom: Any) -> tuple[int, int]:
    """(timescale, duration) of an ``mvhd`` or ``mdhd`` atom."""
    return _scale_and_duration(_payload(handle, atom))


def _scale_and_duration(data: bytes) -> tuple[int, int]:
    """(timescale, duration) of the payload of an ``mvhd`` or ``mdhd`` atom."""
    if data[0] == 1:
        scale, duration = struct.unpack(">IQ", data[20:32])
    else:
        scale, duration = struct.unpack(">II", data[12:20])
    return int(scale), int(duration)


def _first_edit(edts: bytes) -> tuple[int, int] | None:
    """(segment duration, media time) of the first non-empty edit in an ``edts`` payload."""
    position = 0
    while position + 8 <= len(edts):
        size, kind = struct.unpack(">I4s", edts[position : position + 8])
        if size < 8:
            return None
        if kind == b"elst":
            body = edts[position + 8 : position + size]
            version, count = body[0], struct.unpack(">I", body[4:8])[0]
            layout, width = (">QqI", 20) if version == 1 else (">IiI", 12)
            for index in range(count):
                start = 8 + index * width
                segment, media_time, _rate = struct.unpack(layout, body[start : start + width])
                if media_time >= 0:
                    return int(segment), int(media_time)
            return None
        position += size
    return None


def _itunsmpb(handle: Any, atoms: Any) -> int | None:
    """The original sample count iTunes records in its ``iTunSMPB`` freeform tag."""
    try:
        ilst = atoms[b"moov", b"udta", b"meta", b"ilst"]
    except KeyError:
        return None
    for item in ilst.findall(b"----"):
        found, smpb = _smpb(_payload(handle, item))
        if found:
            return smpb
    return None


def _smpb(data: bytes) -> tuple[bool, int | None]:
    """Whether a freeform item's payload is an ``iTunSMPB`` with a count, and the count
    (None when it says 0 or is junk)."""
    if b"iTunSMPB" not in data[:64]:
        return False, None
    text = data[data.rfind(b"data") + 12 :].decode("ascii", "replace").split()
    if len(text) >= 4:
        try:
            return True, int(text[3], 16) or None
        except ValueError:
            return True, None
    return False, None


# --- reading tags --------------------------------------------------------------------------


def _clean(values: Iterable[Any]) -> tuple[str, ...]:
    if not values:  # the common case, cheaply (an empty list or tuple)
        return ()
    return tuple(s for s in (str(v).strip().replace("\x00", "") for v in values) if s)


def _first(values: Iterable[Any]) -> str | None:
    found = _clean(values)
    return found[0] if found else None


def _ids(values: Iterable[Any]) -> tuple[str, ...]:
    """MBIDs from a list whose items may hold several ids joined by ``/`` or ``;``."""
    out: list[str] = []
    for value in _clean(values):
        out.extend(p.strip().lower() for p in value.replace(";", "/").split("/") if p.strip())
    return tuple(out)


def _one_id(values: Iterable[Any]) -> str | None:
    found = _ids(values)
    return found[0] if found else None


def _isrc(values: Iterable[Any]) -> str | None:
    found = _first(values)
    return found.replace("-", "").replace(" ", "").upper() if found else None


def _position(text: str | None) -> tuple[int | None, int | None]:
    """``"3/12"`` -> (3, 12); ``"3"`` -> (3, None); junk -> (None, None)."""
    if not text:
        return None, None
    number, _, total = text.partition("/")
    return _int(number), _int(total)


def _int(text: str | None) -> int | None:
    try:
        value = int(str(text).strip())
    except (TypeError, ValueError):
        return None
    return value if value > 0 else None


def _read_tags(fmt: str, raw: Any) -> Tags:
    if raw is None:
        return Tags()
    if fmt in ("mp3", "wav", "aiff"):
        return _read_id3(raw)
    if fmt == "m4a":
        return _read_mp4(raw)
    return _read_vorbis(raw)


def _read_id3(id3: Any) -> Tags:
    def text(frame_id: str) -> tuple[str, ...]:
        return _clean(v for frame in id3.getall(frame_id) for v in frame.text)

    txxx: dict[str, list[str]] = {}
    for frame in id3.getall("TXXX"):
        txxx.setdefault(str(frame.desc).lower(), []).extend(str(t) for t in frame.text)
    recording = None
    for frame in id3.getall("UFID"):
        if frame.owner == _MB_UFID_OWNER:
            recording = _one_id([bytes(frame.data).decode("ascii", "replace")])
    number, total = _position(_first(text("TRCK")))
    return Tags(
        title=_first(text("TIT2")),
        artists=text("TPE1"),
        album=_first(text("TALB")),
        composers=text("TCOM"),
        track_number=number,
        track_total=total,
        isrc=_isrc(text("TSRC")),
        recording_mbid=recording or _one_id(txxx.get("musicbrainz recording id", [])),
        work_mbid=_one_id(txxx.get("musicbrainz work id", [])),
        artist_mbids=_ids(txxx.get("musicbrainz artist id", [])),
        release_mbid=_one_id(txxx.get("musicbrainz album id", [])),
    )


def _read_vorbis(comments: Any) -> Tags:
    found: dict[str, list[str]] = {}
    for key, value in comments:
        found.setdefault(str(key).lower(), []).append(str(value))

    def get(key: str) -> list[str]:
        return found.get(key, [])

    number, total = _position(_first(get("tracknumber")))
    total = total or _int(_first(get("tracktotal"))) or _int(_first(get("totaltracks")))
    return Tags(
        title=_first(get("title")),
        artists=_clean(get("artist")),
        album=_first(get("album")),
        composers=_clean(get("composer")),
        track_number=number,
        track_total=total,
        isrc=_isrc(get("isrc")),
        recording_mbid=_one_id(get("musicbrainz_trackid")),
        work_mbid=_one_id(get("musicbrainz_workid")),
        artist_mbids=_ids(get("musicbrainz_artistid")),
        release_mbid=_one_id(get("musicbrainz_albumid")),
    )


def _read_mp4(tags: Any) -> Tags:
    def free(name: str) -> list[str]:
        return [bytes(v).decode("utf-8", "replace") for v in tags.get(_ITUNES + name, [])]

    number = total = None
    positions = tags.get("trkn") or []
    if positions:
        number, total = (_int(str(v)) for v in positions[0])
    return Tags(
        title=_first(tags.get("\xa9nam", [])),
        artists=_clean(tags.get("\xa9ART", [])),
        album=_first(tags.get("\xa9alb", [])),
        composers=_clean(tags.get("\xa9wrt", [])),
        track_number=number,
        track_total=total,
        isrc=_isrc(free("ISRC")),
        recording_mbid=_one_id(free("MusicBrainz Track Id")),
        work_mbid=_one_id(free("MusicBrainz Work Id")),
        artist_mbids=_ids(free("MusicBrainz Artist Id")),
        release_mbid=_one_id(free("MusicBrainz Album Id")),
    )


# --- writing tags --------------------------------------------------------------------------


def _track_text(tags: Tags) -> str | None:
    if tags.track_number is None:
        return None
    if tags.track_total is None:
        return str(tags.track_number)
    return f"{tags.track_number}/{tags.track_total}"


def _write_id3(id3: Any, tags: Tags) -> None:
    def put(frame: Any) -> None:
        id3[frame.HashKey] = frame

    text_frames: list[tuple[Callable[..., Any], tuple[str, ...]]] = [
        (_ID3.TIT2, (tags.title,) if tags.title else ()),
        (_ID3.TPE1, tags.artists),
        (_ID3.TALB, (tags.album,) if tags.album else ()),
        (_ID3.TCOM, tags.composers),
        (_ID3.TSRC, (tags.isrc,) if tags.isrc else ()),
    ]
    for kind, values in text_frames:
        if values:
            put(kind(encoding=3, text=list(values)))
    track = _track_text(tags)
    if track:
        put(_ID3.TRCK(encoding=3, text=[track]))
    if tags.recording_mbid:
        put(_ID3.UFID(owner=_MB_UFID_OWNER, data=tags.recording_mbid.encode("ascii")))
    for desc, values in (
        ("MusicBrainz Work Id", (tags.work_mbid,) if tags.work_mbid else ()),
        ("MusicBrainz Artist Id", tags.artist_mbids),
        ("MusicBrainz Album Id", (tags.release_mbid,) if tags.release_mbid else ()),
    ):
        if values:
            put(_ID3.TXXX(encoding=3, desc=desc, text=list(values)))


def _write_vorbis(comments: Any, tags: Tags) -> None:
    pairs: list[tuple[str, tuple[str, ...]]] = [
        ("TITLE", (tags.title,) if tags.title else ()),
        ("ARTIST", tags.artists),
        ("ALBUM", (tags.album,) if tags.album else ()),
        ("COMPOSER", tags.composers),
        ("TRACKNUMBER", (str(tags.track_number),) if tags.track_number else ()),
        ("TRACKTOTAL", (str(tags.track_total),) if tags.track_total else ()),
        ("ISRC", (tags.isrc,) if tags.isrc else ()),
        ("MUSICBRAINZ_TRACKID", (tags.recording_mbid,) if tags.recording_mbid else ()),
        ("MUSICBRAINZ_WORKID", (tags.work_mbid,) if tags.work_mbid else ()),
        ("MUSICBRAINZ_ARTISTID", tags.artist_mbids),
        ("MUSICBRAINZ_ALBUMID", (tags.release_mbid,) if tags.release_mbid else ()),
    ]
    for key, values in pairs:
        if values:
            comments[key] = list(values)


def _write_mp4(mp4: Any, tags: Tags) -> None:
    def free(values: Iterable[str]) -> list[Any]:
        return [_MP4.MP4FreeForm(v.encode("utf-8")) for v in values]

    if tags.title:
        mp4["\xa9nam"] = [tags.title]
    if tags.artists:
        mp4["\xa9ART"] = list(tags.artists)
    if tags.album:
        mp4["\xa9alb"] = [tags.album]
    if tags.composers:
        mp4["\xa9wrt"] = list(tags.composers)
    if tags.track_number:
        mp4["trkn"] = [(tags.track_number, tags.track_total or 0)]
    for name, values in (
        ("ISRC", (tags.isrc,) if tags.isrc else ()),
        ("MusicBrainz Track Id", (tags.recording_mbid,) if tags.recording_mbid else ()),
        ("MusicBrainz Work Id", (tags.work_mbid,) if tags.work_mbid else ()),
        ("MusicBrainz Artist Id", tags.artist_mbids),
        ("MusicBrainz Album Id", (tags.release_mbid,) if tags.release_mbid else ()),
    ):
        if values:
            mp4[_ITUNES + name] = free(values)


__all__ = ["FORMATS", "AudioFile", "Tags", "format_of", "read", "write"]

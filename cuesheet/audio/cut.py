"""Cut one long recording at a CUE sheet's INDEX 01 points into tagged files, sample-exact.

Track *n* runs from its ``INDEX 01`` to the next track's (the last to the end
of the audio); audio before the first ``INDEX 01`` becomes a piece numbered 00,
as ``shnsplit`` does, so the pieces always join back into the whole.  A CD
frame is ``rate / 75`` samples (588 at 44.1 kHz, exact for every rate that is a
multiple of 75; other rates round to the nearest sample).

The pieces are decoded once, in order, and written one at a time (memory stays
near one read buffer).  Each is written under a temporary name, tagged with
:func:`metadata.tags.write` (title, artist, album, track number and total,
ISRC, MusicBrainz ids); when all are written they are renamed together (see
:class:`playlists.atomic.StagedFiles`), so a failure or an interrupt leaves no
piece and the old files as they were.  Temporary names are unique and created
exclusively.  File names are made safe by :func:`safe_name`; an existing file
is never replaced unless ``force``; no piece may replace an input.
"""

from __future__ import annotations

import itertools
import os
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from cuesheet.audio.ffmpeg import OUTPUT_FORMATS, Decoder, PcmFormat, find_ffmpeg, open_encoder
from cuesheet.errors import ExportError, InputError
from cuesheet.outputs.atomic import refuse_overwriting_inputs
from cuesheet.timing import timecode
from metadata import tags as audio_tags
from metadata.errors import MetadataError
from playlists.atomic import StagedFiles
from playlists.cue import format_msf
from playlists.errors import WriteError
from playlists.model import Playlist

_LOSSLESS = ("flac", "wav", "aiff")
_READ_SAMPLES = 65_536
_NAME_BYTES = 180
_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.IGNORECASE)
_MB = "https://musicbrainz.org/"


@dataclass(frozen=True, slots=True)
class Piece:
    """A track to cut out: where it starts and what to tag it with."""

    number: int
    """Track number, from 1 (0 for audio before the first track)."""
    start_frame: int
    """``INDEX 01`` in CD frames from the start of the recording."""
    title: str = ""
    performer: str = ""
    composers: tuple[str, ...] = ()
    isrc: str | None = None
    recording_mbid: str | None = None
    work_mbid: str | None = None


@dataclass(frozen=True, slots=True)
class SplitFile:
    """A piece written to disk."""

    path: str
    number: int
    start_sample: int
    """First sample of the piece in the recording."""
    samples: int
    """Length in samples."""


def safe_name(text: str, limit: int = _NAME_BYTES) -> str:
    """``text`` as one file name: no path separators, ``..``, control or reserved characters.

    Also no leading or trailing dots or spaces, at most ``limit`` bytes of
    UTF-8, never empty and never a reserved Windows device name.
    """
    text = unicodedata.normalize("NFC", text)
    text = "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in text)
    text = re.sub(r'[\\/:*?"<>|]', "_", text)
    text = re.sub(r"\.{2,}", ".", " ".join(text.split())).strip(" .")
    data = text.encode("utf-8")
    if len(data) > limit:
        text = data[:limit].decode("utf-8", "ignore").rstrip(" .")
    if not text or _RESERVED.match(text):
        text = "_" + text
    return text


def pieces_from_sheet(sheet: Playlist, path: str | None = None) -> tuple[Piece, ...]:
    """The pieces a (single-FILE) cue sheet describes, in order.

    A track without its own PERFORMER takes the sheet's.

    Raises :class:`InputError` for a sheet naming several files or with
    ``INDEX 01`` points that do not increase.
    """
    files = {entry.location for entry in sheet.entries}
    if len(files) > 1:
        raise InputError(
            f"the sheet names {len(files)} audio files; split needs a sheet of one file", path=path
        )
    if not sheet.entries:
        raise InputError("the sheet has no tracks", path=path)
    pieces: list[Piece] = []
    for number, entry in enumerate(sheet.entries, start=1):
        start = timecode.ms_to_cd_frames(entry.start_ms or 0)
        if pieces and start <= pieces[-1].start_frame:
            raise InputError(
                f"track {number} starts at {format_msf(start)}, not after track "
                f"{number - 1} ({format_msf(pieces[-1].start_frame)})",
                path=path,
            )
        cue = entry.cue
        pieces.append(
            Piece(
                number=number,
                start_frame=start,
                title=entry.title,
                performer=entry.creator or sheet.creator,
                composers=tuple(c.name for c in cue.credits if c.role == "composer") if cue else (),
                isrc=(cue.isrc or None) if cue else None,
                recording_mbid=_mbid(entry.identifiers, "recording"),
                work_mbid=_mbid(entry.identifiers, "work"),
            )
        )
    return tuple(pieces)


def _mbid(identifiers: Sequence[str], kind: str) -> str | None:
    prefix = f"{_MB}{kind}/"
    return next((i[len(prefix) :] for i in identifiers if i.startswith(prefix)), None)


def file_name(piece: Piece, ext: str) -> str:
    """``NN - Performer - Title.ext`` (parts that are empty left out), made safe."""
    if piece.number == 0:
        words = "00 - pregap"
    else:
        parts = [f"{piece.number:02d}", piece.performer, piece.title or f"Track {piece.number}"]
        words = " - ".join(p for p in parts if p)
    return safe_name(words, _NAME_BYTES - len(ext) - 1) + "." + ext


def split(
    audio: str | os.PathLike[str],
    pieces: Sequence[Piece],
    out_dir: str | os.PathLike[str],
    *,
    fmt: str | None = None,
    force: bool = False,
    album: str = "",
    ffmpeg: str | None = None,
    inputs: Sequence[str | os.PathLike[str]] = (),
) -> tuple[SplitFile, ...]:
    """Cut ``audio`` at ``pieces``' starts into ``out_dir``; returns what was written, in order.

    ``fmt`` is one of :data:`cuesheet.audio.ffmpeg.OUTPUT_FORMATS`; by default the
    source's own format when it is lossless, else FLAC.  Raises
    :class:`InputError` for points outside the audio, :class:`ExportError` when
    a target exists (without ``force``) or cannot be written, and
    :class:`metadata.errors.TagError` when the recording cannot be read.
    """
    source = os.fspath(audio)
    info = audio_tags.read(source)
    kind = (fmt or (info.format if info.format in _LOSSLESS else "flac")).lower()
    if kind not in OUTPUT_FORMATS:
        raise InputError(f"cannot write {kind}: use one of {', '.join(OUTPUT_FORMATS)}")
    deep = (info.bits_per_sample or 16) > 16
    pcm = PcmFormat(info.sample_rate, info.channels, 4 if deep else 2)
    plan = _plan(pieces, info.samples, info.sample_rate, source)
    folder = os.fspath(out_dir)
    targets = [os.path.join(folder, file_name(piece, kind)) for piece, _ in plan]
    if len(set(targets)) != len(targets):
        raise InputError("two tracks would get the same file name", path=source)
    existing = [t for t in targets if os.path.lexists(t)]
    if existing and not force:
        more = f" (and {len(existing) - 1} more)" if len(existing) > 1 else ""
        raise ExportError(f"exists{more}; use --force to replace", path=existing[0])
    refuse_overwriting_inputs(targets, [source, *inputs])
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as error:
        raise ExportError(f"cannot create: {error.strerror}", path=folder, cause=error) from error
    exe = find_ffmpeg(ffmpeg)
    total = sum(1 for piece, _ in plan if piece.number > 0)
    written: list[SplitFile] = []
    try:
        with StagedFiles() as staged:
            with Decoder(exe, source, pcm) as decoder:
                for (piece, length), target in zip(plan, targets, strict=True):
                    start = decoder.samples_read
                    partial = os.fspath(staged.stage(target, suffix=f".part.{kind}"))
                    count = _write_piece(decoder, length, partial, kind, pcm, exe, target)
                    if count == 0:
                        raise InputError(
                            f"track {piece.number} starts after the end of the audio", path=source
                        )
                    _tag(partial, piece, album, total, target)
                    written.append(SplitFile(target, piece.number, start, count))
            staged.commit()  # every piece, or none
    except WriteError as error:
        raise ExportError(error.message, path=error.path, cause=error) from error
    return tuple(written)


def _plan(
    pieces: Sequence[Piece], samples: int | None, rate: int, source: str
) -> list[tuple[Piece, int | None]]:
    """(piece, length in samples or None for "to the end"), with a piece 00 when needed."""
    if not pieces:
        raise InputError("no tracks to cut", path=source)
    ordered = list(pieces)
    starts = [timecode.cd_frames_to_samples(p.start_frame, rate) for p in ordered]
    if starts[0] > 0:
        ordered.insert(0, Piece(number=0, start_frame=0, title="pregap"))
        starts.insert(0, 0)
    for piece, start, before in zip(ordered[1:], starts[1:], starts, strict=False):
        if start <= before:
            raise InputError(f"track {piece.number} does not start after the one before it")
    if samples is not None and starts[-1] >= samples:
        last = ordered[-1]
        end = timecode.samples_to_cd_frames(samples, rate)
        raise InputError(
            f"track {last.number} starts at {format_msf(last.start_frame)}, at or after "
            f"the end of the audio ({format_msf(end)})",
            path=source,
        )
    lengths: list[int | None] = [b - a for a, b in itertools.pairwise(starts)]
    return list(zip(ordered, [*lengths, None], strict=True))


def _write_piece(
    decoder: Decoder,
    length: int | None,
    partial: str,
    kind: str,
    pcm: PcmFormat,
    exe: str,
    target: str,
) -> int:
    """Copy ``length`` samples (or the rest) from the decoder into a new file ``partial``.

    Errors name ``target``, the file ``partial`` becomes.
    """
    encoder = open_encoder(exe, partial, pcm, kind, name=target)
    count = 0
    try:
        while length is None or count < length:
            want = _READ_SAMPLES if length is None else min(_READ_SAMPLES, length - count)
            data = decoder.read(want)
            if not data:
                break
            encoder.write(data)
            count += len(data) // pcm.frame_bytes
        encoder.close()
    except BaseException:
        encoder.abort()
        raise
    return count


def _tag(partial: str, piece: Piece, album: str, total: int, target: str) -> None:
    """Tag the piece written to ``partial``; :class:`ExportError` naming ``target`` on failure."""
    if piece.number == 0:
        values = audio_tags.Tags(title="(pregap)", album=album or None)
    else:
        values = audio_tags.Tags(
            title=piece.title or None,
            artists=(piece.performer,) if piece.performer else (),
            album=album or None,
            composers=piece.composers,
            track_number=piece.number,
            track_total=total,
            isrc=piece.isrc,
            recording_mbid=piece.recording_mbid,
            work_mbid=piece.work_mbid,
        )
    try:
        audio_tags.write(partial, values)
    except MetadataError as error:
        raise ExportError(error.message, path=target, cause=error) from error


__all__ = ["Piece", "SplitFile", "file_name", "pieces_from_sheet", "safe_name", "split"]

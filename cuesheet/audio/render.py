"""Render cues into one audio file, one cue at a time, with a CUE sheet of its exact INDEX points.

Each cue's file is decoded by ffmpeg to PCM at the mix's rate and streamed
straight to the output; only the end of the mix that the next cue may
crossfade into is held back.  Memory therefore stays near one read buffer plus
one crossfade, and time grows with the length of the mix, not with the square
of the number of cues (which is what appending pydub segments would cost).

Placement, in samples of the mix (``spf`` = samples per CD frame, 588 at 44.1 kHz):

* a cue with ``gap_ms`` starts that much after the previous cue ends, rounded
  *up* to a whole CD frame;
* a cue with ``crossfade_ms`` starts that much before the previous cue ends,
  rounded *down* to a whole CD frame; over the overlap the previous audio fades
  out and the new one fades in, linearly, in steps of about a millisecond.

So every cue starts on a CD frame and the sheet's ``INDEX 01`` points are exact;
a gap or crossfade is at most 1/75 s longer than asked.  In show time
(:attr:`RenderItem.at_ms`, ``render --show-time``) a cue starts instead on the
CD frame nearest its planned start, silence filling the time before it, and a
cue running into the next such start is cut there.

A cue plays its file from ``in_ms`` for ``length_ms`` (exactly that many
samples, padded with silence if the file is shorter), or to the file's end;
its fades are linear within that length.  A cue without a file is silence of
its ``length_ms``.  The first cue's
crossfade is ignored (there is nothing to fade from).  Optional loudness
matching measures each cue's RMS level (a first decoding pass) and applies the
gain that brings it to the target; a lift stops when the peak reaches -0.1 dBFS.
pydub does the level measurement and the gain (its millisecond slicing is
avoided where samples count); it is imported only when rendering.
"""

from __future__ import annotations

import math
import os
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from cuesheet.audio.ffmpeg import (
    Decoder,
    Encoder,
    PcmFormat,
    find_ffmpeg,
    open_encoder,
    output_format,
)
from cuesheet.errors import ExportError, InputError
from cuesheet.model import Cue, CueKind, Role, Show
from cuesheet.outputs.atomic import refuse_overwriting_inputs
from cuesheet.paths import local_path
from cuesheet.timing import timecode
from cuesheet.timing.engine import Timing
from playlists.atomic import StagedFiles
from playlists.errors import WriteError
from playlists.model import Credit, CueData, Entry, Playlist
from playlists.textfile import not_a_file

MUSICBRAINZ = "https://musicbrainz.org"

RENDER_FORMATS = ("wav", "flac", "mp3")
"""What ``render`` writes."""

CHUNK_SAMPLES = 65_536
"""Samples read from a decoder at a time (256 KiB of 16-bit stereo)."""

Progress = Callable[[int, int], None]
"""``progress(cues_done, cues_total)``."""


@dataclass(frozen=True, slots=True)
class RenderItem:
    """One cue to render: its file, what the sheet says of it, and how it joins the previous."""

    path: str | None
    """The cue's audio file; ``None`` for a cue held as silence of ``length_ms``."""
    title: str = ""
    performer: str = ""
    gap_ms: int = 0
    """Silence before this cue, in milliseconds."""
    crossfade_ms: int = 0
    """Overlap with the previous cue, in milliseconds."""
    number: str = ""
    """Cue number, for messages and the sheet."""
    isrc: str | None = None
    recording_mbid: str | None = None
    composers: tuple[str, ...] = ()
    segment: str = ""
    """Title of the cue's segment, for messages."""
    source: str = ""
    """The show file (or list) the cue was written in, for messages about its gap or crossfade."""
    in_ms: int = 0
    """Where the cue starts in its file, in milliseconds."""
    length_ms: int | None = None
    """How much to play from ``in_ms``, in ms; ``None``: to the file's end.

    A file that runs out sooner is padded with silence, so the cue lasts exactly this long.
    """
    fade_in_ms: int = 0
    """Linear fade-in over the cue's first milliseconds."""
    fade_out_ms: int = 0
    """Linear fade-out over the cue's last milliseconds (needs ``length_ms``)."""
    at_ms: int | None = None
    """Show time: the cue's start in the mix, in ms from its beginning (placed on the nearest
    CD frame, in place of ``gap_ms``); a cue that would run past the next such start ends there."""


@dataclass(frozen=True, slots=True)
class PlacedCue:
    """Where a cue landed in the mix."""

    item: RenderItem
    start_sample: int
    """First sample of the cue in the mix (always on a CD frame)."""
    samples: int
    """Length of the cue's own audio, in samples at the mix rate."""
    gain_db: float = 0.0
    """Gain applied by loudness matching, in dB (0 when off)."""


@dataclass(frozen=True, slots=True)
class RenderResult:
    """The rendered mix."""

    path: str
    cue_paths: tuple[str, ...]
    """The CUE sheet, or sheets of 99 tracks each (``name-01.cue``...) for more cues."""
    pcm: PcmFormat
    samples: int
    """Length of the mix in samples."""
    cues: tuple[PlacedCue, ...]

    def start_frame(self, index: int) -> int:
        """Cue ``index``'s start in CD frames (exact)."""
        return timecode.samples_to_cd_frames(self.cues[index].start_sample, self.pcm.sample_rate)


def _pydub() -> Any:
    """pydub's AudioSegment and its audioop, imported quietly (it warns about ffprobe at import)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from pydub import audio_segment

    return audio_segment


def _align_up(sample: int, spf: int) -> int:
    return -(-sample // spf) * spf


def _label(item: RenderItem, index: int) -> str:
    cue = f"cue {item.number}" if item.number else f"cue #{index + 1}"
    if item.segment:
        return f"{item.segment} / {cue} {item.title!r}"
    return f"{cue} {item.title!r}" if item.title else cue


def _span(ms: int) -> str:
    """A duration as ``M:SS`` (:func:`timecode.format_rounded_duration`), ``.mmm`` if not whole."""
    seconds, rest = divmod(ms, 1000)
    return timecode.format_rounded_duration(seconds * 1000) + (f".{rest:03d}" if rest else "")


def _check(items: Sequence[RenderItem], source: str | None) -> None:
    if not items or all(item.path is None for item in items):
        raise InputError("nothing to render: no cue has an audio file", path=source)
    for index, item in enumerate(items):
        if item.gap_ms < 0 or item.crossfade_ms < 0:
            raise InputError(
                f"{_label(item, index)}: gap and crossfade cannot be negative",
                path=item.source or None,
            )
        if item.gap_ms and item.crossfade_ms and index > 0:
            raise InputError(
                f"{_label(item, index)}: has both a gap and a crossfade", path=item.source or None
            )
        if min(item.in_ms, item.fade_in_ms, item.fade_out_ms, item.length_ms or 0) < 0:
            raise InputError(
                f"{_label(item, index)}: in, length and fades cannot be negative",
                path=item.source or None,
            )
        if item.length_ms is None and (item.path is None or item.fade_out_ms):
            need = "a fade-out" if item.path else "silence"
            raise InputError(
                f"{_label(item, index)}: {need} needs the cue's length (give it a duration)",
                path=item.source or None,
            )
        if item.path is None:
            continue
        kind = not_a_file(item.path)
        if kind is not None:
            raise InputError(f"{_label(item, index)}: is {kind}, not a file", path=item.path)
        if not os.path.isfile(item.path):
            raise InputError(f"{_label(item, index)}: audio file not found", path=item.path)


def measure(ffmpeg: str, path: str, pcm: PcmFormat) -> tuple[float, float]:
    """(RMS level, peak level) of a file in dBFS, decoded as ``pcm`` (``-inf`` for silence)."""
    segment = _pydub().AudioSegment
    squares = 0.0
    count = 0
    peak = 0
    with Decoder(ffmpeg, path, pcm) as decoder:
        while chunk := decoder.read(CHUNK_SAMPLES):
            piece = segment(
                data=chunk,
                sample_width=pcm.sample_width,
                frame_rate=pcm.sample_rate,
                channels=pcm.channels,
            )
            values = len(chunk) // pcm.sample_width
            squares += float(piece.rms) ** 2 * values
            count += values
            peak = max(peak, int(piece.max))
    full_scale = float(1 << (8 * pcm.sample_width - 1))
    rms = math.sqrt(squares / count) if count else 0.0
    return _db(rms, full_scale), _db(float(peak), full_scale)


def _db(value: float, full_scale: float) -> float:
    return 20 * math.log10(value / full_scale) if value > 0 else -math.inf


HEADROOM_DB = 0.1
"""Loudness matching never lifts a cue's peak above this far under full scale."""


def gain_for(level_db: float, peak_db: float, target_db: float) -> float:
    """The gain (dB) bringing ``level_db`` to ``target_db``; a lift stops at -0.1 dBFS peak."""
    if math.isinf(level_db) or math.isinf(peak_db):
        return 0.0
    wanted = target_db - level_db
    if wanted <= 0:
        return wanted
    return max(0.0, min(wanted, -HEADROOM_DB - peak_db))


class _Mix:
    """The output and the end of the mix held back for a crossfade."""

    def __init__(self, encoder: Encoder, pcm: PcmFormat) -> None:
        self.encoder = encoder
        self.pcm = pcm
        self.position = 0
        """Samples in the mix so far (written plus held)."""
        self.held = bytearray()

    def append(self, data: bytes | bytearray, keep: int) -> None:
        """Add PCM at the end, then write out all but the last ``keep`` samples."""
        self.held += data
        self.position += len(data) // self.pcm.frame_bytes
        self.flush(keep)

    def silence(self, samples: int, keep: int) -> None:
        """Add ``samples`` of silence, a chunk at a time."""
        while samples > 0:
            size = min(samples, CHUNK_SAMPLES)
            self.append(bytes(size * self.pcm.frame_bytes), keep)
            samples -= size

    def flush(self, keep: int) -> None:
        excess = len(self.held) - keep * self.pcm.frame_bytes
        if excess > 0:
            with memoryview(self.held) as view:
                self.encoder.write(view[:excess])
            del self.held[:excess]

    @property
    def held_samples(self) -> int:
        return len(self.held) // self.pcm.frame_bytes


def _crossfade(tail: bytes, head: bytes, pcm: PcmFormat) -> bytes:
    """``tail`` fading out under ``head`` fading in (equal lengths), linear in ~1 ms steps."""
    pydub = _pydub()
    audioop = pydub.audioop
    width, frame = pcm.sample_width, pcm.frame_bytes
    total = len(tail) // frame
    step = max(1, pcm.sample_rate // 1000)
    out_tail, out_head = bytearray(), bytearray()
    for start in range(0, total, step):
        end = min(total, start + step)
        level = (start + end) / (2 * total)
        out_tail += audioop.mul(tail[start * frame : end * frame], width, 1.0 - level)
        out_head += audioop.mul(head[start * frame : end * frame], width, level)
    # audioop directly: pydub's overlay slices in whole milliseconds and would drop samples.
    return bytes(audioop.add(bytes(out_tail), bytes(out_head), width))


def _gained(data: bytes, gain_db: float, pcm: PcmFormat) -> bytes:
    if not gain_db:
        return data
    piece = _pydub().AudioSegment(
        data=data, sample_width=pcm.sample_width, frame_rate=pcm.sample_rate, channels=pcm.channels
    )
    return bytes(piece.apply_gain(gain_db).raw_data)


def render(
    items: Sequence[RenderItem],
    out: str | os.PathLike[str],
    *,
    fmt: str | None = None,
    pcm: PcmFormat | None = None,
    loudness_dbfs: float | None = None,
    ffmpeg: str | None = None,
    cue_path: str | os.PathLike[str] | None = None,
    title: str = "",
    performer: str = "",
    progress: Progress | None = None,
    inputs: Sequence[str | os.PathLike[str]] = (),
) -> RenderResult:
    """Join ``items`` into ``out`` (wav, flac or mp3) and write a CUE sheet at ``cue_path``.

    ``cue_path`` defaults to ``out`` with the extension ``.cue`` (more than 99
    cues make ``name-01.cue``, ``name-02.cue``...).  No output may be one of
    the items' files or of ``inputs`` (the show file): that is checked for every
    output before anything is written.  The mix and the sheets are written
    under temporary names beside them (created exclusively, claimed before
    rendering starts) and renamed together only when all are complete (see
    :class:`playlists.atomic.StagedFiles`), so a failure leaves no new file and
    an old one untouched.  Raises
    :class:`InputError` for unusable cues or sources, :class:`ExportError` when
    an output cannot be written (naming the output, never a temporary file).
    """
    target = os.fspath(out)
    kind = output_format(target, fmt)
    if kind not in RENDER_FORMATS:
        raise InputError(f"render writes {', '.join(RENDER_FORMATS)}, not {kind}", path=target)
    layout = pcm or PcmFormat()
    if layout.sample_width != 2 or layout.sample_rate % timecode.CD_FPS:
        raise InputError(f"the mix rate must be a multiple of 75 Hz, got {layout.sample_rate}")
    sheet = os.fspath(cue_path) if cue_path is not None else os.path.splitext(target)[0] + ".cue"
    _check(items, os.fspath(inputs[0]) if inputs else None)
    sheet_paths = _sheet_paths(sheet, len(items))
    if os.path.realpath(sheet) == os.path.realpath(target):
        raise InputError(f"the CUE sheet and the mix cannot both be {target}")
    # Every output against every input, before anything is written.
    refuse_overwriting_inputs(
        [target, *sheet_paths], [*inputs, *(i.path for i in items if i.path is not None)]
    )
    exe = find_ffmpeg(ffmpeg)
    try:
        with StagedFiles() as staged:
            # Every output's place is claimed first: one that cannot be written
            # stops the render before it starts, and nothing new is left behind.
            for path in (target, *sheet_paths):
                staged.stage(path)
            partial = os.fspath(staged.stage_of(target))
            encoder = open_encoder(exe, partial, layout, kind, name=target)
            try:
                placed, total = _stream(items, encoder, layout, exe, loudness_dbfs, progress)
                encoder.close()
            except BaseException:
                encoder.abort()
                raise
            result = RenderResult(target, (), layout, total, placed)
            sheets = _sheet_texts(sheet_for(result, title=title, performer=performer), sheet_paths)
            for path, text in sheets:
                staged.write_text(path, text)
            staged.commit()
    except WriteError as error:
        raise ExportError(error.message, path=error.path, cause=error) from error
    return replace(result, cue_paths=tuple(path for path, _ in sheets))


def _sheet_paths(sheet: str, cues: int) -> list[str]:
    """The sheet files for ``cues`` tracks: ``sheet``, or ``name-01.cue``... past 99."""
    from playlists import cue as cue_sheet

    count = max(1, -(-cues // cue_sheet.MAX_TRACKS))
    return [str(path) for path in cue_sheet.sheet_paths(sheet, count)]


def _sheet_texts(playlist: Playlist, paths: Sequence[str]) -> list[tuple[str, str]]:
    """(path, text) of each sheet of 99 tracks, one per path of :func:`_sheet_paths`."""
    from playlists import cue as cue_sheet

    parts = cue_sheet.split(playlist)
    return [(path, cue_sheet.dumps(part)) for path, part in zip(paths, parts, strict=True)]


class _CueAudio:
    """One cue's audio as the mix plays it: from its in point, for its length, with its fades.

    ``limit`` (samples) cuts the cue short, e.g. where the next cue's show-time start falls.
    """

    def __init__(
        self, item: RenderItem, exe: str, pcm: PcmFormat, gain: float, limit: int | None
    ) -> None:
        self.pcm = pcm
        self.gain = gain
        rate = pcm.sample_rate
        self.skip = timecode.ms_to_samples(item.in_ms, rate)
        self.total = (
            None if item.length_ms is None else timecode.ms_to_samples(item.length_ms, rate)
        )
        ends = [n for n in (self.total, limit) if n is not None]
        self.end = min(ends) if ends else None
        """Samples to give in all; ``None``: until the file ends."""
        self.fade_in = timecode.ms_to_samples(item.fade_in_ms, rate)
        self.fade_out = timecode.ms_to_samples(item.fade_out_ms, rate)
        self.given = 0
        """Samples handed to the mix so far."""
        self.eof = False
        self.decoder = Decoder(exe, item.path, pcm) if item.path is not None else None

    def read(self, samples: int) -> bytes:
        """Up to ``samples`` samples of the cue (fewer only at its end; ``b""`` after it)."""
        wanted = samples if self.end is None else min(samples, self.end - self.given)
        if wanted <= 0:
            return b""
        data = b""
        if self.decoder is not None and not self.eof:
            while self.skip > 0 and not self.eof:
                skipped = len(self.decoder.read(min(self.skip, CHUNK_SAMPLES)))
                self.skip -= skipped // self.pcm.frame_bytes
                self.eof = skipped == 0
            data = b"" if self.eof else self.decoder.read(wanted)
            self.eof = self.eof or len(data) < wanted * self.pcm.frame_bytes
        if self.end is not None and len(data) < wanted * self.pcm.frame_bytes:
            data += bytes(wanted * self.pcm.frame_bytes - len(data))  # a file shorter than asked
        data = _faded(_gained(data, self.gain, self.pcm), self.given, self)
        self.given += len(data) // self.pcm.frame_bytes
        return data

    @property
    def decoded(self) -> int:
        """Samples the file gave (0 for silence)."""
        return self.decoder.samples_read if self.decoder is not None else 0

    def __enter__(self) -> _CueAudio:
        return self

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        if self.decoder is None:
            return
        if kind is None and self.eof:
            self.decoder.close()  # read to its end: a decoding error is reported
        else:
            self.decoder.abort()  # stopped at the out point, or failing anyway


def _faded(data: bytes, first: int, audio: _CueAudio) -> bytes:
    """``data`` (starting ``first`` samples into the cue) under the cue's linear fades."""
    pcm = audio.pcm
    count = len(data) // pcm.frame_bytes
    fade_in, fade_out, total = audio.fade_in, audio.fade_out, audio.total
    in_fade = fade_in and first < fade_in
    out_fade = fade_out and total is not None and first + count > total - fade_out
    if not (in_fade or out_fade):
        return data
    audioop = _pydub().audioop
    step = max(1, pcm.sample_rate // 1000)
    out = bytearray()
    for start in range(0, count, step):
        end = min(count, start + step)
        middle = first + (start + end) / 2
        level = 1.0
        if fade_in and middle < fade_in:
            level = middle / fade_in
        if fade_out and total is not None and middle > total - fade_out:
            level = min(level, max(0.0, (total - middle) / fade_out))
        piece = data[start * pcm.frame_bytes : end * pcm.frame_bytes]
        out += piece if level >= 1.0 else audioop.mul(piece, pcm.sample_width, level)
    return bytes(out)


def _start(mix: _Mix, item: RenderItem, index: int) -> int:
    """The sample where ``item`` starts: its show-time start, or after its gap / into its fade."""
    pcm = mix.pcm
    spf = pcm.sample_rate // timecode.CD_FPS
    if item.at_ms is not None:
        frames = timecode.ms_to_cd_frames(item.at_ms)
        return timecode.cd_frames_to_samples(frames, pcm.sample_rate)
    if item.crossfade_ms and index:
        return (
            (mix.position - timecode.ms_to_samples(item.crossfade_ms, pcm.sample_rate)) // spf * spf
        )
    return _align_up(mix.position + timecode.ms_to_samples(item.gap_ms, pcm.sample_rate), spf)


def _overlap(
    mix: _Mix, item: RenderItem, index: int, audio: _CueAudio, start: int, keep: int
) -> None:
    """Cross-fade the cue's head with the end of the mix from ``start`` on."""
    pcm = mix.pcm
    overlap = mix.position - start
    if overlap > mix.held_samples:
        before = timecode.samples_to_ms(mix.position, pcm.sample_rate)
        raise InputError(
            f"{_label(item, index)}: a crossfade of {_span(item.crossfade_ms)} is "
            f"longer than the {_span(before)} of audio before it",
            path=item.source or item.path,
        )
    head = audio.read(overlap)
    if len(head) < overlap * pcm.frame_bytes:
        length = timecode.samples_to_ms(len(head) // pcm.frame_bytes, pcm.sample_rate)
        raise InputError(
            f"{_label(item, index)}: a crossfade of {_span(item.crossfade_ms)} is "
            f"longer than the cue ({_span(length)} of audio in {item.path})",
            path=item.source or item.path,
        )
    cut = len(mix.held) - len(head)
    mixed = _crossfade(bytes(mix.held[cut:]), head, pcm)
    del mix.held[cut:]
    mix.position -= overlap
    mix.append(mixed, keep)


def _stream(
    items: Sequence[RenderItem],
    encoder: Encoder,
    pcm: PcmFormat,
    exe: str,
    loudness_dbfs: float | None,
    progress: Progress | None,
) -> tuple[tuple[PlacedCue, ...], int]:
    spf = pcm.sample_rate // timecode.CD_FPS
    mix = _Mix(encoder, pcm)
    placed: list[PlacedCue] = []
    for index, item in enumerate(items):
        gain = 0.0
        if loudness_dbfs is not None and item.path is not None:
            gain = gain_for(*measure(exe, item.path, pcm), loudness_dbfs)
        following = items[index + 1] if index + 1 < len(items) else None
        fade = following.crossfade_ms if following else 0
        keep = 2 * spf + timecode.ms_to_samples(fade, pcm.sample_rate)
        start = _start(mix, item, index)
        limit = None
        if following is not None and following.at_ms is not None and not following.crossfade_ms:
            limit = max(0, _start(mix, following, index + 1) - start)  # a hard start cuts
        with _CueAudio(item, exe, pcm, gain, limit) as audio:
            if start < mix.position:
                _overlap(mix, item, index, audio, start, keep)
            else:
                mix.silence(start - mix.position, keep)
            while chunk := audio.read(CHUNK_SAMPLES):
                mix.append(chunk, keep)
        if item.path is not None and audio.eof and audio.decoded == 0:
            raise InputError(f"{_label(item, index)}: the file has no audio", path=item.path)
        placed.append(PlacedCue(item, start, audio.given, gain))
        if progress is not None:
            progress(index + 1, len(items))
    mix.flush(0)
    return tuple(placed), mix.position


@dataclass(frozen=True, slots=True)
class MissingAudio:
    """A cue that cannot be rendered for want of audio: it names no file, or one not there."""

    segment: str
    """The title of the cue's segment."""
    cue: Cue
    path: str | None = None
    """The local file the cue names, which does not exist; ``None`` when it names none."""

    @property
    def where(self) -> str:
        """``Segment / cue N 'Title'``."""
        return f"{self.segment} / cue {self.cue.number} {self.cue.title!r}"

    def __str__(self) -> str:
        return f"{self.where}: " + ("no file" if self.path is None else f"{self.path} not found")


def items_from_show(
    show: Show,
    base_dir: str | os.PathLike[str],
    *,
    source: str | os.PathLike[str] = "",
    timing: Timing | None = None,
    hold_missing: bool = False,
) -> tuple[list[RenderItem], list[MissingAudio]]:
    """The cues with audio as render items, in running order, and the cues without audio.

    Relative file paths are taken relative to ``base_dir`` (the show file's
    folder); ``source`` (the show file) is named in messages about a cue's
    gap or crossfade.  A cue without audio names no file, or a local file that does not
    exist.  Speech cues without a file are neither rendered nor reported.

    With ``timing`` (the show's :func:`cuesheet.timing.engine.compute`) the mix is in
    show time: every cue is an item placed at its front time from the show
    start, and cues without audio are held as silence of their planned length
    (those naming a missing file are reported, and no item is made unless
    ``hold_missing``, so the caller can refuse them first).
    """
    items: list[RenderItem] = []
    missing: list[MissingAudio] = []
    if timing is not None and not hold_missing:
        _, absent_or_silent = items_from_show(show, base_dir, source=source)
        absent = [m for m in absent_or_silent if m.path is not None]
        if absent:
            return [], absent
    for si, segment in enumerate(show.segments):
        for ci, cue in enumerate(segment.cues):
            where = f"{segment.title} / cue {cue.number} {cue.title!r}"
            try:
                path = None if cue.file is None else local_path(cue.file, base_dir)
            except InputError as error:
                raise InputError(
                    f"{where}: {error.message}", path=os.fspath(source) or None, cause=error
                ) from error
            kind = None if path is None else not_a_file(path)
            if kind is not None:
                raise InputError(
                    f"{where}: {path} is {kind}, not an audio file", path=os.fspath(source) or None
                )
            if path is not None and not os.path.isfile(path):
                missing.append(MissingAudio(segment.title, cue, path))
                path = None
            elif path is None and cue.kind is not CueKind.SPEECH:
                missing.append(MissingAudio(segment.title, cue))
            item = _item(cue, segment.title, path, os.fspath(source))
            if timing is not None:
                items.append(_in_show_time(item, cue, timing, si, ci))
            elif path is not None:
                items.append(item)
    if timing is not None:
        missing = [m for m in missing if m.path is not None]
    return items, missing


def _item(cue: Cue, segment: str, path: str | None, source: str) -> RenderItem:
    """A cue as a render item (``path``: its audio file, ``None`` for none)."""
    return RenderItem(
        path=path,
        title=cue.title,
        performer=" / ".join(cue.names(Role.PERFORMER) + cue.names(Role.CONDUCTOR)),
        gap_ms=cue.gap_ms,
        crossfade_ms=cue.crossfade_ms,
        number=cue.number,
        isrc=cue.ids.isrc,
        recording_mbid=cue.ids.recording_mbid,
        composers=cue.names(Role.COMPOSER),
        segment=segment,
        source=source,
        in_ms=cue.in_ms,
        length_ms=cue.duration_ms if cue.is_edited else None,
        fade_in_ms=cue.fade_in_ms,
        fade_out_ms=cue.fade_out_ms,
    )


def _in_show_time(item: RenderItem, cue: Cue, timing: Timing, si: int, ci: int) -> RenderItem:
    """``item`` placed where ``timing`` starts it, lasting its planned length."""
    front = timing.cue(si, ci).front_ms
    where = f"{item.segment} / cue {cue.number} {cue.title!r}"
    if front is None:
        raise InputError(
            f"{where}: its start is unknown (a cue before it has no duration), "
            "so it cannot be placed in show time",
            path=item.source or None,
        )
    if cue.duration_ms is None and item.path is None:
        raise InputError(
            f"{where}: has no audio and no duration, so it cannot be held as silence",
            path=item.source or None,
        )
    opens = ci == 0 and (si == 0 or timing.show.segments[si].at_ms is not None)
    return replace(
        item,
        at_ms=front - timing.show.start_ms,
        length_ms=cue.duration_ms,
        crossfade_ms=0 if opens else item.crossfade_ms,
    )


def missing_message(missing: Sequence[MissingAudio], shown: int = 5) -> str:
    """Why the cues in ``missing`` stop a render, naming the first ``shown`` and the remedy."""
    unnamed = [m for m in missing if m.path is None]
    absent = [m for m in missing if m.path is not None]
    parts = []
    if unnamed:
        parts.append(f"{len(unnamed)} cue(s) have no audio file: " + _listed(unnamed, shown))
    if absent:
        parts.append(f"audio file not found for {len(absent)} cue(s): " + _listed(absent, shown))
    if unnamed:
        remedy = "give --library, or --skip-missing to leave them out"
    else:
        remedy = "--skip-missing would leave them out"
    return "; ".join(parts) + f" ({remedy})"


def _listed(missing: Sequence[MissingAudio], shown: int) -> str:
    names = [m.where if m.path is None else f"{m.where}: {m.path}" for m in missing[:shown]]
    more = f" and {len(missing) - shown} more" if len(missing) > shown else ""
    return "; ".join(names) + more


def sheet_for(result: RenderResult, *, title: str = "", performer: str = "") -> Playlist:
    """The CUE sheet of a render as a playlist: one FILE (the mix), one track per cue.

    A track's duration is the distance to the next track's start (to the end
    of the mix for the last), as a player of the sheet sees it.
    """
    location = os.path.basename(result.path)
    rate = result.pcm.sample_rate
    entries = []
    for index, cue in enumerate(result.cues):
        item = cue.item
        frames = result.start_frame(index)
        following = result.cues[index + 1].start_sample if index + 1 < len(result.cues) else None
        end = following if following is not None else result.samples
        entries.append(
            Entry(
                location=location,
                title=item.title,
                creator=item.performer,
                start_ms=timecode.cd_frames_to_ms(frames),
                duration_ms=timecode.samples_to_ms(end - cue.start_sample, rate),
                identifiers=(f"{MUSICBRAINZ}/recording/{item.recording_mbid}",)
                if item.recording_mbid
                else (),
                cue=CueData(
                    number=item.number,
                    isrc=item.isrc or "",
                    credits=tuple(Credit(name, "composer") for name in item.composers),
                ),
            )
        )
    return Playlist(title=title, creator=performer, entries=tuple(entries))


__all__ = [
    "RENDER_FORMATS",
    "MissingAudio",
    "PlacedCue",
    "RenderItem",
    "RenderResult",
    "gain_for",
    "items_from_show",
    "local_path",
    "measure",
    "missing_message",
    "render",
    "sheet_for",
]

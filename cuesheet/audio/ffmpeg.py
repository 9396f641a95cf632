"""ffmpeg as a PCM pipe: find it, decode any audio file to raw PCM, encode raw PCM to a file.

ffmpeg is imageio-ffmpeg's static binary (``pip`` alone sets it up) unless the
caller names another one or the environment variable ``CUESHEET_FFMPEG`` does.
That binary comes without ffprobe, so formats are always passed explicitly.
PCM here is interleaved signed little-endian integers (16-bit, or 32-bit for
sources deeper than 16 bits).
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import wave
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import IO, Protocol

from cuesheet.errors import CueSheetError, ExportError, InputError

ENV_VAR = "CUESHEET_FFMPEG"
"""Environment variable naming the ffmpeg to use instead of imageio-ffmpeg's."""

OUTPUT_FORMATS: dict[str, tuple[str, ...]] = {
    "wav": ("-c:a", "pcm_s{bits}le", "-f", "wav"),
    "aiff": ("-c:a", "pcm_s{bits}be", "-f", "aiff"),
    "flac": ("-c:a", "flac", "-f", "flac"),
    "mp3": ("-c:a", "libmp3lame", "-q:a", "2", "-f", "mp3"),
}
"""Formats an :class:`Encoder` writes, with their ffmpeg options (``{bits}``: 16 or 24)."""


def find_ffmpeg(configured: str | None = None) -> str:
    """The ffmpeg executable: ``configured``, else ``$CUESHEET_FFMPEG``, else imageio-ffmpeg's.

    The one found is run once (``ffmpeg -version``) to make sure it is an ffmpeg
    that works, so that a broken one is blamed, not the files it fails to read.
    Raises :class:`ExportError` when the one asked for cannot be found or does not work.
    """
    wanted = configured or os.environ.get(ENV_VAR)
    if wanted:
        origin = "the ffmpeg given" if configured else f"the ffmpeg named by ${ENV_VAR}"
        found = shutil.which(wanted)
        if found is None:
            raise ExportError(f"{origin} is not an executable: {wanted}")
        _check_works(found, origin)
        return found
    try:
        import imageio_ffmpeg

        exe = str(imageio_ffmpeg.get_ffmpeg_exe())
    except (ImportError, RuntimeError) as error:
        raise ExportError(
            f"no ffmpeg: install imageio-ffmpeg or set ${ENV_VAR} ({error})", cause=error
        ) from error
    _check_works(exe, "imageio-ffmpeg's ffmpeg")
    return exe


VERSION_TIMEOUT_S = 20
"""How long ``ffmpeg -version`` may take before the ffmpeg is taken for broken, in seconds."""


@functools.lru_cache(maxsize=8)
def _check_works(exe: str, origin: str) -> None:
    """Raise :class:`ExportError` naming ``exe`` unless ``exe -version`` answers as ffmpeg."""
    try:
        done = subprocess.run(
            [exe, "-version"],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=VERSION_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        problem = f"'-version' did not answer within {VERSION_TIMEOUT_S} s"
        raise ExportError(f"{origin} does not work: {problem}", path=exe, cause=error) from error
    except OSError as error:
        problem = f"it cannot be run ({error.strerror or error})"
        raise ExportError(f"{origin} does not work: {problem}", path=exe, cause=error) from error
    if done.returncode != 0 or not done.stdout.startswith(b"ffmpeg version"):
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
        problem = (
            f"'-version' ended with status {done.returncode} ({said[0][:200]})"
            if done.returncode
            else "'-version' does not answer as ffmpeg does"
        )
        raise ExportError(f"{origin} does not work: {problem}", path=exe)


@dataclass(frozen=True, slots=True)
class PcmFormat:
    """Raw PCM layout: rate in Hz, channel count, bytes per sample (2 or 4)."""

    sample_rate: int = 44_100
    channels: int = 2
    sample_width: int = 2

    @property
    def frame_bytes(self) -> int:
        """Bytes of one sample for every channel."""
        return self.channels * self.sample_width

    @property
    def codec(self) -> str:
        """ffmpeg's name for this PCM."""
        return "pcm_s16le" if self.sample_width == 2 else "pcm_s32le"

    def raw_args(self) -> list[str]:
        """ffmpeg options describing this PCM on a pipe."""
        return ["-f", self.codec[4:], "-ar", str(self.sample_rate), "-ac", str(self.channels)]


def _tail(handle: IO[bytes], limit: int = 600, shown: tuple[str, str] | None = None) -> str:
    """The last lines ffmpeg wrote to its (temporary) stderr file.

    ``shown``: (path, name) -- ``path`` is replaced by ``name`` in the text (a
    temporary file is named as the file the user asked for).
    """
    handle.seek(0)
    text = handle.read().decode("utf-8", "replace").strip()
    if shown is not None and shown[0] != shown[1]:
        text = text.replace(shown[0], shown[1])
    lines = text.splitlines()[-3:]
    return " / ".join(line.strip() for line in lines)[-limit:] or "no message"


@functools.lru_cache(maxsize=1)
def _dies_with_parent() -> Callable[[], None] | None:
    """Linux: what an ffmpeg child runs before ``exec`` so the kernel kills it when we die.

    A cuesheet killed even by SIGKILL then leaves no ffmpeg behind.  ``None``
    (nothing to run) elsewhere or when ``prctl`` cannot be found.
    """
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        prctl = ctypes.CDLL(None).prctl
    except (OSError, AttributeError):
        return None

    def set_death_signal() -> None:
        prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG

    return set_death_signal


def _spawn(
    ffmpeg: str, args: list[str], *, pcm_in: bool
) -> tuple[subprocess.Popen[bytes], IO[bytes]]:
    """ffmpeg quietly running ``args``, with its stderr kept in a temporary file.

    ``pcm_in``: PCM goes in through its stdin (an encoder); else it comes out
    of its stdout (a decoder).
    """
    stderr = tempfile.TemporaryFile()  # noqa: SIM115 -- lives as long as the process
    try:
        process = subprocess.Popen(
            [ffmpeg, "-nostdin", "-hide_banner", "-v", "error", *args],
            stdin=subprocess.PIPE if pcm_in else subprocess.DEVNULL,
            stdout=subprocess.DEVNULL if pcm_in else subprocess.PIPE,
            stderr=stderr,
            preexec_fn=_dies_with_parent(),
        )
    except OSError as error:
        stderr.close()
        raise ExportError(f"cannot run ffmpeg: {error}", path=ffmpeg, cause=error) from error
    return process, stderr


def _wait(
    process: subprocess.Popen[bytes],
    stderr: IO[bytes],
    error: type[CueSheetError],
    message: str,
    path: str,
    name: str | None = None,
) -> None:
    """Wait for ffmpeg; when it failed, raise ``error`` with ``message`` and what ffmpeg said.

    The error names ``name`` (default ``path``), also where ffmpeg's text says ``path``.
    """
    code = process.wait()
    shown = name or path
    try:
        if code != 0:
            raise error(f"{message}: {_tail(stderr, shown=(path, shown))}", path=shown)
    finally:
        stderr.close()


def _create(path: str, name: str) -> IO[bytes]:
    """``path`` opened for writing (created or emptied); :class:`ExportError` naming ``name``."""
    try:
        return open(path, "wb")  # the caller closes it
    except OSError as error:
        raise ExportError(
            f"cannot write: {error.strerror or error}", path=name, cause=error
        ) from error


class Decoder:
    """One file's first audio stream as PCM, read in pieces; use as a context manager."""

    def __init__(self, ffmpeg: str, path: str, pcm: PcmFormat) -> None:
        self.path = path
        self.pcm = pcm
        self.samples_read = 0
        args = ["-i", path, "-map", "0:a:0", "-c:a", pcm.codec, *pcm.raw_args(), "-"]
        self._process, self._stderr = _spawn(ffmpeg, args, pcm_in=False)
        assert self._process.stdout is not None
        self._stdout = self._process.stdout

    def read(self, samples: int) -> bytes:
        """Up to ``samples`` samples (fewer only at the end; ``b""`` after it)."""
        data = self._stdout.read(samples * self.pcm.frame_bytes)
        self.samples_read += len(data) // self.pcm.frame_bytes
        return data

    def close(self) -> None:
        """Wait for ffmpeg; raise :class:`InputError` when it could not decode the file."""
        self._stdout.close()
        _wait(self._process, self._stderr, InputError, "ffmpeg cannot decode it", self.path)

    def abort(self) -> None:
        """Stop ffmpeg without looking at its outcome."""
        self._process.kill()
        self._stdout.close()
        self._process.wait()
        self._stderr.close()

    def __enter__(self) -> Decoder:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if kind is None:
            self.close()
        else:
            self.abort()


class Encoder(Protocol):
    """Where PCM goes: :meth:`write` pieces, then :meth:`close` (or :meth:`abort`)."""

    def write(self, data: bytes | bytearray | memoryview) -> None:
        """Append PCM (whole samples)."""

    def close(self) -> None:
        """Finish the file; raise :class:`ExportError` when it could not be written."""

    def abort(self) -> None:
        """Stop; the file is left for the caller to delete."""


class WaveEncoder:
    """16-bit WAV written by the standard library (no extra process for the commonest case).

    ``name`` is the file named in messages (default ``path``): the file the user
    asked for when ``path`` is a temporary one.
    """

    def __init__(self, path: str, pcm: PcmFormat, *, name: str | None = None) -> None:
        self.path = path
        self.name = name or path
        # Opened here, not by wave.open(path): a Wave_write whose own open failed
        # complains from its __del__ ("Exception ignored in ...") long after the error.
        self._file = _create(path, self.name)
        self._wave = wave.open(self._file, "wb")  # noqa: SIM115 -- closed by close()/abort()
        self._wave.setnchannels(pcm.channels)
        self._wave.setsampwidth(pcm.sample_width)
        self._wave.setframerate(pcm.sample_rate)

    def _failed(self, error: OSError) -> ExportError:
        return ExportError(f"cannot write: {error.strerror or error}", path=self.name, cause=error)

    def write(self, data: bytes | bytearray | memoryview) -> None:
        try:
            self._wave.writeframesraw(data)
        except OSError as error:
            raise self._failed(error) from error

    def close(self) -> None:
        try:
            self._wave.close()  # writes the header's lengths; leaves the file to us
            self._file.close()
        except OSError as error:
            self.abort()
            raise self._failed(error) from error

    def abort(self) -> None:
        with contextlib.suppress(OSError):
            self._wave.close()
        with contextlib.suppress(OSError):
            self._file.close()


class FfmpegEncoder:
    """Any of :data:`OUTPUT_FORMATS`, encoded by an ffmpeg reading PCM from a pipe."""

    def __init__(
        self, ffmpeg: str, path: str, pcm: PcmFormat, fmt: str, *, name: str | None = None
    ) -> None:
        self.path = path
        self.name = name or path
        """The file named in messages: the one the user asked for when ``path`` is a temporary."""
        if fmt not in OUTPUT_FORMATS:
            raise ExportError(
                f"cannot write {fmt!r} audio; known: {', '.join(OUTPUT_FORMATS)}", path=self.name
            )
        # Created here first, so a place that cannot be written is told plainly
        # (and by its name) before ffmpeg starts; ffmpeg then overwrites it (-y).
        _create(path, self.name).close()
        bits = "16" if pcm.sample_width == 2 else "24"
        options = [o.format(bits=bits) for o in OUTPUT_FORMATS[fmt]]
        if fmt == "flac" and pcm.sample_width == 4:
            options[2:2] = ["-sample_fmt", "s32", "-bits_per_raw_sample", "24"]
        args = [
            "-y",
            *pcm.raw_args(),
            "-i",
            "-",
            "-map_metadata",
            "-1",
            "-fflags",
            "+bitexact",
            "-flags:a",
            "+bitexact",
            *options,
            path,
        ]
        self._process, self._stderr = _spawn(ffmpeg, args, pcm_in=True)
        assert self._process.stdin is not None
        self._stdin = self._process.stdin

    def write(self, data: bytes | bytearray | memoryview) -> None:
        try:
            self._stdin.write(data)
        except BrokenPipeError as error:
            self._process.wait()
            message = _tail(self._stderr, shown=(self.path, self.name))
            raise ExportError(f"ffmpeg stopped: {message}", path=self.name, cause=error) from error

    def close(self) -> None:
        with contextlib.suppress(BrokenPipeError):
            self._stdin.close()
        _wait(
            self._process,
            self._stderr,
            ExportError,
            "ffmpeg cannot write it",
            self.path,
            self.name,
        )

    def abort(self) -> None:
        self._process.kill()
        with contextlib.suppress(BrokenPipeError):
            self._stdin.close()
        self._process.wait()
        self._stderr.close()


def open_encoder(
    ffmpeg: str, path: str, pcm: PcmFormat, fmt: str, *, name: str | None = None
) -> Encoder:
    """The encoder for ``fmt`` (one of :data:`OUTPUT_FORMATS`) writing ``path``.

    ``path`` is created at once (:class:`ExportError` when it cannot be).
    Errors name ``name`` (default ``path``): give the final file's name when
    ``path`` is a temporary file renamed at the end.
    """
    if fmt == "wav" and pcm.sample_width == 2:
        return WaveEncoder(path, pcm, name=name)
    return FfmpegEncoder(ffmpeg, path, pcm, fmt, name=name)


def output_format(path: str, fmt: str | None = None) -> str:
    """``fmt``, or the format named by ``path``'s extension; :class:`InputError` when unknown."""
    name = (fmt or os.path.splitext(path)[1].lstrip(".")).lower()
    name = {"aif": "aiff", "wave": "wav"}.get(name, name)
    if name not in OUTPUT_FORMATS:
        known = ", ".join(OUTPUT_FORMATS)
        raise InputError(
            f"cannot write {name or 'audio without an extension'}: use one of {known}", path=path
        )
    return name

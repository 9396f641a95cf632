"""Generated audio for tests: tones and constant levels of an exact sample count, via ffmpeg.

ffmpeg is imageio-ffmpeg's bundled binary (pip sets it up), so these helpers
need no Debian package.  Every file is written into a directory the test owns.
"""

from __future__ import annotations

import struct
import subprocess
from pathlib import Path

import imageio_ffmpeg

# Encoder options per extension; the container follows from the extension.
_CODECS: dict[str, list[str]] = {
    ".wav": ["-c:a", "pcm_s16le"],
    ".aiff": ["-c:a", "pcm_s16be"],
    ".aif": ["-c:a", "pcm_s16be"],
    ".flac": ["-c:a", "flac", "-sample_fmt", "s16"],
    ".mp3": ["-c:a", "libmp3lame", "-b:a", "128k"],
    ".ogg": ["-c:a", "libvorbis", "-q:a", "2"],
    ".opus": ["-c:a", "libopus", "-b:a", "64k"],
    ".m4a": ["-c:a", "aac", "-b:a", "128k"],
}


def ffmpeg() -> str:
    """The ffmpeg the tests use (imageio-ffmpeg's)."""
    return str(imageio_ffmpeg.get_ffmpeg_exe())


def _run(args: list[str]) -> None:
    subprocess.run([ffmpeg(), "-nostdin", "-v", "error", "-y", *args], check=True)


def make_audio(
    path: Path,
    samples: int,
    *,
    rate: int = 44100,
    channels: int = 2,
    expression: str = "0.3*sin(2*PI*440*t)",
) -> Path:
    """Write ``samples`` samples per channel of ``expression`` (an ffmpeg aevalsrc formula)."""
    codec = _CODECS[path.suffix.lower()]
    exprs = "|".join([expression] * channels)
    seconds = samples / rate + 1
    source = f"aevalsrc=exprs='{exprs}':s={rate}:d={seconds:.6f}"
    _run(["-f", "lavfi", "-i", source, "-af", f"atrim=end_sample={samples}", *codec, str(path)])
    return path


def make_tone(path: Path, samples: int, *, rate: int = 44100, frequency: int = 440) -> Path:
    """A stereo sine tone of ``samples`` samples."""
    return make_audio(path, samples, rate=rate, expression=f"0.3*sin(2*PI*{frequency}*t)")


def make_level(path: Path, samples: int, level: int, *, rate: int = 44100) -> Path:
    """A stereo constant of 16-bit value ``level`` (lossless formats keep it exactly)."""
    return make_audio(path, samples, rate=rate, expression=f"{level}/32768")


def decode(path: Path, *, rate: int | None = None, channels: int = 2) -> bytes:
    """The file decoded to interleaved signed 16-bit little-endian PCM."""
    args = [
        ffmpeg(),
        "-nostdin",
        "-v",
        "error",
        "-i",
        str(path),
        "-f",
        "s16le",
        "-ac",
        str(channels),
    ]
    if rate is not None:
        args += ["-ar", str(rate)]
    return subprocess.run([*args, "-"], check=True, capture_output=True).stdout


def decoded_samples(path: Path, *, rate: int | None = None, channels: int = 2) -> int:
    """How many samples per channel ffmpeg decodes from the file."""
    return len(decode(path, rate=rate, channels=channels)) // (2 * channels)


def left_channel(pcm: bytes) -> list[int]:
    """The left channel of interleaved 16-bit stereo PCM, as integers."""
    count = len(pcm) // 4
    return list(struct.unpack(f"<{count * 2}h", pcm[: count * 4])[0::2])

"""A small PNG reader for tests: 8-bit RGB or RGBA, not interlaced (what Chromium writes).

Stdlib only (zlib, struct), so checking a browser screenshot needs no imaging library.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass, field

_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True, slots=True)
class Image:
    """Decoded pixels: ``rows[y]`` holds ``width * channels`` bytes."""

    width: int
    height: int
    channels: int
    rows: tuple[bytes, ...] = field(repr=False)

    def pixel(self, x: int, y: int) -> tuple[int, int, int]:
        """The (r, g, b) of one pixel."""
        start = x * self.channels
        r, g, b = self.rows[y][start : start + 3]
        return r, g, b

    def colours(self, step: int = 1) -> set[tuple[int, int, int]]:
        """The distinct colours, sampling every ``step``-th pixel of every ``step``-th row."""
        found: set[tuple[int, int, int]] = set()
        for y in range(0, self.height, step):
            for x in range(0, self.width, step):
                found.add(self.pixel(x, y))
        return found


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def _unfilter(kind: int, line: bytearray, prior: bytes, bpp: int) -> bytes:
    if kind == 0:
        return bytes(line)
    if kind == 2:
        return bytes((x + b) & 0xFF for x, b in zip(line, prior, strict=True))
    for i in range(len(line)):
        a = line[i - bpp] if i >= bpp else 0
        if kind == 1:
            line[i] = (line[i] + a) & 0xFF
        elif kind == 3:
            line[i] = (line[i] + ((a + prior[i]) >> 1)) & 0xFF
        elif kind == 4:
            c = prior[i - bpp] if i >= bpp else 0
            line[i] = (line[i] + _paeth(a, prior[i], c)) & 0xFF
        else:
            raise ValueError(f"unknown PNG filter type {kind}")
    return bytes(line)


def read_png(data: bytes) -> Image:
    """Decode a PNG; raises ``ValueError`` for anything but 8-bit RGB/RGBA, non-interlaced."""
    if not data.startswith(_SIGNATURE):
        raise ValueError("not a PNG file")
    pos = len(_SIGNATURE)
    header: tuple[int, ...] = ()
    compressed = bytearray()
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        if (
            zlib.crc32(kind + body)
            != struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])[0]
        ):
            raise ValueError(f"bad CRC in {kind!r} chunk")
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            compressed += body
        elif kind == b"IEND":
            break
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace:
        raise ValueError(f"unsupported PNG: depth {depth}, colour type {colour}")
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(bytes(compressed))
    stride = width * channels
    rows: list[bytes] = []
    prior = bytes(stride)
    for y in range(height):
        start = y * (stride + 1)
        line = _unfilter(
            raw[start], bytearray(raw[start + 1 : start + 1 + stride]), prior, channels
        )
        rows.append(line)
        prior = line
    return Image(width, height, channels, tuple(rows))

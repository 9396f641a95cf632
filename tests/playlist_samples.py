"""Small playlists for the format tests, including a Sochi-like running order.

The Sochi sample is written from the facts of the 2014 closing ceremony (Fisht
Olympic Stadium, 23 February 2014, 20:14 MSK = UTC+4); durations and files are
invented for the tests.
"""

from __future__ import annotations

import wave
from dataclasses import replace
from pathlib import Path

from playlists.model import Credit, CueData, Entry, Playlist

SOCHI_START_UTC_MS = 1_393_172_040_000
"""2014-02-23T16:14:00Z, i.e. 20:14 in Sochi (UTC+4 that winter)."""

MB = "https://musicbrainz.org"


def _entry(
    segment: str,
    number: str,
    offset_s: int,
    duration_s: int,
    title: str,
    credits: tuple[Credit, ...],
    *,
    kind: str = "music",
    file: str | None = None,
    ids: tuple[str, ...] = (),
    isrc: str = "",
    iswc: str = "",
    usage: str = "",
) -> Entry:
    performers = [c.name for c in credits if c.role == "performer"]
    composers = [c.name for c in credits if c.role == "composer"]
    return Entry(
        location=file,
        title=title,
        creator=" / ".join(performers or composers),
        album="Closing ceremony, XXII Olympic Winter Games",
        duration_ms=duration_s * 1000,
        identifiers=ids,
        cue=CueData(
            segment=segment,
            number=number,
            kind=kind,
            start_utc_ms=SOCHI_START_UTC_MS + offset_s * 1000,
            credits=credits,
            isrc=isrc,
            iswc=iswc,
            usage=usage,
            duration_source="planned",
        ),
    )


def sochi() -> Playlist:
    """A handful of cues in the order of the ceremony, with credits, ids and odd characters."""
    composer = "composer"
    return Playlist(
        title="Sochi 2014 closing ceremony",
        creator="Fisht Olympic Stadium",
        date_ms=1_393_172_040_000,  # 2014-02-23T20:14:00+04:00
        timezone="Europe/Moscow",
        annotation="Running order for tests; durations are invented.",
        entries=(
            _entry(
                "Opening",
                "1",
                0,
                252,
                'Pictures at an Exhibition: "The Hut on Hen\'s Legs (Baba Yaga)"',
                (Credit("Modest Mussorgsky", composer),),
                file="audio/01 baba yaga.flac",
                usage="BI",
            ),
            _entry(
                "Flag and anthem",
                "2",
                252,
                190,
                "State Anthem of the Russian Federation",
                (Credit("Big Children's Choir", "performer"),),
                kind="anthem",
                file="audio/02 anthem.flac",
                usage="VV",
            ),
            _entry(
                "Mirror of the people",
                "3.1",
                442,
                605,
                "Piano Concerto No. 2",
                (
                    Credit("Sergei Rachmaninoff", composer),
                    Credit("Denis Matsuev", "performer"),
                ),
                file="audio/03 Рахманинов.flac",
                ids=(
                    f"{MB}/recording/2b1f6c0e-6d4b-4f2e-9a53-1c7c3d1f2a10",
                    f"{MB}/work/8f0c3c9a-4a9e-4d3c-b3e2-6e0b2b7d5c11",
                ),
                isrc="RUA011400001",
                iswc="T-900.000.001-5",
                usage="BI",
            ),
            _entry(
                "Handover to Pyeongchang",
                "4",
                1047,
                180,
                "Arirang",
                (Credit("Na Yoon-sun", "performer"), Credit("traditional", "arranger")),
                file="audio/04 아리랑.flac",
                usage="VV",
            ),
            _entry(
                "Farewell",
                "5",
                1227,
                214,
                "Goodbye, Moscow!",
                (Credit("Aleksandra Pakhmutova", composer),),
                usage="BV",
            ),
            _entry(
                "Farewell",
                "5.1",
                1441,
                201,
                "Goodbye, Sochi!",
                (
                    Credit("Igor Krutoy", composer),
                    Credit("Igor Nikolayev", composer),
                ),
                file="audio/06 goodbye, sochi.flac",
                usage="BV",
            ),
        ),
    )


def write_silence(path: Path, seconds: int = 2, rate: int = 44_100) -> Path:
    """A real 16-bit stereo WAV file of silence (for players that must open every entry)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(2)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(b"\0" * (4 * rate * seconds))
    return path


def with_wav_files(playlist: Playlist, root: Path, seconds: int = 2) -> Playlist:
    """The playlist with a ``.wav`` under ``root`` for every entry (made up where missing)."""
    entries = []
    for number, entry in enumerate(playlist.entries, start=1):
        name = entry.location or f"audio/{number:02d} untitled.flac"
        name = name.rsplit(".", 1)[0] + ".wav"
        write_silence(root / name, seconds)
        entries.append(replace(entry, location=name))
    return replace(playlist, entries=tuple(entries))

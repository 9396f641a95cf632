"""CUE sheets: frames, the text rule, the 99-track limit and split, readers we did not write."""

from __future__ import annotations

import gc
import json
import re
import subprocess
import warnings
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from playlists import cue, registry
from playlists.errors import (
    FormatLimitError,
    LenientReadWarning,
    LongTimeWarning,
    ParseError,
    TextChangedWarning,
)
from playlists.model import Credit, CueData, Entry, Playlist
from tests.playlist_samples import sochi, with_wav_files, write_silence
from tests.tools import require_tool


def _dumps(playlist: Playlist, **options: object) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TextChangedWarning)
        return cue.dumps(playlist, **options)  # type: ignore[arg-type]


def _with_files(playlist: Playlist) -> Playlist:
    return replace(
        playlist,
        entries=tuple(
            replace(e, location=e.location or "audio/05 goodbye moscow.flac")
            for e in playlist.entries
        ),
    )


# -- frames -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ms", "frames"),
    [(0, 0), (6, 0), (7, 1), (20, 2), (1000, 75), (4500, 338), (252_000, 18_900), (13, 1)],
)
def test_nearest_frame_halves_up(ms: int, frames: int) -> None:
    assert cue.ms_to_frames(ms) == frames


def test_frames_back_to_ms() -> None:
    assert [cue.frames_to_ms(f) for f in (0, 1, 2, 3, 75, 338)] == [0, 13, 27, 40, 1000, 4507]
    assert all(cue.ms_to_frames(cue.frames_to_ms(f)) == f for f in range(0, 10_000))


@pytest.mark.parametrize(
    ("text", "frames"), [("00:00:00", 0), ("01:02:03", 4653), ("120:00:74", 540074)]
)
def test_msf(text: str, frames: int) -> None:
    assert cue.parse_msf(text) == frames
    assert cue.format_msf(frames) == text


@pytest.mark.parametrize("text", ["00:60:00", "00:00:75", "1:2", "aa:bb:cc"])
def test_bad_msf(text: str) -> None:
    with pytest.raises(ValueError, match="mm:ss:ff"):
        cue.parse_msf(text)


# -- writing ----------------------------------------------------------------------------


def test_sheet_layout() -> None:
    text = _dumps(_with_files(sochi()))
    assert text.startswith(
        "REM DATE 2014-02-23\n"
        'REM COMMENT "Running order for tests; durations are invented."\n'
        'REM TIMEZONE "Europe/Moscow"\n'
        'PERFORMER "Fisht Olympic Stadium"\n'
        'TITLE "Sochi 2014 closing ceremony"\n'
        'FILE "audio/01 baba yaga.flac" WAVE\n'
        "  TRACK 01 AUDIO\n"
        "    TITLE \"Pictures at an Exhibition: 'The Hut on Hen's Legs (Baba Yaga)'\"\n"
        '    PERFORMER "Modest Mussorgsky"\n'
        '    SONGWRITER "Modest Mussorgsky"\n'
    )
    third = text[text.index("TRACK 03") : text.index("TRACK 04")]
    assert "    ISRC RUA011400001\n" in third
    assert '    SONGWRITER "Sergei Rachmaninoff"\n' in third
    assert "    INDEX 01 00:00:00\n" in third
    assert text.count("FILE ") == 6 and text.count("TRACK ") == 6


def test_text_rule_quotes_and_80_bytes() -> None:
    title = "Ä" * 50  # 100 bytes of UTF-8
    entry = Entry(location="a.wav", title=title, creator='Say "hi"\nthere')
    with pytest.warns(TextChangedWarning) as caught:
        text = cue.dumps(Playlist(entries=(entry,)))
    messages = [str(w.message) for w in caught]
    assert any("entry 1 TITLE: shortened from 100 to 80 bytes" in m for m in messages)
    assert any(
        "entry 1 PERFORMER: double quotes replaced" in m and "line breaks" in m for m in messages
    )
    written = re.search(r'    TITLE "(.*)"\n', text)
    assert written is not None
    assert len(written[1].encode()) <= 80 and written[1] == "Ä" * 38 + "…"
    assert "    PERFORMER \"Say 'hi' there\"\n" in text


@pytest.mark.parametrize("text", ["x" * 200, "Рахманинов " * 10, "아리랑 " * 20, 'a"b' * 40])
def test_fit_text_always_fits(text: str) -> None:
    fitted, changes = cue.fit_text(text)
    assert len(fitted.encode()) <= 80 and '"' not in fitted and changes


def test_file_name_with_a_quote_cannot_be_written() -> None:
    with pytest.raises(FormatLimitError, match="double quote"):
        cue.dumps(Playlist(entries=(Entry(location='say "hi".wav'),)))


def test_entry_without_file_needs_single_file() -> None:
    with pytest.raises(FormatLimitError, match=r"entry 5 \('Goodbye, Moscow!'\) has no file"):
        _dumps(sochi())


def test_single_file_places_entries_at_their_scheduled_start() -> None:
    text = _dumps(sochi(), single_file="show.flac")
    assert text.count("FILE ") == 1 and 'FILE "show.flac" WAVE\n' in text
    indexes = re.findall(r"INDEX 01 (\S+)", text)
    assert indexes == ["00:00:00", "04:12:00", "07:22:00", "17:27:00", "20:27:00", "24:01:00"]


def test_time_past_99_minutes_is_written_with_one_warning() -> None:
    entries = tuple(
        Entry(title=f"t{n}", start_ms=n * 50 * 60_000, duration_ms=50 * 60_000) for n in range(4)
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        text = cue.dumps(Playlist(entries=entries), single_file="mix.wav")
    assert "INDEX 01 100:00:00" in text and "INDEX 01 150:00:00" in text
    long = [w for w in caught if issubclass(w.category, LongTimeWarning)]
    assert len(long) == 1
    assert "entry 3" in str(long[0].message) and "cdrdao" in str(long[0].message)


def test_positions_inside_one_file() -> None:
    playlist = Playlist(
        entries=(
            Entry(location="a.wav", duration_ms=4500),
            Entry(location="a.wav", duration_ms=1000, pregap_ms=2000, index00_ms=4000),
            Entry(location="a.wav", start_ms=10_007, postgap_ms=1000),
            Entry(location="b.mp3"),
        )
    )
    text = cue.dumps(playlist)
    assert re.findall(r"(?:INDEX|PREGAP|POSTGAP|FILE).*", text) == [
        'FILE "a.wav" WAVE',
        "INDEX 01 00:00:00",
        "PREGAP 00:02:00",
        "INDEX 00 00:04:00",
        "INDEX 01 00:04:38",
        "INDEX 01 00:10:01",
        "POSTGAP 00:01:00",
        'FILE "b.mp3" MP3',
        "INDEX 01 00:00:00",
    ]


def test_unknown_start_inside_a_file() -> None:
    playlist = Playlist(entries=(Entry(location="a.wav"), Entry(location="a.wav", title="two")))
    with pytest.raises(FormatLimitError, match=r"entry 2 \('two'\): its start"):
        cue.dumps(playlist)


def test_going_back_in_a_file() -> None:
    playlist = Playlist(
        entries=(Entry(location="a.wav", start_ms=5000), Entry(location="a.wav", start_ms=1000))
    )
    with pytest.raises(FormatLimitError, match="starts before entry 1"):
        cue.dumps(playlist)


def _many(count: int) -> Playlist:
    return Playlist(
        title="Many",
        entries=tuple(
            Entry(location="long.wav", title=f"part {n}", duration_ms=1000) for n in range(count)
        ),
    )


def test_more_than_99_entries_is_an_error_that_says_so(tmp_path: Path) -> None:
    cue.dumps(_many(99))
    with pytest.raises(FormatLimitError, match="100 entries: a cue sheet holds at most 99"):
        cue.dumps(_many(100))
    with pytest.raises(FormatLimitError, match="split it into several sheets"):
        cue.dump(_many(100), tmp_path / "x.cue")
    assert list(tmp_path.iterdir()) == []


def test_split_keeps_positions(tmp_path: Path) -> None:
    sheets = cue.split(_many(250))
    assert [len(s.entries) for s in sheets] == [99, 99, 52]
    assert sheets[1].entries[0].start_ms == 99_000
    out = tmp_path / "many.cue"
    registry.get("cue").dump(_many(250), out, split=True)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["many-01.cue", "many-02.cue", "many-03.cue"]
    second = (tmp_path / "many-02.cue").read_text(encoding="utf-8")
    assert second.count("TRACK ") == 99 and "  TRACK 01 AUDIO\n" in second
    assert 'FILE "long.wav" WAVE\n  TRACK 01 AUDIO\n    TITLE "part 99"' in second
    assert "INDEX 01 01:39:00" in second
    back = cue.load(tmp_path / "many-03.cue")
    assert back.entries[0].start_ms == 198_000 and back.entries[-1].title == "part 249"


def test_split_of_a_short_playlist_writes_the_named_file(tmp_path: Path) -> None:
    cue.dump(_many(3), tmp_path / "short.cue", split=True)
    assert [p.name for p in tmp_path.iterdir()] == ["short.cue"]


# -- reading ----------------------------------------------------------------------------

FOREIGN = (
    "\ufeffrem GENRE Classical\r\n"
    "REM DATE 1999\r\n"
    'performer "Some Orchestra"\r\n'
    "TITLE Unquoted Album Title\r\n"
    'FILE "disc one.wav" WAVE\r\n'
    "  TRACK 01 AUDIO\r\n"
    '    TITLE "First"\r\n'
    "    INDEX 01 00:00:00\r\n"
    "  TRACK 02 AUDIO\r\n"
    '    TITLE "Second"\r\n'
    "    ISRC USRC17607839\r\n"
    '    SONGWRITER "A / B"\r\n'
    "    INDEX 00 03:58:00\r\n"
    "    INDEX 01 04:00:00\r\n"
    "  track 03 audio\r\n"
    "    pregap 00:02:00\r\n"
    "    index 01 05:00:37\r\n"
    "    POSTGAP 00:01:00\r\n"
    "FILE disc two.mp3 MP3\r\n"
    "  TRACK 04 AUDIO\r\n"
    "    FLAGS DCP\r\n"
    "    INDEX 01 00:00:00\r\n"
)


def test_reading_a_sheet_from_elsewhere() -> None:
    playlist = cue.loads(FOREIGN)
    # REM DATE 1999 is the CD's year, not a day the playlist plays
    assert (playlist.title, playlist.creator, playlist.date_ms) == (
        "Unquoted Album Title",
        "Some Orchestra",
        None,
    )
    first, second, third, fourth = playlist.entries
    assert (first.location, first.start_ms, first.duration_ms) == ("disc one.wav", 0, 238_000)
    assert (second.start_ms, second.index00_ms, second.duration_ms) == (240_000, 238_000, 60_493)
    assert second.cue == CueData(
        isrc="USRC17607839", credits=(Credit("A", "composer"), Credit("B", "composer"))
    )
    assert (third.start_ms, third.pregap_ms, third.postgap_ms, third.duration_ms) == (
        300_493,
        2000,
        1000,
        None,
    )
    assert (fourth.location, fourth.start_ms, fourth.title) == ("disc two.mp3", None, "")


def test_a_track_without_index_01_is_left_out_with_a_warning_naming_its_line() -> None:
    text = (
        'FILE "a.wav" WAVE\n  TRACK 01 AUDIO\n    INDEX 01 00:00:00\n'
        '  TRACK 02 MODE1/2352\n    TITLE "Data"\n    INDEX 00 03:00:00\n'
        "  TRACK 03 AUDIO\n    INDEX 05 04:00:00\n"
    )
    with pytest.warns(LenientReadWarning) as caught:
        playlist = cue.loads(text, path="rip.cue")
    assert [e.location for e in playlist.entries] == ["a.wav"]
    assert [str(w.message) for w in caught] == [
        "rip.cue:4: TRACK '02' has no INDEX 01 (a data track, or only a gap): left out",
        "rip.cue:7: TRACK '03' has no INDEX 01 (a data track, or only a gap): left out",
    ]


@pytest.mark.parametrize(
    ("text", "line", "what"),
    [
        ("TRACK 01 AUDIO\nINDEX 01 00:00:00\n", 1, "TRACK before any FILE"),
        ('FILE "a.wav" WAVE\nINDEX 01 00:00:00\n', 2, "INDEX outside a TRACK"),
        ('FILE "a.wav" WAVE\n  TRACK 01 AUDIO\n    INDEX 01 00:61:00\n', 3, "mm:ss:ff"),
        (
            'FILE "a.wav" WAVE\n TRACK 01 AUDIO\n  INDEX 01 02:00:00\n TRACK 02 AUDIO\n'
            "  INDEX 01 01:00:00\n",
            5,
            "INDEX 01 01:00:00 goes back before 02:00:00",
        ),
        ("sdfasf\nasdf\n", 1, "not a cue sheet: expected a command such as FILE"),
        ("\n\n", 1, "not a cue sheet"),
        ('FILE "a.wav" WAVE\n  TRACK 01 AUDIO\n    PREGAP soon\n', 3, "PREGAP"),
        ('FILE "a.wav" WAVE\nPOSTGAP 00:01:00\n', 2, "POSTGAP outside a TRACK"),
    ],
)
def test_bad_input_names_the_line(text: str, line: int, what: str) -> None:
    with pytest.raises(ParseError) as caught:
        cue.loads(text, path="bad.cue")
    assert caught.value.line == line
    assert str(caught.value).startswith(f"bad.cue:{line}: ")
    assert what in str(caught.value)


def test_cp1252_sheet_is_read(tmp_path: Path) -> None:
    path = tmp_path / "old.cue"
    path.write_bytes(
        'FILE "caf\xe9.wav" WAVE\n  TRACK 01 AUDIO\n    INDEX 01 00:00:00\n'.encode("latin-1")
    )
    assert cue.load(path).entries[0].location == "café.wav"


def test_round_trip() -> None:
    playlist = _with_files(sochi())
    back = cue.loads(_dumps(playlist))
    # CUE keeps the day: REM DATE 2014-02-23 is midnight in Moscow (UTC+4)
    assert (back.title, back.creator, back.timezone, back.annotation, back.date_ms) == (
        playlist.title,
        playlist.creator,
        playlist.timezone,
        playlist.annotation,
        1_393_099_200_000,
    )
    for before, after in zip(playlist.entries, back.entries, strict=True):
        assert after.title == cue.fit_text(before.title)[0]
        assert (after.location, after.creator, after.duration_ms, after.identifiers) == (
            before.location,
            before.creator,
            before.duration_ms,
            before.identifiers,
        )
        assert after.cue == before.cue


# -- programs we did not write ----------------------------------------------------------


def _cdrdao(sheet: Path) -> str:
    cdrdao = require_tool("cdrdao")
    result = subprocess.run(
        [cdrdao, "show-toc", sheet.name],
        cwd=sheet.parent,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def _cueprint(sheet: Path) -> str:
    cueprint = require_tool("cueprint")
    result = subprocess.run([cueprint, str(sheet)], capture_output=True, text=True, timeout=60)
    assert result.stderr == "", result.stderr
    return result.stdout


def test_cdrdao_and_cueprint_accept_the_sochi_sheet(tmp_path: Path) -> None:
    playlist = with_wav_files(sochi(), tmp_path, seconds=5)
    sheet = tmp_path / "sochi.cue"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TextChangedWarning)
        cue.dump(playlist, sheet)
    toc = _cdrdao(sheet)
    starts = re.findall(r"START\s+(\d\d:\d\d:\d\d)", toc)
    assert starts == ["00:00:00", "00:05:00", "00:10:00", "00:15:00", "00:20:00", "00:25:00"]
    assert "ISRC RU A01 14 00001" in toc
    printed = _cueprint(sheet)
    assert "title:\t\tPiano Concerto No. 2\n" in printed
    assert "perfomer:\tDenis Matsuev\n" in printed  # sic: cueprint's spelling


def test_cdrdao_reads_index_frames_of_a_single_file_sheet(tmp_path: Path) -> None:
    write_silence(tmp_path / "show.wav", seconds=15)
    playlist = Playlist(
        title="One file",
        entries=(
            Entry(title="a", start_ms=0, duration_ms=4500),
            Entry(title="b", duration_ms=4520),
            Entry(title="c", start_ms=9_020),
        ),
    )
    with pytest.raises(FormatLimitError):
        cue.dumps(playlist)
    sheet = tmp_path / "show.cue"
    sheet.write_text(
        cue.dumps(
            replace(
                playlist, entries=tuple(replace(e, location="show.wav") for e in playlist.entries)
            )
        ),
        encoding="utf-8",
    )
    toc = _cdrdao(sheet)
    frames = [int(f) for f in re.findall(r"START\s+\S+\(\s*(\d+)\)", toc)]
    assert frames == [0, 338, 677]  # 4.5 s -> 337.5 -> 338; 9.02 s -> 676.5 -> 677
    _cueprint(sheet)


def test_cueprint_accepts_odd_text_and_split_sheets(tmp_path: Path) -> None:
    odd = Playlist(
        title='A "quoted" title that goes on and on and on, well past eighty bytes of text, Ω',
        entries=(
            Entry(
                location="x.wav", title='He said "go"\n\tnow', creator="Ünïcødé", duration_ms=5000
            ),
            Entry(location="x.wav", title="아리랑 " * 30),
        ),
    )
    sheet = tmp_path / "odd.cue"
    with pytest.warns(TextChangedWarning):
        cue.dump(odd, sheet)
    printed = _cueprint(sheet)
    assert "title:\t\tHe said 'go'  now\n" in printed
    assert "title:\t\t" + "아리랑 " * 7 + "아리…\n" in printed
    cue.dump(_many(120), tmp_path / "many.cue", split=True)
    for part in ("many-01.cue", "many-02.cue"):
        _cueprint(tmp_path / part)


def test_shnsplit_cuts_where_the_sheet_says(tmp_path: Path) -> None:
    shnsplit = require_tool("shnsplit")
    write_silence(tmp_path / "show.wav", seconds=12)
    playlist = Playlist(
        entries=(
            Entry(location="show.wav", title="a", duration_ms=4500),
            Entry(location="show.wav", title="b", duration_ms=3007),
            Entry(location="show.wav", title="c"),
        )
    )
    sheet = tmp_path / "show.cue"
    cue.dump(playlist, sheet)
    (tmp_path / "out").mkdir()
    result = subprocess.run(
        [
            shnsplit,
            "-q",
            "-f",
            str(sheet),
            "-o",
            "wav",
            "-d",
            str(tmp_path / "out"),
            str(tmp_path / "show.wav"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        input="",
    )
    assert result.returncode == 0, result.stderr
    sizes = sorted((p.name, p.stat().st_size - 44) for p in (tmp_path / "out").iterdir())
    # 338 and 225 CD frames of 588 stereo 16-bit samples; the rest to the end.
    assert [s for _, s in sizes] == [338 * 588 * 4, 225 * 588 * 4, 12 * 44_100 * 4 - 563 * 588 * 4]


def test_mpv_reads_the_chapters(tmp_path: Path) -> None:
    mpv = require_tool("mpv")
    write_silence(tmp_path / "show.wav", seconds=8)
    playlist = Playlist(
        entries=(
            Entry(location="show.wav", title="Opening", duration_ms=2000),
            Entry(location="show.wav", title="Рахманинов", duration_ms=3000),
            Entry(location="show.wav", title='Goodbye, "Sochi"'),
        )
    )
    sheet = tmp_path / "show.cue"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TextChangedWarning)
        cue.dump(playlist, sheet)
    result = subprocess.run(
        [
            mpv,
            "--no-config",
            "--ytdl=no",
            "--ao=null",
            "--vo=null",
            "--end=0.01",
            "--term-status-msg=",
            "--term-playing-msg=JSON=${=chapter-list}",
            sheet.name,
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    line = next(x for x in result.stdout.splitlines() if x.startswith("JSON="))
    chapters = json.loads(line[5:])
    assert [(c["title"], round(c["time"], 3)) for c in chapters] == [
        ("Opening", 0.0),
        ("Рахманинов", 2.0),
        ("Goodbye, 'Sochi'", 5.0),
    ]


def test_deflacue_reads_our_sheet() -> None:
    parser = pytest.importorskip("deflacue.parser")
    text = _dumps(_with_files(sochi()))
    data = parser.CueParser([line.strip() for line in text.splitlines() if line.strip()]).run()
    assert [t.title for t in data.tracks] == [cue.fit_text(e.title)[0] for e in sochi().entries]


# -- properties -------------------------------------------------------------------------

_TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=120) | st.sampled_from(
    ['"quoted", with comma', "Рахманинов", "아리랑", "line\nbreak", "x" * 5000]
)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(_TEXT, _TEXT, st.none() | st.integers(0, 10**7)),
        min_size=1,
        max_size=6,
    ),
    _TEXT,
)
def test_property_round_trip_to_the_format_precision(
    rows: list[tuple[str, str, int | None]], title: str
) -> None:
    playlist = Playlist(
        title=title,
        entries=tuple(
            Entry(location=f"{n}.wav", title=t, creator=c, duration_ms=d)
            for n, (t, c, d) in enumerate(rows)
        ),
    )
    text = _dumps(playlist)
    assert all(len(v.encode()) <= 80 for v in re.findall(r'"([^"\n]*)"', text))
    back = cue.loads(text)
    assert back.title == cue.fit_text(title)[0]
    for before, after in zip(playlist.entries, back.entries, strict=True):
        assert after.title == cue.fit_text(before.title)[0]
        assert after.creator == cue.fit_text(before.creator)[0]
        expected = (
            None
            if before.duration_ms is None
            else cue.frames_to_ms(cue.ms_to_frames(before.duration_ms))
        )
        assert after.duration_ms == expected


def test_line_numbers_in_a_long_sheet() -> None:
    tracks = "".join(
        f'  TRACK {n:02d} AUDIO\n    TITLE "Track {n}"\n'
        f"    INDEX 01 {n // 60:02d}:{n % 60:02d}:00\n"
        for n in range(1, 20_001)
    )
    text = 'FILE "long.wav" WAVE\n' + tracks + "  TRACK 99 AUDIO\n    INDEX 01 00:99:00\n"
    assert len(text) > 4 * cue._SCAN
    with pytest.raises(ParseError) as caught:
        cue.loads(text, path="long.cue")
    assert caught.value.line == 60_003
    good = cue.loads(text.rsplit("  TRACK 99", 1)[0])
    assert len(good.entries) == 20_000 and good.entries[-1].title == "Track 20000"
    assert good.entries[-1].start_ms == 20_000 * 1000


def test_reading_leaves_the_garbage_collector_as_it_was() -> None:
    import gc

    text = _dumps(_with_files(sochi()))
    assert gc.isenabled()
    cue.loads(text)
    assert gc.isenabled()
    gc.disable()
    try:
        cue.loads(text)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_eac_noncompliant_gap_the_track_plays_the_file_of_its_index_01() -> None:
    text = (
        'FILE "01.wav" WAVE\n  TRACK 01 AUDIO\n    INDEX 01 00:00:00\n'
        '  TRACK 02 AUDIO\n    TITLE "Two"\n    INDEX 00 02:05:00\n'
        'FILE "02.wav" WAVE\n    INDEX 01 00:00:00\n'
    )
    one, two = cue.loads(text).entries
    assert (one.location, one.duration_ms) == ("01.wav", 125_000)
    assert (two.location, two.title, two.start_ms, two.index00_ms) == ("02.wav", "Two", None, None)


def test_title_and_performer_after_a_file_line_belong_to_the_next_track() -> None:
    text = (
        'TITLE "Disc"\nFILE "a.mp3" MP3\n  TRACK 01 AUDIO\n    TITLE "A1"\n    INDEX 01 00:00:00\n'
        'FILE "b.mp3" MP3\nPERFORMER "Artist Two"\nTITLE "Album Two"\n'
        '  TRACK 02 AUDIO\n    TITLE "B1"\n    INDEX 01 00:00:00\n'
    )
    playlist = cue.loads(text)
    assert playlist.title == "Disc"
    assert [(e.title, e.creator) for e in playlist.entries] == [("A1", ""), ("B1", "Artist Two")]


def test_what_eac_writes_beyond_the_model_survives_cue_to_cue() -> None:
    text = (
        "REM GENRE Alternative\nREM DATE 1987\nREM DISCID 350CAA15\n"
        'REM COMMENT "ExactAudioCopy v0.99pb4"\nREM COMPOSER "Black Francis"\n'
        'CATALOG 0000000000000\nSONGWRITER "Pixies"\nPERFORMER "Pixies"\nTITLE "Surfer Rosa"\n'
        'FILE "01.wav" WAVE\n  TRACK 01 AUDIO\n    TITLE "Bone Machine"\n    FLAGS DCP\n'
        "    REM REPLAYGAIN_TRACK_GAIN -7.05 dB\n    INDEX 01 00:00:00\n"
    )
    again = cue.loads(cue.dumps(cue.loads(text)))
    assert again == cue.loads(text)
    assert again.extras == (
        ("cue", "REM DATE 1987"),  # a CD's year: no day, so kept as written
        ("cue", "REM GENRE Alternative"),
        ("cue", "REM DISCID 350CAA15"),
        ("cue", 'REM COMPOSER "Black Francis"'),
        ("cue", "CATALOG 0000000000000"),
        ("cue", 'SONGWRITER "Pixies"'),
    )
    assert (again.date_ms, again.annotation) == (None, "ExactAudioCopy v0.99pb4")
    assert again.entries[0].extras == (
        ("cue", "FLAGS DCP"),
        ("cue", "REM REPLAYGAIN_TRACK_GAIN -7.05 dB"),
    )


def _line_by_line(text: str) -> str:
    """The same sheet with every command in lower case, which the reader takes line by line
    (its whole-track match wants the writer's upper case)."""
    return re.sub(r"^([ \t]*)([A-Z]+)", lambda m: m[1] + m[2].lower(), text, flags=re.MULTILINE)


def test_a_sheet_in_the_writers_layout_reads_as_it_does_line_by_line() -> None:
    text = _dumps(_with_files(sochi())) + _dumps(_with_files(sochi()), single_file="all.flac")
    whole = cue.loads(text)
    assert whole == cue.loads(_line_by_line(text))
    assert any(e.cue is not None and e.cue.credits for e in whole.entries)
    for entry in whole.entries:  # built without the dataclasses' __init__: equal all the same
        assert entry == replace(entry) and hash(entry) == hash(replace(entry))
        if entry.cue is not None:
            assert entry.cue == replace(entry.cue)
            assert all(c == replace(c) for c in entry.cue.credits)


def test_an_error_in_the_writers_layout_names_the_line_as_line_by_line() -> None:
    text = _dumps(_with_files(sochi()))
    bad = text.replace("REM START 2014-02-23T", "REM START 2014-02-30T", 1)
    bad = bad.replace("INDEX 01 00:00:00", "INDEX 01 00:00:75", 2)
    errors = []
    for sheet in (bad, _line_by_line(bad)):
        with pytest.raises(ParseError) as caught:
            cue.loads(sheet, path="show.cue")
        errors.append((str(caught.value).lower(), caught.value.line))
    assert errors[0] == errors[1] and errors[0][1] is not None


_RIPPED = (
    'FILE "a.wav" WAVE\n  TRACK 01 AUDIO\n    TITLE "One"\n    PERFORMER "X"\n'
    '    INDEX 01 00:00:00\n  TRACK 02 AUDIO\n    TITLE "Say "hi" now"\n'
    '    INDEX 01 01:00:00\n  TRACK 03 AUDIO\n    PERFORMER "Y"\n    INDEX 01 02:00:00\n'
    '  TRACK 04 AUDIO\n    TITLE ""\n    PERFORMER "P "" Q"\n    INDEX 01 03:00:00\n'
    '    REM GENRE Rock\nFILE "b"c.wav" WAVE\n  TRACK 05 AUDIO\n    INDEX 01 00:00:00\n'
    'FILE "d.flac" WAVE\n  TRACK 06 AUDIO\n    TITLE "Six"\n    INDEX 01 00:10:00\n'
    "  TRACK 07 AUDIO\n    INDEX 01 00:20:00\n"
)
"""A ripper's sheet: tracks the quick match reads between quotes inside values, a line
after a track, a FILE name with a quote; the last line end is left to each test."""


@pytest.mark.parametrize("end", ["", "\n"])
def test_a_rippers_sheet_reads_as_it_does_line_by_line(end: str) -> None:
    text = _RIPPED.rstrip("\n") + end
    read = cue.loads(text)
    assert read == cue.loads(_line_by_line(text))
    assert [e.title for e in read.entries] == ["One", "Say ", "", "", "", "Six", ""]
    assert read.entries[3].creator == "P " and read.entries[4].location == "b"
    assert read.entries[0].extras == () and read.entries[3].extras == (("cue", "REM GENRE Rock"),)


@pytest.mark.parametrize(
    "bad",
    ["    INDEX 01 00:00:75\n", "    INDEX 01 00:00:10\n", "    INDEX 01 00:0:00\n"],
)
def test_an_error_after_a_rippers_tracks_names_the_line_as_line_by_line(bad: str) -> None:
    text = _RIPPED + '  TRACK 08 AUDIO\n    TITLE "Eight"\n' + bad
    errors = []
    for sheet in (text, _line_by_line(text)):
        with pytest.raises(ParseError) as caught:
            cue.loads(sheet, path="rip.cue")
        errors.append((str(caught.value).lower(), caught.value.line))
    assert errors[0] == errors[1] and errors[0][1] == text.count("\n")


@pytest.mark.parametrize("piece", [1, 97, 1 << 20])
def test_a_file_read_in_pieces_reads_as_its_whole_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, piece: int
) -> None:
    """load reads a UTF-8 file a piece at a time (pieces cut anywhere a line ends here)."""
    monkeypatch.setattr(cue, "_PIECE", piece)
    text = _RIPPED + _dumps(_with_files(sochi()))
    text += _line_by_line(_dumps(_with_files(sochi()), single_file="all.flac"))
    text += '    REM GENRE Rock\n    POSTGAP 00:01:00\nFILE "end.wav" WAVE\n  TRACK 09 AUDIO\n'
    text += '    TITLE "Last"\n    INDEX 01 00:00:00\n    INDEX 01 00:00:10'  # no final line end
    path = tmp_path / "show.cue"
    for data in (text.encode(), text.replace("\n", "\r\n").encode()):
        path.write_bytes(data)
        assert cue.load(path) == cue.loads(text)
    assert cue.load(path).entries[-1].start_ms == 133  # the second INDEX 01 (10 frames)


@pytest.mark.parametrize("piece", [1, 1 << 20])
def test_what_names_a_line_says_it_as_the_whole_text_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, piece: int
) -> None:
    monkeypatch.setattr(cue, "_PIECE", piece)
    text = _dumps(_with_files(sochi()))
    path = tmp_path / "show.cue"
    skipped = text.replace("    INDEX 01 00:00:00\n", "", 1)
    path.write_text(skipped, encoding="utf-8")
    with pytest.warns(LenientReadWarning) as from_file:
        cue.load(path)
    with pytest.warns(LenientReadWarning) as from_text:
        cue.loads(skipped, str(path))
    assert [str(w.message) for w in from_file] == [str(w.message) for w in from_text]
    bad = text.replace("REM START 2014-02-23T", "REM START 2014-02-30T", 2)
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(ParseError) as caught:
        cue.load(path)
    assert caught.value.line == text[: text.index("  TRACK 01")].count("\n") + 1  # its TRACK
    with pytest.raises(ParseError) as whole:
        cue.loads(bad, str(path))
    assert str(caught.value) == str(whole.value)


def test_reading_leaves_what_the_program_froze_frozen(tmp_path: Path) -> None:
    path = tmp_path / "show.cue"
    path.write_text(_dumps(_with_files(sochi())), encoding="utf-8")
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert cue.load(path).entries
        assert gc.get_freeze_count() == frozen > 0
    finally:
        gc.unfreeze()

"""``cuesheet render``: the show's audio joined into one file, with a CUE sheet of its cues."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from cuesheet.cli.common import load, source_options
from cuesheet.cli.existing import existing_file
from cuesheet.cli.library import apply_libraries, library_options

if TYPE_CHECKING:
    from cuesheet.inputs.sources import SourceOptions
    from playlists.model import Playlist

EPILOG = """\b
Examples:
  cuesheet render examples/sochi-2014-closing.yaml --library ~/Music/sochi -o rehearsal.flac
  cuesheet render show.yaml -o mix.wav --loudness -18
  cuesheet render playlist.m3u8 -o mix.mp3 --cue chapters.cue
  cuesheet render show.yaml --show-time -o rehearsal.flac
\b
SOURCE is a show file, a music list, a JSON export or a playlist (m3u, m3u8,
xspf, csv, cue). Cues are joined in running order with the show file's
per-cue `gap` or `crossfade`; each cue starts on a CD frame (1/75 s), so the
CUE sheet written beside OUT (OUT with .cue) points at exact samples.
Cues without a file, or naming one that does not exist, are an error unless
--skip-missing (speech cues without a file are always skipped). A cue's `in`,
`out`, `fade_in` and `fade_out` (docs/show-file.md) cut and fade its file.

--show-time renders the show as `cuesheet timing` sees it: every cue starts
at its front time from the show start (on the nearest CD frame), cues without
audio are held as silence of their planned duration, a fixed time is silence
up to it (a cue running into it is cut there), and the CUE sheet names every
cue, audio or not.
ffmpeg: imageio-ffmpeg's, or --ffmpeg / $CUESHEET_FFMPEG.
"""


def _whole_files(playlist: Playlist, path: Path) -> None:
    """Refuse a playlist whose entries start inside their files: render plays whole files."""
    from cuesheet.errors import InputError

    inside = [e for e in playlist.entries if e.start_ms]
    if inside:
        raise InputError(
            f"render plays whole files, but {inside[0].title or inside[0].location!r} "
            "starts inside its file (to cut a recording, use cuesheet split)",
            path=path,
        )


@click.command(epilog=EPILOG)
@click.argument("source", type=existing_file())
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The mix: .wav, .flac or .mp3.",
)
@click.option(
    "--cue",
    "cue_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write the CUE sheet (default: OUT with .cue).",
)
@library_options
@click.option(
    "--loudness",
    type=float,
    default=None,
    metavar="DBFS",
    help="Bring every cue to this RMS level, e.g. -18 (peaks stay under -0.1 dBFS).",
)
@click.option(
    "--rate",
    type=click.Choice(["44100", "48000"]),
    default="44100",
    show_default=True,
    help="Sample rate of the mix in Hz.",
)
@click.option(
    "--skip-missing",
    is_flag=True,
    help="Leave out (with a warning) cues that have no file or name one that does not exist.",
)
@click.option(
    "--show-time",
    is_flag=True,
    help="Place every cue at its `timing` start; cues without audio are held as silence.",
)
@click.option("--ffmpeg", "ffmpeg", default=None, metavar="PATH", help="The ffmpeg to use.")
@click.option(
    "--no-resolve",
    "no_resolve",
    is_flag=True,
    help="Accepted as everywhere else; render never asks MusicBrainz (it needs files).",
)
@source_options
def render(
    source: Path,
    output: Path,
    cue_path: Path | None,
    libraries: tuple[Path, ...],
    index_path: Path | None,
    loudness: float | None,
    rate: str,
    skip_missing: bool,
    show_time: bool,
    ffmpeg: str | None,
    no_resolve: bool,
    reading: SourceOptions,
) -> None:
    """Render SOURCE's audio into one file with a CUE sheet of exact INDEX points."""
    from cuesheet.audio import render as rendering
    from cuesheet.audio.ffmpeg import PcmFormat
    from cuesheet.cli.progress import progress_bar
    from cuesheet.cli.warn import reported
    from cuesheet.errors import InputError
    from cuesheet.outputs.atomic import refuse_overwriting_input
    from cuesheet.timing.timecode import format_rounded_duration, samples_to_ms

    refuse_overwriting_input(output, source)
    if cue_path is not None:
        refuse_overwriting_input(cue_path, source)
    with reported():
        show = load(source, reading, playlist_rule=_whole_files)
        if libraries:
            show = apply_libraries(show, libraries, index_path)
        from cuesheet.enrich.filelengths import read_lengths

        # Real file lengths: show time places cues by them, fades and in points need them.
        show, _ = read_lengths(show, source.parent)  # missing files are reported below
        timing = None
        if show_time:
            from cuesheet.timing.engine import compute

            timing = compute(show)
        items, missing = rendering.items_from_show(
            show, source.parent, source=source, timing=timing, hold_missing=skip_missing
        )
        if missing and not skip_missing:
            raise InputError(rendering.missing_message(missing), path=source)
        for cue in missing:
            what = "held as silence" if show_time else "skipped"
            click.echo(f"cuesheet: warning: {source}: {what} {cue}", err=True)
        with progress_bar("Rendering") as progress:
            result = rendering.render(
                items,
                output,
                pcm=PcmFormat(int(rate), 2),
                loudness_dbfs=loudness,
                ffmpeg=ffmpeg,
                cue_path=cue_path,
                title=show.title,
                progress=progress,
                inputs=[source],
            )
    length = format_rounded_duration(samples_to_ms(result.samples, result.pcm.sample_rate))
    click.echo(
        f"wrote {result.path} ({len(result.cues)} cues, {length}) and "
        f"{', '.join(result.cue_paths)}",
        err=True,
    )

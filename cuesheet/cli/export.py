"""``cuesheet export``: a show or list -> JSON, CSV, M3U/M3U8, XSPF or CUE."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from cuesheet.cli.asrunoptions import log_timezone_option
from cuesheet.cli.common import enrich, enrich_options, load, source_options
from cuesheet.cli.existing import existing_file
from cuesheet.cli.progress import progress_bar

if TYPE_CHECKING:
    from cuesheet.enrich.pipeline import EnrichOptions
    from cuesheet.inputs.sources import SourceOptions
    from cuesheet.model import Show
    from cuesheet.outputs.registry import ExportFormat
    from cuesheet.timing.engine import Timing

EPILOG = """\b
Examples:
  cuesheet export examples/sochi-2014-closing.yaml -o sochi.csv
  cuesheet export examples/sochi-2014-closing.yaml -o rights.csv --format rights-csv
  cuesheet export examples/sochi-2014-closing.yaml -o - --format json
  cuesheet export examples/sochi-2014-closing.yaml -o rundown.xlsx
  cuesheet export examples/sochi-2014-closing.yaml -o sochi.log --format rivendell \\
      --carts examples/sochi-2014-carts.csv
  cuesheet export examples/sochi-2014-closing.yaml --as-run examples/sochi-2014-asrun.csv \\
      -o rights.csv --format rights-csv
  cuesheet export examples/sochi-2014-lists.txt --timezone Europe/Moscow \\
      --date 2014-02-23 --start 20:14 -o lists.json --no-resolve
\b
Formats: json, csv (running order), m3u, m3u8, xspf, cue;
rights sheets (docs/rights.md): rights-csv (generic), rights-rapidcue (xlsx),
rights-prs, rights-soundexchange;
show day (docs/playout.md): ontime (.xlsx), ontime-csv, mairlist (.tpi),
rivendell (needs --carts or `cart:` per cue), pdf and html (printable).
Relative audio paths in the show are relative to the show file; they are
rewritten so the exported playlist points at the same files.

Music and anthem cues without MusicBrainz identifiers are resolved first
(through the cache; see cuesheet resolve --help and docs/musicbrainz.md)
unless --no-resolve is given. When MusicBrainz is unreachable the file is
still written, with a warning.
"""


@click.command(epilog=EPILOG)
@click.argument("source", type=click.Path(path_type=Path))
@click.option(
    "-o", "--output", required=True, metavar="OUT", help="Output file, or - for standard output."
)
@click.option(
    "-f",
    "--format",
    "fmt",
    default=None,
    metavar="FORMAT",
    help="Output format (default: from OUT's extension; json for -).",
)
@click.option("--excel", is_flag=True, help="CSV: add a byte-order mark for spreadsheets.")
@click.option(
    "--all-cues",
    "all_cues",
    is_flag=True,
    help="Rights sheets: list every cue, not only music and anthems.",
)
@click.option(
    "--paths",
    type=click.Choice(["auto", "absolute", "relative"]),
    default="auto",
    show_default=True,
    help="M3U: how to write file locations (XSPF always writes absolute file:/// URIs).",
)
@click.option("--split", is_flag=True, help="CUE: more than 99 cues make several sheets.")
@click.option(
    "--placeholders",
    is_flag=True,
    help="M3U/XSPF/CUE: name a file for every music cue without one (07 - Performer - "
    "Title.flac) and list them on stderr: the files the audio team must deliver.",
)
@click.option(
    "--single-file",
    metavar="AUDIO",
    default=None,
    help="CUE: one FILE (e.g. a rehearsal mix) with every cue at its scheduled start.",
)
@click.option(
    "--carts",
    type=existing_file(),
    metavar="FILE",
    help="Rivendell: a CSV mapping cue numbers to cart numbers (columns cue, cart).",
)
@click.option(
    "--as-run",
    "as_run",
    type=existing_file(),
    metavar="LOG",
    help="Write what aired by this as-run log, with its timings (see docs/checks.md).",
)
@log_timezone_option
@enrich_options
@source_options
def export(
    source: Path,
    output: str,
    fmt: str | None,
    excel: bool,
    paths: str,
    split: bool,
    placeholders: bool,
    single_file: str | None,
    carts: Path | None,
    all_cues: bool,
    as_run: Path | None,
    log_timezone: str | None,
    enrichment: EnrichOptions,
    reading: SourceOptions,
) -> None:
    """Export SOURCE (a show file, a music list or an export) as a timed running order."""
    from cuesheet.outputs import registry
    from cuesheet.outputs.atomic import refuse_overwriting_input

    if fmt is None and output == "-":
        fmt = "json"
    target = registry.get(fmt) if fmt else registry.for_path(output)
    mismatch = registry.extension_mismatch(target, output) if output != "-" else None
    if mismatch:
        click.echo(f"cuesheet: warning: {mismatch}", err=True)
    if output != "-":
        refuse_overwriting_input(output, source, *([as_run] if as_run else []))
    if split and output == "-":
        raise click.UsageError("--split writes several files: give -o a file name")
    show = enrich(load(source, reading), enrichment, source)
    from cuesheet.enrich.musicbrainz import length_remarks

    for remark in length_remarks(show):
        click.echo(f"cuesheet: warning: {remark}", err=True)
    out_dir = Path(output).parent.resolve() if output != "-" else Path.cwd()
    folder = Path(os.path.relpath(out_dir, source.parent.resolve()))  # cue files: from the show
    show = _audio_for(
        show, target, folder, placeholders=placeholders, single_file=single_file, source=source
    )
    timing = None
    if as_run is not None:
        show, timing = _aired(show, as_run, log_timezone, enrichment, reading)
    given = {
        "excel": excel or None,
        "split": split or None,
        "single_file": single_file,
        "carts": carts,
        "base_dir": source.parent,
        "source": str(source),
        "all_cues": all_cues or None,
        "aired": as_run is not None or None,
    }
    chosen = {k: v for k, v in given.items() if v is not None and k in target.takes}
    write(
        show,
        target,
        output,
        base_dir=source.parent,
        paths=paths,
        options=chosen,
        timing=timing,
        placeholders=placeholders,
    )
    _warn_rights_gaps(show, target, chosen, timing)


def _aired(
    show: Show,
    as_run: Path,
    log_timezone: str | None,
    enrichment: EnrichOptions,
    reading: SourceOptions,
) -> tuple[Show, Timing]:
    """The show as it aired (``--as-run``), its extras credited as MusicBrainz shows them."""
    from cuesheet.asrun.show import as_run_show
    from cuesheet.timing.engine import compute

    show, timing = as_run_show(
        show,
        compute(show),
        as_run,
        load_show=load,
        log_timezone=log_timezone,
        encoding=reading.encoding,
    )
    if enrichment.musicbrainz is not None:  # extras get the roles MusicBrainz shows
        from cuesheet.asrun.extras import resolve_extras

        show, timing = resolve_extras(show, timing, enrichment.musicbrainz, progress=progress_bar)
    return show, timing


def _warn_rights_gaps(
    show: Show, target: ExportFormat, chosen: dict[str, Any], timing: Timing | None
) -> None:
    """For a rights sheet: say how many facts it lacks, and how to list them."""
    from cuesheet.outputs.registry import RIGHTS_PROFILES

    profile = RIGHTS_PROFILES.get(target.name)
    if profile is None:
        return
    from cuesheet.outputs.rightsgaps import completeness
    from cuesheet.timing.engine import compute

    lines = completeness(
        timing or compute(show),
        profile,
        all_cues=bool(chosen.get("all_cues")),
        aired=bool(chosen.get("aired")),
    )
    if not lines[-1].startswith("0 "):
        click.echo(
            f"cuesheet: warning: {lines[-1]}; "
            f"list them with: cuesheet check SOURCE --for {profile}",
            err=True,
        )


def _audio_for(
    show: Show,
    target: ExportFormat,
    folder: Path,
    *,
    placeholders: bool,
    single_file: str | None,
    source: Path,
) -> Show:
    """The show with placeholder files when asked; refused when a playlist would be empty."""
    from cuesheet.outputs.placeholders import require_audio, with_placeholders

    if placeholders:
        show, deliveries = with_placeholders(show, folder)
        if deliveries:
            click.echo(f"cuesheet: {len(deliveries)} files to deliver:", err=True)
        for delivery in deliveries:
            click.echo(f"  {delivery.file}", err=True)
    require_audio(show, target.name, single_file=single_file is not None, source=source)
    return show


def write(
    show: Show,
    target: ExportFormat,
    output: str,
    *,
    base_dir: Path,
    paths: str = "auto",
    options: dict[str, Any] | None = None,
    timing: Timing | None = None,
    placeholders: bool = False,
) -> None:
    """Write a show in an export format to ``output`` (``-`` for stdout), atomically.

    ``timing`` defaults to the show's computed timing (``--as-run`` passes the aired one).
    """
    from cuesheet.inputs import showjson
    from cuesheet.outputs.placeholders import require_every_file
    from cuesheet.outputs.playlist import to_playlist
    from cuesheet.timing.engine import compute
    from playlists import registry
    from playlists.locations import rebase

    if timing is None:
        timing = compute(show)
    if target.writer is not None:
        _write_output(target, timing, output, options or {})
        return
    if target.playlist_format is None:
        if output == "-":
            showjson.write(show, lambda text: click.echo(text, nl=False), timing)
        else:
            showjson.dump(show, output, timing)  # as it goes: never the whole text at once
        return
    out_dir = Path(output).parent if output != "-" else Path.cwd()
    playlist = rebase(
        to_playlist(show, timing), base_dir=base_dir, playlist_dir=out_dir, mode=paths
    )
    playlist, left_out = require_every_file(
        playlist,
        target.playlist_format,
        single_file=bool((options or {}).get("single_file")),
        placeholders=placeholders,
    )
    if left_out:
        click.echo(f"cuesheet: warning: {left_out}", err=True)
    writer = registry.get(target.playlist_format)
    all_options = {**target.fixed, **(options or {})}
    if output == "-":
        click.echo(writer.dumps(playlist, **all_options), nl=False)
    else:
        writer.dump(playlist, output, **all_options)


def _write_output(
    target: ExportFormat, timing: Timing, output: str, options: dict[str, Any]
) -> None:
    """Write a :mod:`cuesheet.outputs` format (text or bytes) to ``output`` or stdout."""
    from cuesheet.outputs import registry as exports
    from cuesheet.outputs.atomic import write_atomic, write_atomic_bytes

    data = exports.write(target, timing, options)
    if output == "-":
        if isinstance(data, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:
            click.echo(data, nl=False)
    elif isinstance(data, bytes):
        write_atomic_bytes(output, data)
    else:
        write_atomic(output, data)

"""``cuesheet resolve``: look a show's music up on MusicBrainz and fill in what it says."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from cuesheet.cli.common import bad_musicbrainz_setting, load, source_options
from cuesheet.cli.library import library_options
from cuesheet.cli.mboptions import musicbrainz_options

if TYPE_CHECKING:
    from cuesheet.enrich.musicbrainz import ResolveSettings
    from cuesheet.inputs.sources import SourceOptions

EPILOG = """\b
Examples:
  cuesheet resolve examples/sochi-2014-closing.yaml -o sochi-resolved.yaml
  cuesheet resolve examples/sochi-2014-lists.txt --json
  cuesheet resolve show.yaml --musicbrainz http://localhost:5000 --rate-limit 0 -o out.yaml
  cuesheet resolve show.yaml --offline --json
\b
Each music or anthem entry ends resolved (one confident match: work,
recording, artists, duration), ambiguous (up to five ranked candidates) or
unresolved. Durations from the named performer's recording are marked
"musicbrainz"; otherwise the median of the work's recordings, marked
"estimate". Answers are cached, so a second run asks nothing.
\b
Exit codes: 0 it ran (also with unresolved entries); 1 it could not run
(MusicBrainz unreachable and nothing cached, or a server that does not
answer like MusicBrainz); 2 bad input. With --offline, entries not in the
cache stay unresolved (exit 0) and one warning names the server a connected
run would ask.
"""

OUTPUT_KINDS = (".yaml", ".yml", ".json")


@click.command(epilog=EPILOG)
@click.argument("source", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    metavar="OUT",
    default=None,
    help="Write the show with identifiers, credits and durations: .yaml/.yml show file, "
    ".json export, or - for a show file on standard output.",
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array, one object per cue.")
@musicbrainz_options
@library_options
@source_options
def resolve(
    source: Path,
    output: str | None,
    as_json: bool,
    libraries: tuple[Path, ...],
    index_path: Path | None,
    musicbrainz: ResolveSettings,
    reading: SourceOptions,
) -> None:
    """Resolve SOURCE's music and anthems against MusicBrainz."""
    from cuesheet.cli.errors import CliError
    from cuesheet.cli.library import apply_libraries
    from cuesheet.enrich.musicbrainz import json_rows, offline_note, service_warning
    from cuesheet.outputs.atomic import refuse_overwriting_input

    if output is not None and output != "-":
        if not output.lower().endswith(OUTPUT_KINDS):
            raise click.BadParameter(
                f"{output!r}: write a show file (.yaml, .yml) or a JSON export (.json); "
                "cuesheet export writes playlists",
                param_hint="-o/--output",
            )
        refuse_overwriting_input(output, source)
    if as_json and output == "-":
        raise click.UsageError("--json and -o - would both write to standard output")
    from cuesheet.cli.progress import progress_bar
    from cuesheet.enrich.pipeline import resolve as resolve_show

    settings = replace(musicbrainz, retry_now=True)  # asked to resolve: ask, whatever was known

    show = load(source, reading)
    with bad_musicbrainz_setting():
        resolved = resolve_show(show, settings, progress=progress_bar, warn=False)
    looked_up = [r for r in resolved.results if r.resolution is not None]
    usable = [r for r in looked_up if r.resolution and r.resolution.status.value != "unresolved"]
    if resolved.not_musicbrainz:
        raise CliError(f"{resolved.warnings[0]} (check --musicbrainz)")
    if resolved.service_failed and looked_up and not usable:
        raise CliError(f"{resolved.warnings[0]}, and nothing is cached")
    message = service_warning(resolved)
    if message is not None:
        click.echo(f"cuesheet: warning: {message}", err=True)
    note = offline_note(resolved, settings.url) if settings.offline else None
    if note is not None:
        click.echo(f"cuesheet: warning: {note} ({_how_to_connect(source)})", err=True)
    resolved = replace(resolved, show=apply_libraries(resolved.show, libraries, index_path))
    if output is not None:
        _write(resolved.show, output)
    if as_json:
        click.echo(json.dumps(json_rows(resolved), ensure_ascii=False, indent=2))
    elif output != "-":
        for line in _report(resolved):
            click.echo(line)


def _how_to_connect(source: Path) -> str:
    """How to run resolve allowed to connect: without --offline, or overriding the setting."""
    import shlex

    command = f"cuesheet resolve {shlex.quote(str(source))}"
    ctx = click.get_current_context()
    if ctx.get_parameter_source("offline") is click.core.ParameterSource.DEFAULT_MAP:
        return (
            "offline comes from your settings (see cuesheet config); "
            f"CUESHEET_OFFLINE=0 {command} asks it"
        )
    return f"{command} without --offline asks it"


def _write(show: Any, output: str) -> None:
    from cuesheet.inputs import showfile, showjson
    from cuesheet.timing.engine import compute

    if output == "-":
        click.echo(showfile.dumps(show), nl=False)
    elif output.lower().endswith(".json"):
        showjson.dump(show, output, compute(show))
    else:
        showfile.dump(show, output)


def _report(resolved: Any) -> Iterator[str]:
    from cuesheet.timing.timecode import format_rounded_duration

    for result in resolved.results:
        cue, res = result.cue, result.resolution
        if res is None:
            status, found, note = "resolved", "", "already identified"
        else:
            status, found, note = res.status.value, res.title, res.note
        length = format_rounded_duration(cue.duration_ms) if cue.duration_ms is not None else "-"
        source = f" ({cue.duration_source.value})" if cue.duration_source else ""
        yield f"{cue.number:>5}  {status:<10} {length:>9}{source:<14} {cue.title}"
        details = [f"MusicBrainz: {found}"] if found and found != cue.title else []
        details += [note] if note else []
        if details:
            yield f"{'':7}{'; '.join(details)}"
    counts = {s: 0 for s in ("resolved", "ambiguous", "unresolved")}
    for result in resolved.results:
        key = result.resolution.status.value if result.resolution else "resolved"
        counts[key] += 1
    yield ", ".join(f"{n} {s}" for s, n in counts.items())

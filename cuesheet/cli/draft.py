"""``cuesheet draft``: a first show file from an event's article (and news reports)."""

from __future__ import annotations

from pathlib import Path

import click

EPILOG = """\b
Example:
  cuesheet draft article.txt report1.txt report2.txt -o show.yaml
  cuesheet draft article.txt | cuesheet timing - --no-resolve
"""


@click.command(epilog=EPILOG)
@click.argument("article", type=click.Path(path_type=Path))
@click.argument("reports", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Show file to write (default: standard output).",
)
@click.option("--actions", is_flag=True, help="Add stage actions from the prose as cues.")
@click.option(
    "--section",
    "sections",
    multiple=True,
    metavar="NAME",
    help="List heading to read (repeatable; default: Music and Anthems).",
)
def draft(
    article: Path,
    reports: tuple[Path, ...],
    output: Path | None,
    actions: bool,
    sections: tuple[str, ...],
) -> None:
    """Assemble a running order from ARTICLE, with REPORTs as further evidence.

    Every list entry is placed in the part of the ceremony whose prose mentions
    it; each cue's notes say how.  Entries placed only by their list order, or
    not at all, are listed on stderr.
    """
    from cuesheet.draft.build import draft as make_draft
    from cuesheet.outputs.atomic import refuse_overwriting_input, write_atomic

    if output is not None:
        refuse_overwriting_input(output, article, *reports)
    result = make_draft(article, reports, actions=actions, sections=sections or None)
    text = result.text()
    for placement in result.doubtful():
        part = result.parts[placement.part].title if placement.part is not None else "Not placed"
        click.echo(
            f"cuesheet: draft: {placement.method.value}: {placement.entry.item.text!r} -> {part}",
            err=True,
        )
    if output is None:
        click.echo(text, nl=False)
    else:
        write_atomic(output, text)

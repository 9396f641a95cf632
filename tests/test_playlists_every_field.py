"""Every reader returns whole values: each field of each entry, cue and credit is set.

The readers' hot paths build entries, cues and credits without the frozen
dataclasses' ``__init__`` (see ``playlists/_bulk.py``); a field added to the model
and forgotten there would leave a slot unset, and the value would fail only when
someone reads that field (``AttributeError``) or compares it.  This reads a
playlist written by each format and touches every field of what came back.
"""

from __future__ import annotations

from dataclasses import asdict

import pytest

from playlists import registry
from playlists.model import Credit, CueData, Entry, Playlist


def _playlist(count: int) -> Playlist:
    entries = tuple(
        Entry(
            location=f"/music/track {n:03d}.flac",
            title=f"Title {n}",
            creator="Performer",
            duration_ms=180_000 + n,
            start_ms=0,  # each in its own file, from its start (what CUE needs)
            cue=CueData(
                segment="Part one",
                number=str(n),
                kind="music",
                credits=(Credit("Composer", "composer"), Credit("Performer", "performer")),
                isrc="RUA011400001",
                usage="BV",
                duration_source="stated",
            ),
        )
        for n in range(1, count + 1)
    )
    return Playlist(title="Every field", entries=entries)


@pytest.mark.parametrize("name", ["m3u", "m3u8", "xspf", "cue", "json", "csv"])
def test_every_field_of_what_a_reader_returns_is_set(name: str) -> None:
    fmt = registry.get(name)
    back = fmt.loads(fmt.dumps(_playlist(40)))
    assert len(back.entries) == 40
    for entry in back.entries:
        fields = asdict(entry)  # reads every slot, nested cue and credits included
        assert fields["title"].startswith("Title ")
        assert entry == Entry(
            **{**fields, "cue": entry.cue, "identifiers": entry.identifiers, "extras": entry.extras}
        )
        if entry.cue is not None:
            assert entry.cue == CueData(**{**asdict(entry.cue), "credits": entry.cue.credits})
            for credit in entry.cue.credits:
                assert credit == Credit(**asdict(credit))

"""Roles from evidence: a list's guesses against what MusicBrainz shows (issue 11, item 1)."""

from __future__ import annotations

from cuesheet.enrich.credits import Evidence, corrected_credits
from cuesheet.enrich.musicbrainz import apply, length_disagreement
from cuesheet.model import Credit, Cue, DurationSource, MatchStatus, Role, RoleSource
from metadata.resolve import Credit as MBCredit
from metadata.resolve import Resolution, Status

GUESS, STATED, MB = RoleSource.CONVENTION, RoleSource.STATED, RoleSource.MUSICBRAINZ
COMPOSER, PERFORMER, LYRICIST = Role.COMPOSER, Role.PERFORMER, Role.LYRICIST


def test_a_singer_listed_as_composer_becomes_the_performer() -> None:
    credits = (Credit("Na Yoon-sun", COMPOSER, GUESS),)
    fixed = corrected_credits(
        credits, "Na Yoon-sun - Arirang", [Evidence("Youn Sun Nah", PERFORMER)]
    )
    assert fixed == (Credit("Na Yoon-sun", PERFORMER, MB),)


def test_a_band_in_a_music_list_becomes_the_performer_and_the_writers_are_added() -> None:
    credits = (Credit("Madness", COMPOSER, GUESS),)
    evidence = [
        Evidence("Chris Foreman", COMPOSER),
        Evidence("Cathal Smyth", COMPOSER),
        Evidence("Madness", PERFORMER),
    ]
    assert corrected_credits(credits, "Madness - Our House", evidence) == (
        Credit("Madness", PERFORMER, MB),
        Credit("Chris Foreman", COMPOSER, MB),
        Credit("Cathal Smyth", COMPOSER, MB),
    )


def test_a_writer_and_performer_gets_both_roles() -> None:
    credits = (Credit("Ed Sheeran", PERFORMER, GUESS),)
    evidence = [Evidence("Ed Sheeran", COMPOSER), Evidence("Ed Sheeran", PERFORMER)]
    assert corrected_credits(credits, "Ed Sheeran - Perfect", evidence) == (
        Credit("Ed Sheeran", COMPOSER, MB),
        Credit("Ed Sheeran", PERFORMER, MB),
    )


def test_writers_take_their_relation_type() -> None:
    credits = (Credit("Igor Krutoy", COMPOSER, GUESS), Credit("Igor Nikolayev", COMPOSER, GUESS))
    evidence = [Evidence("Igor Krutoy", COMPOSER), Evidence("Igor Nikolayev", LYRICIST)]
    assert corrected_credits(credits, "Igor Krutoy and Igor Nikolayev - T", evidence) == (
        Credit("Igor Krutoy", COMPOSER, MB),
        Credit("Igor Nikolayev", LYRICIST, MB),
    )


def test_a_name_musicbrainz_does_not_show_stays_a_guess() -> None:
    credits = (Credit("Big Choir", PERFORMER, GUESS), Credit("Small Choir", PERFORMER, GUESS))
    fixed = corrected_credits(
        credits, "Big Choir/Small Choir - T", [Evidence("Big Choir", PERFORMER)]
    )
    assert fixed == (Credit("Big Choir", PERFORMER, MB), Credit("Small Choir", PERFORMER, GUESS))


def test_a_stated_role_is_kept_and_what_musicbrainz_shows_is_added() -> None:
    credits = (Credit("Sting", PERFORMER, STATED),)
    evidence = [Evidence("Sting", COMPOSER)]
    assert corrected_credits(credits, "", evidence) == (
        Credit("Sting", PERFORMER, STATED),
        Credit("Sting", COMPOSER, MB),
    )
    confirmed = corrected_credits(credits, "", [Evidence("Sting", PERFORMER)])
    assert confirmed == (Credit("Sting", PERFORMER, MB),)


def test_the_same_person_in_the_same_role_is_credited_once() -> None:
    credits = (
        Credit("Na Yoon-sun", COMPOSER, GUESS),
        Credit("Sumi Jo", PERFORMER, STATED),
        Credit("Na Yoon-sun", PERFORMER, STATED),
    )
    fixed = corrected_credits(
        credits, "Na Yoon-sun - Arirang", [Evidence("Na Yoon-sun", PERFORMER)]
    )
    assert fixed == (Credit("Na Yoon-sun", PERFORMER, MB), Credit("Sumi Jo", PERFORMER, STATED))


def test_no_evidence_changes_nothing() -> None:
    credits = (Credit("Madness", COMPOSER, GUESS),)
    assert corrected_credits(credits, "Madness - Our House", []) == credits


# -- one act after all (item 3, with resolution)


def test_an_artist_of_the_whole_string_wins_over_splitting() -> None:
    credits = (Credit("Simon", PERFORMER, GUESS), Credit("Garfunkel", PERFORMER, GUESS))
    fixed = corrected_credits(
        credits, "Simon & Garfunkel - Mrs. Robinson", [Evidence("Simon & Garfunkel", PERFORMER)]
    )
    assert fixed == (Credit("Simon & Garfunkel", PERFORMER, MB),)


def test_an_alias_of_the_whole_string_wins_too() -> None:
    credits = (Credit("Krutoy", COMPOSER, GUESS), Credit("Nikolaev", COMPOSER, GUESS))
    evidence = [Evidence("Duo K.N.", PERFORMER, forms=("Krutoy & Nikolaev",))]
    fixed = corrected_credits(credits, "Krutoy & Nikolaev - T", evidence)
    assert fixed == (Credit("Krutoy & Nikolaev", PERFORMER, MB),)


def test_two_people_stay_two_when_musicbrainz_shows_two() -> None:
    credits = (Credit("Krutoy", COMPOSER, GUESS), Credit("Nikolaev", COMPOSER, GUESS))
    evidence = [Evidence("Igor Krutoy", COMPOSER), Evidence("Igor Nikolaev", LYRICIST)]
    fixed = corrected_credits(credits, "Krutoy & Nikolaev - T", evidence)
    assert fixed == (Credit("Krutoy", COMPOSER, MB), Credit("Nikolaev", LYRICIST, MB))


# -- apply: the resolution written back


def _resolution(**fields: object) -> Resolution:
    base: dict[str, object] = {
        "status": Status.RESOLVED,
        "score": 90,
        "work_mbid": None,
        "recording_mbid": "11111111-2222-3333-4444-555555555555",
        "title": "Our House",
        "duration_ms": 203_000,
        "duration_source": "musicbrainz",
        "credits": (MBCredit("Madness", "performer", "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"),),
    }
    base.update(fields)
    return Resolution(**base)  # type: ignore[arg-type]


def test_apply_corrects_roles_and_keeps_the_planned_duration() -> None:
    cue = Cue(
        "1",
        "Our House",
        credits=(Credit("Madness", COMPOSER, GUESS),),
        duration_ms=283_000,
        duration_source=DurationSource.PLANNED,
        source_text="Madness - Our House",
    )
    done = apply(cue, _resolution())
    assert done.credits == (Credit("Madness", PERFORMER, MB),)
    assert (done.duration_ms, done.duration_source) == (283_000, DurationSource.PLANNED)
    assert done.match is not None and done.match.status is MatchStatus.RESOLVED
    assert (done.match.duration_ms, done.match.duration_source) == (
        203_000,
        DurationSource.MUSICBRAINZ,
    )
    assert length_disagreement(done) == (
        "the MusicBrainz recording lasts 3:23, 1:20 shorter than the planned 4:43; the plan is kept"
    )
    assert length_disagreement(done, tolerance_ms=80_000) is None


def test_apply_fills_an_unknown_duration_and_says_nothing() -> None:
    cue = Cue("1", "Our House", credits=(Credit("Madness", PERFORMER, GUESS),))
    done = apply(cue, _resolution())
    assert (done.duration_ms, done.duration_source) == (203_000, DurationSource.MUSICBRAINZ)
    assert length_disagreement(done) is None


def test_an_estimate_is_not_a_disagreement() -> None:
    cue = Cue("1", "Our House", duration_ms=283_000, duration_source=DurationSource.PLANNED)
    done = apply(cue, _resolution(duration_source="estimate", recording_mbid=None))
    assert done.match is not None and done.match.duration_source is DurationSource.ESTIMATE
    assert length_disagreement(done) is None


def test_an_unresolved_entry_keeps_its_guesses() -> None:
    cue = Cue("1", "Our House", credits=(Credit("Madness", COMPOSER, GUESS),))
    done = apply(cue, Resolution(Status.AMBIGUOUS, 60, credits=_resolution().credits))
    assert done.credits == cue.credits


def test_a_role_stated_for_the_whole_list_gives_way_on_the_line() -> None:
    # `--role Setlist=composer` or `song:` states a convention for the list, not this cue
    credits = (Credit("Madness", COMPOSER, STATED), Credit("Suggs", PERFORMER, STATED))
    evidence = [Evidence("Chris Foreman", COMPOSER), Evidence("Madness", PERFORMER)]
    assert corrected_credits(credits, "Madness - Our House", evidence) == (
        Credit("Madness", PERFORMER, MB),
        Credit("Suggs", PERFORMER, STATED),  # a cue's own credit stays as written
        Credit("Chris Foreman", COMPOSER, MB),
    )

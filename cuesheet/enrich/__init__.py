"""Filling cues in: MusicBrainz resolution, library matching, audio file lengths."""

"""What cuesheet writes: the export registry, playlists from shows, tables, atomic writes."""

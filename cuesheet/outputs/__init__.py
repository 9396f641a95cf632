"""What cuesheet writes: the export registry, playlists from shows, tables, atomic writes,
and the show-day exports (Ontime, mAirList, Rivendell, the printable running order)."""

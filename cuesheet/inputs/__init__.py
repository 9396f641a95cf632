"""What cuesheet reads: show files, text lists, JSON shows, playlists as shows."""

"""Audio through ffmpeg: decode and encode PCM, render a mix, cut a recording."""

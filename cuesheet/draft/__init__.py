"""``cuesheet draft``: a first running order assembled from an event's own description."""

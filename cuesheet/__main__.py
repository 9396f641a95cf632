"""``python -m cuesheet``."""

from cuesheet.cli import main

main()

"""The optional C extension; everything else is configured in pyproject.toml.

``playlists._speedups`` (the hot loop of writing M3U) is built when a C compiler
is at hand; without one the build goes on and the pure-Python code is used.
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension("playlists._speedups", ["playlists/_speedups.c"], optional=True),
    ],
)

"""The resolution gold set: list lines of other real events and a catalogue for the test server."""

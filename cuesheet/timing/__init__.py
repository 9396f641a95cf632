"""The timing engine and the units of time: front/back timing, wall clocks, timecode."""

"""Outputs: writers of a timed show for other software and for people (issue 10's room)."""

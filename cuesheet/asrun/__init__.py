"""What aired: as-run values and logs, alignment with the plan, the aired show."""

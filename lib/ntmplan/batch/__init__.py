"""ntmplan.batch."""

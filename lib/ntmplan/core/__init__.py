"""ntmplan.core."""

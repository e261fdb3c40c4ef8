"""ntmplan.tasks."""

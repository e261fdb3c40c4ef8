"""ntmplan.notebook."""

"""ntmplan.survey."""

"""ntmplan.survey: the commune survey and its village rows (read, validate, units, forms)."""

from ntmplan.survey.villages import VILLAGE_COLUMNS, VILLAGE_FIELDS, load_villages

__all__ = ["VILLAGE_COLUMNS", "VILLAGE_FIELDS", "load_villages"]

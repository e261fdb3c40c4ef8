"""ntmplan.survey: the commune survey and its village rows (read, validate, units, forms).

Also the commune group of the 2026–2030 criteria (:func:`commune_groups`, Decision 51/2025/QĐ-TTg).
"""

from ntmplan.survey.groups import GROUP_COLUMNS, GROUP_LABELS_VI, commune_groups
from ntmplan.survey.villages import VILLAGE_COLUMNS, VILLAGE_FIELDS, load_villages

__all__ = [
    "GROUP_COLUMNS",
    "GROUP_LABELS_VI",
    "VILLAGE_COLUMNS",
    "VILLAGE_FIELDS",
    "commune_groups",
    "load_villages",
]

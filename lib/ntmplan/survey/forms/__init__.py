"""Per-commune forms: writing them, reading the returned ones, matching and merging them.

- :mod:`.writing` — ``ntmplan forms``: one locked, pre-filled form per commune
  (:func:`write_forms`, :func:`write_commune_form`, :func:`form_file_name`);
- :mod:`.sheets` — the table sheets shared by the forms and the merged survey;
- :mod:`.returns` — finding and reading the returned files (:func:`find_returns`,
  :func:`read_return`), plain forms fast through :mod:`.xlsx_cells`;
- :mod:`.batches` — validating many files at once with the survey's own rules;
- :mod:`.collect` — matching files to communes, conflicts, statuses, the merged tables
  (:func:`collect_returns`, :class:`Collection`);
- :mod:`.merge` — the merged survey workbook (:func:`write_merged_survey`);
- :mod:`.report` — the returns report (:func:`returns_tables`, :func:`write_returns_report`,
  :func:`format_returns`).
"""

from ntmplan.survey.forms.collect import PREFER, STATUS_LABELS, Collection, collect_returns
from ntmplan.survey.forms.merge import NOTE_SHEET, PARTIAL_TITLE, write_merged_survey
from ntmplan.survey.forms.report import format_returns, returns_tables, write_returns_report
from ntmplan.survey.forms.returns import ReturnedFile, find_returns, read_return
from ntmplan.survey.forms.writing import form_file_name, write_commune_form, write_forms

__all__ = [
    "NOTE_SHEET",
    "PARTIAL_TITLE",
    "PREFER",
    "STATUS_LABELS",
    "Collection",
    "ReturnedFile",
    "collect_returns",
    "find_returns",
    "form_file_name",
    "format_returns",
    "read_return",
    "returns_tables",
    "write_commune_form",
    "write_forms",
    "write_merged_survey",
    "write_returns_report",
]

"""``python -m ntmplan.survey.units``: print the provinces of the 2025 scheme."""

from ntmplan.survey.units.provinces import provinces_table_text

if __name__ == "__main__":  # pragma: no cover - convenience
    print(provinces_table_text("current"))

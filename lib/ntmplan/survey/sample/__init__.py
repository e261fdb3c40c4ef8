"""Illustrative survey data (dữ liệu minh họa) generated on real administrative units.

No public commune-level dataset exists, so the project ships a generated one:
real unit codes and names from :mod:`ntmplan.survey.units`, invented figures. Nothing
here is a survey result. The generator is deterministic: a numpy ``Generator``
with a fixed seed, rows in code order, categories in sorted order — the same
seed always gives the same frame and byte-identical CSV files.

How the figures are made (all assumptions of the illustration, not policy):

- Every legacy unit (10,040) gets a 2023 household count from its region
  (socio-economic region of its legacy province), whether it is upland, and
  its type. A 2025 unit's households are the sum over the legacy units that
  became it (split units shared by area), times a small growth factor; so the
  two samples are coherent when the legacy one is carried into 2025 units.
- A latent "digital readiness" score per 2025 unit combines the region (mountainous
  north and Central Highlands low; Red River and Mekong deltas and the south-east
  high), upland position (a distance-from-the-coast rule in the central
  provinces), nearness to Hà Nội, Hồ Chí Minh City, Đà Nẵng, Hải Phòng and
  Cần Thơ, a town share, a random province effect and commune noise. A legacy
  unit's 2023 score is its successor's score minus a shift plus noise.
- Every survey column is drawn from that score with simple logistic or Poisson
  rules that respect each cross-column rule of the survey table.

Regenerate with ``python -m ntmplan.survey.sample``.

Modules: :mod:`.assumptions` (seed, years, effects, coefficients), :mod:`.geography`
(regions, upland rule, city nearness), :mod:`.world` (latent features per seed),
:mod:`.draws` (the survey columns), :mod:`.columns` (columns by dtype),
:mod:`.generate` (the samples: 2025, 2023 legacy, further years 2024 and 2026), :mod:`.villages` (illustrative village rows of a few provinces),
:mod:`.files` (CSV bytes and the bundled files).
"""

from ntmplan.survey.sample.assumptions import DEFAULT_SEED, YEAR_CURRENT, YEAR_LEGACY
from ntmplan.survey.sample.columns import (
    BOOL_COLUMNS,
    FLOAT_COLUMNS,
    INT_COLUMNS,
    OPTIONAL_TEXT_COLUMNS,
    SURVEY_COLUMNS,
    TEXT_COLUMNS,
)
from ntmplan.survey.sample.files import csv_bytes, write_samples
from ntmplan.survey.sample.generate import (
    generate_legacy_sample,
    generate_more_years,
    generate_sample,
    generate_year,
)
from ntmplan.survey.sample.geography import (
    BORDER_LEGACY_PROVINCES,
    REGION_OF_LEGACY_PROVINCE,
    SAFE_ZONE_LEGACY_PROVINCES,
)
from ntmplan.survey.sample.villages import VILLAGE_PROVINCES, generate_villages, village_csv_bytes
from ntmplan.survey.sample.world import latent_world
from ntmplan.survey.schema import LABELS  # the survey schema's labels, re-exported

__all__ = [
    "BOOL_COLUMNS",
    "BORDER_LEGACY_PROVINCES",
    "DEFAULT_SEED",
    "FLOAT_COLUMNS",
    "INT_COLUMNS",
    "LABELS",
    "OPTIONAL_TEXT_COLUMNS",
    "REGION_OF_LEGACY_PROVINCE",
    "SAFE_ZONE_LEGACY_PROVINCES",
    "SURVEY_COLUMNS",
    "VILLAGE_PROVINCES",
    "TEXT_COLUMNS",
    "YEAR_CURRENT",
    "YEAR_LEGACY",
    "csv_bytes",
    "generate_legacy_sample",
    "generate_more_years",
    "generate_sample",
    "generate_villages",
    "generate_year",
    "latent_world",
    "village_csv_bytes",
    "write_samples",
]

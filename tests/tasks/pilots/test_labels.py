"""Tests for ntmplan.tasks.pilots.labels — every output column has a unique label."""

from __future__ import annotations

from ntmplan.tasks import pilots
from tests.tasks.pilots.fixtures import (
    commune,
    elig,
    survey,
)


class TestLabels:
    def test_unique_and_cover_outputs(self, params):
        # ntmplan.tasks.national inverts LABELS to read registration files back: labels must be unique.
        assert len(set(pilots.LABELS.values())) == len(pilots.LABELS)
        df = survey(commune("00001"), commune("00002", villages_4g=9))
        e = elig(df, params, "ecommerce_commune")
        ranked = pilots.rank_candidates(df, e, params)
        frames = [
            e,
            ranked,
            pilots.choose_pilots(ranked, params),
            pilots.gap_costs(df, e, params),
            pilots.registration_table(df, params),
            pilots.robustness(df, e, params),
            pilots.funnel(e),
        ]
        missing = {c for f in frames for c in f.columns if c not in pilots.LABELS}
        assert missing == set()

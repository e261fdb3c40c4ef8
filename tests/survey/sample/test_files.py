"""Tests for ntmplan.survey.sample.files: deterministic CSV bytes and the committed sample files."""

from __future__ import annotations

import pandas as pd
import pytest

from ntmplan.core import paths
from ntmplan.survey import sample as S


def tiny_frame() -> pd.DataFrame:
    """Two hand-made rows (out of order) to check the CSV format."""
    row = {c: 0 for c in S.SURVEY_COLUMNS}
    row.update(
        province_code="01",
        commune_code="00382",
        commune_name="Xã Kim Anh",
        unit_type="xã",
        year=2025,
        households=10,
        population=30,
        villages=1,
        officials=5,
        postal_point=True,
        radio_it=False,
        criterion_8_4=True,
        files_online_share=0.5,
        dx_demand=3,
        prominent_sector=None,
        ntm_level="dat_chuan",
        commune_category="other",
    )
    first = dict(
        row,
        commune_code="00376",
        commune_name="Xã Sóc Sơn",
        prominent_sector="trong_trot",
        files_online_share=1 / 3,
    )
    return pd.DataFrame([row, first])


class TestCsvBytes:
    def test_format(self):
        text = S.csv_bytes(tiny_frame()).decode("utf-8")
        lines = text.split("\n")
        assert "\r" not in text and text.endswith("\n")
        assert lines[0] == ",".join(S.SURVEY_COLUMNS)
        # rows sorted by commune code; yes/no → 1/0; share with 3 decimals; None → empty
        assert lines[1].startswith("01,00376,Xã Sóc Sơn,xã,2025,10,30,1,5,0,0,1,0,")
        assert ",0.333,1," in lines[1] and ",trong_trot," in lines[1]
        assert ",0.500,1," in lines[2] and ",0,,0,3,dat_chuan,other" in lines[2]

    def test_missing_column(self):
        with pytest.raises(KeyError, match="households"):
            S.csv_bytes(tiny_frame().drop(columns="households"))


class TestWriteSamples:
    def test_byte_identical_on_rewrite(self, tmp_path, file_hash):
        first = S.write_samples(tmp_path / "a")
        second = S.write_samples(tmp_path / "b")
        assert [p.name for p in first] == [
            paths.SAMPLE_SURVEY.name,
            paths.SAMPLE_LEGACY_SURVEY.name,
            paths.SAMPLE_MORE_YEARS_SURVEY.name,
            "khao_sat_2025_du_lieu_minh_hoa_thon.csv",
        ]
        assert [file_hash(p) for p in first] == [file_hash(p) for p in second]
        assert all(p.stat().st_size < 2_000_000 for p in first)

    def test_committed_files_are_up_to_date(self, current, legacy):
        assert paths.SAMPLE_SURVEY.read_bytes() == S.csv_bytes(current)
        assert paths.SAMPLE_LEGACY_SURVEY.read_bytes() == S.csv_bytes(legacy)
        assert paths.SAMPLE_MORE_YEARS_SURVEY.read_bytes() == S.csv_bytes(S.generate_more_years())

    def test_csv_reads_back_to_the_same_values(self, current):
        back = pd.read_csv(
            paths.SAMPLE_SURVEY,
            dtype={"province_code": str, "commune_code": str},
            keep_default_na=False,
        )
        assert back["commune_code"].tolist() == current["commune_code"].tolist()
        assert (back["households"].to_numpy() == current["households"].to_numpy()).all()
        assert (
            back["postal_point"].astype(bool).to_numpy() == current["postal_point"].to_numpy()
        ).all()
        assert (
            back["files_online_share"].to_numpy() == current["files_online_share"].to_numpy()
        ).all()

    def test_readme_says_illustrative(self):
        text = (paths.SAMPLE_DIR / "README.md").read_text(encoding="utf-8")
        assert "DỮ LIỆU MINH HỌA" in text and "ILLUSTRATIVE DATA" in text
        assert "python -m ntmplan.survey.sample" in text


@pytest.mark.slow  # pandera validation of ~10,000 rows takes a few seconds
class TestCommittedFilesValidate:
    @pytest.mark.parametrize(
        ("path", "scheme"),
        [
            (paths.SAMPLE_SURVEY, "current"),
            (paths.SAMPLE_LEGACY_SURVEY, "legacy"),
            (paths.SAMPLE_MORE_YEARS_SURVEY, "current"),
        ],
    )
    def test_no_problems(self, path, scheme):
        from ntmplan.survey import schema

        raw = pd.read_csv(path, dtype=str, keep_default_na=False)
        typed, problems = schema.validate_survey(raw, scheme=scheme)
        assert problems == [] and len(typed) == len(raw)

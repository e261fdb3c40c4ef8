"""The notebook context's village rows: the province's villages of the survey year, or None."""

from __future__ import annotations

from ntmplan.notebook import context


class TestVillages:
    def test_province_with_illustrative_villages(self, tmp_path):
        ctx = context.open_workbook("02_pilots", "42", output_dir=str(tmp_path))
        v = ctx.villages
        assert v is not None and len(v) > 0
        assert set(v["province_code"]) == {"42"}
        assert set(v["year"]) == {int(ctx.survey["year"].max())}
        assert set(v["commune_code"]) <= set(ctx.survey["commune_code"])
        assert ctx.villages is v  # read once

    def test_province_without_villages(self, tmp_path):
        ctx = context.open_workbook("02_pilots", "01", output_dir=str(tmp_path))
        assert ctx.villages is None

    def test_survey_without_village_file(self, tmp_path):
        from ntmplan.core import paths

        data = tmp_path / "khao_sat.csv"
        data.write_bytes(paths.SAMPLE_SURVEY.read_bytes())
        ctx = context.open_workbook(
            "02_pilots", "42", data_file=str(data), output_dir=str(tmp_path / "out")
        )
        assert ctx.villages is None

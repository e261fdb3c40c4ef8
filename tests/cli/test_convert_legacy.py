"""Tests for ntmplan.cli.convert_legacy: ``ntmplan convert-legacy IN --out OUT``."""

from __future__ import annotations

import json

import pytest

from ntmplan.cli.convert_legacy import run_convert_legacy
from ntmplan.core import paths

needs_sample = pytest.mark.skipif(
    not paths.SAMPLE_LEGACY_SURVEY.is_file(), reason="illustrative legacy sample not generated yet"
)


@pytest.mark.slow
@needs_sample
def test_cli_conversion(tmp_path, capsys, file_hash):
    from ntmplan.core import writers
    from ntmplan.core.errors import InputError
    from ntmplan.survey import loading, schema

    legacy = loading.load_survey(paths.SAMPLE_LEGACY_SURVEY, scheme="legacy")
    src = tmp_path / "cu.csv"
    writers.write_csv(src, legacy[legacy["province_code"] == "36"])  # Nam Định → Ninh Bình
    before = file_hash(src)
    dst = tmp_path / "moi.csv"
    assert run_convert_legacy(src, dst) == 0
    assert file_hash(src) == before
    meta = json.loads((tmp_path / "moi.csv.metadata.json").read_text(encoding="utf-8"))
    assert meta["input"]["sha256"] == before and meta["report"]["totals_preserved"] is True
    assert meta["output"]["sha256"] == file_hash(dst)
    converted = loading.load_survey(dst)
    assert set(converted["province_code"]) == {"37"}
    assert "Đối chiếu được" in capsys.readouterr().out
    with pytest.raises(InputError, match="1 vấn đề"):
        run_convert_legacy(src, src)
    with pytest.raises(InputError):
        run_convert_legacy(src, tmp_path / "." / "cu.csv")
    assert file_hash(src) == before
    errors = [p for p in schema.validate_survey(converted)[1] if p.severity == "error"]
    assert errors == []


def test_missing_input_file_is_an_input_error(tmp_path):
    from ntmplan.core.errors import InputError

    with pytest.raises(InputError):
        run_convert_legacy(tmp_path / "none.csv", tmp_path / "out.csv")

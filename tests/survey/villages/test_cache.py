"""load_villages_cached: the same rows as load_villages, from a checked JSON file the second time."""

from __future__ import annotations

import pandas as pd
import pytest

from ntmplan.core.params import default_params
from ntmplan.survey.villages import VILLAGE_COLUMNS, load_villages, load_villages_cached
from ntmplan.survey.villages import cache as village_cache

ROW = ["12", "03390", 2026, "Thôn Nà Khan", "thon", 120, 90, 100, "có", "có", None, 3, 1]
OTHER = [*ROW[:3], "Bản Hon", "ban", 80, 40, 50, "không", "có", "trong_trot", 2, 0]


def write_survey(folder, rows):
    (folder / "s.csv").write_text("x\n", encoding="utf-8")
    pd.DataFrame(rows, columns=list(VILLAGE_COLUMNS)).to_csv(folder / "s_thon.csv", index=False)
    return folder / "s.csv"


def cache_files(folder):
    return sorted((folder / "villages").glob("*.json"))


@pytest.fixture
def no_reading(monkeypatch):
    """Make reading the village file fail: what is returned then comes from the cache."""

    def refuse(*args, **kwargs):
        raise AssertionError("read again")

    return lambda: monkeypatch.setattr(village_cache, "load_villages", refuse)


def test_second_load_comes_from_the_cache_and_equals_the_first(tmp_path, no_reading):
    survey = write_survey(tmp_path, [ROW, OTHER])
    first = load_villages_cached(survey, cache_dir=tmp_path / "c")
    assert len(cache_files(tmp_path / "c")) == 1
    no_reading()
    second = load_villages_cached(survey, cache_dir=tmp_path / "c")
    assert second["village_name"].tolist() == ["Thôn Nà Khan", "Bản Hon"]
    assert second["households"].tolist() == [120, 80]
    pd.testing.assert_frame_equal(second, first)
    assert second.attrs["problems"] == []


def test_cached_rows_equal_uncached_ones(tmp_path):
    survey = write_survey(tmp_path, [ROW, OTHER])
    load_villages_cached(survey, cache_dir=tmp_path / "c")
    cached = load_villages_cached(survey, cache_dir=tmp_path / "c")
    pd.testing.assert_frame_equal(cached, load_villages(survey))
    assert cached.dtypes.to_dict() == load_villages(survey).dtypes.to_dict()


def test_a_changed_village_file_is_read_again(tmp_path):
    survey = write_survey(tmp_path, [ROW])
    assert load_villages_cached(survey, cache_dir=tmp_path / "c")["households"].tolist() == [120]
    write_survey(tmp_path, [[*ROW[:5], 150, *ROW[6:]]])
    assert load_villages_cached(survey, cache_dir=tmp_path / "c")["households"].tolist() == [150]
    assert len(cache_files(tmp_path / "c")) == 2


def test_other_communes_or_params_give_another_key(tmp_path):
    survey = write_survey(tmp_path, [ROW])
    source = (tmp_path / "s_thon.csv", None)
    params = default_params()
    communes = pd.DataFrame({"province_code": ["12"], "commune_code": ["03390"], "year": [2026]})
    digest = village_cache.communes_digest(communes)
    key = village_cache.villages_cache_key(survey, source, digest, params)
    assert key == village_cache.villages_cache_key(survey, source, digest, default_params())
    other_year = communes.assign(year=[2025])
    other = village_cache.communes_digest(other_year)
    assert village_cache.villages_cache_key(survey, source, other, params) != key
    params["survey"]["max_year"] = params["survey"]["max_year"] + 1
    assert village_cache.villages_cache_key(survey, source, digest, params) != key


def test_a_damaged_cache_file_is_ignored(tmp_path):
    survey = write_survey(tmp_path, [ROW])
    load_villages_cached(survey, cache_dir=tmp_path / "c")
    (target,) = cache_files(tmp_path / "c")
    target.write_bytes(b'{"format": "x"')
    rows = load_villages_cached(survey, cache_dir=tmp_path / "c")
    assert rows["village_name"].tolist() == ["Thôn Nà Khan"]


def test_rows_with_warnings_are_not_cached(tmp_path, monkeypatch):
    survey = write_survey(tmp_path, [ROW])
    read = load_villages(survey)
    read.attrs["problems"] = ["a warning"]
    monkeypatch.setattr(village_cache, "load_villages", lambda *a, **k: read)
    assert load_villages_cached(survey, cache_dir=tmp_path / "c") is read
    assert cache_files(tmp_path / "c") == []


def test_no_village_rows_gives_none(tmp_path):
    (tmp_path / "s.csv").write_text("x\n", encoding="utf-8")
    assert load_villages_cached(tmp_path / "s.csv", cache_dir=tmp_path / "c") is None

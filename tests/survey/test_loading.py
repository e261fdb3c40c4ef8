"""Tests for ntmplan.survey.loading: load_survey reads, validates and raises with every problem."""

from __future__ import annotations

import pytest

from ntmplan.core.errors import InputError
from ntmplan.survey import loading
from tests.survey_fixtures import ROW_A, ROW_B, csv_text


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


class TestLoadSurvey:
    def test_clean(self, tmp_path):
        typed = loading.load_survey(write(tmp_path, "s.csv", csv_text().encode()))
        assert typed["commune_code"].tolist() == ["00376", "00382"]
        assert "problems" not in typed.attrs

    def test_warnings_kept_in_attrs(self, tmp_path):
        typed = loading.load_survey(write(tmp_path, "s.csv", csv_text().encode("utf-16")))
        assert len(typed) == 2 and typed.attrs["problems"][0].severity == "warning"

    def test_errors_raise_with_every_problem(self, tmp_path):
        bad_a = list(ROW_A)
        bad_a[5] = "x"  # households
        bad_b = list(ROW_B)
        bad_b[19] = "70"  # percentage
        path = write(tmp_path, "s.csv", csv_text(rows=(bad_a, bad_b)).encode())
        with pytest.raises(InputError) as exc:
            loading.load_survey(path)
        assert [(p.row, p.column) for p in exc.value.problems] == [
            (2, "households"),
            (3, "files_online_share"),
        ]


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """An empty cache folder for this test and an empty memory cache."""
    monkeypatch.setattr(loading, "_SURVEY_MEMORY", {})
    return tmp_path / "cache"


def cache_files(cache):
    return sorted((cache / "surveys").glob("*"))


class TestLoadSurveyCached:
    @pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])  # utf-16: a warning in attrs
    def test_read_back_from_disk_exactly(self, tmp_path, cache, monkeypatch, encoding):
        import pandas as pd

        path = write(tmp_path, "s.csv", csv_text().encode(encoding))
        first = loading.load_survey_cached(path, cache_dir=cache)
        [file] = cache_files(cache)
        assert file.suffix == ".json" and file.read_bytes().startswith(b"{")
        loading._SURVEY_MEMORY.clear()
        monkeypatch.setattr(loading, "load_survey", lambda *a, **k: pytest.fail("revalidated"))
        again = loading.load_survey_cached(path, cache_dir=cache)
        pd.testing.assert_frame_equal(again, first, check_exact=True)
        assert again.dtypes.to_dict() == first.dtypes.to_dict()
        assert again.columns.dtype == first.columns.dtype
        assert again.attrs == first.attrs
        assert ("problems" in again.attrs) == (encoding == "utf-16")

    def test_sample_survey_round_trip_keeps_none_and_dtypes(self, cache):
        import pandas as pd

        from ntmplan.core import paths

        survey = loading.load_survey(paths.SAMPLE_SURVEY)
        data = loading._encode_survey(survey, "k")
        back = loading._decode_survey(data, "k")
        pd.testing.assert_frame_equal(back, survey, check_exact=True)
        assert back["prominent_sector"].isna().sum() == survey["prominent_sector"].isna().sum()
        assert set(map(type, back["prominent_sector"])) == {str, type(None)}

    @pytest.mark.parametrize(
        "damage",
        [
            lambda b: b[: len(b) // 2],  # truncated
            lambda b: b"\x80\x04junk",  # a pickle, not JSON
            lambda b: b.replace(b'"format":"ntmplan', b'"format":"other'),  # foreign
            lambda b: b.replace(b'"dtype":"int64"', b'"dtype":"category"', 1),  # dtype
            lambda b: b.replace(b'"dtype":"int64"', b'"dtype":"bool"', 1),  # wrong dtype
            lambda b: b.replace(b'"values":[', b'"values":[1,', 1),  # a row too many
            lambda b: b"[]",
        ],
    )
    def test_damaged_or_foreign_file_is_ignored(self, tmp_path, cache, damage):
        import pandas as pd

        path = write(tmp_path, "s.csv", csv_text().encode())
        first = loading.load_survey_cached(path, cache_dir=cache)
        [file] = cache_files(cache)
        good = file.read_bytes()
        file.write_bytes(damage(good))
        loading._SURVEY_MEMORY.clear()
        again = loading.load_survey_cached(path, cache_dir=cache)
        pd.testing.assert_frame_equal(again, first, check_exact=True)
        assert file.read_bytes() == good  # rebuilt

    def test_file_for_another_key_is_ignored(self, tmp_path, cache):
        path = write(tmp_path, "s.csv", csv_text().encode())
        other = write(tmp_path, "o.csv", csv_text(rows=(ROW_A,)).encode())
        loading.load_survey_cached(other, cache_dir=cache)
        [file] = cache_files(cache)
        key = loading._survey_cache_key(path.read_bytes(), "current", None)
        file.rename(file.with_name(f"{key}.json"))  # the other survey planted at this key
        loading._SURVEY_MEMORY.clear()
        assert len(loading.load_survey_cached(path, cache_dir=cache)) == 2

    def test_cache_folder_from_environment_at_call_time(self, tmp_path, monkeypatch, cache):
        monkeypatch.setenv("NTMPLAN_CACHE_DIR", str(cache))
        loading.load_survey_cached(write(tmp_path, "s.csv", csv_text().encode()))
        assert len(cache_files(cache)) == 1

    def test_read_only_cache_only_costs_speed(self, tmp_path, cache):
        blocker = tmp_path / "file"
        blocker.write_text("x")
        survey = loading.load_survey_cached(
            write(tmp_path, "s.csv", csv_text().encode()), cache_dir=blocker / "sub"
        )
        assert len(survey) == 2

    def test_input_file_unchanged(self, tmp_path, cache, file_hash):
        path = write(tmp_path, "s.csv", csv_text().encode())
        before = file_hash(path)
        loading.load_survey_cached(path, cache_dir=cache)
        assert file_hash(path) == before


class TestMemory:
    """Up to three surveys stay in memory; the least recently used one goes first."""

    def _files(self, tmp_path, n):
        rows = (ROW_A, ROW_B)
        return [
            write(tmp_path, f"s{i}.csv", csv_text(rows=rows[: 1 + i % 2]).encode() + b"\n" * i)
            for i in range(n)
        ]

    def test_three_kept_then_oldest_dropped(self, tmp_path, cache, monkeypatch):
        a, b, c, d = self._files(tmp_path, 4)
        for path in (a, b, c):
            loading.load_survey_cached(path, cache_dir=cache)
        assert len(loading._SURVEY_MEMORY) == 3
        loading.load_survey_cached(a, cache_dir=cache)  # a is now the most recent
        loading.load_survey_cached(d, cache_dir=cache)  # b, the least recent, leaves
        assert len(loading._SURVEY_MEMORY) == 3
        monkeypatch.setattr(loading, "load_survey", lambda *a, **k: pytest.fail("revalidated"))
        for f in cache_files(cache):
            f.unlink()  # from now on only memory can answer
        for path in (a, c, d):
            loading.load_survey_cached(path, cache_dir=cache)
        with pytest.raises(pytest.fail.Exception):
            loading.load_survey_cached(b, cache_dir=cache)

    def test_memory_answers_with_a_copy(self, tmp_path, cache):
        [a] = self._files(tmp_path, 1)
        first = loading.load_survey_cached(a, cache_dir=cache)
        first.loc[0, "households"] = -1
        assert loading.load_survey_cached(a, cache_dir=cache).loc[0, "households"] != -1

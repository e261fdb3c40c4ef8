"""Tests for ntmplan.tasks.datashare.export (with its descriptor and checksums): versioned export packages."""

from __future__ import annotations

import hashlib
import json

import pytest

from ntmplan.core.errors import MissingColumnError
from ntmplan.survey import schema
from ntmplan.tasks.datashare.checksums import verify_checksums
from ntmplan.tasks.datashare.export import export_national, export_package
from tests.survey.legacy_fixtures import current_fixture


class TestExportPackage:
    def test_layout_and_checksums(self, tmp_path):
        folder = export_package(current_fixture(), tmp_path, "70-thu", date="2025-07-01")
        assert folder.parent == tmp_path / "data_export"
        assert folder.name.startswith("2025-07-01-") and len(folder.name) == len("2025-07-01-") + 12
        names = sorted(p.name for p in folder.iterdir())
        assert names == [
            "SHA256SUMS",
            "datapackage.json",
            "khao_sat_70-thu.csv",
            "tu_dien_du_lieu.csv",
        ]
        for line in (folder / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
            digest, name = line.split("  ")
            assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest
        sums = hashlib.sha256((folder / "SHA256SUMS").read_bytes()).hexdigest()
        assert folder.name.endswith(sums[:12])
        assert verify_checksums(folder) == []

    def test_csv_and_dictionary(self, tmp_path):
        folder = export_package(current_fixture(), tmp_path, "70-thu", date="2025-07-01")
        text = (folder / "khao_sat_70-thu.csv").read_text(encoding="utf-8")
        assert text.splitlines()[0] == ",".join(schema.COLUMNS)
        assert len(text.splitlines()) == 4 and "Xã Đông" in text
        dictionary = (folder / "tu_dien_du_lieu.csv").read_bytes()
        assert dictionary.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the Vietnamese correctly
        assert "Số hộ" in dictionary.decode("utf-8-sig")

    def test_descriptor_schema_from_survey_schema(self, tmp_path):
        folder = export_package(
            current_fixture(), tmp_path, "70-thu", date="2025-07-01", illustrative=True
        )
        desc = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        fields = {f["name"]: f for f in desc["resources"][0]["schema"]["fields"]}
        assert list(fields) == list(schema.COLUMNS)
        assert (
            fields["households"]["type"] == "integer"
            and fields["households"]["constraints"]["minimum"] == 1
        )
        assert fields["files_online_share"]["constraints"] == {
            "required": True,
            "minimum": 0,
            "maximum": 1,
        }
        assert fields["postal_point"]["type"] == "boolean"
        assert "dat_chuan" in fields["ntm_level"]["constraints"]["enum"]
        assert fields["households"]["title"] == "Số hộ"
        assert "minh họa" in desc["description"]

    def test_reexport_is_idempotent_even_on_another_day(self, tmp_path):
        first = export_package(current_fixture(), tmp_path, "70-thu", date="2025-07-01")
        stamp = (first / "datapackage.json").stat().st_mtime_ns
        again = export_package(current_fixture(), tmp_path, "70-thu", date="2025-08-15")
        assert again == first
        assert (first / "datapackage.json").stat().st_mtime_ns == stamp  # not rewritten
        assert sorted(p.name for p in (tmp_path / "data_export").iterdir()) == [
            first.name
        ]  # no temp left

    def test_changed_content_gets_a_new_version(self, tmp_path):
        first = export_package(current_fixture(), tmp_path, "70-thu", date="2025-07-01")
        changed = current_fixture().assign(households=lambda f: f["households"] + 1)
        second = export_package(changed, tmp_path, "70-thu", date="2025-07-01")
        assert second != first and first.is_dir() and second.is_dir()

    def test_corrupted_version_is_not_reused_nor_overwritten(self, tmp_path):
        first = export_package(current_fixture(), tmp_path, "70-thu", date="2025-07-01")
        (first / "khao_sat_70-thu.csv").write_text("broken", encoding="utf-8")
        with pytest.raises(ValueError, match="never overwritten"):
            export_package(current_fixture(), tmp_path, "70-thu", date="2025-07-01")
        assert verify_checksums(first) == [
            "Mã SHA-256 không khớp / checksum mismatch: khao_sat_70-thu.csv"
        ]
        fresh = export_package(current_fixture(), tmp_path, "70-thu", date="2025-07-02")
        assert fresh.name.startswith("2025-07-02-")

    def test_bad_date_and_label(self, tmp_path):
        with pytest.raises(ValueError, match="YYYY-MM-DD"):
            export_package(current_fixture(), tmp_path, "x", date="1/7/2025")
        with pytest.raises(ValueError, match="label"):
            export_package(current_fixture(), tmp_path, "—", date="2025-07-01")

    def test_missing_column(self, tmp_path):
        with pytest.raises(MissingColumnError, match="households"):
            export_package(
                current_fixture().drop(columns="households"), tmp_path, "x", date="2025-07-01"
            )

    def test_national_folder(self, tmp_path):
        folder = export_national(current_fixture(), tmp_path, date="2025-07-01")
        assert folder.parent == tmp_path / "00-toan-quoc" / "data_export"
        assert (folder / "khao_sat_toan-quoc.csv").is_file()

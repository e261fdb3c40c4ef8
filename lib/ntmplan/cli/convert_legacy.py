"""``ntmplan convert-legacy IN --out OUT``: a legacy-code survey file into the 2025 units."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

from ntmplan.core.errors import InputError, Problem, problems_frame
from ntmplan.core.params import default_params
from ntmplan.core.writers import write_csv, write_json
from ntmplan.survey.legacy import convert_legacy
from ntmplan.survey.loading import load_survey


def _check_not_input(src: Path, dst: Path) -> None:
    """Refuse an output path that is the input file."""
    if src.resolve() == dst.resolve() or (
        src.exists() and dst.exists() and os.path.samefile(src, dst)
    ):
        raise InputError(
            [
                Problem(
                    str(dst),
                    None,
                    None,
                    None,
                    "Tệp kết quả trùng với tệp đầu vào; tệp đầu vào không bao giờ bị ghi đè — hãy chọn tên khác cho --out",
                    "the output is the input file; the input is never overwritten — choose another --out",
                )
            ]
        )


def _check_not_current(src: Path, survey, warnings: list, params: dict) -> None:
    """Refuse a file whose names say it already uses the 2025 codes."""
    renamed = [p for p in warnings if p.column == "commune_name" and p.severity == "warning"]
    share = len(renamed) / max(len(survey), 1)
    if renamed and share >= params["survey"]["other_scheme_hint_share"]:
        raise InputError(
            [
                Problem(
                    str(src),
                    None,
                    "commune_code",
                    None,
                    f"Tên xã khác danh mục cũ ở {len(renamed)}/{len(survey)} dòng: tệp có vẻ đã dùng mã đơn vị "
                    "hành chính 2025 — không chuyển đổi (dùng `ntmplan validate` để kiểm tra)",
                    f"the commune name differs from the legacy list on {len(renamed)} of {len(survey)} rows: "
                    "the file seems to use 2025 codes already — not converted (check with `ntmplan validate`)",
                ),
                *renamed,
            ]
        )


def run_convert_legacy(in_path, out_path) -> int:
    """Convert a legacy-code survey file into 2025 units (``ntmplan convert-legacy IN --out OUT``).

    Writes the converted survey as UTF-8 CSV (``ntmplan.core.writers.write_csv``) and
    ``<OUT>.metadata.json`` (input and output names and SHA-256, rules, report),
    prints the report summary. The input file is never modified.

    Parameters
    ----------
    in_path : str or Path
        Legacy-scheme survey (CSV/XLSX).
    out_path : str or Path
        Output CSV; must not be the input file.

    Returns
    -------
    int
        0 on success.

    Raises
    ------
    InputError
        If the input cannot be read or has errors, or ``out_path`` is the input file
        (the CLI prints the problems and exits 1).
    """
    src, dst = Path(in_path), Path(out_path)
    _check_not_input(src, dst)
    params = default_params()
    survey = load_survey(src, scheme="legacy", params=params)
    warnings = list(survey.attrs.get("problems", []))
    _check_not_current(src, survey, warnings, params)
    if warnings:
        print(problems_frame(warnings).to_string(index=False), file=sys.stderr)
        print(f"{len(warnings)} cảnh báo / warnings\n", file=sys.stderr)
    converted, report = convert_legacy(survey, params)
    write_csv(dst, converted)
    meta_path = dst.with_name(dst.name + ".metadata.json")
    write_json(
        meta_path,
        {
            "tool": "ntmplan convert-legacy",
            "input": {
                "file": src.name,
                "sha256": hashlib.sha256(src.read_bytes()).hexdigest(),
                "scheme": "legacy",
            },
            "output": {
                "file": dst.name,
                "sha256": hashlib.sha256(dst.read_bytes()).hexdigest(),
                "scheme": "current",
            },
            "rules": report.rules,
            "report": report.to_dict(),
        },
    )
    print("Chuyển mã cũ sang đơn vị hành chính 2025 / legacy codes → 2025 units")
    print(report.summary_text())
    print(f"Đã ghi / written: {dst}  (+ {meta_path.name})")
    return 0

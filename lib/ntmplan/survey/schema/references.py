"""Reference checks: the survey's codes and names against the administrative units of its scheme.

A code of the other scheme (legacy in a current file, or the reverse) is named as
such, with the way out (convert, or switch scheme); a known commune whose name
or unit type differs from the reference gets a warning.
"""

from __future__ import annotations

import pandas as pd

from ntmplan.core.errors import Problem
from ntmplan.survey.schema.parsing import matches
from ntmplan.survey.schema.rules import survey_params
from ntmplan.survey.units.text import fold

#: How each administrative scheme is named in messages (Vietnamese, English).
SCHEME_NAMES = {
    "current": (
        "danh mục mới (34 tỉnh, từ 1/7/2025)",
        "current scheme (34 provinces, from 1 Jul 2025)",
    ),
    "legacy": (
        "danh mục cũ (63 tỉnh, trước 1/7/2025)",
        "legacy scheme (63 provinces, before 1 Jul 2025)",
    ),
}
#: The administrative schemes a survey may be keyed by.
SCHEMES = tuple(SCHEME_NAMES)


def _units(scheme: str) -> pd.DataFrame:
    from ntmplan.survey import units

    return units.current_units() if scheme == "current" else units.legacy_units()


def _hint(scheme: str) -> tuple[str, str]:
    """What to do with codes of the other scheme (Vietnamese, English)."""
    hint_vi = (
        "hãy chuyển sang đơn vị 2025 (ntmplan convert-legacy) hoặc dùng danh mục cũ (--scheme legacy)"
        if scheme == "current"
        else "hãy dùng danh mục mới (--scheme current)"
    )
    hint_en = (
        "convert it to the 2025 units (ntmplan convert-legacy) or use the legacy scheme (--scheme legacy)"
        if scheme == "current"
        else "use the current scheme (--scheme current)"
    )
    return hint_vi, hint_en


def _code_masks(frame: pd.DataFrame, ref: pd.DataFrame, other: pd.DataFrame) -> dict:
    """Row masks: which codes are well formed, known in this scheme, known in the other."""
    prov, comm = frame["province_code"], frame["commune_code"]
    valid_prov = matches(prov, r"\d{2}")
    valid_comm = matches(comm, r"\d{5}")
    key = prov.fillna("") + "|" + comm.fillna("")
    ref_keys = pd.Index(ref["province_code"] + "|" + ref["commune_code"])
    oth_keys = pd.Index(other["province_code"] + "|" + other["commune_code"])
    prov_known = prov.isin(ref["province_code"])
    prov_other = prov.isin(other["province_code"])
    comm_known = comm.isin(ref["commune_code"])
    comm_other = comm.isin(other["commune_code"])
    return {
        "prov_other": prov_other,
        "comm_other": comm_other,
        "pair_ok": key.isin(ref_keys),
        "pair_other": key.isin(oth_keys),
        "bad_prov": valid_prov & ~prov_known,
        "bad_comm": valid_comm & ~comm_known,
        # both codes exist but do not go together
        "mismatch_base": valid_prov & valid_comm & prov_known & comm_known,
    }


def reference_problems(
    frame: pd.DataFrame, text: pd.DataFrame, params, scheme: str, file
) -> list[Problem]:
    """Check province and commune codes against the units of the chosen scheme (and the other one).

    Parameters
    ----------
    frame : pandas.DataFrame
        The typed (nullable) survey, index = Excel row numbers.
    text : pandas.DataFrame
        The same cells as text (the values shown in the problems).
    params : dict or None
        Resolved params (``survey.other_scheme_hint_share``).
    scheme : {"current", "legacy"}
    file : str or None
        File name for the problems.

    Returns
    -------
    list of Problem
        Unknown codes, codes of the other scheme, province–commune pairs that do
        not go together, one file-level note when most codes belong to the other
        scheme, then the name and unit-type warnings.
    """
    other_scheme = "legacy" if scheme == "current" else "current"
    ref, other = _units(scheme), _units(other_scheme)
    this_vi, this_en = SCHEME_NAMES[scheme]
    other_vi, other_en = SCHEME_NAMES[other_scheme]
    hint_vi, hint_en = _hint(scheme)
    m = _code_masks(frame, ref, other)
    bad_prov, bad_comm, pair_ok = m["bad_prov"], m["bad_comm"], m["pair_ok"]
    prov_other, comm_other, pair_other = m["prov_other"], m["comm_other"], m["pair_other"]
    mismatch = m["mismatch_base"] & ~pair_ok
    out: list[Problem] = []

    def add(mask, column, vi, en, severity="error"):
        for row in frame.index[mask.fillna(False).astype(bool)]:
            out.append(Problem(file, int(row), column, text.at[row, column], vi, en, severity))

    add(
        bad_prov & prov_other,
        "province_code",
        f"Mã tỉnh này thuộc {other_vi}, không có trong {this_vi}; {hint_vi}",
        f"this province code belongs to the {other_en}, not the {this_en}; {hint_en}",
    )
    add(
        bad_prov & ~prov_other,
        "province_code",
        f"Mã tỉnh không có trong {this_vi}",
        f"unknown province code in the {this_en}",
    )
    add(
        bad_comm & comm_other,
        "commune_code",
        f"Mã xã này thuộc {other_vi}, không có trong {this_vi}; {hint_vi}",
        f"this commune code belongs to the {other_en}, not the {this_en}; {hint_en}",
    )
    add(
        bad_comm & ~comm_other,
        "commune_code",
        f"Mã xã không có trong {this_vi}",
        f"unknown commune code in the {this_en}",
    )
    if mismatch.any():
        add(
            mismatch & pair_other,
            "commune_code",
            f"Cặp mã tỉnh – mã xã này khớp {other_vi}, không khớp {this_vi}; {hint_vi}",
            f"this province–commune pair matches the {other_en}, not the {this_en}; {hint_en}",
        )
        out.extend(_wrong_province(frame, text, ref, mismatch & ~pair_other, file))
    # a file keyed by the other scheme: say it once, plainly
    share_other = (
        float(((bad_prov & prov_other) | (bad_comm & comm_other) | (mismatch & pair_other)).mean())
        if len(frame)
        else 0.0
    )
    if share_other >= float(survey_params(params)["other_scheme_hint_share"]):
        out.append(
            Problem(
                file,
                None,
                None,
                f"{share_other:.0%}",
                f"Phần lớn mã trong tệp thuộc {other_vi}; {hint_vi}",
                f"most codes in the file belong to the {other_en}; {hint_en}",
            )
        )
    out.extend(_name_warnings(frame, text, ref, pair_ok, file))
    return out


def _wrong_province(frame, text, ref, mask, file) -> list[Problem]:
    """A known commune listed under another known province of the same scheme."""
    prov, comm = frame["province_code"], frame["commune_code"]
    owner = ref.drop_duplicates("commune_code").set_index("commune_code")["province_code"]
    actual = comm.map(owner)
    return [
        Problem(
            file,
            int(row),
            "commune_code",
            text.at[row, "commune_code"],
            f"Xã {comm[row]} thuộc tỉnh {actual[row]}, không thuộc tỉnh {prov[row]}",
            f"commune {comm[row]} belongs to province {actual[row]}, not {prov[row]}",
        )
        for row in frame.index[mask.fillna(False).astype(bool)]
    ]


def _name_warnings(frame, text, ref, pair_ok, file) -> list[Problem]:
    """Warn when a known commune's name or unit type differs from the reference."""
    if not pair_ok.any():
        return []
    refk = ref.drop_duplicates(["province_code", "commune_code"]).set_index(
        ["province_code", "commune_code"]
    )
    idx = pd.MultiIndex.from_arrays([frame["province_code"], frame["commune_code"]])

    def looked_up(column: str) -> pd.Series:
        return pd.Series(refk[column].reindex(idx).to_numpy(), index=frame.index)

    ref_name, ref_short, ref_type = (
        looked_up("commune_name"),
        looked_up("commune_short"),
        looked_up("unit_type"),
    )
    names = pd.unique(pd.concat([frame["commune_name"], ref_name, ref_short]).dropna())
    folded = {n: fold(n) for n in names}
    mine = frame["commune_name"].map(folded)
    bad_name = (
        pair_ok
        & frame["commune_name"].notna()
        & (mine != ref_name.map(folded))
        & (mine != ref_short.map(folded))
    )
    bad_type = (
        pair_ok
        & frame["unit_type"].isin(ref["unit_type"].dropna().unique())
        & ref_type.notna()
        & (frame["unit_type"] != ref_type)
    )
    out = []
    for row in frame.index[bad_name.fillna(False).astype(bool)]:
        out.append(
            Problem(
                file,
                int(row),
                "commune_name",
                text.at[row, "commune_name"],
                f"Tên xã khác danh mục («{ref_name[row]}»); hãy kiểm tra mã xã",
                f"name differs from the reference ('{ref_name[row]}'); check the commune code",
                "warning",
            )
        )
    for row in frame.index[bad_type.fillna(False).astype(bool)]:
        out.append(
            Problem(
                file,
                int(row),
                "unit_type",
                text.at[row, "unit_type"],
                f"Loại đơn vị khác danh mục («{ref_type[row]}»)",
                f"unit type differs from the reference ('{ref_type[row]}')",
                "warning",
            )
        )
    return out

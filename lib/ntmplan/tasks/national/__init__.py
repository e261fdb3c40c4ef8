"""National roll-up (notebook 00): every province side by side, for the central NTM office.

Runs after the provinces. Reads each province folder's summaries (``summary_<NN_name>.json``,
or the merged ``summary.json``), the executed notebooks' papermill metadata (run status,
data file) and the registration files ``dang_ky_thi_diem_trung_uong.xlsx``; recomputes the
per-commune readiness index from the survey with :mod:`ntmplan.tasks.status` for the national dot
map.

- :func:`open_national` — the notebook context (paths, params, provinces, survey).
- :func:`collect_provinces` — one row per province folder.
- :func:`at_risk` — provinces at risk of missing the one-smart-commune target.
- :func:`target_matrix`, :func:`national_targets` — Decision 924 targets by province and
  nationally.
- :func:`pilots_table`, :func:`budget_by_source` — pilots and budget totals.
- :func:`stack_registrations`, :func:`write_registrations` — the stacked central-pilot
  registrations ``dang_ky_thi_diem_trung_uong_toan_quoc.xlsx``.
- :func:`commune_index`, :func:`national_dot_map`, :func:`target_heatmap` — map and charts.
- :func:`summary` — key figures for ``summary_00_national.json``.

At risk (definition)
--------------------
A province is *at risk of missing the Decision 924 target of at least one smart NTM commune
pilot* when any of these holds (thresholds in ``plan.at_risk``):

1. its pilot workbook (02) has not run (only when ``plan.at_risk.missing_is_risk``);
2. no commune is eligible as a smart commune and no pilot was chosen;
3. fewer smart pilots were chosen than its target (``target.smart_commune`` of its 02
   summary, else ``pilots.types.smart_commune.number``);
4. the chosen smart pilots still need money to meet every condition: their gap-closing cost
   (``smart_pilots_gap_mvnd``, else the sum of the chosen pilots' ``gap_mvnd``) exceeds
   ``plan.at_risk.gap_cost_max_mvnd`` (default 0: any remaining gap).

Summary keys (``summary_00_national.json``)
-------------------------------------------
``provinces`` (int), ``provinces_with_pilots_summary`` (int), ``at_risk`` (list of province
codes), ``at_risk_count`` (int), ``readiness_mean`` (float, mean of province values),
``budget_total_mvnd`` (float), ``budget_by_source_mvnd`` (dict), ``registrations`` (int rows),
``illustrative`` (bool).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ntmplan.tasks import plan as _plan

#: Folder of the national outputs inside the outputs root.
NATIONAL_DIR = "00-toan-quoc"
#: Registration file of each province and the stacked national file.
REGISTRATION_FILE = "dang_ky_thi_diem_trung_uong.xlsx"
NATIONAL_REGISTRATION_FILE = "dang_ky_thi_diem_trung_uong_toan_quoc.xlsx"
#: Notebooks whose run status is reported per province.
STATUS_NOTEBOOKS: tuple[str, ...] = (
    "01_status",
    "02_pilots",
    "03_budget",
    "04_capacity",
    "05_data",
    "06_plan",
)
#: Pilot types reported (keys of ``pilots.types``).
PILOT_TYPES: tuple[str, ...] = ("smart_commune", "ecommerce_commune")

#: Vietnamese (/ English) labels of the output columns.
LABELS: dict[str, str] = {
    "province_code": "Mã tỉnh / province code",
    "province_name": "Tỉnh, thành phố / province",
    "folder": "Thư mục / folder",
    "illustrative": "Dữ liệu minh họa / illustrative",
    "n_communes": "Số xã thuộc phạm vi / communes in scope",
    "readiness": "Chỉ số sẵn sàng (0–100, theo số hộ) / readiness",
    "readiness_mean": "Chỉ số sẵn sàng bình quân các xã / mean readiness",
    "targets_met": "Số mục tiêu QĐ 924 đạt / 924 targets met",
    "targets_total": "Số mục tiêu đánh giá / targets assessed",
    "pilots_available": "Có số liệu thí điểm (02) / pilots summary present",
    "eligible_smart_commune": "Xã đủ điều kiện: NTM thông minh / eligible smart communes",
    "eligible_ecommerce_commune": "Xã đủ điều kiện: TMĐT / eligible e-commerce communes",
    "target_smart_commune": "Mục tiêu số xã thông minh / smart pilots target",
    "chosen_smart_commune": "Số xã thông minh được chọn / smart pilots chosen",
    "chosen_ecommerce_commune": "Số xã TMĐT được chọn / e-commerce pilots chosen",
    "chosen_smart_names": "Xã NTM thông minh được chọn / chosen smart communes",
    "chosen_smart_codes": "Mã xã thông minh được chọn / chosen smart codes",
    "smart_gap_mvnd": "Chi phí bù thiếu hụt xã thông minh (triệu đồng) / smart pilots gap cost",
    "budget_total_mvnd": "Tổng kinh phí (triệu đồng) / budget total",
    "budget_funded_mvnd": "Đã có nguồn (triệu đồng) / funded",
    "budget_gap_mvnd": "Chưa có nguồn (triệu đồng) / unfunded",
    "risk_reason": "Lý do có nguy cơ / why at risk",
    "target_id": "Mã chỉ tiêu / target id",
    "label_vi": "Chỉ tiêu QĐ 924 / Decision 924 target",
    "target": "Mục tiêu / target",
    "value": "Giá trị toàn quốc / national value",
    "communes_met": "Số xã đạt / communes meeting it",
    "communes_total": "Tổng số xã / communes",
    "provinces_met": "Số tỉnh đạt / provinces meeting it",
    "provinces_total": "Số tỉnh có số liệu / provinces with data",
    "method": "Cách tính / method",
    "source": "Nguồn vốn / source",
    "amount_mvnd": "Kinh phí (triệu đồng) / amount (million VND)",
    "share": "Tỷ trọng / share",
    "overall": "Chỉ số sẵn sàng chung (0–100) / overall readiness",
}
for _nb in STATUS_NOTEBOOKS:
    LABELS[f"status_{_nb}"] = f"Sổ {_nb[:2]} / run {_nb}"

_STATUS_VI = {"ok": "✓", "failed": "✗ lỗi", "not_run": "–"}


def _params(params: dict | None) -> dict:
    if params is None:
        from ntmplan.core.params import default_params

        return default_params()
    return params


def _num(value) -> float:
    return (
        float(value)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
        else np.nan
    )


# ----------------------------------------------------------------- province folders


def province_folders(outputs_root: str | Path) -> list[tuple[str, Path]]:
    """List the province output folders (``<code>-<slug>``) under an outputs root.

    Only folders whose name is exactly the validated folder name of a known province
    (:func:`ntmplan.survey.units.province_dir_name`) are listed; the national folder and anything
    else are ignored.

    Parameters
    ----------
    outputs_root : str or Path

    Returns
    -------
    list of (code, Path)
        Sorted by code.
    """
    from ntmplan.survey import units

    root = Path(outputs_root)
    if not root.is_dir():
        return []
    out = []
    for folder in sorted(root.iterdir()):
        match = re.match(r"^(\d{2})-", folder.name)
        if not folder.is_dir() or not match or folder.name == NATIONAL_DIR:
            continue
        code = match.group(1)
        try:
            if units.province_dir_name(code) != folder.name:
                continue
        except (KeyError, ValueError):
            continue
        out.append((code, folder))
    return out


def _papermill_meta(ipynb: Path, tail_bytes: int = 65536) -> dict | None:
    """Return the papermill metadata of an executed notebook (None if absent/unreadable).

    The notebook metadata is written after the cells, so the end of the file is read first
    (executed notebooks with charts weigh megabytes); the whole file only as a fallback.
    """
    if not ipynb.is_file():
        return None
    try:
        with ipynb.open("rb") as fh:
            size = fh.seek(0, 2)
            fh.seek(max(0, size - tail_bytes))
            tail = fh.read().decode("utf-8", errors="replace")
        at = tail.rfind('"papermill": {')
        if at >= 0:
            meta, _ = json.JSONDecoder().raw_decode(tail, at + len('"papermill": '))
            return meta if isinstance(meta, dict) else {}
        nb = json.loads(ipynb.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    meta = nb.get("metadata", {}).get("papermill") if isinstance(nb, dict) else None
    return meta if isinstance(meta, dict) else {}


def run_status(folder: str | Path, notebook: str, has_summary: bool) -> str:
    """Tell how a notebook ran for a province, from the files it left.

    Parameters
    ----------
    folder : str or Path
        Province output folder.
    notebook : str
        Notebook id.
    has_summary : bool
        Whether its summary exists.

    Returns
    -------
    str
        ``failed`` when the executed notebook's papermill metadata records an exception,
        ``ok`` when it ran (or its summary exists), ``not_run`` otherwise.
    """
    meta = _papermill_meta(Path(folder) / f"{notebook}.ipynb")
    if meta is not None and meta.get("exception"):
        return "failed"
    if meta is not None or has_summary:
        return "ok"
    return "not_run"


def collect_provinces(outputs_root: str | Path, params: dict | None = None) -> pd.DataFrame:
    """Build one row per province folder from its summaries and executed notebooks.

    Missing summaries or keys give NaN / empty values, never an error.

    Parameters
    ----------
    outputs_root : str or Path
        The outputs root (holding ``<code>-<slug>`` folders).
    params : dict, optional
        Resolved params (target ids of ``status.targets``, sources of ``budget.sources``).

    Returns
    -------
    pandas.DataFrame
        Columns ``province_code``, ``province_name``, ``folder``, ``illustrative``,
        ``n_communes``, ``readiness``, ``readiness_mean``, ``targets_met``, ``targets_total``,
        per target id ``<id>_value`` / ``<id>_met`` / ``<id>_communes_met`` /
        ``<id>_communes_total``, ``pilots_available``, per pilot type ``eligible_<type>`` /
        ``chosen_<type>``, ``target_smart_commune``, ``chosen_smart_names``,
        ``chosen_smart_codes`` (list), ``smart_gap_mvnd``, ``budget_total_mvnd``,
        ``budget_funded_mvnd``, ``budget_gap_mvnd``, per source ``budget_<source>_mvnd``,
        per notebook ``status_<notebook>`` (``ok`` / ``failed`` / ``not_run``). Sorted by code.
    """
    from ntmplan.survey import units

    p = _params(params)
    target_ids = list(_plan._get(p, "status", "targets", default={}))
    sources = list(_plan._get(p, "budget", "sources", default={}))
    names = units.provinces("current").set_index("province_code")["province_name"]
    rows = []
    for code, folder in province_folders(outputs_root):
        got = _plan.collect(folder, STATUS_NOTEBOOKS)
        s = got["summaries"]
        s01, s02, s03 = s["01_status"] or {}, s["02_pilots"], s["03_budget"] or {}
        row: dict = {
            "province_code": code,
            "province_name": names.get(code, got["province_name"] or code),
            "folder": folder.name,
            "illustrative": bool(got["illustrative"]),
            "n_communes": _num(s01.get("n_communes")),
            "readiness": _num(s01.get("readiness_overall", s01.get("readiness_overall_weighted"))),
            "readiness_mean": _num(s01.get("readiness_overall_mean")),
            "targets_met": _num(s01.get("targets_met")),
            "targets_total": _num(s01.get("targets_total")),
        }
        targets = s01.get("targets") if isinstance(s01.get("targets"), dict) else {}
        for tid in target_ids:
            t = targets.get(tid) if isinstance(targets.get(tid), dict) else {}
            row[f"{tid}_value"] = _num(t.get("value"))
            row[f"{tid}_met"] = t.get("met") if isinstance(t.get("met"), bool) else None
            row[f"{tid}_communes_met"] = _num(t.get("communes_met"))
            row[f"{tid}_communes_total"] = _num(t.get("communes_total"))
        row["pilots_available"] = s02 is not None
        s02 = s02 or {}
        eligible = s02.get("eligible_count") if isinstance(s02.get("eligible_count"), dict) else {}
        for ptype in PILOT_TYPES:
            row[f"eligible_{ptype}"] = _num(eligible.get(ptype))
            row[f"chosen_{ptype}"] = float(len(_plan._chosen(s02, ptype))) if s02 else np.nan
        target = _plan._get(s02, "target", "smart_commune")
        row["target_smart_commune"] = _num(target)
        chosen = _plan._chosen(s02, "smart_commune")
        row["chosen_smart_names"] = ", ".join(str(c.get("commune_name", "")) for c in chosen)
        row["chosen_smart_codes"] = [
            str(c.get("commune_code")) for c in chosen if c.get("commune_code") is not None
        ]
        gap = s02.get("smart_pilots_gap_mvnd")
        if not isinstance(gap, (int, float)) and chosen:
            gap = float(np.nansum([_num(c.get("gap_mvnd")) for c in chosen]))
        row["smart_gap_mvnd"] = _num(gap)
        row["budget_total_mvnd"] = _num(s03.get("total_mvnd"))
        row["budget_funded_mvnd"] = _num(s03.get("funded_mvnd"))
        row["budget_gap_mvnd"] = _num(s03.get("gap_mvnd"))
        by_source = s03.get("by_source_mvnd") if isinstance(s03.get("by_source_mvnd"), dict) else {}
        for src in sources:
            row[f"budget_{src}_mvnd"] = _num(by_source.get(src)) if s03 else np.nan
        for nb in STATUS_NOTEBOOKS:
            row[f"status_{nb}"] = run_status(folder, nb, s.get(nb) is not None)
        rows.append(row)
    columns = (
        [
            "province_code",
            "province_name",
            "folder",
            "illustrative",
            "n_communes",
            "readiness",
            "readiness_mean",
            "targets_met",
            "targets_total",
        ]
        + [
            f"{t}_{k}"
            for t in target_ids
            for k in ("value", "met", "communes_met", "communes_total")
        ]
        + ["pilots_available"]
        + [f"{k}_{t}" for t in PILOT_TYPES for k in ("eligible", "chosen")]
        + ["target_smart_commune", "chosen_smart_names", "chosen_smart_codes", "smart_gap_mvnd"]
        + ["budget_total_mvnd", "budget_funded_mvnd", "budget_gap_mvnd"]
        + [f"budget_{s}_mvnd" for s in sources]
        + [f"status_{nb}" for nb in STATUS_NOTEBOOKS]
    )
    return pd.DataFrame(rows, columns=columns)


# ----------------------------------------------------------------- at risk


def _require(df: pd.DataFrame, columns: list[str], name: str) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise KeyError(
            f"Thiếu cột trong bảng {name}: {', '.join(missing)} / missing column(s) in {name}"
        )


def at_risk(df: pd.DataFrame, params: dict | None = None) -> pd.DataFrame:
    """List the provinces at risk of missing the one-smart-commune target (module docstring).

    Parameters
    ----------
    df : pandas.DataFrame
        Output of :func:`collect_provinces` (needs ``province_code``, ``province_name``,
        ``pilots_available``, ``eligible_smart_commune``, ``chosen_smart_commune``,
        ``smart_gap_mvnd``; ``target_smart_commune`` is optional).
    params : dict, optional
        Resolved params (``plan.at_risk``, ``pilots.types.smart_commune.number``).

    Returns
    -------
    pandas.DataFrame
        The provinces at risk: ``province_code``, ``province_name``,
        ``eligible_smart_commune``, ``chosen_smart_commune``, ``target_smart_commune``,
        ``smart_gap_mvnd``, ``risk_reason`` (Vietnamese, reasons joined by "; ").

    Raises
    ------
    KeyError
        If a needed column is missing.
    """
    p = _params(params)
    _require(
        df,
        [
            "province_code",
            "province_name",
            "pilots_available",
            "eligible_smart_commune",
            "chosen_smart_commune",
            "smart_gap_mvnd",
        ],
        "provinces",
    )
    rules = p["plan"]["at_risk"]
    default_target = float(p["pilots"]["types"]["smart_commune"]["number"])
    target = (
        df["target_smart_commune"]
        if "target_smart_commune" in df.columns
        else pd.Series(np.nan, index=df.index)
    )
    target = target.astype(float).fillna(default_target)
    available = df["pilots_available"].astype(bool)
    eligible = df["eligible_smart_commune"].astype(float).fillna(0.0)
    chosen = df["chosen_smart_commune"].astype(float).fillna(0.0)
    gap = df["smart_gap_mvnd"].astype(float).fillna(0.0)
    none_at_all = available & (eligible == 0) & (chosen == 0)
    conditions = [
        (
            ~available & bool(rules["missing_is_risk"]),
            pd.Series("Chưa có số liệu thí điểm (sổ tính 02 chưa chạy)", index=df.index),
        ),
        (
            none_at_all,
            pd.Series("Không có xã đủ điều kiện và chưa chọn xã thí điểm", index=df.index),
        ),
        (
            available & ~none_at_all & (chosen < target),
            "Số xã thí điểm đã chọn ("
            + chosen.map(lambda v: f"{v:.0f}")
            + ") ít hơn mục tiêu ("
            + target.map(lambda v: f"{v:.0f}")
            + ")",
        ),
        (
            available & (chosen > 0) & (gap > float(rules["gap_cost_max_mvnd"])),
            "Xã thí điểm được chọn chưa đủ điều kiện: cần "
            + gap.map(lambda v: _plan.fmt_number(float(v)))
            + " triệu đồng để bù thiếu hụt",
        ),
    ]
    reason = pd.Series("", index=df.index)
    for mask, text in conditions:  # a handful of rules
        add = text.where(mask, "")
        reason = reason.where(add == "", reason.where(reason == "", reason + "; ") + add)
    out = df.assign(target_smart_commune=target, risk_reason=reason)[reason != ""]
    cols = [
        "province_code",
        "province_name",
        "eligible_smart_commune",
        "chosen_smart_commune",
        "target_smart_commune",
        "smart_gap_mvnd",
        "risk_reason",
    ]
    return out[cols].sort_values("province_code").reset_index(drop=True)


# ----------------------------------------------------------------- targets


def target_matrix(df: pd.DataFrame, params: dict | None = None) -> pd.DataFrame:
    """Decision 924 targets by province: value (0–1) of each target, one row per province.

    Parameters
    ----------
    df : pandas.DataFrame
        Output of :func:`collect_provinces`.
    params : dict, optional
        Resolved params (``status.targets``).

    Returns
    -------
    pandas.DataFrame
        Index ``province_name``; one column per target (its ``label_vi``), values 0–1 (NaN when
        01 has not run); ``attrs["targets"]`` maps each label to its target value.

    Raises
    ------
    KeyError
        If ``province_name`` or a ``<id>_value`` column is missing.
    """
    p = _params(params)
    targets = p["status"]["targets"]
    _require(df, ["province_name"] + [f"{t}_value" for t in targets], "provinces")
    out = pd.DataFrame(
        {
            spec["label_vi"]: df[f"{t}_value"].astype(float).to_numpy()
            for t, spec in targets.items()
        },
        index=df["province_name"],
    )
    out.attrs["targets"] = {spec["label_vi"]: float(spec["target"]) for spec in targets.values()}
    return out


def national_targets(
    df: pd.DataFrame, params: dict | None = None, survey: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Progress against each Decision 924 target nationally.

    With ``survey`` (all provinces' communes, latest year each) the national value comes from
    :func:`ntmplan.tasks.status.target_progress` on the whole country as one area (exact). Without
    it, count targets add up the provinces' ``communes_met`` / ``communes_total``, and the
    files-online target takes the communes-weighted mean of province values (approximate,
    said in ``method``).

    Parameters
    ----------
    df : pandas.DataFrame
        Output of :func:`collect_provinces`.
    params : dict, optional
        Resolved params (``status.targets``).
    survey : pandas.DataFrame, optional
        Validated survey of every province.

    Returns
    -------
    pandas.DataFrame
        ``target_id``, ``label_vi``, ``target``, ``value`` (0–1), ``met``, ``communes_met``,
        ``communes_total``, ``provinces_met``, ``provinces_total``, ``method``.

    Raises
    ------
    KeyError
        If a ``<id>_…`` column of :func:`collect_provinces` is missing.
    """
    p = _params(params)
    targets = p["status"]["targets"]
    exact = None
    if survey is not None and len(survey):
        from ntmplan.tasks import status

        exact = status.target_progress(survey, p).set_index("target_id")
    rows = []
    for tid, spec in targets.items():  # four targets
        _require(
            df,
            [f"{tid}_value", f"{tid}_met", f"{tid}_communes_met", f"{tid}_communes_total"],
            "provinces",
        )
        met_n = df[f"{tid}_communes_met"].astype(float)
        tot_n = df[f"{tid}_communes_total"].astype(float)
        has = df[f"{tid}_value"].notna()
        if exact is not None and tid in exact.index:
            value = float(exact.loc[tid, "value"])
            communes_met, communes_total = (
                int(exact.loc[tid, "communes_met"]),
                int(exact.loc[tid, "communes_total"]),
            )
            method = "tính trực tiếp từ số liệu khảo sát các xã / computed from the survey"
        else:
            communes_met, communes_total = int(met_n[has].sum()), int(tot_n[has].sum())
            if tid == "files_online":
                w = tot_n[has]
                value = (
                    float((df.loc[has, f"{tid}_value"].astype(float) * w).sum() / w.sum())
                    if w.sum() > 0
                    else np.nan
                )
                method = "bình quân giá trị các tỉnh theo số xã (gần đúng) / communes-weighted mean of provinces (approximate)"
            else:
                value = communes_met / communes_total if communes_total else np.nan
                method = "cộng số xã đạt của các tỉnh / sum of provinces' communes"
        target = float(spec["target"])
        rows.append(
            {
                "target_id": tid,
                "label_vi": spec["label_vi"],
                "target": target,
                "value": value,
                "met": bool(value >= target - 1e-9) if value == value else None,
                "communes_met": communes_met,
                "communes_total": communes_total,
                "provinces_met": int(df.loc[has, f"{tid}_met"].astype(bool).sum()),
                "provinces_total": int(has.sum()),
                "method": method,
            }
        )
    return pd.DataFrame(rows)


# ----------------------------------------------------------------- pilots and budget


def pilots_table(df: pd.DataFrame) -> pd.DataFrame:
    """Eligible and chosen pilots per province.

    Parameters
    ----------
    df : pandas.DataFrame
        Output of :func:`collect_provinces`.

    Returns
    -------
    pandas.DataFrame
        ``province_code``, ``province_name``, ``eligible_smart_commune``,
        ``eligible_ecommerce_commune``, ``chosen_smart_commune``, ``chosen_smart_names``,
        ``chosen_ecommerce_commune``, ``smart_gap_mvnd``.

    Raises
    ------
    KeyError
        If a column is missing.
    """
    cols = [
        "province_code",
        "province_name",
        "eligible_smart_commune",
        "eligible_ecommerce_commune",
        "chosen_smart_commune",
        "chosen_smart_names",
        "chosen_ecommerce_commune",
        "smart_gap_mvnd",
    ]
    _require(df, cols, "provinces")
    return df[cols].reset_index(drop=True)


def budget_by_source(df: pd.DataFrame, params: dict | None = None) -> pd.DataFrame:
    """Budget totals by funding source across provinces (provinces whose 03 ran).

    Parameters
    ----------
    df : pandas.DataFrame
        Output of :func:`collect_provinces`.
    params : dict, optional
        Resolved params (``budget.sources`` for the labels).

    Returns
    -------
    pandas.DataFrame
        ``source`` (code), ``label`` (Vietnamese), ``amount_mvnd``, ``share`` (of the total of
        the sources; NaN when the total is 0); a last row ``total``.

    Raises
    ------
    KeyError
        If a ``budget_<source>_mvnd`` column is missing.
    """
    p = _params(params)
    sources = p["budget"]["sources"]
    _require(df, [f"budget_{s}_mvnd" for s in sources], "provinces")
    amounts = pd.Series({s: float(df[f"budget_{s}_mvnd"].astype(float).sum()) for s in sources})
    total = float(amounts.sum())
    out = pd.DataFrame(
        {
            "source": list(sources),
            "label": [str(sources[s]).split(" / ")[0] for s in sources],
            "amount_mvnd": amounts.to_numpy(),
            "share": amounts.to_numpy() / total if total > 0 else np.nan,
        }
    )
    out.loc[len(out)] = {
        "source": "total",
        "label": "Tổng cộng",
        "amount_mvnd": total,
        "share": 1.0 if total > 0 else np.nan,
    }
    return out


# ----------------------------------------------------------------- registrations


def _inverse_labels() -> dict[str, str]:
    try:
        from ntmplan.tasks.pilots import LABELS as PILOT_LABELS
    except ImportError:  # pragma: no cover - pilots ships with the package
        return {}
    return {v: k for k, v in PILOT_LABELS.items()}


def read_registration(path: str | Path) -> pd.DataFrame:
    """Read one province's registration workbook (every sheet, stacked) as text/number cells.

    Vietnamese headers written with :data:`ntmplan.tasks.pilots.LABELS` are turned back into the
    column names.

    Parameters
    ----------
    path : str or Path

    Returns
    -------
    pandas.DataFrame

    Raises
    ------
    OSError, ValueError
        If the file cannot be read as XLSX.
    """
    sheets = pd.read_excel(path, sheet_name=None, dtype=object, engine="openpyxl")
    inverse = _inverse_labels()
    frames = [
        f.rename(columns=lambda c: inverse.get(str(c), str(c)))
        for f in sheets.values()
        if len(f.columns)
    ]
    if not frames:
        return pd.DataFrame()
    return pd.concat(frames, ignore_index=True)


def stack_registrations(outputs_root: str | Path) -> pd.DataFrame:
    """Stack every province's ``dang_ky_thi_diem_trung_uong.xlsx`` into one table.

    Files are taken in province-code order. The columns are those of the first file; a file
    whose columns differ (or that cannot be read) is left out and named in
    ``attrs["problems"]`` (Vietnamese / English messages). Codes stay text.

    Parameters
    ----------
    outputs_root : str or Path

    Returns
    -------
    pandas.DataFrame
        The stacked rows (empty when no province has a file); ``attrs["problems"]`` (list of
        str) and ``attrs["provinces"]`` (codes stacked).
    """
    frames: list[pd.DataFrame] = []
    problems: list[str] = []
    stacked: list[str] = []
    columns: list[str] | None = None
    for code, folder in province_folders(outputs_root):
        path = folder / REGISTRATION_FILE
        if not path.is_file():
            continue
        try:
            frame = read_registration(path)
        except Exception as exc:  # noqa: BLE001 - a bad file is reported, not fatal
            problems.append(
                f"{folder.name}/{REGISTRATION_FILE}: không đọc được / unreadable ({type(exc).__name__})"
            )
            continue
        if columns is None:
            columns = list(frame.columns)
        if list(frame.columns) != columns:
            problems.append(
                f"{folder.name}/{REGISTRATION_FILE}: cột khác tệp đầu tiên, bỏ qua / columns differ from the first file, skipped"
            )
            continue
        frames.append(frame)
        stacked.append(code)
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns or [])
    for col in ("province_code", "commune_code"):
        if col in out.columns:
            out[col] = out[col].map(lambda v: v if v is None or isinstance(v, str) else str(v))
    out.attrs["problems"] = problems
    out.attrs["provinces"] = stacked
    return out


def write_registrations(df: pd.DataFrame, out_dir: str | Path) -> Path:
    """Write the stacked registrations as ``dang_ky_thi_diem_trung_uong_toan_quoc.xlsx``.

    Parameters
    ----------
    df : pandas.DataFrame
        Output of :func:`stack_registrations`.
    out_dir : str or Path
        The national output folder.

    Returns
    -------
    Path
    """
    from ntmplan.core.writers import write_excel

    try:
        from ntmplan.tasks.pilots import LABELS as PILOT_LABELS
    except ImportError:  # pragma: no cover
        PILOT_LABELS = {}
    return write_excel(
        Path(out_dir) / NATIONAL_REGISTRATION_FILE, {"Đăng ký thí điểm TW": df}, labels=PILOT_LABELS
    )


# ----------------------------------------------------------------- map and charts


def commune_index(survey: pd.DataFrame, params: dict | None = None) -> pd.DataFrame:
    """Per-commune readiness index with coordinates, for the national dot map.

    Parameters
    ----------
    survey : pandas.DataFrame
        Validated survey rows (any provinces).
    params : dict, optional
        Resolved params (``status`` section).

    Returns
    -------
    pandas.DataFrame
        ``province_code``, ``commune_code``, ``commune_name``, ``unit_type``, the index
        columns of :func:`ntmplan.tasks.status.readiness_index` and ``lon``, ``lat`` (NaN when the
        commune is not in the 2025 unit list).

    Raises
    ------
    ntmplan.tasks.status.MissingColumnError
        If a survey column is missing.
    """
    from ntmplan.survey import units
    from ntmplan.tasks import status

    p = _params(params)
    index = status.readiness_index(status.commune_indicators(survey, p), p)
    base = survey[["province_code", "commune_code", "commune_name", "unit_type"]].reset_index(
        drop=True
    )
    frame = pd.concat([base, index.reset_index(drop=True)], axis=1)
    coords = units.current_units()[["commune_code", "lon", "lat"]].drop_duplicates("commune_code")
    return frame.merge(coords, on="commune_code", how="left")


def national_dot_map(
    frame: pd.DataFrame,
    pilot_codes=None,
    title: str = "Chỉ số sẵn sàng chuyển đổi số các xã — toàn quốc",
):
    """Draw every commune coloured by its readiness index, the chosen pilots ringed.

    Uses :func:`ntmplan.core.charts.dot_map` (pilot names are not printed: too many for a
    national map).

    Parameters
    ----------
    frame : pandas.DataFrame
        Output of :func:`commune_index`.
    pilot_codes : iterable of str, optional
        Commune codes of the chosen pilots.
    title : str

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    KeyError
        If ``lon``, ``lat``, ``overall`` or ``commune_code`` is missing.
    """
    from ntmplan.core import charts

    data = frame.drop(columns=[c for c in ("commune_name",) if c in frame.columns])
    return charts.dot_map(data, value="overall", highlight=list(pilot_codes or []), title=title)


def target_heatmap(
    matrix: pd.DataFrame, title: str = "Tiến độ các mục tiêu Quyết định 924 theo tỉnh"
):
    """Draw provinces × targets: green when met, red → yellow by value / target when not; text = value in %.

    Parameters
    ----------
    matrix : pandas.DataFrame
        Output of :func:`target_matrix`.
    title : str

    Returns
    -------
    matplotlib.figure.Figure
    """
    from ntmplan.core import charts

    targets = matrix.attrs.get("targets", {})
    values = matrix.astype(float)
    shade = values.copy()
    for col in values.columns:  # a handful of targets
        t = float(targets.get(col, 1.0)) or 1.0
        met = values[col] >= t - 1e-9
        # colour scale position: met → 0.9 (green); not met → 0–0.55 (red → yellow) by value / target
        shade[col] = (values[col] / t).clip(upper=1.0).mul(0.55).where(~met, 0.9)
    fig = charts._figure(8.5, max(3.0, 0.32 * len(values) + 2.2))
    ax = fig.add_subplot()
    if values.empty:
        ax.text(0.5, 0.5, "Chưa có số liệu", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        ax.set_title(title)
        return fig
    ax.imshow(shade.to_numpy(), aspect="auto", cmap=charts.CMAP, vmin=0.0, vmax=1.0)
    for i in range(values.shape[0]):
        for j, col in enumerate(values.columns):
            v = values.iat[i, j]
            met = v == v and v >= float(targets.get(col, 0.0)) - 1e-9
            text = "–" if v != v else f"{v * 100:.0f}%" + (" ✓" if met else "")
            ax.text(j, i, text, ha="center", va="center", fontsize=7)
    ax.set_xticks(
        range(values.shape[1]),
        [charts._wrap(f"{c} (≥ {targets.get(c, 0) * 100:.0f}%)", 22) for c in values.columns],
        fontsize=7,
    )
    ax.xaxis.tick_top()
    ax.set_yticks(range(values.shape[0]), [str(i) for i in values.index], fontsize=7)
    ax.set_title(title)
    return fig


# ----------------------------------------------------------------- notebook context


@dataclass
class National:
    """What notebook 00 needs (see :func:`open_national`)."""

    outputs_root: Path
    out: Path
    params: dict
    provinces: pd.DataFrame
    survey: pd.DataFrame | None
    data_files: list[Path]
    illustrative: bool

    def path(self, name: str) -> Path:
        """Return the path of an output file in the national folder."""
        return self.out / name

    def notice(self) -> str:
        """Return the Markdown illustrative-data banner, or "" for real data."""
        from ntmplan.notebook.context import ILLUSTRATIVE_NOTICE

        return ILLUSTRATIVE_NOTICE if self.illustrative else ""

    def save_figure(self, fig, name: str) -> Path:
        """Save a figure as ``figures/<name>.png`` (deterministic bytes)."""
        from ntmplan.core.charts import save_png

        return save_png(fig, self.out / "figures" / f"{name}.png")

    def show_figure(self, fig, name: str) -> None:
        """Save a figure as ``figures/<name>.png`` and show the same PNG (one rendering)."""
        from ntmplan.notebook.display import save_and_show

        save_and_show(fig, self.out / "figures" / f"{name}.png")

    def write_summary(self, data: dict) -> Path:
        """Write ``summary_00_national.json`` in the national folder."""
        from ntmplan.core.writers import write_json

        payload = {"notebook": "00_national", "illustrative": self.illustrative, **data}
        return write_json(self.out / "summary_00_national.json", payload)


def survey_files(outputs_root: str | Path) -> dict[str, str]:
    """Find the survey file each province ran on, from its executed notebooks.

    Reads ``data_file`` from the province summaries when present, else from the papermill
    parameters of the executed ``01_status.ipynb`` (then 02–05).

    Parameters
    ----------
    outputs_root : str or Path

    Returns
    -------
    dict
        Province code → data file path ("" = the bundled illustrative survey).
    """
    found: dict[str, str] = {}
    for code, folder in province_folders(outputs_root):
        for nb in STATUS_NOTEBOOKS[:-1]:
            summary = _plan._read_json(folder / f"summary_{nb}.json")
            if isinstance(summary, dict) and isinstance(summary.get("data_file"), str):
                found[code] = summary["data_file"]
                break
            meta = _papermill_meta(folder / f"{nb}.ipynb")
            value = _plan._get(meta or {}, "parameters", "data_file")
            if isinstance(value, str):
                found[code] = value
                break
    return found


def open_national(outputs_root: str = "", output_dir: str = "", params_file: str = "") -> National:
    """Open the national roll-up context.

    Parameters
    ----------
    outputs_root : str
        Outputs root; empty means ``ntmplan.core.paths.OUTPUTS_DIR``.
    output_dir : str
        National output folder; empty means ``<outputs_root>/00-toan-quoc``.
    params_file : str
        Extra params overlay; empty means none.

    Returns
    -------
    National
        ``survey`` holds the latest survey year of each province found (read from the data
        files the provinces ran on; None when no province folder exists).

    Raises
    ------
    InputError
        If the params file or a survey file cannot be used.
    """
    from ntmplan.core import paths
    from ntmplan.core.params import load_params, write_resolved
    from ntmplan.notebook.context import is_illustrative, load_survey_cached

    root = Path(outputs_root) if str(outputs_root).strip() else paths.OUTPUTS_DIR
    out = Path(output_dir) if str(output_dir).strip() else root / NATIONAL_DIR
    (out / "figures").mkdir(parents=True, exist_ok=True)
    params = load_params(params_file=params_file if str(params_file).strip() else None)
    write_resolved(params, out / "params_resolved.yaml")
    provinces = collect_provinces(root, params)
    files = survey_files(root)
    codes = list(provinces["province_code"])
    by_file: dict[Path, list[str]] = {}
    for code in codes:
        f = files.get(code, "")
        by_file.setdefault(Path(f) if f else paths.SAMPLE_SURVEY, []).append(code)
    frames = []
    for f, wanted in by_file.items():
        data = load_survey_cached(f, scheme=params["programme"]["scheme"])
        frames.append(data[data["province_code"].isin(wanted)])
    survey = None
    if frames:
        survey = pd.concat(frames, ignore_index=True)
        latest = survey.groupby("province_code")["year"].transform("max")
        survey = survey[survey["year"] == latest].reset_index(drop=True)
    illustrative = bool(provinces["illustrative"].any()) or any(is_illustrative(f) for f in by_file)
    return National(root, out, params, provinces, survey, sorted(by_file), illustrative)


def summary(
    df: pd.DataFrame, risk: pd.DataFrame, budget: pd.DataFrame, registrations: pd.DataFrame
) -> dict:
    """Key figures of the national roll-up (keys in the module docstring).

    Parameters
    ----------
    df : pandas.DataFrame
        Output of :func:`collect_provinces`.
    risk : pandas.DataFrame
        Output of :func:`at_risk`.
    budget : pandas.DataFrame
        Output of :func:`budget_by_source`.
    registrations : pandas.DataFrame
        Output of :func:`stack_registrations`.

    Returns
    -------
    dict
        JSON-serialisable.
    """
    readiness = (
        df["readiness"].astype(float) if "readiness" in df.columns else pd.Series(dtype=float)
    )
    by_source = {r.source: float(r.amount_mvnd) for r in budget.itertuples() if r.source != "total"}
    return {
        "provinces": int(len(df)),
        "provinces_with_pilots_summary": int(df["pilots_available"].sum())
        if "pilots_available" in df.columns
        else 0,
        "at_risk": [str(c) for c in risk["province_code"]],
        "at_risk_count": int(len(risk)),
        "readiness_mean": float(readiness.mean()) if readiness.notna().any() else None,
        "budget_total_mvnd": float(sum(by_source.values())),
        "budget_by_source_mvnd": by_source,
        "registrations": int(len(registrations)),
        "illustrative": bool(df["illustrative"].any()) if "illustrative" in df.columns else False,
    }

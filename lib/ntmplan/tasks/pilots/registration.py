"""Registration of candidates for centrally directed pilots (guidance 3b), same columns."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from ntmplan.core.errors import ParamsError
from ntmplan.core.params import params_or_defaults
from ntmplan.tasks.pilots.choice import BASIS_VI, choose_pilots
from ntmplan.tasks.pilots.config import param_problem, pilot_params, pilot_types
from ntmplan.tasks.pilots.eligibility import check_eligibility
from ntmplan.tasks.pilots.frames import floats, sector_labels, share
from ntmplan.tasks.pilots.scoring import rank_candidates

#: Column order of the central registration table (identical for every province).
REGISTRATION_COLUMNS: tuple[str, ...] = (
    "province_code",
    "province_name",
    "pilot_type",
    "pilot_type_vi",
    "rank",
    "commune_code",
    "commune_name",
    "prominent_sector",
    "sector_vi",
    "eligible",
    "conditions_met",
    "missing_vi",
    "basis_vi",
    "override_reason",
    "score",
    "gap_mvnd",
    "year",
    "households",
    "share_households_internet_smart",
    "share_villages_fiber",
    "share_villages_4g",
    "share_officials_computer",
    "files_online_share",
    "ocop_products_online",
    "households_selling_online",
    "digital_providers",
    "dx_demand",
)


def registration_table(
    survey: pd.DataFrame,
    params: dict | None = None,
    province_code: str | None = None,
    province_name: str | None = None,
    top_n: int | None = None,
) -> pd.DataFrame:
    """Registration of candidates for centrally directed pilots (guidance 3b).

    Per pilot type, the top candidates chosen as by :func:`choose_pilots` with ``n =
    top_n`` and no fallback: pinned communes, then eligible communes by score. The guidance
    (3b) asks provinces to register communes that meet the conditions, so only eligible
    communes are listed — unless ``pilots.registration_overrides`` names a commune with a
    written reason: it is then listed (after the others) and its reason is written in
    ``override_reason``. A type with no such commune has no row. One row per commune; the
    columns are :data:`REGISTRATION_COLUMNS` for every province, so the central office can
    stack the files.

    Parameters
    ----------
    survey : DataFrame
        This province's survey rows.
    params : dict, optional
        Resolved params; ``None`` means the defaults.
    province_code, province_name : str, optional
        Written on every row (default: the survey's ``province_code``; name empty).
    top_n : int, optional
        Candidates per type; default ``pilots.registration_top_n``.

    Returns
    -------
    DataFrame
        Columns exactly :data:`REGISTRATION_COLUMNS`; possibly no rows.

    Raises
    ------
    MissingColumnError
        If a needed column is missing (an :class:`~ntmplan.core.errors.InputError`).
    ParamsError
        If an override lacks a commune code or a written reason, or names an unknown type.
    """
    params = params_or_defaults(params)
    pp = pilot_params(params)
    overrides = registration_overrides(pp)
    top_n = int(pp["registration_top_n"]) if top_n is None else int(top_n)
    if province_code is None and "province_code" in survey.columns and len(survey):
        province_code = str(survey["province_code"].iloc[0])
    frames = []
    for pilot_type, conf in pilot_types(pp).items():
        elig = check_eligibility(survey, params, pilot_type)
        ranked = rank_candidates(survey, elig, params)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            chosen = choose_pilots(ranked, params, n=top_n, fallback=False)
        reasons = overrides.get(pilot_type, {})
        chosen = _registered(chosen, ranked, reasons)
        frames.append(_registration_rows(survey, elig, chosen, pilot_type, conf, params))
    out = (
        pd.concat(frames, ignore_index=True)
        if frames
        else pd.DataFrame(columns=list(REGISTRATION_COLUMNS))
    )
    out.insert(0, "province_code", province_code or "")
    out.insert(1, "province_name", province_name or "")
    return out[list(REGISTRATION_COLUMNS)].reset_index(drop=True)


def registration_overrides(pp: dict) -> dict[str, dict[str, str]]:
    """Return the checked ``pilots.registration_overrides`` as type → commune code → reason.

    Parameters
    ----------
    pp : dict
        The ``pilots`` section.

    Returns
    -------
    dict
        ``{pilot_type: {commune_code: reason}}``.

    Raises
    ------
    ParamsError
        If an item is not ``{commune_code, pilot_type, reason}`` with a non-empty reason and a
        known pilot type (every faulty item listed).
    """
    types = pilot_types(pp)
    out: dict[str, dict[str, str]] = {}
    problems = []
    for i, item in enumerate(pp.get("registration_overrides") or []):
        key = f"pilots.registration_overrides[{i}]"
        item = item if isinstance(item, dict) else {}
        code = str(item.get("commune_code") or "").strip()
        reason = str(item.get("reason") or "").strip()
        pilot_type = str(item.get("pilot_type") or "").strip()
        if not code or not reason or pilot_type not in types:
            problems.append(
                param_problem(
                    key,
                    item,
                    "Cần mã xã (commune_code), loại mô hình (pilot_type: "
                    f"{', '.join(types)}) và lý do viết rõ (reason)",
                    "needs commune_code, pilot_type (one of "
                    f"{', '.join(types)}) and a written reason",
                )
            )
            continue
        out.setdefault(pilot_type, {})[code.zfill(5)] = reason
    if problems:
        raise ParamsError(problems)
    return out


def _registered(chosen: pd.DataFrame, ranked: pd.DataFrame, reasons: dict) -> pd.DataFrame:
    """Keep the eligible chosen communes and the overridden ones; add ``override_reason``."""
    codes = ranked["commune_code"].astype(str)
    extra = ranked[
        codes.isin(list(reasons)).to_numpy()
        & ~codes.isin(chosen["commune_code"].astype(str)).to_numpy()
        & ~ranked["excluded"].to_numpy(dtype=bool)
    ].assign(basis="override", basis_vi=BASIS_VI["override"])
    out = pd.concat([chosen, extra]) if len(extra) else chosen
    chosen_codes = out["commune_code"].astype(str)
    eligible = out["eligible"].to_numpy(dtype=bool)
    reason = chosen_codes.map(reasons)
    keep = eligible | reason.notna().to_numpy()
    out = out[keep].assign(override_reason=reason[keep].where(~eligible[keep], None))
    return out.assign(
        choice=np.arange(1, len(out) + 1, dtype=np.int64),
        gap_mvnd=np.where(out["eligible"], 0.0, out["total_gap_mvnd"].astype(float)),
    )


def _registration_rows(survey, elig, chosen, pilot_type, conf, params) -> pd.DataFrame:
    """Rows of one pilot type: the chosen communes with their conditions and key survey values."""
    s = survey.loc[chosen.index]
    f = {
        c: floats(s, c)
        for c in (
            "households",
            "households_internet_smart",
            "villages",
            "villages_fiber",
            "villages_4g",
            "officials",
            "officials_computer",
        )
    }
    e = elig.loc[chosen.index]
    year = s["year"].to_numpy() if "year" in s.columns else np.full(len(s), np.nan)
    return pd.DataFrame(
        {
            "pilot_type": pilot_type,
            "pilot_type_vi": conf.get("label_vi", pilot_type),
            "rank": chosen["choice"].to_numpy(dtype=np.int64),
            "commune_code": chosen["commune_code"].astype(str).to_numpy(),
            "commune_name": chosen["commune_name"].to_numpy(),
            "prominent_sector": chosen["prominent_sector"].to_numpy(),
            "sector_vi": sector_labels(chosen["prominent_sector"], params),
            "eligible": chosen["eligible"].to_numpy(dtype=bool),
            "conditions_met": e["n_conditions_met"].astype(str).to_numpy(dtype=object)
            + "/"
            + e["n_conditions"].astype(str).to_numpy(dtype=object),
            "missing_vi": e["missing_vi"].to_numpy(),
            "basis_vi": chosen["basis_vi"].to_numpy(),
            "override_reason": chosen["override_reason"]
            .astype(object)
            .where(chosen["override_reason"].notna(), None)
            .to_numpy(dtype=object),
            "score": np.round(chosen["score"].to_numpy(dtype=float), 2),
            "gap_mvnd": chosen["gap_mvnd"].to_numpy(dtype=float),
            "year": year,
            "households": f["households"],
            "share_households_internet_smart": share(
                f["households_internet_smart"], f["households"]
            ),
            "share_villages_fiber": share(f["villages_fiber"], f["villages"]),
            "share_villages_4g": share(f["villages_4g"], f["villages"]),
            "share_officials_computer": share(f["officials_computer"], f["officials"]),
            "files_online_share": floats(s, "files_online_share"),
            "ocop_products_online": floats(s, "ocop_products_online"),
            "households_selling_online": floats(s, "households_selling_online"),
            "digital_providers": floats(s, "digital_providers"),
            "dx_demand": floats(s, "dx_demand"),
        }
    )

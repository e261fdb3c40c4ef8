"""Forms in: every returned file read, matched to its commune, validated, and merged.

:func:`collect_returns` gives a :class:`Collection`: one row per file with its commune and
status — ``submitted`` (đã nộp), ``errors`` (có lỗi), ``duplicate`` (trùng), ``unrecognised``
(không nhận ra) — every problem located by file, sheet, row and column, the communes of the
province that sent nothing, and the merged commune and village tables of the valid files.

A file is matched to its commune by the codes inside it, never by its name. Two files with
the same commune and year are a conflict: both are listed with both paths and neither is
merged, unless ``prefer="newest"`` keeps the one modified last (the other is then listed as a
duplicate that was replaced). Files are only read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ntmplan.core.errors import Problem
from ntmplan.core.params import params_or_defaults
from ntmplan.survey.forms.batches import row_keys, validate_communes, validate_village_tables
from ntmplan.survey.forms.returns import ReturnedFile, located, read_return

#: Status of a returned file: code → Vietnamese label (the returns report).
STATUS_LABELS = {
    "submitted": "đã nộp",
    "errors": "có lỗi",
    "duplicate": "trùng",
    "unrecognised": "không nhận ra",
}
#: What ``prefer`` may ask for.
PREFER = ("newest",)


@dataclass
class Collection:
    """What collecting a folder of returned forms found.

    Parameters
    ----------
    files : pandas.DataFrame
        One row per file: ``file``, ``province_code``, ``commune_code``, ``commune_name``,
        ``year``, ``status`` (a key of :data:`STATUS_LABELS`), ``errors``, ``warnings``,
        ``note``.
    problems : list of Problem
        Every problem, each with its file, sheet, row and column.
    missing : pandas.DataFrame
        Communes of the province(s) that returned no form: ``province_code``,
        ``commune_code``, ``commune_name``, ``unit_type``.
    communes, villages : pandas.DataFrame
        The merged typed tables of the files whose status is ``submitted``.
    """

    files: pd.DataFrame
    problems: list[Problem]
    missing: pd.DataFrame
    communes: pd.DataFrame
    villages: pd.DataFrame

    @property
    def complete(self) -> bool:
        """Whether every file was submitted without error (the merged survey may be written)."""
        return bool((self.files["status"] == "submitted").all()) and len(self.files) > 0


def _identify(returns: list[ReturnedFile], province: str | None) -> pd.DataFrame:
    """Per file: its commune(s) and year(s) as written, and whether they name a known unit."""
    from ntmplan.survey.units import current_units

    units = current_units().set_index("commune_code")
    parts = []
    for k, r in enumerate(returns):
        if r.communes is not None and "commune_code" in r.communes:
            parts.append(row_keys(r.communes).assign(part=k).rename_axis("row").reset_index())
    keys = (
        pd.concat(parts, ignore_index=True)
        if parts
        else pd.DataFrame(columns=["commune_code", "year", "part"])
    )
    keys = keys[keys["commune_code"].notna()]
    keys["province_code"] = keys["commune_code"].map(units["province_code"])
    known = keys["province_code"].notna()
    if province is not None:
        known &= keys["province_code"] == province
    return keys.assign(known=known)


def _conflicts(
    keys: pd.DataFrame, returns: list[ReturnedFile], prefer: str | None
) -> dict[int, tuple[str, str]]:
    """File position → (``conflict`` or ``replaced``, the other paths) for files sharing a commune and year."""
    k = keys[keys["known"] & keys["year"].notna()].drop_duplicates(["part", "commune_code", "year"])
    shared = k[k.duplicated(["commune_code", "year"], keep=False)].copy()
    out: dict[int, tuple[str, str]] = {}
    if shared.empty:
        return out
    shared["mtime"] = [returns[p].mtime for p in shared["part"]]
    shared["path"] = [str(returns[p].path) for p in shared["part"]]
    for _, grp in shared.groupby(["commune_code", "year"]):
        if prefer == "newest":
            keep = grp.sort_values(["mtime", "path"]).iloc[-1]
            for p in grp["part"]:
                if p != keep["part"]:
                    out[int(p)] = ("replaced", keep["path"])
        else:
            for p, path in zip(grp["part"], grp["path"], strict=True):
                others = "; ".join(x for x in grp["path"] if x != path)
                out[int(p)] = ("conflict", others)
    return out


def _conflict_problem(r: ReturnedFile, kind: str, others: str, code: str, year, row) -> Problem:
    if kind == "replaced":
        return Problem(
            str(r.path),
            row,
            "commune_code",
            code,
            f"Xã {code} năm {year} có phiếu mới hơn ({others}); phiếu này không được dùng",
            f"commune {code}, {year} has a newer form ({others}); this one is not used",
            "warning",
            r.sheet,
        )
    return Problem(
        str(r.path),
        row,
        "commune_code",
        code,
        f"Xã {code} năm {year} có trong nhiều tệp — tệp khác: {others}; hãy giữ một tệp (hoặc dùng --prefer newest)",
        f"commune {code}, {year} is in several files — other: {others}; keep one (or use --prefer newest)",
        "error",
        r.sheet,
    )


def _unrecognised_problem(r: ReturnedFile, province: str | None, codes: str) -> Problem:
    where = f" của tỉnh {province}" if province else ""
    return Problem(
        str(r.path),
        None,
        "commune_code",
        codes or None,
        f"Không nhận ra xã: không có mã xã nào{where} trong danh mục đơn vị hành chính 2025",
        "no commune code of the 2025 units"
        + (f" of province {province}" if province else "")
        + " in the file",
        "error",
        r.sheet,
    )


def collect_returns(
    paths: Iterable[str | Path],
    *,
    province: str | None = None,
    prefer: str | None = None,
    params: dict | None = None,
    progress: Callable | None = None,
) -> Collection:
    """Read, match, validate and merge returned forms.

    Parameters
    ----------
    paths : iterable of str or Path
        The returned files (see :func:`ntmplan.survey.forms.returns.find_returns`).
    province : str, optional
        2-digit code: files of other provinces are not recognised, and the communes not
        returned are this province's. Default: the provinces the files name.
    prefer : {"newest"}, optional
        Resolve two files of one commune and year by keeping the one modified last.
    params : dict, optional
    progress : callable, optional
        Wraps the iterable of paths (e.g. ``tqdm``) while the files are read.

    Returns
    -------
    Collection

    Raises
    ------
    ValueError
        If ``prefer`` is not None or ``"newest"``.
    """
    if prefer is not None and prefer not in PREFER:
        raise ValueError(f"prefer must be one of {PREFER} or None, not {prefer!r}")
    params = params_or_defaults(params)
    paths = [Path(p) for p in paths]
    returns = [read_return(p, params) for p in (progress(paths) if progress else paths)]
    keys = _identify(returns, province)
    conflicts = _conflicts(keys, returns, prefer)
    known_parts = set(keys.loc[keys["known"], "part"])
    problems: list[list[Problem]] = [list(r.problems) for r in returns]
    status = ["unrecognised"] * len(returns)
    for k, r in enumerate(returns):
        if r.communes is not None and k not in known_parts:
            codes = ", ".join(keys.loc[keys["part"] == k, "commune_code"].astype(str).unique()[:5])
            problems[k].append(_unrecognised_problem(r, province, codes))
    candidates = [k for k in sorted(known_parts) if conflicts.get(k, ("",))[0] != "replaced"]
    typed_c, typed_v = _validate(returns, candidates, keys, params, problems)
    for k in known_parts:
        first = keys[(keys["part"] == k) & keys["known"]].iloc[0]
        if k in conflicts:
            kind, others = conflicts[k]
            problems[k].append(
                _conflict_problem(
                    returns[k],
                    kind,
                    others,
                    first["commune_code"],
                    first["year"],
                    int(first["row"]),
                )
            )
            status[k] = "duplicate"
        elif any(p.severity == "error" for p in problems[k]):
            status[k] = "errors"
        else:
            status[k] = "submitted"
    files = _files_table(returns, keys, status, problems, conflicts)
    ok = {k for k, s in enumerate(status) if s == "submitted"}
    communes = (
        typed_c[typed_c["part"].isin(ok)]
        .drop(columns="part")
        .sort_values(["commune_code", "year"])
        .reset_index(drop=True)
    )
    villages = (
        typed_v[typed_v["part"].isin(ok)]
        .drop(columns="part")
        .sort_values(["commune_code", "year", "village_name"])
        .reset_index(drop=True)
    )
    provinces = (
        [province] if province else sorted(keys.loc[keys["known"], "province_code"].unique())
    )
    return Collection(
        files,
        [p for ps in problems for p in ps],
        _missing(provinces, keys, params),
        communes,
        villages,
    )


def _validate(returns, candidates, keys, params, problems) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Validate the candidate files in stacks of the same columns and no shared commune-year."""
    from ntmplan.survey.schema import COLUMNS
    from ntmplan.survey.villages import VILLAGE_COLUMNS, empty_villages

    rank = keys[keys["part"].isin(candidates)].drop_duplicates(["part", "commune_code", "year"])
    rank = (
        rank.assign(n=rank.groupby(["commune_code", "year"], dropna=False).cumcount())
        .groupby("part")["n"]
        .max()
    )
    groups: dict[tuple, list[int]] = {}
    for k in candidates:
        groups.setdefault((tuple(returns[k].communes.columns), int(rank.get(k, 0))), []).append(k)
    typed_c, typed_v = (
        [pd.DataFrame(columns=[*COLUMNS, "part"])],
        [empty_villages().assign(part=pd.Series(dtype="int64"))],
    )
    for members in groups.values():
        frames = [returns[k].communes for k in members]
        typed, found = validate_communes(
            frames,
            [str(returns[k].path) for k in members],
            [returns[k].sheet for k in members],
            params,
        )
        typed["part"] = typed["part"].map(dict(enumerate(members))).fillna(-1).astype("int64")
        typed_c.append(typed)
        for k, ps in zip(members, found, strict=True):
            problems[k].extend(ps)
        with_v = [k for k in members if returns[k].villages is not None]
        by_columns: dict[tuple, list[int]] = {}
        for k in with_v:
            by_columns.setdefault(tuple(returns[k].villages.columns), []).append(k)
        for vmembers in by_columns.values():
            own = [set(keys.loc[keys["part"] == k, "commune_code"]) for k in vmembers]
            vt, vfound = validate_village_tables(
                [returns[k].villages for k in vmembers],
                [str(returns[k].path) for k in vmembers],
                _declared(typed, keys[keys["part"].isin(members)]),
                own,
                params,
            )
            vt["part"] = vt["part"].map(dict(enumerate(vmembers))).fillna(-1).astype("int64")
            typed_v.append(vt)
            for k, ps in zip(vmembers, vfound, strict=True):
                problems[k].extend(located(ps, returns[k].villages.attrs.get("sheet")))
    c = pd.concat(typed_c, ignore_index=True)
    v = pd.concat(typed_v, ignore_index=True)
    return c[[*COLUMNS, "part"]], v[[*VILLAGE_COLUMNS, "part"]]


def _declared(typed: pd.DataFrame, keys: pd.DataFrame) -> pd.DataFrame:
    """The typed communes, plus the communes and years the files name on rows with an error.

    A village is then checked against the commune its form names even when the commune's
    own row has an error (that error is reported once, on the commune sheet).
    """
    named = keys[keys["known"] & keys["year"].notna()].drop_duplicates(["commune_code", "year"])
    named = named.astype({"year": "int64"})[["province_code", "commune_code", "year"]]
    have = pd.MultiIndex.from_frame(typed[["commune_code", "year"]].astype({"year": "int64"}))
    extra = named[~pd.MultiIndex.from_frame(named[["commune_code", "year"]]).isin(have)]
    return pd.concat([typed, extra], ignore_index=True)


def _files_table(returns, keys, status, problems, conflicts) -> pd.DataFrame:
    from ntmplan.survey.units import current_units

    names = current_units().set_index("commune_code")["commune_name"]
    first = keys[keys["known"]].drop_duplicates("part").set_index("part")
    rows = []
    for k, r in enumerate(returns):
        code = first["commune_code"].get(k)
        n_err = sum(p.severity == "error" for p in problems[k])
        note = ""
        if k in conflicts:
            kind, others = conflicts[k]
            note = ("đã thay bằng: " if kind == "replaced" else "trùng với: ") + others
        rows.append(
            {
                "file": str(r.path),
                "province_code": first["province_code"].get(k),
                "commune_code": code,
                "commune_name": names.get(code) if code is not None else None,
                "year": first["year"].get(k),
                "status": status[k],
                "errors": n_err,
                "warnings": len(problems[k]) - n_err,
                "note": note,
            }
        )
    out = pd.DataFrame(
        rows,
        columns=[
            "file",
            "province_code",
            "commune_code",
            "commune_name",
            "year",
            "status",
            "errors",
            "warnings",
            "note",
        ],
    )
    return out.astype({"year": "Int64"})


def _missing(provinces: list[str], keys: pd.DataFrame, params: dict | None) -> pd.DataFrame:
    from ntmplan.survey.forms.scope import form_units

    units = form_units(provinces, params)
    returned = set(keys.loc[keys["known"], "commune_code"])
    out = units[~units["commune_code"].isin(returned)]
    return (
        out[["province_code", "commune_code", "commune_name", "unit_type"]]
        .sort_values("commune_code")
        .reset_index(drop=True)
    )

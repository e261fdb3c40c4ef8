"""Section VIII (assumptions and caveats): every params leaf used, its value and its source.

Sources come from the comments of ``params/defaults.yaml``, or of the profile / province
overlay / run params file that set the value.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ntmplan.core.legal_sources import cited_sources, param_value_text, source_note
from ntmplan.core.params import lookup, param_sources, params_or_defaults
from ntmplan.core.summaries import nested_get
from ntmplan.tasks.plan.labels import ILLUSTRATIVE_TEXT, LABELS, notebook_title
from ntmplan.tasks.plan.section import Section, captioned


def _yaml_text(value) -> str:
    import yaml

    if isinstance(value, str):
        return value
    text = yaml.safe_dump(
        value, allow_unicode=True, default_flow_style=True, sort_keys=False, width=10_000
    )
    return text.strip().removesuffix("...").strip()


def _matches(key: str, prefixes) -> bool:
    return any(key == p or key.startswith(p + ".") or key.startswith(p + "[") for p in prefixes)


def params_layers(
    params: dict | None = None,
    province_code: str | None = None,
    params_file: str | Path | None = None,
) -> list[tuple[str, Path]]:
    """List the params files layered over the defaults, for :func:`assumptions_table`.

    Parameters
    ----------
    params : dict, optional
        Resolved params (``programme.profile``).
    province_code : str, optional
        Validated province code; its overlay ``params/provinces/<code>-<slug>.yaml`` is
        included when it exists.
    params_file : str or Path, optional
        The run's extra params file ("" or None for none).

    Returns
    -------
    list of (label, Path)
        In merge order: profile, province overlay, params file.
    """
    from ntmplan.core import params as params_mod

    p = params_or_defaults(params)
    out: list[tuple[str, Path]] = []
    profile = nested_get(p, "programme", "profile")
    if profile and params_mod.profile_file(str(profile)).is_file():
        pf = params_mod.profile_file(str(profile))
        out.append((f"profiles/{pf.name}", pf))
    if province_code:
        prov = params_mod.province_file(str(province_code))
        if prov is not None and prov.is_file():
            out.append((f"provinces/{prov.name}", prov))
    if params_file and str(params_file).strip() and Path(params_file).is_file():
        out.append((Path(params_file).name, Path(params_file)))
    return out


def _profile_base(p: dict) -> dict | None:
    """The params of the profile in force without province or run layers (None if unknown)."""
    from ntmplan.core.errors import ParamsError
    from ntmplan.core.params import load_params

    try:
        return load_params(profile=str(nested_get(p, "programme", "profile", default="")))
    except ParamsError:
        return None


def _other_scheme_prefixes(p: dict) -> tuple[str, ...]:
    """The plan keys of the administrative scheme not in use (not listed among the params used)."""
    if nested_get(p, "programme", "scheme", default="current") == "legacy":
        return ("plan.agencies", "plan.recipients")
    return ("plan.legacy_agencies", "plan.legacy_recipients")


def assumptions_table(
    params: dict | None = None,
    prefixes: tuple[str, ...] | list[str] | None = None,
    overlay_files: list[tuple[str, Path]] | None = None,
) -> pd.DataFrame:
    """List the params leaves used, with the value used, the default and the source comment.

    Sources come from the comments of ``params/defaults.yaml``; a key also written in the
    programme profile or a province overlay takes that file's comment (when it has one) and
    names the file in ``layer``.

    Parameters
    ----------
    params : dict, optional
        Resolved params (default: ``default_params()``).
    prefixes : sequence of str, optional
        Dotted prefixes to keep (e.g. ``("status.targets", "plan.tasks")``); None keeps all.
    overlay_files : list of (label, Path), optional
        Overlay files to read comments from, in merge order (see :func:`params_layers`).
        Default: the profile file of ``programme.profile`` only.

    Returns
    -------
    pandas.DataFrame
        Columns ``key``, ``value`` (resolved, YAML text), ``default`` (as written in
        defaults.yaml, or as the profile in force sets it for a key the profile file writes: a
        report compares with its own phase, never another's), ``source``, ``layer`` and
        ``changed`` (bool: value differs from that default).
    """
    import yaml

    p = params_or_defaults(params)
    table = param_sources()
    table["layer"] = "defaults.yaml"
    if overlay_files is None:
        overlay_files = params_layers(p)
    for label, file in overlay_files:
        extra = param_sources(file)
        for row in extra.itertuples(index=False):
            hit = table["key"] == row.key
            if hit.any():
                if row.source:
                    table.loc[hit, "source"] = row.source
                table.loc[hit, "layer"] = label
            elif row.source:  # e.g. keys under an open mapping
                table.loc[len(table)] = {
                    "key": row.key,
                    "value": row.value,
                    "source": row.source,
                    "layer": label,
                }
    if prefixes is not None:
        table = table[table["key"].map(lambda k: _matches(k, prefixes))]
    unused = _other_scheme_prefixes(p)
    table = table[~table["key"].map(lambda k: _matches(k, unused))]
    table = table.rename(columns={"value": "default"}).reset_index(drop=True)
    resolved = table["key"].map(lambda k: lookup(p, k))

    def parsed(text: str):
        try:
            return yaml.safe_load(text)
        except yaml.YAMLError:
            return text

    defaults = table["default"].map(parsed)
    profile_base = _profile_base(p)
    if profile_base is not None:  # the profile in force is the baseline a change is measured from
        from_profile = table["layer"].str.startswith("profiles/")
        base = table["key"].map(lambda k: lookup(profile_base, k))
        defaults = defaults.where(~from_profile, base)
        table.loc[from_profile, "default"] = base[from_profile].map(_yaml_text)
    table["value"] = resolved.map(_yaml_text)
    table["changed"] = [r != d for r, d in zip(resolved, defaults, strict=True)]
    return table[["key", "value", "default", "source", "layer", "changed"]]


def assumptions_section(ctx: dict, p: dict, used: list[str], overlay_files) -> Section:
    """Build section VIII: the illustrative notice, missing notebooks and the params used.

    Parameters
    ----------
    ctx : dict
        Output of :func:`ntmplan.tasks.plan.reading.normalise`.
    p : dict
        Resolved params.
    used : list of str
        Dotted params prefixes of the sections that are available.
    overlay_files : list of (label, Path) or None
        Passed to :func:`assumptions_table`.

    Returns
    -------
    Section
    """
    paras = []
    if ctx.get("illustrative"):
        paras.append(ILLUSTRATIVE_TEXT)
    missing = ctx.get("missing", [])
    if missing:
        paras.append(
            "Các phần chưa có số liệu vì sổ tính chưa chạy: "
            + ", ".join(notebook_title(n) for n in missing)
            + "."
        )
    paras += [
        "Mọi ngưỡng, mục tiêu, trọng số, định mức và đơn giá dùng trong kế hoạch được liệt kê dưới đây cùng giá trị "
        "đã dùng và nguồn (văn bản, mục hướng dẫn) hoặc ghi rõ là giả định của người lập kế hoạch. Các giá trị "
        "giả định cần được tỉnh thay bằng định mức, đơn giá của địa phương trước khi ban hành.",
        "Nguồn viết tắt: [G] Hướng dẫn (Phụ lục III, Bộ NN&PTNT 2022); [924] Quyết định 924/QĐ-TTg; "
        "[318] Quyết định 318/QĐ-TTg; [DTI] Quyết định 922/QĐ-BTTTT; [2026] Nghị quyết 257/2025/QH15, "
        "Quyết định 51/2025/QĐ-TTg; assumption = giả định.",
    ]
    table = assumptions_table(p, sorted(set(used)), overlay_files)
    table["note"] = [
        f"đã điều chỉnh ({layer}); mặc định: {param_value_text(default, key)}" if changed else ""
        for changed, layer, default, key in zip(
            table["changed"], table["layer"], table["default"], table["key"], strict=True
        )
    ]
    # values and sources as a planner reads them: Vietnamese numbers, documents by name
    table["value"] = [
        param_value_text(v, k) for v, k in zip(table["value"], table["key"], strict=True)
    ]
    table["source"] = [
        "; ".join(part for part in (cited_sources(s), source_note(s)) if part)
        for s in table["source"]
    ]
    table = table[["key", "value", "source", "note"]]
    return Section(
        "assumptions",
        "VIII. GIẢ ĐỊNH VÀ LƯU Ý",
        paras,
        tables=[captioned(table, "Tham số đã dùng và nguồn", LABELS)],
        params_used=(),
    )


#: Figures the plan rests on, in plain words: (params key, what it is, unit kind).
#: unit kind: "pct" (a share shown as a percentage), "mvnd" (million VND), or a unit word.
PLAIN_ITEMS: tuple[tuple[str, str, str], ...] = (
    (
        "status.targets.files_online.target",
        "Mục tiêu tỷ lệ hồ sơ công việc cấp xã xử lý trên môi trường mạng",
        "pct",
    ),
    (
        "status.targets.criterion_8_4.target",
        "Mục tiêu tỷ lệ xã đạt chỉ tiêu 8.4 (ứng dụng công nghệ thông tin trong quản lý, điều hành)",
        "pct",
    ),
    ("status.targets.cooperatives.target", "Mục tiêu tỷ lệ xã có hợp tác xã", "pct"),
    (
        "status.targets.digital_service.target",
        "Mục tiêu tỷ lệ xã cung cấp ít nhất một dịch vụ thiết yếu trên nền tảng số",
        "pct",
    ),
    (
        "pilots.types.smart_commune.number",
        "Số mô hình xã nông thôn mới thông minh tối thiểu của tỉnh",
        "xã",
    ),
    (
        "pilots.thresholds.households_internet_smart_share",
        "Điều kiện xã thí điểm: tỷ lệ hộ có kết nối Internet và thiết bị thông minh",
        "pct",
    ),
    (
        "pilots.thresholds.officials_computer_share",
        "Điều kiện xã thí điểm: tỷ lệ cán bộ, công chức xã có máy tính nối mạng",
        "pct",
    ),
    (
        "pilots.thresholds.officials_eoffice_share",
        "Điều kiện xã thí điểm: tỷ lệ cán bộ, công chức xã dùng hệ thống văn phòng điện tử",
        "pct",
    ),
    (
        "pilots.thresholds.villages_fiber_share",
        "Điều kiện xã thí điểm: tỷ lệ thôn có đường truyền cáp quang",
        "pct",
    ),
    (
        "pilots.registration_top_n",
        "Số xã đăng ký thí điểm do Trung ương chỉ đạo, mỗi loại mô hình",
        "xã",
    ),
    ("budget.unit_costs.plan_preparation_mvnd", "Kinh phí rà soát, xây dựng kế hoạch", "mvnd"),
    (
        "budget.unit_costs.smart_package_mvnd",
        "Kinh phí một mô hình xã nông thôn mới thông minh",
        "mvnd",
    ),
    (
        "budget.unit_costs.ecommerce_package_mvnd",
        "Kinh phí một mô hình xã thương mại điện tử",
        "mvnd",
    ),
    (
        "budget.unit_costs.data_system_mvnd",
        "Cơ sở dữ liệu cấp tỉnh và kết nối cơ sở dữ liệu dùng chung",
        "mvnd",
    ),
    (
        "budget.unit_costs.data_per_commune_mvnd",
        "Thu thập, số hóa, cập nhật dữ liệu của một xã",
        "mvnd",
    ),
    (
        "capacity.groups.officials.cost_per_class_day_mvnd",
        "Chi phí một ngày-lớp tập huấn cán bộ, công chức xã",
        "mvnd",
    ),
    (
        "capacity.groups.officials.class_size",
        "Sĩ số một lớp tập huấn cán bộ, công chức xã",
        "người",
    ),
    (
        "capacity.groups.officials.share_per_year",
        "Tỷ lệ cán bộ, công chức xã được tập huấn mỗi năm",
        "pct",
    ),
    (
        "capacity.groups.residents.cost_per_class_day_mvnd",
        "Chi phí một buổi hướng dẫn người dân (một ngày-lớp)",
        "mvnd",
    ),
    (
        "capacity.support_policy.monthly_allowance_mvnd",
        "Phụ cấp một thành viên Tổ công nghệ số cộng đồng mỗi tháng",
        "mvnd",
    ),
    (
        "capacity.support_policy.team_size_per_commune",
        "Số thành viên Tổ công nghệ số cộng đồng được hưởng phụ cấp ở mỗi xã",
        "người",
    ),
    (
        "pilots.unit_costs_mvnd.household_connection",
        "Hỗ trợ một hộ có thiết bị thông minh và kết nối năm đầu",
        "mvnd",
    ),
    (
        "pilots.unit_costs_mvnd.official_computer",
        "Một máy tính nối mạng cho cán bộ, công chức xã",
        "mvnd",
    ),
    (
        "pilots.unit_costs_mvnd.village_fiber",
        "Kéo cáp quang đến một thôn (phần ngân sách hỗ trợ)",
        "mvnd",
    ),
    (
        "pilots.unit_costs_mvnd.village_4g",
        "Phủ sóng 4G/5G một thôn (phần ngân sách hỗ trợ)",
        "mvnd",
    ),
)

#: Source tags of the params comments → the documents they stand for.
SOURCE_NAMES: tuple[tuple[str, str], ...] = (
    ("[2026]", "Nghị quyết số 257/2025/QH15 và Quyết định số 51/2025/QĐ-TTg"),
    ("[924]", "Quyết định số 924/QĐ-TTg"),
    ("[318]", "Quyết định số 318/QĐ-TTg"),
    ("[DTI]", "Quyết định số 922/QĐ-BTTTT"),
    ("3445/BNN-VPĐP", "Công văn số 3445/BNN-VPĐP"),
    ("[G]", "Hướng dẫn thực hiện Chương trình (Phụ lục III)"),
)
#: Wording of a figure set by the planner.
ASSUMED = "giả định của cơ quan lập kế hoạch, có thể điều chỉnh"


def plain_source(comment: str) -> str:
    """Turn a params source comment into plain Vietnamese naming documents by number.

    Parameters
    ----------
    comment : str
        e.g. ``"[G] task 3: at least 50% of households …"`` or ``"assumption: …"``.

    Returns
    -------
    str
        "theo <documents>", "<documents>; mức cụ thể là giả định …" or the assumption wording.
    """
    text = str(comment or "")
    docs = [name for tag, name in SOURCE_NAMES if tag in text]
    assumed = "assumption" in text.lower() or "giả định" in text.lower() or not docs
    if docs and not assumed:
        return "theo " + "; ".join(docs)
    if docs:
        return "theo " + "; ".join(docs) + "; mức cụ thể là " + ASSUMED
    return ASSUMED[:1].upper() + ASSUMED[1:]


def plain_assumptions(params: dict | None = None, overlay_files=None) -> pd.DataFrame:
    """List what the plan's figures rest on, in plain Vietnamese (no params keys).

    Parameters
    ----------
    params : dict, optional
        Resolved params.
    overlay_files : list of (label, Path), optional
        As :func:`assumptions_table` (a profile or province comment replaces the default's).

    Returns
    -------
    pandas.DataFrame
        Columns ``Nội dung``, ``Giá trị``, ``Căn cứ``; one row per item of
        :data:`PLAIN_ITEMS` present in the params.
    """
    from ntmplan.core import fmt

    p = params_or_defaults(params)
    table = assumptions_table(p, [k for k, _, _ in PLAIN_ITEMS], overlay_files)
    sources = dict(zip(table["key"], table["source"], strict=True))
    rows = []
    for key, label, unit in PLAIN_ITEMS:
        value = lookup(p, key) if key in sources else None
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            continue
        if unit == "pct" and key.startswith("pilots.thresholds.") and value == 0:
            shown = "không đặt ngưỡng (0%)"  # a 0 threshold restricts nothing
        elif unit == "pct":
            shown = fmt.percent(value, 0)
        elif unit == "mvnd":
            shown = f"{fmt.number(value, 0 if float(value).is_integer() else 2)} triệu đồng"
        else:
            shown = f"{fmt.number(value, 0)} {unit}"
        rows.append({"Nội dung": label, "Giá trị": shown, "Căn cứ": plain_source(sources[key])})
    return pd.DataFrame(rows, columns=["Nội dung", "Giá trị", "Căn cứ"])

"""Section VIII (assumptions and caveats): every params leaf used, its value and its source.

Sources come from the comments of ``params/defaults.yaml``, or of the profile / province
overlay / run params file that set the value.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

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
        defaults.yaml), ``source``, ``layer`` and ``changed`` (bool: value differs from the
        default).
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
    table = table.rename(columns={"value": "default"}).reset_index(drop=True)
    resolved = table["key"].map(lambda k: lookup(p, k))

    def parsed(text: str):
        try:
            return yaml.safe_load(text)
        except yaml.YAMLError:
            return text

    defaults = table["default"].map(parsed)
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
        f"đã điều chỉnh ({layer}); mặc định: {default}" if changed else ""
        for changed, layer, default in zip(
            table["changed"], table["layer"], table["default"], strict=True
        )
    ]
    table = table[["key", "value", "source", "note"]]
    return Section(
        "assumptions",
        "VIII. GIẢ ĐỊNH VÀ LƯU Ý",
        paras,
        tables=[captioned(table, "Tham số đã dùng và nguồn", LABELS)],
        params_used=(),
    )

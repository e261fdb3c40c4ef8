"""The rules in words: conditions with their thresholds, and the ``pilots`` params with sources."""

from __future__ import annotations

import pandas as pd

from ntmplan.core import fmt
from ntmplan.core.by_group import describe_by_group, is_by_group
from ntmplan.core.params import params_or_defaults, section_sources
from ntmplan.tasks.pilots.conditions import CONDITIONS
from ntmplan.tasks.pilots.config import pilot_params, pilot_types, type_thresholds


def _pct(value) -> str:
    """A 0–1 share (or one per commune group) as a short percentage (``0.5`` → ``50%``)."""
    return describe_by_group(value, percent=True)


def _num(value) -> str:
    """A minimum (or one per commune group) in Vietnamese style."""
    return describe_by_group(value)


def infrastructure_reading(th: dict) -> str:
    """The reading in force of the infrastructure condition (guidance 3a, first condition).

    Parameters
    ----------
    th : dict
        Thresholds of a pilot type (``villages_fiber_min``, ``villages_fiber_share``,
        ``villages_4g_share``).

    Returns
    -------
    str
        e.g. "cáp quang đến ít nhất 1 thôn; không đặt tỷ lệ thôn có cáp quang; không đặt tỷ lệ
        thôn có 4G/5G".
    """
    parts = [
        f"cáp quang (băng thông rộng cố định) đến ít nhất {_num(th['villages_fiber_min'])} thôn"
    ]
    for key, what in (("villages_fiber_share", "cáp quang"), ("villages_4g_share", "4G/5G")):
        value = th[key]
        if not is_by_group(value) and float(value) == 0.0:
            parts.append(f"không đặt tỷ lệ thôn có {what}")
        else:
            parts.append(f"thôn có {what} ≥ {_pct(value)} số thôn")
    return "; ".join(parts)


def _rules(pp: dict, th: dict) -> dict[str, str]:
    """Each condition's rule in words, for the thresholds ``th`` of one pilot type."""
    dx = th["sector_min_dx_demand"]
    return {
        "rural": "loại đơn vị: "
        + ", ".join(pp["rural_unit_types"])
        + " (phường không thuộc phạm vi thí điểm nông thôn mới)",
        "infrastructure": infrastructure_reading(th),
        "sector": f"có lĩnh vực nổi bật trong danh mục ({len(pp['eligible_sectors'])} lĩnh vực, "
        f"kể cả «khác» có ghi rõ), nhu cầu chuyển đổi số ≥ {_num(dx)} (thang 1–5)",
        "households": f"hộ có Internet và thiết bị thông minh ≥ {_pct(th['households_internet_smart_share'])} số hộ",
        "officials_computer": f"cán bộ có máy tính nối mạng ≥ {_pct(th['officials_computer_share'])}",
        "officials_email_eoffice": f"cán bộ dùng thư điện tử công vụ ≥ {_pct(th['officials_email_share'])} "
        f"và văn phòng điện tử ≥ {_pct(th['officials_eoffice_share'])}",
        "providers": f"doanh nghiệp dịch vụ số huy động được ≥ {_num(th['digital_providers_min'])}",
        "ocop_online": f"sản phẩm OCOP bán trực tuyến ≥ {_num(th['ocop_products_online_min'])}",
        "selling_online": f"hộ bán hàng trực tuyến ≥ {_pct(th['households_selling_online_share'])} số hộ",
        "ntm_level": "mức đạt chuẩn: " + ", ".join(_level_names(th.get("ntm_levels", []), pp)),
        "files_online": f"hồ sơ công việc xử lý trên môi trường mạng ≥ {_pct(th.get('files_online_share', 0))}",
        "digital_services": f"dịch vụ thiết yếu trên nền tảng số ≥ {_num(th.get('digital_services_min', 0))}",
    }


def _level_names(levels, pp: dict) -> list[str]:
    names = pp.get("_ntm_level_labels", {})
    return [fmt.vietnamese_part(names.get(lv, lv)) for lv in levels]


def conditions_table(params: dict | None = None) -> pd.DataFrame:
    """The conditions of every pilot type with their thresholds, in words (for reports).

    A threshold set per commune group is written "Nhóm 1: …; Nhóm 2: …; Nhóm 3: …". When a
    pilot type has thresholds of its own (``pilots.extra_types.<type>.thresholds``), its rules
    get a row of their own for that type.

    Parameters
    ----------
    params : dict, optional
        Resolved params; ``None`` means the defaults.

    Returns
    -------
    DataFrame
        One row per condition (and rule): ``condition`` (gate column), ``condition_vi``,
        ``rule_vi`` (the threshold in words) and one ✓/— column per pilot type (its
        ``label_vi``).

    Raises
    ------
    KeyError
        If a threshold key is missing from ``pilots.thresholds``.
    """
    params = params_or_defaults(params)
    pp = dict(pilot_params(params))
    pp["_ntm_level_labels"] = params.get("survey", {}).get("ntm_level_labels", {})
    types = pilot_types(pp)
    rows: dict[tuple[str, str], set] = {}
    for t, conf in types.items():
        rules = _rules(pp, type_thresholds(pp, conf))
        for c in conf["conditions"]:
            rows.setdefault((c, rules[c]), set()).add(t)
    order = {c: i for i, c in enumerate(CONDITIONS)}
    keys = sorted(rows, key=lambda k: order[k[0]])
    out = pd.DataFrame(
        {
            "condition": [CONDITIONS[c]["gate"] for c, _ in keys],
            "condition_vi": [CONDITIONS[c]["label_vi"] for c, _ in keys],
            "rule_vi": [rule for _, rule in keys],
        }
    )
    for t, conf in types.items():
        out[conf.get("label_vi", t)] = ["✓" if t in rows[k] else "—" for k in keys]
    return out


def uses_groups(params: dict | None = None) -> bool:
    """Tell whether some pilot threshold in force is set per commune group.

    Parameters
    ----------
    params : dict, optional
        Resolved params; ``None`` means the defaults.

    Returns
    -------
    bool
    """
    pp = pilot_params(params)
    return any(
        is_by_group(v)
        for conf in pilot_types(pp).values()
        for v in type_thresholds(pp, conf).values()
    )


def readings_markdown(params: dict | None = None) -> str:
    """The readings of :func:`readings_vi` as one Markdown block (a title and a bullet list).

    Parameters
    ----------
    params : dict, optional
        Resolved params; ``None`` means the defaults.

    Returns
    -------
    str
    """
    lines = "\n".join(f"- {line}" for line in readings_vi(params))
    return f"**Cách hiểu các điều kiện đang áp dụng:**\n\n{lines}"


def readings_vi(params: dict | None = None) -> list[str]:
    """The readings of the guidance's conditions in force, one Vietnamese sentence each.

    Parameters
    ----------
    params : dict, optional
        Resolved params; ``None`` means the defaults.

    Returns
    -------
    list of str
        Infrastructure (3a, first condition), DX demand (3a, second and third), the sector list,
        pins and the central registration (3b), wards; and, when a threshold is set per commune
        group, that rule.
    """
    pp = pilot_params(params)
    th = pp["thresholds"]
    overrides = len(pp.get("registration_overrides") or [])
    lines = [
        "Hạ tầng (Hướng dẫn, mục 3a, điều kiện thứ nhất: «đã có đường truyền băng thông rộng»): "
        f"{infrastructure_reading(th)}.",
        "Nhu cầu chuyển đổi số trong lĩnh vực nổi bật (mục 3a, điều kiện thứ hai và thứ ba): điểm "
        f"nhu cầu ≥ {_num(th['sector_min_dx_demand'])} trên thang 1–5 (giả định).",
        "Lĩnh vực nổi bật: danh mục của Hướng dẫn là ví dụ («ví dụ như…»), nên nhận cả «kinh tế» "
        "và «khác» (ghi rõ tên lĩnh vực).",
        "Xã do tỉnh ghim vẫn được xét theo mọi điều kiện; xã ghim chưa đủ điều kiện được ghi rõ "
        "phần còn thiếu. Bảng đăng ký thí điểm Trung ương (mục 3b) chỉ gồm xã đủ điều kiện"
        + (
            f", trừ {overrides} xã tỉnh đề nghị có ghi lý do."
            if overrides
            else " (tỉnh có thể đề nghị thêm xã chưa đủ điều kiện kèm lý do viết rõ)."
        ),
        "Phường không thuộc phạm vi thí điểm nông thôn mới; chỉ xét: "
        + ", ".join(pp["rural_unit_types"])
        + ".",
    ]
    own = [conf.get("label_vi", t) for t, conf in pilot_types(pp).items() if conf.get("thresholds")]
    if own:
        lines.append(
            f"Mô hình {', '.join(own)} có ngưỡng riêng (các dòng của loại mô hình này ở bảng trên)."
        )
    if uses_groups(params):
        lines.append(
            "Ngưỡng ghi theo nhóm xã (Quyết định 51/2025/QĐ-TTg): mỗi xã được so với ngưỡng của "
            "nhóm mình; nhóm xã lấy từ cột «Nhóm xã» nếu có, nếu không thì từ khu vực vùng đồng bào "
            "DTTS và miền núi, tỷ trọng nông nghiệp và định hướng đô thị hóa."
        )
    return lines


def group_counts(eligibility: pd.DataFrame) -> pd.DataFrame:
    """Communes of each commune group (Decision 51/2025/QĐ-TTg) in an eligibility frame.

    Parameters
    ----------
    eligibility : DataFrame
        Output of :func:`ntmplan.tasks.pilots.check_eligibility` (``commune_group``).

    Returns
    -------
    DataFrame
        ``group_vi`` (the group's description) and ``communes`` (count), groups 1–3.

    Raises
    ------
    MissingColumnError
        If ``commune_group`` is missing.
    """
    from ntmplan.core.errors import require_columns
    from ntmplan.survey.groups import GROUP_LABELS_VI

    require_columns(eligibility, ["commune_group"], "eligibility")
    counts = eligibility["commune_group"].value_counts()
    return pd.DataFrame(
        {
            "group_vi": list(GROUP_LABELS_VI.values()),
            "communes": [int(counts.get(g, 0)) for g in GROUP_LABELS_VI],
        }
    )


def assumptions(params: dict | None = None) -> pd.DataFrame:
    """The ``pilots`` params in use, each with its source or assumption.

    Sources are the comments of ``params/defaults.yaml`` and of the programme profile's file
    (via :func:`ntmplan.core.params.section_sources`; the profile's pilot types, such as the
    modern NTM commune of 2026–2030, appear only under that profile); values are the resolved
    ones.

    Parameters
    ----------
    params : dict, optional
        Resolved params; ``None`` means the defaults.

    Returns
    -------
    DataFrame
        Columns ``key`` (dotted), ``value`` (resolved, as text), ``source``.

    Raises
    ------
    OSError
        If ``params/defaults.yaml`` cannot be read.
    """
    from ntmplan.core import paths
    from ntmplan.core.params import profile_file

    params = params_or_defaults(params)
    files = [paths.DEFAULTS_FILE]
    profile = str((params.get("programme") or {}).get("profile") or "")
    if profile and profile_file(profile).is_file():
        files.append(profile_file(profile))
    return section_sources("pilots", params, files=files)

"""The Frictionless descriptor of an export version: Table Schema and ``datapackage.json``.

The Table Schema is generated from :data:`ntmplan.survey.schema.FIELDS`.
"""

from __future__ import annotations

from pathlib import Path

from ntmplan.core.params import params_or_defaults
from ntmplan.survey import schema
from ntmplan.survey.units import slugify
from ntmplan.tasks.datashare.checksums import sha256_file

#: Name of the Frictionless descriptor.
DESCRIPTOR_FILE = "datapackage.json"


def _field_type(f, sp: dict, p: dict) -> tuple[dict, dict]:
    """Frictionless type (and extra keys) and constraints of one schema field."""
    spec: dict = {}
    cons: dict = {} if f.optional else {"required": True}
    if f.kind in ("code", "text"):
        spec["type"] = "string"
        if f.kind == "code":
            cons["pattern"] = rf"\d{{{f.width}}}"
    elif f.kind == "enum":
        spec["type"] = "string"
        cons["enum"] = schema.allowed_values(f.name, p)
    elif f.kind == "year":
        spec["type"] = "integer"
        cons.update(minimum=sp["min_year"], maximum=sp["max_year"])
    elif f.kind == "bool":
        spec.update(type="boolean", trueValues=["True"], falseValues=["False"])
    elif f.kind == "share":
        spec["type"] = "number"
        cons.update(minimum=0, maximum=1)
    elif f.name == "dx_demand":
        spec["type"] = "integer"
        cons.update(minimum=sp["dx_demand_min"], maximum=sp["dx_demand_max"])
    else:
        spec["type"] = "integer"
        cons["minimum"] = f.minimum
    return spec, cons


def table_schema(params: dict | None = None) -> dict:
    """Return the Frictionless Table Schema of the survey, generated from :data:`ntmplan.survey.schema.FIELDS`.

    Parameters
    ----------
    params : dict, optional
        Resolved params (enumerations and ranges of ``survey``); defaults when None.

    Returns
    -------
    dict
        ``fields`` (name, title = Vietnamese label, description = rule vi / en and
        unit, type, constraints), ``missingValues`` ``[""]``, ``primaryKey``
        ``["commune_code", "year"]``.
    """
    p = params_or_defaults(params)
    sp = p["survey"]
    fields = []
    for f in schema.FIELDS:
        vi, en = schema.rule_text(f, p)
        spec: dict = {
            "name": f.name,
            "title": f.label_vi,
            "description": f"{vi} / {en}. Đơn vị / unit: {f.unit_vi}",
        }
        extra, cons = _field_type(f, sp, p)
        spec.update(extra)
        spec["constraints"] = cons
        fields.append(spec)
    return {"fields": fields, "missingValues": [""], "primaryKey": ["commune_code", "year"]}


def label_slug(label: str) -> str:
    """Return the file-name slug of a data set label.

    Parameters
    ----------
    label : str
        E.g. ``"01-ha-noi"``.

    Returns
    -------
    str

    Raises
    ------
    ValueError
        If the label has no letter or digit.
    """
    slug = slugify(str(label))
    if not slug:
        raise ValueError("label phải có chữ hoặc số / label must contain letters or digits")
    return slug


def _resource(name: str, title: str, folder: Path, path: str, encoding: str, table: dict) -> dict:
    """One CSV resource of the descriptor, with its hash and size."""
    return {
        "name": name,
        "title": title,
        "path": path,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": encoding,
        "hash": f"sha256:{sha256_file(folder / path)}",
        "bytes": (folder / path).stat().st_size,
        "schema": table,
    }


def descriptor(
    label: str,
    params: dict,
    csv_name: str,
    dict_name: str,
    folder: Path,
    illustrative: bool,
    n_rows: int,
    years: list[int],
) -> dict:
    """Return the ``datapackage.json`` content of an export version.

    Parameters
    ----------
    label : str
        Name of the data set (slugged into the package name).
    params : dict
        Resolved params (``datashare.export``, ``survey``).
    csv_name, dict_name : str
        File names of the survey CSV and the data dictionary in ``folder``.
    folder : Path
        Folder holding the two files (hashed and sized here).
    illustrative : bool
        Mark the package as illustrative data in its description.
    n_rows : int
        Survey rows.
    years : list of int
        Survey years.

    Returns
    -------
    dict

    Raises
    ------
    ValueError
        If the label has no letter or digit.
    """
    ep = params["datashare"]["export"]
    slug = label_slug(label)
    note_vi = " Dữ liệu minh họa, không phải số liệu khảo sát thực tế." if illustrative else ""
    note_en = " Illustrative data, not real survey results." if illustrative else ""
    years_txt = ", ".join(str(y) for y in years) or "—"
    dict_fields = [
        {"name": schema.DICTIONARY_LABELS[c], "type": "string"} for c in schema.DICTIONARY_LABELS
    ]
    return {
        "name": f"khao-sat-cds-ntm-{slug}",
        "title": f"Khảo sát chuyển đổi số trong xây dựng nông thôn mới — {label}",
        "description": (
            f"Số liệu khảo sát cấp xã theo đơn vị hành chính từ 1/7/2025 ({n_rows} dòng; năm {years_txt}), "
            f"chia sẻ cho cơ sở dữ liệu dùng chung quốc gia (nhiệm vụ 5 của Hướng dẫn).{note_vi} / "
            f"Commune-level survey in the 2025 administrative units ({n_rows} rows; years {years_txt}) for the "
            f"national shared database (guidance task 5).{note_en}"
        ),
        "keywords": [
            "nông thôn mới",
            "chuyển đổi số",
            "Quyết định 924/QĐ-TTg",
            "NTM",
            "digital transformation",
        ],
        "licenses": [{"name": ep["license"], "title": ep["license"]}],
        "contributors": [{"title": ep["publisher_vi"], "role": "publisher"}],
        "resources": [
            _resource(
                "khao-sat",
                "Số liệu khảo sát cấp xã / commune survey",
                folder,
                csv_name,
                "utf-8",
                table_schema(params),
            ),
            _resource(
                "tu-dien-du-lieu",
                "Từ điển dữ liệu (tiếng Việt) / data dictionary",
                folder,
                dict_name,
                "utf-8-sig",
                {"fields": dict_fields},
            ),
        ],
    }

"""The declarative table of the survey's columns (:data:`FIELDS`), one :class:`Field` each.

Every column of DESIGN.md's survey table is described once here (name, kind,
Vietnamese label, English description, unit, rule); the header lookup, parsing,
checks and data dictionary of :mod:`ntmplan.survey.schema` are built from it.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Kinds of column: how a cell is parsed and which dtype it gets.
KINDS = ("code", "text", "enum", "int", "share", "bool", "year")


@dataclass(frozen=True)
class Field:
    """One column of the survey table.

    Parameters
    ----------
    name : str
        English snake_case column name (DESIGN.md).
    kind : str
        One of :data:`KINDS`.
    label_vi : str
        Vietnamese label (template header, data dictionary).
    description_en : str
        English description.
    unit_vi : str
        Unit, Vietnamese / English.
    minimum : int or None
        Smallest allowed value of an ``int`` column.
    at_most : tuple of str
        Columns this one must not exceed (cross-column rules).
    at_least : tuple of str
        Columns this one must not be below.
    width : int or None
        Number of digits of a ``code`` column.
    enum : str or None
        Name of the params list (in section ``survey``) of an ``enum`` column.
    optional : bool
        Whether an empty cell is allowed (it then reads as ``None``); an optional column
        may also be left out of the file.
    maximum : int or None
        Largest allowed value of an ``int`` column (``None``: no ceiling).
    """

    name: str
    kind: str
    label_vi: str
    description_en: str
    unit_vi: str = ""
    minimum: int | None = None
    at_most: tuple[str, ...] = ()
    at_least: tuple[str, ...] = ()
    width: int | None = None
    enum: str | None = None
    optional: bool = False
    maximum: int | None = None


def _count(name, label, desc, unit, minimum=0, at_most=(), at_least=()):
    return Field(
        name, "int", label, desc, unit, minimum=minimum, at_most=at_most, at_least=at_least
    )


#: The survey table of DESIGN.md, in its column order (contract).
FIELDS: tuple[Field, ...] = (
    Field(
        "province_code",
        "code",
        "Mã tỉnh",
        "2-digit province code (2025 scheme unless scheme=legacy)",
        "mã / code",
        width=2,
    ),
    Field(
        "commune_code",
        "code",
        "Mã xã",
        "5-digit code of the commune-level unit",
        "mã / code",
        width=5,
    ),
    Field(
        "commune_name",
        "text",
        "Tên xã",
        "name of the commune-level unit as registered",
        "tên / name",
    ),
    Field(
        "unit_type",
        "enum",
        "Loại đơn vị",
        "unit type: xã / phường / đặc khu",
        "danh mục / list",
        enum="unit_types",
    ),
    Field("year", "year", "Năm khảo sát", "survey year", "năm / year"),
    _count("households", "Số hộ", "households", "hộ / households", minimum=1),
    _count(
        "population",
        "Số nhân khẩu",
        "residents",
        "người / persons",
        minimum=1,
        at_least=("households",),
    ),
    _count("villages", "Số thôn/bản/ấp", "villages (thôn, bản, ấp)", "thôn / villages", minimum=1),
    _count(
        "officials",
        "Số cán bộ công chức xã",
        "commune officials and civil servants",
        "người / persons",
        minimum=1,
    ),
    _count(
        "villages_fiber",
        "Số thôn có cáp quang",
        "villages with fixed broadband (fibre)",
        "thôn / villages",
        at_most=("villages",),
    ),
    _count(
        "villages_4g",
        "Số thôn phủ sóng 4G/5G",
        "villages covered by 4G/5G",
        "thôn / villages",
        at_most=("villages",),
    ),
    Field(
        "postal_point",
        "bool",
        "Đạt chỉ tiêu 8.1 (điểm phục vụ bưu chính)",
        "criterion 8.1 met (postal service point)",
        "có/không / yes/no",
    ),
    Field(
        "radio_it",
        "bool",
        "Đạt chỉ tiêu 8.3 (đài truyền thanh ứng dụng CNTT)",
        "criterion 8.3 met (IT-based loudspeaker radio reaching every village)",
        "có/không / yes/no",
    ),
    _count(
        "households_internet",
        "Số hộ có kết nối Internet",
        "households with an internet connection",
        "hộ / households",
        at_most=("households",),
    ),
    _count(
        "households_smart_device",
        "Số hộ có thiết bị thông minh",
        "households with a smart device",
        "hộ / households",
        at_most=("households",),
    ),
    _count(
        "households_internet_smart",
        "Số hộ có cả Internet và thiết bị thông minh",
        "households with both an internet connection and a smart device",
        "hộ / households",
        at_most=("households_internet", "households_smart_device"),
    ),
    _count(
        "officials_computer",
        "Số CBCC có máy tính kết nối Internet",
        "officials with an internet-connected computer",
        "người / persons",
        at_most=("officials",),
    ),
    _count(
        "officials_email",
        "Số CBCC dùng thư điện tử công vụ",
        "officials using official e-mail",
        "người / persons",
        at_most=("officials",),
    ),
    _count(
        "officials_eoffice",
        "Số CBCC dùng hệ thống quản lý văn bản và điều hành",
        "officials using the e-office system",
        "người / persons",
        at_most=("officials",),
    ),
    Field(
        "files_online_share",
        "share",
        "Tỷ lệ hồ sơ công việc xử lý trên môi trường mạng",
        "share of work files processed online (0–1)",
        "tỷ lệ 0–1 / share 0–1",
    ),
    Field(
        "criterion_8_4",
        "bool",
        "Đạt chỉ tiêu 8.4 (ứng dụng CNTT trong quản lý, điều hành)",
        "indicator 8.4 met (IT in management and administration)",
        "có/không / yes/no",
    ),
    _count(
        "digital_services",
        "Số dịch vụ thiết yếu trên nền tảng số",
        "essential services offered on a digital platform",
        "dịch vụ / services",
    ),
    _count(
        "community_tech_members",
        "Số thành viên tổ công nghệ số cộng đồng",
        "members of community technology teams",
        "người / persons",
    ),
    _count("cooperatives", "Số hợp tác xã", "cooperatives", "HTX / cooperatives"),
    _count(
        "cooperatives_digital",
        "Số HTX ứng dụng nền tảng số",
        "cooperatives using digital platforms",
        "HTX / cooperatives",
        at_most=("cooperatives",),
    ),
    _count("ocop_products", "Số sản phẩm OCOP", "OCOP products", "sản phẩm / products"),
    _count(
        "ocop_products_online",
        "Số sản phẩm OCOP bán trên sàn TMĐT",
        "OCOP products sold on e-commerce platforms",
        "sản phẩm / products",
        at_most=("ocop_products",),
    ),
    _count(
        "households_selling_online",
        "Số hộ bán hàng trực tuyến",
        "households selling online",
        "hộ / households",
        at_most=("households",),
    ),
    Field(
        "prominent_sector",
        "enum",
        "Lĩnh vực nổi trội",
        "outstanding sector (label or code from the params list survey.sectors)",
        "danh mục / list",
        enum="sectors",
        optional=True,
    ),
    _count(
        "digital_providers",
        "Số doanh nghiệp dịch vụ số có thể huy động",
        "digital service providers that can be mobilised",
        "doanh nghiệp / providers",
    ),
    Field(
        "dx_demand",
        "int",
        "Nhu cầu chuyển đổi số của lĩnh vực nổi trội (1–5)",
        "demand for DX in the prominent sector, 1 (low) – 5 (high)",
        "điểm 1–5 / score 1–5",
    ),
    Field(
        "ntm_level",
        "enum",
        "Mức đạt chuẩn nông thôn mới",
        "NTM recognition level",
        "danh mục / list",
        enum="ntm_levels",
    ),
    Field(
        "commune_category",
        "enum",
        "Nhóm xã phân bổ vốn",
        "allocation category (2026–2030 central-fund rule)",
        "danh mục / list",
        enum="commune_categories",
        optional=True,
    ),
    # Optional columns of the 2026–2030 criteria and of the guidance's readings: a survey
    # without them stays valid (a missing optional column reads as empty).
    Field(
        "satisfaction_online",
        "bool",
        "Xã lấy ý kiến hài lòng của người dân trực tuyến",
        "the commune collects residents' satisfaction with its services online",
        "có/không / yes/no",
        optional=True,
    ),
    Field(
        "prominent_sector_other",
        "text",
        "Lĩnh vực nổi trội khác (ghi rõ)",
        "the outstanding sector written out when prominent_sector is 'khac' (other)",
        "chữ / text",
        optional=True,
    ),
    Field(
        "commune_group",
        "int",
        "Nhóm xã theo Bộ tiêu chí 2026–2030 (1–3)",
        "commune group of the 2026–2030 criteria (1–3), when known directly",
        "nhóm 1–3 / group 1–3",
        minimum=1,
        maximum=3,
        optional=True,
    ),
    Field(
        "agriculture_share",
        "share",
        "Tỷ trọng nông nghiệp trong cơ cấu kinh tế của xã",
        "agriculture's share of the commune's economy (0–1)",
        "tỷ lệ 0–1 / share 0–1",
        optional=True,
    ),
    Field(
        "urban_oriented",
        "bool",
        "Xã liền kề đô thị, định hướng đô thị hóa hoặc được quy hoạch là đô thị mới",
        "adjacent to an existing urban area and oriented to urbanise, or designated a new urban area",
        "có/không / yes/no",
        optional=True,
    ),
    Field(
        "ethnic_region",
        "int",
        "Khu vực xã vùng đồng bào DTTS và miền núi (1, 2, 3; trống hoặc 0 nếu không thuộc)",
        "ethnic-minority and mountainous area region of the commune: 1, 2, 3 (I–III); empty or 0 if none",
        "khu vực 0–3 / region 0–3",
        minimum=0,
        maximum=3,
        optional=True,
    ),
)

#: Field by column name.
FIELD_BY_NAME: dict[str, Field] = {f.name: f for f in FIELDS}

#: The survey columns, in order (contract).
COLUMNS: tuple[str, ...] = tuple(f.name for f in FIELDS)

#: English column name → Vietnamese label (template header, exports).
LABELS: dict[str, str] = {f.name: f.label_vi for f in FIELDS}

"""Generic widget helpers of the workbooks: the province picker and the "Xuất Excel / Export to
Excel" button, and the pure helpers behind them (province options and codes, the output folder
of another province, the export file name, the "Lựa chọn" sheet, the download link).

The panel that reloads a notebook's interactive part for another province is
:mod:`ntmplan.notebook.province_panel`; the panels of notebooks 02–04 are
:mod:`ntmplan.notebook.panels`. ipywidgets is imported inside the functions.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

#: Vietnamese labels of the columns this module writes (the "Lựa chọn" sheet).
LABELS: dict[str, str] = {
    "setting": "Thiết lập / setting",
    "value": "Giá trị / value",
}
#: Title of the sheet holding the choice (province and control values) in every export.
CHOICE_SHEET = "Lựa chọn"
#: Text of the export button.
EXPORT_LABEL = "Xuất Excel / Export to Excel"
#: Largest file offered as an in-page download link (bigger files: the path only).
MAX_LINK_BYTES = 5_000_000
_XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --------------------------------------------------------------------------- pure helpers
def province_options(scheme: str = "current") -> list[tuple[str, str]]:
    """Return the dropdown options of the province picker: ``("Tỉnh Bắc Ninh (24)", "24")``.

    Parameters
    ----------
    scheme : str
        ``current`` (34 provinces, 2025) or ``legacy``.

    Returns
    -------
    list of (label, code)
        Ordered by code.

    Raises
    ------
    ValueError
        For an unknown scheme.
    """
    from ntmplan.survey import units

    table = units.provinces(scheme)
    return [
        (f"{name} ({code})", code)
        for code, name in zip(table["province_code"], table["province_name"], strict=True)
    ]


def normalise_province(value: str, scheme: str = "current") -> str:
    """Return the code of a province given by code or name.

    Parameters
    ----------
    value : str
        ``"24"``, ``"Bắc Ninh"``, ``"bac ninh"``…
    scheme : str

    Returns
    -------
    str
        Two-digit province code.

    Raises
    ------
    ValueError
        If no province matches.
    """
    from ntmplan.survey import units

    return units.find_province(str(value).strip(), scheme=scheme)["province_code"]


def output_dir_for(new_code: str, output_dir: str | Path | None, current_code: str) -> str:
    """Choose the output folder of a province picked in the panel.

    The notebook's own ``output_dir`` belongs to the province it was opened for. For another
    province: a blank ``output_dir`` stays blank (``outputs/<code>-<slug>``); an explicit one is
    replaced by the sibling folder named after the new province.

    Parameters
    ----------
    new_code : str
        Code of the province picked.
    output_dir : str or Path or None
        The notebook's ``output_dir`` parameter.
    current_code : str
        Code of the province the notebook was opened for.

    Returns
    -------
    str
        The ``output_dir`` argument for :func:`ntmplan.notebook.context.open_workbook`.

    Raises
    ------
    ValueError
        If ``new_code`` is not a province code.
    """
    from ntmplan.survey import units

    if output_dir is None or str(output_dir).strip() == "" or new_code == current_code:
        return "" if output_dir is None else str(output_dir)
    return str(Path(output_dir).parent / units.province_dir_name(new_code))


def export_filename(notebook: str) -> str:
    """Return the file name of a notebook's "current choice" export, e.g. ``lua_chon_02_pilots.xlsx``.

    Parameters
    ----------
    notebook : str
        Notebook id (ASCII letters, digits, ``_``).

    Returns
    -------
    str

    Raises
    ------
    ValueError
        If the id holds other characters (it becomes a file name).
    """
    if not notebook or not all(c.isascii() and (c.isalnum() or c == "_") for c in notebook):
        raise ValueError(f"Tên sổ tính không hợp lệ / invalid notebook id: {notebook!r}")
    return f"lua_chon_{notebook}.xlsx"


def choice_frame(choice: dict) -> pd.DataFrame:
    """Turn the current choice (setting label → value) into the rows of the "Lựa chọn" sheet.

    Parameters
    ----------
    choice : dict
        Ordered ``{"Tỉnh/thành phố": "Tỉnh Bắc Ninh (24)", "Hệ số xã hội hóa": 0.5, …}``.

    Returns
    -------
    pandas.DataFrame
        Columns ``setting`` (str) and ``value`` (object), one row per item, in order.

    Raises
    ------
    TypeError
        If ``choice`` is not a mapping.
    """
    if not isinstance(choice, dict):
        raise TypeError("choice phải là dict / choice must be a dict")
    return pd.DataFrame(
        {
            "setting": [str(k) for k in choice],
            "value": pd.Series(list(choice.values()), dtype=object),
        }
    )


def download_link_html(path: str | Path, max_bytes: int = MAX_LINK_BYTES) -> str:
    """Return HTML showing where an export was written, with an in-page download link.

    The link embeds the file (``data:`` URL), so it works in JupyterLab and in the Voilà app
    alike, without the server publishing the outputs folder; files above ``max_bytes`` get
    the path only.

    Parameters
    ----------
    path : str or Path
        The written file.
    max_bytes : int
        Size limit of the embedded link.

    Returns
    -------
    str

    Raises
    ------
    FileNotFoundError
        If the file does not exist.
    """
    import base64
    import html

    path = Path(path)
    data = path.read_bytes()
    where = html.escape(str(path.resolve()))
    name = html.escape(path.name, quote=True)
    text = f"Đã ghi / written: <code>{where}</code>"
    if len(data) <= max_bytes:
        b64 = base64.b64encode(data).decode("ascii")
        text += (
            f' · <a download="{name}" href="data:{_XLSX_MIME};base64,{b64}" '
            f'class="ntm-download">Tải về / download {name}</a>'
        )
    return text


# --------------------------------------------------------------------------- widgets
def province_picker(value: str = "01", description: str = "Tỉnh/thành phố:"):
    """Build the province picker: a Dropdown of the 34 provinces (2025 units), values are codes.

    Parameters
    ----------
    value : str
        Initial province (code or name).
    description : str
        Label shown before the list.

    Returns
    -------
    ipywidgets.Dropdown

    Raises
    ------
    ValueError
        If ``value`` is not a province.
    """
    import ipywidgets as w

    return w.Dropdown(
        options=province_options(),
        value=normalise_province(value),
        description=description,
        style={"description_width": "initial"},
        layout=w.Layout(width="24rem"),
    )


def export_button(write: Callable[[], Path], description: str = EXPORT_LABEL):
    """Build the "Xuất Excel / Export to Excel" button with a line showing the result.

    Clicking calls ``write()`` (which writes the file and returns its path) and shows the
    path and a download link, or the error message; the panel never breaks.

    Parameters
    ----------
    write : callable
        ``write() -> Path``.
    description : str
        Button text.

    Returns
    -------
    ipywidgets.VBox
        ``children = (button, message)``; ``message.value`` is the HTML shown.
    """
    import ipywidgets as w

    button = w.Button(
        description=description, icon="download", layout=w.Layout(width="auto"), button_style="info"
    )
    message = w.HTML()

    def on_click(_button=None) -> None:
        button.disabled = True
        message.value = "Đang ghi tệp… / writing…"
        try:
            message.value = download_link_html(write())
        except Exception as exc:  # noqa: BLE001 - show the reason to the planner instead of a traceback
            message.value = f"<b>Không ghi được / export failed:</b> {escape_text(exc)}"
        finally:
            button.disabled = False

    button.on_click(on_click)
    return w.VBox([button, message])


def escape_text(value: Any) -> str:
    """Return ``str(value)`` escaped for HTML (messages shown in an ``ipywidgets.HTML``).

    Parameters
    ----------
    value : Any
        Usually an exception or a name.

    Returns
    -------
    str
    """
    import html

    return html.escape(str(value))


def province_choice(ctx) -> dict:
    """Return the first rows of every choice sheet: the province and the survey year.

    Parameters
    ----------
    ctx : ntmplan.notebook.context.Workbook

    Returns
    -------
    dict
    """
    year = int(ctx.survey["year"].max()) if len(ctx.survey) else None
    return {
        "Tỉnh/thành phố / province": f"{ctx.province_name} ({ctx.province_code})",
        "Năm khảo sát / survey year": year,
    }

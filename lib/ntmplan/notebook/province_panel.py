"""The province panel: a province picker, an export button and a body rebuilt in place.

The same notebooks serve batch runs, JupyterLab and the Voilà app (``make app``): with
``interactive = True`` a notebook shows a :class:`ProvincePanel`; changing the province
re-opens the notebook context (:func:`ntmplan.notebook.context.open_workbook`) and rebuilds only
the panel's :class:`Body`, so the page is not re-rendered. In the no-code app
(:func:`ntmplan.notebook.app_mode.in_app`) the whole page follows the province instead: picking
one opens the same workbook for it, with the controls' changed values carried as settings
(:meth:`Body.settings`), so every section shows the new province and the planner's choices
stay. ipywidgets is imported inside the functions.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ntmplan.notebook import app_mode
from ntmplan.notebook.widgets import (
    escape_text,
    export_button,
    export_filename,
    normalise_province,
    output_dir_for,
    province_picker,
)


def find_controls(widget) -> dict[str, Any]:
    """Collect the controls of a widget tree by their description (label).

    Parameters
    ----------
    widget : ipywidgets.Widget
        A panel (a Box with children, Accordions and Tabs included).

    Returns
    -------
    dict
        Description → widget, for every widget with a non-empty ``description`` and a
        ``value`` (buttons and outputs excluded).

    Raises
    ------
    ValueError
        If two controls share a description (they could not be told apart).
    """
    found: dict[str, Any] = {}
    stack = [widget]
    while stack:
        node = stack.pop(0)
        children = getattr(node, "children", None)
        if children:
            stack.extend(children)
        desc = getattr(node, "description", "")
        if desc and node.has_trait("value"):
            if desc in found:
                raise ValueError(f"Hai điều khiển cùng nhãn / duplicate control label: {desc!r}")
            found[desc] = node
    return found


def changed_settings(controls: dict[str, Any], initial: dict[str, Any]) -> dict[str, Any]:
    """Return the controls whose value differs from the value they started at, by params key.

    Parameters
    ----------
    controls : dict
        Dotted params key → widget (with a ``value``).
    initial : dict
        Dotted params key → the value the widget started at.

    Returns
    -------
    dict
        Dotted params key → current value, changed controls only, in the order of ``controls``.
    """
    return {k: c.value for k, c in controls.items() if c.value != initial.get(k)}


def _close_tree(widget) -> None:
    """Close a widget and all its descendants (frees their front-end models)."""
    stack = [widget]
    while stack:
        node = stack.pop()
        stack.extend(getattr(node, "children", ()) or ())
        try:
            node.close()
        except Exception:  # noqa: BLE001 - closing is best effort
            pass


@dataclass
class Body:
    """The province-specific part of a panel.

    Attributes
    ----------
    widget : ipywidgets.Widget
        What is shown.
    export : callable, optional
        ``export(path) -> Path``: write the current choice to ``path`` (xlsx).
    settings : callable, optional
        ``settings() -> dict``: the controls' changed values by dotted params key (what a
        province switch in the app carries over).
    """

    widget: Any
    export: Callable[[Path], Path] | None = None
    settings: Callable[[], dict] | None = None


class ProvincePanel:
    """A province picker, an export button and a body rebuilt in place for the province picked.

    Parameters
    ----------
    ctx : ntmplan.notebook.context.Workbook
        The notebook's context (its province is the initial choice).
    build : callable
        ``build(ctx) -> Body`` (or a bare widget): the province-specific panel.
    params_file, data_file, output_dir : str
        The notebook's parameters, used to re-open the context for another province.
    opener : callable, optional
        Replaces :func:`ntmplan.notebook.context.open_workbook` (tests).

    Attributes
    ----------
    widget : ipywidgets.VBox
        Display this.
    ctx, body : the current context and body.
    picker : ipywidgets.Dropdown
    info : ipywidgets.HTML
        What is shown and how long loading took.
    exporter : ipywidgets.VBox or None
        From :func:`export_button`.
    """

    def __init__(
        self,
        ctx,
        build: Callable,
        params_file: str = "",
        data_file: str = "",
        output_dir: str = "",
        opener: Callable | None = None,
    ):
        import ipywidgets as w

        self.ctx = ctx
        self.build = build
        self.params_file, self.data_file, self.output_dir = params_file, data_file, output_dir
        self.home_code = ctx.province_code
        if opener is None:
            from ntmplan.notebook.context import open_workbook

            opener = open_workbook
        self.opener = opener
        self.app = app_mode.in_app()
        self.picker = province_picker(ctx.province_code)
        self.info = w.HTML()
        self.nav = w.HTML()
        self.holder = w.VBox()
        self.exporter = export_button(self.export)
        self.load_ms = 0.0
        self.body = self._make_body(ctx)
        self.holder.children = (self.body.widget,)
        self._show_info()
        self.picker.observe(self._on_pick, names="value")
        top = [self.picker]
        if self.body.export is not None:
            top.append(self.exporter.children[0])
        self.widget = w.VBox(
            [w.HBox(top), self.info, self.nav, self.exporter.children[1], self.holder]
        )
        self.widget.add_class("ntm-controls")

    def _make_body(self, ctx) -> Body:
        body = self.build(ctx)
        return body if isinstance(body, Body) else Body(widget=body)

    def _show_info(self, extra: str = "") -> None:
        n = len(self.ctx.survey)
        data = app_mode.data_label(self.ctx.data_file, self.ctx.illustrative)
        params = app_mode.CURRENT.get("params") if self.app else Path(self.params_file or "").name
        self.info.value = (
            f"Đang xem / showing: <b>{escape_text(self.ctx.province_name)}</b> ({self.ctx.province_code})"
            f" · {n} đơn vị / units{extra}<br>Dữ liệu / data: <b>{escape_text(data)}</b>"
            f" · Tham số / params: <b>{escape_text(params or 'mặc định / defaults')}</b>"
        )

    def _on_pick(self, change) -> None:
        if self.app:
            self.open_in_app(change["new"])
        else:
            self.select(change["new"])

    def settings(self) -> dict:
        """Return the settings the body's controls carry over to another province (may be empty).

        Returns
        -------
        dict
            Dotted params key → value (see :attr:`Body.settings`).
        """
        return dict(self.body.settings()) if self.body.settings is not None else {}

    def switch_url(self, province: str) -> str:
        """Return the app address of this workbook for ``province`` with the current settings.

        Parameters
        ----------
        province : str
            Code or name.

        Returns
        -------
        str

        Raises
        ------
        ValueError
            If ``province`` is not a province.
        """
        import os

        code = normalise_province(province)
        query = app_mode.query_string(
            code,
            app_mode.CURRENT.get("data", ""),
            app_mode.CURRENT.get("params", ""),
            self.settings(),
        )
        base = os.environ.get("VOILA_BASE_URL", "/")
        return app_mode.workbook_url(self.ctx.notebook, query, base)

    def open_in_app(self, province: str) -> str:
        """In the app, open this workbook for ``province``: the page follows the link put in
        :attr:`nav` (the app's page script opens every ``a.ntm-navigate`` it sees).

        Parameters
        ----------
        province : str
            Code or name.

        Returns
        -------
        str
            The address opened.
        """
        url = self.switch_url(province)
        name = dict((c, n) for n, c in self.picker.options).get(self.picker.value, province)
        self.picker.disabled = True
        self.nav.value = (
            f'<a class="ntm-navigate" href="{escape_text(url)}">Đang mở / opening '
            f"{escape_text(name)}…</a>"
        )
        return url

    def select(self, province: str) -> float:
        """Re-open the context for ``province`` and rebuild the body in place.

        Parameters
        ----------
        province : str
            Code or name.

        Returns
        -------
        float
            Milliseconds taken (context + body); also shown under the picker.

        Raises
        ------
        Nothing: an error is shown in the panel and the previous province stays.
        """
        start = time.perf_counter()
        try:
            code = normalise_province(province)
            if code == self.ctx.province_code:
                return 0.0
            self.picker.disabled = True
            self.info.value = f"Đang tải / loading {code}…"
            ctx = self.opener(
                self.ctx.notebook,
                code,
                self.params_file,
                self.data_file,
                output_dir_for(code, self.output_dir, self.home_code),
            )
            body = self._make_body(ctx)
        except Exception as exc:  # noqa: BLE001 - keep the panel usable, show the reason
            self.info.value = f"<b>Không tải được / cannot load:</b> {escape_text(exc)}"
            self.picker.unobserve(self._on_pick, names="value")
            self.picker.value = self.ctx.province_code
            self.picker.observe(self._on_pick, names="value")
            return 0.0
        finally:
            self.picker.disabled = False
        old = self.body.widget
        self.ctx, self.body = ctx, body
        self.holder.children = (body.widget,)
        _close_tree(old)
        self.exporter.children[1].value = ""
        self.load_ms = (time.perf_counter() - start) * 1000.0
        self._show_info(f" · nạp trong / loaded in {self.load_ms:.0f} ms")
        return self.load_ms

    def export_path(self) -> Path:
        """Return where the current choice is exported (the province's output folder).

        Returns
        -------
        Path
        """
        return self.ctx.path(export_filename(self.ctx.notebook))

    def export(self) -> Path:
        """Write the current choice of the body to :meth:`export_path`.

        Returns
        -------
        Path

        Raises
        ------
        RuntimeError
            If the body has no export.
        """
        if self.body.export is None:
            raise RuntimeError("Bảng này không có xuất Excel / this panel has no export")
        target = self.export_path()
        target.parent.mkdir(parents=True, exist_ok=True)
        return Path(self.body.export(target))

"""The app's server: Voilà with a Vietnamese front door, a Host check and only the app's workbooks.

``python -m ntmplan.app.voila_app [Voilà options] NOTEBOOKS_DIR`` (what
:func:`ntmplan.app.commands.voila_command` builds) runs :class:`AppServer`, a :class:`voila.app.Voila`
that

- refuses every request whose ``Host`` header is not the loopback address or ``localhost``
  (403; a DNS-rebinding page cannot read a report), the check Jupyter servers do when
  ``allow_remote_access`` is off, which Voilà turns on;
- serves the landing page (:mod:`ntmplan.app.landing`) at ``/`` instead of Voilà's file list,
  with the planner's choice of province, survey and params kept in a session cookie, and an
  upload into the data folder;
- renders only the workbooks of :data:`ntmplan.core.catalogue.APP_IDS`: any other notebook, even
  one named in a direct URL, is "not found"; the file-list and contents API are not served;
- starts kernels with ``NTMPLAN_APP=1`` (:func:`ntmplan.notebook.app_mode.in_app`) and the
  project's page template (``jupyter/voila/templates/ntmplan``).
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlencode

from jupyter_server.base.handlers import JupyterHandler
from voila.app import Voila
from voila.tornado.handler import TornadoVoilaHandler

from ntmplan.app import landing
from ntmplan.app.commands import TEMPLATE  # noqa: F401 - the template this server's pages use
from ntmplan.core.catalogue import APP_IDS
from ntmplan.notebook import app_mode

#: Folder added to ``JUPYTER_PATH`` so that Voilà finds the ``ntmplan`` page template.
JUPYTER_DATA = Path(__file__).resolve().parent / "jupyter"
#: Session cookie holding the landing page's choice (a query string).
CHOICE_COOKIE = "ntm_lua_chon"
#: Largest upload accepted (bytes).
MAX_UPLOAD_BYTES = 50_000_000
#: Tornado setting holding, per workbook file, the choice its preheated kernel renders.
PREHEATED_SETTING = "ntm_preheated"
#: Tornado setting holding the coroutine that preheats the workbooks for a new choice.
REPREHEAT_SETTING = "ntm_repreheat"
#: Host names a request may carry besides loopback addresses.
LOCAL_HOSTNAMES = ["localhost"]


def app_notebook_names() -> set[str]:
    """Return the notebook file names the app renders (``02_pilots.ipynb``…).

    Returns
    -------
    set of str
    """
    return {f"{nb}.ipynb" for nb in APP_IDS}


def is_served(path: str | None) -> bool:
    """Tell whether a render path names one of the app's workbooks (nothing else is served).

    Parameters
    ----------
    path : str or None
        The path after ``/voila/render/``.

    Returns
    -------
    bool
    """
    return bool(path) and path.strip("/") in app_notebook_names()


def upload_target(name: str, folder: Path) -> Path:
    """Return where an uploaded file is written: its plain name in the data folder, never over
    an existing file (``_2``, ``_3``… are added).

    Parameters
    ----------
    name : str
        The name the browser sent.
    folder : Path
        The data folder.

    Returns
    -------
    Path

    Raises
    ------
    ValueError
        If the name is empty, hidden, or not a survey or params file.
    """
    plain = Path(name.replace("\\", "/")).name
    suffix = Path(plain).suffix.lower()
    if (
        not plain
        or plain.startswith(".")
        or suffix
        not in (
            *app_mode.SURVEY_SUFFIXES,
            *app_mode.PARAMS_SUFFIXES,
        )
    ):
        raise ValueError(f"Chỉ nhận tệp .csv, .xlsx, .yaml / not accepted: {plain or name!r}")
    target, n = folder / plain, 1
    while target.exists():
        n += 1
        target = folder / f"{Path(plain).stem}_{n}{Path(plain).suffix}"
    return target


class PlainErrors:
    """Error pages of the app's own routes: a short Vietnamese page (no server template)."""

    def write_error(self, status_code: int, **kwargs) -> None:
        """Write ``status_code`` as a one-line page with a link to the landing page."""
        import html

        text = {403: "Không được phép / forbidden", 404: "Không có trang này / not found"}
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(
            f'<!DOCTYPE html><html lang="vi"><meta charset="utf-8"><p>{status_code} · '
            f"{html.escape(text.get(status_code, 'Lỗi / error'))} · "
            f'<a href="/">Trang chính / home</a></p></html>'
        )


class LandingHandler(PlainErrors, JupyterHandler):
    """``/``: the landing page; with a query (the form), checks and remembers the choice."""

    def _choice_from(self, query: str) -> dict:
        values = parse_qs(query or "", keep_blank_values=True)

        def get(key: str) -> str:
            return (values.get(app_mode.QUERY_KEYS[key]) or [""])[-1].strip()

        return landing.read_choice(get("province"), get("data"), get("params"))

    def get(self) -> None:
        """Show the page, or store the form's choice and come back to the page."""
        message = ""
        if self.request.query:
            try:
                choice = self._choice_from(self.request.query)
            except ValueError as exc:
                message = str(exc)
            else:
                query = app_mode.query_string(choice["province"], choice["data"], choice["params"])
                self.set_cookie(CHOICE_COOKIE, query or "tinh=", httponly=True, samesite="Strict")
                repreheat = self.settings.get(REPREHEAT_SETTING)
                if repreheat is not None:  # the cards will open pages rendered for this choice
                    asyncio.ensure_future(repreheat(query))
                self.redirect(self.base_url)
                return
        self.show(message)

    def show(self, message: str = "") -> None:
        """Write the landing page for the remembered choice."""
        from ntmplan.notebook.widgets import province_options

        try:
            choice = self._choice_from(self.get_cookie(CHOICE_COOKIE) or "")
        except ValueError:  # a file removed since: back to the bundled data
            choice = landing.read_choice("", "", "")
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(
            landing.landing_html(
                choice,
                province_options(),
                base_url=self.base_url,
                form_extra=self.xsrf_form_html(),
                message=message,
            )
        )


class UploadHandler(LandingHandler):
    """``/tai-len`` (POST): save an uploaded survey or params file into the data folder."""

    def post(self) -> None:
        """Save the file and choose it; show the reason when it is refused."""
        from tornado import web

        web.RequestHandler.check_xsrf_cookie(self)  # the form's anti-forgery field
        files = self.request.files.get("tep") or []
        if not files:
            self.show("Chưa chọn tệp / no file chosen")
            return
        item = files[0]
        folder = app_mode.data_dir()
        try:
            if len(item["body"]) > MAX_UPLOAD_BYTES:
                raise ValueError(f"Tệp quá lớn / file too large (> {MAX_UPLOAD_BYTES:,} bytes)")
            target = upload_target(item["filename"], folder)
        except ValueError as exc:
            self.show(str(exc))
            return
        folder.mkdir(parents=True, exist_ok=True)
        target.write_bytes(item["body"])
        key = "data" if target.suffix.lower() in app_mode.SURVEY_SUFFIXES else "params"
        self.redirect(self.base_url + "?" + urlencode({app_mode.QUERY_KEYS[key]: target.name}))


class AppNotebookHandler(TornadoVoilaHandler):
    """``/voila/render/<path>``: render only the app's workbooks; anything else is not found.

    A preheated page (rendered before the request, :func:`ntmplan.notebook.app_mode.page_query`)
    is served only to a request asking for the choice it was rendered for; any other request
    gets a kernel of its own.
    """

    async def get(self, path=None):
        """Render the workbook, or answer 404."""
        from tornado import web

        if not is_served(path):
            raise web.HTTPError(404)
        self.ntm_notebook = path.strip("/")
        return await super().get(path)

    def should_use_rendered_notebook(self, notebook_data, pool_size, template_name, theme, args):
        """Voilà's test, and the preheated page's choice must be the request's."""
        usable = super().should_use_rendered_notebook(
            notebook_data, pool_size, template_name, theme, args
        )
        preheated = self.settings.get(PREHEATED_SETTING, {})
        wanted = app_mode.choice_key(self.request.query)
        return bool(usable) and preheated.get(getattr(self, "ntm_notebook", "")) == wanted


class NotFoundHandler(PlainErrors, JupyterHandler):
    """The routes the app does not offer (Voilà's file list and contents API): 404."""

    def get(self, *args, **kwargs) -> None:
        """Answer 404."""
        from tornado import web

        raise web.HTTPError(404)


class AppServer(Voila):
    """Voilà with the app's landing page, its Host check and only its workbooks served."""

    def init_settings(self) -> dict:
        """Voilà's settings with the Host check on (``allow_remote_access`` off)."""
        settings = super().init_settings()
        settings["allow_remote_access"] = False
        settings["local_hostnames"] = list(LOCAL_HOSTNAMES)
        default = os.environ.get(app_mode.CHOICE_ENV, "")
        self.preheated = {name: app_mode.choice_key(default) for name in app_notebook_names()}
        if self.voila_configuration.preheat_kernel:
            settings[PREHEATED_SETTING] = self.preheated
            settings[REPREHEAT_SETTING] = self.repreheat
        return settings

    async def repreheat(self, query: str) -> None:
        """Replace each workbook's preheated kernel by one rendering the page for ``query``.

        Parameters
        ----------
        query : str
            A workbook page's query string (the landing page's choice).
        """
        wanted = app_mode.choice_key(query)
        km = self.kernel_manager
        for name in sorted(app_notebook_names()):
            if self.preheated.get(name) == wanted or km.get_pool_size(name) == 0:
                continue
            url = app_mode.workbook_url(Path(name).stem, query, self.base_url)
            self.preheated[name] = wanted
            try:  # take the old kernel out (Voilà refills the pool for the new address) and stop it
                _task, _cache, kernel_id = await km.get_rendered_notebook(
                    notebook_name=name,
                    extra_kernel_env_variables={"VOILA_REQUEST_URL": f"http://{self.ip}{url}"},
                )
                await km.shutdown_kernel(kernel_id)
            except Exception as exc:  # noqa: BLE001 - a page then gets its own kernel
                self.log.warning("preheat %s: %s", name, exc)

    def init_handlers(self) -> list:
        """Voilà's routes with the landing page, the upload, the guarded render route and no
        file list or contents API."""
        handlers = []
        for route in super().init_handlers():
            pattern = route[0]
            if pattern == self.server_url or pattern.rstrip("/") == self.server_url.rstrip("/"):
                handlers.append((pattern, LandingHandler))
            elif "/voila/render/" in pattern:
                handlers.append((pattern, AppNotebookHandler, *route[2:]))
            elif "/voila/tree" in pattern or "/voila/api/contents" in pattern:
                handlers.append((pattern, NotFoundHandler))
            else:
                handlers.append(route)
        handlers.insert(0, (self.server_url.rstrip("/") + "/tai-len", UploadHandler))
        return handlers


def prepare_environment(environ: dict | None = None) -> dict:
    """Set what the app's kernels and templates need: ``NTMPLAN_APP=1`` and the template path.

    Parameters
    ----------
    environ : dict, optional
        Default ``os.environ`` (changed in place).

    Returns
    -------
    dict
        The environment.
    """
    env = os.environ if environ is None else environ
    env[app_mode.APP_ENV] = "1"
    parts = [p for p in env.get("JUPYTER_PATH", "").split(os.pathsep) if p]
    if str(JUPYTER_DATA) not in parts:
        env["JUPYTER_PATH"] = os.pathsep.join([str(JUPYTER_DATA), *parts])
    return env


def main(argv: list[str] | None = None) -> None:
    """Run the app's server in the foreground.

    Parameters
    ----------
    argv : list of str, optional
        Voilà's options and the notebooks folder; default ``sys.argv[1:]``.
    """
    prepare_environment()
    AppServer.launch_instance(argv=sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":  # pragma: no cover - the command line
    main()

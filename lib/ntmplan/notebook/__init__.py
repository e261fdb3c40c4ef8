"""What the workbooks in ``notebooks/`` call: the notebook layer of ntmplan.

- :mod:`ntmplan.notebook.context` — the notebook context (province, params, survey, outputs).
- :mod:`ntmplan.notebook.display` — showing tables and figures in a report.
- :mod:`ntmplan.notebook.widgets` — province picker, export button and their pure helpers.
- :mod:`ntmplan.notebook.province_panel` — the panel rebuilt in place for another province.
- :mod:`ntmplan.notebook.panels` — the interactive panels of notebooks 02, 03 and 04.
- :mod:`ntmplan.notebook.strip` — stored notebooks carry no outputs (JupyterLab pre-save hook).
- :mod:`ntmplan.notebook.jupyter_config` — the project's Jupyter server configuration.

The submodules are imported by name (``from ntmplan.notebook import widgets``); importing this
package imports none of them.
"""

"""ntmplan — planning workbooks for digital transformation in new rural development.

Kept light on purpose: heavy modules (matplotlib, openpyxl, scipy, …) are
imported inside the functions that need them.
"""

__version__ = "0.1.0"

"""Codes shared by every budget module: the standard activities, the unfunded pseudo-source, the tolerance."""

from __future__ import annotations

#: Standard activities, in display order (guidance tasks 1–6).
ACTIVITIES = ("plan_preparation", "communication", "pilots", "training", "data", "support_policy")
#: Pseudo-source for the part of a requirement that no source covers.
UNFUNDED = "unfunded"
#: Amounts at or below this (million VND) count as zero.
TOL = 1e-9

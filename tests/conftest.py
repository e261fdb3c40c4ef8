"""Shared test helpers."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest


def sha256(path: Path) -> str:
    """Return the SHA-256 of a file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture
def file_hash():
    """The :func:`sha256` helper as a fixture."""
    return sha256

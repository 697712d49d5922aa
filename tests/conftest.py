"""Fixtures shared across test files."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def small_demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small demo warehouse (seed 7), built once per test session; returns its path.

    Closed after the build, so tests and app servers can open it read-only.
    """
    from cs_lib.demo import build_demo_warehouse

    path = tmp_path_factory.mktemp("demo") / "small_demo.duckdb"
    build_demo_warehouse(path, "small", seed=7)
    return path

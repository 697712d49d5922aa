"""Which warehouse this browser session reads: the configured one, or one chosen on the Data page.

The choice lives in the session (never in the URL: a link must not point the app at a file
path), so switching to the company's warehouse changes nothing for other visitors. Choices
are limited to existing `.duckdb` files; a new company warehouse is created by its first
import, then chosen.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from cs_lib.warehouse import REPO_ROOT, warehouse_path

SESSION_KEY = "_warehouse_path"
DATA_DIR = REPO_ROOT / "data"


def current_warehouse() -> Path:
    """The warehouse this session reads ($CS_COCKPIT_DB or the demo unless one was chosen)."""
    try:
        chosen = st.session_state.get(SESSION_KEY)
    except Exception:  # noqa: BLE001 - outside a Streamlit session there is no choice to read
        chosen = None
    return Path(chosen) if chosen else warehouse_path()


def available_warehouses() -> list[Path]:
    """The configured warehouse, every `.duckdb` file under data/, and the current choice."""
    found = [warehouse_path(), *sorted(DATA_DIR.glob("*.duckdb")), current_warehouse()]
    unique: dict[Path, Path] = {}
    for path in found:
        if path.exists():
            unique.setdefault(path.resolve(), path)
    return list(unique.values())


class NotAWarehouse(ValueError):
    """A path that is not an existing .duckdb file."""


def choose_warehouse(path: str | Path) -> Path:
    """Make `path` this session's warehouse; it must be an existing .duckdb file."""
    path = Path(path).expanduser()
    if path.suffix != ".duckdb" or not path.is_file():
        raise NotAWarehouse(str(path))
    st.session_state[SESSION_KEY] = str(path)
    return path


def new_warehouse_path(name: str) -> Path:
    """data/<name>.duckdb for a new company warehouse; the name keeps letters, digits, - and _ only."""
    cleaned = "".join(char for char in name.strip() if char.isalnum() or char in "-_")
    if not cleaned:
        raise NotAWarehouse(name)
    return DATA_DIR / f"{cleaned}.duckdb"

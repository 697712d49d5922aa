"""The Overview's board-pack download: generated only when the button is pressed (Streamlit calls the
function then), from the warehouse the app reads; its snapshot goes to the sidecar while the app holds
the warehouse open (see cs_lib/boardpack/snapshots.py)."""

from __future__ import annotations

from cs_lib.boardpack import MIME_TYPES, generate_board_pack
from cs_lib.filters import Filters
from cs_lib.warehouse import warehouse_path

__all__ = ["MIME_TYPES", "board_pack_bytes"]


def board_pack_bytes(file_format: str, lang: str, as_of: str, filters: Filters, lag_months: int) -> bytes:
    data, _ = generate_board_pack(warehouse_path(), file_format, lang, as_of, filters, lag_months)
    return data

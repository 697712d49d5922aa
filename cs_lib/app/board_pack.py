"""The Overview's board-pack download: generated only when the button is pressed (Streamlit calls the
function then), from the warehouse this session reads; its snapshot is written through the warehouse's
copy-and-swap (cs_lib/boardpack/snapshots.py), so the app keeps reading meanwhile."""

from __future__ import annotations

from pathlib import Path

from cs_lib.boardpack import MIME_TYPES, generate_board_pack
from cs_lib.filters import Filters

__all__ = ["MIME_TYPES", "board_pack_bytes"]


def board_pack_bytes(
    db_path: Path, file_format: str, lang: str, as_of: str, filters: Filters, lag_months: int
) -> bytes:
    data, _ = generate_board_pack(db_path, file_format, lang, as_of, filters, lag_months)
    return data

"""The board pack (取締役会資料): a PDF or PowerPoint deck of the current view, from the app's own numbers,
cards and chart specs, with a frozen snapshot of what it showed. `generate_board_pack` is what the
Overview's download button and the `board-pack` command call."""

from __future__ import annotations

from pathlib import Path

from cs_lib.boardpack.content import BoardPack, build_board_pack, scope_key
from cs_lib.boardpack.snapshots import latest_snapshot, new_snapshot, store_snapshot
from cs_lib.filters import Filters
from cs_lib.metrics.kpis import resolve_as_of
from cs_lib.months import format_month
from cs_lib.settings import load_settings
from cs_lib.warehouse_swap import connect_snapshot

FORMATS = ("pdf", "pptx")
MIME_TYPES = {
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


def generate_board_pack(
    db_path: str | Path,
    file_format: str,
    lang: str,
    as_of: str | None = None,
    filters: Filters = Filters(),
    lag_months: int | None = None,
    store: bool = True,
) -> tuple[bytes, BoardPack]:
    """The pack's bytes (PDF or PPTX) and its content; stores its snapshot unless `store` is False."""
    if file_format not in FORMATS:
        raise ValueError(f"board pack format must be one of {', '.join(FORMATS)}, got {file_format!r}")
    with connect_snapshot(db_path) as con:  # the file as it is now, even after a swap in this process
        settings = load_settings(con)
        month = format_month(resolve_as_of(con, as_of, settings))
        lag = settings.comparison_lag_months if lag_months is None else lag_months
        previous = latest_snapshot(con, scope_key(filters))
        pack = build_board_pack(con, month, lag, filters, settings, lang, previous)
    if file_format == "pdf":
        from cs_lib.boardpack.pdf import board_pack_pdf

        data = board_pack_pdf(pack)
    else:
        from cs_lib.boardpack.slides import board_pack_pptx

        data = board_pack_pptx(pack)
    if store:
        store_snapshot(db_path, new_snapshot(pack.as_of, pack.scope, lang, pack.figures))
    return data, pack

"""Tables of the Data page (no Streamlit): what was read, what is wrong, what the data holds.

Column headers are translated here; the values stay as the importer and the
quality report give them, so what the page shows is what the CLI prints.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from cs_lib.ingest.report import Problem, SourcePreview
from cs_lib.present.i18n import t
from cs_lib.present.problem_text import expected_text


def _headed(frame: pd.DataFrame, prefix: str, lang: str) -> pd.DataFrame:
    return frame.rename(columns={column: t(f"{prefix}.{column}", lang) for column in frame.columns})


def preview_frame(sources: Sequence[SourcePreview], lang: str) -> pd.DataFrame:
    """One line per file or sheet read: table, encoding, delimiter, rows, matched/extra/missing columns."""
    lines = [
        {
            "file": source.file, "table": source.table, "encoding": source.encoding or "—",
            "delimiter": t(f"data.delimiter.{source.delimiter}", lang) if source.delimiter else "—",
            "rows": source.rows,
            "matched": ", ".join(header if header.strip().lower() == column else f"{header} → {column}"
                                 for header, column in source.matched),
            "extra": ", ".join(source.extra), "missing": ", ".join(source.missing),
        }
        for source in sources
    ]
    columns = ["file", "table", "encoding", "delimiter", "rows", "matched", "extra", "missing"]
    return _headed(pd.DataFrame(lines, columns=columns), "data.preview", lang)


def problems_frame(problems: Sequence[Problem], lang: str) -> pd.DataFrame:
    """Every problem as a row: file, row, column, what was expected, the value found."""
    lines = [
        {"file": p.file, "row": p.row, "column": p.column or "", "value": p.value if p.value is not None else "",
         "expected": expected_text(p.expected, lang)}
        for p in problems
    ]
    # What was expected before the value found: on a phone the table scrolls sideways, and the
    # expectation says what to fix.
    frame = pd.DataFrame(lines, columns=["file", "row", "column", "expected", "value"])
    frame["row"] = frame["row"].astype("Int64")
    return _headed(frame, "data.problem", lang)


def quality_frame(report: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The quality report with translated headers and page names."""
    shown = report.copy()
    shown["dark_pages"] = [
        ", ".join(t(f"page.{page}", lang) for page in pages.split(", ")) if pages else ""
        for pages in shown["dark_pages"]
    ]
    return _headed(shown, "data.quality", lang)


def missing_frame(missing: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Missing values per column, only the columns that miss any (a share in per cent)."""
    shown = missing[missing["missing"] > 0].copy()
    shown["share"] = [f"{share:.1%}" for share in shown["share"]]
    return _headed(shown, "data.missing", lang)


def dark_page_notes(report: pd.DataFrame, lang: str) -> list[str]:
    """One sentence per empty table: which pages it leaves dark and which file lights them."""
    notes = []
    for line in report.itertuples():
        if line.rows == 0:
            pages = ", ".join(t(f"page.{page}", lang) for page in line.dark_pages.split(", "))
            notes.append(t("data.dark_note", lang).format(table=line.table, pages=pages, file=line.file_to_bring))
    return notes

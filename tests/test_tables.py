"""Data tables read as people read them; CSV downloads are safe to open in a spreadsheet."""

import io

import numpy as np
import pandas as pd

from cs_lib.present.tables import MOVEMENT_TABLE, RETENTION_TABLE, csv_bytes, display_table, escape_formula


def movements() -> pd.DataFrame:
    return pd.DataFrame({
        "month": ["2025-01", "2025-02"], "mrr": [1_000_000, 1_050_000], "new": [0, 80_000],
        "reactivation": [0, 0], "expansion": [0, 10_000], "contraction": [0, -15_000], "churn": [0, -25_000],
    })


def test_movement_table_has_translated_headers_newest_first_and_formatted_money():
    styler = display_table(movements(), MOVEMENT_TABLE, "ja")
    shown = styler.data
    assert list(shown.columns) == ["月", "月末MRR", "新規", "再開", "拡大", "縮小", "解約"]
    assert list(shown["月"]) == ["2025-02", "2025-01"]
    html = styler.to_html()
    assert "¥1,050,000" in html and "-¥25,000" in html
    assert shown["月末MRR"].dtype.kind in "if"  # still numbers underneath, so the table sorts


def test_retention_table_shows_percentages_and_a_dash_for_undefined():
    trend = pd.DataFrame({
        "month": ["2024-01", "2025-01"], "accounts_start": [np.nan, 1234.0], "grr": [np.nan, 0.9123],
        "nrr": [np.nan, 1.05], "logo_retention": [np.nan, 0.9], "upsell_rate": [np.nan, 0.2],
        "expansion_rate": [np.nan, 0.12], "cross_sell_rate": [np.nan, 0.05],
    })
    html = display_table(trend, RETENTION_TABLE, "en").to_html()
    assert "91.2%" in html and "105.0%" in html and "1,234" in html
    assert "–" in html and "nan" not in html.lower() and "None" not in html


def test_formula_looking_text_is_escaped():
    assert escape_formula("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert [escape_formula(text) for text in ("+1", "-1", "@SUM(A1)", "\tx")] == ["'+1", "'-1", "'@SUM(A1)", "'\tx"]
    assert escape_formula("Acme") == "Acme"
    assert escape_formula(-5) == -5  # numbers stay numbers


def test_csv_has_a_bom_raw_numbers_and_escaped_text():
    frame = pd.DataFrame({"account": ["=cmd|' /C calc'!A0", "株式会社"], "mrr": [-1000, 2000]})
    data = csv_bytes(frame)
    assert data.startswith("\ufeff".encode())
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert list(back["account"]) == ["'=cmd|' /C calc'!A0", "株式会社"]
    assert list(back["mrr"]) == [-1000, 2000]


def test_a_long_table_shows_its_first_rows_and_says_the_csv_has_them_all():
    from cs_lib.present.tables import MAX_TABLE_ROWS, truncation_note

    frame = pd.DataFrame({"value": range(MAX_TABLE_ROWS + 5)})
    shown = display_table(frame, {"value": ("table.accounts", "count")}, "en").data
    assert len(shown) == MAX_TABLE_ROWS
    expected = f"Showing the first {MAX_TABLE_ROWS:,} of {MAX_TABLE_ROWS + 5:,} rows; the CSV download has them all."
    assert truncation_note(frame, "en") == expected
    assert truncation_note(frame.head(MAX_TABLE_ROWS), "en") is None
    assert len(csv_bytes(frame).decode().splitlines()) == MAX_TABLE_ROWS + 6  # header + every row

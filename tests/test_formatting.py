"""Numbers as they read on screen; undefined is "–", never 0."""

import math

import pytest

from cs_lib.present.formatting import (
    KPI_KINDS,
    UNDEFINED,
    count,
    format_kpi,
    format_kpi_change,
    money,
    money_compact,
    percent,
    points,
    ratio,
    signed_percent,
)


def test_money_is_exact_yen_with_thousands_separators():
    assert money(12_345_678) == "¥12,345,678"
    assert money(12_345_678.4) == "¥12,345,678"
    assert money(0) == "¥0"
    assert money(-1_234) == "-¥1,234"


def test_money_in_another_currency_uses_its_symbol():
    assert money(1_234, "USD") == "$1,234"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (123_000_000, "¥1.23億"),  # 1.23 × 10^8
        (45_670_000, "¥4,567万"),  # 4,567 × 10^4
        (9_999, "¥9,999"),  # below 1 万: exact
        (99_999_999, "¥1.00億"),  # 9,999.9999万 rounds to 10,000万 = 1 億
        (2_500_000_000_000, "¥2.50兆"),
        (-45_670_000, "-¥4,567万"),
    ],
)
def test_money_compact_in_japanese_uses_man_and_oku(value, expected):
    assert money_compact(value, "ja") == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (12_345_678, "¥12.3M"),
        (1_234_567_890, "¥1.23B"),
        (456_789, "¥456,789"),  # below a million: exact
        (-12_345_678, "-¥12.3M"),
    ],
)
def test_money_compact_in_english_uses_millions(value, expected):
    assert money_compact(value, "en") == expected


def test_percent_of_a_fraction():
    assert percent(0.973) == "97.3%"
    assert percent(1.0512) == "105.1%"
    assert percent(0) == "0.0%"


def test_signed_percent_and_points():
    assert signed_percent(0.045) == "+4.5%"
    assert points(0.012) == "+1.2 pt"  # 0.012 as a fraction = 1.2 percentage points
    assert points(-0.0349) == "-3.5 pt"
    assert points(-0.0001) == "0.0 pt"
    assert signed_percent(-0.0001) == "0.0%"


@pytest.mark.parametrize("undefined", [None, float("nan"), math.nan])
def test_undefined_is_a_dash_never_zero(undefined):
    for formatter in (money, percent, signed_percent, points, count, ratio):
        assert formatter(undefined) == UNDEFINED
    assert money_compact(undefined, "ja") == UNDEFINED
    for name in KPI_KINDS:
        assert format_kpi(name, undefined, "en") == UNDEFINED


def test_format_kpi_by_kind():
    assert format_kpi("arr", 1_234_567_890, "ja") == "¥12.35億"
    assert format_kpi("arr", 1_234_567_890, "en") == "¥1.23B"
    assert format_kpi("arpa", 123_456.7, "en") == "¥123,457"
    assert format_kpi("nrr_ttm", 1.0534, "ja") == "105.3%"
    assert format_kpi("active_accounts", 1234, "en") == "1,234"
    assert format_kpi("quick_ratio_month", 2.345, "en") == "2.35"  # 2.345 is stored as 2.34499…
    assert format_kpi("as_of", "2025-06", "en") == "2025-06"


def test_change_of_a_rate_is_in_points_and_of_money_in_currency():
    assert format_kpi_change("grr_ttm", 0.91, 0.93, "en") == "-2.0 pt"
    assert format_kpi_change("arr", 130_000_000, 120_000_000, "ja") == "+¥1,000万"
    assert format_kpi_change("arpa", 100_000, 101_000, "en") == "-¥1,000"
    assert format_kpi_change("active_accounts", 120, 100, "en") == "+20"
    assert format_kpi_change("active_accounts", 100, 100, "en") == "0"
    assert format_kpi_change("arpa", 100_000.2, 100_000, "en") == "¥0"
    assert format_kpi_change("grr_ttm", 0.91, None, "en") == UNDEFINED
    assert format_kpi_change("grr_ttm", None, 0.9, "en") == UNDEFINED

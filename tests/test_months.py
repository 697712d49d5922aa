"""Month arithmetic shared by the engine, the CLI and the app."""

import pytest

from cs_lib.months import MonthError, month_sequence, months_before, parse_month


def test_months_before_crosses_year_boundaries():
    assert months_before("2026-02", 3) == "2025-11"
    assert months_before("2026-10", 12) == "2025-10"
    assert months_before("2026-10", 0) == "2026-10"


def test_month_sequence_is_inclusive_and_empty_when_reversed():
    assert month_sequence("2025-11", "2026-02") == ["2025-11", "2025-12", "2026-01", "2026-02"]
    assert month_sequence("2026-02", "2026-02") == ["2026-02"]
    assert month_sequence("2026-03", "2026-02") == []


@pytest.mark.parametrize("text", ["2026-13", "2026-00", "26-01", "2026/01", "", "2026-1-1"])
def test_parse_month_rejects_anything_but_yyyy_mm(text):
    with pytest.raises(MonthError, match="YYYY-MM"):
        parse_month(text)

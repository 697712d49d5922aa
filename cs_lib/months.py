"""Months as the engine sees them: `YYYY-MM` text outside, first-of-month dates inside."""

from __future__ import annotations

import re
from datetime import date, timedelta

_MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{1,2})$")


class MonthError(ValueError):
    pass


def parse_month(text: str) -> date:
    """'2026-10' → date(2026, 10, 1); anything else raises MonthError with the expected form."""
    match = _MONTH_PATTERN.match(str(text).strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise MonthError(f"expected a month as YYYY-MM, got {text!r}")
    return date(int(match.group(1)), int(match.group(2)), 1)


def format_month(month: date) -> str:
    return f"{month.year:04d}-{month.month:02d}"


def add_months(month: date, months: int) -> date:
    index = month.year * 12 + month.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def months_before(month: str, count: int) -> str:
    """'2026-02', 3 → '2025-11'."""
    return format_month(add_months(parse_month(month), -count))


def month_sequence(first: str, last: str) -> list[str]:
    """Every month from `first` to `last` inclusive, as 'YYYY-MM' (empty when last < first)."""
    months, month, end = [], parse_month(first), parse_month(last)
    while month <= end:
        months.append(format_month(month))
        month = add_months(month, 1)
    return months


def last_day(month: date) -> date:
    """The last day of `month`'s month: date(2024, 2, 1) → date(2024, 2, 29)."""
    return add_months(date(month.year, month.month, 1), 1) - timedelta(days=1)

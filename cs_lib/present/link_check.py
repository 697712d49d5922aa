"""Checking a shared link's query parameters, so that nothing asked for is dropped in silence.

A link such as `?segment=Megacorp&as_of=2099-13&lang=fr` names values the
warehouse does not have. The widgets would ignore them and show the whole
company; instead, each is reported with what is valid, in the user's language.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cs_lib.months import MonthError, parse_month
from cs_lib.present.i18n import LANGUAGES, t

# With more valid values than this, a message lists the closest ones instead of all.
MAX_LISTED_VALUES = 12


@dataclass(frozen=True)
class LinkProblem:
    """One ignored value of the link: `kind` picks the message."""

    kind: str  # "unknown_value", "malformed_month", "month_outside", "unknown_language", "unknown_comparison"
    parameter: str
    value: str
    valid: str  # what is valid, already listed or ranged

    def message(self, lang: str) -> str:
        label = t(f"dimension.{self.parameter}", lang) if self.kind == "unknown_value" else self.parameter
        return t(f"link.{self.kind}", lang).format(parameter=label, value=self.value, valid=self.valid)


def valid_values_hint(value: str, valid: Sequence[str]) -> str:
    """All valid values when there are few, else the closest to `value` (or the first few)."""
    if len(valid) <= MAX_LISTED_VALUES:
        return ", ".join(valid)
    closest = difflib.get_close_matches(value, valid, n=5, cutoff=0.4)
    shown = closest or list(valid[:5])
    return ", ".join(shown) + f", … ({len(valid)})"


def check_link(
    raw: Mapping[str, Sequence[str]],
    *,
    valid_values: Mapping[str, Sequence[str]],
    first_month: str,
    last_month: str,
    comparison_lags: Sequence[int],
) -> list[LinkProblem]:
    """Every value of the link that the view cannot honour, in parameter order."""
    problems: list[LinkProblem] = []
    for parameter, values in raw.items():
        for value in values:
            if value == "":
                continue  # an empty parameter clears a filter: that is valid
            problem = _check_one(parameter, value, valid_values, first_month, last_month, comparison_lags)
            if problem is not None:
                problems.append(problem)
    return problems


def _check_one(parameter, value, valid_values, first_month, last_month, comparison_lags) -> LinkProblem | None:
    if parameter in valid_values:
        valid = list(valid_values[parameter])
        if value not in valid:
            return LinkProblem("unknown_value", parameter, value, valid_values_hint(value, valid))
    elif parameter == "as_of":
        span = f"{first_month} – {last_month}"
        try:
            month = parse_month(value)
        except MonthError:
            return LinkProblem("malformed_month", parameter, value, span)
        if not parse_month(first_month) <= month <= parse_month(last_month):
            return LinkProblem("month_outside", parameter, value, span)
    elif parameter == "lang":
        if value not in LANGUAGES:
            return LinkProblem("unknown_language", parameter, value, ", ".join(LANGUAGES))
    elif parameter == "compare":
        if value not in {str(lag) for lag in comparison_lags}:
            return LinkProblem("unknown_comparison", parameter, value, ", ".join(map(str, comparison_lags)))
    return None

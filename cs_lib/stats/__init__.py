"""Statistics for the KPIs (METRICS.md §12–§13): pure functions on numbers and numpy arrays.

`proportions`: Wilson interval for one rate; Newcombe interval and z/Fisher test for two
independent rates. `bootstrap`: paired bootstrap over accounts for the change of ratio KPIs
between two periods, and the bootstrap interval of one ratio. `regression`: the least-squares
line with its intervals (§11). No pandas, DuckDB or Streamlit.
"""

from cs_lib.stats.bootstrap import (
    DECLINE,
    IMPROVEMENT,
    TOO_FEW,
    UNDEFINED,
    WEAK_EVIDENCE_ACCOUNTS,
    WITHIN_NOISE,
    RatioChange,
    paired_ratio_change,
    paired_ratio_changes,
    percentile_interval,
    ratio_interval,
    resampled_sums,
)
from cs_lib.stats.proportions import (
    ProportionComparison,
    compare_proportions,
    newcombe_interval,
    wilson_interval,
)
from cs_lib.stats.regression import LineFit, least_squares_line

__all__ = [
    "DECLINE",
    "IMPROVEMENT",
    "TOO_FEW",
    "UNDEFINED",
    "WEAK_EVIDENCE_ACCOUNTS",
    "WITHIN_NOISE",
    "LineFit",
    "ProportionComparison",
    "RatioChange",
    "compare_proportions",
    "least_squares_line",
    "newcombe_interval",
    "paired_ratio_change",
    "paired_ratio_changes",
    "percentile_interval",
    "ratio_interval",
    "resampled_sums",
    "wilson_interval",
]

"""Statistics for the KPIs (METRICS.md §12–§13): pure functions on numbers and numpy arrays.

`proportions`: Wilson interval for one rate; Newcombe interval and z/Fisher test for two
independent rates. `bootstrap`: paired bootstrap over accounts for the change of ratio KPIs
between two periods, and the bootstrap interval of one ratio. `stratified`: the Mantel–Haenszel
difference of proportions and the CMH test (§12). `group_bootstrap`: the NRR difference of two
independent groups, plain or standardised to the treated segment mix (§12). `regression`: the
least-squares line with its intervals (§11). No pandas, DuckDB or Streamlit.
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
from cs_lib.stats.group_bootstrap import RatioDifference, ratio_difference
from cs_lib.stats.proportions import (
    ProportionComparison,
    compare_proportions,
    newcombe_interval,
    wilson_interval,
)
from cs_lib.stats.regression import LineFit, least_squares_line
from cs_lib.stats.stratified import (
    StratifiedDifference,
    Stratum,
    cochran_mantel_haenszel_p,
    mantel_haenszel_difference,
)

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
    "RatioDifference",
    "StratifiedDifference",
    "Stratum",
    "cochran_mantel_haenszel_p",
    "compare_proportions",
    "mantel_haenszel_difference",
    "least_squares_line",
    "newcombe_interval",
    "paired_ratio_change",
    "paired_ratio_changes",
    "percentile_interval",
    "ratio_difference",
    "ratio_interval",
    "resampled_sums",
    "wilson_interval",
]

"""The stacked difference in differences of NRR and its bootstrap (METRICS.md §12; docs/metrics.md Choice 10)."""

from __future__ import annotations

import numpy as np
import pytest

from cs_lib.stats.did import DiDRow, difference_in_differences

# Two stacks. 2023-01: treated a (100 -> 100 -> 150), controls c1 (100 -> 100 -> 0), x (200 -> 200 -> 200).
# 2023-02: treated x (200 -> 220 -> 330), control c1 (100 -> 100 -> 80). x keeps both roles.
# 2023-03: treated b only, no control: left out.
ROWS = [
    DiDRow("a", "2023-01", "treated", 100, 100, 150),
    DiDRow("c1", "2023-01", "control", 100, 100, 0),
    DiDRow("x", "2023-01", "control", 200, 200, 200),
    DiDRow("x", "2023-02", "treated", 200, 220, 330),
    DiDRow("c1", "2023-02", "control", 100, 100, 80),
    DiDRow("b", "2023-03", "treated", 50, 50, 50),
]


def test_pooled_by_summing_mrr_across_stacks():
    result = difference_in_differences(ROWS, draws=50)
    # treated: before (100 + 220) / (100 + 200) = 320/300, after (150 + 330) / (100 + 220) = 480/320 = 1.5
    # control: before (100 + 200 + 100) / (100 + 200 + 100) = 1, after (0 + 200 + 80) / 400 = 0.7
    # DiD = (1.5 - 320/300) - (0.7 - 1) = 0.4333... + 0.3 = 0.7333...
    assert result.before_treated == pytest.approx(320 / 300)
    assert result.after_treated == pytest.approx(1.5)
    assert (result.before_control, result.after_control) == (pytest.approx(1.0), pytest.approx(0.7))
    assert result.difference == pytest.approx(1.5 - 320 / 300 + 0.3)
    assert (result.stacks_used, result.stacks_left_out) == (2, 1)
    # accounts treated in some stack: a, x; control-only: c1
    assert (result.treated_accounts, result.control_accounts) == (2, 1)


def _literal(rows, draws):
    """The documented scheme, account by account: fresh default_rng(0); per draw, the treated-in-some-
    stack accounts (sorted) drawn first, then the control-only accounts (sorted); each drawn account
    brings all its rows of the kept stacks."""
    kept = [row for row in rows if row.stack_month in {"2023-01", "2023-02"}]
    treated = sorted({row.account_id for row in kept if row.role == "treated"})
    control = sorted({row.account_id for row in kept} - set(treated))
    rng = np.random.default_rng(0)
    values = []
    for _ in range(draws):
        picked = [treated[i] for i in rng.integers(0, len(treated), len(treated))]
        picked += [control[i] for i in rng.integers(0, len(control), len(control))]
        sums = {key: 0.0 for key in ("tbn", "tbd", "tan", "tad", "cbn", "cbd", "can", "cad")}
        for account in picked:
            for row in kept:
                if row.account_id != account:
                    continue
                role = "t" if row.role == "treated" else "c"
                sums[role + "bn"] += row.mrr_stack
                sums[role + "bd"] += row.mrr_before
                sums[role + "an"] += row.mrr_after
                sums[role + "ad"] += row.mrr_stack
        if 0 in (sums["tbd"], sums["tad"], sums["cbd"], sums["cad"]):
            continue
        values.append((sums["tan"] / sums["tad"] - sums["tbn"] / sums["tbd"])
                      - (sums["can"] / sums["cad"] - sums["cbn"] / sums["cbd"]))
    return np.percentile(values, [2.5, 97.5])


def test_bootstrap_matches_a_literal_reimplementation():
    result = difference_in_differences(ROWS, draws=400)
    lower, upper = _literal(ROWS, 400)
    assert (result.lower, result.upper) == (pytest.approx(lower), pytest.approx(upper))
    assert result.lower < result.upper


def test_no_usable_stack_gives_no_estimate():
    result = difference_in_differences([DiDRow("b", "2023-03", "treated", 50, 50, 50)])
    assert (result.difference, result.lower, result.stacks_used, result.stacks_left_out) == (None, None, 0, 1)

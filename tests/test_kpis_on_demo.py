"""Properties that must hold for any data, checked on the small demo warehouse."""

from __future__ import annotations

import duckdb
import pytest

from cs_lib.filters import Filters
from cs_lib.metrics.kpis import dimension_values, kpis_at, month_range, monthly_rates, mrr_movements, retention_trend

MOVEMENTS = ["new", "reactivation", "expansion", "contraction", "churn"]


@pytest.fixture(scope="module")
def demo(small_demo_db):
    with duckdb.connect(str(small_demo_db), read_only=True) as con:
        yield con


def scopes(con) -> list[Filters]:
    return [
        Filters(),
        Filters(segment=(dimension_values(con, "segment")[0],)),
        Filters(product=(dimension_values(con, "product")[0],)),
        Filters(region=tuple(dimension_values(con, "region")[:2]), product=tuple(dimension_values(con, "product")[:2])),
    ]


def test_movement_identity_holds_every_month(demo):
    for filters in scopes(demo):
        frame = mrr_movements(demo, None, filters)
        assert len(frame) >= 48  # four years of months
        previous = frame["mrr"].shift(1, fill_value=0)
        change = frame[MOVEMENTS].sum(axis=1)
        gap = (frame["mrr"] - previous - change).abs()
        assert gap.max() < 1e-6, frame.loc[gap.idxmax()]


def test_movements_have_the_documented_signs(demo):
    frame = mrr_movements(demo)
    assert (frame[["new", "reactivation", "expansion"]] >= 0).all().all()
    assert (frame[["contraction", "churn"]] <= 0).all().all()
    # The demo is built to have every kind of movement.
    assert (frame[MOVEMENTS].abs().sum() > 0).all()


def test_filtered_mrr_adds_up_to_the_total(demo):
    total = mrr_movements(demo)["mrr"]
    by_segment = sum(
        mrr_movements(demo, None, Filters(segment=(value,)))["mrr"] for value in dimension_values(demo, "segment")
    )
    assert (total - by_segment).abs().max() < 1e-6
    by_product = sum(
        mrr_movements(demo, None, Filters(product=(value,)))["mrr"] for value in dimension_values(demo, "product")
    )
    assert (total - by_product).abs().max() < 1e-6


def test_grr_is_never_above_one_and_nrr_never_below_grr(demo):
    trend = retention_trend(demo).dropna(subset=["grr"])
    assert len(trend) >= 30
    assert (trend["grr"] <= 1 + 1e-12).all()
    assert (trend["nrr"] >= trend["grr"] - 1e-12).all()
    rates = monthly_rates(demo).dropna(subset=["grr"])
    assert (rates["grr"] <= 1 + 1e-12).all()


def test_kpis_at_agree_with_the_series(demo):
    as_of = month_range(demo).last_month
    values = kpis_at(demo, as_of)
    movements = mrr_movements(demo, as_of).set_index("month")
    trend = retention_trend(demo, as_of).set_index("month")
    assert values["mrr"] == pytest.approx(movements.loc[as_of, "mrr"])
    assert values["arr"] == pytest.approx(12 * values["mrr"])
    assert values["grr_ttm"] == pytest.approx(trend.loc[as_of, "grr"])
    assert values["nrr_ttm"] == pytest.approx(trend.loc[as_of, "nrr"])
    assert 0 < values["renewal_rate_ttm"] < 1 and values["ltv"] > values["arpa"]

"""The demo data set: deterministic, inside the data contract, and telling true stories.

The generated frames are checked directly (no SQL views), so these tests do
not depend on sql/. One test builds the small warehouse end to end.
"""

from __future__ import annotations

import json

import duckdb
import numpy as np
import pandas as pd
import pytest

from cs_lib import schema
from cs_lib.demo import SIZES, build_demo_warehouse, generate_tables
from cs_lib.demo.accounts import BUSINESS_UNIT_MATURITY, BUSINESS_UNITS

LAST_DAY = pd.Timestamp("2026-10-31")
OPEN_END = pd.Timestamp("2100-01-01")  # stands in for an empty end_date


@pytest.fixture(scope="session")
def small() -> dict[str, pd.DataFrame]:
    return generate_tables("small", seed=42)


@pytest.fixture(scope="session")
def default() -> dict[str, pd.DataFrame]:
    """The default size without usage: large enough for the correlations to stand out of the noise."""
    return generate_tables("default", seed=42, with_usage=False)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    path.with_name("demo.duckdb.tmp").write_text("left over from a crashed build")
    messages: list[str] = []
    counts = build_demo_warehouse(path, size="small", seed=42, progress=messages.append)
    return path, counts, messages


def checksum(frame: pd.DataFrame) -> int:
    return int(pd.util.hash_pandas_object(frame.astype(str), index=False).sum())


def paid_lines(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    subscriptions = tables["subscriptions"]
    return subscriptions[subscriptions["mrr"] > 0]


def churn_dates(tables: dict[str, pd.DataFrame]) -> pd.Series:
    """Last day of service of each account that is no longer a paying customer at the end of the data."""
    lines = paid_lines(tables)
    last_end = lines["end_date"].fillna(OPEN_END).groupby(lines["account_id"]).max()
    return last_end[last_end < LAST_DAY]


# Determinism


def test_same_size_and_seed_give_identical_tables(small):
    again = generate_tables("small", seed=42)
    for name, frame in small.items():
        pd.testing.assert_frame_equal(frame, again[name], obj=name)
    assert checksum(small["subscriptions"]) == checksum(again["subscriptions"])


def test_another_seed_gives_other_data(small):
    other = generate_tables("small", seed=7, with_usage=False)
    assert checksum(other["subscriptions"]) != checksum(small["subscriptions"])
    assert not other["accounts"]["account_name"].equals(small["accounts"]["account_name"])


def test_sizes_are_the_documented_account_counts():
    assert SIZES == {"small": 300, "default": 3_000, "large": 100_000}
    with pytest.raises(ValueError, match="unknown demo size"):
        generate_tables("huge")


# The data contract


def test_every_contract_table_is_generated_with_its_columns(small):
    assert set(small) == {table.name for table in schema.TABLES}
    for table in schema.TABLES:
        frame = small[table.name]
        assert len(frame) > 0, table.name
        contract_columns = [column.name for column in table.columns]
        assert set(contract_columns) <= set(frame.columns) <= {*contract_columns, "extra_columns"}, table.name


@pytest.mark.parametrize("table", schema.TABLES, ids=lambda table: table.name)
def test_values_follow_the_contract_rules(small, table):
    frame = small[table.name]
    account_ids = set(small["accounts"]["account_id"])
    for column in table.columns:
        values = frame[column.name]
        present = values.dropna()
        if column.required:
            assert values.notna().all(), column.name
        if column.allowed:
            assert set(present.astype(str)) <= set(column.allowed), column.name
        if column.minimum is not None:
            assert (present >= column.minimum).all(), column.name
        if column.maximum is not None:
            assert (present <= column.maximum).all(), column.name
        if column.references_account:
            assert set(values) <= account_ids, column.name
    assert not frame.duplicated(list(table.key)).any(), f"duplicate natural keys in {table.name}"
    for earlier, later in table.date_order:
        assert not (frame[later] < frame[earlier]).any(), f"{later} before {earlier}"


def test_journey_stages_are_the_defined_stages(small):
    defined = {stage[0] for stage in schema.DEFAULT_JOURNEY_STAGES}
    assert set(small["journey_events"]["stage"].astype(str)) == defined


def test_dates_cover_four_years_ending_october_2026(small):
    assert small["subscriptions"]["start_date"].min() == pd.Timestamp("2022-11-01")
    assert paid_lines(small)["start_date"].min() < pd.Timestamp("2022-12-01")
    recorded = {
        "subscriptions": "start_date", "usage": "date", "touchpoints": "date", "tickets": "closed_on",
        "nps": "date", "journey_events": "entered_on", "programs": "started_on", "accounts": "created_on",
    }
    for table, column in recorded.items():
        assert small[table][column].max() <= LAST_DAY, table
    assert small["usage"]["date"].max() >= pd.Timestamp("2026-10-01")
    assert small["subscriptions"]["end_date"].max() > LAST_DAY  # contracts running past the data


# Shapes the metrics must handle


def test_free_pilots_and_open_ended_monthly_lines_exist(small):
    subscriptions = small["subscriptions"]
    assert (subscriptions["mrr"] == 0).any()
    assert subscriptions["end_date"].isna().any()


def test_twelve_and_twenty_four_month_terms_end_the_day_before_the_anniversary(small):
    lines = small["subscriptions"].dropna(subset=["end_date"])
    for months in (12, 24):
        anniversary = lines["start_date"] + pd.DateOffset(months=months)
        assert (lines["end_date"] == anniversary - pd.Timedelta(days=1)).sum() >= 5, months


def test_some_accounts_come_back_after_a_gap(small):
    lines = paid_lines(small).sort_values(["account_id", "start_date"])
    covered_until = lines["end_date"].fillna(OPEN_END).groupby(lines["account_id"]).cummax()
    previous_cover = covered_until.groupby(lines["account_id"]).shift()
    gap_days = (lines["start_date"] - previous_cover).dt.days
    assert (gap_days > 60).any()


def test_platform_lines_carry_a_plan_and_accounts_climb_the_staircase(small):
    subscriptions = small["subscriptions"]
    platform = subscriptions[subscriptions["product"] == "platform"]
    plans = platform["extra_columns"].map(lambda text: json.loads(text)["plan"])
    assert set(plans) == {"starter", "standard", "premium"}
    rank = plans.map({"starter": 0, "standard": 1, "premium": 2})
    steps = rank.groupby(platform["account_id"]).diff()
    assert (steps > 0).sum() > (steps < 0).sum() > 0  # upgrades outnumber downgrades, and both happen
    assert {"analytics", "automation"} <= set(subscriptions["product"].astype(str))


def test_usage_scales_with_seats(small):
    seats = small["subscriptions"].groupby("account_id")["seats"].max()
    usage = small["usage"]
    active_users = usage[usage["metric"] == "active_users"].groupby("account_id")["value"].mean()
    assert np.corrcoef(np.log1p(active_users), np.log1p(seats.reindex(active_users.index)))[0, 1] > 0.7


# Correlations the pages show


def test_churn_is_lower_in_the_most_mature_business_unit(default):
    accounts = default["accounts"].set_index("account_id")
    first_start = paid_lines(default).groupby("account_id")["start_date"].min()
    established = first_start[first_start <= pd.Timestamp("2025-10-31")].index
    churned = pd.Series(established.isin(churn_dates(default).index), index=established)
    churn_share = churned.groupby(accounts.loc[established, "business_unit"].astype(str)).mean()
    least, most = BUSINESS_UNITS[BUSINESS_UNIT_MATURITY.argmin()], BUSINESS_UNITS[BUSINESS_UNIT_MATURITY.argmax()]
    assert churn_share[most] < churn_share[least] - 0.10


def test_nps_and_tickets_warn_before_churn(default):
    ends = churn_dates(default)

    def days_before_churn(frame: pd.DataFrame, column: str) -> pd.Series:
        return (frame["account_id"].map(ends) - frame[column]).dt.days

    nps = default["nps"]
    before = days_before_churn(nps, "date").between(0, 150)
    assert nps.loc[before, "score"].mean() < nps.loc[~nps["account_id"].isin(ends.index), "score"].mean() - 1.0
    tickets = default["tickets"]
    high = tickets["severity"] == "high"
    before = days_before_churn(tickets, "opened_on").between(0, 150)
    assert high[before].mean() > 1.5 * high[~tickets["account_id"].isin(ends.index)].mean()


def test_programmes_reach_a_third_of_customers(default):
    reach = default["programs"]["account_id"].nunique() / paid_lines(default)["account_id"].nunique()
    assert 0.30 <= reach <= 0.42


def test_maturity_and_culture_rise_with_the_units_maturity(default):
    assessments = default["maturity_assessments"]
    latest = assessments[assessments["assessed_on"] == assessments["assessed_on"].max()]
    level = latest.groupby("business_unit")["level"].mean().reindex(BUSINESS_UNITS)
    assert np.corrcoef(level, BUSINESS_UNIT_MATURITY)[0, 1] > 0.9
    culture = default["culture_survey"].groupby("business_unit")["score"].mean().reindex(BUSINESS_UNITS)
    assert np.corrcoef(culture, BUSINESS_UNIT_MATURITY)[0, 1] > 0.9


# The warehouse build


def test_build_writes_every_table_and_swaps_the_file_in(built, small):
    path, counts, _ = built
    assert counts == {name: len(frame) for name, frame in small.items()}
    assert not path.with_name("demo.duckdb.tmp").exists()
    with duckdb.connect(str(path), read_only=True) as con:
        usage_accounts = con.execute("select count(distinct account_id), sum(value) from raw_usage").fetchone()
        plans = con.execute("select count(*) from raw_subscriptions where extra_columns->>'plan' = 'premium'")
        premium_lines = plans.fetchone()[0]
    assert usage_accounts[0] == small["usage"]["account_id"].nunique()
    assert usage_accounts[1] == pytest.approx(small["usage"]["value"].sum())
    assert premium_lines == small["subscriptions"]["extra_columns"].str.contains('"premium"').sum()


def test_build_reports_progress_step_by_step(built):
    _, _, messages = built
    assert "accounts 300" in messages
    assert any(message.startswith("usage ") for message in messages)
    assert messages[-1].startswith("done")

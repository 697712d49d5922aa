-- METRICS.md §1: the data's month range runs from the month of the earliest
-- start_date to the as-of month, by default the month of the latest date in
-- the data. Contract end dates are left out of "latest date": they are often
-- scheduled in the future, and counting them would extrapolate past the data.
-- One row. Materialised so the month spine below is fixed at build time.

create or replace table data_range as
with recorded_dates as (
    select max(start_date) as latest_date from stg_subscriptions
    union all select max(created_on) from stg_accounts
    union all select max(usage_date) from stg_usage
    union all select max(touch_date) from stg_touchpoints
    union all select max(opened_on) from stg_tickets
    union all select max(closed_on) from stg_tickets
    union all select max(response_date) from stg_nps
    union all select max(entered_on) from stg_journey_events
    union all select max(started_on) from stg_programs
),

first_service as (
    select min(start_date) as earliest_start, max(end_date) as latest_end from stg_subscriptions
)

select
    month_of(first_service.earliest_start) as first_month,
    greatest(
        month_of(first_service.earliest_start),
        month_of((select max(latest_date) from recorded_dates))
    ) as last_month,
    -- The spine also reaches the month after the latest contract end (at most 3
    -- years ahead), so an as-of month chosen past the recorded data still sees
    -- the churn that follows a scheduled end. Only an explicit as-of uses it.
    least(
        add_months(month_of((select max(latest_date) from recorded_dates)), 36),
        greatest(
            month_of(first_service.earliest_start),
            month_of((select max(latest_date) from recorded_dates)),
            add_months(month_of(first_service.latest_end), 1)
        )
    ) as spine_end_month
from first_service;

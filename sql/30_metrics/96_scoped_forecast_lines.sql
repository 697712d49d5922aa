-- METRICS.md §9 renewal forecast: the paid lines of the scope ending in [period_start, period_end],
-- with their ARR (12 × MRR), start date, whether they renewed (§7: a paid line of the same account
-- and product active on some day of (end_date, end_date + grace]) and the day that outcome is known
-- (end_date + grace). cs_lib/metrics/forecast.py groups them by the health band of the account.
-- One row per subscription line.

create or replace macro scoped_forecast_lines(period_start, period_end, grace_days, scope) as table
select
    expiring.subscription_id,
    expiring.account_id,
    expiring.product,
    lines.start_date,
    expiring.end_date,
    expiring.outcome_known_on,
    expiring.renewed,
    12 * lines.mrr as arr
from scoped_expiring_lines(period_start, period_end, grace_days, scope) as expiring
inner join stg_subscriptions as lines on lines.subscription_id = expiring.subscription_id
where expiring.is_paid;

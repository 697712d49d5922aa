-- METRICS.md §9: the renewal risk list's lines: every paid line of the scope with
-- D < end_date <= D + window_days, where D = the last day of the as-of month. A renewal is
-- booked when the same account has a paid line of the same product active on some day of
-- (end_date, end_date + grace] (METRICS.md §7, read from scoped_expiring_lines), whether
-- or not that day has come yet. The CSM and the last touchpoint on or before D come along;
-- health, band and expected loss are joined in cs_lib/metrics/risk.py (settings).
-- One row per subscription line.

create or replace macro scoped_renewal_risk_lines(as_of_day, window_days, grace_days, scope) as table
select
    expiring.subscription_id,
    expiring.account_id,
    accounts.account_name,
    expiring.product,
    expiring.end_date,
    12 * lines.mrr as arr_at_risk,
    expiring.renewed as renewal_booked,
    accounts.csm,
    (
        select max(touches.touch_date) from stg_touchpoints as touches
        where touches.account_id = expiring.account_id and touches.touch_date <= as_of_day
    ) as last_touchpoint
from scoped_expiring_lines(as_of_day + 1, as_of_day + cast(window_days as integer), grace_days, scope) as expiring
inner join stg_subscriptions as lines on lines.subscription_id = expiring.subscription_id
inner join stg_accounts as accounts on accounts.account_id = expiring.account_id
where expiring.is_paid;

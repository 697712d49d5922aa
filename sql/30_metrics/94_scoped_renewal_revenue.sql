-- The renewal-based retention some CS platforms report (the Retention page's definition
-- ledger, next to METRICS.md §4): over the paid lines of the scope ending in
-- [period_start, period_end] whose outcome is known by last_day(as_of_month) (§7),
-- `mrr_before` = the expiring line's MRR and `mrr_after` = the summed MRR of the same
-- account's paid lines of the same product active on some day of (end_date, end_date +
-- grace] (0 when not renewed). One row per such line.

create or replace macro scoped_renewal_revenue(period_start, as_of_month, grace_days, scope) as table
with counted as (
    select subscription_id, account_id, product, end_date, outcome_known_on
    from scoped_expiring_lines(period_start, last_day(as_of_month), grace_days, scope)
    where is_paid and outcome_known_on <= last_day(as_of_month)
),

following as (
    select counted.subscription_id, sum(later.mrr) as mrr_after
    from counted
    inner join stg_subscriptions as later
        on later.account_id = counted.account_id
        and later.product = counted.product
        and later.mrr > 0
        and greatest(later.start_date, counted.end_date + 1)
            <= least(coalesce(later.end_date, counted.outcome_known_on), counted.outcome_known_on)
    group by counted.subscription_id
)

select
    counted.subscription_id, counted.account_id,
    cast(lines.mrr as double) as mrr_before,
    cast(coalesce(following.mrr_after, 0) as double) as mrr_after
from counted
inner join stg_subscriptions as lines on lines.subscription_id = counted.subscription_id
left join following on following.subscription_id = counted.subscription_id
order by counted.subscription_id;

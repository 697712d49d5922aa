-- METRICS.md §7: renewal of expiring lines. A line expiring in the period is
-- renewed when the same account has a line of the same product active on some
-- day in (end_date, end_date + grace]. One row per expiring line. The caller
-- ends the period no later than the as-of date (later expiries are not counted).
-- "First expiring line" of an account: earliest end_date, ties broken by
-- subscription_id, so each account has exactly one.

create or replace macro scoped_expiring_lines(
    period_start, period_end, grace_days,
    f_segment, f_industry, f_region, f_business_unit, f_cs_model, f_csm, f_product
) as table
with lines as (
    select subscription_id, account_id, product, start_date, end_date
    from stg_subscriptions
    where (f_product is null or list_contains(f_product, product))
        and account_id in (
            select account_id
            from scoped_accounts(f_segment, f_industry, f_region, f_business_unit, f_cs_model, f_csm)
        )
),

expiring_lines as (
    select subscription_id, account_id, product, end_date
    from lines
    where end_date between period_start and period_end
),

-- Active on some day of (end, end + grace]: starts by end + grace and is still running after end.
renewed_lines as (
    select distinct expiring_lines.subscription_id
    from expiring_lines
    inner join lines as following
        on following.account_id = expiring_lines.account_id
        and following.product = expiring_lines.product
        and following.start_date <= expiring_lines.end_date + cast(grace_days as integer)
        and (following.end_date is null or following.end_date > expiring_lines.end_date)
),

first_expiring_lines as (
    select subscription_id
    from lines
    where end_date is not null
    qualify row_number() over (partition by account_id order by end_date, subscription_id) = 1
)

select
    expiring_lines.subscription_id,
    expiring_lines.account_id,
    expiring_lines.product,
    expiring_lines.end_date,
    renewed_lines.subscription_id is not null as renewed,
    first_expiring_lines.subscription_id is not null as is_first_expiring_line
from expiring_lines
left join renewed_lines on renewed_lines.subscription_id = expiring_lines.subscription_id
left join first_expiring_lines on first_expiring_lines.subscription_id = expiring_lines.subscription_id;

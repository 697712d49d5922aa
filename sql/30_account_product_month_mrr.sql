-- METRICS.md §1: MRR(a, m) = sum of mrr over the lines of account a active on
-- the last day of month m (start_date <= d and (end_date is null or d <= end_date)).
-- One row per account, product and month with MRR > 0; a month without a row
-- has MRR 0. Kept per product so the product filter and cross-sell can use it.
-- Materialised at build/import time: every KPI reads it.

create or replace table account_product_month_mrr as
with lines as (
    select account_id, product, start_date, end_date, mrr
    from stg_subscriptions
    where mrr > 0
),

line_months as (
    select
        lines.account_id,
        lines.product,
        months.month,
        lines.mrr
    from lines
    inner join months
        on lines.start_date <= last_day(months.month)
        and (lines.end_date is null or last_day(months.month) <= lines.end_date)
)

select account_id, product, month, sum(mrr) as mrr
from line_months
group by account_id, product, month
order by month, account_id, product;

-- METRICS.md §1: MRR(a, m) = sum of mrr over the lines of account a active on
-- the last day of month m (start_date <= d and (end_date is null or d <= end_date)).
-- One row per account, product and month with MRR > 0; a month without a row
-- has MRR 0. Kept per product so the product filter and cross-sell can use it.
-- Materialised at build/import time: every KPI reads it. The account's filter
-- attributes ride along on every row, so a filter is a column predicate
-- rather than a join (they are fixed until the next import, which rebuilds this).

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
),

mrr_rows as (
    select account_id, product, month, sum(mrr) as mrr
    from line_months
    group by account_id, product, month
)

select
    mrr_rows.account_id, mrr_rows.product, mrr_rows.month, mrr_rows.mrr,
    accounts.segment, accounts.industry, accounts.region, accounts.business_unit, accounts.cs_model, accounts.csm
from mrr_rows
left join stg_accounts as accounts on accounts.account_id = mrr_rows.account_id
order by mrr_rows.month, mrr_rows.account_id, mrr_rows.product;

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

-- MRR(a, m) over the products in `products` (a list). One row per account and
-- month with MRR > 0.
create or replace macro account_month_mrr_for_products(products) as table
select account_id, month, sum(mrr) as mrr
from account_product_month_mrr
where list_contains(products, product)
group by account_id, month;

-- The same over all products, materialised: what every query without a product
-- filter reads. An account filter only selects rows of it, because an account's
-- own series never depends on which other accounts are in scope.
create or replace table account_month_mrr as
select account_id, month, mrr
from account_month_mrr_for_products((select list(distinct product) from account_product_month_mrr))
order by month, account_id;

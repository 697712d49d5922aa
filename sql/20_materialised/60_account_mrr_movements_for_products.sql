-- METRICS.md §2: MRR movements of each account's series over the products in
-- `products`. With per_product, each (account, product) is a series of its own
-- (what a filter on that one product sees); else the products are summed per
-- account. One row per series and month with a movement.
-- Works on the sparse rows: a gap between two active months is a churn (the month
-- after the last active one) and, later, a reactivation. The first active month
-- is "new" (so in the first month of the range every active account is new). A
-- movement in month m depends only on months up to m, so rows can be computed
-- once and cut at any as-of month.

create or replace macro account_mrr_movements_for_products(products, per_product) as table
with series_months as (
    select
        account_id,
        case when per_product then product else '' end as series,
        month,
        sum(mrr) as mrr,
        segment, industry, region, business_unit, cs_model, csm
    from account_product_month_mrr
    where list_contains(products, product)
    group by
        account_id, case when per_product then product else '' end, month,
        segment, industry, region, business_unit, cs_model, csm
),

with_neighbours as (
    select
        account_id, series, month, mrr,
        segment, industry, region, business_unit, cs_model, csm,
        lag(month) over by_series as previous_active_month,
        lag(mrr) over by_series as previous_active_mrr,
        lead(month) over by_series as next_active_month
    from series_months
    window by_series as (partition by account_id, series order by month)
),

arrivals_and_changes as (
    select
        account_id, series, month,
        segment, industry, region, business_unit, cs_model, csm,
        case
            when previous_active_month is null then 'new'
            when previous_active_month < add_months(month, -1) then 'reactivation'
            when mrr > previous_active_mrr then 'expansion'
            when mrr < previous_active_mrr then 'contraction'
        end as movement,
        case
            when previous_active_month = add_months(month, -1) then mrr - previous_active_mrr
            else mrr
        end as amount
    from with_neighbours
),

churns as (
    select
        account_id, series, add_months(month, 1) as month,
        segment, industry, region, business_unit, cs_model, csm,
        'churn' as movement, -mrr as amount
    from with_neighbours
    where (next_active_month is null or next_active_month > add_months(month, 1))
        and add_months(month, 1) <= (select max(month) from months)
),

movements as (
    select account_id, series, month, movement, amount, segment, industry, region, business_unit, cs_model, csm
    from arrivals_and_changes
    where movement is not null
    union all
    select account_id, series, month, movement, amount, segment, industry, region, business_unit, cs_model, csm
    from churns
)

select
    account_id, nullif(series, '') as product, month, movement, amount,
    segment, industry, region, business_unit, cs_model, csm
from movements;

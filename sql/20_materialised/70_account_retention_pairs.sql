-- METRICS.md §4: the per-account facts of retention over a window. For an end month
-- m1, m0 = m1 - window and A = the accounts active in m0. One row per series of A
-- and end month m1 in [from_end_month, to_end_month], over the products in
-- `products`: MRR at m0 and at m1, and whether the series holds at m1 a product it
-- did not hold at m0 (cross-sell). With per_product, each (account, product) is a
-- series of its own (what a filter on that one product sees; it can never
-- cross-sell); else the products are summed per account.

create or replace macro account_retention_pairs(products, per_product, window_months, from_end_month, to_end_month)
as table
with series_products as (
    select
        account_id, product, case when per_product then product else '' end as series, month, mrr,
        segment, industry, region, business_unit, cs_model, csm
    from account_product_month_mrr
    where list_contains(products, product)
        and (
            month between add_months(from_end_month, -window_months) and add_months(to_end_month, -window_months)
            or month between from_end_month and to_end_month
        )
),

series_months as (
    select
        account_id, series, month, sum(mrr) as mrr,
        segment, industry, region, business_unit, cs_model, csm
    from series_products
    group by account_id, series, month, segment, industry, region, business_unit, cs_model, csm
),

start_and_end as (
    select
        start_state.account_id,
        start_state.series,
        start_state.month as start_month,
        add_months(start_state.month, window_months) as end_month,
        start_state.mrr as mrr_start,
        coalesce(end_state.mrr, 0) as mrr_end,
        start_state.segment, start_state.industry, start_state.region,
        start_state.business_unit, start_state.cs_model, start_state.csm
    from series_months as start_state
    left join series_months as end_state
        on end_state.account_id = start_state.account_id
        and end_state.series = start_state.series
        and end_state.month = add_months(start_state.month, window_months)
    where start_state.month
        between add_months(from_end_month, -window_months) and add_months(to_end_month, -window_months)
),

cross_sold as (
    select distinct start_and_end.start_month, start_and_end.account_id, start_and_end.series
    from start_and_end
    inner join series_products as at_end
        on at_end.account_id = start_and_end.account_id
        and at_end.series = start_and_end.series
        and at_end.month = start_and_end.end_month
    left join series_products as at_start
        on at_start.account_id = start_and_end.account_id
        and at_start.series = start_and_end.series
        and at_start.month = start_and_end.start_month
        and at_start.product = at_end.product
    where at_start.product is null
)

select
    start_and_end.account_id, nullif(start_and_end.series, '') as product,
    start_and_end.start_month, start_and_end.end_month,
    start_and_end.mrr_start, start_and_end.mrr_end,
    cross_sold.account_id is not null as cross_sold,
    start_and_end.segment, start_and_end.industry, start_and_end.region,
    start_and_end.business_unit, start_and_end.cs_model, start_and_end.csm
from start_and_end
left join cross_sold
    on cross_sold.start_month = start_and_end.start_month
    and cross_sold.account_id = start_and_end.account_id
    and cross_sold.series = start_and_end.series;

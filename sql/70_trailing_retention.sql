-- METRICS.md §4: retention over a window (default 12 months). For each end
-- month m1 in [from_end_month, as_of_month], with m0 = m1 - window and
-- A = accounts active in m0 (within the filter). One row per m1 that has a
-- non-empty A; a missing row means "undefined".

create or replace macro scoped_trailing_retention(
    as_of_month, from_end_month, window_months,
    f_segment, f_industry, f_region, f_business_unit, f_cs_model, f_csm, f_product
) as table
with start_state as (
    select account_id, month, mrr
    from scoped_account_month_mrr(
        as_of_month, f_segment, f_industry, f_region, f_business_unit, f_cs_model, f_csm, f_product
    )
    where month between add_months(from_end_month, -window_months) and add_months(as_of_month, -window_months)
),

end_state as (
    select account_id, month, mrr
    from scoped_account_month_mrr(
        as_of_month, f_segment, f_industry, f_region, f_business_unit, f_cs_model, f_csm, f_product
    )
    where month between from_end_month and as_of_month
),

-- Products held (MRR > 0) in the start and end months only: what cross-sell compares.
account_products as (
    select account_id, product, month
    from scoped_account_product_month_mrr(
        as_of_month, f_segment, f_industry, f_region, f_business_unit, f_cs_model, f_csm, f_product
    )
    where month between add_months(from_end_month, -window_months) and add_months(as_of_month, -window_months)
        or month between from_end_month and as_of_month
),

start_and_end as (
    select
        start_state.month as start_month,
        add_months(start_state.month, window_months) as end_month,
        start_state.account_id,
        start_state.mrr as mrr_start,
        coalesce(end_state.mrr, 0) as mrr_end
    from start_state
    left join end_state
        on end_state.account_id = start_state.account_id
        and end_state.month = add_months(start_state.month, window_months)
),

-- Accounts of A holding, at m1, a product they did not hold at m0 (cross-sell).
cross_sold as (
    select distinct start_and_end.start_month, start_and_end.account_id
    from start_and_end
    inner join account_products as at_end
        on at_end.account_id = start_and_end.account_id
        and at_end.month = start_and_end.end_month
    left join account_products as at_start
        on at_start.account_id = start_and_end.account_id
        and at_start.month = start_and_end.start_month
        and at_start.product = at_end.product
    where at_start.product is null
)

select
    start_and_end.end_month as month,
    start_and_end.start_month,
    count(*) as accounts_start,
    sum(start_and_end.mrr_start) as mrr_start,
    sum(start_and_end.mrr_end) as mrr_end,
    cast(sum(least(start_and_end.mrr_end, start_and_end.mrr_start)) as double)
        / sum(start_and_end.mrr_start) as grr,
    cast(sum(start_and_end.mrr_end) as double) / sum(start_and_end.mrr_start) as nrr,
    count(*) filter (where start_and_end.mrr_end > 0) / count(*) as logo_retention,
    count(*) filter (where start_and_end.mrr_end > start_and_end.mrr_start) / count(*) as upsell_rate,
    cast(sum(greatest(start_and_end.mrr_end - start_and_end.mrr_start, 0)) as double)
        / sum(start_and_end.mrr_start) as expansion_rate,
    count(cross_sold.account_id) / count(*) as cross_sell_rate
from start_and_end
left join cross_sold
    on cross_sold.start_month = start_and_end.start_month
    and cross_sold.account_id = start_and_end.account_id
group by start_and_end.start_month, start_and_end.end_month;

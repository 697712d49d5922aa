-- METRICS.md §4: retention over a window (default 12 months). For an end month
-- m1, m0 = m1 - window and A = accounts active in m0 (within the filter).

-- One row per account of A and end month m1 in [from_end_month, to_end_month],
-- over the products in `products`: MRR at m0 and m1, and whether the account
-- holds at m1 a product it did not hold at m0 (cross-sell).
create or replace macro account_retention_pairs(products, window_months, from_end_month, to_end_month) as table
with account_products as (
    select account_id, product, month, mrr, segment, industry, region, business_unit, cs_model, csm
    from account_product_month_mrr
    where list_contains(products, product)
        and (
            month between add_months(from_end_month, -window_months) and add_months(to_end_month, -window_months)
            or month between from_end_month and to_end_month
        )
),

account_months as (
    select account_id, month, sum(mrr) as mrr, segment, industry, region, business_unit, cs_model, csm
    from account_products
    group by account_id, month, segment, industry, region, business_unit, cs_model, csm
),

start_and_end as (
    select
        start_state.account_id,
        start_state.month as start_month,
        add_months(start_state.month, window_months) as end_month,
        start_state.mrr as mrr_start,
        coalesce(end_state.mrr, 0) as mrr_end,
        start_state.segment, start_state.industry, start_state.region,
        start_state.business_unit, start_state.cs_model, start_state.csm
    from account_months as start_state
    left join account_months as end_state
        on end_state.account_id = start_state.account_id
        and end_state.month = add_months(start_state.month, window_months)
    where start_state.month
        between add_months(from_end_month, -window_months) and add_months(to_end_month, -window_months)
),

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
    start_and_end.account_id, start_and_end.start_month, start_and_end.end_month,
    start_and_end.mrr_start, start_and_end.mrr_end,
    cross_sold.account_id is not null as cross_sold,
    start_and_end.segment, start_and_end.industry, start_and_end.region,
    start_and_end.business_unit, start_and_end.cs_model, start_and_end.csm
from start_and_end
left join cross_sold
    on cross_sold.start_month = start_and_end.start_month
    and cross_sold.account_id = start_and_end.account_id;

-- Every product, for the macros' "no product filter" case.
create or replace table all_products as
select coalesce(list(distinct product order by product), []) as products
from account_product_month_mrr;

-- The default window over all products and all months, materialised at import:
-- what the Overview's trend and KPI cards read when no product filter is set.
create or replace table account_retention_pairs_12m as
select
    account_id, start_month, end_month, mrr_start, mrr_end, cross_sold,
    segment, industry, region, business_unit, cs_model, csm
from account_retention_pairs(
    (select products from all_products), 12, (select min(month) from months), (select max(month) from months)
)
order by end_month, account_id;

-- One row per account of A (within the filter) and end month m1 in [from_end_month, as_of_month]:
-- the per-account facts every §4 rate is a sum of (and what the paired bootstrap of §13
-- resamples). Reads the materialised pairs for the default window without a product
-- filter, else computes the pairs for the request.
create or replace macro scoped_retention_pairs(
    as_of_month, from_end_month, window_months,
    f_segment, f_industry, f_region, f_business_unit, f_cs_model, f_csm, f_product
) as table
with precomputed as (
    select
        account_id, start_month, end_month, mrr_start, mrr_end, cross_sold,
        segment, industry, region, business_unit, cs_model, csm
    from account_retention_pairs_12m
    where f_product is null and window_months = 12
        and end_month between from_end_month and as_of_month
),

computed as (
    select
        account_id, start_month, end_month, mrr_start, mrr_end, cross_sold,
        segment, industry, region, business_unit, cs_model, csm
    from account_retention_pairs(
        -- null (no rows) when the precomputed pairs answer the request
        case
            when f_product is null and window_months = 12 then null
            else coalesce(f_product, (select products from all_products))
        end,
        window_months, from_end_month, as_of_month
    )
    where not (f_product is null and window_months = 12)
),

pairs as (
    select
        account_id, start_month, end_month, mrr_start, mrr_end, cross_sold,
        segment, industry, region, business_unit, cs_model, csm
    from precomputed
    union all
    select
        account_id, start_month, end_month, mrr_start, mrr_end, cross_sold,
        segment, industry, region, business_unit, cs_model, csm
    from computed
)

select account_id, start_month, end_month, mrr_start, mrr_end, cross_sold
from pairs
where account_in_scope(
    segment, industry, region, business_unit, cs_model, csm,
    f_segment, f_industry, f_region, f_business_unit, f_cs_model, f_csm
);

-- One row per end month m1 in [from_end_month, as_of_month] with a non-empty A;
-- a missing row means "undefined".
create or replace macro scoped_trailing_retention(
    as_of_month, from_end_month, window_months,
    f_segment, f_industry, f_region, f_business_unit, f_cs_model, f_csm, f_product
) as table
select
    end_month as month,
    start_month,
    count(*) as accounts_start,
    sum(mrr_start) as mrr_start,
    sum(mrr_end) as mrr_end,
    cast(sum(least(mrr_end, mrr_start)) as double) / sum(mrr_start) as grr,
    cast(sum(mrr_end) as double) / sum(mrr_start) as nrr,
    count(*) filter (where mrr_end > 0) / count(*) as logo_retention,
    count(*) filter (where mrr_end > mrr_start) / count(*) as upsell_rate,
    cast(sum(greatest(mrr_end - mrr_start, 0)) as double) / sum(mrr_start) as expansion_rate,
    count(*) filter (where cross_sold) / count(*) as cross_sell_rate
from scoped_retention_pairs(
    as_of_month, from_end_month, window_months,
    f_segment, f_industry, f_region, f_business_unit, f_cs_model, f_csm, f_product
)
group by start_month, end_month;

-- METRICS.md §4 within the scope: one row per account of A and end month m1 in
-- [from_end_month, as_of_month], the per-account facts every §4 rate is a sum of (and
-- what the paired bootstrap of §13 resamples). The default 12-month window reads the
-- materialised pairs (all products, or one product); other windows and several
-- products are computed for the request.

create or replace macro scoped_retention_pairs(as_of_month, from_end_month, window_months, scope) as table
with every_product as (
    select
        account_id, start_month, end_month, mrr_start, mrr_end, cross_sold,
        segment, industry, region, business_unit, cs_model, csm
    from account_retention_pairs_12m
    where window_months = 12 and scope_product_count(scope) = 0
        and end_month between from_end_month and as_of_month
),

one_product as (
    select
        account_id, start_month, end_month, mrr_start, mrr_end, cross_sold,
        segment, industry, region, business_unit, cs_model, csm
    from account_product_retention_pairs_12m
    where window_months = 12 and scope_product_count(scope) = 1 and product = scope_products(scope)[1]
        and end_month between from_end_month and as_of_month
),

computed as (
    select
        account_id, start_month, end_month, mrr_start, mrr_end, cross_sold,
        segment, industry, region, business_unit, cs_model, csm
    from account_retention_pairs(
        -- null (no rows) when the materialised pairs answer the request
        case
            when window_months = 12 and scope_product_count(scope) <= 1 then null
            else coalesce(scope_products(scope), (select products from all_products))
        end,
        false, window_months, from_end_month, as_of_month
    )
    where not (window_months = 12 and scope_product_count(scope) <= 1)
),

in_any_case as (
    select
        account_id, start_month, end_month, mrr_start, mrr_end, cross_sold,
        segment, industry, region, business_unit, cs_model, csm
    from every_product
    union all
    select
        account_id, start_month, end_month, mrr_start, mrr_end, cross_sold,
        segment, industry, region, business_unit, cs_model, csm
    from one_product
    union all
    select
        account_id, start_month, end_month, mrr_start, mrr_end, cross_sold,
        segment, industry, region, business_unit, cs_model, csm
    from computed
)

select account_id, start_month, end_month, mrr_start, mrr_end, cross_sold
from in_any_case
where account_in_scope(segment, industry, region, business_unit, cs_model, csm, scope);

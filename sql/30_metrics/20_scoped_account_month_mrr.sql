-- METRICS.md §1: MRR(a, m) within the scope, up to the as-of month; one row per
-- account and month with MRR > 0.

create or replace macro scoped_account_month_mrr(as_of_month, scope) as table
with every_product as (
    select account_id, month, mrr, segment, industry, region, business_unit, cs_model, csm
    from account_month_mrr
    where scope_product_count(scope) = 0
),

one_product as (
    select account_id, month, mrr, segment, industry, region, business_unit, cs_model, csm
    from account_product_month_mrr
    where scope_product_count(scope) = 1 and product = scope_products(scope)[1]
),

several_products as (
    select account_id, month, mrr, segment, industry, region, business_unit, cs_model, csm
    from account_month_mrr_for_products(scope_products(scope))
    where scope_product_count(scope) > 1
),

in_any_case as (
    select account_id, month, mrr, segment, industry, region, business_unit, cs_model, csm from every_product
    union all
    select account_id, month, mrr, segment, industry, region, business_unit, cs_model, csm from one_product
    union all
    select account_id, month, mrr, segment, industry, region, business_unit, cs_model, csm from several_products
)

select account_id, month, mrr
from in_any_case
where month <= as_of_month
    and account_in_scope(segment, industry, region, business_unit, cs_model, csm, scope);

-- METRICS.md §2 within the scope: one row per account and month with a movement.

create or replace macro scoped_account_mrr_movements(as_of_month, scope) as table
with every_product as (
    select account_id, month, movement, amount, segment, industry, region, business_unit, cs_model, csm
    from account_mrr_movements
    where scope_product_count(scope) = 0
),

one_product as (
    select account_id, month, movement, amount, segment, industry, region, business_unit, cs_model, csm
    from account_product_mrr_movements
    where scope_product_count(scope) = 1 and product = scope_products(scope)[1]
),

several_products as (
    select account_id, month, movement, amount, segment, industry, region, business_unit, cs_model, csm
    from account_mrr_movements_for_products(scope_products(scope), false)
    where scope_product_count(scope) > 1
),

in_any_case as (
    select account_id, month, movement, amount, segment, industry, region, business_unit, cs_model, csm
    from every_product
    union all
    select account_id, month, movement, amount, segment, industry, region, business_unit, cs_model, csm
    from one_product
    union all
    select account_id, month, movement, amount, segment, industry, region, business_unit, cs_model, csm
    from several_products
)

select account_id, month, movement, amount
from in_any_case
where month <= as_of_month
    and account_in_scope(segment, industry, region, business_unit, cs_model, csm, scope);

-- METRICS.md §1: MRR(a, m) over the products in `products` (a list). One row per
-- account and month with MRR > 0. What a filter on several products reads.

create or replace macro account_month_mrr_for_products(products) as table
select account_id, month, sum(mrr) as mrr, segment, industry, region, business_unit, cs_model, csm
from account_product_month_mrr
where list_contains(products, product)
group by account_id, month, segment, industry, region, business_unit, cs_model, csm;

-- METRICS.md §2 for each product on its own, materialised, so that a filter on one
-- product reads rows instead of recomputing every account's series: one row per
-- account, product and month with a movement of that product's series.

create or replace table account_product_mrr_movements as
select account_id, product, month, movement, amount, segment, industry, region, business_unit, cs_model, csm
from account_mrr_movements_for_products((select products from all_products), true)
order by product, month, account_id;

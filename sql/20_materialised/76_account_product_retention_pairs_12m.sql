-- METRICS.md §4, the 12-month window for each product on its own, materialised so that
-- a filter on one product reads rows: one row per account, product and end month.

create or replace table account_product_retention_pairs_12m as
select
    account_id, product, start_month, end_month, mrr_start, mrr_end, cross_sold,
    segment, industry, region, business_unit, cs_model, csm
from account_retention_pairs(
    (select products from all_products), true, 12, (select min(month) from months), (select max(month) from months)
)
order by product, end_month, account_id;

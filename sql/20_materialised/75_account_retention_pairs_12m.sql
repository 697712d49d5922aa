-- METRICS.md §4, the default 12-month window over all products and all months,
-- materialised at import: what the KPI cards and the trend read without a product
-- filter. One row per account of A and end month.

create or replace table account_retention_pairs_12m as
select
    account_id, start_month, end_month, mrr_start, mrr_end, cross_sold,
    segment, industry, region, business_unit, cs_model, csm
from account_retention_pairs(
    (select products from all_products), false, 12, (select min(month) from months), (select max(month) from months)
)
order by end_month, account_id;

-- METRICS.md §2 over all products, materialised: one row per account and month with a
-- movement (an account has at most one movement a month).

create or replace table account_mrr_movements as
select account_id, month, movement, amount, segment, industry, region, business_unit, cs_model, csm
from account_mrr_movements_for_products((select products from all_products), false)
order by month, account_id;

-- METRICS.md §1: MRR(a, m) over all products, materialised: what every query without
-- a product filter reads. An account filter only selects rows of it, because an
-- account's own series never depends on which other accounts are in scope.
-- One row per account and month with MRR > 0.

create or replace table account_month_mrr as
select account_id, month, mrr, segment, industry, region, business_unit, cs_model, csm
from account_month_mrr_for_products((select products from all_products))
order by month, account_id;

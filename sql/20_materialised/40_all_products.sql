-- Every product with revenue, as one list (one row): the macros' "no product filter" case.

create or replace table all_products as
select coalesce(list(distinct product order by product), []) as products
from account_product_month_mrr;

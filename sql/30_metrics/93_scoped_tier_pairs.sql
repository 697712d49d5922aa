-- The price-tier staircase: MRR(a, m0) and MRR(a, m1) of every account of the scope
-- active in m0 = as_of_month - window_months or in m1 = as_of_month (0 where not
-- active). Tiers are ranges of these amounts (a setting), assigned in cs_lib/metrics/tiers.py.

create or replace macro scoped_tier_pairs(as_of_month, window_months, scope) as table
with account_months as (
    select account_id, month, mrr
    from scoped_account_month_mrr(as_of_month, scope)
    where month in (add_months(as_of_month, -window_months), as_of_month)
)

select
    account_id,
    coalesce(sum(mrr) filter (where month = add_months(as_of_month, -window_months)), 0) as mrr_start,
    coalesce(sum(mrr) filter (where month = as_of_month), 0) as mrr_end
from account_months
group by account_id
order by account_id;

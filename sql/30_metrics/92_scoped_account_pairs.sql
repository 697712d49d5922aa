-- METRICS.md §3–4 per account, for breakdowns by a dimension (the Segments page):
-- the retention pairs of a window ending at the as-of month (window 1 gives the §3
-- monthly rates of accounts active in m-1; 12 gives §4) with each account's attributes
-- and its cohort year (the year of its first month with MRR > 0 within the scope, §6).

create or replace macro scoped_account_pairs(as_of_month, window_months, scope) as table
with cohorts as (
    select account_id, min(month) as cohort
    from scoped_account_month_mrr(as_of_month, scope)
    group by account_id
)

select
    pairs.account_id, pairs.mrr_start, pairs.mrr_end, pairs.cross_sold,
    accounts.segment, accounts.industry, accounts.region, accounts.business_unit, accounts.cs_model, accounts.csm,
    cast(year(cohorts.cohort) as varchar) as cohort_year
from scoped_retention_pairs(as_of_month, as_of_month, window_months, scope) as pairs
inner join stg_accounts as accounts on accounts.account_id = pairs.account_id
left join cohorts on cohorts.account_id = pairs.account_id;

-- METRICS.md §7: customer lifetime, one row per account of the scope with MRR > 0 in
-- some month up to the as-of month. The cohort is its first month with MRR > 0 (§6);
-- `churned` when it has a churn movement (§2) after that, and then `lifetime_months`
-- runs from the cohort month to its FIRST churn month (a later reactivation does not
-- undo it); otherwise it is censored at the as-of month (as-of month − cohort month).
-- The account's attributes come along so that curves can be drawn per value.

create or replace macro scoped_account_lifetimes(as_of_month, scope) as table
with cohorts as (
    select account_id, min(month) as cohort
    from scoped_account_month_mrr(as_of_month, scope)
    group by account_id
),

first_churns as (
    select account_id, min(month) as churn_month
    from scoped_account_mrr_movements(as_of_month, scope)
    where movement = 'churn'
    group by account_id
)

select
    cohorts.account_id,
    cohorts.cohort,
    first_churns.churn_month is not null as churned,
    months_between_starts(cohorts.cohort, coalesce(first_churns.churn_month, as_of_month)) as lifetime_months,
    accounts.segment, accounts.industry, accounts.region, accounts.business_unit, accounts.cs_model, accounts.csm,
    cast(year(cohorts.cohort) as varchar) as cohort_year
from cohorts
left join first_churns on first_churns.account_id = cohorts.account_id
inner join stg_accounts as accounts on accounts.account_id = cohorts.account_id;

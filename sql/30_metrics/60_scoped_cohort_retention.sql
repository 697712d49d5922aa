-- METRICS.md §6: cohorts. The cohort of an account is its first month with
-- MRR > 0 (within the filter). One row per cohort and age from 0 up to the
-- as-of month; ages past the as-of month have no row (empty, not 0).

create or replace macro scoped_cohort_retention(as_of_month, scope) as table
with account_months as (
    select account_id, month, mrr
    from scoped_account_month_mrr(as_of_month, scope)
),

account_cohorts as (
    select account_id, min(month) as cohort
    from account_months
    group by account_id
),

cohort_sizes as (
    select account_cohorts.cohort, count(*) as size, sum(account_months.mrr) as cohort_mrr
    from account_cohorts
    inner join account_months
        on account_months.account_id = account_cohorts.account_id
        and account_months.month = account_cohorts.cohort
    group by account_cohorts.cohort
),

cohort_activity as (
    select account_cohorts.cohort, account_months.month, count(*) as active_accounts, sum(account_months.mrr) as mrr
    from account_cohorts
    inner join account_months on account_months.account_id = account_cohorts.account_id
    group by account_cohorts.cohort, account_months.month
),

cohort_ages as (
    select
        cohort_sizes.cohort,
        months.month,
        months_between_starts(cohort_sizes.cohort, months.month) as age,
        cohort_sizes.size,
        cohort_sizes.cohort_mrr
    from cohort_sizes
    inner join months on months.month between cohort_sizes.cohort and as_of_month
)

select
    cohort_ages.cohort,
    cohort_ages.age,
    cohort_ages.size,
    coalesce(cohort_activity.active_accounts, 0) as active_accounts,
    coalesce(cohort_activity.mrr, 0) as mrr,
    coalesce(cohort_activity.active_accounts, 0) / cohort_ages.size as logo_retention,
    cast(coalesce(cohort_activity.mrr, 0) as double) / cohort_ages.cohort_mrr as revenue_retention
from cohort_ages
left join cohort_activity
    on cohort_activity.cohort = cohort_ages.cohort
    and cohort_activity.month = cohort_ages.month;

-- METRICS.md §3: monthly rates, with S = MRR(m-1) and N = accounts active in m-1.
-- A zero denominator gives null (shown as "–"), never 0. The first month of the
-- range has no m-1 in the data, so its rates are null.

create or replace macro scoped_monthly_rates(as_of_month, scope) as table
with movements as (
    select month, mrr, active_accounts, new, reactivation, expansion, contraction, churn, churned_accounts
    from scoped_monthly_mrr_movements(as_of_month, scope)
),

with_start_of_month as (
    select
        month, mrr, active_accounts, new, reactivation, expansion, contraction, churn, churned_accounts,
        lag(mrr) over (order by month) as mrr_start,
        lag(active_accounts) over (order by month) as accounts_start
    from movements
)

select
    month,
    mrr,
    active_accounts,
    mrr_start,
    accounts_start,
    churned_accounts,
    churned_accounts / nullif(accounts_start, 0) as logo_churn_rate,
    cast(-(churn + contraction) as double) / nullif(mrr_start, 0) as gross_mrr_churn_rate,
    1 + cast(churn + contraction as double) / nullif(mrr_start, 0) as grr,
    cast(mrr_start + expansion + contraction + churn as double) / nullif(mrr_start, 0) as nrr,
    cast(new + reactivation + expansion as double) / nullif(-(churn + contraction), 0) as quick_ratio
from with_start_of_month;
